import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { apiRequest } from '../shared/transport';
import { CLOUTILITY_ID_PATTERN, cloutilityApi, currentBusinessUnit } from './api';
import { flattenTree } from './listSearch';

async function options(
	ctx: ILoadOptionsFunctions,
	path: string,
	describe: (item: IDataObject) => string | undefined = (item) =>
		typeof item.description === 'string' && item.description !== '' ? item.description : undefined,
): Promise<INodePropertyOptions[]> {
	const { body } = await apiRequest<IDataObject>(ctx, cloutilityApi, { method: 'GET', path });
	const items = Array.isArray(body.items) ? (body.items as IDataObject[]) : [];
	return items.map((item) => ({ name: String(item.name ?? item.id), value: Number(item.id), description: describe(item) }));
}

/** The business unit chosen above, whose backup server's lists apply. */
function businessUnitOf(ctx: ILoadOptionsFunctions): string | undefined {
	const value = currentBusinessUnit(ctx);
	return CLOUTILITY_ID_PATTERN.test(value) ? value : undefined;
}

export const loadOptions = {
	async getTimeZones(this: ILoadOptionsFunctions) {
		return await options(this, '/v1/timezones', (zone) => (typeof zone.windowsId === 'string' ? zone.windowsId : undefined));
	},
	async getNodeOperatingSystems(this: ILoadOptionsFunctions) {
		return await options(this, '/v1/nodeoperatingsystems');
	},
	async getNodeTypes(this: ILoadOptionsFunctions) {
		return await options(this, '/v1/nodetypes');
	},
	async getDomains(this: ILoadOptionsFunctions) {
		const businessUnitId = businessUnitOf(this);
		if (!businessUnitId) return [];
		return await options(this, `/v1/bunits/${businessUnitId}/defaultserver/domains`, (domain) =>
			[domain.description, `backups kept ${String(domain.backupRetention ?? '?')} days`].filter(Boolean).join(', '),
		);
	},
	async getClientOptionSets(this: ILoadOptionsFunctions) {
		const businessUnitId = businessUnitOf(this);
		if (!businessUnitId) return [];
		return await options(this, `/v1/bunits/${businessUnitId}/defaultserver/clientoptionsets`);
	},
};

/** Lists for the trigger, where units are picked across the whole tree. */
export const triggerLoadOptions = {
	async getBusinessUnits(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const { body } = await apiRequest<IDataObject>(this, cloutilityApi, { method: 'GET', path: '/v1/bunits' });
		return flattenTree(body).map((unit) => ({ name: String(unit.path), value: String(unit.id) }));
	},
	async getConsumptionUnits(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const { body } = await apiRequest<IDataObject>(this, cloutilityApi, { method: 'GET', path: '/v1/bunits' });
		const options: INodePropertyOptions[] = [];
		for (const unit of flattenTree(body)) {
			const consumers = await apiRequest<IDataObject>(this, cloutilityApi, { method: 'GET', path: `/v1/bunits/${String(unit.id)}/consumers` });
			for (const consumer of (consumers.body.items as IDataObject[] | undefined) ?? []) {
				options.push({ name: `${String(unit.path)} / ${String(consumer.name)}`, value: `${String(unit.id)}:${String(consumer.id)}` });
			}
		}
		return options;
	},
};
