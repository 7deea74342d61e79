import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { E2E_DIR } from '../e2e/harness/build';
import type { CredentialImport, Json, WorkflowFile } from '../e2e/harness/n8n';
import { parseFlatted } from '../e2e/harness/n8n';
import { cloutilityCredential, dciManagerCredential, greenLakeCredential } from '../e2e/harness/credentials';
import { freePort, sleep } from '../e2e/harness/processes';
import type { CloutilitySimulator } from '../simulators/cloutility';
import { startCloutilitySimulator } from '../simulators/cloutility';
import type { DciSimulator } from '../simulators/dcimanager';
import { startDciSimulator } from '../simulators/dcimanager';
import type { DsccSimulator } from '../simulators/dscc';
import { startDsccSimulator } from '../simulators/dscc';
import type { GreenLakeSimulator } from '../simulators/greenlake';
import { startGreenLakeSimulator } from '../simulators/greenlake';
import type { EscSimulator } from '../simulators/esc';
import { startEscSimulator } from '../simulators/esc';
import { ESC_NS, document } from '../simulators/esc/xml';
import { QueueCluster } from './cluster';
import type { QueueServices } from './services';
import { startQueueServices } from './services';
import type { NodeSpec } from './workflows';
import { chain, ours, webhookStart } from './workflows';

/**
 * The package in n8n's queue mode (test/queue/cluster.ts: main, two workers, one webhook process,
 * PostgreSQL, Redis), driven from outside as users and platforms drive it. Counts land in
 * .e2e/queue-mode.json, printed as a table by test/harness/test-queue.sh.
 */
const WORK_DIR = path.join(E2E_DIR, 'queue');
const REPORT = path.join(E2E_DIR, 'queue-mode.json');
const ESC_CALLBACKS = 1000;
const BILLING_NOTICES = 100;
/** Calls in flight at once from the test: a platform posting notifications, bounded. */
const SENDERS = 20;

const ESC_TRIGGER = 'qEscTrigger00001';
const ESC_WEBHOOK = '9a0e0000-0000-4000-8000-00000000e5c1';
const BILLING_TRIGGER = 'qClouBilling0001';
const BILLING_WEBHOOK = '9a0e0000-0000-4000-8000-0000000c10b1';
const BASELINE = 'qN8nWebhook00001';
const ESC_DEPLOY_EVENTS = 'qEscDeployEvent1';
const ESC_DEPLOY_WEBHOOK = '9a0e0000-0000-4000-8000-00000000e5c2';
const ESC_TOKEN = randomUUID();
/** Executions of each vendor's workflow at once, in the "every vendor at once" test. */
const PER_VENDOR = 3;
const DSCC_VOLUMES = 10_000;
/** Servers the DCImanager executions power off and on, one each. */
const DCI_SERVERS = [11, 12, 13];
const COLD_START_EXECUTIONS = 20;
const COLD_START_ROUNDS = 5;
const VENDORS = ['dscc', 'pcbe', 'dcimanager', 'esc', 'cloutility'] as const;
type Vendor = (typeof VENDORS)[number];
/** Polling triggers run on the main process, at most every minute. */
const POLL_WAIT_MS = 5 * 60_000;
const BILLING_TOKEN = randomUUID();

interface Report {
	webhooks: Array<{ receiver: string; calls: number; executions: number; refused: number; startedByRefused: number; perSecond: number; p50Ms: number; p99Ms: number; drainedMs: number }>;
	[section: string]: unknown;
}
const report: Report = { webhooks: [] };

