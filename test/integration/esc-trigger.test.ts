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

async function deploy(id: string, callbackUrl: string, vmCount = 1): Promise<string> {
	const [item] = await executeNode({
		nodeType: new CiscoEsc(),
		credentials: credentials(),
		parameters: { resource: 'deployment', operation: 'create', newDeploymentId: id, definitionMode: 'fields', tenantName: 'admin', deploymentName: id, vmGroupName: 'g1', image: 'img', flavor: 'small', network: '', vmCount, bootupTime: 300, day0Url: '', callbackUrl },
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
		expect(answers).toHaveLength(6);
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
