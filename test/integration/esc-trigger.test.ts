import { randomUUID } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { CiscoEsc } from '../../nodes/CiscoEsc/CiscoEsc.node';
import { executeNode } from '../harness/context';
import type { EscSimulator } from '../simulators/esc';
import { startEscSimulator } from '../simulators/esc';
import type { EscTriggerReceiver } from './esc-helpers';
import { startEscTriggerReceiver } from './esc-helpers';

/** The ESC Trigger receiving the simulator's real callbacks over HTTP (see esc-helpers.ts). */
const TOKEN = randomUUID();
let sim: EscSimulator;
let receiver: EscTriggerReceiver;
let baseUrl: string;
let started: IDataObject[];
let answers: EscTriggerReceiver['answers'];

beforeAll(async () => {
	sim = await startEscSimulator({ callbackDelayMs: 10 });
	receiver = await startEscTriggerReceiver(TOKEN);
	baseUrl = receiver.url;
	({ started, answers } = receiver);
});
afterAll(async () => {
	await sim.close();
	await receiver.close();
});
beforeEach(() => {
	started.length = 0;
	answers.length = 0;
	receiver.parameters = {};
});

const credentials = () => ({ ciscoEscApi: { baseUrl: sim.baseUrl, username: sim.username, password: sim.password } });

async function deploy(id: string, callbackUrl: string, vmCount = 1, eventsCallbackUrl = ''): Promise<string> {
	const [item] = await executeNode({
		nodeType: new CiscoEsc(),
		credentials: credentials(),
		parameters: { resource: 'deployment', operation: 'create', newDeploymentId: id, definitionMode: 'fields', tenantName: 'admin', deploymentName: id, vmGroupName: 'g1', image: 'img', flavor: 'small', network: '', vmCount, bootupTime: 300, day0Url: '', callbackUrl, eventsCallbackUrl },
	});
	await sim.settled();
	return String(item.json.transactionId);
}

