import * as path from 'node:path';

import type { DsccSimulator } from '../simulators/dscc';
import { startDsccSimulator } from '../simulators/dscc';
import type { Record } from '../simulators/dscc/context';
import { TaskFailure } from '../simulators/dscc/tasks';
import { greenLakeCredential } from './harness/credentials';
import type { N8nServer, WorkflowRun } from './harness/n8n';
import { N8nInstance, loadWorkflow } from './harness/n8n';
import { sleep } from './harness/processes';
import { FinishedExecutions, fetchTestEvent, outputOf, startServerWith, stopAll } from './harness/triggers';

/**
 * The DSCC trigger in a running n8n (`n8n start`), activated as the editor's Publish button does,
 * against the DSCC simulator running in this jest worker. "Start From" lies before a task that
 * finished before activation, so the poll n8n runs at activation reports it; a task finishing
 * after activation is reported by the next scheduled poll (every minute), the first one not again.
 */
const WORKFLOW_FILE = path.join(__dirname, 'workflows', 'dscc-trigger', 'task-finished.json');
const WORKFLOW_ID = 'e2eDsccTrigger01';
const TRIGGER = 'When a DSCC Task Succeeds';
/** An every-minute poll, a slow CI machine and the open second the trigger waits out. */
const EMISSION_TIMEOUT_MS = 150_000;

describe('the HPE DSCC trigger in a running n8n', () => {
	let sim: DsccSimulator;
	let n8n: N8nInstance;
	let server: N8nServer | undefined;
	let beforeActivation: Record;
	let failedBeforeActivation: Record;
	/** The task the second test saw succeed last. */
	let newestSucceeded: Record | undefined;
	const executions = new FinishedExecutions(() => server!);

	/** Runs a task on the simulator to its end; `failWith` makes it fail with that message. */
	async function finishTask(displayName: string, failWith?: string): Promise<Record> {
		const task = sim.context.tasks.start({
			displayName,
			durationMs: 200,
			complete: () => {
				if (failWith) throw new TaskFailure(failWith, 'INSUFFICIENT_CAPACITY');
			},
		});
		await sleep(400);
		sim.context.tasks.advance();
		expect(task.state).toBe(failWith ? 'FAILED' : 'SUCCEEDED');
		return task;
	}

	/** Every task the trigger emitted so far, one entry per emission. */
	const emitted = (runs: WorkflowRun[]) => outputOf(runs, TRIGGER);

	/** Waits until the trigger has emitted every task of `taskIds`; fails on a failed execution. */
	const waitForEmission = async (taskIds: string[]) =>
		await executions.waitForEmitted(WORKFLOW_ID, TRIGGER, taskIds, {
			timeoutMs: EMISSION_TIMEOUT_MS,
			context: () => `task listings: ${taskListings()}`,
		});

	const taskListings = () => sim.requestsTo('GET', /^\/api\/v1\/tasks$/).length;

	beforeAll(async () => {
		sim = await startDsccSimulator();
		const startFrom = new Date(Date.now() - 60_000).toISOString();
		beforeActivation = await finishTask('Create volume e2e-trigger-01');
		failedBeforeActivation = await finishTask(
			'Create volume e2e-trigger-too-big',
			'Not enough free space in CPG SSD_r6 on primera-650-lab',
		);

		n8n = await N8nInstance.create({ name: 'dscc-trigger' });
		server = await startServerWith(n8n, {
			credentials: [greenLakeCredential('e2eTrigCred0001', 'DSCC simulator (trigger)', sim)],
			workflows: [loadWorkflow(WORKFLOW_FILE, { START_FROM: startFrom })],
		});
	}, 30 * 60_000);

	afterAll(async () => await stopAll(server, n8n, sim), 60_000);

	afterEach(() => {
		expect(sim.violations()).toEqual([]);
	});

	test(
		'the poll at activation emits the task that succeeded since "Start From", once',
		async () => {
			await server!.activateWorkflow(WORKFLOW_ID);
			const runs = await waitForEmission([String(beforeActivation.id)]);

			const tasks = emitted(runs);
			expect(tasks).toHaveLength(1);
			expect(tasks[0]).toMatchObject({
				id: beforeActivation.id,
				state: 'SUCCEEDED',
				displayName: 'Create volume e2e-trigger-01',
			});
			// The rest of the workflow ran on it.
			const reports = outputOf(runs, 'Task Report');
			expect(reports).toEqual([
				{ taskId: beforeActivation.id, task: 'Create volume e2e-trigger-01', state: 'SUCCEEDED' },
			]);
			// Outcome "Succeeded": the failed task is not reported; tasks older than Start From neither.
			expect(failedBeforeActivation.state).toBe('FAILED');
			expect(tasks.map((task) => task.id)).not.toContain(failedBeforeActivation.id);
		},
		EMISSION_TIMEOUT_MS + 60_000,
	);

	test(
		'the next scheduled poll emits a task that succeeded after activation, and not the first one again',
		async () => {
			const listingsBefore = taskListings();
			const afterActivation = await finishTask('Create volume e2e-trigger-02');
			const runs = await waitForEmission([String(afterActivation.id)]);

			expect(taskListings()).toBeGreaterThan(listingsBefore);
			expect(runs).toHaveLength(2);
			expect(
				emitted(runs)
					.map((task) => [task.id, task.state])
					.sort(),
			).toEqual(
				[
					[beforeActivation.id, 'SUCCEEDED'],
					[afterActivation.id, 'SUCCEEDED'],
				].sort(),
			);
			newestSucceeded = afterActivation;
		},
		EMISSION_TIMEOUT_MS + 60_000,
	);

	test('"Fetch Test Event" in the editor returns the most recent succeeded task', async () => {
		expect(newestSucceeded).toBeDefined();
		const { executionId, run } = await fetchTestEvent(server!, WORKFLOW_ID, TRIGGER);
		expect(executionId).toEqual(expect.any(String));
		expect({ status: run?.status, error: run?.errorMessage }).toEqual({
			status: 'success',
			error: undefined,
		});
		expect(run!.nodeOutputs[TRIGGER]).toEqual([
			expect.objectContaining({ id: newestSucceeded!.id, state: 'SUCCEEDED' }),
		]);
		// A test event is not a new event: the active workflow did not run again.
		const others = (await server!.listExecutions(WORKFLOW_ID)).filter(
			(summary) => summary.id !== executionId,
		);
		expect(others).toHaveLength(2);
	}, 90_000);
});
