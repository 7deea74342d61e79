import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { getOperation, listOperation, writeOperation } from '../../shared/kinds';
import type { OperationDefinition, ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { fillPath } from '../../shared/parameters';
import { GREENLAKE_ID_PATTERN, VIRTUALIZATION_ENVELOPE, VIRTUALIZATION_PATH } from '../api';
import { clusterLocator, datastoreLocator, managerLocator, readId, virtualMachineLocator } from '../locators';
import { greenLake, listQuery, listQueryOptions } from '../profile';

const VMS = `${VIRTUALIZATION_PATH}/virtual-machines`;
const SINGLE_LINE = /^[^\r\n\0]+$/;

function vmPath(p: ParameterReader, suffix = ''): { path: string; subject: string } {
	const id = readId(p, 'vmId', 'Virtual Machine');
	return { path: `${fillPath(`${VMS}/{id}`, { id })}${suffix}`, subject: `Virtual machine ${id}` };
}

function powerOperation(value: string, name: string, action: string, description: string, suffix: string): OperationDefinition {
	return writeOperation(greenLake, {
		value,
		name,
		action,
		description,
		properties: [virtualMachineLocator],
		request: (p) => ({ method: 'POST', ...vmPath(p, suffix) }),
	});
}

/** Merges `extra` into `base`, objects recursively, so the JSON escape hatch can add to what the fields set. */
function deepMerge(base: IDataObject, extra: IDataObject): IDataObject {
	const result: IDataObject = { ...base };
	for (const [key, value] of Object.entries(extra)) {
		const current = result[key];
		const bothObjects = [current, value].every((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
		result[key] = bothObjects ? deepMerge(current as IDataObject, value as IDataObject) : value;
	}
	return result;
}

const DEPLOY_FIELDS = new Set(['vmConfig', 'storageConfig', 'destination', 'imageSource', 'networkConfig', 'vmPolicy']);

const deployProperties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'web-01',
		description: 'Name of the new virtual machine',
	},
	{ ...clusterLocator, description: 'The hypervisor cluster to deploy to' },
	{ ...datastoreLocator, description: 'The datastore for the virtual machine disks' },
	{
		displayName: 'Image Name',
		name: 'imageName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'ubuntu-22.04-template',
		description: 'Name of the image (template) in the hypervisor library to deploy from',
	},
	{
		displayName: 'Accept EULA',
		name: 'acceptEula',
		type: 'boolean',
		default: true,
		description: 'Whether to accept the license agreement of the image, which deploying requires',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Annotation', name: 'annotation', type: 'string', default: '', description: 'Notes shown on the VM in vSphere' },
			{
				displayName: 'Image ID',
				name: 'imageId',
				type: 'string',
				default: '',
				description: 'ID of the library image, when the name is not unique',
			},
			{
				displayName: 'IP Allocation',
				name: 'ipAllocationPolicy',
				type: 'options',
				options: [
					{ name: 'DHCP', value: 'DHCP_POLICY' },
					{ name: 'Fixed', value: 'FIXED_POLICY' },
				],
				default: 'DHCP_POLICY',
			},
			{
				displayName: 'Network',
				name: 'network',
				type: 'string',
				default: '',
				placeholder: 'VM Network',
				description: 'Network (port group) to connect the image network adapter to',
			},
			{
				displayName: 'Number of VMs',
				name: 'numberOfVms',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: 1,
			},
			{
				displayName: 'Power On',
				name: 'powerOn',
				type: 'boolean',
				default: false,
				description: 'Whether to power the virtual machine on once it is deployed',
			},
			{
				displayName: 'Provisioning',
				name: 'provisioningType',
				type: 'options',
				options: [
					{ name: 'Thin', value: 'THIN' },
					{ name: 'Thick', value: 'THICK' },
				],
				default: 'THIN',
			},
		],
	},
	{
		displayName: 'Other Fields (JSON)',
		name: 'deployJson',
		type: 'json',
		default: '{}',
		description:
			'Any other documented field of the deploy request, merged over the fields above: e.g. {"destination": {"folderId": "..."}, "vmPolicy": [...], "vmConfig": {"propertyConfig": [...]}}',
	},
];

