import type { IDataObject } from 'n8n-workflow';

import type { GreenLakeSimulator } from '../simulators/greenlake';
import { startGreenLakeSimulator } from '../simulators/greenlake';
import { greenLakeCredential, loadOptionsContext } from '../harness/context';
import { byName, locator, node, records, runNode } from './pcbe-helpers';

// Writes wait for their async operation, polled at most once a second.
jest.setTimeout(30_000);

let sim: GreenLakeSimulator;

beforeAll(async () => {
	sim = await startGreenLakeSimulator({ operationDurationMs: 300, virtualMachines: 6 });
});
afterAll(async () => await sim.close());
afterEach(() => expect(sim.violations()).toEqual([]));

const cluster = () => byName(sim, 'hypervisorClusters', 'cluster-a1');
const datastore = () => byName(sim, 'datastores', 'cluster-a1-ds01');
const deploy = (name: string, extra: IDataObject = {}): IDataObject => ({
	operation: 'deploy',
	name,
	clusterId: locator(String(cluster().id)),
	datastoreId: locator(String(datastore().id)),
	imageName: 'ubuntu-22.04-template',
	...extra,
});
const lastDeploy = () => sim.requestsTo('POST', /\/virtual-machines$/).pop()!.body as IDataObject;

describe('Deploy VM: consent to the EULA is given, not assumed', () => {
	it('a new node sends acceptEula false unless the user turns it on, and GreenLake says why it refuses', async () => {
		await expect(runNode(sim, 'virtualMachine', deploy('eula-off'))).rejects.toThrow(/license agreement must be accepted/);
		expect((lastDeploy().vmConfig as IDataObject).acceptEula).toBe(false);
		const [result] = await runNode(sim, 'virtualMachine', deploy('eula-on', { acceptEula: true }));
		expect(result.resource).toMatchObject({ name: 'eula-on' });
		expect((lastDeploy().vmConfig as IDataObject).acceptEula).toBe(true);
	});

	it('a workflow saved with version 1 (which accepted by default) keeps deploying', async () => {
		const [result] = await runNode(sim, 'virtualMachine', deploy('eula-v1'), false, 1);
		expect(result.resource).toMatchObject({ name: 'eula-v1' });
		expect((lastDeploy().vmConfig as IDataObject).acceptEula).toBe(true);
	});
});

