import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pickedLocatorValue } from '../shared/locators';
import { fillPath } from '../shared/parameters';
import { apiRequest } from '../shared/transport';
import { DSCC_ID_PATTERN, dsccApi } from './api';
import type { DeviceType, ResolvedSystem } from './deviceType';
import { DEVICE_TYPE_NAMES, deviceTypeOf } from './deviceType';
import { CONTROLLER_PATHS } from './resources/controller';
import { ENCLOSURE_PATHS } from './resources/enclosure';
import { PORT_PATHS, nimblePortItems } from './resources/port';
import { PROTECTION_TEMPLATE_PATHS } from './resources/protectionTemplate';
import { systemPath } from './systemComponents';

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
	/** Query parameters every page is read with, e.g. a filter that scopes the list. */
	qs?: IDataObject;
	/** Where the items are in a page, for a listing not wrapped in `{items, total}`. */
	items?: (body: IDataObject) => IDataObject[];
	/** Leaves out items the list must not offer. */
	accept?: (item: IDataObject) => boolean;
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
	itemsOf?: (body: IDataObject) => IDataObject[],
): Promise<{ items: IDataObject[]; total?: number }> {
	const { body } = await apiRequest<IDataObject>(ctx, dsccApi, { method: 'GET', path, qs });
	const items = itemsOf ? itemsOf(body ?? {}) : Array.isArray(body.items) ? (body.items as IDataObject[]) : [];
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
		const { items, total } = await readPage(ctx, collection.path, { ...collection.qs, offset, limit: BROWSE_PAGE_SIZE }, collection.items);
		const next = offset + items.length;
		return {
			results: items.filter(collection.accept ?? (() => true)).map(toResult),
			paginationToken: items.length > 0 && (total === undefined || next < total) ? String(next) : undefined,
		};
	}

	const needle = search.toLowerCase();
	const results: INodeListSearchItems[] = [];
	const seen = new Set<string>();
	const add = (item: IDataObject) => {
		if (collection.accept && !collection.accept(item)) return;
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
		}, collection.items).catch(() => undefined);
		exact?.items.forEach(add);
		exactListed = exact !== undefined;
	}
	const isListedExact = (item: IDataObject) => exactListed && String(item[exactProperty as string] ?? '') === search;
	for (let page = 0; page < MAX_PAGES_PER_SEARCH; page++) {
		const { items, total } = await readPage(ctx, collection.path, { ...collection.qs, offset, limit: SEARCH_PAGE_SIZE }, collection.items);
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

/** What a component of a storage system is called in a list: its name, else what the array shows, else its serial. */
export function componentLabel(item: IDataObject): string {
	for (const field of ['name', 'displayname', 'displayName', 'display_name']) {
		if (typeof item[field] === 'string' && item[field] !== '') return item[field] as string;
	}
	if (typeof item.slot === 'number') {
		const shelf = typeof item.shelf_location === 'string' ? `, shelf ${item.shelf_location}` : '';
		return `Slot ${item.slot}${shelf}${typeof item.serial === 'string' ? ` (${item.serial})` : ''}`;
	}
	return String(item.serial ?? item.id);
}

/** A port of HPE Nimble / Alletra 6000, whose two controllers have ports of the same names: "fc1a.1 (controller A)". */
export function nimblePortLabel(item: IDataObject): string {
	const name = componentLabel(item);
	return typeof item.controller_name === 'string' ? `${name} (controller ${item.controller_name})` : name;
}

/** An issue by its title and severity, e.g. "Pool SSD_r6 is 90% full · WARNING". */
export function issueLabel(item: IDataObject): string {
	const title = String(item.title ?? item.name ?? item.id);
	return typeof item.severity === 'string' ? `${title} · ${item.severity}` : title;
}

/** The storage system a dependent list is read from, found from the ID picked in the panel (undefined while none is). */
async function systemById(ctx: ILoadOptionsFunctions, systemId: string): Promise<ResolvedSystem | undefined> {
	if (!DSCC_ID_PATTERN.test(systemId)) return undefined;
	const { body: system } = await apiRequest<IDataObject>(ctx, dsccApi, {
		method: 'GET',
		path: fillPath('/api/v1/storage-systems/{id}', { id: systemId }),
		subject: `Storage system ${systemId}`,
	});
	const deviceType = deviceTypeOf(system);
	const name = typeof system.name === 'string' ? system.name : systemId;
	if (!deviceType) throw new NodeOperationError(ctx.getNode(), `Storage system "${name}" is of a kind this node does not manage`);
	return { id: systemId, deviceType, name, subject: `Storage system "${name}"` };
}

/** The storage system picked in the Storage System field. */
export async function pickedSystem(ctx: ILoadOptionsFunctions): Promise<ResolvedSystem | undefined> {
	return await systemById(ctx, pickedLocatorValue(ctx, 'systemId'));
}

/** The volume picked in the Volume field, with the storage system that holds it. */
export async function pickedVolume(ctx: ILoadOptionsFunctions): Promise<{ id: string; system: ResolvedSystem } | undefined> {
	const volumeId = pickedLocatorValue(ctx, 'volumeId');
	if (!DSCC_ID_PATTERN.test(volumeId)) return undefined;
	const { body: volume } = await apiRequest<IDataObject>(ctx, dsccApi, {
		method: 'GET',
		path: fillPath('/api/v1/volumes/{id}', { id: volumeId }),
		subject: `Volume ${volumeId}`,
	});
	const system = await systemById(ctx, typeof volume.systemId === 'string' ? volume.systemId : '');
	return system && { id: volumeId, system };
}

/** The storage system a list of its items is read from: the one picked, else the one holding the picked volume or volume set. */
export async function systemInPanel(ctx: ILoadOptionsFunctions): Promise<ResolvedSystem | undefined> {
	const picked = await pickedSystem(ctx);
	if (picked) return picked;
	const volume = await pickedVolume(ctx);
	if (volume) return volume.system;
	const volumeSetId = pickedLocatorValue(ctx, 'volumeSetId');
	if (!DSCC_ID_PATTERN.test(volumeSetId)) return undefined;
	const { body: volumeSet } = await apiRequest<IDataObject>(ctx, dsccApi, {
		method: 'GET',
		path: fillPath('/api/v1/volume-sets/{id}', { id: volumeSetId }),
		subject: `Volume set ${volumeSetId}`,
	});
	return await systemById(ctx, typeof volumeSet.systemId === 'string' ? volumeSet.systemId : '');
}

/** A list of one storage system: where it lives for each device type, and how its items read. */
interface SystemCollection extends Omit<SearchableCollection, 'path'> {
	paths: Partial<Record<DeviceType, string>>;
	/** What the items are called, for the message when the system's kind has none, e.g. "protection templates". */
	itemName: string;
}

/** The path of a list of the given storage system; fails clearly when its kind has no such list. */
function systemCollection(ctx: ILoadOptionsFunctions, system: ResolvedSystem, collection: SystemCollection, values: Record<string, string> = {}): SearchableCollection {
	const relativePath = collection.paths[system.deviceType];
	if (relativePath === undefined) {
		const kinds = (Object.keys(collection.paths) as DeviceType[]).map((type) => DEVICE_TYPE_NAMES[type]).join(', ');
		throw new NodeOperationError(ctx.getNode(), `${system.subject} (${DEVICE_TYPE_NAMES[system.deviceType]}) has no ${collection.itemName}`, {
			description: `Only ${kinds} have ${collection.itemName}. Pick another storage system.`,
		});
	}
	return { ...collection, path: systemPath(system, relativePath, values) };
}

const NOTHING_PICKED: INodeListSearchResult = { results: [] };

/** Searches a list of the storage system in the panel; lists nothing, and sends nothing, while no system is picked. */
async function searchInSystem(
	ctx: ILoadOptionsFunctions,
	collection: SystemCollection,
	filter: string | undefined,
	paginationToken: string | undefined,
	findSystem: (ctx: ILoadOptionsFunctions) => Promise<ResolvedSystem | undefined> = pickedSystem,
): Promise<INodeListSearchResult> {
	const system = await findSystem(ctx);
	if (!system) return NOTHING_PICKED;
	return await searchCollection(ctx, systemCollection(ctx, system, collection), filter, paginationToken);
}

export const SYSTEM_COLLECTIONS = {
	controllers: { paths: CONTROLLER_PATHS, itemName: 'controllers', label: componentLabel },
	ports: { paths: PORT_PATHS, itemName: 'ports', label: componentLabel },
	nimblePorts: { paths: PORT_PATHS, itemName: 'ports', label: nimblePortLabel, items: nimblePortItems },
	enclosures: { paths: ENCLOSURE_PATHS, itemName: 'enclosures or shelves', label: componentLabel },
	protectionTemplates: { paths: PROTECTION_TEMPLATE_PATHS, itemName: 'protection templates', exactProperty: 'name' },
	performancePolicies: { paths: { 'device-type2': 'performance-policies' }, itemName: 'performance policies', exactProperty: 'name' },
	storagePools: { paths: { 'device-type1': 'storage-pools', 'device-type2': 'storage-pools', 'device-type4': 'storage-pools' }, itemName: 'storage pools' },
} satisfies Record<string, SystemCollection>;

export const COLLECTIONS = {
	storageSystems: { path: '/api/v1/storage-systems', exactProperty: 'name' },
	nimbleSystems: { path: '/api/v1/storage-systems', exactProperty: 'name', accept: (system) => deviceTypeOf(system) === 'device-type2' },
	issues: { path: '/api/v1/issues', label: issueLabel },
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
	async searchIssues(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchCollection(this, COLLECTIONS.issues, filter, paginationToken);
	},
	/** Systems that have protection templates: HPE Nimble / Alletra 6000. */
	async searchNimbleSystems(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchCollection(this, COLLECTIONS.nimbleSystems, filter, paginationToken);
	},
	async searchControllers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchInSystem(this, SYSTEM_COLLECTIONS.controllers, filter, paginationToken);
	},
	async searchPorts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const system = await pickedSystem(this);
		if (!system) return NOTHING_PICKED;
		const collection = system.deviceType === 'device-type2' ? SYSTEM_COLLECTIONS.nimblePorts : SYSTEM_COLLECTIONS.ports;
		return await searchCollection(this, systemCollection(this, system, collection), filter, paginationToken);
	},
	async searchEnclosures(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchInSystem(this, SYSTEM_COLLECTIONS.enclosures, filter, paginationToken);
	},
	/**
	 * The disks of the picked enclosure (HPE Primera / Alletra 9000, Alletra Storage MP list disks per
	 * enclosure), or of the picked Nimble system, narrowed to the picked shelf when one is.
	 */
	async searchDisks(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const system = await pickedSystem(this);
		if (!system) return NOTHING_PICKED;
		const enclosureId = pickedLocatorValue(this, 'enclosureId');
		const picked = DSCC_ID_PATTERN.test(enclosureId);
		if (system.deviceType === 'device-type2') {
			const qs = picked ? { filter: `shelf_id eq ${odataString(enclosureId)}` } : undefined;
			return await searchCollection(this, { path: systemPath(system, 'disks'), label: componentLabel, qs }, filter, paginationToken);
		}
		if (!picked) return NOTHING_PICKED;
		const path = systemPath(system, 'enclosures/{enclosureId}/disks', { enclosureId });
		return await searchCollection(this, { path, label: componentLabel }, filter, paginationToken);
	},
	async searchProtectionTemplates(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchInSystem(this, SYSTEM_COLLECTIONS.protectionTemplates, filter, paginationToken);
	},
	/** The performance policies of the picked system, or of the system holding the picked volume. */
	async searchPerformancePolicies(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchInSystem(this, SYSTEM_COLLECTIONS.performancePolicies, filter, paginationToken, systemInPanel);
	},
	async searchStoragePools(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchInSystem(this, SYSTEM_COLLECTIONS.storagePools, filter, paginationToken);
	},
	/** The snapshots of the picked volume. */
	async searchSnapshots(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const volume = await pickedVolume(this);
		if (!volume) return NOTHING_PICKED;
		const path = systemPath(volume.system, 'volumes/{volumeId}/snapshots', { volumeId: volume.id });
		return await searchCollection(this, { path, exactProperty: 'name' }, filter, paginationToken);
	},
};
