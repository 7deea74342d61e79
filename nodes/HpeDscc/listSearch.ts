import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { apiRequest } from '../shared/transport';
import { dsccApi } from './api';

const PAGE_SIZE = 100;

/**
 * One page of a DSCC collection for a resource locator. The search text is matched here, on name
 * and ID, because DSCC documents no substring operator for every collection. The pagination token
 * is the next offset.
 */
async function searchCollection(
	ctx: ILoadOptionsFunctions,
	path: string,
	filterText: string | undefined,
	paginationToken: string | undefined,
	label: (item: IDataObject) => string = (item) => String(item.name ?? item.id),
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0) || 0;
	const search = filterText?.trim().toLowerCase();
	const { body } = await apiRequest<IDataObject>(ctx, dsccApi, {
		method: 'GET',
		path,
		qs: { offset, limit: PAGE_SIZE },
	});
	const items = (body.items as IDataObject[] | undefined) ?? [];
	const total = typeof body.total === 'number' ? body.total : undefined;
	const next = offset + items.length;
	return {
		results: items
			.map((item) => ({ name: label(item), value: String(item.id) }))
			.filter((entry) => !search || `${entry.name} ${entry.value}`.toLowerCase().includes(search)),
		paginationToken: items.length > 0 && (total === undefined || next < total) ? String(next) : undefined,
	};
}

/** An initiator is known by its address (WWPN, IQN, NQN); its name, when it says more, follows in brackets. */
function initiatorLabel(item: IDataObject): string {
	const address = String(item.address ?? item.id);
	const name = typeof item.name === 'string' ? item.name.trim() : '';
	return name === '' || name.includes(address) ? address : `${address} (${name})`;
}

export const listSearch = {
	async searchStorageSystems(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchCollection(this, '/api/v1/storage-systems', filter, paginationToken);
	},
	async searchVolumes(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchCollection(this, '/api/v1/volumes', filter, paginationToken);
	},
	async searchHostGroups(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchCollection(this, '/api/v1/host-initiator-groups', filter, paginationToken);
	},
	async searchHosts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchCollection(this, '/api/v1/host-initiators', filter, paginationToken);
	},
	async searchVolumeSets(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchCollection(this, '/api/v1/volume-sets', filter, paginationToken);
	},
	async searchInitiators(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchCollection(this, '/api/v1/initiators', filter, paginationToken, initiatorLabel);
	},
};
