import type { IDataObject } from 'n8n-workflow';

import { readWaitTimeout, waitTimeoutProperty } from '../../shared/descriptions';
import { getOperation, listOperation } from '../../shared/kinds';
import type { ResourceDefinition } from '../../shared/operations';
import { waitForCompletion } from '../../shared/transport';
import { readBackResource } from '../../shared/hpe/asyncTask';
import { ASYNC_OPERATIONS_ENVELOPE, DATA_SERVICES_PATH, asyncOperationPath, asyncOperationTracker, greenLakeApi, resourceUriOfOperation } from '../api';
import { operationLocator, readId } from '../locators';
import { greenLake, listQuery, listQueryOptions } from '../profile';

export const asyncOperation: ResourceDefinition = {
	value: 'asyncOperation',
	name: 'Async Operation',
	operations: [
		getOperation(greenLake, {
			value: 'get',
			name: 'Get',
			action: 'Get an async operation',
			description: 'Get the current state of an asynchronous operation',
			properties: [operationLocator],
			request: (p) => {
				const id = readId(p, 'operationId', 'Async Operation', { uuid: true });
				return { method: 'GET', path: asyncOperationPath(id), subject: `Async operation ${id}` };
			},
		}),
		listOperation(greenLake, {
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many async operations',
			description: 'List asynchronous operations, e.g. the failed ones of one service',
			itemName: 'operations',
			envelope: ASYNC_OPERATIONS_ENVELOPE,
			properties: [listQueryOptions({ filterExample: "'private-cloud-business-edition' in services", sortExample: 'createdAt desc' })],
			request: (p) => ({ method: 'GET', path: `${DATA_SERVICES_PATH}/async-operations`, qs: listQuery(p) }),
		}),
		{
			value: 'waitForCompletion',
			name: 'Wait for Completion',
			action: 'Wait for an async operation to complete',
			description: 'Wait until an asynchronous operation has finished and return its final state',
			properties: [
				operationLocator,
				waitTimeoutProperty(600, 'How long to wait for the operation to finish before the node fails'),
			],
			run: async (p): Promise<IDataObject> => {
				const id = readId(p, 'operationId', 'Async Operation', { uuid: true });
				const timeoutSeconds = readWaitTimeout(p);
				const operation = await waitForCompletion(p.ctx, asyncOperationTracker(p.ctx, id, p.itemIndex), {
					timeoutSeconds,
					itemIndex: p.itemIndex,
				});
				// Which request started the operation is not known here: what it made (a report, a VM) wins over what it started on.
				const resource = await readBackResource(p.ctx, greenLakeApi, resourceUriOfOperation(operation, undefined, 'produced'), p.itemIndex);
				return resource ? { ...operation, resource } : operation;
			},
		},
	],
};
