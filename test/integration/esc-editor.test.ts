import { randomUUID } from 'node:crypto';
import type { IDataObject, INode, INodeParameters, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { CiscoEsc } from '../../nodes/CiscoEsc/CiscoEsc.node';
import { CiscoEscTrigger } from '../../nodes/CiscoEsc/CiscoEscTrigger.node';
import type { CredentialStore, Parameters } from '../harness/context';
import { executeNode, loadOptionsContext } from '../harness/context';
import type { EscSimulator } from '../simulators/esc';
import { startEscSimulator } from '../simulators/esc';
import type { EscTriggerReceiver } from './esc-helpers';
import { startEscTriggerReceiver } from './esc-helpers';

/**
 * The ESC node in the editor: every list it offers (searched, and scoped to the tenant, VIM
 * connector or deployment picked above), workflows saved with version 1 running unchanged, and
 * Deployment → Update changing only the fields given.
 */
const node = new CiscoEsc();
const { description } = node;
let sim: EscSimulator;
let receiver: EscTriggerReceiver;
let CALLBACK = '';
const TOKEN = randomUUID();
const listed = new Set<string>();

const credentials = (): CredentialStore => ({ ciscoEscApi: { baseUrl: sim.baseUrl, username: sim.username, password: sim.password, allowSelfSigned: false } });
const rl = (value: string, mode = 'list') => ({ __rl: true, mode, value });

async function run(parameters: Parameters, typeVersion = 2): Promise<IDataObject[]> {
	return (await executeNode({ nodeType: node, credentials: credentials(), parameters, typeVersion })).map((item) => item.json);
}

/** A write that returns once ESC has sent its callbacks. */
async function write(parameters: Parameters): Promise<IDataObject> {
	const [item] = await run({ callbackUrl: CALLBACK, waitForCompletion: false, ...parameters });
	await sim.settled();
	return item;
}

type ListMethod = keyof CiscoEsc['methods']['listSearch'];

/** What a list shows, as the editor calls it: with the node's current parameters and the search text. */
async function list(method: ListMethod, parameters: Parameters = {}, filter?: string): Promise<Array<{ name: string; value: string | number | boolean }>> {
	listed.add(method);
	const ctx = loadOptionsContext({ nodeType: node, credentials: credentials(), parameters });
	return (await node.methods.listSearch[method].call(ctx, filter)).results.map(({ name, value }) => ({ name, value }));
}

type OptionsMethod = keyof CiscoEsc['methods']['loadOptions'];

async function options(method: OptionsMethod, parameters: Parameters = {}): Promise<INodePropertyOptions[]> {
	listed.add(method);
	return await node.methods.loadOptions[method].call(loadOptionsContext({ nodeType: node, credentials: credentials(), parameters }));
}

/** The parameters n8n runs a node with: what the workflow stored, completed with the defaults of its version. */
function asN8nRuns(stored: INodeParameters, typeVersion: number): INodeParameters {
	return NodeHelpers.getNodeParameters(description.properties, stored, true, false, { typeVersion }, description)!;
}

jest.setTimeout(60_000);

beforeAll(async () => {
	sim = await startEscSimulator({ callbackDelayMs: 5 });
	receiver = await startEscTriggerReceiver(TOKEN);
	CALLBACK = `${receiver.url}?token=${TOKEN}`;
	for (const [id, name] of [
		['t-alpha', 'Alpha'],
		['t-beta', 'Beta'],
	]) {
		await write({ resource: 'tenant', operation: 'create', newTenantId: id, name, managedResource: true });
	}
	await write({ resource: 'network', operation: 'create', tenantId: rl('t-alpha'), networkId: 'net-a-mgmt', name: 'mgmt-a', shared: false, adminStateUp: true });
	await write({ resource: 'network', operation: 'create', tenantId: rl('t-alpha'), networkId: 'net-a-data', name: 'data-a', shared: false, adminStateUp: true });
	await write({ resource: 'network', operation: 'create', tenantId: rl('t-beta'), networkId: 'net-b-mgmt', name: 'mgmt-b', shared: false, adminStateUp: true });
	await write({ resource: 'subnet', operation: 'create', tenantId: rl('t-alpha'), subnetId: 'sub-a-mgmt', name: 'mgmt-v4', networkId: rl('net-a-mgmt'), ipVersion: 4, cidr: '10.1.0.0/24', gateway: '', enableDhcp: true });
	await write({ resource: 'subnet', operation: 'create', tenantId: rl('t-alpha'), subnetId: 'sub-a-data', name: 'data-v4', networkId: 'net-a-data', ipVersion: 4, cidr: '10.2.0.0/24', gateway: '', enableDhcp: true });
	await write({ resource: 'volume', operation: 'create', tenantId: rl('t-beta'), volumeId: 'vol-b-1', name: 'logs', size: 5, sizeUnit: 'GiB', volumeType: '' });
	await write({ resource: 'image', operation: 'create', imageId: 'img-csr', name: 'csr-17', src: 'http://files/csr.qcow2', diskBus: 'virtio', properties: {} });
	await write({ resource: 'image', operation: 'create', imageId: 'img-asa', name: 'asa-9', src: 'http://files/asa.qcow2', diskBus: 'virtio', properties: {} });
	await write({ resource: 'flavor', operation: 'create', flavorId: 'flv-small', name: 'small', vcpus: 2, memoryMb: 2048, rootDiskMb: 0, ephemeralDiskMb: 0, swapDiskMb: 0 });
	await write({ resource: 'flavor', operation: 'create', flavorId: 'flv-large', name: 'large', vcpus: 8, memoryMb: 16384, rootDiskMb: 0, ephemeralDiskMb: 0, swapDiskMb: 0 });
	await write({ resource: 'fileServer', operation: 'create', fileServerId: 'fs-images', baseUrl: 'https://files.example.com/share', fileServerUser: '', fileServerPassword: '', serverTimeout: 60 });
	await write({ resource: 'vimConnector', operation: 'create', newVimId: 'vim-dc1', vimType: 'OPENSTACK', properties: { property: [{ name: 'os_auth_url', value: 'https://dc1:5000/v3' }] } });
	await write({ resource: 'vimConnector', operation: 'create', newVimId: 'vim-dc2', vimType: 'OPENSTACK', properties: { property: [{ name: 'os_auth_url', value: 'https://dc2:5000/v3' }] } });
	await write({ resource: 'vimUser', operation: 'create', vimId: rl('vim-dc1'), vimUserId: 'esc-dc1', properties: { property: [{ name: 'os_password', value: 'x' }] } });
	await write({ resource: 'vimUser', operation: 'create', vimId: rl('vim-dc2'), vimUserId: 'esc-dc2', properties: { property: [{ name: 'os_password', value: 'x' }] } });
	// Picked from the lists: the tenant, image, flavor and network by name, as the data model names them.
	await write({
		resource: 'deployment',
		operation: 'create',
		newDeploymentId: 'dep-vpn',
		definitionMode: 'fields',
		tenantName: rl('Alpha'),
		deploymentName: 'vpn',
		vmGroupName: 'csr',
		image: rl('csr-17'),
		flavor: rl('small'),
		network: rl('mgmt-a'),
		vmCount: 2,
		bootupTime: 300,
		day0Url: 'http://files/day0.cfg',
	});
});
afterAll(async () => {
	await sim.close();
	await receiver.close();
});

describe('lists of the ESC node', () => {
	it('tenants: by internal ID (Get, Update, Delete) and by name (a data model), searched on both', async () => {
		expect(await list('searchTenants')).toEqual([
			{ name: 'Alpha (t-alpha)', value: 't-alpha' },
			{ name: 'Beta (t-beta)', value: 't-beta' },
		]);
		expect(await list('searchTenants', {}, 'BET')).toEqual([{ name: 'Beta (t-beta)', value: 't-beta' }]);
		expect(await list('searchTenantNames', {}, 'alpha')).toEqual([{ name: 'Alpha (t-alpha)', value: 'Alpha' }]);
	});

	it('networks, subnets and volumes: only those of the tenant picked above; nothing before a tenant is picked', async () => {
		expect(await list('searchNetworks', { tenantId: rl('t-alpha') })).toEqual([
			{ name: 'mgmt-a (net-a-mgmt)', value: 'net-a-mgmt' },
			{ name: 'data-a (net-a-data)', value: 'net-a-data' },
		]);
		expect(await list('searchNetworks', { tenantId: 't-beta' })).toEqual([{ name: 'mgmt-b (net-b-mgmt)', value: 'net-b-mgmt' }]);
		expect(await list('searchNetworks', { tenantId: rl('t-alpha') }, 'data')).toEqual([{ name: 'data-a (net-a-data)', value: 'net-a-data' }]);
		expect(await list('searchNetworks', { tenantId: rl('') })).toEqual([]);
		expect(await list('searchSubnets', { tenantId: rl('t-alpha') }, 'MGMT')).toEqual([{ name: 'mgmt-v4 (sub-a-mgmt)', value: 'sub-a-mgmt' }]);
		expect(await list('searchSubnets', { tenantId: rl('t-beta') })).toEqual([]);
		expect(await list('searchVolumes', { tenantId: rl('t-beta') })).toEqual([{ name: 'logs (vol-b-1)', value: 'vol-b-1' }]);
		expect(await list('searchVolumes', { tenantId: rl('t-alpha') })).toEqual([]);
	});

	it('images, flavors and file servers: by internal ID, and images and flavors by name for a data model', async () => {
		expect(await list('searchImages', {}, 'csr')).toEqual([{ name: 'csr-17 (img-csr)', value: 'img-csr' }]);
		expect(await list('searchImageNames')).toEqual([
			{ name: 'csr-17', value: 'csr-17' },
			{ name: 'asa-9', value: 'asa-9' },
		]);
		expect(await list('searchFlavors', {}, 'flv-l')).toEqual([{ name: 'large (flv-large)', value: 'flv-large' }]);
		expect(await list('searchFlavorNames', {}, 'small')).toEqual([{ name: 'small', value: 'small' }]);
		expect(await list('searchFileServers')).toEqual([{ name: 'fs-images', value: 'fs-images' }]);
		expect((await options('getImageNames')).map((option) => option.value)).toEqual(['csr-17', 'asa-9']);
		expect((await options('getFlavorNames')).map((option) => option.value)).toEqual(['small', 'large']);
	});

	it('VIM connectors, and the users of the connector picked above', async () => {
		expect(await list('searchVimConnectors', {}, 'dc2')).toEqual([{ name: 'OPENSTACK (vim-dc2)', value: 'vim-dc2' }]);
		expect(await list('searchVimUsers', { vimId: rl('vim-dc1') })).toEqual([{ name: 'esc-dc1', value: 'esc-dc1' }]);
		expect(await list('searchVimUsers', { vimId: 'vim-dc2' })).toEqual([{ name: 'esc-dc2', value: 'esc-dc2' }]);
		expect(await list('searchVimUsers', {})).toEqual([]);
	});

	it('deployments (of the tenant picked above, where there is one) and the VMs of the deployment picked above', async () => {
		expect(await list('searchDeployments')).toEqual([{ name: 'vpn (dep-vpn)', value: 'dep-vpn' }]);
		expect(await list('searchDeployments', { tenantId: rl('t-alpha') })).toEqual([{ name: 'vpn (dep-vpn)', value: 'dep-vpn' }]);
		expect(await list('searchDeployments', { tenantId: rl('t-beta') })).toEqual([]);
		const vms = await list('searchVms', { tenantId: rl('t-alpha'), deploymentId: rl('dep-vpn') });
		expect(vms).toHaveLength(2);
		expect(vms.every((vm) => String(vm.value).startsWith('vpn_csr_') && vm.name === vm.value)).toBe(true);
		expect(await list('searchVms', { deploymentId: rl('dep-vpn') }, String(vms[1].value).slice(-6))).toEqual([vms[1]]);
		expect(await list('searchVms', { deploymentId: rl('') })).toEqual([]);
	});

	it("a data model's network: the networks of the tenant it names; Update's: those of the deployment's tenant; and its VM groups", async () => {
		expect(await list('searchNetworkNames', { tenantName: rl('Alpha') })).toEqual([
			{ name: 'mgmt-a', value: 'mgmt-a' },
			{ name: 'data-a', value: 'data-a' },
		]);
		expect(await list('searchNetworkNames', { tenantName: rl('t-beta', 'name') })).toEqual([{ name: 'mgmt-b', value: 'mgmt-b' }]);
		expect(await list('searchNetworkNames', { tenantName: rl('nobody', 'name') })).toEqual([]);
		expect((await options('getDeploymentNetworkNames', { deploymentId: rl('dep-vpn') })).map((option) => option.value)).toEqual(['mgmt-a', 'data-a']);
		expect(await options('getVmGroups', { deploymentId: rl('dep-vpn') })).toEqual([{ name: 'csr', value: 'csr' }]);
	});

	it('reads a picked item and a plain ID saved before the field was a list alike', async () => {
		const picked = await run({ resource: 'network', operation: 'get', tenantId: rl('t-alpha'), networkId: rl('net-a-data') });
		const typed = await run({ resource: 'network', operation: 'get', tenantId: 't-alpha', networkId: 'net-a-data' });
		expect(picked).toEqual(typed);
		expect(picked[0]).toMatchObject({ internal_network_id: 'net-a-data', name: 'data-a' });
		expect(await run({ resource: 'subnet', operation: 'getAll', tenantId: rl('t-alpha'), listNetworkId: rl('net-a-mgmt'), returnAll: true })).toEqual([
			expect.objectContaining({ internal_subnet_id: 'sub-a-mgmt' }),
		]);
		expect((await run({ resource: 'vimUser', operation: 'get', vimId: rl('vim-dc2'), vimUserId: rl('esc-dc2') }))[0]).toMatchObject({ id: 'esc-dc2', vim_id: 'vim-dc2' });
		expect((await run({ resource: 'fileServer', operation: 'get', fileServerId: rl('fs-images', 'id') }))[0]).toMatchObject({ base_url: 'https://files.example.com/share' });
	});

	it('every list of the node was loaded above', () => {
		const methods = [...Object.keys(node.methods.listSearch), ...Object.keys(node.methods.loadOptions)];
		expect(methods.filter((method) => !listed.has(method))).toEqual([]);
	});
});

describe('workflows saved with version 1', () => {
	it('a Deployment Operation → Stop node saved then still runs, without waiting (its default then)', async () => {
		// As n8n stored it: only values that differ from the defaults.
		const stored: INodeParameters = { resource: 'deploymentOperation', operation: 'stop', tenantId: rl('t-alpha'), deploymentId: 'dep-vpn', callbackUrl: CALLBACK };
		const parameters = asN8nRuns(stored, 1);
		expect(parameters).toMatchObject({ ...stored, waitForCompletion: false });
		const oldNode: INode = { id: '1', name: 'Stop', type: 'n8n-nodes-datacenter.ciscoEsc', typeVersion: 1, position: [0, 0], parameters };
		expect(NodeHelpers.getNodeParametersIssues(description.properties, oldNode, description)).toBeNull();
		const [answer] = await run(parameters, 1);
		expect(answer).toMatchObject({ statusCode: 200, transactionId: expect.any(String) });
		expect(answer.completed).toBeUndefined();
		await sim.settled();
		expect(sim.deployments.get('dep-vpn')?.state).toBe('SERVICE_STOPPED_STATE');
		const [started] = await run(asN8nRuns({ resource: 'deploymentOperation', operation: 'start', tenantId: 't-alpha', deploymentId: 'dep-vpn', callbackUrl: CALLBACK }, 1), 1);
		expect(started.statusCode).toBe(200);
		await sim.settled();
	});

	it('a VM Operation → Reboot node with the VM name typed as text still runs', async () => {
		const vmName = sim.deployments.get('dep-vpn')!.vms[0].name;
		const parameters = asN8nRuns({ resource: 'vmOperation', operation: 'reboot', tenantId: rl('t-alpha'), vmName, callbackUrl: CALLBACK }, 1);
		expect(parameters.vmName).toBe(vmName);
		const oldNode: INode = { id: '1', name: 'Reboot', type: 'n8n-nodes-datacenter.ciscoEsc', typeVersion: 1, position: [0, 0], parameters };
		expect(NodeHelpers.getNodeParametersIssues(description.properties, oldNode, description)).toBeNull();
		const [answer] = await run(parameters, 1);
		expect(answer.statusCode).toBe(200);
		expect(sim.requestsTo('POST', new RegExp(`/deployments/vm/${vmName}$`)).pop()!.body).toContain('<operation>reboot</operation>');
		await sim.settled();
	});

	it('a Deployment → Update node keeps sending the whole definition from its fields, and a Network → Get node its typed ID', async () => {
		const update = asN8nRuns({ resource: 'deployment', operation: 'update', deploymentId: 'dep-vpn', tenantName: 'Alpha', deploymentName: 'vpn', vmGroupName: 'csr', image: 'csr-17', flavor: 'small', vmCount: 2, callbackUrl: CALLBACK }, 1);
		expect(update).toMatchObject({ definitionMode: 'fields', waitForCompletion: false });
		const get = asN8nRuns({ resource: 'network', operation: 'get', tenantId: 't-alpha', networkId: 'net-a-mgmt' }, 1);
		expect((await run(get, 1))[0]).toMatchObject({ name: 'mgmt-a' });
	});

	it('version 2 nodes: start and stop under Deployment and VM, waiting by default, Update from the changed fields', () => {
		expect(asN8nRuns({ resource: 'deployment', operation: 'stop' }, 2)).toMatchObject({ waitForCompletion: true, waitTimeout: 600 });
		expect(asN8nRuns({ resource: 'deployment', operation: 'update' }, 2)).toMatchObject({ definitionMode: 'changes', waitForCompletion: true });
		expect(asN8nRuns({ resource: 'vm', operation: 'snapshot' }, 2)).toHaveProperty('vmName');
		const resourceSelector = (version: number) =>
			description.properties.find((property) => property.name === 'resource' && NodeHelpers.displayParameter({}, property, { typeVersion: version }, description));
		const names = (version: number) => (resourceSelector(version)!.options as INodePropertyOptions[]).map((option) => option.name);
		expect(names(2).slice(0, 3)).toEqual(['Deployment', 'VM', 'Tenant']);
		expect(names(2)).not.toContain('Deployment Operation');
		expect(names(1)).toEqual(expect.arrayContaining(['Deployment Operation', 'VM Operation']));
	});
});

describe('Deployment → Update with Changed Fields', () => {
	it('reads the current definition, changes only the given fields of the group and sends the whole document', async () => {
		await write({
			resource: 'deployment',
			operation: 'create',
			newDeploymentId: 'dep-two',
			definitionMode: 'xml',
			dataModel:
				'<esc_datamodel xmlns="http://www.cisco.com/esc/esc"><tenants><tenant><name>Alpha</name><deployments><deployment><name>two</name>' +
				'<vm_group><name>edge</name><bootup_time>300</bootup_time><image>csr-17</image><flavor>small</flavor><interfaces><interface><nicid>0</nicid><network>mgmt-a</network></interface><interface><nicid>1</nicid><network>data-a</network></interface></interfaces><scaling><min_active>1</min_active><max_active>1</max_active><elastic>true</elastic></scaling></vm_group>' +
				'<vm_group><name>core</name><image>asa-9</image><flavor>small</flavor><kpi_data><kpi><event_name>VM_ALIVE</event_name><metric_value>1</metric_value></kpi></kpi_data></vm_group>' +
				'</deployment></deployments></tenant></tenants></esc_datamodel>',
		});
		await expect(run({ resource: 'deployment', operation: 'update', deploymentId: rl('dep-two'), definitionMode: 'changes', changedVmGroup: '', updateFields: { flavor: 'large' }, callbackUrl: CALLBACK })).rejects.toThrow(
			'Deployment "dep-two" has 2 VM groups: choose one in "VM Group Name or ID"',
		);
		await expect(run({ resource: 'deployment', operation: 'update', deploymentId: rl('dep-two'), definitionMode: 'changes', changedVmGroup: 'edge', updateFields: {}, callbackUrl: CALLBACK })).rejects.toThrow(
			'Add at least one field to "Update Fields"',
		);
		expect(await options('getVmGroups', { deploymentId: rl('dep-two') })).toEqual([
			{ name: 'edge', value: 'edge' },
			{ name: 'core', value: 'core' },
		]);
		expect(sim.requestsTo('PUT', /dep-two$/)).toHaveLength(0);

		const [updated] = await run({
			resource: 'deployment',
			operation: 'update',
			deploymentId: rl('dep-two'),
			definitionMode: 'changes',
			changedVmGroup: 'edge',
			updateFields: { flavor: 'large', vmCount: 3, network: 'data-a' },
			callbackUrl: CALLBACK,
			waitTimeout: 10,
		});
		expect(updated).toMatchObject({ completed: true, resource: { service_state_machine_state: 'SERVICE_ACTIVE_STATE' } });
		const body = String(sim.requestsTo('PUT', /dep-two$/)[0].body).replace(/\s+/g, '');
		expect(body).toContain('<esc_datamodelxmlns="http://www.cisco.com/esc/esc">');
		// The edge group: new flavor, count and first network; its image, boot time and second interface as they were.
		expect(body).toContain(
			'<vm_group><name>edge</name><bootup_time>300</bootup_time><image>csr-17</image><flavor>large</flavor><interfaces><interface><nicid>0</nicid><network>data-a</network></interface><interface><nicid>1</nicid><network>data-a</network></interface></interfaces><scaling><min_active>3</min_active><max_active>3</max_active><elastic>true</elastic></scaling></vm_group>',
		);
		// The other group, untouched: ESC would remove a group the update leaves out.
		expect(body).toContain('<vm_group><name>core</name><image>asa-9</image><flavor>small</flavor><kpi_data><kpi><event_name>VM_ALIVE</event_name><metric_value>1</metric_value></kpi></kpi_data></vm_group>');
		await sim.settled();
	});
});

describe('ESC Trigger in the editor', () => {
	it('lists events as words and keeps the codes as values', () => {
		const events = new CiscoEscTrigger().description.properties.find((property) => property.name === 'events')!.options as INodePropertyOptions[];
		expect(events.find((option) => option.value === 'VM_ALIVE')?.name).toBe('VM Alive');
		expect(events.find((option) => option.value === 'VM_RECOVERY_COMPLETE')?.name).toBe('VM Recovery Complete');
		expect(events.find((option) => option.value === 'CREATE_FLAVOR')?.name).toBe('Create Flavor');
		expect(events.filter((option) => /_/.test(option.name))).toEqual([]);
	});
});

describe('the seeded ESC of the demo and the editor check', () => {
	it('has something in every list, each list loaded after the item it depends on is picked', async () => {
		const seeded = await startEscSimulator({ seeded: true });
		try {
			const seededCredentials: CredentialStore = { ciscoEscApi: { baseUrl: seeded.baseUrl, username: seeded.username, password: seeded.password, allowSelfSigned: false } };
			const picked: Parameters = {};
			const first = async (method: ListMethod, parameter: string) => {
				const ctx = loadOptionsContext({ nodeType: node, credentials: seededCredentials, parameters: picked });
				const [item] = (await node.methods.listSearch[method].call(ctx)).results;
				expect({ method, found: item !== undefined }).toEqual({ method, found: true });
				picked[parameter] = rl(String(item.value));
			};
			await first('searchTenants', 'tenantId');
			await first('searchTenantNames', 'tenantName');
			await first('searchDeployments', 'deploymentId');
			await first('searchVms', 'vmName');
			await first('searchVimConnectors', 'vimId');
			for (const [method, parameter] of [
				['searchVimUsers', 'vimUserId'],
				['searchNetworks', 'networkId'],
				['searchSubnets', 'subnetId'],
				['searchVolumes', 'volumeId'],
				['searchImages', 'imageId'],
				['searchFlavors', 'flavorId'],
				['searchFileServers', 'fileServerId'],
				['searchImageNames', 'image'],
				['searchFlavorNames', 'flavor'],
				['searchNetworkNames', 'network'],
			] as const) {
				await first(method, parameter);
			}
			const ctx = loadOptionsContext({ nodeType: node, credentials: seededCredentials, parameters: picked });
			for (const method of Object.keys(node.methods.loadOptions) as OptionsMethod[]) {
				expect({ method, options: (await node.methods.loadOptions[method].call(ctx)).length > 0 }).toEqual({ method, options: true });
			}
		} finally {
			await seeded.close();
		}
	});
});
