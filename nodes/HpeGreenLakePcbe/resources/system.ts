import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { getOperation, listOperation, writeOperation } from '../../shared/kinds';
import type { OperationDefinition, ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { fillPath } from '../../shared/parameters';
import { GREENLAKE_ID_PATTERN, PCBE_PATH, PCBE_SYSTEMS_ENVELOPE } from '../api';
import { CATALOG_VERSION_PATTERN, catalogVersionLocator, readId, serverLocator, systemLocator } from '../locators';
import { greenLake, listQuery, listQueryOptions, queryText } from '../profile';

const SYSTEMS = `${PCBE_PATH}/systems`;

function systemId(p: ParameterReader): string {
	return readId(p, 'systemId', 'System', { uuid: true });
}

function systemPath(p: ParameterReader, suffix = ''): { path: string; subject: string } {
	const id = systemId(p);
	return { path: `${fillPath(`${SYSTEMS}/{id}`, { id })}${suffix}`, subject: `System ${id}` };
}

const selectOption: INodeProperties = {
	displayName: 'Options',
	name: 'getOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Select',
			name: 'select',
			type: 'string',
			default: '',
			placeholder: 'id,name,health',
			description: 'Comma-separated properties to return. Empty returns all.',
		},
	],
};

/** Shows the item a listing belongs to (its parent) before Return All and Limit. */
function parentFirst(parent: INodeProperties, operation: OperationDefinition): OperationDefinition {
	return { ...operation, properties: [parent, ...operation.properties] };
}

export function selectQuery(p: ParameterReader): IDataObject {
	const select = queryText(p, 'select', p.collection('getOptions').select);
	return select === undefined ? {} : { select };
}

