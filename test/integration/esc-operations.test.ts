import { randomUUID } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { CiscoEsc } from '../../nodes/CiscoEsc/CiscoEsc.node';
import { resources } from '../../nodes/CiscoEsc/resources';
import { KNOWN_EVENTS } from '../../nodes/CiscoEsc/trigger/event';
import type { CredentialStore, Parameters } from '../harness/context';
import { executeNode, loadOptionsContext } from '../harness/context';
import type { EscSimulator } from '../simulators/esc';
import { startEscSimulator } from '../simulators/esc';
import type { EscTriggerReceiver } from './esc-helpers';
import { startEscTriggerReceiver } from './esc-helpers';

/**
 * Every operation of the ESC node against the simulator, in an order that builds what the next
 * needs (tenant, network, subnet, ... deployment, VM), then removes it again. ESC's callbacks go to
 * the ESC Trigger, which turns each into an event.
 */
const node = new CiscoEsc();
let sim: EscSimulator;
let receiver: EscTriggerReceiver;
let CALLBACK = '';
const TOKEN = randomUUID();
const covered = new Set<string>();

const credentials = (): CredentialStore => ({ ciscoEscApi: { baseUrl: sim.baseUrl, username: sim.username, password: sim.password, allowSelfSigned: false } });

async function run(parameters: Parameters): Promise<IDataObject[]> {
	covered.add(`${String(parameters.resource)}.${String(parameters.operation)}`);
	return (await executeNode({ nodeType: node, credentials: credentials(), parameters, typeVersion: 2 })).map((item) => item.json);
}

/** Runs a write, waits for its callbacks, and returns ESC's immediate answer. */
async function write(parameters: Parameters): Promise<IDataObject> {
	const [item] = await run({ callbackUrl: CALLBACK, waitForCompletion: false, ...parameters });
	await sim.settled();
	return item;
}

const tenant = { tenantId: { __rl: true, mode: 'list', value: 'ops-tenant' } };

jest.setTimeout(60_000);

beforeAll(async () => {
	sim = await startEscSimulator({ callbackDelayMs: 5 });
	receiver = await startEscTriggerReceiver(TOKEN);
	CALLBACK = `${receiver.url}?token=${TOKEN}`;
});
afterAll(async () => {
	await sim.close();
	await receiver.close();
});