function deployBody(p: ParameterReader): IDataObject {
	const name = p.string('name', { label: 'Name', maxLength: 80, pattern: SINGLE_LINE });
	const clusterId = readId(p, 'clusterId', 'Hypervisor Cluster');
	const datastoreId = readId(p, 'datastoreId', 'Datastore');
	const imageName = p.string('imageName', { label: 'Image Name', maxLength: 255, pattern: SINGLE_LINE });
	const fields = p.collection('additionalFields');
	const vmConfig: IDataObject = { name, acceptEula: p.boolean('acceptEula', true) };
	if (typeof fields.annotation === 'string' && fields.annotation.trim() !== '') vmConfig.annotation = fields.annotation.trim();
	if (fields.numberOfVms !== undefined) vmConfig.numberOfVms = p.integer('additionalFields.numberOfVms', { label: 'Number of VMs', min: 1, max: 100 });
	if (fields.powerOn !== undefined) vmConfig.powerOn = Boolean(fields.powerOn);
	const imageSource: IDataObject = { imageSourceType: 'HYPERVISOR_IMAGE_LIBRARY', imageName };
	if (typeof fields.imageId === 'string' && fields.imageId.trim() !== '') {
		if (!GREENLAKE_ID_PATTERN.test(fields.imageId.trim())) p.fail(`${JSON.stringify(fields.imageId)} is not a valid Image ID`);
		imageSource.imageId = fields.imageId.trim();
	}
	const body: IDataObject = {
		vmConfig,
		storageConfig: { defaultDatastoreId: datastoreId, ...(fields.provisioningType ? { provisioningType: fields.provisioningType } : {}) },
		destination: { clusterId },
		imageSource,
	};
	const network = typeof fields.network === 'string' ? fields.network.trim() : '';
	if (network !== '' || fields.ipAllocationPolicy) {
		body.networkConfig = {
			...(fields.ipAllocationPolicy ? { ipAllocationPolicy: fields.ipAllocationPolicy } : {}),
			...(network !== '' ? { networkMapping: [{ name: 'VM Network', network }] } : {}),
		};
	}
	const extra = p.jsonObject('deployJson', { label: 'Other Fields (JSON)' });
	const unknown = Object.keys(extra).filter((key) => !DEPLOY_FIELDS.has(key));
	if (unknown.length > 0) {
		p.fail(
			`"Other Fields (JSON)" has fields the deploy request does not take: ${unknown.join(', ')}`,
			'Use vmConfig, storageConfig, destination, imageSource, networkConfig or vmPolicy.',
		);
	}
	return deepMerge(body, extra);
}

const hardwareProperties: INodeProperties[] = [
	virtualMachineLocator,
	{
		displayName: 'Changes',
		name: 'hardware',
		type: 'collection',
		placeholder: 'Add Change',
		default: {},
		options: [
			{
				displayName: 'Cores per Socket',
				name: 'numOfCoresPerSocket',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 768 },
				default: 1,
			},
			{
				displayName: 'CPUs',
				name: 'numOfCpus',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 768 },
				default: 2,
				description: 'Number of virtual CPUs',
			},
			{
				displayName: 'Memory (MB)',
				name: 'memoryInMb',
				type: 'number',
				typeOptions: { minValue: 4, maxValue: 25165824 },
				default: 4096,
			},
			{
				displayName: 'Network Adapters (JSON)',
				name: 'networkAdapters',
				type: 'json',
				default: '[]',
				description:
					'Adapters to add, edit or delete, e.g. [{"operation": "ADD", "type": "VMXNET3", "networkDetails": {"name": "VM Network"}}]',
			},
			{
				displayName: 'Virtual Disks (JSON)',
				name: 'virtualDisks',
				type: 'json',
				default: '[]',
				description: 'Disks to add, edit or delete, e.g. [{"operation": "ADD", "diskConfig": {"capacityInMb": 10240, "type": "SCSI"}}]',
			},
		],
	},
];

