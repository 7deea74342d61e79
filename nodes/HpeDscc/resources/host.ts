import type { IDataObject } from 'n8n-workflow';

import { writeOperation } from '../../shared/kinds';
import type { ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { apiRequest } from '../../shared/transport';
import { dsccApi } from '../api';
import { hostLocator } from '../locators';
import { dscc } from '../profile';
import { getDuplicatesOperation, mergeDuplicatesOperation } from './hostDuplicates';
import type { HostCollection } from './hostInputs';
import {
	OPERATING_SYSTEM_OPTIONS,
	PROTOCOL_OPTIONS,
	checkIpAddress,
	checkName,
	hostCollectionDeleteOperation,
	hostCollectionReadOperations,
	hostCollectionTarget,
	isIpv4,
	newHostProperties,
	readIds,
	readInitiatorsToCreate,
	readOperatingSystem,
	readProtocol,
} from './hostInputs';

const BASE_PATH = '/api/v1/host-initiators';

const FQDN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

const HOSTS: HostCollection = { basePath: BASE_PATH, locator: hostLocator, singular: 'host', plural: 'hosts', oneInActions: 'a host' };

function hostTarget(p: ParameterReader): { path: string; subject: string } {
	return hostCollectionTarget(p, HOSTS);
}

const optionalHostFields = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection' as const,
	placeholder: 'Add Field',
	default: {},
	options: [
		{ displayName: 'Comment', name: 'comment', type: 'string' as const, default: '', description: 'Free text kept with the host' },
		{ displayName: 'Contact', name: 'contact', type: 'string' as const, default: '', description: 'Who to contact about this host, e.g. an email address' },
		{ displayName: 'FQDN', name: 'fqdn', type: 'string' as const, default: '', placeholder: 'esx-prod-01.dc1.example.com', description: 'Fully qualified domain name of the host' },
		{ displayName: 'IP Address', name: 'ipAddress', type: 'string' as const, default: '', placeholder: '10.20.30.41', description: 'Management IP address of the host (IPv4 or IPv6)' },
		{ displayName: 'Location', name: 'location', type: 'string' as const, default: '', description: 'Where the host is, e.g. a data center or rack' },
		{ displayName: 'Model', name: 'model', type: 'string' as const, default: '', placeholder: 'ProLiant DL380 Gen11', description: 'Server model' },
		{ displayName: 'Persona', name: 'persona', type: 'string' as const, default: '', placeholder: 'VMware', description: 'Host persona as HPE Primera / Alletra 9000 names it; leave empty to derive it from the operating system' },
		{ displayName: 'Subnet', name: 'subnet', type: 'string' as const, default: '', placeholder: '255.255.255.0', description: 'Subnet mask of the host IP address' },
	],
};

/** Reads the optional host fields, checking the ones that have a known shape. */
function readOptionalHostFields(p: ParameterReader): IDataObject {
	const fields = p.collection('additionalFields');
	const body: IDataObject = {};
	for (const option of optionalHostFields.options) {
		const value = fields[option.name];
		if (value === undefined || value === null || String(value).trim() === '') continue;
		body[option.name] = checkName(p, value, option.displayName);
	}
	if (typeof body.ipAddress === 'string') checkIpAddress(p, body.ipAddress, 'IP Address');
	if (typeof body.subnet === 'string' && !isIpv4(body.subnet)) {
		p.fail(`"Subnet" is not a valid subnet mask: ${body.subnet}`, 'For example 255.255.255.0.');
	}
	if (typeof body.fqdn === 'string' && !FQDN.test(body.fqdn)) {
		p.fail(`"FQDN" is not a valid host name: ${body.fqdn}`, 'For example esx-prod-01.dc1.example.com.');
	}
	return body;
}

const DUPLICATES = {
	singular: 'host',
	pluralTitle: 'Hosts',
	loadOptionsMethod: 'getHosts',
	basePath: BASE_PATH,
	selectedProperties: [
		{
			displayName: 'Operating System of the Merged Host',
			name: 'mergedOperatingSystem',
			type: 'options' as const,
			options: OPERATING_SYSTEM_OPTIONS,
			default: 'VMware (ESXi)',
			description: 'Operating system of the host that replaces the merged ones',
		},
	],
	selectedBody: (p: ParameterReader) => ({
		operatingSystem: readOperatingSystem(p, p.raw('mergedOperatingSystem'), 'Operating System of the Merged Host'),
	}),
};

