import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { pickedLocatorValue } from '../shared/locators';
import { fillPath } from '../shared/parameters';
import { apiRequest, fetchPages } from '../shared/transport';
import { DSCC_ID_PATTERN, dsccApi, dsccEnvelope } from './api';
import type { SearchableCollection } from './listSearch';
import { COLLECTIONS, initiatorLabel, pickedSystem, systemInPanel } from './listSearch';
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

/**
 * Dropdowns loaded live: multi-selects of hosts, host groups, initiators and volumes, the pools of a
 * system and the schedules of a protection template.
 */
export const loadOptions = {
	getHosts: byId(COLLECTIONS.hosts),
	getHostGroups: byId(COLLECTIONS.hostGroups),
	getInitiators: byId(COLLECTIONS.initiators, initiatorLabel),

	/**
	 * The pools of the storage system picked above, or of the system holding the picked volume, by
	 * name (what the pool fields take). Nothing while neither is picked: the editor loads again once one is.
	 */
	async getStoragePools(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const system = await systemInPanel(this);
		if (!system) return [];
		return await options(this, systemPath(system, 'storage-pools'), (pool) => ({
			name: String(pool.name ?? pool.id),
			value: String(pool.name ?? pool.id),
			description: `ID ${String(pool.id)}`,
		}));
	},

	/** The volumes of the storage system picked above, or of the picked volume set's system. */
	async getSystemVolumes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const system = await systemInPanel(this);
		if (!system) return [];
		return await options(this, fillPath('/api/v1/storage-systems/{systemId}/volumes', { systemId: system.id }), (volume) => ({
			name: String(volume.name ?? volume.id),
			value: String(volume.id),
		}));
	},

	/** The schedules of the protection template picked above, by name. */
	async getProtectionTemplateSchedules(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const templateId = pickedLocatorValue(this, 'protectionTemplateId');
		const system = await pickedSystem(this);
		if (!system || !DSCC_ID_PATTERN.test(templateId)) return [];
		const { body: template } = await apiRequest<IDataObject>(this, dsccApi, {
			method: 'GET',
			path: systemPath(system, 'protection-templates/{id}', { id: templateId }),
			subject: `Protection template ${templateId}`,
		});
		const schedules = Array.isArray(template.schedule_list) ? (template.schedule_list as IDataObject[]) : [];
		return schedules
			.map((schedule) => ({ name: String(schedule.name ?? schedule.id), value: String(schedule.id) }))
			.sort((a, b) => a.name.localeCompare(b.name));
	},
};
