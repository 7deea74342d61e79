import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_REQUEST_TIMEOUTS, apiRequest, isTokenRefused } from './request';
import type { ApiRequest, RequestContext, VendorApi } from './types';

/** How a vendor wraps a page of a collection. */
export interface PageEnvelope {
	/** The largest page the vendor serves: Return All asks for pages of this size. */
	maxPageSize: number;
	/**
	 * The smallest page the vendor accepts (some APIs refuse `limit` below a minimum): a smaller Limit
	 * asks for a page of this size and keeps only the items wanted.
	 */
	minPageSize?: number;
	/** Query parameters asking for `limit` items starting at `offset`. */
	pageQuery(offset: number, limit: number): IDataObject;
	items(body: unknown): IDataObject[];
	/** Size of the whole collection, when the vendor says it. */
	total(body: unknown): number | undefined;
	/** Identity used to drop an item a shifting collection serves twice. */
	itemKey?(item: IDataObject): string | undefined;
}

export interface PageSelection {
	returnAll: boolean;
	/** Items wanted when not returning all. */
	limit?: number;
	/** Safety stop: no listing fetches more pages than this. */
	maxPages?: number;
	/** Pages fetched at once once the total is known (default 4); 1 reads one page after another. */
	concurrency?: number;
}

export const DEFAULT_MAX_PAGES = 1000;

/** Envelope of APIs that page with `offset`/`limit` query parameters and return `{items, total}`. */
export function offsetEnvelope(options: {
	maxPageSize: number;
	minPageSize?: number;
	itemsKey?: string;
	totalKey?: string;
	offsetParam?: string;
	limitParam?: string;
}): PageEnvelope {
	const { maxPageSize, itemsKey = 'items', totalKey = 'total', offsetParam = 'offset', limitParam = 'limit' } =
		options;
	return {
		maxPageSize,
		minPageSize: options.minPageSize,
		pageQuery: (offset, limit) => ({ [offsetParam]: offset, [limitParam]: limit }),
		items: (body) => {
			const items = (body as IDataObject | undefined)?.[itemsKey];
			return Array.isArray(items) ? (items as IDataObject[]) : [];
		},
		total: (body) => {
			const total = (body as IDataObject | undefined)?.[totalKey];
			return typeof total === 'number' ? total : undefined;
		},
		itemKey: (item) => (typeof item.id === 'string' || typeof item.id === 'number' ? String(item.id) : undefined),
	};
}

/** How many times one listing starts over because the collection changed while it was read. */
const MAX_RESTARTS = 3;

/** Pages fetched at once once the first page has told the total. */
export const DEFAULT_PAGE_CONCURRENCY = 4;

interface PageRequest {
	offset: number;
	limit: number;
	settled: Promise<{ items: IDataObject[]; total?: number } | { error: unknown }>;
}

/**
 * Fetches a collection page by page: all of it, or the first `limit` items. The first page is
 * fetched alone (it establishes the access token and tells the total); the pages after it are
 * fetched a few at a time, and handled strictly in the API's order.
 *
 * Offset paging over a collection that changes meanwhile shifts items between pages: a removal
 * makes later items slide into pages already read (missed), an addition makes items repeat. So every
 * item is kept once by its key, and when the total changes the listing reads again from the start (a
 * bounded number of times). A hard page cap stops runaway listings.
 *
 * Concurrent pages never make n8n fetch a token: a new token can revoke the previous one, so
 * parallel refreshes would knock each other's requests out. A page refused with 401 waits until the
 * pages in flight have settled and is sent again alone, which refreshes the token once. After a 429
 * the listing goes on one page at a time.
 */
