import { randomBytes } from 'node:crypto';

import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { Cloutility } from '../../nodes/Cloutility/Cloutility.node';
import { CloutilityBillingTrigger } from '../../nodes/Cloutility/CloutilityBillingTrigger.node';
import { CloutilityTrigger } from '../../nodes/Cloutility/CloutilityTrigger.node';
import type { CredentialStore, Parameters } from '../harness/context';
import { executeNode, loadOptionsContext, pollNode, runWebhook } from '../harness/context';
import type { CloutilitySimulator } from '../simulators/cloutility';
import { TEST_NOTICE, startCloutilitySimulator } from '../simulators/cloutility';

/** Made up per run: the webhook's shared secret. */
const webhookSecret = randomBytes(16).toString('hex');
const trigger = new CloutilityTrigger();
const billing = new CloutilityBillingTrigger();
let sim: CloutilitySimulator;

beforeAll(async () => {
	sim = await startCloutilitySimulator();
});
afterAll(async () => await sim.close());

const credential = (): CredentialStore => ({
	cloutilityApi: { baseUrl: sim.url, clientId: sim.clientId, origin: sim.origin, username: sim.username, password: sim.password, accessToken: '', refreshToken: '', signedInAs: '' },
});
const unitId = (name: string) => [...sim.portal.consumers.values()].find((unit) => unit.name === name)!.id;

async function poll(parameters: Parameters, staticData: IDataObject, mode: 'trigger' | 'manual' = 'trigger', activation?: 'activate' | 'init'): Promise<IDataObject[]> {
	const output = await pollNode({ nodeType: trigger, credentials: credential(), parameters, staticData, mode, activation });
	return output ? output[0].map((item) => item.json) : [];
}

describe('backup finished with errors or warnings', () => {
	it('reports each new failed or warning report and job once, across polls, for a business unit tree and a single unit', async () => {
		const staticData: IDataObject = {};
		const parameters = { businessUnits: ['94'], includeSubUnits: true, consumptionUnits: [`22:${unitId('FILESRV01')}`], sources: ['reports', 'jobs'], problems: 'errorsAndWarnings' };
		expect(await poll(parameters, staticData)).toEqual([]);
		expect(staticData.backupProblems).toBeDefined();

		await new Promise((resolve) => setTimeout(resolve, 5));
		sim.runBackupRound({ [unitId('HR-SQL01')]: 'failed', [unitId('FILESRV01')]: 'warning', [unitId('JennysWS')]: 'failed' });
		const first = await poll(parameters, staticData);
		expect(first.map((item) => [item.kind, item.problem, item.consumptionUnitName]).sort()).toEqual([
			['job', 'failed', 'HR-SQL01'],
			['job', 'warning', 'FILESRV01'],
			['report', 'failed', 'HR-SQL01'],
			['report', 'warning', 'FILESRV01'],
		]);
		const report = first.find((item) => item.kind === 'report' && item.problem === 'failed')!;
		expect(report).toMatchObject({ statusName: 'Error', businessUnitId: 94, warnings: [{ typeName: 'Missed schedule' }, { typeName: 'No backup activity' }] });

		expect(await poll(parameters, staticData)).toEqual([]);
		await new Promise((resolve) => setTimeout(resolve, 5));
		sim.runBackupRound({ [unitId('HR-SQL01')]: 'success', [unitId('FILESRV01')]: 'failed' });
		const second = await poll({ ...parameters, problems: 'errors' }, staticData);
		expect(second.map((item) => [item.kind, item.problem, item.consumptionUnitName]).sort()).toEqual([
			['job', 'failed', 'FILESRV01'],
			['report', 'failed', 'FILESRV01'],
		]);
	});

	it('a scheduled poll without a saved position (n8n dropped the activation poll\'s) covers the last polling interval', async () => {
		sim.runBackupRound({ [unitId('HR-SQL01')]: 'failed' });
		const reportId = sim.portal.consumers.get(unitId('HR-SQL01'))!.reports.at(-1)!.id;
		const parameters = { pollTimes: { item: [{ mode: 'everyMinute' }] }, businessUnits: ['94'], sources: ['reports'], problems: 'errors' };
		expect(await poll(parameters, {}, 'trigger', 'activate')).toEqual([]);
		const found = await poll(parameters, {}, 'trigger', 'init');
		expect(found.map((item) => item.id)).toContain(reportId);
	});

	it('"Fetch Test Event" returns the newest problem', async () => {
		sim.runBackupRound({ [unitId('MKT-LAPTOP-07')]: 'failed', [unitId('JennysWS')]: 'success' });
		const [newest] = await poll({ businessUnits: ['76'], sources: ['reports'], problems: 'errors' }, {}, 'manual');
		expect(newest).toMatchObject({ kind: 'report', problem: 'failed', consumptionUnitName: 'MKT-LAPTOP-07' });
	});

	it('offers every business unit and consumption unit of the tree to pick from', async () => {
		const context = loadOptionsContext({ nodeType: trigger, credentials: credential() });
		const units = await trigger.methods.loadOptions.getBusinessUnits.call(context);
		expect(units.map((unit) => unit.name)).toContain('Company AB / HR Department / HR Payroll');
		const consumers = await trigger.methods.loadOptions.getConsumptionUnits.call(context);
		expect(consumers).toContainEqual({ name: 'Company AB / Marketing Department / JennysWS', value: `76:${unitId('JennysWS')}` });
	});

	it('refuses settings that watch nothing or name invalid units, before any request', async () => {
		const before = sim.requests().length;
		await expect(poll({ businessUnits: [], consumptionUnits: [], sources: ['reports'] }, {})).rejects.toThrow(/at least one business unit or consumption unit/);
		await expect(poll({ businessUnits: ['22/../1'], sources: ['reports'] }, {})).rejects.toThrow(/not a valid business unit ID/);
		await expect(poll({ consumptionUnits: ['408'], sources: ['reports'] }, {})).rejects.toThrow(/not a valid consumption unit/);
		expect(sim.requests().length).toBe(before);
	});
});

