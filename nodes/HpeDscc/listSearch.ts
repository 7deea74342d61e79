import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { apiRequest } from '../shared/transport';
import { dsccApi } from './api';

/** Items a list shows per page while the user only scrolls. */
const BROWSE_PAGE_SIZE = 100;
/** While searching, pages are read at DSCC's largest size... */
const SEARCH_PAGE_SIZE = 1000;
/** ...until this many matches are found, or this many pages were read; the list then offers more. */
const ENOUGH_MATCHES = 50;
const MAX_PAGES_PER_SEARCH = 5;
const MAX_SEARCH_LENGTH = 255;

type Label = (item: IDataObject) => string;

export interface SearchableCollection {
	path: string;
	/** How an item reads in the list; its name (else ID) by default. */
	label?: Label;
	/**
	 * The property DSCC filters on exactly (`<property> eq '<text>'`), so that an item named exactly
	 * like the search text is found wherever it is in the collection. DSCC documents no substring
	 * operator, so other matches are found by reading pages.
	 */
	exactProperty?: string;
}

const byName: Label = (item) => String(item.name ?? item.id);

/** An OData string literal: single quotes doubled, so the text cannot leave the literal. */
export function odataString(text: string): string {
	return `'${text.replace(/'/g, "''")}'`;
}

async function readPage(
	ctx: ILoadOptionsFunctions,
	path: string,
	qs: IDataObject,
): Promise<{ items: IDataObject[]; total?: number }> {
	const { body } = await apiRequest<IDataObject>(ctx, dsccApi, { method: 'GET', path, qs });
	const items = Array.isArray(body.items) ? (body.items as IDataObject[]) : [];
	return { items, total: typeof body.total === 'number' ? body.total : undefined };
}

/**
 * One page of a DSCC collection for a resource locator; the pagination token is the next offset.
 * Without search text it is one page as DSCC serves it. With search text, an exact match is asked
 * of DSCC first, then pages are read and matched on label and ID until enough matches are found or
 * the collection ends, so a match far down a large collection is found too. The token then also
 * says whether the exact matches were already listed (`<offset>`) or not (`<offset>:all`).
 */
export async function searchCollection(
	ctx: ILoadOptionsFunctions,
	collection: SearchableCollection,
	filterText: string | undefined,
	paginationToken: string | undefined,
	labelOverride?: Label,
): Promise<INodeListSearchResult> {
	const label = labelOverride ?? collection.label ?? byName;
	const [offsetText, scope] = (paginationToken ?? '0').split(':');
	let offset = Number(offsetText) || 0;
	const search = (filterText ?? '').replace(/[\r\n\t]/g, ' ').trim().slice(0, MAX_SEARCH_LENGTH);
	const toResult = (item: IDataObject): INodeListSearchItems => ({ name: label(item), value: String(item.id) });

	if (search === '') {
		const { items, total } = await readPage(ctx, collection.path, { offset, limit: BROWSE_PAGE_SIZE });
		const next = offset + items.length;
		return {
			results: items.map(toResult),
			paginationToken: items.length > 0 && (total === undefined || next < total) ? String(next) : undefined,
		};
	}

	const needle = search.toLowerCase();
	const results: INodeListSearchItems[] = [];
	const seen = new Set<string>();
	const add = (item: IDataObject) => {
		const entry = toResult(item);
		if (seen.has(entry.value as string)) return;
		seen.add(entry.value as string);
		results.push(entry);
	};
	const { exactProperty } = collection;
	let exactListed = scope !== 'all' && exactProperty !== undefined;
	if (exactListed && offset === 0) {
		// DSCC documents `eq` filters without saying on which properties of every collection: if it
		// refuses this one, the search only loses its shortcut; the pages below find the item.
		const exact = await readPage(ctx, collection.path, {
			filter: `${exactProperty} eq ${odataString(search)}`,
			limit: ENOUGH_MATCHES,
		}).catch(() => undefined);
		exact?.items.forEach(add);
		exactListed = exact !== undefined;
	}
	const isListedExact = (item: IDataObject) => exactListed && String(item[exactProperty as string] ?? '') === search;
	for (let page = 0; page < MAX_PAGES_PER_SEARCH; page++) {
		const { items, total } = await readPage(ctx, collection.path, { offset, limit: SEARCH_PAGE_SIZE });
		for (const item of items) {
			// Exact matches came first, from DSCC's own filter; later pages must not repeat them.
			if (isListedExact(item)) continue;
			if (`${label(item)} ${String(item.id)}`.toLowerCase().includes(needle)) add(item);
		}
		offset += items.length;
		if (items.length === 0 || (total !== undefined && offset >= total)) return { results };
		if (results.length >= ENOUGH_MATCHES) break;
	}
	return { results, paginationToken: exactListed ? String(offset) : `${offset}:all` };
}

