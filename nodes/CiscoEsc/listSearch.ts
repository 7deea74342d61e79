import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { pickedLocatorValue } from '../shared/locators';
import { apiRequest } from '../shared/transport';
import { INTERNAL_ID_PATTERN, NAME_IN_PATH_PATTERN, escApi } from './api';
import { listItems } from './operations';
import { vmGroupsOf } from './resources/deployment';

interface Listing {
	path: string;
	itemName: string;
	/** What the field takes: the item's ID, or its name where ESC refers to it by name (data models). */
	value: (item: IDataObject) => unknown;
	label: (item: IDataObject) => unknown;
	/** Shown in brackets after the label; the value when not given (and not the label itself). */
	detail?: (item: IDataObject) => unknown;
	/** Keeps only some items (a chosen tenant's deployments). */
	keep?: (item: IDataObject) => boolean;
}

const NOTHING: INodeListSearchResult = { results: [] };

/** ESC lists are not paged: one request, searched here on name and ID. */
async function search(ctx: ILoadOptionsFunctions, listing: Listing, filter?: string): Promise<INodeListSearchResult> {
	const { body } = await apiRequest(ctx, escApi, { method: 'GET', path: listing.path });
	const text = filter?.trim().toLowerCase();
	const results = listItems(body, listing.itemName)
		.filter((item) => listing.value(item) !== undefined && listing.value(item) !== '' && (listing.keep?.(item) ?? true))
		.map((item) => {
			const value = String(listing.value(item));
			const label = String(listing.label(item) ?? value);
			const detail = String((listing.detail ?? listing.value)(item) ?? '');
			return { name: detail === '' || detail === label ? label : `${label} (${detail})`, value };
		})
		.filter((entry) => !text || entry.name.toLowerCase().includes(text));
	return { results };
}

/** The tenant picked above (its internal ID), or '' when none is picked yet or it is not an ID. */
function pickedTenant(ctx: ILoadOptionsFunctions): string {
	const tenant = pickedLocatorValue(ctx, 'tenantId');
	return INTERNAL_ID_PATTERN.test(tenant) ? tenant : '';
}

/**
 * The internal ID of the tenant a data model names (Deployment Create/Update take the tenant's
 * name): the tenant of that name, or of that ID (ESC's own tenant is "admin" under both).
 */
async function tenantOfName(ctx: ILoadOptionsFunctions): Promise<string> {
	const name = pickedLocatorValue(ctx, 'tenantName');
	if (name === '') return '';
	const { body } = await apiRequest(ctx, escApi, { method: 'GET', path: '/v0/tenants' });
	const tenants = listItems(body, 'tenant');
	const tenant = tenants.find((t) => t.name === name) ?? tenants.find((t) => t.internal_tenant_id === name);
	const id = String(tenant?.internal_tenant_id ?? '');
	return INTERNAL_ID_PATTERN.test(id) ? id : '';
}

const tenantScoped = (segment: string, itemName: string, value: (item: IDataObject) => unknown) =>
	async function (this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const tenant = pickedTenant(this);
		// No tenant picked yet: nothing to list (the editor loads the list again once one is).
		if (tenant === '') return NOTHING;
		return await search(this, { path: `/v0/${encodeURIComponent(tenant)}/${segment}`, itemName, value, label: (item) => item.name }, filter);
	};

const global = (segment: string, itemName: string, value: (item: IDataObject) => unknown) =>
	async function (this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await search(this, { path: `/v0/${segment}`, itemName, value, label: (item) => item.name }, filter);
	};

const byName = (item: IDataObject) => item.name;

