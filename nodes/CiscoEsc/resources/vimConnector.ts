import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { ESC_NS } from '../api';
import { vimConnectorLocator } from '../locators';
import { escGet, escList, escWrite, nameInPath, xmlBody } from '../operations';

/** Name/value pairs (VIM connector properties, VIM user credentials). */
export function propertiesField(displayName: string, description: string, secret: boolean): INodeProperties {
	return {
		displayName,
		name: 'properties',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Property',
		default: {},
		description,
		options: [
			{
				displayName: 'Property',
				name: 'property',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: secret ? 'os_password' : 'os_auth_url' },
					{ displayName: 'Value', name: 'value', type: 'string', typeOptions: secret ? { password: true } : undefined, default: '' },
				],
			},
		],
	};
}

export function readProperties(p: ParameterReader, required: boolean): Array<{ name: string; value: string }> {
	const entries = ((p.collection('properties').property as IDataObject[] | undefined) ?? []).map((entry, index) => {
		const name = String(entry.name ?? '').trim();
		if (!/^[A-Za-z0-9_.:-]{1,255}$/.test(name)) p.fail(`Property ${index + 1} needs a name of letters, digits, "_", ".", ":" or "-"`);
		return { name, value: String(entry.value ?? '') };
	});
	if (required && entries.length === 0) p.fail('Add at least one property', 'For example os_auth_url, os_project_name.');
	return entries;
}

const VIM_TYPES = [
	{ name: 'AWS', value: 'AWS' },
	{ name: 'Libvirt', value: 'LIBVIRT' },
	{ name: 'OpenStack', value: 'OPENSTACK' },
	{ name: 'VMware vCloud Director', value: 'VMWARE_VCD' },
	{ name: 'VMware vSphere', value: 'VMWARE_VSPHERE' },
];

const connectorFields: INodeProperties[] = [
	{ displayName: 'Type', name: 'vimType', type: 'options', default: 'OPENSTACK', options: VIM_TYPES, description: 'Kind of virtual infrastructure manager' },
	propertiesField('Properties', 'Connection settings, e.g. os_auth_url, os_project_name, os_project_domain_name, os_identity_api_version', false),
];

const newVimId: INodeProperties = { displayName: 'VIM Connector ID', name: 'newVimId', type: 'string', default: '', required: true, placeholder: 'openstack-dc1', description: 'ID you choose for the VIM connector' };

const connectorBody = (p: ParameterReader, idParameter: string) =>
	xmlBody(
		p,
		'vim_connector',
		{
			id: nameInPath(p, idParameter, 'VIM Connector ID'),
			type: p.options<string>('vimType'),
			properties: { property: readProperties(p, true) },
		},
		ESC_NS,
	);

const vimPath = (p: ParameterReader) => `/v0/vims/${encodeURIComponent(nameInPath(p, 'vimId', 'VIM Connector'))}`;
const subject = (p: ParameterReader) => `VIM connector "${String(p.raw('vimId'))}"`;

export const vimConnector: ResourceDefinition = {
	value: 'vimConnector',
	name: 'VIM Connector',
	operations: [
		escList({ value: 'getAll', name: 'Get Many', action: 'Get many VIM connectors', description: 'List every VIM connector', itemName: 'vim_connector', itemsLabel: 'VIM connectors', path: () => '/v0/vims' }),
		escGet({ value: 'get', name: 'Get', action: 'Get a VIM connector', description: 'Get one VIM connector', properties: [vimConnectorLocator], path: vimPath, subject }),
		escWrite({
			value: 'create',
			name: 'Create',
			action: 'Create a VIM connector',
			description: 'Connect ESC to a virtual infrastructure manager',
			method: 'POST',
			properties: [newVimId, ...connectorFields],
			path: () => '/v0/vims',
			body: (p) => connectorBody(p, 'newVimId'),
			callbacks: 'callback',
			watch: (p) => ({ label: `VIM connector "${String(p.raw('newVimId'))}"`, path: `/v0/vims/${encodeURIComponent(String(p.raw('newVimId')))}` }),
		}),
		escWrite({ value: 'update', name: 'Update', action: 'Update a VIM connector', description: 'Change the settings of a VIM connector', method: 'PUT', properties: [vimConnectorLocator, ...connectorFields], path: vimPath, body: (p) => connectorBody(p, 'vimId'), callbacks: 'callback', subject }),
		escWrite({
			value: 'delete',
			name: 'Delete',
			action: 'Delete a VIM connector',
			description: 'Remove a VIM connector from ESC',
			method: 'DELETE',
			properties: [vimConnectorLocator],
			path: vimPath,
			callbacks: 'callback',
			subject,
			watch: (p) => ({ label: `VIM connector "${String(p.raw('vimId'))}"`, path: `/v0/vims/${encodeURIComponent(String(p.raw('vimId')))}`, gone: true }),
		}),
		escWrite({ value: 'checkStatus', name: 'Check Status', action: 'Check the status of a VIM connector', description: 'Make ESC check the connection to a VIM now', method: 'PUT', properties: [vimConnectorLocator], path: (p) => `${vimPath(p)}/check_status`, callbacks: 'none', subject }),
		escGet({ value: 'getDefault', name: 'Get Default', action: 'Get the default VIM connector', description: 'Get which VIM connector ESC uses when a request names none', path: () => '/v0/vims/default_vim_connector' }),
		escWrite({
			value: 'setDefault',
			name: 'Set Default',
			action: 'Set the default VIM connector',
			description: 'Choose the VIM connector ESC uses when a request names none',
			method: 'POST',
			properties: [vimConnectorLocator],
			path: () => '/v0/vims/default_vim_connector',
			body: (p) => xmlBody(p, 'default_vim_connector', { defaultVimConnectorId: nameInPath(p, 'vimId', 'VIM Connector') }, ESC_NS),
			callbacks: 'callback',
		}),
	],
};
