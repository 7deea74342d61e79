import * as path from 'node:path';

import type { DsccSimulator } from '../simulators/dscc';
import { startDsccSimulator } from '../simulators/dscc';
import { greenLakeCredential } from './harness/credentials';
import type { N8nServer } from './harness/n8n';
import { N8nInstance, loadWorkflow } from './harness/n8n';
import { sleep, tail } from './harness/processes';
import { FinishedExecutions, outputOf, startServerWith, stopAll } from './harness/triggers';

/**
 * The DSCC trigger with no "Start From", in a running n8n: a task that finishes seconds after the
 * workflow is activated, before any scheduled poll has saved a position, is emitted exactly once.
 * Under both of n8n's poll engines: the default in-memory one (which keeps the position the poll at
 * activation notes, in memory) and the durable scheduler (which keeps nothing of that poll: the
 * first scheduled poll must look back).
 */
const WORKFLOW_ID = 'e2eDsccTrigger02';
const TRIGGER = 'When a DSCC Task Finishes';
/** The first scheduled poll comes within a minute; then one more poll shows nothing is repeated. */
const EMISSION_TIMEOUT_MS = 150_000;

const ENGINES: Array<[string, NodeJS.ProcessEnv]> = [
	['the default poll engine', {}],
	[
		'the durable scheduler',
		{
			N8N_SCHEDULER_ENABLED: 'true',
			N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
			N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
			N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
		},
	],
];

describe.each(ENGINES)('the HPE DSCC trigger from the moment it is activated, under %s', (_, env) => {
	let sim: DsccSimulator;
	let n8n: N8nInstance;
	let server: N8nServer | undefined;

	beforeAll(async () => {
		sim = await startDsccSimulator();
		n8n = await N8nInstance.create({ name: 'dscc-trigger-first-poll', env });
		server = await startServerWith(n8n, {
			credentials: [greenLakeCredential('e2eTrigCred0001', 'DSCC simulator (trigger)', sim)],
			workflows: [loadWorkflow(path.join(__dirname, 'workflows', 'dscc-trigger', 'from-activation.json'))],
		});
	}, 30 * 60_000);

	afterAll(async () => await stopAll(server, n8n, sim), 60_000);

	test(
		'a task finishing seconds after activation is emitted once, by the first scheduled poll',
		async () => {
			const listingsAtStart = sim.requestsTo('GET', /^\/api\/v1\/tasks$/).length;
			await server!.activateWorkflow(WORKFLOW_ID);
			// n8n's poll at activation has read the task list: the workflow is live.
			const activationDeadline = Date.now() + 60_000;
			while (sim.requestsTo('GET', /^\/api\/v1\/tasks$/).length === listingsAtStart) {
				if (Date.now() > activationDeadline) throw new Error(`The trigger never polled:\n${tail(server!.log())}`);
				await sleep(500);
			}
			await sleep(2_000);
			const task = sim.context.tasks.start({ displayName: 'Create volume right-after-activation', durationMs: 200, complete: () => undefined });
			await sleep(400);
			sim.context.tasks.advance();
			expect(task.state).toBe('SUCCEEDED');

			const executions = new FinishedExecutions(() => server!);
			const emittedIds = async (): Promise<string[]> => outputOf(await executions.of(WORKFLOW_ID), TRIGGER).map((item) => String(item.id));
			const deadline = Date.now() + EMISSION_TIMEOUT_MS;
			let ids = await emittedIds();
			while (!ids.includes(String(task.id))) {
				if (Date.now() > deadline) {
					throw new Error(`The task finished after activation was never emitted (emitted: ${ids.join(', ') || 'nothing'}):\n${tail(server!.log())}`);
				}
				await sleep(2_000);
				ids = await emittedIds();
			}
			// One more scheduled poll: the task is not emitted again.
			const listings = sim.requestsTo('GET', /^\/api\/v1\/tasks$/).length;
			while (sim.requestsTo('GET', /^\/api\/v1\/tasks$/).length === listings) await sleep(2_000);
			await sleep(3_000);
			ids = await emittedIds();
			expect(ids.filter((id) => id === String(task.id))).toHaveLength(1);
			expect(sim.violations()).toEqual([]);
		},
		4 * 60_000,
	);
});
