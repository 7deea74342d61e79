import * as path from 'node:path';

import type { GreenLakeSimulator } from '../simulators/greenlake';
import { startGreenLakeSimulator } from '../simulators/greenlake';
import { greenLakeCredential } from './harness/credentials';
import type { WorkflowRun } from './harness/n8n';
import { N8nInstance, loadWorkflow, loadWorkflows } from './harness/n8n';

/**
 * Headless PCBE workflows in a real n8n with the packed package, against the GreenLake simulator
 * running in this jest worker.
 */
const WORKFLOWS = path.join(__dirname, 'workflows/pcbe');
const DEMO_DEPLOY = path.join(__dirname, '../demo/workflows/4-pcbe-deploy-vm.json');
/** More than two pages of the virtualization API's largest page (1000). */
const SEEDED_VMS = 2345;
/** More than one page of the systems listing's largest page (100). */
const SEEDED_SYSTEMS = 123;

const LIFECYCLE = 'e2ePcbeLifecycle1';
const RETURN_ALL = 'e2ePcbeReturnAll1';
const DEPLOY_FAILS = 'e2ePcbeDeployFail1';
const CANCELLED = 'e2ePcbeCancelled1';
const PRECHECK = 'e2ePcbePrecheck01';
const HTTP_REQUEST = 'e2ePcbeHttpReq01';
const DEMO = 'demoPcbeDeployVm01';

