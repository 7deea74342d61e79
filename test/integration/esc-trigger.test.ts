import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { XMLParser } from 'fast-xml-parser';

import { CiscoEsc } from '../../nodes/CiscoEsc/CiscoEsc.node';
import { CiscoEscTrigger } from '../../nodes/CiscoEsc/CiscoEscTrigger.node';
import { executeNode } from '../harness/context';
import type { EscSimulator } from '../simulators/esc';
import { startEscSimulator } from '../simulators/esc';

/**
 * The ESC Trigger receiving the simulator's real callbacks over HTTP. The receiver hands each
 * request to `webhook()` as n8n does: header names lower-cased, the raw body on `rawBody`, the body
 * already parsed for `getBodyData()` (n8n uses xml2js; the trigger reads the raw body instead).
 */
const TOKEN = randomUUID();
const trigger = new CiscoEscTrigger();
let sim: EscSimulator;
let server: http.Server;
let baseUrl: string;
let parameters: IDataObject = {};
const started: IDataObject[] = [];
const answers: Array<{ status: number; body: unknown }> = [];

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const rawBody = Buffer.concat(chunks);
	const url = new URL(req.url ?? '/', 'http://n8n');
	let parsed: unknown = {};
	try {
		parsed = new XMLParser().parse(rawBody.toString('utf8')) as unknown;
	} catch {
		parsed = {};
	}
	let status = 200;
	let sent: unknown;
	const response = {
		status(code: number) {
			status = code;
			return response;
		},
		json(body: unknown) {
			sent = body;
		},
	};
	const request = { headers: req.headers, query: Object.fromEntries(url.searchParams), rawBody, ip: req.socket.remoteAddress, socket: req.socket };
	const all = { secretToken: TOKEN, allowedIps: '', events: [], outcome: 'any', tenantId: '', deploymentId: '', finalOnly: false, options: {}, ...parameters };
	const ctx = {
		getRequestObject: () => request,
		getResponseObject: () => response,
		getBodyData: () => parsed,
		getHeaderData: () => req.headers,
		getNodeParameter: (name: string, fallback?: unknown) => (all as IDataObject)[name] ?? fallback,
		helpers: { returnJsonArray: (data: IDataObject | IDataObject[]) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })) },
	} as unknown as IWebhookFunctions;
	const result: IWebhookResponseData = await trigger.webhook!.call(ctx);
	if (result.workflowData) started.push(...result.workflowData[0].map((item) => item.json));
	if (!result.noWebhookResponse) sent = result.webhookResponse ?? { message: 'Workflow was started' };
	answers.push({ status, body: sent });
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(sent ?? {}));
}

