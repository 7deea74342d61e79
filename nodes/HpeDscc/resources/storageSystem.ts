import { getOperation, listOperation, writeOperation } from '../../shared/kinds';
import type { ResourceDefinition } from '../../shared/operations';
import { fillPath } from '../../shared/parameters';
import { resolveSystem } from '../deviceType';
import { storageSystemLocator } from '../locators';
import { dscc, listQuery, listQueryOptions } from '../profile';
import { getCapacitySummary, getPerformanceSummary } from './storageSystemSummaries';

export const storageSystem: ResourceDefinition = {
	value: 'storageSystem',
	name: 'Storage System',
	operations: [
		listOperation(dscc, {
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many storage systems',
			description: 'List the storage systems of every device type',
			itemName: 'storage systems',
			properties: [listQueryOptions({ filterExample: "name eq 'array1'" })],
			request: (p) => ({ method: 'GET', path: '/api/v1/storage-systems', qs: listQuery(p) }),
		}),
		getOperation(dscc, {
			value: 'get',
			name: 'Get',
			action: 'Get a storage system',
			description: 'Get one storage system',
			properties: [storageSystemLocator],
			request: async (p) => {
				const system = await resolveSystem(p);
				return { method: 'GET', path: fillPath('/api/v1/storage-systems/{id}', { id: system.id }), subject: system.subject };
			},
		}),
		writeOperation(dscc, {
			value: 'locate',
			name: 'Locate',
			action: 'Turn the locate beacon of a storage system on or off',
			description: 'Turn the locate beacon (blinking LED) of a storage system on or off',
			properties: [
				storageSystemLocator,
				{
					displayName: 'Beacon',
					name: 'locateEnabled',
					type: 'boolean',
					default: true,
					description: 'Whether to turn the locate beacon on (or off)',
				},
			],
			request: async (p) => {
				const system = await resolveSystem(p, ['device-type1', 'device-type4']);
				return {
					method: 'POST',
					path: fillPath('/api/v1/storage-systems/{deviceType}/{id}', { deviceType: system.deviceType, id: system.id }),
					body: { locateEnabled: p.boolean('locateEnabled', true) },
					subject: system.subject,
				};
			},
		}),
		getCapacitySummary,
		getPerformanceSummary,
	],
};
