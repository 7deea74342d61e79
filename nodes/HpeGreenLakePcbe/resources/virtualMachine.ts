import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { getOperation, listOperation, writeOperation } from '../../shared/kinds';
import type { OperationDefinition, ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { fillPath } from '../../shared/parameters';
import { GREENLAKE_ID_PATTERN, VIRTUALIZATION_ENVELOPE, VIRTUALIZATION_PATH } from '../api';
import { clusterLocator, datastoreLocator, hostLocator, managerLocator, policyLocator, readId, virtualMachineLocator } from '../locators';
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
	// Version 1 accepted the image's licence unless told otherwise; from 1.1 consent is given, not assumed.
	{
		displayName: 'Accept EULA',
		name: 'acceptEula',
		type: 'boolean',
		default: true,
		description: 'Whether to accept the license agreement of the image, which deploying requires',
		displayOptions: { show: { '@version': [1] } },
	},
	{
		displayName: 'Accept EULA',
		name: 'acceptEula',
		type: 'boolean',
		default: false,
		description:
			'Whether you accept the license agreement (EULA) of the image. GreenLake deploys only with it accepted: read the image\'s EULA first.',
		displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Annotation', name: 'annotation', type: 'string', default: '', description: 'Notes shown on the VM in vSphere' },
			{ ...hostLocator, required: false, description: 'The hypervisor host to deploy on, instead of letting the cluster choose' },
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
				displayName: 'Locale',
				name: 'locale',
				type: 'string',
				default: '',
				placeholder: 'en_US',
				description: 'Locale used to read the image\'s OVF descriptor',
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
				displayName: 'Network Mappings',
				name: 'networkMappings',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Network Mapping',
				default: {},
				description: 'For an image with several networks: which network of the image goes to which port group',
				options: [
					{
						displayName: 'Mapping',
						name: 'mapping',
						values: [
							{ displayName: 'Image Network', name: 'name', type: 'string', default: '', placeholder: 'VM Network', description: 'The network as the image names it' },
							{ displayName: 'Target Network', name: 'network', type: 'string', default: '', placeholder: 'prod-vlan-20', description: 'The port group to connect it to' },
						],
					},
				],
			},
			{
				displayName: 'Number of VMs',
				name: 'numberOfVms',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: 1,
			},
			{
				displayName: 'OVF Properties',
				name: 'properties',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Property',
				default: {},
				description: 'Properties of the image set at deployment (vmConfig.propertyConfig), e.g. a hostname or an IP address',
				options: [
					{
						displayName: 'Property',
						name: 'property',
						values: [
							{ displayName: 'Key', name: 'key', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			{ ...policyLocator, required: false, description: 'A VM provisioning policy to attach to the VM (vmPolicy)' },
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
			'Rarely needed: every documented field of the deploy request has a field above. For what a newer API takes, JSON merged over the fields, e.g. {"vmConfig": {"newField": "..."}}.',
	},
];

/** The value of an optional locator in a collection, undefined when nothing is picked. */
function pickedId(value: unknown): string | undefined {
	const picked = typeof value === 'object' && value !== null ? (value as IDataObject).value : value;
	return typeof picked === 'string' && picked.trim() !== '' ? picked.trim() : undefined;
}

/** The rows of a fixed collection (`{mapping: [...]}`), none when it is empty. */
function rows(value: unknown, row: string): IDataObject[] {
	const entries = (value as IDataObject | undefined)?.[row];
	return Array.isArray(entries) ? (entries as IDataObject[]) : [];
}

function optionalText(p: ParameterReader, value: unknown, label: string): string | undefined {
	if (value === undefined || value === null) return undefined;
	const text = String(value).trim();
	if (text === '') return undefined;
	if (text.length > 255 || /[\r\n\0]/.test(text)) p.fail(`"${label}" is not valid`, 'Use a single line of at most 255 characters.');
	return text;
}

function requiredText(p: ParameterReader, value: unknown, label: string): string {
	const text = optionalText(p, value, label);
	if (text === undefined) p.fail(`"${label}" is required`);
	return text;
}

function deployBody(p: ParameterReader): IDataObject {
	const name = p.string('name', { label: 'Name', maxLength: 80, pattern: SINGLE_LINE });
	const clusterId = readId(p, 'clusterId', 'Hypervisor Cluster');
	const datastoreId = readId(p, 'datastoreId', 'Datastore');
	const imageName = p.string('imageName', { label: 'Image Name', maxLength: 255, pattern: SINGLE_LINE });
	const fields = p.collection('additionalFields');
	// Sent as given: an image without a licence deploys with it off; one with a licence is refused by GreenLake with its reason.
	const vmConfig: IDataObject = { name, acceptEula: p.boolean('acceptEula', p.ctx.getNode().typeVersion < 1.1) };
	if (typeof fields.annotation === 'string' && fields.annotation.trim() !== '') vmConfig.annotation = fields.annotation.trim();
	if (fields.numberOfVms !== undefined) vmConfig.numberOfVms = p.integer('additionalFields.numberOfVms', { label: 'Number of VMs', min: 1, max: 100 });
	if (fields.powerOn !== undefined) vmConfig.powerOn = Boolean(fields.powerOn);
	const imageSource: IDataObject = { imageSourceType: 'HYPERVISOR_IMAGE_LIBRARY', imageName };
	if (typeof fields.imageId === 'string' && fields.imageId.trim() !== '') {
		if (!GREENLAKE_ID_PATTERN.test(fields.imageId.trim())) p.fail(`${JSON.stringify(fields.imageId)} is not a valid Image ID`);
		imageSource.imageId = fields.imageId.trim();
	}
	const locale = optionalText(p, fields.locale, 'Locale');
	if (locale) vmConfig.locale = locale;
	const propertyConfig = rows(fields.properties, 'property').map((row) => ({
		key: requiredText(p, row.key, 'Key of an OVF property'),
		value: String(row.value ?? ''),
	}));
	if (propertyConfig.length > 0) vmConfig.propertyConfig = propertyConfig;
	const destination: IDataObject = { clusterId };
	if (pickedId(fields.hostId) !== undefined) destination.hostId = readId(p, 'additionalFields.hostId', 'Hypervisor Host');
	const body: IDataObject = {
		vmConfig,
		storageConfig: { defaultDatastoreId: datastoreId, ...(fields.provisioningType ? { provisioningType: fields.provisioningType } : {}) },
		destination,
		imageSource,
	};
	const network = typeof fields.network === 'string' ? fields.network.trim() : '';
	const networkMapping = [
		...(network !== '' ? [{ name: 'VM Network', network }] : []),
		...rows(fields.networkMappings, 'mapping').map((row) => ({
			name: requiredText(p, row.name, 'Image Network of a network mapping'),
			network: requiredText(p, row.network, 'Target Network of a network mapping'),
		})),
	];
	if (networkMapping.length > 0 || fields.ipAllocationPolicy) {
		body.networkConfig = {
			...(fields.ipAllocationPolicy ? { ipAllocationPolicy: fields.ipAllocationPolicy } : {}),
			...(networkMapping.length > 0 ? { networkMapping } : {}),
		};
	}
	if (pickedId(fields.policyId) !== undefined) {
		body.vmPolicy = [{ type: 'VM_PROVISIONING_POLICY', id: readId(p, 'additionalFields.policyId', 'VM Provisioning Policy', { uuid: true }) }];
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

const CHANGE_OPTIONS = [
	{ name: 'Add', value: 'ADD' },
	{ name: 'Edit', value: 'EDIT' },
	{ name: 'Delete', value: 'DELETE' },
];

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
				displayName: 'Network Adapters',
				name: 'networkAdapters',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Network Adapter Change',
				default: {},
				options: [
					{
						displayName: 'Adapter',
						name: 'adapter',
						values: [
							{
								displayName: 'Adapter Name',
								name: 'name',
								type: 'string',
								default: '',
								placeholder: 'Network adapter 2',
								description: 'Name of the adapter; needed to edit or delete one (as Get shows it), optional when adding',
							},
							{
								displayName: 'Adapter Type',
								name: 'type',
								type: 'options',
								options: ['E1000', 'E1000E', 'PCNET32', 'VMXNET', 'VMXNET2', 'VMXNET3'].map((type) => ({ name: type, value: type })),
								default: 'VMXNET3',
								description: 'Needed to add an adapter',
							},
							{ displayName: 'Change', name: 'change', type: 'options', options: CHANGE_OPTIONS, default: 'ADD', description: 'Add, edit or delete' },
							{
								displayName: 'Connect at Power On',
								name: 'connectAtPowerOn',
								type: 'boolean',
								default: true,
								description: 'Whether the adapter is connected when the VM powers on',
							},
							{
								displayName: 'Network',
								name: 'network',
								type: 'string',
								default: '',
								placeholder: 'VM Network',
								description: 'Port group to connect the adapter to; needed to add or edit one',
							},
						],
					},
				],
			},
			{
				displayName: 'Virtual Disks',
				name: 'virtualDisks',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Disk Change',
				default: {},
				options: [
					{
						displayName: 'Disk',
						name: 'disk',
						values: [
							{
								displayName: 'Capacity (MB)',
								name: 'capacityInMb',
								type: 'number',
								typeOptions: { minValue: 1 },
								default: 10240,
								description: 'Size of the disk in MiB; needed to add or grow one',
							},
							{ displayName: 'Change', name: 'change', type: 'options', options: CHANGE_OPTIONS, default: 'ADD', description: 'Add, edit or delete' },
							{
								displayName: 'Disk Name or ID',
								name: 'id',
								type: 'options',
								typeOptions: { loadOptionsMethod: 'getVirtualMachineDisks', loadOptionsDependsOn: ['vmId.value'] },
								default: '',
								description:
									'The disk of the VM above to edit or delete. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
							},
							{
								displayName: 'Disk Type',
								name: 'type',
								type: 'options',
								options: ['IDE', 'NVME', 'SATA', 'SCSI'].map((type) => ({ name: type, value: type })),
								default: 'SCSI',
							},
							{
								displayName: 'Keep Files',
								name: 'retainFiles',
								type: 'boolean',
								default: false,
								description: 'Whether to keep the backing files of a deleted disk',
							},
						],
					},
				],
			},
		],
	},
];

const OPERATIONS = new Set(['ADD', 'EDIT', 'DELETE']);

/**
 * A list of changes: rows of the fields (`{adapter: [...]}` / `{disk: [...]}`), or the JSON list
 * workflows saved before the fields existed, sent as it was.
 */
function readChangeList(
	p: ParameterReader,
	value: unknown,
	label: string,
	row: string,
	fromRow: (entry: IDataObject) => IDataObject,
): IDataObject[] | undefined {
	if (value === undefined || value === '') return undefined;
	let entries: unknown;
	if (typeof value === 'string') {
		try {
			entries = JSON.parse(value);
		} catch {
			p.fail(`"${label}" must be a JSON list`, 'For example: [{"operation": "ADD", ...}]');
		}
		if (!Array.isArray(entries)) p.fail(`"${label}" must be a JSON list`, 'For example: [{"operation": "ADD", ...}]');
	} else if (Array.isArray(value)) {
		entries = value;
	} else {
		entries = (((value as IDataObject)[row] as IDataObject[] | undefined) ?? []).map(fromRow);
	}
	for (const entry of entries as unknown[]) {
		if (typeof entry !== 'object' || entry === null || !OPERATIONS.has(String((entry as IDataObject).operation))) {
			p.fail(`Every entry of "${label}" needs an "operation" of ADD, EDIT or DELETE`);
		}
	}
	return (entries as IDataObject[]).length > 0 ? (entries as IDataObject[]) : undefined;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** One adapter row as the API takes it: what each change needs (the spec: name to edit or delete, network and type to add). */
function adapterChange(p: ParameterReader): (row: IDataObject) => IDataObject {
	return (row) => {
		const operation = String(row.change ?? 'ADD');
		const name = text(row.name);
		const network = text(row.network);
		if (operation !== 'ADD' && !name) p.fail(`To ${operation.toLowerCase()} a network adapter, enter its "Adapter Name"`);
		if (operation !== 'DELETE' && !network) p.fail(`To ${operation === 'ADD' ? 'add' : 'edit'} a network adapter, enter its "Network"`);
		const change: IDataObject = { operation };
		if (name) change.name = name;
		if (operation === 'DELETE') return change;
		change.networkDetails = { name: network, type: 'STANDARD_PORT_GROUP' };
		if (operation === 'ADD' || row.type !== undefined) change.type = row.type ?? 'VMXNET3';
		change.connectAtPowerOn = row.connectAtPowerOn !== false;
		return change;
	};
}

/** One disk row as the API takes it: the disk's ID to edit or delete, its size to add or grow. */
function diskChange(p: ParameterReader): (row: IDataObject) => IDataObject {
	return (row) => {
		const operation = String(row.change ?? 'ADD');
		const id = text(row.id);
		if (operation !== 'ADD' && !id) p.fail(`To ${operation.toLowerCase()} a disk, pick it under "Disk Name or ID"`);
		const diskConfig: IDataObject = {};
		if (id) diskConfig.id = id;
		if (operation === 'DELETE') {
			diskConfig.retainFiles = row.retainFiles === true;
		} else {
			const capacity = Number(row.capacityInMb);
			if (!Number.isInteger(capacity) || capacity < 1) p.fail(`"Capacity (MB)" of a disk must be a whole number of at least 1: ${String(row.capacityInMb)}`);
			diskConfig.capacityInMb = capacity;
			if (operation === 'ADD') diskConfig.type = row.type ?? 'SCSI';
		}
		return { operation, diskConfig };
	};
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
	const networkAdapters = readChangeList(p, fields.networkAdapters, 'Network Adapters', 'adapter', adapterChange(p));
	if (networkAdapters) body.networkAdapters = networkAdapters;
	const virtualDisks = readChangeList(p, fields.virtualDisks, 'Virtual Disks', 'disk', diskChange(p));
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
