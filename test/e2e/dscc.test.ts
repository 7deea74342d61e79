import * as path from 'node:path';

import type { DsccSimulator } from '../simulators/dscc';
import { startDsccSimulator } from '../simulators/dscc';
import { SYSTEMS } from '../simulators/dscc/routes/core';
import { greenLakeCredential } from './harness/credentials';
import type { WorkflowRun } from './harness/n8n';
import { N8nInstance, loadWorkflows } from './harness/n8n';

/**
 * Headless workflows in a real n8n with the packed package, against the DSCC simulator running in
 * this jest worker. The workflows run in two boots of n8n (`execute-batch`), one after the other.
 */
const E2E_WORKFLOWS = path.join(__dirname, 'workflows');
const DEMO_WORKFLOWS = path.join(__dirname, '../demo/workflows');
/** More than two pages of DSCC's largest page (1000). */
const SEEDED_VOLUMES = 2345;

const STORAGE_SYSTEMS = 'e2eDsccSystems01';
const ALL_VOLUMES = 'e2eDsccVolumes01';
const HTTP_REQUEST = 'e2eHttpRequest01';
const DEMO_LIST_SYSTEMS = 'demoDsccSystems01';
const DEMO_CREATE_VOLUME = 'demoDsccVolume01';

describe('HPE DSCC workflows in a real n8n', () => {
	let sim: DsccSimulator;
	let n8n: N8nInstance;
	let runs: Map<string, WorkflowRun>;

	beforeAll(async () => {
		sim = await startDsccSimulator({ volumes: SEEDED_VOLUMES });
		n8n = await N8nInstance.create({ name: 'dscc' });
		await n8n.importCredentials([
			greenLakeCredential('e2eDsccCred0001', 'DSCC simulator', sim, {
				// What a careful admin sets: the HTTP Request node may use the credential, but only
				// towards the DSCC host.
				allowedHttpRequestDomains: 'domains',
				allowedDomains: new URL(sim.url).hostname,
			}),
			// The one the demo workflows use.
			greenLakeCredential('demoDsccCred0001', 'HPE GreenLake (DSCC simulator)', sim),
		]);
		// The ESC and AI agent demo workflows are imported too (not run here): their placeholders need values.
		const values = { DSCC_URL: sim.url, ESC_CALLBACK_URL: 'http://127.0.0.1:9/unused', ESC_CALLBACK_TOKEN: 'unused', CLOUTILITY_BUSINESS_UNIT_ID: '0' };
		await n8n.importWorkflows([
			...loadWorkflows(E2E_WORKFLOWS, values),
			...loadWorkflows(DEMO_WORKFLOWS, values),
		]);
		// A batch runs in n8n's order, not ours: the workflow that creates a volume runs after the
		// one that counts them.
		runs = await n8n.executeWorkflows([
			STORAGE_SYSTEMS,
			ALL_VOLUMES,
			HTTP_REQUEST,
			DEMO_LIST_SYSTEMS,
		]);
		for (const [id, run] of await n8n.executeWorkflows([DEMO_CREATE_VOLUME])) runs.set(id, run);
	}, 30 * 60_000);

	afterAll(async () => {
		await sim?.close();
		// Last: fails the run when n8n shows a secret of it (the harness's secret scan).
		n8n?.cleanup();
	});

	/** The run, after checking it succeeded (the failure shows the error a user would see). */
	function succeeded(id: string): WorkflowRun {
		const run = runs.get(id);
		expect({
			id,
			status: run?.status,
			error: run?.errorMessage,
			errorNode: run?.errorNode,
		}).toEqual({
			id,
			status: 'success',
			error: undefined,
			errorNode: undefined,
		});
		return run!;
	}

	const seededNames = SYSTEMS.map((system) => system.name).sort();

	test('Storage System > Get Many returns the seeded systems, with a token from the client-credentials flow', () => {
		const run = succeeded(STORAGE_SYSTEMS);
		const systems = run.nodeOutputs['Get Storage Systems'];
		expect(systems.map((system) => system.name).sort()).toEqual(seededNames);
		expect(systems.map((system) => system.id).sort()).toEqual(
			SYSTEMS.map((system) => system.id).sort(),
		);

		const tokenRequests = sim.requestsTo('POST', /^\/as\/token\.oauth2$/);
		expect(tokenRequests.length).toBeGreaterThanOrEqual(1);
		expect(tokenRequests[0]).toMatchObject({
			status: 200,
			body: { grant_type: 'client_credentials', client_id: sim.clientId },
		});
		const listings = sim.requestsTo('GET', /^\/api\/v1\/storage-systems$/);
		expect(listings.length).toBeGreaterThanOrEqual(1);
		expect(
			listings.every((request) => /^Bearer \S+$/.test(String(request.headers.authorization))),
		).toBe(true);
	});

	test('Volume > Get Many with Return All pages through every volume exactly once', () => {
		const run = succeeded(ALL_VOLUMES);
		const volumes = run.nodeOutputs['Get All Volumes'];
		expect(volumes.length).toBe(SEEDED_VOLUMES);
		expect(new Set(volumes.map((volume) => volume.id)).size).toBe(SEEDED_VOLUMES);
		// 2345 volumes at 1000 a page.
		expect(sim.requestsTo('GET', /^\/api\/v1\/volumes$/).length).toBeGreaterThanOrEqual(3);
	});

	test("n8n's HTTP Request node authenticates with the HPE GreenLake credential", () => {
		const run = succeeded(HTTP_REQUEST);
		const [response] = run.nodeOutputs['HTTP Request'];
		const items = response.items as Array<{ name: string }>;
		expect(items.map((system) => system.name).sort()).toEqual(seededNames);
		expect(response.total).toBe(SYSTEMS.length);
	});

	describe('the demo workflows', () => {
		test('"list storage systems" shows one summary row per system', () => {
			const run = succeeded(DEMO_LIST_SYSTEMS);
			const rows = run.nodeOutputs.Summary;
			expect(rows.map((row) => row.name).sort()).toEqual(seededNames);
			expect(rows.every((row) => typeof row.model === 'string' && row.model !== '')).toBe(true);
		});

		test('"create a volume and wait" ends with the finished task and the new volume', () => {
			const run = succeeded(DEMO_CREATE_VOLUME);
			const [result] = run.nodeOutputs['Create Volume'];
			expect(result.state).toBe('SUCCEEDED');
			expect(result.resource).toMatchObject({ name: expect.stringMatching(/^demo-\d{8}-\d{6}$/) });
		});
	});

	test('every request n8n sent matched the DSCC OpenAPI description', () => {
		expect(sim.requestCount()).toBeGreaterThan(0);
		expect(sim.violations()).toEqual([]);
	});
});
