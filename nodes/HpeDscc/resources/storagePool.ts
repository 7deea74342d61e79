import type { IDataObject } from 'n8n-workflow';

import { pagingProperties } from '../../shared/descriptions';
import { getOperation } from '../../shared/kinds';
import type { ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { fillPath } from '../../shared/parameters';
import { apiRequest, fetchPages } from '../../shared/transport';
import { DSCC_ID_PATTERN, dsccApi, dsccEnvelope } from '../api';
import type { ResolvedSystem } from '../deviceType';
import { resolveSystem } from '../deviceType';
import { storagePoolLocator, storageSystemLocator } from '../locators';
import { dscc, dsccListOperation, listQuery, listQueryOptions } from '../profile';
import { systemPath } from '../systemComponents';

const poolId = storagePoolLocator;

function readPoolId(p: ParameterReader): string {
	return p.id('poolId', { label: 'Storage Pool', pattern: DSCC_ID_PATTERN });
}

/**
 * Finds a pool of a storage system by name (or ID), so that a user can give the name they know.
 * Fails with the list of pools the system has when there is no such pool.
 */
export async function findStoragePool(p: ParameterReader, system: ResolvedSystem, nameOrId: string): Promise<IDataObject> {
	const pools = await fetchPages(
		p.ctx,
		dsccApi,
		{ method: 'GET', path: systemPath(system, 'storage-pools'), subject: system.subject, itemIndex: p.itemIndex },
		dsccEnvelope,
		{ returnAll: true },
	);
	const pool = pools.find((candidate) => candidate.name === nameOrId) ?? pools.find((candidate) => candidate.id === nameOrId);
	if (!pool) {
		const names = pools.map((candidate) => String(candidate.name)).sort();
		p.fail(
			`${system.subject} has no storage pool "${nameOrId}"`,
			names.length > 0 ? `Its pools are: ${names.join(', ')}.` : 'It has no storage pools yet.',
		);
	}
	return pool;
}

export const storagePool: ResourceDefinition = {
	value: 'storagePool',
	name: 'Storage Pool',
	operations: [
		dsccListOperation({
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many storage pools',
			description: 'List the storage pools of a storage system with their capacity',
			itemName: 'storage pools',
			parents: [storageSystemLocator],
			properties: [listQueryOptions({ filterExample: "name eq 'SSD_r6'", sortExample: 'name asc' })],
			request: async (p) => {
				const system = await resolveSystem(p);
				return { method: 'GET', path: systemPath(system, 'storage-pools'), qs: listQuery(p), subject: system.subject };
			},
		}),
		getOperation(dscc, {
			value: 'get',
			name: 'Get',
			action: 'Get a storage pool',
			description: 'Get one storage pool of a storage system, with its capacity',
			properties: [storageSystemLocator, poolId],
			request: async (p) => {
				const id = readPoolId(p);
				const system = await resolveSystem(p);
				return {
					method: 'GET',
					path: systemPath(system, 'storage-pools/{poolId}', { poolId: id }),
					subject: `Storage pool ${id}`,
				};
			},
		}),
		{
			value: 'getVolumes',
			name: 'Get Volumes',
			action: 'Get the volumes of a storage pool',
			description: 'List the volumes that live in a storage pool',
			properties: [storageSystemLocator, poolId, ...pagingProperties('volumes')],
			run: async (p) => {
				const systemId = p.id('systemId', { label: 'Storage System', pattern: DSCC_ID_PATTERN });
				const id = readPoolId(p);
				const returnAll = p.boolean('returnAll');
				const limit = returnAll ? undefined : p.integer('limit', { label: 'Limit', min: 1 });
				// DSCC returns the whole list at once: this endpoint takes no offset or limit.
				const { body } = await apiRequest<IDataObject>(p.ctx, dsccApi, {
					method: 'GET',
					path: fillPath('/api/v1/storage-systems/{systemId}/storage-pools/{id}/volumes', { systemId, id }),
					subject: `Storage pool ${id} of storage system ${systemId}`,
					itemIndex: p.itemIndex,
				});
				const volumes = dsccEnvelope.items(body);
				return limit === undefined ? volumes : volumes.slice(0, limit);
			},
		},
	],
};
