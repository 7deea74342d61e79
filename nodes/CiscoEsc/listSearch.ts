import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { apiRequest } from '../shared/transport';
import { escApi } from './api';
import { listItems } from './operations';

/** ESC lists are not paged: one request, searched here on name and ID. */
async function search(
	ctx: ILoadOptionsFunctions,
	path: string,
	itemName: string,
	id: (item: IDataObject) => unknown,
	label: (item: IDataObject) => unknown,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { body } = await apiRequest(ctx, escApi, { method: 'GET', path });
	const text = filter?.trim().toLowerCase();
	const results = listItems(body, itemName)
		.filter((item) => id(item) !== undefined && id(item) !== '')
		.map((item) => {
			const value = String(id(item));
			const name = String(label(item) ?? value);
			return { name: name === value ? value : `${name} (${value})`, value };
		})
		.filter((entry) => !text || entry.name.toLowerCase().includes(text));
	return { results };
}

export const listSearch = {
	async searchTenants(this: ILoadOptionsFunctions, filter?: string) {
		return await search(this, '/v0/tenants', 'tenant', (t) => t.internal_tenant_id, (t) => t.name, filter);
	},
	async searchDeployments(this: ILoadOptionsFunctions, filter?: string) {
		return await search(this, '/v0/deployments', 'deployment', (d) => d.internal_deployment_id, (d) => d.deployment_name ?? d.name, filter);
	},
	async searchVimConnectors(this: ILoadOptionsFunctions, filter?: string) {
		return await search(this, '/v0/vims', 'vim_connector', (v) => v.id, (v) => v.type, filter);
	},
};