describe('new billing data', () => {
	function webhookContext(parameters: Parameters, query: IDataObject, body: IDataObject, typeVersion = 1) {
		const sent: { status?: number; body?: unknown } = {};
		const base = loadOptionsContext({ nodeType: billing, credentials: credential(), parameters });
		const context = {
			...base,
			getNode: () => ({ ...base.getNode(), typeVersion }),
			// A webhook's getNodeParameter takes no item index.
			getNodeParameter: (name: string, fallback?: unknown, options?: { extractValue?: boolean }) => {
				const value = name in parameters ? parameters[name] : fallback;
				return options?.extractValue && typeof value === 'object' && value !== null ? (value as IDataObject).value : value;
			},
			getRequestObject: () => ({ query, ip: '127.0.0.1', socket: { remoteAddress: '127.0.0.1' } }),
			getResponseObject: () => ({
				status(code: number) {
					sent.status = code;
					return { json: (payload: unknown) => (sent.body = payload) };
				},
			}),
			getBodyData: () => body,
		} as unknown as IWebhookFunctions;
		return { context, sent };
	}

	it('version 2 answers a notice at once and emits it with the business unit, reading no billing data, even while the billing API fails', async () => {
		sim.addFault({ method: 'GET', path: /\/billing$/, respond: { status: 500, body: { message: 'Billing is down' } } });
		try {
			const parameters = { secretToken: webhookSecret, allowedIps: '127.0.0.0/8', businessUnitId: { __rl: true, mode: 'list', value: '22' } };
			const before = sim.requests().length;
			const { context, sent } = webhookContext(parameters, { token: webhookSecret }, { trigger: 'new billing data available' }, 2);
			const response = await runWebhook(billing, context);
			expect(response.webhookResponse).toEqual({ received: true });
			expect(sent.status).toBeUndefined();
			expect(response.workflowData![0][0].json).toMatchObject({ trigger: 'new billing data available', isTestNotice: false, businessUnitId: 22 });
			expect(response.workflowData![0][0].json.billingData).toBeUndefined();
			expect(sim.requests().length).toBe(before);
			// The secret is still checked before anything is acknowledged.
			const wrong = webhookContext(parameters, { token: 'nope' }, { trigger: 'new billing data available' }, 2);
			expect(await runWebhook(billing, wrong.context)).toEqual({ noWebhookResponse: true });
			expect(wrong.sent.status).toBe(401);
		} finally {
			sim.clearFaults();
		}
	});

	it('the Cloutility node reads the announced billing data (Billing → Get Many), where a failure shows and can be retried', async () => {
		const parameters = { resource: 'billing', operation: 'getAll', businessUnitId: { __rl: true, mode: 'id', value: '22' }, returnAll: true };
		const items = await executeNode({ nodeType: new Cloutility(), credentials: credential(), parameters });
		expect(items.map((item) => item.json)).toEqual([expect.objectContaining({ invoiceDateStr: '2026-11-01', summary: [expect.objectContaining({ total: 18_450.25 })] })]);
		sim.addFault({ method: 'GET', path: /\/billing$/, times: 1, respond: { status: 500, body: { message: 'Billing is down' } } });
		try {
			await expect(executeNode({ nodeType: new Cloutility(), credentials: credential(), parameters })).rejects.toThrow(/Cloutility had an internal error/);
		} finally {
			sim.clearFaults();
		}
	});

	it('answers the test notice and emits it marked as a test, without fetching billing data', async () => {
		const parameters = { secretToken: webhookSecret, allowedIps: '', fetchBillingData: true, businessUnitId: { __rl: true, mode: 'id', value: '22' } };
		const { context } = webhookContext(parameters, { token: webhookSecret }, TEST_NOTICE);
		const before = sim.requestsTo('GET', /billing/).length;
		const response = await runWebhook(billing, context);
		expect(response.webhookResponse).toEqual({ received: true });
		expect(response.workflowData![0][0].json).toMatchObject({ trigger: 'test for new billing data available', isTestNotice: true });
		expect(sim.requestsTo('GET', /billing/).length).toBe(before);
	});

	it('version 1 (saved workflows) still fetches the billing data a real notice announces', async () => {
		const parameters = { secretToken: webhookSecret, allowedIps: '127.0.0.0/8', fetchBillingData: true, businessUnitId: { __rl: true, mode: 'id', value: '22' } };
		const { context } = webhookContext(parameters, { token: webhookSecret }, { trigger: 'new billing data available' });
		const response = await runWebhook(billing, context);
		expect(response.workflowData![0][0].json).toMatchObject({ isTestNotice: false, billingData: [{ invoiceDateStr: '2026-11-01' }] });
	});

	it('refuses a call without the token or from an address not allowed', async () => {
		const wrongToken = webhookContext({ secretToken: webhookSecret, allowedIps: '' }, { token: `${webhookSecret}x` }, TEST_NOTICE);
		expect(await runWebhook(billing, wrongToken.context)).toEqual({ noWebhookResponse: true });
		expect(wrongToken.sent.status).toBe(401);
		const elsewhere = webhookContext({ secretToken: webhookSecret, allowedIps: '10.0.0.0/8' }, { token: webhookSecret }, TEST_NOTICE);
		expect(await runWebhook(billing, elsewhere.context)).toEqual({ noWebhookResponse: true });
		expect(elsewhere.sent.status).toBe(403);
	});
});
