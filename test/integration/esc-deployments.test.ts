import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { CiscoEsc } from '../../nodes/CiscoEsc/CiscoEsc.node';
import type { CredentialStore, Parameters } from '../harness/context';
import { executeNode } from '../harness/context';
import type { EscSimulator } from '../simulators/esc';
import { startEscSimulator } from '../simulators/esc';

const node = new CiscoEsc();
let sim: EscSimulator;
let receiver: http.Server;
let callbackUrl: string;
const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];

const credentials = (): CredentialStore => ({ ciscoEscApi: { baseUrl: sim.baseUrl, username: sim.username, password: sim.password, allowSelfSigned: false } });
const run = async (parameters: Parameters) => (await executeNode({ nodeType: node, credentials: credentials(), parameters })).map((item) => item.json);

beforeAll(async () => {
	sim = await startEscSimulator({ callbackDelayMs: 20 });
	receiver = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			res.end('ok');
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/callbacks`;
	await run({ resource: 'tenant', operation: 'create', newTenantId: 'tenant-a', name: 'Tenant A', managedResource: true, callbackUrl, waitForCompletion: true, waitTimeout: 10 });
});
afterAll(async () => {
	await sim.close();
	await new Promise((resolve) => receiver.close(resolve));
});
afterEach(() => sim.clearFaults());

const deploymentFields = (id: string, extra: Parameters = {}): Parameters => ({
	resource: 'deployment',
	operation: 'create',
	newDeploymentId: id,
	definitionMode: 'fields',
	tenantName: 'tenant-a',
	deploymentName: `name-${id}`,
	vmGroupName: 'csr',
	image: 'csr-image',
	flavor: 'flavor-small',
	network: 'net-mgmt',
	vmCount: 2,
	bootupTime: 300,
	day0Url: '',
	callbackUrl,
	eventsCallbackUrl: '',
	...extra,
});

describe('deployments', () => {
	it('creates a deployment from fields: ESC answers at once with a transaction id, then reports VM_DEPLOYED, VM_ALIVE per VM and SERVICE_ALIVE', async () => {
		const [item] = await run(deploymentFields('dep-fields-1'));
		expect(item.transactionId).toMatch(/^[0-9a-f-]{36}$/);
		expect(item.statusCode).toBe(200);
		expect((item.response as { internal_deployment_id: string }).internal_deployment_id).toBe('dep-fields-1');
		await sim.settled();
		const posts = sim.callbacks.filter((c) => c.headers.ESC_TRANSACTION_ID === item.transactionId);
		expect(posts.filter((c) => c.url === callbackUrl).map((c) => c.stage)).toEqual(['VM_DEPLOYED', 'VM_DEPLOYED', 'VM_ALIVE', 'VM_ALIVE', 'SERVICE_ALIVE']);
		// The events of the same stages go to the same URL, marked for the ESC Trigger.
		expect(posts.filter((c) => c.url === `${callbackUrl}?escCallback=events`).map((c) => c.stage)).toEqual(['VM_DEPLOYED', 'VM_DEPLOYED', 'VM_ALIVE', 'VM_ALIVE', 'SERVICE_ALIVE']);
		const request = sim.requestsTo('POST', /\/v0\/deployments\/dep-fields-1$/)[0];
		expect(request.headers['content-type']).toBe('application/xml');
		expect(request.headers.accept).toBe('application/xml');
		expect(request.headers.callback).toBe(callbackUrl);
		expect(request.headers['callback-esc-events']).toBe(`${callbackUrl}?escCallback=events`);
		expect(String(request.body)).toContain('<esc_datamodel xmlns="http://www.cisco.com/esc/esc">');
		expect(String(request.body)).toContain('<min_active>2</min_active>');
	});

	it('waits for SERVICE_ACTIVE_STATE when asked, and returns the deployment', async () => {
		const [item] = await run(deploymentFields('dep-wait-1', { waitForCompletion: true, waitTimeout: 20 }));
		expect(item.completed).toBe(true);
		expect((item.resource as { service_state_machine_state: string }).service_state_machine_state).toBe('SERVICE_ACTIVE_STATE');
		expect((item.resource as { deployment_details: unknown[] }).deployment_details).toHaveLength(2);
	});

	it('fails clearly when the deployment ends in an error state', async () => {
		sim.failNext(/POST .*\/deployments\/dep-fail-1$/, 'No valid host was found');
		await expect(run(deploymentFields('dep-fail-1', { waitForCompletion: true, waitTimeout: 20 }))).rejects.toThrow(
			'The deployment "dep-fail-1" ended in state SERVICE_ERROR_STATE',
		);
	});

	it('fills a whole ESC data model, escaping each expression result', async () => {
		const evaluations: string[] = [];
		const items = await executeNode({
			nodeType: node,
			credentials: credentials(),
			parameters: {
				resource: 'deployment',
				operation: 'create',
				newDeploymentId: 'dep-xml-1',
				definitionMode: 'xml',
				dataModel:
					'<esc_datamodel xmlns="http://www.cisco.com/esc/esc"><tenants><tenant><name>tenant-a</name><deployments><deployment><name>{{ $json.name }}</name><vm_group><name>g1</name><image>img</image><flavor>f</flavor></vm_group></deployment></deployments></tenant></tenants></esc_datamodel>',
				callbackUrl,
			},
			items: [{ json: { name: 'evil</name><x/>]]>' } }],
			evaluateExpression: (expression: string) => {
				evaluations.push(expression);
				return 'evil</name><x/>]]>';
			},
		});
		expect(evaluations).toEqual(['{{ $json.name }}']);
		expect(items[0].json.transactionId).toBeDefined();
		const body = String(sim.requestsTo('POST', /dep-xml-1$/)[0].body);
		expect(body).toContain('<name>evil&lt;/name&gt;&lt;x/&gt;]]&gt;</name>');
		await sim.settled();
		expect(sim.deployments.get('dep-xml-1')?.name).toBe('evil</name><x/>]]>');
	});
});
