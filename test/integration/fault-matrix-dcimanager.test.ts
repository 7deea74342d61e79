import type { IDataObject } from 'n8n-workflow';

import { DciManager } from '../../nodes/DciManager/DciManager.node';
import { DciManagerTrigger } from '../../nodes/DciManager/DciManagerTrigger.node';
import { dciApi } from '../../nodes/DciManager/api';
import { dciManagerCredential } from '../harness/context';
import { dciError, startDciSimulator } from '../simulators/dcimanager';
import { locator, runAction, runTrigger } from './fault-matrix/hpe';
import { describeMatrix } from './fault-matrix/matrix';

jest.setTimeout(120_000);
// Back-off and polling waits shortened: the matrix counts requests, it does not time them.
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	return { ...actual, sleep: async (ms: number) => await actual.sleep(Math.min(ms, 50)) };
});

const node = new DciManager();
const trigger = new DciManagerTrigger();
let users = 0;
/** Each reset on its own server: an operation still running from an earlier cell would refuse it. */
let resetServer = 1;
const ids = (output: unknown) => (output as IDataObject[]).map((item) => item.id);
const shape = (output: unknown) => (output as IDataObject[]).map((item) => Object.keys(item).sort());

describeMatrix('DCImanager 6', async () => {
	const sim = await startDciSimulator({ serversPerRack: 200, operationDurationMs: 200 });
	return {
		close: async () => await sim.close(),
		rig: {
			vendor: 'DCImanager 6',
			sim,
			freshCredentials: () => dciManagerCredential(sim),
			signIn: { method: 'POST', path: /^\/api\/auth\/v4\/public\/token$/ },
			expire: () => sim.expireSessions(),
			errorBody: (status, message) => dciError(status, message),
			malformed: { body: '{"list": [{"id": 1, "name": "ser', contentType: 'application/json' },
			phases: {
				'first request': {
					method: 'GET',
					path: /^\/api\/dci\/v3\/server\/\d+$/,
					run: async (credentials) => await runAction(node, credentials, { resource: 'server', operation: 'get', serverId: locator('1') }),
				},
				'paged listing': {
					method: 'GET',
					path: /^\/api\/dci\/v3\/server$/,
					skip: 1,
					run: async (credentials) => await runAction(node, credentials, { resource: 'server', operation: 'getAll', returnAll: true }),
					compare: ids,
				},
				'async wait': {
					method: 'GET',
					path: /^\/api\/dci\/v3\/server\/\d+$/,
					run: async (credentials) =>
						await runAction(node, credentials, { resource: 'server', operation: 'reset', serverId: locator(String(++resetServer)), waitForCompletion: true, waitTimeout: 30 }),
					compare: shape,
				},
				write: {
					method: 'POST',
					path: /^\/api\/dci\/v3\/user$/,
					isWrite: true,
					run: async (credentials) =>
						await runAction(node, credentials, { resource: 'user', operation: 'create', email: `matrix-${++users}@example.com`, password: 'x1-secret', role: '@user' }),
					compare: shape,
				},
				'trigger poll': {
					method: 'GET',
					path: /^\/api\/dci\/v3\/server$/,
					run: async (credentials) =>
						await runTrigger(trigger, dciApi, credentials, { event: 'operationFinished', kinds: [], outcome: 'any', where: '' }),
					compare: shape,
				},
			},
			notApplicable: (fault) =>
				fault === 'token or session superseded' ? 'DCImanager keeps every session: a new login does not end earlier ones' : undefined,
		},
	};
});
