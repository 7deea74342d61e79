import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pickedLocatorValue } from '../shared/locators';
import { apiRequest, fetchPages } from '../shared/transport';
import { DSCC_ID_PATTERN, dsccApi, dsccEnvelope } from './api';
import { deviceTypeOf } from './deviceType';
import type { SearchableCollection } from './listSearch';
import { COLLECTIONS, initiatorLabel } from './listSearch';
import { systemPath } from './systemComponents';

/** A dropdown lists at most this many items; a larger fleet is better served by an expression. */
const MAX_OPTIONS = 2000;

async function options(
	ctx: ILoadOptionsFunctions,
	path: string,
	toOption: (item: IDataObject) => INodePropertyOptions,
): Promise<INodePropertyOptions[]> {
	const items = await fetchPages(ctx, dsccApi, { method: 'GET', path }, dsccEnvelope, {
		returnAll: false,
		limit: MAX_OPTIONS,
	});
	return items.map(toOption).sort((a, b) => a.name.localeCompare(b.name));
}

function byId(collection: SearchableCollection, label = (item: IDataObject) => String(item.name ?? item.id)) {
	return async function (this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await options(this, collection.path, (item) => ({ name: label(item), value: String(item.id) }));
	};
}

/** Dropdowns loaded live: multi-selects of hosts, host groups and initiators, and the pools of a system. */
export const loadOptions = {
	getHosts: byId(COLLECTIONS.hosts),
	getHostGroups: byId(COLLECTIONS.hostGroups),
	getInitiators: byId(COLLECTIONS.initiators, initiatorLabel),

	/** The pools of the storage system picked above, by name (what the Storage Pool field takes). */
	async getStoragePools(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const systemId = pickedLocatorValue(this, 'systemId');
		// No system picked yet: nothing to list (the editor loads again once one is picked).
		if (!DSCC_ID_PATTERN.test(systemId)) return [];
		const { body: system } = await apiRequest<IDataObject>(this, dsccApi, {
			method: 'GET',
			path: `/api/v1/storage-systems/${encodeURIComponent(systemId)}`,
			subject: `Storage system ${systemId}`,
		});
		const deviceType = deviceTypeOf(system);
		if (!deviceType) {
			throw new NodeOperationError(this.getNode(), `Storage system "${String(system.name ?? systemId)}" is of a kind this node does not manage`);
		}
		const path = systemPath({ id: systemId, deviceType, subject: '' }, 'storage-pools');
		return await options(this, path, (pool) => ({
			name: String(pool.name ?? pool.id),
			value: String(pool.name ?? pool.id),
			description: `ID ${String(pool.id)}`,
		}));
	},
};