describe('the package in n8n queue mode (main, 2 workers, webhook process, PostgreSQL, Redis)', () => {
	let services: QueueServices;
	let cluster: QueueCluster;
	let esc: EscSimulator;
	let cloutility: CloutilitySimulator;
	let dscc: DsccSimulator;
	let greenLake: GreenLakeSimulator;
	let dci: DciSimulator;
	let webhookUrl: string;

	beforeAll(async () => {
		fs.mkdirSync(WORK_DIR, { recursive: true });
		services = await startQueueServices(WORK_DIR);
		[esc, cloutility, dscc, greenLake, dci] = await Promise.all([
			startEscSimulator({ callbackDelayMs: 200, seeded: true }),
			startCloutilitySimulator(),
			startDsccSimulator({ volumes: DSCC_VOLUMES }),
			startGreenLakeSimulator({ operationDurationMs: 1500 }),
			startDciSimulator({ operationDurationMs: 1500 }),
		]);
		const webhookPort = await freePort();
		webhookUrl = `http://127.0.0.1:${webhookPort}`;
		const startFrom = new Date(Date.now() - 60_000).toISOString();
		const credentials: CredentialImport[] = [
			...[0, ...rounds()].flatMap((round) => vendorCredentials(round)),
		];
		const workflows: WorkflowFile[] = [
			...vendorWorkflows(),
			...pollingWorkflows(startFrom),
			...rounds().flatMap((round) => coldStartWorkflows(round)),
			chain(ESC_TRIGGER, 'Queue: ESC callbacks', [
				['When ESC Reports', ours('ciscoEscTrigger'), { secretToken: ESC_TOKEN, allowedIps: '127.0.0.1, ::1', events: [], outcome: 'any', options: {} }],
			], { webhookIds: { 'When ESC Reports': ESC_WEBHOOK } }),
			chain(BILLING_TRIGGER, 'Queue: Cloutility billing notices', [
				['New Billing Data', ours('cloutilityBillingTrigger'), { secretToken: BILLING_TOKEN, allowedIps: '' }, { cloutilityApi: { id: 'qClouCred0000001', name: 'Cloutility simulator' } }],
			], { webhookIds: { 'New Billing Data': BILLING_WEBHOOK } }),
			chain(BASELINE, "Queue: n8n's own Webhook node", [webhookStart('queue-baseline', 'onReceived'), ['Done', 'n8n-nodes-base.noOp', {}]]),
		];
		cluster = await QueueCluster.start(services, { credentials, workflows, active: workflows.map((workflow) => String(workflow.id)) }, { workers: 2, workerConcurrency: 10, webhookPort });
	}, 20 * 60_000);

	afterAll(async () => {
		fs.writeFileSync(REPORT, JSON.stringify(report, null, 2));
		await cluster?.stop();
		await Promise.all([esc, cloutility, dscc, greenLake, dci].map((sim) => sim?.close()));
		await services?.stop();
		if (!process.env.N8N_E2E_KEEP) cluster?.n8n.cleanup();
	}, 120_000);

	afterEach(() => expect(cluster.deadProcesses()).toEqual([]));

	const rounds = () => Array.from({ length: COLD_START_ROUNDS }, (_, index) => index + 1);
	/** Credential `round` 0 is the workload's; 1-5 are new ones, never used before their cold start. */
	const credentialId = (vendor: Vendor, round: number) => `q${vendor.slice(0, 4)}Cred${String(round).padStart(2, '0')}`.padEnd(16, '0');
	const credentialRef = (vendor: Vendor, round: number): Json => {
		const type = { dscc: 'hpeGreenLakeOAuth2Api', pcbe: 'hpeGreenLakeOAuth2Api', dcimanager: 'dciManagerApi', esc: 'ciscoEscApi', cloutility: 'cloutilityApi' }[vendor];
		return { [type]: { id: credentialId(vendor, round), name: `${vendor} ${round}` } };
	};

	function vendorCredentials(round: number): CredentialImport[] {
		return [
			greenLakeCredential(credentialId('dscc', round), `dscc ${round}`, dscc),
			greenLakeCredential(credentialId('pcbe', round), `pcbe ${round}`, greenLake),
			dciManagerCredential(credentialId('dcimanager', round), `dcimanager ${round}`, dci),
			{ id: credentialId('esc', round), name: `esc ${round}`, type: 'ciscoEscApi', data: { baseUrl: esc.baseUrl, username: esc.username, password: esc.password, allowSelfSigned: false } },
			cloutilityCredential(credentialId('cloutility', round), `cloutility ${round}`, cloutility),
		];
	}

	/** One write (or the big read) per vendor, started by a Webhook node that answers when it ends. */
	function vendorWorkflows(): WorkflowFile[] {
		const escEvents = `${webhookUrl}/webhook/${ESC_DEPLOY_WEBHOOK}/esc?token=${ESC_TOKEN}`;
		const dsccNodes: NodeSpec[] = [
			['Get Volumes', ours('hpeDscc'), { resource: 'volume', operation: 'getAll', returnAll: true }, credentialRef('dscc', 0)],
			['Count', 'n8n-nodes-base.summarize', { fieldsToSummarize: { values: [{ aggregation: 'count', field: 'id' }] }, options: {} }],
		];
		const pcbeNodes: NodeSpec[] = [
			['Find Cluster', ours('hpeGreenLakePcbe'), { resource: 'hypervisorCluster', operation: 'getAll', limit: 1, listOptions: { filter: "name eq 'cluster-a1'" } }, credentialRef('pcbe', 0)],
			['Find Datastore', ours('hpeGreenLakePcbe'), { resource: 'datastore', operation: 'getAll', limit: 1, listOptions: { filter: "name eq 'cluster-a1-ds01'" } }, credentialRef('pcbe', 0)],
			['Deploy VM', ours('hpeGreenLakePcbe'), {
				resource: 'virtualMachine', operation: 'deploy', name: "={{ 'queue-vm-' + $execution.id }}",
				clusterId: { __rl: true, mode: 'id', value: "={{ $('Find Cluster').item.json.id }}" },
				datastoreId: { __rl: true, mode: 'id', value: "={{ $('Find Datastore').item.json.id }}" },
				imageName: 'ubuntu-22.04-template', waitTimeout: 120, additionalFields: {},
			}, credentialRef('pcbe', 0)],
		];
		const server = { __rl: true, mode: 'id', value: "={{ $('Webhook').item.json.body.serverId }}" };
		const dciNodes: NodeSpec[] = [
			['Power Off', ours('dciManager'), { resource: 'server', operation: 'powerOff', serverId: server, waitTimeout: 120 }, credentialRef('dcimanager', 0)],
			['Power On', ours('dciManager'), { resource: 'server', operation: 'powerOn', serverId: server, waitTimeout: 120 }, credentialRef('dcimanager', 0)],
		];
		const escNodes: NodeSpec[] = [
			['Create Deployment', ours('ciscoEsc'), {
				resource: 'deployment', operation: 'create', newDeploymentId: "={{ 'queue-dep-' + $execution.id }}", definitionMode: 'xml',
				dataModel: "<esc_datamodel xmlns=\"http://www.cisco.com/esc/esc\"><tenants><tenant><name>admin</name><deployments><deployment><name>{{ 'queue-dep-' + $execution.id }}</name><vm_group><name>csr</name><image>csr-image</image><flavor>flavor-small</flavor><scaling><min_active>1</min_active><max_active>1</max_active></scaling></vm_group></deployment></deployments></tenant></tenants></esc_datamodel>",
				callbackUrl: escEvents, eventsCallbackUrl: '', waitForCompletion: true, waitTimeout: 120,
			}, credentialRef('esc', 0)],
		];
		const businessUnit = { __rl: true, mode: 'id', value: '76' };
		const cloutilityNodes: NodeSpec[] = [
			['Create Consumption Unit', ours('cloutility'), { resource: 'consumptionUnit', operation: 'create', businessUnitId: businessUnit, name: "={{ 'WS-Q' + $execution.id }}", additionalFields: { note: 'Onboarded by n8n (queue mode)' } }, credentialRef('cloutility', 0)],
			['Create Backup Node', ours('cloutility'), { resource: 'backupNode', operation: 'create', businessUnitId: businessUnit, consumptionUnitId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, operatingSystemId: 2, nodeTypeId: 2, domainId: 11, clientOptionSetId: 21, additionalFields: {} }, credentialRef('cloutility', 0)],
			['Activate Backup Node', ours('cloutility'), { resource: 'backupNode', operation: 'activate', businessUnitId: businessUnit, consumptionUnitId: { __rl: true, mode: 'id', value: "={{ $('Create Consumption Unit').item.json.id }}" }, tsmName: "={{ $('Create Consumption Unit').item.json.name }}" }, credentialRef('cloutility', 0)],
		];
		const nodes: Record<Vendor, NodeSpec[]> = { dscc: dsccNodes, pcbe: pcbeNodes, dcimanager: dciNodes, esc: escNodes, cloutility: cloutilityNodes };
		return [
			...VENDORS.map((vendor) => chain(`qWork${vendor}`.padEnd(16, '0'), `Queue: ${vendor} at once`, [webhookStart(`queue-work-${vendor}`), ...nodes[vendor]])),
			chain(ESC_DEPLOY_EVENTS, 'Queue: ESC deployment events', [
				['When ESC Reports', ours('ciscoEscTrigger'), { secretToken: ESC_TOKEN, allowedIps: '127.0.0.1, ::1', events: [], outcome: 'any', options: {} }],
			], { webhookIds: { 'When ESC Reports': ESC_DEPLOY_WEBHOOK } }),
		];
	}

	/** The four polling triggers, each in a workflow of its own on the main process. */
	function pollingWorkflows(startFrom: string): WorkflowFile[] {
		const everyMinute = { item: [{ mode: 'everyMinute' }] };
		return [
			chain('qPollDscc0000001', 'Queue: DSCC tasks', [['DSCC Task Finished', ours('hpeDsccTrigger'), { pollTimes: everyMinute, event: 'taskFinished', outcome: 'any', options: { startFrom } }, credentialRef('dscc', 0)]]),
			chain('qPollGreenLake01', 'Queue: GreenLake operations', [['GreenLake Operation Finished', ours('hpeDsccTrigger'), { pollTimes: everyMinute, event: 'greenLakeOperationFinished', operationOutcome: 'any', options: { startFrom } }, credentialRef('pcbe', 0)]]),
			chain('qPollDci00000001', 'Queue: DCImanager operations', [['DCImanager Operation Finished', ours('dciManagerTrigger'), { pollTimes: everyMinute, event: 'operationFinished', kinds: ['power'], outcome: 'any' }, credentialRef('dcimanager', 0)]]),
			chain('qPollClou0000001', 'Queue: Cloutility backup failures', [['Backup Failed', ours('cloutilityTrigger'), { pollTimes: everyMinute, businessUnits: [String(cloutility.rootBusinessUnitId)], includeSubUnits: true, consumptionUnits: [], sources: ['reports'], problems: 'errors', options: { startFrom } }, credentialRef('cloutility', 0)]]),
		];
	}

	/** A read per vendor on the round's credential, which has never fetched a token or session. */
	function coldStartWorkflows(round: number): WorkflowFile[] {
		const reads: Record<Vendor, Json> = {
			dscc: { resource: 'storageSystem', operation: 'getAll', returnAll: false, limit: 1 },
			pcbe: { resource: 'system', operation: 'getAll', limit: 1 },
			dcimanager: { resource: 'location', operation: 'getAll', returnAll: false, limit: 1 },
			esc: { resource: 'tenant', operation: 'getAll', returnAll: false, limit: 1 },
			cloutility: { resource: 'system', operation: 'getVersion' },
		};
		const types: Record<Vendor, string> = { dscc: 'hpeDscc', pcbe: 'hpeGreenLakePcbe', dcimanager: 'dciManager', esc: 'ciscoEsc', cloutility: 'cloutility' };
		return VENDORS.map((vendor) =>
			chain(`qCold${vendor.slice(0, 4)}${round}`.padEnd(16, '0'), `Queue: cold start ${vendor} ${round}`, [
				webhookStart(`queue-cold-${vendor}-${round}`, 'allItems'),
				['Read', ours(types[vendor]), reads[vendor], credentialRef(vendor, round)],
			]),
		);
	}

	async function callWebhook(path: string, body: Json = {}): Promise<{ status: number; json: Json }> {
		const response = await fetch(`${cluster.webhookUrl}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		const text = await response.text();
		let json: Json;
		try {
			json = JSON.parse(text) as Json;
		} catch {
			json = { text };
		}
		return { status: response.status, json };
	}

	/** Executions of a workflow by status, read from n8n's database. */
	async function executionCounts(workflowId: string): Promise<Record<string, number>> {
		const rows = await services.sql(`select status, count(*) from execution_entity where "workflowId" = '${workflowId}' group by status`);
		return Object.fromEntries(rows.map(([status, count]) => [status, Number(count)]));
	}

	/** The items the first node of each finished execution of a workflow put out. */
	async function triggerItems(workflowId: string, node: string): Promise<Json[]> {
		const rows = await services.sql(
			`select d.data from execution_data d join execution_entity e on e.id = d."executionId" where e."workflowId" = '${workflowId}' and e.status = 'success'`,
		);
		return rows.flatMap(([data]) => {
			const run = parseFlatted(data) as { resultData?: { runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: Json }> | null> } }>> } };
			return (run.resultData?.runData?.[node] ?? []).flatMap((task) => (task.data?.main?.[0] ?? []).map((item) => item.json));
		});
	}

	async function waitForExecutions(workflowId: string, expected: number, timeoutMs: number): Promise<{ counts: Record<string, number>; drainedAt: number }> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const counts = await executionCounts(workflowId);
			const finished = Object.entries(counts).filter(([status]) => !['new', 'running', 'waiting'].includes(status)).reduce((sum, [, count]) => sum + count, 0);
			if (finished >= expected || Date.now() > deadline) return { counts, drainedAt: Date.now() };
			await sleep(1_000);
		}
	}

	/** Sends `calls` requests, `SENDERS` at a time; returns each call's status and latency. */
	async function send(calls: number, request: (index: number) => Promise<number>): Promise<{ statuses: number[]; latencies: number[]; startedAt: number; elapsedMs: number }> {
		const statuses: number[] = new Array(calls);
		const latencies: number[] = new Array(calls);
		let next = 0;
		const started = Date.now();
		await Promise.all(
			Array.from({ length: SENDERS }, async () => {
				for (let index = next++; index < calls; index = next++) {
					const at = performance.now();
					statuses[index] = await request(index).catch(() => 0);
					latencies[index] = performance.now() - at;
				}
			}),
		);
		return { statuses, latencies, startedAt: started, elapsedMs: Date.now() - started };
	}

	const percentile = (values: number[], p: number) => {
		const sorted = [...values].sort((a, b) => a - b);
		return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
	};

	function escCallback(index: number): { headers: Record<string, string>; body: string } {
		return {
			headers: {
				'content-type': 'application/xml; charset=UTF-8',
				ESC_TRANSACTION_ID: `queue-${index}`,
				'ESC-Status-Code': '200',
				'ESC-Status-Message': `VM alive for queue-dep-${index}`,
			},
			body: document(
				'esc_event',
				{
					deployment_name: `queue-dep-${index}`,
					event_type: 'VM_ALIVE',
					internal_deployment_id: `dep-${index}`,
					internal_tenant_id: 'admin',
					vm_source: { vm_name: `queue-dep-${index}_vm_0`, vm_group_name: 'csr' },
				},
				ESC_NS,
			),
		};
	}


	/** Requests the simulators answered, by what they count. */
	function writes(): Record<string, number> {
		return {
			'PCBE: deploy VM': greenLake.requestsTo('POST', /\/virtual-machines$/).length,
			'DCImanager: power off': dci.requestsTo('POST', /\/server\/\d+\/power_off$/).length,
			'DCImanager: power on': dci.requestsTo('POST', /\/server\/\d+\/power_on$/).length,
			'ESC: create deployment': esc.requestsTo('POST', /\/v0\/deployments\/[^/]+$/).length,
			'Cloutility: create consumption unit': cloutility.requestsTo('POST', /^\/v1\/bunits\/\d+\/consumers$/).length,
			'Cloutility: create backup node': cloutility.requestsTo('POST', /^\/v1\/bunits\/\d+\/consumers\/\d+\/node$/).length,
			'Cloutility: activate backup node': cloutility.requestsTo('GET', /\/node\/activate$/).length,
		};
	}

	/** Token or session requests each vendor's simulator answered. */
	function signIns(): Record<Vendor, number> {
		return {
			dscc: dscc.requestsTo('POST', /token/).length,
			pcbe: greenLake.requestsTo('POST', /token/).length,
			dcimanager: dci.requestsTo('POST', /\/auth\/v4\/public\/token$/).length,
			esc: 0,
			cloutility: cloutility.requestsTo('POST', /^\/v1\/oauth$/).length,
		};
	}

	test(`every vendor at once on the workers (${PER_VENDOR} executions each), each write sent exactly once; the polling triggers on the main process emit every new event exactly once`, async () => {
		const before = writes();
		const fileServer = [...cloutility.portal.consumers.values()].find((unit) => unit.name === 'FILESRV01')!;
		const dsccTasks: string[] = [];
		const failedReports: string[] = [];
		// New events for the polling triggers while the workers are busy.
		const events = (async () => {
			for (let round = 0; round < 3; round++) {
				const task = dscc.context.tasks.start({ displayName: `Queue task ${round}`, durationMs: 100, complete: () => undefined });
				cloutility.runBackupRound({ [fileServer.id]: 'failed' });
				failedReports.push(String(fileServer.reports[fileServer.reports.length - 1].id));
				await sleep(300);
				dscc.context.tasks.advance();
				dsccTasks.push(String(task.id));
				await sleep(15_000);
			}
		})();
		const startedAt = Date.now();
		const calls = VENDORS.flatMap((vendor) =>
			Array.from({ length: PER_VENDOR }, (_, index) => ({ vendor, body: vendor === 'dcimanager' ? { serverId: DCI_SERVERS[index] } : {} })),
		);
		const answers = await Promise.all(calls.map(async ({ vendor, body }) => ({ vendor, ...(await callWebhook(`queue-work-${vendor}`, body)) })));
		const elapsedMs = Date.now() - startedAt;
		await events;

		expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
		for (const answer of answers.filter((a) => a.vendor === 'dscc')) expect(answer.json).toEqual({ count_id: DSCC_VOLUMES });
		for (const answer of answers.filter((a) => a.vendor === 'pcbe')) expect(answer.json).toMatchObject({ state: 'SUCCEEDED' });
		const executions: Record<string, Record<string, number>> = {};
		for (const vendor of VENDORS) executions[vendor] = await executionCounts(`qWork${vendor}`.padEnd(16, '0'));
		expect(executions).toEqual(Object.fromEntries(VENDORS.map((vendor) => [vendor, { success: PER_VENDOR }])));

		const sent = Object.fromEntries(Object.entries(writes()).map(([write, count]) => [write, count - before[write]]));
		expect(sent).toEqual(Object.fromEntries(Object.keys(sent).map((write) => [write, PER_VENDOR])));

		// Every deployment's events reach the ESC Trigger through the webhook process, each stage once.
		const escEvents = await triggerItems(ESC_DEPLOY_EVENTS, 'When ESC Reports');
		const alive = escEvents.filter((event) => event.event === 'SERVICE_ALIVE').map((event) => event.deploymentName);
		expect(alive.sort()).toEqual([...new Set(alive)].sort());
		expect(alive).toHaveLength(PER_VENDOR);

		const polled = await waitForPolledEvents({
			'DSCC Task Finished': { workflow: 'qPollDscc0000001', expected: dsccTasks, id: (item) => String(item.id) },
			'Backup Failed': { workflow: 'qPollClou0000001', expected: failedReports, id: (item) => String(item.id) },
			'GreenLake Operation Finished': {
				workflow: 'qPollGreenLake01',
				expected: answers.filter((answer) => answer.vendor === 'pcbe').map((answer) => String(answer.json.id)),
				id: (item) => String(item.id),
			},
			'DCImanager Operation Finished': {
				workflow: 'qPollDci00000001',
				// The trigger reads each server's latest operation: the power-on that ended each execution.
				expected: DCI_SERVERS.map((server) => String(lastOperationOf(server))),
				id: (item) => String(item.operationId ?? (item.operation as Json | undefined)?.id),
			},
		});
		report.vendors = { perVendor: PER_VENDOR, elapsedMs, executions, writes: sent, escServiceAlive: alive.length, polling: polled };
	}, 20 * 60_000);

	const lastOperationOf = (server: number) => dci.state.operations.filter((operation) => Number(operation.server_id) === server).pop()?.id;

	/** Waits until each trigger has emitted every expected event; fails on one emitted twice. */
	async function waitForPolledEvents(
		triggers: Record<string, { workflow: string; expected: string[]; id: (item: Json) => string }>,
	): Promise<Record<string, { expected: number; emitted: number; duplicates: number; executions: number }>> {
		const deadline = Date.now() + POLL_WAIT_MS;
		for (;;) {
			const result: Record<string, { expected: number; emitted: number; duplicates: number; executions: number; missing: string[] }> = {};
			for (const [node, trigger] of Object.entries(triggers)) {
				const ids = (await triggerItems(trigger.workflow, node)).map(trigger.id);
				const counts = await executionCounts(trigger.workflow);
				result[node] = {
					expected: trigger.expected.length,
					emitted: ids.filter((id) => trigger.expected.includes(id)).length,
					duplicates: ids.length - new Set(ids).size,
					executions: Object.values(counts).reduce((sum, count) => sum + count, 0),
					missing: trigger.expected.filter((id) => !ids.includes(id)),
				};
				expect({ node, failed: Object.keys(counts).filter((status) => status !== 'success') }).toEqual({ node, failed: [] });
			}
			const complete = Object.values(result).every((entry) => entry.missing.length === 0);
			if (complete || Date.now() > deadline) {
				expect(Object.fromEntries(Object.entries(result).map(([node, entry]) => [node, { missing: entry.missing, duplicates: entry.duplicates }]))).toEqual(
					Object.fromEntries(Object.keys(result).map((node) => [node, { missing: [], duplicates: 0 }])),
				);
				return Object.fromEntries(Object.entries(result).map(([node, entry]) => [node, { expected: entry.expected, emitted: entry.emitted, duplicates: entry.duplicates, executions: entry.executions }]));
			}
			await sleep(5_000);
		}
	}

	test(`${ESC_CALLBACKS} ESC callbacks through the webhook process become ${ESC_CALLBACKS} executions on the workers, none lost or doubled; calls without the secret start none; n8n's own Webhook node gets the same calls, interleaved`, async () => {
		const escUrl = `${cluster.webhookUrl}/webhook/${ESC_WEBHOOK}/esc`;
		const baselineUrl = `${cluster.webhookUrl}/webhook/queue-baseline`;
		const post = async (url: string, index: number) => {
			const { headers, body } = escCallback(index);
			const response = await fetch(url, { method: 'POST', headers, body });
			await response.text();
			return response.status;
		};
		// Even calls to the ESC Trigger, odd ones to the Webhook node: both meet the same load.
		const sent = await send(2 * ESC_CALLBACKS, async (index) => await post(index % 2 ? baselineUrl : `${escUrl}?token=${ESC_TOKEN}`, Math.floor(index / 2)));
		const refused = await send(50, async (index) => await post(index % 2 ? `${escUrl}?token=wrong-${index}` : escUrl, ESC_CALLBACKS + index));
		expect(sent.statuses.filter((status) => status !== 200)).toEqual([]);
		expect(refused.statuses.every((status) => status === 401)).toBe(true);

		const esc = await waitForExecutions(ESC_TRIGGER, ESC_CALLBACKS, 15 * 60_000);
		const baseline = await waitForExecutions(BASELINE, ESC_CALLBACKS, 5 * 60_000);
		expect({ esc: esc.counts, baseline: baseline.counts }).toEqual({ esc: { success: ESC_CALLBACKS }, baseline: { success: ESC_CALLBACKS } });
		const transactions = (await triggerItems(ESC_TRIGGER, 'When ESC Reports')).map((item) => item.transactionId);
		expect(transactions).toHaveLength(ESC_CALLBACKS);
		expect(new Set(transactions)).toEqual(new Set(Array.from({ length: ESC_CALLBACKS }, (_, index) => `queue-${index}`)));

		const latencies = (receiver: 0 | 1) => sent.latencies.filter((_, index) => index % 2 === receiver);
		const row = (receiver: string, which: 0 | 1, drainedAt: number, refusedCalls: number) => ({
			receiver,
			calls: ESC_CALLBACKS,
			executions: ESC_CALLBACKS,
			refused: refusedCalls,
			startedByRefused: 0,
			// Both receivers shared the sending time: each got half the calls per second.
			perSecond: Math.round((ESC_CALLBACKS / sent.elapsedMs) * 1000),
			p50Ms: percentile(latencies(which), 50),
			p99Ms: percentile(latencies(which), 99),
			drainedMs: drainedAt - sent.startedAt,
		});
		report.webhooks.push(row('Cisco ESC Trigger', 0, esc.drainedAt, refused.statuses.length), row("n8n's Webhook node (same calls, interleaved)", 1, baseline.drainedAt, 0));
	}, 25 * 60_000);

	test(`${BILLING_NOTICES} Cloutility billing notices become ${BILLING_NOTICES} executions; notices with a wrong token start none`, async () => {
		const url = `${cluster.webhookUrl}/webhook/${BILLING_WEBHOOK}/cloutility-billing`;
		const sent = await send(BILLING_NOTICES, async () => (await cloutility.notifyBillingSubscriber(`${url}?token=${BILLING_TOKEN}`, { trigger: 'new billing data available' })).status);
		const refused = await send(10, async () => (await cloutility.notifyBillingSubscriber(`${url}?token=wrong`, { trigger: 'new billing data available' })).status);
		expect(sent.statuses.filter((status) => status !== 200)).toEqual([]);
		expect(refused.statuses.every((status) => status === 401)).toBe(true);
		const { counts, drainedAt } = await waitForExecutions(BILLING_TRIGGER, BILLING_NOTICES, 5 * 60_000);
		await sleep(2_000);
		expect(await executionCounts(BILLING_TRIGGER)).toEqual({ success: BILLING_NOTICES });
		report.webhooks.push({
			receiver: 'Cloutility Billing Trigger',
			calls: BILLING_NOTICES,
			executions: counts.success,
			refused: refused.statuses.length,
			startedByRefused: (counts.success ?? 0) - BILLING_NOTICES,
			perSecond: Math.round((BILLING_NOTICES / sent.elapsedMs) * 1000),
			p50Ms: percentile(sent.latencies, 50),
			p99Ms: percentile(sent.latencies, 99),
			drainedMs: drainedAt - sent.startedAt,
		});
	}, 10 * 60_000);
	test(`cold start: ${COLD_START_EXECUTIONS} executions at once on a credential with no stored token or session, for each vendor, ${COLD_START_ROUNDS} times, all succeed`, async () => {
		const rows: Array<{ vendor: Vendor; round: number; executions: number; failed: number; signIns: number }> = [];
		for (const round of rounds()) {
			await Promise.all(
				VENDORS.map(async (vendor) => {
					const before = signIns()[vendor];
					const answers = await Promise.all(Array.from({ length: COLD_START_EXECUTIONS }, async () => await callWebhook(`queue-cold-${vendor}-${round}`)));
					const counts = await executionCounts(`qCold${vendor.slice(0, 4)}${round}`.padEnd(16, '0'));
					rows.push({ vendor, round, executions: answers.length, failed: answers.filter((answer) => answer.status !== 200).length + (COLD_START_EXECUTIONS - (counts.success ?? 0)), signIns: signIns()[vendor] - before });
				}),
			);
		}
		report.coldStarts = rows;
		expect(rows.filter((row) => row.failed > 0)).toEqual([]);
	}, 20 * 60_000);
});
