import { HpeDscc } from '../../nodes/HpeDscc/HpeDscc.node';
import { HpeDsccTrigger } from '../../nodes/HpeDscc/HpeDsccTrigger.node';
import { dsccApi } from '../../nodes/HpeDscc/api';
import { startDsccSimulator } from '../simulators/dscc';
import { errorBody } from '../simulators/dscc/context';
import { hpeRigBasics, locator, runAction, runTrigger } from './fault-matrix/hpe';
import { describeMatrix } from './fault-matrix/matrix';
import type { IDataObject } from 'n8n-workflow';

jest.setTimeout(120_000);
// Back-off and polling waits shortened: the matrix counts requests, it does not time them.
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	return { ...actual, sleep: async (ms: number) => await actual.sleep(Math.min(ms, 50)) };
});

const node = new HpeDscc();
const trigger = new HpeDsccTrigger();
const PRIMERA = 'SGH029VBHV';
let created = 0;
const ids = (output: unknown) => (output as IDataObject[]).map((item) => item.id);
const shape = (output: unknown) => (output as IDataObject[]).map((item) => Object.keys(item).sort());

describeMatrix('HPE DSCC', async () => {
	const sim = await startDsccSimulator({ volumes: 1500, taskDurationMs: 200 });
	const volumeId = String([...sim.context.collection('volumes').values()][0].id);
	const createVolume = (wait: boolean) => ({
		resource: 'volume',
		operation: 'create',
		systemId: locator(PRIMERA),
		name: `matrix-${++created}`,
		size: 1,
		sizeUnit: 'GiB',
		pool: 'SSD_r1',
		waitForCompletion: wait,
		waitTimeout: 30,
	});
	return {
		close: async () => await sim.close(),
		rig: {
			vendor: 'HPE DSCC',
			...hpeRigBasics(sim, errorBody, 'vol'),
			phases: {
				'first request': {
					method: 'GET',
					path: /^\/api\/v1\/volumes\/[^/]+$/,
					run: async (credentials) => await runAction(node, credentials, { resource: 'volume', operation: 'get', volumeId: locator(volumeId) }),
				},
				'paged listing': {
					method: 'GET',
					path: /^\/api\/v1\/volumes$/,
					skip: 1,
					run: async (credentials) => await runAction(node, credentials, { resource: 'volume', operation: 'getAll', scope: 'all', returnAll: true }),
					compare: ids,
				},
				'async wait': {
					method: 'GET',
					path: /^\/api\/v1\/tasks\/[^/]+$/,
					run: async (credentials) => await runAction(node, credentials, createVolume(true)),
					compare: shape,
				},
				write: {
					method: 'POST',
					path: /\/volumes$/,
					isWrite: true,
					run: async (credentials) => await runAction(node, credentials, createVolume(false)),
					compare: shape,
				},
				'trigger poll': {
					method: 'GET',
					path: /^\/api\/v1\/tasks$/,
					run: async (credentials) => await runTrigger(trigger, dsccApi, credentials, { event: 'taskFinished' }),
					compare: shape,
				},
			},
		},
	};
});
