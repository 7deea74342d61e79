import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiRequest } from './request';
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

/**
 * Fetches a collection page by page: all of it, or the first `limit` items. Offset paging over a
 * collection that changes meanwhile shifts items between pages: a removal makes later items slide
 * into pages already read (missed), an addition makes items repeat. So every item is kept once by
 * its key, and when the total changes the listing reads again from the start (a bounded number of
 * times). A hard page cap stops runaway listings.
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
	const results: IDataObject[] = [];
	const seen = new Set<string>();
	let offset = 0;
	let knownTotal: number | undefined;
	let restarts = 0;

	for (let page = 0; results.length < wanted; page++) {
		if (page >= maxPages) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Stopped after ${maxPages} pages (${results.length} items) to protect this n8n`,
				{
					description: 'Narrow the listing with a filter, or turn off Return All and set a limit.',
					itemIndex: request.itemIndex,
				},
			);
		}
		const pageSize = Math.max(envelope.minPageSize ?? 1, Math.min(envelope.maxPageSize, wanted - results.length));
		const response = await apiRequest(ctx, api, {
			...request,
			qs: { ...request.qs, ...envelope.pageQuery(offset, pageSize) },
		});
		const items = envelope.items(response.body);
		const total = envelope.total(response.body);
		offset += items.length;
		for (const item of items) {
			const key = envelope.itemKey?.(item);
			if (key !== undefined) {
				if (seen.has(key)) continue;
				seen.add(key);
			}
			if (results.length < wanted) results.push(item);
		}
		const changed = knownTotal !== undefined && total !== undefined && total !== knownTotal;
		knownTotal = total ?? knownTotal;
		if (changed && restarts < MAX_RESTARTS && envelope.itemKey) {
			restarts++;
			offset = 0;
			continue;
		}
		const lastPage =
			items.length === 0 || (total !== undefined ? offset >= total : items.length < pageSize);
		if (lastPage) break;
	}
	return results;
}
