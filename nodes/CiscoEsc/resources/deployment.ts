import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import type { XmlObject } from '../../shared/xml';
import { escapeXmlText, readXml } from '../../shared/xml';
import { ESC_NS } from '../api';
import { deploymentLocator } from '../locators';
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

const definitionProperties: INodeProperties[] = [
	{
		displayName: 'Define With',
		name: 'definitionMode',
		type: 'options',
		noDataExpression: true,
		default: 'fields',
		options: [
			{ name: 'Fields', value: 'fields', description: 'One VM group described by the fields below' },
			{ name: 'ESC Data Model (XML)', value: 'xml', description: 'A whole esc_datamodel document, for anything the fields do not cover' },
		],
	},
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
	{ displayName: 'Tenant Name', name: 'tenantName', type: 'string', default: 'admin', required: true, description: 'Name of the tenant the deployment belongs to', displayOptions: { show: { definitionMode: ['fields'] } } },
	{ displayName: 'Deployment Name', name: 'deploymentName', type: 'string', default: '', required: true, placeholder: 'vpn-gateway', displayOptions: { show: { definitionMode: ['fields'] } } },
	{ displayName: 'VM Group Name', name: 'vmGroupName', type: 'string', default: '', required: true, placeholder: 'csr', displayOptions: { show: { definitionMode: ['fields'] } } },
	{ displayName: 'Image', name: 'image', type: 'string', default: '', required: true, placeholder: 'csr-image', description: 'Name of the image the VMs boot from', displayOptions: { show: { definitionMode: ['fields'] } } },
	{ displayName: 'Flavor', name: 'flavor', type: 'string', default: '', required: true, placeholder: 'flavor-small', description: 'Name of the flavor (vCPUs, memory) of the VMs', displayOptions: { show: { definitionMode: ['fields'] } } },
	{ displayName: 'Network', name: 'network', type: 'string', default: '', placeholder: 'net-mgmt', description: 'Network of the first interface; empty for none', displayOptions: { show: { definitionMode: ['fields'] } } },
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
				name: resourceName(p, 'tenantName', 'Tenant Name', 64),
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

function dataModel(p: ParameterReader): string {
	return p.options<string>('definitionMode') === 'xml' ? dataModelFromXml(p) : dataModelFromFields(p);
}

const ACTIVE = ['SERVICE_ACTIVE_STATE'];

export const deployment: ResourceDefinition = {
	value: 'deployment',
	name: 'Deployment',
	operations: [
		escList({ value: 'getAll', name: 'Get Many', action: 'List deployments', description: 'List every deployment in ESC', itemName: 'deployment', itemsLabel: 'deployments', path: () => '/v0/deployments' }),
		escGet({
			value: 'get',
			name: 'Get',
			action: 'Get deployment',
			description: 'Get a deployment and the state of its VMs',
			properties: [deploymentLocator],
			path: (p) => deploymentPath(internalId(p, 'deploymentId', 'Deployment')),
			subject: (p) => `Deployment "${String(p.raw('deploymentId'))}"`,
		}),
		escGet({
			value: 'getConfiguration',
			name: 'Get Configuration',
			action: 'Get configuration of deployment',
			description: 'Get the data model a deployment was created with',
			properties: [deploymentLocator],
			path: (p) => `/v0/deployments/config/${encodeURIComponent(internalId(p, 'deploymentId', 'Deployment'))}`,
			subject: (p) => `Deployment "${String(p.raw('deploymentId'))}"`,
		}),
		escWrite({
			value: 'create',
			name: 'Create',
			action: 'Create deployment',
			description: 'Deploy VMs described by an ESC data model',
			method: 'POST',
			properties: [newDeploymentId, ...definitionProperties],
			path: (p) => deploymentPath(internalId(p, 'newDeploymentId', 'Deployment ID')),
			body: dataModel,
			callbacks: 'both',
			watch: (p) => ({ label: `deployment "${String(p.raw('newDeploymentId'))}"`, path: deploymentPath(String(p.raw('newDeploymentId'))), successStates: ACTIVE }),
		}),
		escWrite({
			value: 'update',
			name: 'Update',
			action: 'Update deployment',
			description: 'Change a deployment: add or remove VM groups, interfaces, KPIs, rules, day-0 configuration',
			method: 'PUT',
			properties: [deploymentLocator, ...definitionProperties],
			path: (p) => deploymentPath(internalId(p, 'deploymentId', 'Deployment')),
			body: dataModel,
			callbacks: 'both',
			subject: (p) => `Deployment "${String(p.raw('deploymentId'))}"`,
			watch: (p) => ({ label: `deployment "${String(p.raw('deploymentId'))}"`, path: deploymentPath(String(p.raw('deploymentId'))), successStates: ACTIVE }),
		}),
		escWrite({
			value: 'delete',
			name: 'Delete',
			action: 'Delete deployment',
			description: 'Undeploy a deployment and remove its VMs',
			method: 'DELETE',
			properties: [deploymentLocator],
			path: (p) => deploymentPath(internalId(p, 'deploymentId', 'Deployment')),
			callbacks: 'callback',
			subject: (p) => `Deployment "${String(p.raw('deploymentId'))}"`,
			watch: (p) => ({ label: `deployment "${String(p.raw('deploymentId'))}"`, path: deploymentPath(String(p.raw('deploymentId'))), gone: true }),
		}),
	],
};
