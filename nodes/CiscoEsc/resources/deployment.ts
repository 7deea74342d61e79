import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { apiRequest } from '../../shared/transport';
import type { XmlInput, XmlObject } from '../../shared/xml';
import { escapeXmlText, readXml } from '../../shared/xml';
import { ESC_NS, escApi } from '../api';
import { dataModelLocators, deploymentLocator } from '../locators';
import { deploymentActions } from './deploymentOperation';
import { escGet, escList, escWrite, internalId, resourceName, xmlBody } from '../operations';

const deploymentPath = (id: string) => `/v0/deployments/${encodeURIComponent(id)}`;

const newDeploymentId: INodeProperties = {
	displayName: 'Deployment ID',
	name: 'newDeploymentId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'dep-vpn-01',
	description: 'Internal ID you choose for the deployment: 1 to 72 letters, digits, "-", "." or "_", unique across ESC',
};

const EXAMPLE_DATA_MODEL = `<esc_datamodel xmlns="http://www.cisco.com/esc/esc">
  <tenants>
    <tenant>
      <name>admin</name>
      <deployments>
        <deployment>
          <name>{{ $json.deploymentName }}</name>
          <vm_group>
            <name>g1</name>
            <image>csr-image</image>
            <flavor>flavor-small</flavor>
          </vm_group>
        </deployment>
      </deployments>
    </tenant>
  </tenants>
</esc_datamodel>`;

const FIELDS_OPTION = { name: 'Fields', value: 'fields', description: 'One VM group described by the fields below' };
const XML_OPTION = { name: 'ESC Data Model (XML)', value: 'xml', description: 'A whole esc_datamodel document, for anything the fields do not cover' };

const defineWith: INodeProperties = {
	displayName: 'Define With',
	name: 'definitionMode',
	type: 'options',
	noDataExpression: true,
	default: 'fields',
	options: [FIELDS_OPTION, XML_OPTION],
};

/**
 * Update offers "Changed Fields", the default from version 2 on. Version 1 nodes stored no value
 * when they used the default "Fields": they keep sending the whole definition.
 */
const updateDefineWith: INodeProperties[] = [
	{
		...defineWith,
		default: 'changes',
		options: [
			{ name: 'Changed Fields', value: 'changes', description: 'Change some settings of one VM group; everything else stays as the deployment is now' },
			{ ...FIELDS_OPTION, name: 'Fields (Whole Definition)', description: 'Replace the definition with one VM group described by the fields below' },
			XML_OPTION,
		],
		displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
	},
	{ ...defineWith, displayOptions: { show: { '@version': [1] } } },
];

