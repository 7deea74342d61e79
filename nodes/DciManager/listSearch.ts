import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { apiRequest } from '../shared/transport';
import type { EndpointName } from './api';
import { dciApi, endpointPath } from './api';
import { conditionExpression } from './where';

const PAGE_SIZE = 100;

/**
 * One page of a DCImanager list for a resource locator; the search text becomes a `CP` (contains)
 * condition on the item's label field, quoted like every filter value. The pagination token is the next offset.
 */
async function searchList(
	ctx: ILoadOptionsFunctions,
	endpoint: EndpointName,
	labelField: string,
	filterText: string | undefined,
	paginationToken: string | undefined,
	label: (item: IDataObject) => string,
	orderby = `${labelField} asc`,
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0) || 0;
	const search = filterText?.trim() ?? '';
	const qs: IDataObject = { limit: `${offset},${PAGE_SIZE}`, orderby };
	if (search !== '') qs.where = conditionExpression({ field: labelField, operator: 'contains', value: search.slice(0, 200) });
	const { body } = await apiRequest<IDataObject>(ctx, dciApi, { method: 'GET', path: endpointPath(endpoint), qs });
	const items = Array.isArray(body.list) ? (body.list as IDataObject[]) : [];
	const next = offset + items.length;
	return {
		results: items.map((item) => ({ name: label(item), value: String(item.id) })),
		paginationToken: items.length > 0 && (typeof body.size !== 'number' || next < body.size) ? String(next) : undefined,
	};
}

function withId(text: unknown, id: unknown): string {
	return typeof text === 'string' && text !== '' ? `${text} (${String(id)})` : `#${String(id)}`;
}

export const listSearch = {
	async searchServers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchList(this, 'serverList', 'name', filter, paginationToken, (item) => withId(item.name ?? item.domain, item.id));
	},
	async searchUsers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchList(this, 'userList', 'email', filter, paginationToken, (item) => withId(item.email, item.id));
	},
	async searchLocations(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchList(this, 'locationList', 'name', filter, paginationToken, (item) => withId(item.name, item.id));
	},
	async searchRacks(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchList(this, 'rackList', 'name', filter, paginationToken, (item) => withId(item.name, item.id));
	},
	async searchSwitches(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchList(this, 'switchList', 'name', filter, paginationToken, (item) => withId(item.name, item.id));
	},
	/** IP addresses are named by the address itself. */
	async searchIpAddresses(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchList(this, 'ipList', 'name', filter, paginationToken, (item) =>
			withId(typeof item.domain === 'string' && item.domain !== '' ? `${String(item.name)} ${item.domain}` : item.name, item.id),
		);
	},
	async searchIpNetworks(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchList(this, 'networkList', 'name', filter, paginationToken, (item) => withId(item.name, item.id));
	},
	async searchOsTemplates(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchList(this, 'osTemplateList', 'name', filter, paginationToken, (item) => withId(item.name, item.id));
	},
	/** Newest first, each with its status and server: "os_install, failed, server 6 (1042)". */
	async searchOperations(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchList(
			this,
			'operationList',
			'name',
			filter,
			paginationToken,
			(item) =>
				withId(
					[item.name, item.status, item.server_id !== undefined && item.server_id !== null ? `server ${String(item.server_id)}` : undefined]
						.filter((part) => part !== undefined && part !== null && part !== '')
						.map(String)
						.join(', '),
					item.id,
				),
			'id desc',
		);
	},
};