describe('fields instead of JSON boxes', () => {
	it('Deploy VM: host, locale, OVF properties, network mappings and provisioning policy are fields', async () => {
		const policy = records(sim, 'vmProvisioningPolicies')[0];
		const host = (cluster().hypervisorHosts as IDataObject[])[0];
		await runNode(
			sim,
			'virtualMachine',
			deploy('fields-01', {
				acceptEula: true,
				additionalFields: {
					hostId: locator(String(host.id)),
					locale: 'en_US',
					properties: { property: [{ key: 'hostname', value: 'fields-01' }, { key: 'ip0', value: '10.0.0.10' }] },
					networkMappings: { mapping: [{ name: 'VM Network', network: 'Prod-VLAN-20' }, { name: 'Backup Network', network: 'Backup-VLAN' }] },
					policyId: locator(String(policy.id)),
				},
			}),
		);
		expect(lastDeploy()).toEqual({
			vmConfig: { name: 'fields-01', acceptEula: true, locale: 'en_US', propertyConfig: [{ key: 'hostname', value: 'fields-01' }, { key: 'ip0', value: '10.0.0.10' }] },
			storageConfig: { defaultDatastoreId: datastore().id },
			destination: { clusterId: cluster().id, hostId: host.id },
			imageSource: { imageSourceType: 'HYPERVISOR_IMAGE_LIBRARY', imageName: 'ubuntu-22.04-template' },
			networkConfig: {
				networkMapping: [
					{ name: 'VM Network', network: 'Prod-VLAN-20' },
					{ name: 'Backup Network', network: 'Backup-VLAN' },
				],
			},
			vmPolicy: [{ type: 'VM_PROVISIONING_POLICY', id: policy.id }],
		});
	});

	it('Update Hardware: network adapters and disks are rows of fields, each change sent as the spec asks', async () => {
		const vm = records(sim, 'virtualMachines').find((candidate) => candidate.powerState === 'POWERED_OFF')!;
		const disk = (vm.virtualDisks as IDataObject[])[0];
		const [result] = await runNode(sim, 'virtualMachine', {
			operation: 'updateHardware',
			vmId: locator(String(vm.id)),
			hardware: {
				networkAdapters: {
					adapter: [
						{ change: 'ADD', network: 'Backup-VLAN', type: 'E1000E', connectAtPowerOn: true },
						{ change: 'EDIT', name: 'Network adapter 1', network: 'Prod-VLAN-20' },
					],
				},
				virtualDisks: { disk: [{ change: 'ADD', capacityInMb: 20480, type: 'SCSI' }, { change: 'EDIT', id: String(disk.id), capacityInMb: 81920 }] },
			},
		});
		expect(sim.requestsTo('POST', /update-hardware$/).pop()!.body).toEqual({
			networkAdapters: [
				{ operation: 'ADD', networkDetails: { name: 'Backup-VLAN', type: 'STANDARD_PORT_GROUP' }, type: 'E1000E', connectAtPowerOn: true },
				{ operation: 'EDIT', name: 'Network adapter 1', networkDetails: { name: 'Prod-VLAN-20', type: 'STANDARD_PORT_GROUP' }, connectAtPowerOn: true },
			],
			virtualDisks: [
				{ operation: 'ADD', diskConfig: { capacityInMb: 20480, type: 'SCSI' } },
				{ operation: 'EDIT', diskConfig: { id: disk.id, capacityInMb: 81920 } },
			],
		});
		const updated = result.resource as IDataObject;
		const disks = await (node.methods.loadOptions as unknown as { getVirtualMachineDisks: (this: unknown) => Promise<Array<{ value: unknown }>> }).getVirtualMachineDisks.call(
			loadOptionsContext({ nodeType: node, credentials: greenLakeCredential(sim), parameters: { vmId: locator(String(vm.id)) } }),
		);
		expect(disks.map((option) => option.value)).toEqual((updated.virtualDisks as IDataObject[]).map((entry) => entry.id));
		expect((updated.networkAdapters as IDataObject[]).map((adapter) => adapter.networkName)).toEqual(['Prod-VLAN-20', 'Backup-VLAN']);
		expect((updated.virtualDisks as IDataObject[]).map((entry) => entry.capacityInMb)).toEqual([81920, 20480]);
	});

	it('Update Hardware refuses a row that lacks what its change needs, before sending', async () => {
		const vm = records(sim, 'virtualMachines')[0];
		const before = sim.requests().length;
		await expect(
			runNode(sim, 'virtualMachine', { operation: 'updateHardware', vmId: locator(String(vm.id)), hardware: { virtualDisks: { disk: [{ change: 'DELETE' }] } } }),
		).rejects.toThrow('To delete a disk, pick it under "Disk Name or ID"');
		await expect(
			runNode(sim, 'virtualMachine', { operation: 'updateHardware', vmId: locator(String(vm.id)), hardware: { networkAdapters: { adapter: [{ change: 'ADD', network: '' }] } } }),
		).rejects.toThrow('To add a network adapter, enter its "Network"');
		expect(sim.requests().slice(before).filter((request) => !request.path.startsWith('/as/'))).toEqual([]);
	});

	it('VM Provisioning Policy Create and Update take volume and protection settings as fields', async () => {
		const [created] = await runNode(sim, 'vmProvisioningPolicy', {
			operation: 'create',
			name: 'fields-policy',
			description: 'From fields',
			volumeInfo: { deduplication: true, dataReduction: true, encryptionCipher: 'AES_256_XTS', encryptionScope: 'Volume', perfIopsLimit: 5000, perfMbpsLimit: 200, userAllocWarning: 80 },
			protectionPolicy: { id: 'pp-gold', name: 'Gold', consistency: 'APPLICATION' },
		});
		expect(sim.requestsTo('POST', /vm-provisioning-policies$/).pop()!.body).toEqual({
			storageType: 'Alletra dHCI',
			name: 'fields-policy',
			description: 'From fields',
			volumeInfo: {
				deduplication: true,
				dataReduction: true,
				userAllocWarning: 80,
				encryption: { cipher: 'AES_256_XTS', scope: 'Volume' },
				qos: { perfIopsLimit: 5000, perfMbpsLimit: 200 },
			},
			protectionPolicy: { id: 'pp-gold', name: 'Gold', overrides: { backupGranularity: 'VOLUME', consistency: 'APPLICATION' } },
		});
		const [updated] = await runNode(sim, 'vmProvisioningPolicy', { operation: 'update', policyId: locator(String(created.id)), volumeInfo: { deduplication: false } });
		expect(sim.requestsTo('PATCH', /vm-provisioning-policies\//).pop()!.body).toEqual({ volumeInfo: { deduplication: false } });
		expect(updated.resource).toMatchObject({ volumeInfo: { deduplication: false, dataReduction: true } });
		await expect(runNode(sim, 'vmProvisioningPolicy', { operation: 'update', policyId: locator(String(created.id)), protectionPolicy: { consistency: 'CRASH' } })).rejects.toThrow(
			'A protection policy needs its "ID" and "Name"',
		);
	});
});
