import { randomBytes } from 'node:crypto';
import * as path from 'node:path';

import type { CloutilitySimulator } from '../simulators/cloutility';
import { TEST_NOTICE, startCloutilitySimulator } from '../simulators/cloutility';
import { cloutilityCredential } from './harness/credentials';
import type { Json, N8nServer, WorkflowRun } from './harness/n8n';
import { N8nInstance, loadWorkflow } from './harness/n8n';
import { sleep } from './harness/processes';
import { FinishedExecutions, outputOf, startServerWith, stopAll } from './harness/triggers';

/**
 * Both Cloutility triggers in a running n8n (`n8n start`), activated as the editor's Publish
 * button does: the polling trigger for failed backups (every minute) and the billing webhook.
 */
const DIR = path.join(__dirname, 'workflows', 'cloutility-triggers');
const FAILURES = 'e2eClouBackupFail1';
const BILLING = 'e2eClouBilling01';
const WEBHOOK_ID = '4b7e2c1a-9d3f-4e8b-a6c5-0c10b1111a9f';
const EMISSION_TIMEOUT_MS = 150_000;

describe('the Cloutility triggers in a running n8n', () => {
	let sim: CloutilitySimulator;
	let n8n: N8nInstance;
	let server: N8nServer | undefined;
	const billingToken = randomBytes(16).toString('hex');
	const executions = new FinishedExecutions(() => server!);

	const fileServer = () => [...sim.portal.consumers.values()].find((unit) => unit.name === 'FILESRV01')!;
	const latestReportId = () => Number(fileServer().reports[fileServer().reports.length - 1].id);

	const waitFor = async (workflowId: string, done: (runs: WorkflowRun[]) => boolean) =>
		await executions.waitFor(workflowId, done, { timeoutMs: EMISSION_TIMEOUT_MS, what: () => 'The awaited executions' });

	const failureReports = (found: WorkflowRun[]): Json[] => outputOf(found, 'Failure Report');

	beforeAll(async () => {
		sim = await startCloutilitySimulator();
		const startFrom = new Date(Date.now() - 60_000).toISOString();
		await sleep(10);
		sim.runBackupRound({ [fileServer().id]: 'failed' });
		n8n = await N8nInstance.create({ name: 'cloutility-triggers' });
		const values = { START_FROM: startFrom, BILLING_TOKEN: billingToken };
		server = await startServerWith(n8n, {
			credentials: [cloutilityCredential('e2eClouTrigCred01', 'Cloutility simulator (triggers)', sim)],
			workflows: [loadWorkflow(path.join(DIR, 'backup-failures.json'), values), loadWorkflow(path.join(DIR, 'billing.json'), values)],
		});
	}, 30 * 60_000);

	afterAll(async () => await stopAll(server, n8n, sim), 60_000);

	test(
		'the backup-failure trigger emits each failed report once, across polls',
		async () => {
			const beforeActivation = latestReportId();
			await server!.activateWorkflow(FAILURES);
			await waitFor(FAILURES, (found) => failureReports(found).some((report) => report.reportId === beforeActivation));

			await sleep(10);
			sim.runBackupRound({ [fileServer().id]: 'failed' });
			const afterActivation = latestReportId();
			const found = await waitFor(FAILURES, (all) => failureReports(all).some((report) => report.reportId === afterActivation));

			const ids = failureReports(found).map((report) => report.reportId);
			expect(new Set(ids).size).toBe(ids.length);
			expect(failureReports(found).find((report) => report.reportId === afterActivation)).toEqual({
				reportId: afterActivation,
				client: 'FILESRV01',
				warnings: 'Missed schedule, No backup activity',
			});
		},
		2 * EMISSION_TIMEOUT_MS + 60_000,
	);

	test(
		'the billing trigger answers the test POST (Expect: 100-continue), refuses a wrong token, answers notices at once and the next node reads the billing data',
		async () => {
			await server!.activateWorkflow(BILLING);
			const url = `${server!.url}/webhook/${WEBHOOK_ID}/cloutility-billing`;
			const refused = await sim.notifyBillingSubscriber(`${url}?token=wrong`, TEST_NOTICE);
			expect(refused.status).toBe(401);

			const test = await sim.notifyBillingSubscriber(`${url}?token=${billingToken}`, TEST_NOTICE);
			expect({ status: test.status, continued: test.continued }).toEqual({ status: 200, continued: true });
			const before = sim.requestsTo('GET', /\/billing$/).length;
			const real = await sim.notifyBillingSubscriber(`${url}?token=${billingToken}`, { trigger: 'new billing data available' });
			expect(real.status).toBe(200);

			const found = await waitFor(BILLING, (all) => all.length >= 2);
			const notices = outputOf(found, 'New Billing Data');
			expect(notices).toEqual(
				expect.arrayContaining([
					expect.objectContaining({ isTestNotice: true, trigger: TEST_NOTICE.trigger, businessUnitId: 22 }),
					expect.objectContaining({ isTestNotice: false, businessUnitId: 22 }),
				]),
			);
			expect(notices).toHaveLength(2);
			expect(notices.every((notice) => notice.billingData === undefined)).toBe(true);
			// The workflow's next node read the billing data, after the notices were answered.
			expect(outputOf(found, 'Read Billing Data')).toEqual([
				expect.objectContaining({ invoiceDateStr: '2026-11-01' }),
				expect.objectContaining({ invoiceDateStr: '2026-11-01' }),
			]);
			expect(sim.requestsTo('GET', /\/billing$/).length).toBeGreaterThan(before);
		},
		EMISSION_TIMEOUT_MS + 60_000,
	);

	test('the credential test in the editor signs in and calls /v1/fullVersion; a wrong origin fails clearly', async () => {
		// What the editor sends: the saved credential with the values in the form.
		const credential = (origin: string) => cloutilityCredential('e2eClouTrigCred01', 'Cloutility simulator (triggers)', { ...sim, origin });
		const before = sim.requestsTo('GET', /^\/v1\/fullVersion$/).length;
		const ok = await server!.rest<{ status?: string; message?: string }>('POST', '/credentials/test', { credentials: credential(sim.origin) });
		expect(ok).toMatchObject({ status: 'OK' });
		expect(sim.requestsTo('GET', /^\/v1\/fullVersion$/).length).toBe(before + 1);
		const refused = await server!.rest<{ status?: string; message?: string }>('POST', '/credentials/test', { credentials: credential('https://elsewhere.example.com') });
		expect(refused.status).toBe('Error');
		expect(refused.message).toMatch(/not registered/);
		expect(refused.message).not.toContain(sim.password);
	}, 60_000);
});