const changedFieldsProperties: INodeProperties[] = [
	{
		displayName: 'VM Group Name or ID',
		name: 'changedVmGroup',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getVmGroups', loadOptionsDependsOn: ['deploymentId.value'] },
		default: '',
		description:
			'The VM group to change; empty changes the deployment\'s only VM group. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { definitionMode: ['changes'] } },
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only these settings change; ESC receives the deployment\'s current definition with them applied',
		displayOptions: { show: { definitionMode: ['changes'] } },
		options: [
			{
				displayName: 'Bootup Time (Seconds)',
				name: 'bootupTime',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 300,
				description: 'How long ESC waits for a VM to come alive',
			},
			{ displayName: 'Day-0 Configuration URL', name: 'day0Url', type: 'string', default: '', placeholder: 'http://fileserver/share/day0.cfg', description: 'File ESC hands to each VM at first boot' },
			{
				displayName: 'Flavor Name or ID',
				name: 'flavor',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getFlavorNames' },
				default: '',
				description: 'The flavor (vCPUs, memory) of the VMs. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Image Name or ID',
				name: 'image',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getImageNames' },
				default: '',
				description: 'The image the VMs boot from. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Network Name or ID',
				name: 'network',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getDeploymentNetworkNames', loadOptionsDependsOn: ['deploymentId.value'] },
				default: '',
				description:
					'Network of the first interface (the networks of the deployment\'s tenant). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{ displayName: 'VM Count', name: 'vmCount', type: 'number', typeOptions: { minValue: 1, maxValue: 100 }, default: 1, description: 'How many VMs of the group ESC keeps running (min and max active)' },
		],
	},
];

const definitionFields: INodeProperties[] = [
	{
		displayName: 'ESC Data Model (XML)',
		name: 'dataModel',
		type: 'string',
		typeOptions: { rows: 12 },
		noDataExpression: true,
		default: EXAMPLE_DATA_MODEL,
		required: true,
		description:
			'The esc_datamodel to send. Write n8n expressions inside as {{ $JSON.field }}: each result is XML-escaped before it is placed, so values cannot change the document structure.',
		displayOptions: { show: { definitionMode: ['xml'] } },
	},
	{ ...dataModelLocators.tenant, displayOptions: { show: { definitionMode: ['fields'] } } },
	{ displayName: 'Deployment Name', name: 'deploymentName', type: 'string', default: '', required: true, placeholder: 'vpn-gateway', displayOptions: { show: { definitionMode: ['fields'] } } },
	{ displayName: 'VM Group Name', name: 'vmGroupName', type: 'string', default: '', required: true, placeholder: 'csr', displayOptions: { show: { definitionMode: ['fields'] } } },
	{ ...dataModelLocators.image, displayOptions: { show: { definitionMode: ['fields'] } } },
	{ ...dataModelLocators.flavor, displayOptions: { show: { definitionMode: ['fields'] } } },
	{ ...dataModelLocators.network, displayOptions: { show: { definitionMode: ['fields'] } } },
	{ displayName: 'VM Count', name: 'vmCount', type: 'number', typeOptions: { minValue: 1, maxValue: 100 }, default: 1, description: 'How many VMs of the group ESC keeps running (min and max active)', displayOptions: { show: { definitionMode: ['fields'] } } },
	{ displayName: 'Bootup Time (Seconds)', name: 'bootupTime', type: 'number', typeOptions: { minValue: 1 }, default: 300, description: 'How long ESC waits for a VM to come alive', displayOptions: { show: { definitionMode: ['fields'] } } },
	{ displayName: 'Day-0 Configuration URL', name: 'day0Url', type: 'string', default: '', placeholder: 'http://fileserver/share/day0.cfg', description: 'File ESC hands to each VM at first boot; empty for none', displayOptions: { show: { definitionMode: ['fields'] } } },
];

function dataModelFromFields(p: ParameterReader): string {
	const network = p.optionalString('network', { label: 'Network', maxLength: 255 });
	const day0 = p.optionalString('day0Url', { label: 'Day-0 Configuration URL', maxLength: 2048 });
	if (day0 !== undefined && !/^(https?|ftp|file):\/\/\S+$/i.test(day0)) p.fail(`"Day-0 Configuration URL" is not a valid URL: ${JSON.stringify(day0)}`);
	const count = p.integer('vmCount', { label: 'VM Count', min: 1, max: 100 });
	const vmGroup: XmlObject = {
		name: resourceName(p, 'vmGroupName', 'VM Group Name'),
		bootup_time: p.integer('bootupTime', { label: 'Bootup Time (Seconds)', min: 1, max: 86400 }),
		recovery_wait_time: 0,
		image: resourceName(p, 'image', 'Image'),
		flavor: resourceName(p, 'flavor', 'Flavor'),
		interfaces: network ? { interface: [{ nicid: 0, network: resourceName(p, 'network', 'Network') }] } : undefined,
		scaling: { min_active: count, max_active: count, elastic: true },
		config_data: day0 ? { configuration: [{ dst: 'day0-config', file: day0 }] } : undefined,
	};
	const model: XmlObject = {
		tenants: {
			tenant: {
				name: resourceName(p, 'tenantName', 'Tenant', 64),
				deployments: { deployment: { name: resourceName(p, 'deploymentName', 'Deployment Name'), vm_group: vmGroup } },
			},
		},
	};
	return xmlBody(p, 'esc_datamodel', model, ESC_NS);
}

const EXPRESSION = /\{\{([\s\S]*?)\}\}/g;
const MAX_DATA_MODEL = 1024 * 1024;

/** The user's data model with every `{{ expression }}` evaluated and its result XML-escaped. */
function dataModelFromXml(p: ParameterReader): string {
	const template = String(p.raw('dataModel', '') ?? '').trim();
	if (template === '') p.fail('"ESC Data Model (XML)" is required', 'Paste an esc_datamodel document.');
	if (template.length > MAX_DATA_MODEL) p.fail('"ESC Data Model (XML)" is too large', 'Keep it under 1 MB.');
	const ctx = p.ctx as IExecuteFunctions;
	const filled = template.replace(EXPRESSION, (_, expression: string) => {
		// n8n adds the leading `=` itself.
		const value = ctx.evaluateExpression(`{{${expression}}}`, p.itemIndex);
		const text = value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
		try {
			return escapeXmlText(text);
		} catch (error) {
			return p.fail(`The expression {{${expression}}} gives a value XML cannot carry`, (error as Error).message);
		}
	});
	let document: ReturnType<typeof readXml>;
	try {
		document = readXml(filled);
	} catch (error) {
		return p.fail('"ESC Data Model (XML)" is not valid XML', (error as Error).message);
	}
	if (Object.keys(document)[0] !== 'esc_datamodel') {
		p.fail('"ESC Data Model (XML)" must be an esc_datamodel document', `Its root element is <${Object.keys(document)[0]}>.`);
	}
	return filled;
}

export type XmlRecord = { [name: string]: XmlInput };

function asRecord(value: unknown): XmlRecord | undefined {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as XmlRecord) : undefined;
}

