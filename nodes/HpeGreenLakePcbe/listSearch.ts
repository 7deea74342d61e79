import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { apiRequest } from '../shared/transport';
import { PCBE_PATH, VIRTUALIZATION_PATH, greenLakeApi } from './api';

/** Allowed by every listing searched here (systems take 10 to 100, the others up to 1000). */
const PAGE_SIZE = 100;

/**
 * One page of a GreenLake collection for a resource locator. The search text is matched here on
 * name and ID (the APIs document no substring operator). The pagination token is the next offset.
 */
async function searchCollection(
	ctx: ILoadOptionsFunctions,
	path: string,
	filterText: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0) || 0;
	const search = filterText?.trim().toLowerCase();
	const { body } = await apiRequest<IDataObject>(ctx, greenLakeApi, { method: 'GET', path, qs: { offset, limit: PAGE_SIZE } });
	const items = (body.items as IDataObject[] | undefined) ?? [];
	const total = typeof body.total === 'number' ? body.total : undefined;
	const next = offset + items.length;
	return {
		results: items
			.map((item) => ({ name: String(item.name ?? item.displayName ?? item.id), value: String(item.id) }))
			.filter((entry) => !search || `${entry.name} ${entry.value}`.toLowerCase().includes(search)),
		paginationToken: items.length > 0 && (total === undefined || next < total) ? String(next) : undefined,
	};
}

export const listSearch = {
	async searchSystems(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchCollection(this, `${PCBE_PATH}/systems`, filter, paginationToken);
	},
	async searchVirtualMachines(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchCollection(this, `${VIRTUALIZATION_PATH}/virtual-machines`, filter, paginationToken);
	},
	async searchDatastores(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchCollection(this, `${VIRTUALIZATION_PATH}/datastores`, filter, paginationToken);
	},
	async searchClusters(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchCollection(this, `${VIRTUALIZATION_PATH}/hypervisor-clusters`, filter, paginationToken);
	},
};