export async function fetchPages(
	ctx: RequestContext,
	api: VendorApi,
	request: ApiRequest,
	envelope: PageEnvelope,
	selection: PageSelection,
): Promise<IDataObject[]> {
	const wanted = selection.returnAll ? Number.POSITIVE_INFINITY : Math.max(0, selection.limit ?? 50);
	const maxPages = selection.maxPages ?? DEFAULT_MAX_PAGES;
	let concurrency = Math.max(1, Math.floor(selection.concurrency ?? DEFAULT_PAGE_CONCURRENCY));
	const pageRequest: ApiRequest = {
		...request,
		requestTimeoutMs: request.requestTimeoutMs ?? api.timeouts?.listPageMs ?? DEFAULT_REQUEST_TIMEOUTS.listPageMs,
	};
	const credentials = await ctx.getCredentials(api.credentialType);
	const results: IDataObject[] = [];
	const seen = new Set<string>();
	let pagesRequested = 0;
	let knownTotal: number | undefined;
	let restarts = 0;

	const fetchPage = async (offset: number, limit: number, concurrent: boolean) => {
		const response = await apiRequest(
			ctx,
			api,
			{ ...pageRequest, qs: { ...pageRequest.qs, ...envelope.pageQuery(offset, limit) } },
			{ allowTokenRefresh: !concurrent, onRateLimited: () => (concurrency = 1), credentials },
		);
		return { items: envelope.items(response.body), total: envelope.total(response.body) };
	};
	const launch = (offset: number, limit: number, concurrent: boolean): PageRequest => {
		pagesRequested++;
		const settled = fetchPage(offset, limit, concurrent).catch((error: unknown) => ({ error }));
		return { offset, limit, settled };
	};
	const keep = (items: IDataObject[]) => {
		for (const item of items) {
			const key = envelope.itemKey?.(item);
			if (key !== undefined) {
				if (seen.has(key)) continue;
				seen.add(key);
			}
			if (results.length < wanted) results.push(item);
		}
	};

	/** Where the next unread item starts. */
	let offset = 0;
	/** Items a full page holds: the first page shows when the vendor serves fewer than asked. */
	let pageStride = envelope.maxPageSize;
	let pending: PageRequest[] = [];
	while (results.length < wanted) {
		// Launch: one page while the total is unknown (or after a 429), else fill the window.
		let next = pending.length > 0 ? pending[pending.length - 1].offset + pageStride : offset;
		const window = knownTotal === undefined ? 1 : concurrency;
		while (pending.length < window && pagesRequested < maxPages) {
			const stillWanted = wanted - results.length - (next - offset);
			if (stillWanted <= 0 || (knownTotal !== undefined && pending.length > 0 && next >= knownTotal)) break;
			const limit = Math.max(envelope.minPageSize ?? 1, Math.min(envelope.maxPageSize, stillWanted));
			pending.push(launch(next, limit, pending.length > 0 || knownTotal !== undefined));
			next += Math.min(pageStride, limit);
		}
		const head = pending.shift();
		if (!head) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Stopped after ${maxPages} pages (${results.length} items) to protect this n8n`,
				{
					description: 'Narrow the listing with a filter, or turn off Return All and set a limit.',
					itemIndex: request.itemIndex,
				},
			);
		}
		let page = await head.settled;
		if ('error' in page && isTokenRefused(page.error)) {
			// Let every request still using the refused token end, then refresh once, alone.
			await Promise.all(pending.map(async (other) => await other.settled));
			page = await fetchPage(head.offset, head.limit, false);
		}
		if ('error' in page) throw page.error;
		if (head.offset !== offset) {
			// A page came back shorter than planned: the pages after it start in the wrong place.
			pending = [];
			continue;
		}

		const { items, total } = page;
		if (offset === 0 && total !== undefined && items.length > 0 && items.length < head.limit) pageStride = items.length;
		offset += items.length;
		keep(items);
		const changed = knownTotal !== undefined && total !== undefined && total !== knownTotal;
		knownTotal = total ?? knownTotal;
		if (changed && restarts < MAX_RESTARTS && envelope.itemKey) {
			restarts++;
			offset = 0;
			knownTotal = undefined;
			pending = [];
			continue;
		}
		const lastPage = items.length === 0 || (total !== undefined ? offset >= total : items.length < head.limit);
		if (lastPage) break;
	}
	return results;
}
