import * as path from 'node:path';

import type { GreenLakeSimulator } from '../simulators/greenlake';
import { startGreenLakeSimulator } from '../simulators/greenlake';
import type { Item } from '../simulators/greenlake/context';
import { OperationFailure } from '../simulators/greenlake/operations';
import { greenLakeCredential } from './harness/credentials';
import type { N8nServer, WorkflowRun } from './harness/n8n';
import { N8nInstance, loadWorkflow } from './harness/n8n';
import { sleep } from './harness/processes';
import { FinishedExecutions, outputOf, startServerWith, stopAll } from './harness/triggers';

/**
 * The HPE trigger's "GreenLake async operation finished" event in a running n8n, activated as the
 * editor's Publish button does. Outcome "failed", service `hybrid-cloud` (virtualization): the poll
 * at activation reports the failed VM operation since "Start From" (not the succeeded one, not the
 * failed PCBE one); the next scheduled poll reports one cancelled after activation, the first not again.
 */
const WORKFLOW_FILE = path.join(__dirname, 'workflows', 'pcbe-trigger', 'operation-failed.json');
const WORKFLOW_ID = 'e2ePcbeTrigger01';
const TRIGGER = 'When a GreenLake Operation Fails';
const EMISSION_TIMEOUT_MS = 150_000;

describe('the GreenLake async operation trigger in a running n8n', () => {
	let sim: GreenLakeSimulator;
	let n8n: N8nInstance;
	let server: N8nServer | undefined;
	let failedVm: Item;
	let succeededVm: Item;
	let failedPcbe: Item;
	const executions = new FinishedExecutions(() => server!);

	async function finish(displayName: string, service: string, failWith?: string): Promise<Item> {
		const operation = sim.context.operations.start({
			displayName,
			service,
			durationMs: 200,
			complete: () => {
				if (failWith) throw new OperationFailure(failWith, 'OPERATION_FAILED');
			},
		});
		await sleep(400);
		sim.context.operations.advance();
		expect(operation.state).toBe(failWith ? 'FAILED' : 'SUCCEEDED');
		return operation;
	}

	const emitted = (runs: WorkflowRun[]) => outputOf(runs, TRIGGER);

	const waitForEmission = async (ids: string[]) => await executions.waitForEmitted(WORKFLOW_ID, TRIGGER, ids, { timeoutMs: EMISSION_TIMEOUT_MS });

	beforeAll(async () => {
		sim = await startGreenLakeSimulator({ virtualMachines: 3 });
		const startFrom = new Date(Date.now() - 60_000).toISOString();
		failedVm = await finish('Deploy virtual machine e2e-trigger-01', 'hybrid-cloud', 'Image e2e-missing was not found');
		succeededVm = await finish('Power on virtual machine vm-0001', 'hybrid-cloud');
		failedPcbe = await finish('Software precheck to 2.90 on dhci-site-a', 'private-cloud-business-edition', 'No update path');

		n8n = await N8nInstance.create({ name: 'pcbe-trigger' });
		server = await startServerWith(n8n, {
			credentials: [greenLakeCredential('e2ePcbeTrig0001', 'GreenLake simulator (trigger)', sim)],
			workflows: [loadWorkflow(WORKFLOW_FILE, { START_FROM: startFrom })],
		});
	}, 30 * 60_000);

	afterAll(async () => await stopAll(server, n8n, sim), 60_000);

	afterEach(() => expect(sim.violations()).toEqual([]));

	test(
		'the poll at activation emits the failed VM operation since "Start From", once, with its error',
		async () => {
			await server!.activateWorkflow(WORKFLOW_ID);
			const runs = await waitForEmission([String(failedVm.id)]);
			const operations = emitted(runs);
			expect(operations).toHaveLength(1);
			expect(operations[0]).toMatchObject({ id: failedVm.id, state: 'FAILED', services: ['hybrid-cloud'] });
			expect(outputOf(runs, 'Operation Report')).toEqual([
				{ operationId: failedVm.id, operation: 'Deploy virtual machine e2e-trigger-01', state: 'FAILED', reason: 'Image e2e-missing was not found' },
			]);
			expect(operations.map((operation) => operation.id)).not.toContain(succeededVm.id);
			expect(operations.map((operation) => operation.id)).not.toContain(failedPcbe.id);
		},
		EMISSION_TIMEOUT_MS + 60_000,
	);

	test(
		'the next scheduled poll emits an operation cancelled after activation, and not the first one again',
		async () => {
			const running = sim.context.operations.start({ displayName: 'Migrate 2 virtual machines to cluster-a2', service: 'hybrid-cloud', durationMs: 600_000, complete: () => undefined });
			expect(sim.context.operations.cancel(String(running.id))).toBe(true);
			const runs = await waitForEmission([String(running.id)]);
			expect(runs).toHaveLength(2);
			expect(emitted(runs).map((operation) => [operation.id, operation.state]).sort()).toEqual(
				[
					[failedVm.id, 'FAILED'],
					[running.id, 'CANCELLED'],
				].sort(),
			);
			expect(sim.requestsTo('GET', /^\/data-services\/v1beta1\/async-operations$/).length).toBeGreaterThanOrEqual(2);
		},
		EMISSION_TIMEOUT_MS + 60_000,
	);
});