const OPERATIONS = new Set(['ADD', 'EDIT', 'DELETE']);

function readChangeList(p: ParameterReader, fields: IDataObject, key: string, label: string): IDataObject[] | undefined {
	const value = fields[key];
	if (value === undefined || value === '') return undefined;
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch {
			p.fail(`"${label}" must be a JSON list`, 'For example: [{"operation": "ADD", ...}]');
		}
	}
	if (!Array.isArray(parsed)) p.fail(`"${label}" must be a JSON list`, 'For example: [{"operation": "ADD", ...}]');
	for (const entry of parsed as unknown[]) {
		if (typeof entry !== 'object' || entry === null || !OPERATIONS.has(String((entry as IDataObject).operation))) {
			p.fail(`Every entry of "${label}" needs an "operation" of ADD, EDIT or DELETE`);
		}
	}
	return (parsed as IDataObject[]).length > 0 ? (parsed as IDataObject[]) : undefined;
}

function hardwareBody(p: ParameterReader): IDataObject {
	const fields = p.collection('hardware');
	const cpu: IDataObject = {};
	if (fields.numOfCpus !== undefined) cpu.numOfCpus = p.integer('hardware.numOfCpus', { label: 'CPUs', min: 1, max: 768 });
	if (fields.numOfCoresPerSocket !== undefined) {
		cpu.numOfCoresPerSocket = p.integer('hardware.numOfCoresPerSocket', { label: 'Cores per Socket', min: 1, max: 768 });
	}
	if (cpu.numOfCpus !== undefined && cpu.numOfCoresPerSocket !== undefined && (cpu.numOfCpus as number) % (cpu.numOfCoresPerSocket as number) !== 0) {
		p.fail('"CPUs" must be a multiple of "Cores per Socket"', `${String(cpu.numOfCpus)} CPUs cannot be split into sockets of ${String(cpu.numOfCoresPerSocket)} cores.`);
	}
	const cpuMemConfig: IDataObject = {};
	if (Object.keys(cpu).length > 0) cpuMemConfig.cpu = cpu;
	if (fields.memoryInMb !== undefined) {
		const memoryInMb = p.integer('hardware.memoryInMb', { label: 'Memory (MB)', min: 4, max: 25165824 });
		if (memoryInMb % 4 !== 0) p.fail(`"Memory (MB)" must be a multiple of 4: ${memoryInMb}`);
		cpuMemConfig.memory = { memoryInMb };
	}
	const body: IDataObject = {};
	if (Object.keys(cpuMemConfig).length > 0) body.cpuMemConfig = cpuMemConfig;
	const networkAdapters = readChangeList(p, fields, 'networkAdapters', 'Network Adapters (JSON)');
	if (networkAdapters) body.networkAdapters = networkAdapters;
	const virtualDisks = readChangeList(p, fields, 'virtualDisks', 'Virtual Disks (JSON)');
	if (virtualDisks) body.virtualDisks = virtualDisks;
	if (Object.keys(body).length === 0) p.fail('Add at least one change: CPUs, memory, network adapters or disks');
	return body;
}