describe('every ESC operation', () => {
	it('tenants: create (waiting), get, list, update, list search', async () => {
		const created = await run({ resource: 'tenant', operation: 'create', newTenantId: 'ops-tenant', name: 'Ops', managedResource: true, callbackUrl: CALLBACK, waitForCompletion: true, waitTimeout: 10 });
		expect(created[0]).toMatchObject({ completed: true, resource: { internal_tenant_id: 'ops-tenant', name: 'Ops', enabled: true, managed_resource: true } });
		expect((await run({ resource: 'tenant', operation: 'get', ...tenant }))[0]).toMatchObject({ name: 'Ops' });
		const listed = await run({ resource: 'tenant', operation: 'getAll', returnAll: true });
		expect(listed.map((t) => t.internal_tenant_id)).toEqual(['ops-tenant']);
		await write({ resource: 'tenant', operation: 'update', ...tenant, name: 'Ops Renamed', managedResource: true });
		expect((await run({ resource: 'tenant', operation: 'get', ...tenant, outputOptions: { includeRawXml: true } }))[0]).toMatchObject({ name: 'Ops Renamed', rawXml: expect.stringContaining('<name>Ops Renamed</name>') });
		const search = await node.methods.listSearch.searchTenants.call(loadOptionsContext({ nodeType: node, credentials: credentials() }), 'renamed');
		expect(search.results).toEqual([{ name: 'Ops Renamed (ops-tenant)', value: 'ops-tenant' }]);
	});

	it('networks, subnets, volumes under the tenant: create, get, list, delete', async () => {
		await write({ resource: 'network', operation: 'create', ...tenant, networkId: 'ops-net', name: 'mgmt', shared: false, adminStateUp: true, additionalFields: { providerNetworkType: 'vlan', providerSegmentationId: '2001' } });
		expect((await run({ resource: 'network', operation: 'get', ...tenant, networkId: 'ops-net' }))[0]).toMatchObject({ name: 'mgmt', provider_segmentation_id: '2001', shared: false });
		await write({ resource: 'subnet', operation: 'create', ...tenant, subnetId: 'ops-subnet', name: 'mgmt-v4', networkId: 'ops-net', ipVersion: 4, cidr: '10.10.0.0/24', gateway: '10.10.0.1', enableDhcp: true });
		expect((await run({ resource: 'subnet', operation: 'get', ...tenant, subnetId: 'ops-subnet' }))[0]).toMatchObject({ cidr: '10.10.0.0/24', gateway_ip: '10.10.0.1', ip_version: 4, enable_dhcp: true });
		expect(await run({ resource: 'subnet', operation: 'getAll', ...tenant, listNetworkId: 'ops-net', returnAll: true })).toHaveLength(1);
		expect(await run({ resource: 'subnet', operation: 'getAll', ...tenant, listNetworkId: 'other-net', returnAll: true })).toHaveLength(0);
		expect(sim.requestsTo('GET', /subnets$/).pop()!.headers.internalnetworkid).toBe('other-net');
		await write({ resource: 'volume', operation: 'create', ...tenant, volumeId: 'ops-vol', name: 'data', size: 20, sizeUnit: 'GiB', volumeType: '' });
		expect((await run({ resource: 'volume', operation: 'getAll', ...tenant, returnAll: true }))[0]).toMatchObject({ name: 'data', size: 20, sizeunit: 'GiB' });
		expect((await run({ resource: 'volume', operation: 'get', ...tenant, volumeId: 'ops-vol' }))[0]).toMatchObject({ internal_volume_id: 'ops-vol' });
		expect((await run({ resource: 'network', operation: 'getAll', ...tenant, returnAll: false, limit: 5 }))[0]).toMatchObject({ internal_network_id: 'ops-net' });
		const [deleted] = await run({ resource: 'volume', operation: 'delete', ...tenant, volumeId: 'ops-vol', callbackUrl: CALLBACK, waitForCompletion: true, waitTimeout: 10 });
		expect(deleted).toMatchObject({ completed: true, resource: null });
		await write({ resource: 'subnet', operation: 'delete', ...tenant, subnetId: 'ops-subnet' });
		await write({ resource: 'network', operation: 'delete', ...tenant, networkId: 'ops-net' });
		expect(await run({ resource: 'network', operation: 'getAll', ...tenant, returnAll: true })).toEqual([]);
	});

	it('images and flavors: create, get, list, delete', async () => {
		await write({ resource: 'image', operation: 'create', imageId: 'ops-img', name: 'csr', src: 'http://files/csr.qcow2', diskBus: 'virtio', properties: { property: [{ name: 'hw_vif_model', value: 'virtio' }] } });
		const [image] = await run({ resource: 'image', operation: 'get', imageId: 'ops-img' });
		expect(image).toMatchObject({ name: 'csr', disk_bus: 'virtio', properties: { property: [{ name: 'hw_vif_model', value: 'virtio' }] } });
		expect(await run({ resource: 'image', operation: 'getAll', returnAll: true })).toHaveLength(1);
		await write({ resource: 'flavor', operation: 'create', flavorId: 'ops-flavor', name: 'small', vcpus: 2, memoryMb: 2048, rootDiskMb: 0, ephemeralDiskMb: 0, swapDiskMb: 0 });
		expect((await run({ resource: 'flavor', operation: 'get', flavorId: 'ops-flavor' }))[0]).toMatchObject({ vcpus: 2, memory_mb: 2048 });
		expect(await run({ resource: 'flavor', operation: 'getAll', returnAll: true })).toHaveLength(1);
		await write({ resource: 'flavor', operation: 'delete', flavorId: 'ops-flavor' });
		await write({ resource: 'image', operation: 'delete', imageId: 'ops-img' });
		expect(await run({ resource: 'image', operation: 'getAll', returnAll: true })).toEqual([]);
	});

	it('deployments and their operations, VM operations, then delete', async () => {
		await run({
			resource: 'deployment',
			operation: 'create',
			newDeploymentId: 'ops-dep',
			definitionMode: 'fields',
			tenantName: 'ops-tenant',
			deploymentName: 'ops',
			vmGroupName: 'csr',
			image: 'csr',
			flavor: 'small',
			network: 'mgmt',
			vmCount: 1,
			bootupTime: 300,
			day0Url: 'http://files/day0.cfg',
			callbackUrl: CALLBACK,
			waitForCompletion: true,
			waitTimeout: 10,
		});
		const dep = { deploymentId: { __rl: true, mode: 'id', value: 'ops-dep' } };
		expect((await run({ resource: 'deployment', operation: 'getAll', returnAll: true })).map((d) => d.internal_deployment_id)).toEqual(['ops-dep']);
		const [got] = await run({ resource: 'deployment', operation: 'get', ...dep });
		const vmName = String(((got.deployment_details as IDataObject[])[0]).vm_name);
		expect((await run({ resource: 'deployment', operation: 'getConfiguration', ...dep }))[0]).toMatchObject({ tenants: { tenant: [{ name: 'ops-tenant' }] } });
		const search = await node.methods.listSearch.searchDeployments.call(loadOptionsContext({ nodeType: node, credentials: credentials() }));
		expect(search.results).toEqual([{ name: 'ops (ops-dep)', value: 'ops-dep' }]);

		const [stopped] = await run({ resource: 'deployment', operation: 'stop', ...tenant, ...dep, callbackUrl: CALLBACK, waitForCompletion: true, waitTimeout: 10 });
		expect((stopped.resource as IDataObject).service_state_machine_state).toBe('SERVICE_STOPPED_STATE');
		for (const operation of ['start', 'reboot', 'enableMonitoring', 'disableMonitoring']) {
			await write({ resource: 'deployment', operation, ...tenant, ...dep });
		}
		expect(sim.requestsTo('POST', /deployments\/service\/ops-dep$/).map((r) => /<operation>(\w+)<\/operation>/.exec(String(r.body))?.[1])).toEqual(['stop', 'start', 'reboot', 'enable_monitoring', 'disable_monitoring']);

		for (const operation of ['stop', 'start', 'reboot', 'enableMonitoring', 'disableMonitoring', 'recoveryDo', 'recoveryUndo']) {
			const [answer] = await run({ resource: 'vm', operation, ...tenant, ...dep, vmName: { __rl: true, mode: 'list', value: vmName }, checkVmBeforeRecovery: true, callbackUrl: CALLBACK });
			expect(answer.statusCode).toBe(200);
		}
		await write({ resource: 'vm', operation: 'snapshot', ...tenant, vmName, snapshotName: 'before-upgrade' });
		// Besides the events copies of deployment stages, the results of VM operations.
		const vmEvents = sim.callbacks.filter((c) => c.body.includes('<esc_event') && c.stage?.endsWith('_COMPLETE')).map((c) => c.stage);
		expect(vmEvents).toEqual(['VM_STOP_COMPLETE', 'VM_START_COMPLETE', 'VM_REBOOT_COMPLETE', 'VM_ENABLE_MONITOR_COMPLETE', 'VM_DISABLE_MONITOR_COMPLETE', 'VM_RECOVERY_COMPLETE', 'VM_RECOVERY_UNDO_COMPLETE', 'VM_SNAPSHOT_COMPLETE']);

		const [updated] = await run({
			resource: 'deployment',
			operation: 'update',
			...dep,
			definitionMode: 'fields',
			tenantName: 'ops-tenant',
			deploymentName: 'ops',
			vmGroupName: 'csr2',
			image: 'csr',
			flavor: 'small',
			network: '',
			vmCount: 1,
			bootupTime: 300,
			day0Url: '',
			callbackUrl: CALLBACK,
			waitForCompletion: true,
			waitTimeout: 10,
		});
		expect(updated).toMatchObject({ completed: true, resource: { vm_group: [{ name: 'csr2' }] } });
		const [deleted] = await run({ resource: 'deployment', operation: 'delete', ...dep, callbackUrl: CALLBACK, waitForCompletion: true, waitTimeout: 10 });
		expect(deleted).toMatchObject({ completed: true, resource: null });
		await sim.settled();
	});

	it('VIM connectors and users, default connector, status check', async () => {
		await write({ resource: 'vimConnector', operation: 'create', newVimId: 'ops-vim', vimType: 'OPENSTACK', properties: { property: [{ name: 'os_auth_url', value: 'https://keystone:5000/v3' }] } });
		const vim = { vimId: { __rl: true, mode: 'list', value: 'ops-vim' } };
		expect((await run({ resource: 'vimConnector', operation: 'get', ...vim }))[0]).toMatchObject({ id: 'ops-vim', type: 'OPENSTACK', properties: { property: [{ name: 'os_auth_url' }] } });
		expect(await run({ resource: 'vimConnector', operation: 'getAll', returnAll: true })).toHaveLength(1);
		const search = await node.methods.listSearch.searchVimConnectors.call(loadOptionsContext({ nodeType: node, credentials: credentials() }), 'ops');
		expect(search.results).toEqual([{ name: 'OPENSTACK (ops-vim)', value: 'ops-vim' }]);
		await write({ resource: 'vimConnector', operation: 'update', ...vim, vimType: 'OPENSTACK', properties: { property: [{ name: 'os_project_name', value: 'admin' }] } });
		expect((await run({ resource: 'vimConnector', operation: 'checkStatus', ...vim }))[0]).toMatchObject({ response: { status: 'CONNECTION_SUCCESSFUL' } });
		await write({ resource: 'vimConnector', operation: 'setDefault', ...vim });
		expect((await run({ resource: 'vimConnector', operation: 'getDefault' }))[0]).toEqual({ defaultVimConnectorId: 'ops-vim' });

		await write({ resource: 'vimUser', operation: 'create', ...vim, vimUserId: 'admin', properties: { property: [{ name: 'os_password', value: 's3cret<&>' }] } });
		expect(String(sim.requestsTo('POST', /vim_users$/)[0].body)).toContain('<value>s3cret&lt;&amp;&gt;</value>');
		expect((await run({ resource: 'vimUser', operation: 'get', ...vim, vimUserId: 'admin' }))[0]).toMatchObject({ id: 'admin', vim_id: 'ops-vim' });
		expect(await run({ resource: 'vimUser', operation: 'getAll', ...vim, returnAll: true })).toHaveLength(1);
		await write({ resource: 'vimUser', operation: 'update', ...vim, vimUserId: 'admin', properties: { property: [{ name: 'os_password', value: 'new' }] } });
		await write({ resource: 'vimUser', operation: 'delete', ...vim, vimUserId: 'admin' });
		expect(await run({ resource: 'vimUser', operation: 'getAll', ...vim, returnAll: true })).toEqual([]);
		const [gone] = await run({ resource: 'vimConnector', operation: 'delete', ...vim, callbackUrl: CALLBACK, waitForCompletion: true, waitTimeout: 10 });
		expect(gone.completed).toBe(true);
	});

	it('configuration parameters, operation mode, hosts, system states, file servers, truststore', async () => {
		expect((await run({ resource: 'configParameter', operation: 'getAll', returnAll: true })).length).toBeGreaterThanOrEqual(3);
		expect(await run({ resource: 'configParameter', operation: 'getCategory', category: 'LOG', returnAll: true })).toEqual([{ category: 'LOG', key: 'LEVEL', type: 'STRING', value: 'INFO' }]);
		await run({ resource: 'configParameter', operation: 'change', category: 'log', key: 'level', value: 'debug' });
		expect((await run({ resource: 'configParameter', operation: 'get', category: 'LOG', key: 'LEVEL' }))[0]).toMatchObject({ value: 'DEBUG' });
		await run({ resource: 'configParameter', operation: 'create', category: 'DEFAULT', key: 'MY_KEY', value: 'x y' });
		expect(sim.requestsTo('POST', /config\/DEFAULT\/MY_KEY$/)[0].headers['content-type']).toBe('application/json');
		expect((await run({ resource: 'configParameter', operation: 'get', category: 'DEFAULT', key: 'MY_KEY' }))[0]).toMatchObject({ value: 'x y' });

		await run({ resource: 'operationMode', operation: 'set', mode: 'MAINTENANCE' });
		expect((await run({ resource: 'operationMode', operation: 'get' }))[0]).toMatchObject({ mode: 'MAINTENANCE' });
		await expect(write({ resource: 'tenant', operation: 'create', newTenantId: 'blocked', name: 'b', managedResource: true })).rejects.toThrow(/Cisco ESC is unavailable right now \(HTTP 503\)/);
		await run({ resource: 'operationMode', operation: 'set', mode: 'OPERATION' });

		await write({ resource: 'host', operation: 'disable', hostName: 'compute-01', eventsCallbackUrl: CALLBACK });
		expect((await run({ resource: 'host', operation: 'getStatus', hostName: 'compute-01' }))[0]).toEqual({ name: 'compute-01', status: 'DISABLED' });
		await write({ resource: 'host', operation: 'enable', hostName: 'compute-01', eventsCallbackUrl: CALLBACK });
		expect((await run({ resource: 'host', operation: 'getStatus', hostName: 'compute-01' }))[0]).toMatchObject({ status: 'ENABLED' });

		expect((await run({ resource: 'systemState', operation: 'get', stateName: 'vim_connection' }))[0]).toEqual({ name: 'vim_connection', state: 'OK' });
		expect((await run({ resource: 'systemState', operation: 'reset', stateName: 'vim_connection' }))[0]).toMatchObject({ statusCode: 200 });

		await write({ resource: 'fileServer', operation: 'create', fileServerId: 'ops-fs', baseUrl: 'https://files.example.com/share', fileServerUser: 'esc', fileServerPassword: 'pw', serverTimeout: 60 });
		expect((await run({ resource: 'fileServer', operation: 'get', fileServerId: 'ops-fs' }))[0]).toMatchObject({ base_url: 'https://files.example.com/share', server_timeout: 60 });
		await write({ resource: 'fileServer', operation: 'update', fileServerId: 'ops-fs', baseUrl: 'https://files2.example.com/share', fileServerUser: '', fileServerPassword: '', serverTimeout: 30 });
		expect((await run({ resource: 'fileServer', operation: 'getAll', returnAll: true }))[0]).toMatchObject({ base_url: 'https://files2.example.com/share' });
		await write({ resource: 'fileServer', operation: 'delete', fileServerId: 'ops-fs' });

		expect((await run({ resource: 'truststore', operation: 'reload' }))[0]).toMatchObject({ statusCode: 204 });
		await write({ resource: 'tenant', operation: 'delete', ...tenant });
		expect(await run({ resource: 'tenant', operation: 'getAll', returnAll: true })).toEqual([]);
	});

	it('turned the callbacks of these operations into ESC Trigger events, one kind per kind of notification', () => {
		const seen = new Set(receiver.started.map((event) => String(event.event)));
		// The deployment update above replaces its VM group: VM_UPDATED (a group's settings changed) is in esc-trigger.test.ts.
		expect(KNOWN_EVENTS.filter((event) => !seen.has(event))).toEqual(['VM_UPDATED']);
		// Every post answered; those not started are the events copies of deployment stages (the node sent one URL for both).
		const notStarted = receiver.answers.filter((answer) => (answer.body as IDataObject).started === false);
		expect(receiver.answers.length - notStarted.length).toBe(receiver.started.length);
		expect(notStarted.length).toBeGreaterThan(0);
		expect(receiver.answers.every((answer) => answer.status === 200)).toBe(true);
		expect(receiver.started.filter((event) => typeof event.transactionId !== 'string' || typeof event.success !== 'boolean')).toEqual([]);
	});

	it('has covered every operation the node offers', () => {
		const all = resources.flatMap((resource) => resource.operations.map((operation) => `${resource.value}.${operation.value}`));
		expect(all.filter((operation) => !covered.has(operation))).toEqual([]);
	});
});