beforeAll(async () => {
	sim = await startEscSimulator({ callbackDelayMs: 10 });
	server = http.createServer((req, res) => void handle(req, res));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/esc`;
});
afterAll(async () => {
	await sim.close();
	await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
	started.length = 0;
	answers.length = 0;
	parameters = {};
});

const credentials = () => ({ ciscoEscApi: { baseUrl: sim.baseUrl, username: sim.username, password: sim.password } });

async function deploy(id: string, callbackUrl: string, vmCount = 1): Promise<string> {
	const [item] = await executeNode({
		nodeType: new CiscoEsc(),
		credentials: credentials(),
		parameters: { resource: 'deployment', operation: 'create', newDeploymentId: id, definitionMode: 'fields', tenantName: 'admin', deploymentName: id, vmGroupName: 'g1', image: 'img', flavor: 'small', network: '', vmCount, bootupTime: 300, day0Url: '', callbackUrl },
	});
	await sim.settled();
	return String(item.json.transactionId);
}

describe('the ESC Trigger', () => {
	it('turns each callback of a deployment into one event, in order, with the transaction id from ESC_TRANSACTION_ID', async () => {
		const transactionId = await deploy('trig-dep-1', `${baseUrl}?token=${TOKEN}`, 2);
		expect(started.map((event) => event.event)).toEqual(['VM_DEPLOYED', 'VM_DEPLOYED', 'VM_ALIVE', 'VM_ALIVE', 'SERVICE_ALIVE']);
		const last = started[4];
		expect(last).toMatchObject({
			transactionId,
			statusCode: 200,
			statusMessage: 'Service group deployment completed successfully!',
			success: true,
			final: true,
			resourceType: 'deployment',
			tenantId: 'admin',
			deploymentId: 'trig-dep-1',
			deploymentName: 'trig-dep-1',
			serviceState: 'SERVICE_ACTIVE_STATE',
		});
		expect(started[0]).toMatchObject({ final: false, vmState: 'VM_INSERT_STATE' });
		expect(String(started[0].vmName)).toMatch(/^trig-dep-1_g1_0_/);
		expect((last.body as IDataObject).datacenter).toEqual({ default: false });
		expect(last.rawXml).toBeUndefined();
		expect(answers.every((answer) => answer.status === 200)).toBe(true);
	});

	it('keeps only final, successful events of one deployment when filtered, and adds the raw XML when asked', async () => {
		parameters = { finalOnly: true, outcome: 'success', deploymentId: 'trig-dep-2', options: { includeRawXml: true } };
		await deploy('trig-dep-2', `${baseUrl}?token=${TOKEN}`);
		await deploy('trig-dep-other', `${baseUrl}?token=${TOKEN}`);
		expect(started.map((event) => `${String(event.deploymentId)} ${String(event.event)}`)).toEqual(['trig-dep-2 SERVICE_ALIVE']);
		expect(String(started[0].rawXml)).toContain('<deployment_stage>SERVICE_ALIVE</deployment_stage>');
		expect(answers).toHaveLength(6);
		expect(answers.every((answer) => answer.status === 200)).toBe(true);
	});

	it('reports failures and filters on them and on event types', async () => {
		parameters = { outcome: 'failure', events: ['SERVICE_ALIVE'] };
		sim.failNext(/trig-dep-fail$/, 'No valid host was found');
		await deploy('trig-dep-fail', `${baseUrl}?token=${TOKEN}`);
		expect(started).toHaveLength(1);
		expect(started[0]).toMatchObject({ event: 'SERVICE_ALIVE', success: false, statusCode: 500, serviceState: 'SERVICE_ERROR_STATE' });
		expect(String(started[0].statusMessage)).toContain('No valid host was found');
	});

	it('refuses a call without the token (401) or with malformed XML (400), starting nothing', async () => {
		await deploy('trig-dep-3', `${baseUrl}?token=wrong`);
		expect(started).toHaveLength(0);
		expect(answers.every((answer) => answer.status === 401)).toBe(true);
		answers.length = 0;
		for (const body of ['<deployment><x></deployment>', '<!DOCTYPE d [<!ENTITY e "x">]><deployment>&e;</deployment>', 'not xml', '']) {
			const response = await fetch(`${baseUrl}?token=${TOKEN}`, { method: 'POST', headers: { 'content-type': 'application/xml', 'esc-transaction-id': 't-1' }, body });
			expect(response.status).toBe(400);
		}
		expect(started).toHaveLength(0);
	});

	it('accepts the transaction id as esc-transaction-id too, and lower-case status headers', async () => {
		const response = await fetch(`${baseUrl}?token=${TOKEN}`, {
			method: 'POST',
			headers: { 'content-type': 'application/xml', 'esc-transaction-id': 'abc-123', 'esc-status-code': '200', 'esc-status-message': 'Tenant successfully created' },
			body: '<tenant xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><event_type>CREATE_TENANT</event_type><internal_tenant_id>t1</internal_tenant_id><name>T</name><enabled>true</enabled></tenant>',
		});
		expect(response.status).toBe(200);
		expect(started).toEqual([
			expect.objectContaining({ transactionId: 'abc-123', event: 'CREATE_TENANT', resourceType: 'tenant', resourceId: 't1', tenantId: 't1', success: true, final: true, body: { event_type: 'CREATE_TENANT', internal_tenant_id: 't1', name: 'T', enabled: true } }),
		]);
	});
});