/** The elements named `name` under `parent`, as one list (ESC writes one or many). */
function children(parent: XmlRecord | undefined, name: string): XmlRecord[] {
	const value = parent?.[name];
	return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(asRecord).filter((entry): entry is XmlRecord => entry !== undefined);
}

/** The esc_datamodel of a deployment's configuration, wherever ESC wraps it. */
function findDataModel(value: unknown): XmlRecord | undefined {
	const record = asRecord(value);
	if (!record) return undefined;
	if (record.tenants !== undefined) return record;
	for (const child of Object.values(record)) {
		const found = findDataModel(child);
		if (found) return found;
	}
	return undefined;
}

/** The VM groups of a deployment's configuration (its data model as ESC returns it). */
export function vmGroupsOf(configuration: unknown): XmlRecord[] {
	const model = findDataModel(configuration);
	return children(asRecord(model?.tenants), 'tenant')
		.flatMap((tenant) => children(asRecord(tenant.deployments), 'deployment'))
		.slice(0, 1)
		.flatMap((deployment) => children(deployment, 'vm_group'));
}

/**
 * Update → Changed Fields: reads the deployment's current data model, changes only the settings
 * given, and sends the whole document back (ESC replaces a deployment with what an update sends).
 */
async function dataModelWithChanges(p: ParameterReader): Promise<string> {
	const id = internalId(p, 'deploymentId', 'Deployment');
	const changes = p.collection('updateFields');
	if (Object.keys(changes).length === 0) p.fail('Add at least one field to "Update Fields"', 'Pick the settings of the VM group that should change.');
	const { body } = await apiRequest(p.ctx, escApi, { method: 'GET', path: `/v0/deployments/config/${encodeURIComponent(id)}`, subject: `Deployment "${id}"`, itemIndex: p.itemIndex });
	const model = findDataModel(body);
	const deployments = children(asRecord(model?.tenants), 'tenant').flatMap((tenant) => children(asRecord(tenant.deployments), 'deployment'));
	if (!model || deployments.length === 0) p.fail(`ESC returned no definition for deployment "${id}"`, 'Use "Fields (Whole Definition)" or "ESC Data Model (XML)" to send the whole definition.');
	const groups = children(deployments[0], 'vm_group');
	const wanted = String(p.raw('changedVmGroup', '') ?? '').trim();
	const names = groups.map((group) => String(group.name));
	if (wanted === '' && groups.length !== 1) p.fail(`Deployment "${id}" has ${groups.length} VM groups: choose one in "VM Group Name or ID"`, `Its VM groups: ${names.join(', ') || 'none'}.`);
	const group = wanted === '' ? groups[0] : groups.find((candidate) => String(candidate.name) === wanted);
	if (!group) return p.fail(`Deployment "${id}" has no VM group "${wanted}"`, `Its VM groups: ${names.join(', ')}.`);

	const text = (name: string, label: string) => {
		const value = String(changes[name] ?? '').trim();
		if (value === '' || /[<>&]/.test(value) || value.length > 255) p.fail(`"${label}" must be 1 to 255 characters without <, > or &`);
		return value;
	};
	if (changes.image !== undefined) group.image = text('image', 'Image');
	if (changes.flavor !== undefined) group.flavor = text('flavor', 'Flavor');
	if (changes.network !== undefined) {
		const interfaces = asRecord(group.interfaces) ?? {};
		const [first, ...others] = children(interfaces, 'interface');
		group.interfaces = { ...interfaces, interface: [{ ...(first ?? { nicid: 0 }), network: text('network', 'Network') }, ...others] };
	}
	if (changes.vmCount !== undefined) {
		const count = Number(changes.vmCount);
		if (!Number.isInteger(count) || count < 1 || count > 100) p.fail(`"VM Count" is out of range: ${String(changes.vmCount)}`, 'Use a value from 1 to 100.');
		group.scaling = { ...(asRecord(group.scaling) ?? { elastic: true }), min_active: count, max_active: count };
	}
	if (changes.bootupTime !== undefined) {
		const seconds = Number(changes.bootupTime);
		if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86400) p.fail(`"Bootup Time (Seconds)" is out of range: ${String(changes.bootupTime)}`, 'Use a value from 1 to 86400.');
		group.bootup_time = seconds;
	}
	if (changes.day0Url !== undefined) {
		const url = String(changes.day0Url).trim();
		if (!/^(https?|ftp|file):\/\/\S+$/i.test(url)) p.fail(`"Day-0 Configuration URL" is not a valid URL: ${JSON.stringify(url)}`);
		const configData = asRecord(group.config_data) ?? {};
		const others = children(configData, 'configuration').filter((entry) => entry.dst !== 'day0-config');
		group.config_data = { ...configData, configuration: [{ dst: 'day0-config', file: url }, ...others] };
	}
	return xmlBody(p, 'esc_datamodel', model as XmlObject, ESC_NS);
}