/** An initiator is known by its address (WWPN, IQN, NQN); its name, when it says more, follows in brackets. */
export function initiatorLabel(item: IDataObject): string {
	const address = String(item.address ?? item.id);
	const name = typeof item.name === 'string' ? item.name.trim() : '';
	return name === '' || name.includes(address) ? address : `${address} (${name})`;
}

/** A task by what it does, its state and when it was created, e.g. "Create volume sql-01 · SUCCEEDED · 2026-11-29 20:31". */
export function taskLabel(item: IDataObject): string {
	const what = String(item.displayName ?? item.name ?? item.id);
	const state = typeof item.state === 'string' ? item.state : undefined;
	const created = typeof item.createdAt === 'string' ? item.createdAt.replace('T', ' ').slice(0, 16) : undefined;
	return [what, state, created].filter((part) => part !== undefined).join(' · ');
}

/** Storage system names by ID, to say which system a volume or volume set is on. */
async function systemNames(ctx: ILoadOptionsFunctions): Promise<Map<string, string>> {
	const { items } = await readPage(ctx, '/api/v1/storage-systems', { limit: SEARCH_PAGE_SIZE, select: 'id,name' });
	return new Map(items.map((system) => [String(system.id), String(system.name ?? system.id)]));
}

/** "vol-01 (array-1)": the item's name and the storage system it is on. */
function onSystem(names: Map<string, string>): Label {
	return (item) => {
		const systemId = typeof item.systemId === 'string' ? item.systemId : undefined;
		const system = systemId === undefined ? undefined : (names.get(systemId) ?? systemId);
		return system === undefined ? byName(item) : `${byName(item)} (${system})`;
	};
}

export const COLLECTIONS = {
	storageSystems: { path: '/api/v1/storage-systems', exactProperty: 'name' },
	volumes: { path: '/api/v1/volumes', exactProperty: 'name' },
	volumeSets: { path: '/api/v1/volume-sets', exactProperty: 'name' },
	hostGroups: { path: '/api/v1/host-initiator-groups', exactProperty: 'name' },
	hosts: { path: '/api/v1/host-initiators', exactProperty: 'name' },
	initiators: { path: '/api/v1/initiators', label: initiatorLabel, exactProperty: 'address' },
	tasks: { path: '/api/v1/tasks', label: taskLabel },
} satisfies Record<string, SearchableCollection>;

export const listSearch = {
	async searchStorageSystems(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchCollection(this, COLLECTIONS.storageSystems, filter, paginationToken);
	},
	async searchVolumes(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchCollection(this, COLLECTIONS.volumes, filter, paginationToken, onSystem(await systemNames(this)));
	},
	async searchHostGroups(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchCollection(this, COLLECTIONS.hostGroups, filter, paginationToken);
	},
	async searchHosts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchCollection(this, COLLECTIONS.hosts, filter, paginationToken);
	},
	async searchVolumeSets(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchCollection(this, COLLECTIONS.volumeSets, filter, paginationToken, onSystem(await systemNames(this)));
	},
	async searchInitiators(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchCollection(this, COLLECTIONS.initiators, filter, paginationToken);
	},
	async searchTasks(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchCollection(this, COLLECTIONS.tasks, filter, paginationToken);
	},
};
