import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { pickedLocatorValue } from '../shared/locators';
import { apiRequest, fetchPages } from '../shared/transport';
import { DATA_SERVICES_PATH, PCBE_PATH, VIRTUALIZATION_ENVELOPE, GREENLAKE_ID_PATTERN, UUID_PATTERN, VIRTUALIZATION_PATH, greenLakeApi } from './api';

/** Allowed by every paged listing searched here (systems and servers take 10 to 100, the others up to 1000). */
const PAGE_SIZE = 100;
/** A dropdown lists at most this many items; a larger fleet is better served by an expression. */
const MAX_OPTIONS = 2000;

type Entry = { name: string; value: string };

const byNameAndId = (item: IDataObject): Entry => ({ name: String(item.name ?? item.displayName ?? item.id), value: String(item.id) });

interface Searchable {
	path: string;
	/** False where the listing takes no offset and limit and answers with everything (reports), or one page only (catalogs: `limit` alone). */
	paged?: boolean;
	qs?: IDataObject;
	entries?: (item: IDataObject) => Entry[];
}

/**
 * One page of a GreenLake collection for a resource locator. The search text is matched here on
 * name and ID (the APIs document no substring operator). The pagination token is the next offset.
 */
async function searchCollection(
	ctx: ILoadOptionsFunctions,
	collection: Searchable,
	filterText: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const paged = collection.paged !== false;
	const offset = Number(paginationToken ?? 0) || 0;
	const search = filterText?.trim().toLowerCase();
	const qs = { ...(collection.qs ?? {}), ...(paged ? { offset, limit: PAGE_SIZE } : {}) };
	const { body } = await apiRequest<IDataObject>(ctx, greenLakeApi, { method: 'GET', path: collection.path, qs });
	const items = (body.items as IDataObject[] | undefined) ?? [];
	const total = typeof body.total === 'number' ? body.total : undefined;
	const next = offset + items.length;
	return {
		results: items
			.flatMap(collection.entries ?? ((item) => [byNameAndId(item)]))
			.filter((entry) => !search || `${entry.name} ${entry.value}`.toLowerCase().includes(search)),
		paginationToken: paged && items.length > 0 && (total === undefined || next < total) ? String(next) : undefined,
	};
}

function searchOf(collection: Searchable) {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		return await searchCollection(this, collection, filter, paginationToken);
	};
}

const SYSTEMS = `${PCBE_PATH}/systems`;
const CATALOGS = { path: `${PCBE_PATH}/system-software-catalogs`, paged: false, qs: { limit: 100 } };
const POLICIES = { path: `${PCBE_PATH}/vm-provisioning-policies` };

export const listSearch = {
	searchSystems: searchOf({ path: SYSTEMS }),
	searchVirtualMachines: searchOf({ path: `${VIRTUALIZATION_PATH}/virtual-machines` }),
	searchDatastores: searchOf({ path: `${VIRTUALIZATION_PATH}/datastores` }),
	searchClusters: searchOf({ path: `${VIRTUALIZATION_PATH}/hypervisor-clusters` }),
	searchHosts: searchOf({ path: `${VIRTUALIZATION_PATH}/hypervisor-hosts` }),
	searchManagers: searchOf({ path: `${VIRTUALIZATION_PATH}/hypervisor-managers` }),
	searchPolicies: searchOf(POLICIES),
	/** The report listing takes no offset or limit: it answers with every report at once. */
	searchReports: searchOf({
		path: `${PCBE_PATH}/configuration-analysis-reports`,
		paged: false,
		qs: { sort: 'createdAt desc' },
		entries: (report) => [
			{ name: `${String(report.systemName ?? report.name ?? report.id)} (${String(report.createdAt ?? report.runStartedAt ?? 'no date')})`, value: String(report.id) },
		],
	}),
	searchOperations: searchOf({
		path: `${DATA_SERVICES_PATH}/async-operations`,
		qs: { sort: 'createdAt desc' },
		entries: (operation) => [
			{ name: `${String(operation.displayName ?? operation.name ?? operation.id)} (${String(operation.state ?? 'UNKNOWN')})`, value: String(operation.id) },
		],
	}),
	searchCatalogs: searchOf({ ...CATALOGS, entries: (catalog) => [{ name: `Version ${String(catalog.version ?? catalog.id)}`, value: String(catalog.id) }] }),
	searchCatalogVersions: searchOf({
		...CATALOGS,
		entries: (catalog) => (catalog.version === undefined ? [] : [{ name: String(catalog.version), value: String(catalog.version) }]),
	}),
	/** The storage systems behind the PCBE systems (what a datastore is created on). */
	searchStorageSystems: searchOf({
		path: SYSTEMS,
		entries: (system) => {
			const storage = system.storageSystem as IDataObject | undefined;
			if (!storage?.id) return [];
			return [{ name: `${String(storage.name ?? storage.id)} (${String(system.name ?? system.id)})`, value: String(storage.id) }];
		},
	}),
	/** The servers of the system picked above; none until a system is picked. */
	async searchServers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const systemId = pickedLocatorValue(this, 'systemId');
		if (!UUID_PATTERN.test(systemId)) return { results: [] };
		return await searchCollection(this, { path: `${SYSTEMS}/${encodeURIComponent(systemId)}/servers` }, filter, paginationToken);
	},
};

async function allOptions(ctx: ILoadOptionsFunctions, path: string): Promise<INodePropertyOptions[]> {
	const items = await fetchPages(ctx, greenLakeApi, { method: 'GET', path }, VIRTUALIZATION_ENVELOPE, { returnAll: false, limit: MAX_OPTIONS });
	return items.map(byNameAndId).sort((a, b) => a.name.localeCompare(b.name));
}

/** Multi-selects loaded live: the virtual machines to migrate, the clusters of the system picked above. */
export const loadOptions = {
	async getVirtualMachines(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await allOptions(this, `${VIRTUALIZATION_PATH}/virtual-machines`);
	},
	/** The disks of the VM picked above (what Update Hardware edits or deletes). */
	async getVirtualMachineDisks(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const vmId = pickedLocatorValue(this, 'vmId');
		if (!GREENLAKE_ID_PATTERN.test(vmId)) return [];
		const { body } = await apiRequest<IDataObject>(this, greenLakeApi, { method: 'GET', path: `${VIRTUALIZATION_PATH}/virtual-machines/${encodeURIComponent(vmId)}` });
		const disks = (body.virtualDisks as IDataObject[] | undefined) ?? [];
		return disks.map((disk) => ({ name: `${String(disk.name ?? disk.id)} (${String(disk.capacityInMb ?? '?')} MB)`, value: String(disk.id) }));
	},
	async getSystemClusters(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const systemId = pickedLocatorValue(this, 'systemId');
		if (!UUID_PATTERN.test(systemId)) return [];
		const { body } = await apiRequest<IDataObject>(this, greenLakeApi, { method: 'GET', path: `${SYSTEMS}/${encodeURIComponent(systemId)}` });
		const clusters = (body.hypervisorClusters as IDataObject[] | undefined) ?? [];
		return clusters.map(byNameAndId).sort((a, b) => a.name.localeCompare(b.name));
	},
};