async function dataModel(p: ParameterReader): Promise<string> {
	const mode = p.options<string>('definitionMode');
	if (mode === 'changes') return await dataModelWithChanges(p);
	return mode === 'xml' ? dataModelFromXml(p) : dataModelFromFields(p);
}

const ACTIVE = ['SERVICE_ACTIVE_STATE'];

export const deployment: ResourceDefinition = {
	value: 'deployment',
	name: 'Deployment',
	operations: [
		escList({ value: 'getAll', name: 'Get Many', action: 'Get many deployments', description: 'List every deployment in ESC', itemName: 'deployment', itemsLabel: 'deployments', path: () => '/v0/deployments' }),
		escGet({
			value: 'get',
			name: 'Get',
			action: 'Get a deployment',
			description: 'Get a deployment and the state of its VMs',
			properties: [deploymentLocator],
			path: (p) => deploymentPath(internalId(p, 'deploymentId', 'Deployment')),
			subject: (p) => `Deployment "${String(p.raw('deploymentId'))}"`,
		}),
		escGet({
			value: 'getConfiguration',
			name: 'Get Configuration',
			action: 'Get the configuration of a deployment',
			description: 'Get the data model a deployment was created with',
			properties: [deploymentLocator],
			path: (p) => `/v0/deployments/config/${encodeURIComponent(internalId(p, 'deploymentId', 'Deployment'))}`,
			subject: (p) => `Deployment "${String(p.raw('deploymentId'))}"`,
		}),
		escWrite({
			value: 'create',
			name: 'Create',
			action: 'Create a deployment',
			description: 'Deploy VMs described by an ESC data model',
			method: 'POST',
			properties: [newDeploymentId, defineWith, ...definitionFields],
			path: (p) => deploymentPath(internalId(p, 'newDeploymentId', 'Deployment ID')),
			body: dataModel,
			callbacks: 'both',
			watch: (p) => ({ label: `deployment "${String(p.raw('newDeploymentId'))}"`, path: deploymentPath(String(p.raw('newDeploymentId'))), successStates: ACTIVE }),
		}),
		escWrite({
			value: 'update',
			name: 'Update',
			action: 'Update a deployment',
			description: 'Change a deployment: add or remove VM groups, interfaces, KPIs, rules, day-0 configuration',
			method: 'PUT',
			properties: [deploymentLocator, ...updateDefineWith, ...changedFieldsProperties, ...definitionFields],
			path: (p) => deploymentPath(internalId(p, 'deploymentId', 'Deployment')),
			body: dataModel,
			callbacks: 'both',
			subject: (p) => `Deployment "${String(p.raw('deploymentId'))}"`,
			watch: (p) => ({ label: `deployment "${String(p.raw('deploymentId'))}"`, path: deploymentPath(String(p.raw('deploymentId'))), successStates: ACTIVE }),
		}),
		escWrite({
			value: 'delete',
			name: 'Delete',
			action: 'Delete a deployment',
			description: 'Undeploy a deployment and remove its VMs',
			method: 'DELETE',
			properties: [deploymentLocator],
			path: (p) => deploymentPath(internalId(p, 'deploymentId', 'Deployment')),
			callbacks: 'callback',
			subject: (p) => `Deployment "${String(p.raw('deploymentId'))}"`,
			watch: (p) => ({ label: `deployment "${String(p.raw('deploymentId'))}"`, path: deploymentPath(String(p.raw('deploymentId'))), gone: true }),
		}),
		...deploymentActions,
	],
};
