import * as path from 'node:path';

import type { DsccSimulator } from '../simulators/dscc';
import { startDsccSimulator } from '../simulators/dscc';
import { greenLakeCredential } from './harness/credentials';
import { N8nInstance, loadWorkflows } from './harness/n8n';

/**
 * The shared transport in a real n8n: Return All fetching pages concurrently when every token
 * expires mid-way (n8n's own OAuth2 refresh), and a change whose request never gets an answer.
 */
const VOLUMES = 4500;
const ALL_VOLUMES = 'e2eDsccVolumes01';
const LOCATE_WITH_SHORT_TIMEOUT = 'e2eDsccTimeout01';

describe('HPE DSCC transport in a real n8n', () => {
	let sim: DsccSimulator;
	let n8n: N8nInstance;

	beforeAll(async () => {
		sim = await startDsccSimulator({ volumes: VOLUMES });
		n8n = await N8nInstance.create({ name: 'dscc-transport' });
		await n8n.importCredentials([greenLakeCredential('e2eDsccCred0001', 'DSCC simulator', sim)]);
		const values = { DSCC_URL: sim.url };
		await n8n.importWorkflows([
			...loadWorkflows(path.join(__dirname, 'workflows'), values).filter((workflow) => workflow.id === ALL_VOLUMES),
			...loadWorkflows(path.join(__dirname, 'workflows/dscc-transport'), values),
		]);
	}, 10 * 60_000);

	afterAll(async () => {
		await sim?.close();
		// Last: fails the run when n8n shows a secret of it (the harness's secret scan).
		n8n?.cleanup();
	});

	const tokenRequests = () => sim.requestsTo('POST', /\/token\.oauth2$/).length;

	test('every token expiring in the middle of Return All leads to exactly one new token and every volume once', async () => {
		// The first run stores a token in the credential.
		const first = (await n8n.executeWorkflows([ALL_VOLUMES], { timeoutMs: 5 * 60_000 })).get(ALL_VOLUMES)!;
		expect(first.status).toBe('success');
		const tokensBefore = tokenRequests();
		sim.addFault({ path: /^\/api\/v1\/volumes$/, skip: 1, times: 1, sideEffect: () => sim.expireTokens() });
		const run = (await n8n.executeWorkflows([ALL_VOLUMES], { timeoutMs: 5 * 60_000 })).get(ALL_VOLUMES)!;
		sim.clearFaults();
		expect({ status: run.status, error: run.errorMessage }).toEqual({ status: 'success', error: undefined });
		expect(tokenRequests() - tokensBefore).toBe(1);
		const ids = run.nodeOutputs['Get All Volumes'].map((volume) => volume.id);
		expect(ids).toHaveLength(VOLUMES);
		expect(new Set(ids).size).toBe(VOLUMES);
	}, 10 * 60_000);

	test('a change that gets no answer fails after its timeout, is not sent again, and says the outcome is unknown', async () => {
		sim.addFault({ method: 'POST', path: /^\/api\/v1\/storage-systems\//, hang: true });
		const before = sim.requestsTo('POST', /^\/api\/v1\/storage-systems\//).length;
		const run = (await n8n.executeWorkflows([LOCATE_WITH_SHORT_TIMEOUT], { timeoutMs: 5 * 60_000 })).get(LOCATE_WITH_SHORT_TIMEOUT)!;
		sim.clearFaults();
		expect(run.status).toBe('error');
		// execute-batch reports the error's description (the headline is "... did not answer within 1
		// second: whether the change was made is unknown", asserted in the integration tests).
		expect(run.errorMessage).toContain('so it was not sent again. Look for the task in the task list');
		expect(run.errorMessage).toContain('Network error: ETIMEDOUT');
		expect(run.errorMessage).toContain('Request: POST /api/v1/storage-systems/device-type1/SGH029VBHV');
		expect(sim.requestsTo('POST', /^\/api\/v1\/storage-systems\//).length - before).toBe(1);
	}, 10 * 60_000);

	test('every request n8n sent matched the DSCC OpenAPI description', () => {
		expect(sim.violations()).toEqual([]);
	});
});