export const listSearch = {
	async searchTenants(this: ILoadOptionsFunctions, filter?: string) {
		return await search(this, { path: '/v0/tenants', itemName: 'tenant', value: (t) => t.internal_tenant_id, label: (t) => t.name }, filter);
	},
	/** Tenants by name, as an ESC data model names them. */
	async searchTenantNames(this: ILoadOptionsFunctions, filter?: string) {
		return await search(this, { path: '/v0/tenants', itemName: 'tenant', value: byName, label: byName, detail: (t) => t.internal_tenant_id }, filter);
	},
	/** Every deployment, or only the chosen tenant's where the operation names one. */
	async searchDeployments(this: ILoadOptionsFunctions, filter?: string) {
		const tenant = pickedTenant(this);
		return await search(
			this,
			{
				path: '/v0/deployments',
				itemName: 'deployment',
				value: (d) => d.internal_deployment_id,
				label: (d) => d.deployment_name ?? d.name,
				keep: tenant === '' ? undefined : (d) => d.internal_tenant_id === tenant,
			},
			filter,
		);
	},
	/** The VMs of the chosen deployment, by the name ESC gave each. */
	async searchVms(this: ILoadOptionsFunctions, filter?: string) {
		const deployment = pickedLocatorValue(this, 'deploymentId');
		if (!INTERNAL_ID_PATTERN.test(deployment)) return NOTHING;
		return await search(
			this,
			{ path: `/v0/deployments/${encodeURIComponent(deployment)}`, itemName: 'deployment_details', value: (vm) => vm.vm_name, label: (vm) => vm.vm_name },
			filter,
		);
	},
	async searchVimConnectors(this: ILoadOptionsFunctions, filter?: string) {
		return await search(this, { path: '/v0/vims', itemName: 'vim_connector', value: (v) => v.id, label: (v) => v.type }, filter);
	},
	/** The users of the chosen VIM connector. */
	async searchVimUsers(this: ILoadOptionsFunctions, filter?: string) {
		const vim = pickedLocatorValue(this, 'vimId');
		if (!NAME_IN_PATH_PATTERN.test(vim)) return NOTHING;
		return await search(this, { path: `/v0/vims/${encodeURIComponent(vim)}/vim_users`, itemName: 'vim_user', value: (u) => u.id, label: (u) => u.id }, filter);
	},
	searchNetworks: tenantScoped('networks', 'network', (n) => n.internal_network_id),
	searchSubnets: tenantScoped('subnets', 'subnet', (s) => s.internal_subnet_id),
	searchVolumes: tenantScoped('volumes', 'volume', (v) => v.internal_volume_id),
	searchImages: global('images', 'image', (i) => i.internal_image_id),
	searchFlavors: global('flavors', 'flavor', (f) => f.internal_flavor_id),
	searchFileServers: global('fileserver', 'file_server', (f) => f.id),
	/** Images by name, as an ESC data model names them. */
	searchImageNames: global('images', 'image', byName),
	searchFlavorNames: global('flavors', 'flavor', byName),
	/** The networks of the tenant the data model names, by name. */
	async searchNetworkNames(this: ILoadOptionsFunctions, filter?: string) {
		const tenant = await tenantOfName(this);
		if (tenant === '') return NOTHING;
		return await search(this, { path: `/v0/${encodeURIComponent(tenant)}/networks`, itemName: 'network', value: byName, label: byName }, filter);
	},
};

/** The same names as dropdowns, for fields inside a collection (Deployment → Update's changed fields). */
async function asOptions(result: Promise<INodeListSearchResult>): Promise<INodePropertyOptions[]> {
	return (await result).results.map(({ name, value }) => ({ name, value }));
}

/** The deployment picked above (Deployment → Update), read from ESC; undefined when none is picked. */
async function pickedDeployment(ctx: ILoadOptionsFunctions): Promise<IDataObject | undefined> {
	const id = pickedLocatorValue(ctx, 'deploymentId');
	if (!INTERNAL_ID_PATTERN.test(id)) return undefined;
	const { body } = await apiRequest(ctx, escApi, { method: 'GET', path: `/v0/deployments/${encodeURIComponent(id)}` });
	return listItems(body, 'deployment')[0];
}

export const loadOptions = {
	/** The VM groups of the deployment picked above, from its configuration. */
	async getVmGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const id = pickedLocatorValue(this, 'deploymentId');
		if (!INTERNAL_ID_PATTERN.test(id)) return [];
		const { body } = await apiRequest(this, escApi, { method: 'GET', path: `/v0/deployments/config/${encodeURIComponent(id)}` });
		return vmGroupsOf(body).map((group) => ({ name: String(group.name), value: String(group.name) }));
	},
	/** The networks of the tenant of the deployment picked above, by name. */
	async getDeploymentNetworkNames(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const tenant = String((await pickedDeployment(this))?.internal_tenant_id ?? '');
		if (!INTERNAL_ID_PATTERN.test(tenant)) return [];
		return await asOptions(search(this, { path: `/v0/${encodeURIComponent(tenant)}/networks`, itemName: 'network', value: byName, label: byName }));
	},
	async getImageNames(this: ILoadOptionsFunctions) {
		return await asOptions(listSearch.searchImageNames.call(this));
	},
	async getFlavorNames(this: ILoadOptionsFunctions) {
		return await asOptions(listSearch.searchFlavorNames.call(this));
	},
};
