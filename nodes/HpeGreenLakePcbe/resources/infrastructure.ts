import type { IDataObject } from 'n8n-workflow';

import { getOperation, listOperation, writeOperation } from '../../shared/kinds';
import type { ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { fillPath } from '../../shared/parameters';
import { VIRTUALIZATION_ENVELOPE, VIRTUALIZATION_PATH } from '../api';
import { clusterLocator, datastoreLocator, hostLocator, managerLocator, provisioningPolicyLocator, readId, storageSystemLocator } from '../locators';
import { greenLake, listQuery, listQueryOptions } from '../profile';

const DATASTORES = `${VIRTUALIZATION_PATH}/datastores`;
const CLUSTERS = `${VIRTUALIZATION_PATH}/hypervisor-clusters`;
const HOSTS = `${VIRTUALIZATION_PATH}/hypervisor-hosts`;
const MANAGERS = `${VIRTUALIZATION_PATH}/hypervisor-managers`;

const GIB = 1024 ** 3;
/** Sizes a datastore can have: 1 GiB to 64 TiB (VMFS 6's limit). */
const MAX_DATASTORE_GIB = 64 * 1024;

function itemPath(p: ParameterReader, collection: string, name: string, label: string): { path: string; subject: string } {
	const id = readId(p, name, label);
	return { path: fillPath(`${collection}/{id}`, { id }), subject: `${label} ${id}` };
}

export const datastore: ResourceDefinition = {
	value: 'datastore',
	name: 'Datastore',
	operations: [
		listOperation(greenLake, {
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many datastores',
			description: 'List the datastores with their capacity',
			itemName: 'datastores',
			envelope: VIRTUALIZATION_ENVELOPE,
			properties: [listQueryOptions({ filterExample: "datastoreType eq 'VMFS'" })],
			request: (p) => ({ method: 'GET', path: DATASTORES, qs: listQuery(p) }),
		}),
		getOperation(greenLake, {
			value: 'get',
			name: 'Get',
			action: 'Get a datastore',
			description: 'Get one datastore',
			properties: [datastoreLocator],
			request: (p) => ({ method: 'GET', ...itemPath(p, DATASTORES, 'datastoreId', 'Datastore') }),
		}),
		writeOperation(greenLake, {
			value: 'create',
			name: 'Create',
			action: 'Create a datastore',
			description: 'Create a datastore on a storage system and mount it on a hypervisor cluster',
			creates: 'datastores',
			defaultTimeoutSeconds: 1800,
			properties: [
				{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, description: 'Name of the new datastore' },
				{
					displayName: 'Type',
					name: 'datastoreType',
					type: 'options',
					options: [
						{ name: 'VMFS', value: 'VMFS' },
						{ name: 'vVol', value: 'VVOL' },
					],
					default: 'VMFS',
				},
				{
					displayName: 'Size (GiB)',
					name: 'sizeGiB',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: MAX_DATASTORE_GIB },
					default: 100,
					description: 'Capacity of the datastore in GiB',
				},
				{ ...clusterLocator, displayName: 'Target Hypervisor Cluster' },
				storageSystemLocator,
				provisioningPolicyLocator,
			],
			request: (p) => {
				const body: IDataObject = {
					name: p.string('name', { label: 'Name', maxLength: 80, pattern: /^[^\r\n\0/\\]+$/, patternHint: 'Use a single line without slashes.' }),
					datastoreType: p.options<string>('datastoreType'),
					sizeInBytes: p.integer('sizeGiB', { label: 'Size (GiB)', min: 1, max: MAX_DATASTORE_GIB }) * GIB,
					targetHypervisorClusterId: readId(p, 'clusterId', 'Target Hypervisor Cluster', { uuid: true }),
					storageSystemId: readId(p, 'storageSystemId', 'Storage System', { uuid: true }),
				};
				if (p.optionalString('provisioningPolicyId', { label: 'Provisioning Policy' }) !== undefined) {
					body.provisioningPolicyId = readId(p, 'provisioningPolicyId', 'Provisioning Policy', { uuid: true });
				}
				return { method: 'POST', path: DATASTORES, body };
			},
		}),
	],
};

export const hypervisorCluster: ResourceDefinition = {
	value: 'hypervisorCluster',
	name: 'Hypervisor Cluster',
	operations: [
		listOperation(greenLake, {
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many hypervisor clusters',
			description: 'List the hypervisor (vSphere) clusters',
			itemName: 'clusters',
			envelope: VIRTUALIZATION_ENVELOPE,
			properties: [listQueryOptions({ filterExample: "name eq 'cluster-a'" })],
			request: (p) => ({ method: 'GET', path: CLUSTERS, qs: listQuery(p) }),
		}),
		getOperation(greenLake, {
			value: 'get',
			name: 'Get',
			action: 'Get a hypervisor cluster',
			description: 'Get one hypervisor cluster',
			properties: [clusterLocator],
			request: (p) => ({ method: 'GET', ...itemPath(p, CLUSTERS, 'clusterId', 'Hypervisor cluster') }),
		}),
	],
};

export const hypervisorHost: ResourceDefinition = {
	value: 'hypervisorHost',
	name: 'Hypervisor Host',
	operations: [
		listOperation(greenLake, {
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many hypervisor hosts',
			description: 'List the hypervisor (ESXi) hosts',
			itemName: 'hosts',
			envelope: VIRTUALIZATION_ENVELOPE,
			properties: [listQueryOptions({ filterExample: "name eq 'esx-01'" })],
			request: (p) => ({ method: 'GET', path: HOSTS, qs: listQuery(p) }),
		}),
		getOperation(greenLake, {
			value: 'get',
			name: 'Get',
			action: 'Get a hypervisor host',
			description: 'Get one hypervisor host',
			properties: [hostLocator],
			request: (p) => ({ method: 'GET', ...itemPath(p, HOSTS, 'hostId', 'Hypervisor Host') }),
		}),
	],
};

export const hypervisorManager: ResourceDefinition = {
	value: 'hypervisorManager',
	name: 'Hypervisor Manager',
	operations: [
		listOperation(greenLake, {
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many hypervisor managers',
			description: 'List the hypervisor managers (vCenter servers)',
			itemName: 'managers',
			envelope: VIRTUALIZATION_ENVELOPE,
			properties: [listQueryOptions({ filterExample: "name eq 'vcenter-01'" })],
			request: (p) => ({ method: 'GET', path: MANAGERS, qs: listQuery(p) }),
		}),
		getOperation(greenLake, {
			value: 'get',
			name: 'Get',
			action: 'Get a hypervisor manager',
			description: 'Get one hypervisor manager',
			properties: [managerLocator],
			request: (p) => ({ method: 'GET', ...itemPath(p, MANAGERS, 'managerId', 'Hypervisor Manager') }),
		}),
		writeOperation(greenLake, {
			value: 'refresh',
			name: 'Refresh',
			action: 'Refresh a hypervisor manager',
			description: 'Read the inventory of a hypervisor manager (VMs, hosts, datastores) again',
			properties: [managerLocator],
			request: (p) => {
				const target = itemPath(p, MANAGERS, 'managerId', 'Hypervisor Manager');
				return { method: 'POST', path: `${target.path}/refresh`, subject: target.subject };
			},
		}),
	],
};