export const virtualMachine: ResourceDefinition = {
	value: 'virtualMachine',
	name: 'Virtual Machine',
	operations: [
		listOperation(greenLake, {
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many virtual machines',
			description: 'List the virtual machines',
			itemName: 'virtual machines',
			envelope: VIRTUALIZATION_ENVELOPE,
			properties: [listQueryOptions({ filterExample: "powerState eq 'POWERED_ON'" })],
			request: (p) => ({ method: 'GET', path: VMS, qs: listQuery(p) }),
		}),
		getOperation(greenLake, {
			value: 'get',
			name: 'Get',
			action: 'Get a virtual machine',
			description: 'Get one virtual machine',
			properties: [virtualMachineLocator],
			request: (p) => ({ method: 'GET', ...vmPath(p) }),
		}),
		writeOperation(greenLake, {
			value: 'deploy',
			name: 'Deploy',
			action: 'Deploy a virtual machine',
			description: 'Deploy a new virtual machine from a library image onto a cluster and datastore',
			creates: 'virtual-machines',
			defaultTimeoutSeconds: 1800,
			properties: deployProperties,
			request: (p) => ({ method: 'POST', path: VMS, body: deployBody(p) }),
		}),
		writeOperation(greenLake, {
			value: 'delete',
			name: 'Delete',
			action: 'Delete a virtual machine',
			description: 'Delete a virtual machine and its disks',
			properties: [virtualMachineLocator],
			request: (p) => ({ method: 'DELETE', ...vmPath(p) }),
		}),
		powerOperation('powerOn', 'Power On', 'Power on a virtual machine', 'Power a virtual machine on', '/power-on'),
		powerOperation('powerOff', 'Power Off', 'Power off a virtual machine', 'Power a virtual machine off at once (like pulling the plug)', '/power-off'),
		powerOperation('reset', 'Reset', 'Reset a virtual machine', 'Reset a virtual machine (hard restart)', '/reset'),
		powerOperation(
			'restartGuestOs',
			'Restart Guest OS',
			'Restart the guest OS of a virtual machine',
			'Ask the guest operating system to restart (needs VMware Tools)',
			'/restart-guest-os',
		),
		powerOperation(
			'shutdownGuestOs',
			'Shut Down Guest OS',
			'Shut down the guest OS of a virtual machine',
			'Ask the guest operating system to shut down cleanly (needs VMware Tools)',
			'/shutdown-guest-os',
		),
		writeOperation(greenLake, {
			value: 'refresh',
			name: 'Refresh',
			action: 'Refresh a virtual machine',
			description: 'Read the properties of a virtual machine from its hypervisor again (e.g. after a change made in vCenter)',
			properties: [virtualMachineLocator],
			request: (p) => ({ method: 'POST', ...vmPath(p, '/refresh') }),
		}),
		writeOperation(greenLake, {
			value: 'updateHardware',
			name: 'Update Hardware',
			action: 'Update the hardware of a virtual machine',
			description: 'Change the CPUs, memory, network adapters or disks of a virtual machine',
			properties: hardwareProperties,
			request: (p) => ({ method: 'POST', ...vmPath(p, '/update-hardware'), body: hardwareBody(p) }),
		}),
		writeOperation(greenLake, {
			value: 'migrate',
			name: 'Migrate',
			action: 'Migrate virtual machines',
			description: 'Move virtual machines to another cluster and datastore',
			defaultTimeoutSeconds: 3600,
			properties: [
				{
					displayName: 'Virtual Machine Names or IDs',
					name: 'vmIds',
					type: 'multiOptions',
					typeOptions: { loadOptionsMethod: 'getVirtualMachines' },
					default: [],
					required: true,
					description:
						'The virtual machines to migrate (at most 100). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				{ ...managerLocator, name: 'hypervisorManagerId', description: 'The hypervisor manager (vCenter) that manages the virtual machines' },
				{ ...clusterLocator, displayName: 'Target Hypervisor Cluster' },
				{ ...datastoreLocator, displayName: 'Target Datastore' },
			],
			request: (p) => {
				const vmIds = p.idList('vmIds', { label: 'Virtual Machines', pattern: GREENLAKE_ID_PATTERN, required: true });
				if (vmIds.length > 100) p.fail('"Virtual Machines" lists more than 100 virtual machines', 'Migrate them in several runs.');
				const query = ['parameter-type=vms', ...vmIds.map((id) => `vms=${encodeURIComponent(id)}`)].join('&');
				return {
					method: 'POST',
					path: `${VMS}/migrate?${query}`,
					body: {
						hypervisorManagerId: readId(p, 'hypervisorManagerId', 'Hypervisor Manager'),
						targetHypervisorClusterId: readId(p, 'clusterId', 'Target Hypervisor Cluster'),
						targetDatastoreId: readId(p, 'datastoreId', 'Target Datastore'),
					},
				};
			},
		}),
	],
};