/** Updates a deployment made by `deploy` with one VM group, waiting for ESC's callbacks. */
async function update(id: string, callbackUrl: string, vmGroupName: string, flavor: string): Promise<string> {
	const [item] = await executeNode({
		nodeType: new CiscoEsc(),
		credentials: credentials(),
		parameters: { resource: 'deployment', operation: 'update', deploymentId: { __rl: true, mode: 'id', value: id }, definitionMode: 'fields', tenantName: 'admin', deploymentName: id, vmGroupName, image: 'img', flavor, network: '', vmCount: 2, bootupTime: 300, day0Url: '', callbackUrl },
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
		receiver.parameters = { finalOnly: true, outcome: 'success', deploymentId: 'trig-dep-2', options: { includeRawXml: true } };
		await deploy('trig-dep-2', `${baseUrl}?token=${TOKEN}`);
		await deploy('trig-dep-other', `${baseUrl}?token=${TOKEN}`);
		expect(started.map((event) => `${String(event.deploymentId)} ${String(event.event)}`)).toEqual(['trig-dep-2 SERVICE_ALIVE']);
		expect(String(started[0].rawXml)).toContain('<deployment_stage>SERVICE_ALIVE</deployment_stage>');
		// Each stage is posted twice (deployment document and event), all answered.
		expect(answers).toHaveLength(12);
		expect(answers.every((answer) => answer.status === 200)).toBe(true);
	});

	it('reports failures and filters on them and on event types', async () => {
		receiver.parameters = { outcome: 'failure', events: ['SERVICE_ALIVE'] };
		sim.failNext(/trig-dep-fail$/, 'No valid host was found');
		await deploy('trig-dep-fail', `${baseUrl}?token=${TOKEN}`);
		expect(started).toHaveLength(1);
		expect(started[0]).toMatchObject({ event: 'SERVICE_ALIVE', success: false, statusCode: 500, serviceState: 'SERVICE_ERROR_STATE' });
		expect(String(started[0].statusMessage)).toContain('No valid host was found');
	});

	it('reports an update of a VM group\'s settings once per VM (VM_UPDATED), then for the service (SERVICE_UPDATED)', async () => {
		await deploy('trig-dep-upd', `${baseUrl}?token=${TOKEN}`, 2);
		started.length = 0;
		const transactionId = await update('trig-dep-upd', `${baseUrl}?token=${TOKEN}`, 'g1', 'large');
		expect(started.map((event) => `${String(event.event)} ${String(event.final)}`)).toEqual(['VM_UPDATED false', 'VM_UPDATED false', 'SERVICE_UPDATED true']);
		expect(started.every((event) => event.transactionId === transactionId && event.deploymentId === 'trig-dep-upd' && event.success === true)).toBe(true);
		expect(new Set(started.slice(0, 2).map((event) => event.vmName)).size).toBe(2);

		started.length = 0;
		receiver.parameters = { events: ['VM_UPDATED'] };
		await update('trig-dep-upd', `${baseUrl}?token=${TOKEN}`, 'g2', 'large');
		expect(started).toEqual([]);
		expect(answers.slice(-1)[0]).toMatchObject({ status: 200 });
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

describe('one URL for both callbacks', () => {
	it('starts one execution per stage although ESC posts each stage twice (deployment document and event), also with "Final Events Only"', async () => {
		receiver.parameters = { finalOnly: true };
		const callbackUrl = `${baseUrl}?token=${TOKEN}`;
		const transactionId = await deploy('trig-once-1', callbackUrl, 2);
		const posts = sim.callbacks.filter((callback) => callback.headers.ESC_TRANSACTION_ID === transactionId);
		expect(posts.map((post) => `${post.stage} ${post.body.includes('<esc_event') ? 'event' : 'document'}`)).toEqual([
			'VM_DEPLOYED document',
			'VM_DEPLOYED event',
			'VM_DEPLOYED document',
			'VM_DEPLOYED event',
			'VM_ALIVE document',
			'VM_ALIVE event',
			'VM_ALIVE document',
			'VM_ALIVE event',
			'SERVICE_ALIVE document',
			'SERVICE_ALIVE event',
		]);
		expect(new Set(posts.map((post) => post.url))).toEqual(new Set([callbackUrl, `${callbackUrl}&escCallback=events`]));
		expect(posts.every((post) => post.status === 200)).toBe(true);
		expect(started.map((event) => event.event)).toEqual(['SERVICE_ALIVE']);
		expect(started[0]).toMatchObject({ transactionId, resourceType: 'deployment', serviceState: 'SERVICE_ACTIVE_STATE' });

		started.length = 0;
		receiver.parameters = {};
		// The same URL typed in both fields counts as one URL.
		const second = await deploy('trig-once-1b', callbackUrl, 1, callbackUrl);
		expect(sim.callbacks.filter((callback) => callback.headers.ESC_TRANSACTION_ID === second)).toHaveLength(6);
		expect(started.map((event) => event.event)).toEqual(['VM_DEPLOYED', 'VM_ALIVE', 'SERVICE_ALIVE']);
	});

	it('keeps a VM operation\'s result, which ESC posts only as an event', async () => {
		await deploy('trig-once-2', `${baseUrl}?token=${TOKEN}`);
		started.length = 0;
		const vmName = sim.deployments.get('trig-once-2')!.vms[0].name;
		await executeNode({
			nodeType: new CiscoEsc(),
			credentials: credentials(),
			parameters: { resource: 'vmOperation', operation: 'stop', tenantId: 'admin', vmName, callbackUrl: `${baseUrl}?token=${TOKEN}`, eventsCallbackUrl: '' },
		});
		await sim.settled();
		expect(started.map((event) => [event.event, event.resourceType, event.vmName])).toEqual([['VM_STOP_COMPLETE', 'esc_event', vmName]]);
	});

	it('sends a separate Events Callback URL as typed, and the trigger there starts on each event', async () => {
		const eventsUrl = `${baseUrl}?token=${TOKEN}&source=events`;
		const transactionId = await deploy('trig-once-3', 'http://127.0.0.1:9/elsewhere', 1, eventsUrl);
		expect(sim.callbacks.filter((callback) => callback.headers.ESC_TRANSACTION_ID === transactionId && callback.url === eventsUrl)).toHaveLength(3);
		expect(started.map((event) => `${String(event.event)} ${String(event.resourceType)}`)).toEqual(['VM_DEPLOYED esc_event', 'VM_ALIVE esc_event', 'SERVICE_ALIVE esc_event']);
	});
});
