import * as path from 'node:path';

import type { DciSimulator } from '../simulators/dcimanager';
import { startDciSimulator } from '../simulators/dcimanager';
import { dciManagerCredential } from './harness/credentials';
import type { N8nServer } from './harness/n8n';
import { N8nInstance, loadWorkflow } from './harness/n8n';
import { sleep } from './harness/processes';
import { FinishedExecutions, fetchTestEvent, startServerWith, stopAll, waitUntil } from './harness/triggers';

/**
 * The DCImanager trigger in a running n8n (`n8n start`), activated as the Publish button does,
 * against the DCImanager simulator in this jest worker. The trigger's first polls only note how the
 * servers stand; an OS install that finishes after that is emitted by the next poll, exactly once.
 */
const WORKFLOW_FILE = path.join(__dirname, 'workflows', 'dcimanager-trigger', 'os-install-finished.json');
const WORKFLOW_ID = 'e2eDciTrigger001';
const TRIGGER = 'When an OS Install Finishes';
const POLL_TIMEOUT_MS = 150_000;

describe('the DCImanager trigger in a running n8n', () => {
	let sim: DciSimulator;
	let n8n: N8nInstance;
	let server: N8nServer | undefined;
	const executions = new FinishedExecutions(() => server!);

	const serverListings = () => sim.requestsTo('GET', /\/dci\/v3\/server$/).length;

	const until = async (what: string, done: () => Promise<boolean> | boolean) => await waitUntil(server!, what, done, POLL_TIMEOUT_MS);

	beforeAll(async () => {
		sim = await startDciSimulator({ serversPerRack: 4, operationDurationMs: 1000 });
		n8n = await N8nInstance.create({ name: 'dcimanager-trigger' });
		server = await startServerWith(n8n, {
			credentials: [dciManagerCredential('e2eDciTrigCred01', 'DCImanager simulator (trigger)', sim)],
			workflows: [loadWorkflow(WORKFLOW_FILE, {})],
		});
	}, 30 * 60_000);

	afterAll(async () => await stopAll(server, n8n, sim), 60_000);

	afterEach(() => expect(sim.violations()).toEqual([]));

	test(
		'emits an OS install that finished after activation once, and a power change not at all',
		async () => {
			await server!.activateWorkflow(WORKFLOW_ID);
			// The poll at activation and the first scheduled one note where things stand.
			await until('two polls', () => serverListings() >= 2);
			const install = sim.state.startOperation(sim.state.servers[2], 'os_install', { os_template_id: 8 });
			sim.state.startOperation(sim.state.servers[3], 'power_off');
			await sleep(1_500);
			sim.state.advance();
			expect(install.status).toBe('complete');
			const listingsAtInstall = serverListings();

			await until('the install to be emitted', async () => (await executions.of(WORKFLOW_ID)).length > 0);
			// One more poll after the emission must not emit it again.
			const listingsAtEmission = serverListings();
			await until('one more poll', () => serverListings() > listingsAtEmission);
			await sleep(3_000);
			const runs = await executions.of(WORKFLOW_ID);
			expect(runs.map((run) => run.status)).toEqual(['success']);
			expect(serverListings()).toBeGreaterThan(listingsAtInstall);
			expect(runs[0].nodeOutputs[TRIGGER]).toEqual([
				expect.objectContaining({ event: 'operationFinished', kind: 'osInstall', outcome: 'succeeded', serverId: 3 }),
			]);
			expect(runs[0].nodeOutputs['Install Report']).toEqual([{ serverId: 3, outcome: 'succeeded', template: 'AlmaLinux 9' }]);
		},
		4 * POLL_TIMEOUT_MS,
	);

	test('the credential test in the editor logs in and reads a server, and says which fields to fix for a wrong password', async () => {
		const credential = (password: string) => ({
			// The saved credential's ID: n8n tests only credentials the user may read.
			credentials: dciManagerCredential('e2eDciTrigCred01', 'DCImanager simulator (trigger)', { ...sim, password }),
		});
		const loginsBefore = sim.requestsTo('POST', /\/auth\/v4\/public\/token$/).length;
		const good = await server!.rest<{ status: string; message: string }>('POST', '/credentials/test', credential(sim.password));
		expect(good.status).toBe('OK');
		expect(sim.requestsTo('POST', /\/auth\/v4\/public\/token$/).length).toBeGreaterThan(loginsBefore);
		const probe = sim.requestsTo('GET', /\/dci\/v3\/server$/).pop()!;
		expect(probe.query.limit).toBe('0,1');
		expect(probe.headers['isp-box-instance']).toBe('true');
		const bad = await server!.rest<{ status: string; message: string }>('POST', '/credentials/test', credential('wrong-password'));
		expect(bad.status).toBe('Error');
		// Not n8n's bare "Unauthorized": which fields to fix.
		expect(bad.message).toBe(
			'DCImanager 6 refused the email or password (HTTP 401: Invalid email or password). Check Email and Password in the credential, and that this user may sign in to DCImanager.',
		);
		expect(bad.message).not.toContain('wrong-password');
	}, 60_000);

	test('"Fetch Test Event" returns the real finished install', async () => {
		const { executionId, run } = await fetchTestEvent(server!, WORKFLOW_ID, TRIGGER);
		expect(executionId).toEqual(expect.any(String));
		expect({ status: run?.status, error: run?.errorMessage }).toEqual({ status: 'success', error: undefined });
		expect(run!.nodeOutputs[TRIGGER]).toEqual([expect.objectContaining({ kind: 'osInstall', serverId: 3 })]);
	}, 90_000);
});
