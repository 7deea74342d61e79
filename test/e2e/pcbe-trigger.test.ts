import * as path from 'node:path';

import type { GreenLakeSimulator } from '../simulators/greenlake';
import { startGreenLakeSimulator } from '../simulators/greenlake';
import type { Item } from '../simulators/greenlake/context';
import { OperationFailure } from '../simulators/greenlake/operations';
import { greenLakeCredential } from './harness/credentials';
import type { N8nServer, WorkflowRun } from './harness/n8n';
import { N8nInstance, loadWorkflow, newOwnerAccount } from './harness/n8n';
import { sleep, tail } from './harness/processes';

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
	const seen = new Map<string, WorkflowRun>();

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

	async function executions(): Promise<WorkflowRun[]> {
		for (const summary of await server!.listExecutions(WORKFLOW_ID)) {
			if (seen.has(summary.id) || summary.status === 'running' || summary.status === 'new') continue;
			seen.set(summary.id, await server!.getExecution(summary.id));
		}
		return [...seen.values()];
	}

	const emitted = (runs: WorkflowRun[]) => runs.flatMap((run) => run.nodeOutputs[TRIGGER] ?? []);

	async function waitForEmission(ids: string[]): Promise<WorkflowRun[]> {
		const deadline = Date.now() + EMISSION_TIMEOUT_MS;
		for (;;) {
			const runs = await executions();
			const failed = runs.find((run) => run.status !== 'success');
			if (failed) throw new Error(`An execution of the trigger workflow ended ${failed.status}: ${failed.errorMessage ?? ''}`);
			const found = new Set(emitted(runs).map((operation) => operation.id));
			if (ids.every((id) => found.has(id))) return runs;
			if (Date.now() > deadline) {
				throw new Error(`The trigger did not emit ${ids.join(', ')} within ${EMISSION_TIMEOUT_MS} ms (emitted: ${[...found].join(', ') || 'nothing'}):\n${tail(server!.log())}`);
			}
			await sleep(2_000);
		}
	}

	beforeAll(async () => {
		sim = await startGreenLakeSimulator({ virtualMachines: 3 });
		const startFrom = new Date(Date.now() - 60_000).toISOString();
		failedVm = await finish('Deploy virtual machine e2e-trigger-01', 'hybrid-cloud', 'Image e2e-missing was not found');
		succeededVm = await finish('Power on virtual machine vm-0001', 'hybrid-cloud');
		failedPcbe = await finish('Software precheck to 2.90 on dhci-site-a', 'private-cloud-business-edition', 'No update path');

		n8n = await N8nInstance.create({ name: 'pcbe-trigger' });
		await n8n.importCredentials([greenLakeCredential('e2ePcbeTrig0001', 'GreenLake simulator (trigger)', sim)]);
		await n8n.importWorkflows([loadWorkflow(WORKFLOW_FILE, { START_FROM: startFrom })]);
		server = await n8n.startServer();
		await server.setupOwner(newOwnerAccount());
	}, 30 * 60_000);

	afterAll(async () => {
		await server?.stop();
		n8n?.cleanup();
		await sim?.close();
	}, 60_000);

	afterEach(() => expect(sim.violations()).toEqual([]));

	test(
		'the poll at activation emits the failed VM operation since "Start From", once, with its error',
		async () => {
			await server!.activateWorkflow(WORKFLOW_ID);
			const runs = await waitForEmission([String(failedVm.id)]);
			const operations = emitted(runs);
			expect(operations).toHaveLength(1);
			expect(operations[0]).toMatchObject({ id: failedVm.id, state: 'FAILED', services: ['hybrid-cloud'] });
			expect(runs.flatMap((run) => run.nodeOutputs['Operation Report'] ?? [])).toEqual([
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
