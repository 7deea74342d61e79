import * as path from 'node:path';

import type { CloutilitySimulator } from '../simulators/cloutility';
import { startCloutilitySimulator } from '../simulators/cloutility';
import { cloutilityCredential } from './harness/credentials';
import type { WorkflowRun } from './harness/n8n';
import { N8nInstance, loadWorkflow, loadWorkflows } from './harness/n8n';

/**
 * Cloutility workflows in a real n8n with the packed package, against the Cloutility simulator in
 * this jest worker. Access tokens live 3 seconds here, so a workflow that waits 6 seconds between
 * two calls needs a new one.
 */
const WORKFLOWS = path.join(__dirname, 'workflows', 'cloutility');
const DEMO_WORKFLOWS = path.join(__dirname, '../demo/workflows');

describe('Cloutility workflows in a real n8n', () => {
	let sim: CloutilitySimulator;
	let n8n: N8nInstance;
	const runs = new Map<string, WorkflowRun>();
	let grantsAfterFirstBatch: string[] = [];
	let grantsOfSecondBatch: string[] = [];

	beforeAll(async () => {
		sim = await startCloutilitySimulator({ tokenTtlSeconds: 3 });
		n8n = await N8nInstance.create({ name: 'cloutility' });
		await n8n.importCredentials([
			cloutilityCredential('e2eClouCred0001', 'Cloutility simulator', sim),
			cloutilityCredential('demoClouCred0001', 'Cloutility (simulator)', sim),
			cloutilityCredential('e2eClouCredWrong1', 'Cloutility wrong origin', { ...sim, origin: 'https://elsewhere.example.com' }),
			cloutilityCredential('e2eClouCredNone1', 'Cloutility without origin', { ...sim, origin: '' }),
		]);
		const values = { CLOUTILITY_URL: sim.url };
		await n8n.importWorkflows([
			...loadWorkflows(WORKFLOWS, values),
			loadWorkflow(path.join(DEMO_WORKFLOWS, '4-cloutility-business-unit-tree.json'), values),
			loadWorkflow(path.join(DEMO_WORKFLOWS, '5-cloutility-onboard-backup-client.json'), values),
		]);
		for (const [id, run] of await n8n.executeWorkflows([
			'e2eClouLongRun01',
			'e2eClouWrongOrig01',
			'e2eClouNoOrigin01',
			'e2eClouHttpReq01',
			'demoClouTree01',
			'demoClouOnboard01',
		])) {
			runs.set(id, run);
		}
		grantsAfterFirstBatch = [...sim.issuer.grants];
		// Next day: the stored access token has expired and an administrator revoked the refresh token.
		sim.expireAccessTokens();
		sim.revokeRefreshTokens();
		for (const [id, run] of await n8n.executeWorkflows(['e2eClouVersion01'])) runs.set(id, run);
		grantsOfSecondBatch = sim.issuer.grants.slice(grantsAfterFirstBatch.length);
	}, 30 * 60_000);

	afterAll(async () => {
		await sim?.close();
		// Last: fails the run when n8n shows a secret of it (the harness's secret scan).
		n8n?.cleanup();
	});

	function succeeded(id: string): WorkflowRun {
		const run = runs.get(id);
		expect({ id, status: run?.status, error: run?.errorMessage }).toEqual({ id, status: 'success', error: undefined });
		return run!;
	}

	test('a run longer than an access token signs in once and then uses the refresh token', () => {
		const run = succeeded('e2eClouLongRun01');
		expect(run.nodeOutputs['Get API Version']).toEqual([{ version: '1.0.4480.0' }]);
		expect(run.nodeOutputs['Get Business Unit Tree'].map((unit) => unit.path)).toContain('Company AB / HR Department / HR Payroll');
		expect(grantsAfterFirstBatch).toContain('refresh_token');
		// Only the credential with the right origin signed in; every call carried the origin.
		const apiCalls = sim.requests().filter((request) => request.path !== '/v1/oauth');
		expect(apiCalls.every((request) => request.headers.origin === sim.origin)).toBe(true);
	});

	test('a revoked refresh token falls back to the password', () => {
		const run = succeeded('e2eClouVersion01');
		expect(run.nodeOutputs['Get API Version']).toEqual([{ version: '1.0.4480.0' }]);
		expect(grantsOfSecondBatch).toEqual(['refused:refresh_token', 'password']);
	});

	test('a wrong origin fails with a message that names the origin and what to check', () => {
		const run = runs.get('e2eClouWrongOrig01')!;
		expect(run.status).toBe('error');
		const text = `${run.errorMessage ?? ''} ${run.errorDescription ?? ''}`;
		expect(text).toMatch(/origin 'https:\/\/elsewhere\.example\.com' is not registered/);
		expect(text).toMatch(/Settings → API access/);
		expect(text).not.toContain(sim.password);
	});

	test('a missing origin fails before any request, saying what is missing', () => {
		const run = runs.get('e2eClouNoOrigin01')!;
		expect(run.status).toBe('error');
		expect(`${run.errorMessage ?? ''} ${run.errorDescription ?? ''}`).toMatch(/missing: Origin/);
	});

	test("the credential works in n8n's HTTP Request node", () => {
		const run = succeeded('e2eClouHttpReq01');
		expect(run.nodeOutputs['HTTP Request']).toEqual([expect.objectContaining({ total: 2 })]);
	});

	test('the demo lists the business-unit tree', () => {
		const run = succeeded('demoClouTree01');
		expect(run.nodeOutputs.Summary.map((unit) => unit.businessUnit)).toEqual([
			'Company AB',
			'Company AB / Marketing Department',
			'Company AB / HR Department',
			'Company AB / HR Department / HR Payroll',
		]);
	});

	test('the demo onboards a backup client end to end: consumption unit, node, activation', () => {
		const run = succeeded('demoClouOnboard01');
		const [unit] = run.nodeOutputs['Create Consumption Unit'];
		expect(run.nodeOutputs['Create Backup Node']).toEqual([expect.objectContaining({ operatingSystem: expect.objectContaining({ name: 'Linux' }) })]);
		expect(run.nodeOutputs['Activate Backup Node']).toEqual([expect.objectContaining({ activated: true, tsmName: String(unit.name).toUpperCase() })]);
		const consumer = sim.portal.consumers.get(unit.id as number)!;
		expect(consumer.node).toMatchObject({ tsmName: String(unit.name).toUpperCase(), activatedDate: expect.any(String) });
	});
});
