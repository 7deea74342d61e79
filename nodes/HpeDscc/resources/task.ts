import type { IDataObject } from 'n8n-workflow';

import { readWaitTimeout, waitTimeoutProperty } from '../../shared/descriptions';
import { getOperation, listOperation } from '../../shared/kinds';
import type { ResourceDefinition } from '../../shared/operations';
import { waitForCompletion } from '../../shared/transport';
import { DSCC_ID_PATTERN, dsccTaskTracker } from '../api';
import { dsccLocator } from '../locators';
import { dscc, listQuery, listQueryOptions } from '../profile';

/** A text Task ID before; a saved plain ID still reads as the ID. */
const taskId = dsccLocator({
	name: 'taskId',
	displayName: 'Task',
	searchListMethod: 'searchTasks',
	listPlaceholder: 'Choose a task…',
	placeholder: '4969a568-6fed-4915-bcd5-e4566a75e00c',
	description: 'The task, e.g. by the taskId an operation returned when not waiting for completion',
});

export const task: ResourceDefinition = {
	value: 'task',
	name: 'Task',
	operations: [
		getOperation(dscc, {
			value: 'get',
			name: 'Get',
			action: 'Get a task',
			description: 'Get the current state of an asynchronous task',
			properties: [taskId],
			request: (p) => {
				const id = p.id('taskId', { label: 'Task ID', pattern: DSCC_ID_PATTERN });
				return { method: 'GET', path: `/api/v1/tasks/${encodeURIComponent(id)}`, subject: `Task ${id}` };
			},
		}),
		listOperation(dscc, {
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many tasks',
			description: 'List tasks, newest first',
			itemName: 'tasks',
			properties: [listQueryOptions({ filterExample: "state eq 'FAILED'", sort: false, select: false })],
			request: (p) => ({ method: 'GET', path: '/api/v1/tasks', qs: listQuery(p) }),
		}),
		{
			value: 'waitForCompletion',
			name: 'Wait for Completion',
			action: 'Wait for a task to complete',
			description: 'Wait until a task has finished and return its final state',
			properties: [
				taskId,
				waitTimeoutProperty(600, 'How long to wait for the task to finish before the node fails'),
			],
			run: async (p): Promise<IDataObject> => {
				const id = p.id('taskId', { label: 'Task ID', pattern: DSCC_ID_PATTERN });
				const timeoutSeconds = readWaitTimeout(p);
				return await waitForCompletion(p.ctx, dsccTaskTracker(p.ctx, id, p.itemIndex), {
					timeoutSeconds,
					itemIndex: p.itemIndex,
				});
			},
		},
	],
};