describe('HPE GreenLake PCBE workflows in a real n8n', () => {
	let sim: GreenLakeSimulator;
	let n8n: N8nInstance;
	let runs: Map<string, WorkflowRun>;

	beforeAll(async () => {
		sim = await startGreenLakeSimulator({ virtualMachines: SEEDED_VMS, systems: SEEDED_SYSTEMS, operationDurationMs: 1500 });
		sim.forceOutcome(/^Deploy virtual machine e2e-cancelled-01$/, 'CANCELLED');
		// The first precheck still runs when the second is sent, however slow the machine.
		sim.setOperationDuration(/^Software precheck/, 10 * 60_000);
		n8n = await N8nInstance.create({ name: 'pcbe' });
		await n8n.importCredentials([
			greenLakeCredential('e2ePcbeCred0001', 'GreenLake simulator', sim),
			greenLakeCredential('demoPcbeCred0001', 'HPE GreenLake (PCBE simulator)', sim),
		]);
		const values = { GREENLAKE_URL: sim.url };
		await n8n.importWorkflows([...loadWorkflows(WORKFLOWS, values), loadWorkflow(DEMO_DEPLOY, values)]);
		runs = await n8n.executeWorkflows([LIFECYCLE, RETURN_ALL, DEPLOY_FAILS, CANCELLED, PRECHECK, HTTP_REQUEST, DEMO]);
	}, 30 * 60_000);

	afterAll(async () => {
		await sim?.close();
		// Last: fails the run when n8n shows a secret of it (the harness's secret scan).
		n8n?.cleanup();
	});

	function run(id: string): WorkflowRun {
		const found = runs.get(id);
		if (!found) throw new Error(`Workflow ${id} did not run`);
		return found;
	}

	function succeeded(id: string): WorkflowRun {
		const found = run(id);
		expect({ id, status: found.status, error: found.errorMessage, errorNode: found.errorNode }).toEqual({
			id,
			status: 'success',
			error: undefined,
			errorNode: undefined,
		});
		return found;
	}

	test('deploy a VM and wait, then power on, restart and shut down its guest OS, reset, power off and delete it', () => {
		const outputs = succeeded(LIFECYCLE).nodeOutputs;
		const [deployed] = outputs['Deploy VM'];
		expect(deployed).toMatchObject({ state: 'SUCCEEDED', resource: { name: 'e2e-web-01', powerState: 'POWERED_OFF' } });
		expect(outputs['Power On'][0]).toMatchObject({ state: 'SUCCEEDED', resource: { powerState: 'POWERED_ON' } });
		expect(outputs['Restart Guest OS'][0].state).toBe('SUCCEEDED');
		expect(outputs.Reset[0].state).toBe('SUCCEEDED');
		expect(outputs['Shut Down Guest OS'][0]).toMatchObject({ state: 'SUCCEEDED', resource: { powerState: 'POWERED_OFF' } });
		expect(outputs['Power Off'][0]).toMatchObject({ state: 'SUCCEEDED', resource: { powerState: 'POWERED_OFF' } });
		expect(outputs['Delete VM'][0].state).toBe('SUCCEEDED');
		const vmId = (deployed.resource as { id: string }).id;
		expect(sim.context.collection('virtualMachines').has(vmId)).toBe(false);
		const calls = sim.requestsTo('POST', new RegExp(`/virtual-machines/${vmId}/`)).map((request) => request.path.split('/').pop());
		expect(calls).toEqual(['power-on', 'restart-guest-os', 'reset', 'shutdown-guest-os', 'power-on', 'power-off']);
	});

	test('Return All pages through every VM and system exactly once; a Limit of 3 still sends a valid request', () => {
		const outputs = succeeded(RETURN_ALL).nodeOutputs;
		// The other workflows of the batch may have deployed a VM or two by then.
		const vms = outputs['Get All VMs'];
		expect(new Set(vms.map((vm) => vm.id)).size).toBe(vms.length);
		const seeded = vms.filter((vm) => /^vm-\d{4}$/.test(String(vm.name)));
		expect(seeded).toHaveLength(SEEDED_VMS);
		expect(outputs['Get All Systems']).toHaveLength(SEEDED_SYSTEMS);
		expect(sim.requestsTo('GET', /\/virtualization\/v1beta1\/virtual-machines$/).filter((request) => request.query.select === 'id,name').map((request) => request.query.limit)).toEqual(['1000', '1000', '1000']);
		expect(outputs['Get 3 Systems']).toHaveLength(3);
		expect(sim.requestsTo('GET', /\/private-cloud-business\/v1beta1\/systems$/).some((request) => request.query.limit === '10' && request.query.sort === 'name asc')).toBe(true);
	});

	test("a deploy that fails stops the workflow with the operation's own error", () => {
		const failed = run(DEPLOY_FAILS);
		expect(failed.status).toBe('error');
		expect(failed.errorNode).toBe('Deploy VM');
		expect(failed.errorMessage).toMatch(
			/^The operation "Deploy virtual machine e2e-broken-01" \([0-9a-f-]+\) ended in state FAILED: Image no-such-image was not found in the content library of vcenter-site-a\./,
		);
	});

	test('a deploy a user cancels stops the workflow and says so', () => {
		const cancelled = run(CANCELLED);
		expect(cancelled.status).toBe('error');
		expect(cancelled.errorMessage).toMatch(/ended in state CANCELLED: The operation was cancelled by a user\./);
	});

	test('a software precheck while another runs fails clearly with the 409 message', () => {
		// "On Error: Continue" keeps the error as the item a user sees.
		const outputs = succeeded(PRECHECK).nodeOutputs;
		expect(outputs['Start Precheck'][0]).toMatchObject({ state: 'ACCEPTED', operationId: expect.any(String) });
		expect(outputs['Precheck Again']).toEqual([
			{
				error: 'HPE GreenLake reports a conflict: A software precheck or update operation is already in progress on system dhci-site-a ("Software precheck to 3.30 on dhci-site-a")',
				// What a stopped node would show: the HTTP status and the explanation naming the request.
				details: expect.objectContaining({ httpStatus: 409, description: expect.stringContaining('Request: POST ') }),
			},
		]);
		expect(sim.requestsTo('POST', /software-prechecks$/).map((request) => request.status)).toEqual([202, 409]);
	});

	test("n8n's HTTP Request node authenticates to GreenLake with the same credential", () => {
		const [response] = succeeded(HTTP_REQUEST).nodeOutputs['HTTP Request'];
		expect(response).toMatchObject({ count: 10, offset: 0, total: SEEDED_SYSTEMS });
	});

	test('the demo workflow deploys a VM, waits, powers it on and reports', () => {
		const [report] = succeeded(DEMO).nodeOutputs.Report;
		expect(report).toMatchObject({ vm: expect.stringMatching(/^demo-vm-\d{8}-\d{6}$/), powerState: 'POWERED_ON', cluster: 'cluster-a1' });
	});

	test('every request n8n sent matched the three OpenAPI descriptions', () => {
		expect(sim.requests().length).toBeGreaterThan(0);
		expect(sim.violations()).toEqual([]);
	});
});