export const host: ResourceDefinition = {
	value: 'host',
	name: 'Host',
	operations: [
		...hostCollectionReadOperations(HOSTS, {
			listDescription: 'List the hosts (servers with their initiators) known to every storage system',
			getDescription: 'Get one host with its initiators and host groups',
			filterExample: "operatingSystem eq 'VMware (ESXi)'",
		}),
		writeOperation(dscc, {
			value: 'create',
			name: 'Create',
			action: 'Create a host',
			description: 'Create a host with new or existing initiators, optionally in host groups',
			properties: [
				...newHostProperties({
					required: true,
					protocolDescription: 'Protocol of the host initiators; all initiators of a host use the same one',
				}),
				{
					displayName: 'New Initiator Addresses',
					name: 'initiatorAddresses',
					type: 'string',
					typeOptions: { rows: 2 },
					default: '',
					placeholder: '10:00:00:10:9b:1c:2d:3e, 10:00:00:10:9b:1c:2d:3f',
					description:
						'Addresses of initiators to create for this host (WWPNs for FC, IQNs for iSCSI, NQNs for NVMe), separated by commas or new lines',
				},
				{
					displayName: 'Existing Initiator Names or IDs',
					name: 'initiatorIds',
					type: 'multiOptions',
					typeOptions: { loadOptionsMethod: 'getInitiators' },
					default: [],
					description:
						'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					hint: 'Existing initiators to give this host, listed by address. An expression may also give comma-separated IDs.',
				},
				{
					displayName: 'Host Group Names or IDs',
					name: 'hostGroupIds',
					type: 'multiOptions',
					typeOptions: { loadOptionsMethod: 'getHostGroups' },
					default: [],
					description:
						'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					hint: 'Host groups to put the host in. An expression may also give comma-separated IDs.',
				},
				optionalHostFields,
			],
			request: (p) => {
				const protocol = readProtocol(p, p.raw('protocol', 'FC'), 'Protocol');
				const body: IDataObject = {
					name: checkName(p, p.raw('name', ''), 'Name'),
					operatingSystem: readOperatingSystem(p, p.raw('operatingSystem'), 'Operating System'),
					protocol,
				};
				const initiatorsToCreate = readInitiatorsToCreate(p, p.raw('initiatorAddresses', ''), protocol, 'New Initiator Addresses');
				const initiatorIds = readIds(p, 'initiatorIds', 'Existing Initiators');
				const hostGroupIds = readIds(p, 'hostGroupIds', 'Host Groups');
				if (initiatorsToCreate.length > 0) body.initiatorsToCreate = initiatorsToCreate;
				if (initiatorIds.length > 0) body.initiatorIds = initiatorIds;
				if (hostGroupIds.length > 0) body.hostGroupIds = hostGroupIds;
				return { method: 'POST', path: BASE_PATH, body: { ...body, ...readOptionalHostFields(p) } };
			},
		}),
		writeOperation(dscc, {
			value: 'update',
			name: 'Update',
			action: 'Update a host',
			description: 'Rename a host, replace its initiators or create new initiators for it',
			properties: [
				hostLocator,
				{
					displayName: 'Update Fields',
					name: 'updateFields',
					type: 'collection',
					placeholder: 'Add Field',
					default: {},
					options: [
						{
							displayName: 'Initiator Names or IDs (Replace All)',
							name: 'initiatorIds',
							type: 'multiOptions',
							typeOptions: { loadOptionsMethod: 'getInitiators' },
							default: [],
							description:
								'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
							hint: 'The existing initiators the host should have from now on. They replace its current initiators; new initiators created below are added to them.',
						},
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							description: 'New name of the host',
						},
						{
							displayName: 'New Initiator Addresses',
							name: 'initiatorAddresses',
							type: 'string',
							typeOptions: { rows: 2 },
							default: '',
							placeholder: '10:00:00:10:9b:1c:2d:3e',
							description: 'Addresses of initiators to create and add to the host, separated by commas or new lines',
						},
						{
							displayName: 'New Initiator Protocol',
							name: 'initiatorProtocol',
							type: 'options',
							options: PROTOCOL_OPTIONS,
							default: 'FC',
							description: 'Protocol of the new initiators; it must be the protocol the host already uses',
						},
					],
				},
			],
			request: (p) => {
				const { path, subject } = hostTarget(p);
				const fields = p.collection('updateFields');
				const body: IDataObject = {};
				if (fields.name !== undefined) body.name = checkName(p, fields.name, 'Name');
				if (fields.initiatorIds !== undefined) {
					// An empty list would strip the host of every initiator: ask for IDs rather than do that silently.
					body.updatedInitiators = readIds(p, 'updateFields.initiatorIds', 'Initiators (Replace All)', true);
				}
				if (String(fields.initiatorAddresses ?? '').trim() !== '') {
					if (fields.initiatorProtocol === undefined) {
						p.fail('Add "New Initiator Protocol" to say which protocol the new initiators use');
					}
					const protocol = readProtocol(p, fields.initiatorProtocol, 'New Initiator Protocol');
					body.initiatorsToCreate = readInitiatorsToCreate(p, fields.initiatorAddresses, protocol, 'New Initiator Addresses');
				}
				if (Object.keys(body).length === 0) p.fail('Nothing to update', 'Add a field under "Update Fields".');
				return { method: 'PUT', path, subject, body };
			},
		}),
		hostCollectionDeleteOperation(HOSTS, {
			description: 'Delete a host; its initiators are kept',
			forceDescription:
				'Whether to delete the host even when it is in a host group that volumes are exported to. The host loses access to those volumes.',
		}),
		{
			value: 'getVolumes',
			name: 'Get Volumes',
			action: 'Get the volumes of a host',
			description: 'List the volumes a host can access, on every storage system, with LUN, path count and performance',
			properties: [hostLocator],
			run: async (p) => {
				const { path, subject } = hostTarget(p);
				const { body } = await apiRequest<IDataObject>(p.ctx, dsccApi, {
					method: 'GET',
					path: `${path}/volumes`,
					subject,
					itemIndex: p.itemIndex,
				});
				return (body?.items as IDataObject[] | undefined) ?? [];
			},
		},
		getDuplicatesOperation(DUPLICATES),
		mergeDuplicatesOperation(DUPLICATES),
	],
};
