import type { IDataObject } from 'n8n-workflow';

import { HpeGreenLakePcbe } from '../../nodes/HpeGreenLakePcbe/HpeGreenLakePcbe.node';
import { startGreenLakeSimulator } from '../simulators/greenlake';
import { errorBody } from '../simulators/greenlake/context';
import { hpeRigBasics, locator, runAction } from './fault-matrix/hpe';
import { describeMatrix } from './fault-matrix/matrix';

jest.setTimeout(120_000);
// Back-off and polling waits shortened: the matrix counts requests, it does not time them.
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	return { ...actual, sleep: async (ms: number) => await actual.sleep(Math.min(ms, 50)) };
});

const node = new HpeGreenLakePcbe();
let deployed = 0;
const ids = (output: unknown) => (output as IDataObject[]).map((item) => item.id);
const shape = (output: unknown) => (output as IDataObject[]).map((item) => Object.keys(item).sort());

describeMatrix('HPE GreenLake PCBE', async () => {
	const sim = await startGreenLakeSimulator({ virtualMachines: 1200, operationDurationMs: 200 });
	const byName = (collection: string, name: string) => [...sim.context.collection(collection).values()].find((item) => item.name === name)!;
	const vmId = String([...sim.context.collection('virtualMachines').values()][0].id);
	const deploy = (wait: boolean) => ({
		resource: 'virtualMachine',
		operation: 'deploy',
		name: `matrix-${++deployed}`,
		clusterId: locator(String(byName('hypervisorClusters', 'cluster-a1').id)),
		datastoreId: locator(String(byName('datastores', 'cluster-a1-ds01').id)),
		imageName: 'ubuntu-22.04-template',
		waitForCompletion: wait,
		waitTimeout: 30,
	});
	return {
		close: async () => await sim.close(),
		rig: {
			vendor: 'HPE GreenLake PCBE',
			...hpeRigBasics(sim, errorBody, 'vm'),
			phases: {
				'first request': {
					method: 'GET',
					path: /^\/virtualization\/v1beta1\/virtual-machines\/[^/]+$/,
					run: async (credentials) => await runAction(node, credentials, { resource: 'virtualMachine', operation: 'get', vmId: locator(vmId) }),
				},
				'paged listing': {
					method: 'GET',
					path: /^\/virtualization\/v1beta1\/virtual-machines$/,
					skip: 1,
					run: async (credentials) => await runAction(node, credentials, { resource: 'virtualMachine', operation: 'getAll', returnAll: true }),
					compare: ids,
				},
				'async wait': {
					method: 'GET',
					path: /^\/data-services\/v1beta1\/async-operations\/[^/]+$/,
					run: async (credentials) => await runAction(node, credentials, deploy(true)),
					compare: shape,
				},
				write: {
					method: 'POST',
					path: /^\/virtualization\/v1beta1\/virtual-machines$/,
					isWrite: true,
					run: async (credentials) => await runAction(node, credentials, deploy(false)),
					compare: shape,
				},
				'trigger poll':
					'PCBE has no trigger node of its own: "GreenLake async operation finished" is an event of the DSCC Trigger, whose transport the DSCC row covers',
			},
		},
	};
});