const softwareProperties: INodeProperties[] = [
	catalogVersionLocator('Version of the system software catalog to check or install'),
	{
		displayName: 'Hypervisor Cluster Names or IDs',
		name: 'hypervisorClusterIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getSystemClusters', loadOptionsDependsOn: ['systemId.value'] },
		default: [],
		description:
			'The hypervisor clusters of the system to include; none picked includes every cluster. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

function softwareBody(p: ParameterReader): IDataObject {
	const catalogVersion = p.string('catalogVersion', {
		label: 'Catalog Version',
		pattern: CATALOG_VERSION_PATTERN,
		patternHint: 'A version such as 2.98 or 7.61.34.18.37.',
	});
	const hypervisorClusterIds = p.idList('hypervisorClusterIds', { label: 'Hypervisor Clusters', pattern: GREENLAKE_ID_PATTERN });
	return hypervisorClusterIds.length > 0 ? { catalogVersion, hypervisorClusterIds } : { catalogVersion };
}

export const system: ResourceDefinition = {
	value: 'system',
	name: 'System',
	operations: [
		listOperation(greenLake, {
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many systems',
			description: 'List the Private Cloud Business Edition systems with their health and software state',
			itemName: 'systems',
			envelope: PCBE_SYSTEMS_ENVELOPE,
			properties: [listQueryOptions({ filterExample: "name eq 'dhci-site-a'" })],
			request: (p) => ({ method: 'GET', path: SYSTEMS, qs: listQuery(p) }),
		}),
		getOperation(greenLake, {
			value: 'get',
			name: 'Get',
			action: 'Get a system',
			description: 'Get one system',
			properties: [systemLocator, selectOption],
			request: (p) => ({ method: 'GET', ...systemPath(p), qs: selectQuery(p) }),
		}),
		getOperation(greenLake, {
			value: 'updateLocation',
			name: 'Update Location',
			action: 'Update the location of a system',
			description: 'Change where a system is (city, state, ZIP code, country); fields left empty keep their value',
			properties: [
				systemLocator,
				{
					displayName: 'Location',
					name: 'location',
					type: 'collection',
					placeholder: 'Add Field',
					default: {},
					options: [
						{ displayName: 'City', name: 'city', type: 'string', default: '' },
						{
							displayName: 'Country Code',
							name: 'countryCode',
							type: 'string',
							default: '',
							placeholder: 'US',
							description: 'Two-letter ISO 3166 country code',
						},
						{ displayName: 'State Code', name: 'stateCode', type: 'string', default: '', placeholder: 'CA' },
						{ displayName: 'ZIP Code', name: 'zipCode', type: 'string', default: '' },
					],
				},
			],
			request: (p) => {
				const target = systemPath(p);
				const fields = p.collection('location');
				const location: IDataObject = {};
				for (const key of ['city', 'countryCode', 'stateCode', 'zipCode'] as const) {
					const value = typeof fields[key] === 'string' ? (fields[key] as string).trim() : '';
					if (value === '') continue;
					if (value.length > 100 || /[\r\n\0]/.test(value)) p.fail(`The location's ${key} is not valid`, 'Use a single line of at most 100 characters.');
					location[key] = value;
				}
				if (location.countryCode !== undefined && !/^[A-Za-z]{2}$/.test(location.countryCode as string)) {
					p.fail(`"Country Code" is not valid: ${JSON.stringify(location.countryCode)}`, 'Use a two-letter code such as US or DE.');
				}
				if (Object.keys(location).length === 0) p.fail('Enter at least one location field to change');
				return {
					method: 'PATCH',
					...target,
					body: { location },
					headers: { 'Content-Type': 'application/merge-patch+json' },
				};
			},
		}),
		writeOperation(greenLake, {
			value: 'addHypervisorCluster',
			name: 'Add Hypervisor Cluster',
			action: 'Add a hypervisor cluster to a system',
			description: 'Create a new hypervisor cluster on a system',
			creates: 'hypervisor-clusters',
			properties: [
				systemLocator,
				{
					displayName: 'Cluster Name',
					name: 'hypervisorClusterName',
					type: 'string',
					default: '',
					required: true,
					description: 'Name of the new hypervisor cluster',
				},
				{
					displayName: 'vSphere Datacenter Name',
					name: 'vsphereDatacenterName',
					type: 'string',
					default: '',
					required: true,
					description: 'The vSphere datacenter the cluster belongs to',
				},
				{
					displayName: 'Configure Distributed Switch',
					name: 'configureVds',
					type: 'boolean',
					default: false,
					description: 'Whether to configure a vSphere Distributed Switch for the cluster',
				},
			],
			request: (p) => ({
				method: 'POST',
				...systemPath(p, '/add-hypervisor-cluster'),
				body: {
					hypervisorClusterName: p.string('hypervisorClusterName', { label: 'Cluster Name', maxLength: 80, pattern: /^[^\r\n\0]+$/ }),
					vsphereDatacenterName: p.string('vsphereDatacenterName', { label: 'vSphere Datacenter Name', maxLength: 80, pattern: /^[^\r\n\0]+$/ }),
					configureVds: p.boolean('configureVds'),
				},
			}),
		}),
		parentFirst(
			systemLocator,
			listOperation(greenLake, {
				value: 'getServers',
				name: 'Get Servers',
				action: 'Get many servers of a system',
				description: 'List the servers of a system with their health',
				itemName: 'servers',
				envelope: PCBE_SYSTEMS_ENVELOPE,
				properties: [listQueryOptions({ filterExample: "health/overallHealth eq 'OK'" })],
				request: (p) => ({ method: 'GET', ...systemPath(p, '/servers'), qs: listQuery(p) }),
			}),
		),
		getOperation(greenLake, {
			value: 'getServer',
			name: 'Get Server',
			action: 'Get a server of a system',
			description: 'Get one server of a system',
			properties: [systemLocator, serverLocator, selectOption],
			request: (p) => {
				const id = systemId(p);
				const serverId = readId(p, 'serverId', 'Server', { uuid: true });
				return {
					method: 'GET',
					path: fillPath(`${SYSTEMS}/{systemId}/servers/{serverId}`, { systemId: id, serverId }),
					subject: `Server ${serverId} of system ${id}`,
					qs: selectQuery(p),
				};
			},
		}),
		writeOperation(greenLake, {
			value: 'runPrecheck',
			name: 'Run Software Precheck',
			action: 'Run a software precheck on a system',
			description: 'Check whether a system can be updated to a software catalog version',
			properties: [systemLocator, ...softwareProperties],
			request: (p) => ({ method: 'POST', ...systemPath(p, '/software-prechecks'), body: softwareBody(p) }),
		}),
		writeOperation(greenLake, {
			value: 'startUpdate',
			name: 'Start Software Update',
			action: 'Start a software update of a system',
			description: 'Update a system to a software catalog version',
			defaultTimeoutSeconds: 14400,
			properties: [systemLocator, ...softwareProperties],
			request: (p) => ({ method: 'POST', ...systemPath(p, '/software-update'), body: softwareBody(p) }),
		}),
		writeOperation(greenLake, {
			value: 'resumeUpdate',
			name: 'Resume Software Update',
			action: 'Resume the software update of a system',
			description: 'Resume a software update that stopped',
			defaultTimeoutSeconds: 14400,
			properties: [systemLocator],
			request: (p) => ({ method: 'POST', ...systemPath(p, '/software-update-resume') }),
		}),
		writeOperation(greenLake, {
			value: 'refreshSoftwareVersion',
			name: 'Refresh Software Version',
			action: 'Refresh the software version of a system',
			description: 'Read the installed software versions of a system again',
			properties: [systemLocator],
			request: (p) => ({ method: 'POST', ...systemPath(p, '/software-version-refresh') }),
		}),
	],
};
