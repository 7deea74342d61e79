import type { INodeProperties } from 'n8n-workflow';

import type { LocatorBasics } from '../shared/locators';
import { resourceLocator } from '../shared/locators';

import type { ParameterReader } from '../shared/parameters';
import { GREENLAKE_ID_PATTERN, UUID_PATTERN } from './api';

const UUID_EXAMPLE = '9b4c14a6-3cd5-4907-97c4-cf44c5b641e4';

/**
 * A resource locator for a GreenLake item: pick it from a searchable list, or give its ID. `uuid`
 * where the spec declares the ID a UUID, so the editor flags anything else as it is typed.
 */
function greenLakeLocator(options: LocatorBasics & { uuid?: boolean }): INodeProperties {
	const { uuid, ...basics } = options;
	return resourceLocator({
		...basics,
		idPlaceholder: UUID_EXAMPLE,
		idPattern: uuid ? UUID_PATTERN : GREENLAKE_ID_PATTERN,
		...(uuid ? { idErrorMessage: `Not a valid ID: a UUID such as ${UUID_EXAMPLE}` } : {}),
	});
}

export const systemLocator = greenLakeLocator({
	name: 'systemId',
	displayName: 'System',
	searchListMethod: 'searchSystems',
	description: 'The Private Cloud Business Edition system',
	uuid: true,
});

export const virtualMachineLocator = greenLakeLocator({
	name: 'vmId',
	displayName: 'Virtual Machine',
	searchListMethod: 'searchVirtualMachines',
});

export const datastoreLocator = greenLakeLocator({
	name: 'datastoreId',
	displayName: 'Datastore',
	searchListMethod: 'searchDatastores',
});

export const clusterLocator = greenLakeLocator({
	name: 'clusterId',
	displayName: 'Hypervisor Cluster',
	searchListMethod: 'searchClusters',
});

export const hostLocator = greenLakeLocator({
	name: 'hostId',
	displayName: 'Hypervisor Host',
	searchListMethod: 'searchHosts',
});

export const managerLocator = greenLakeLocator({
	name: 'managerId',
	displayName: 'Hypervisor Manager',
	searchListMethod: 'searchManagers',
	description: 'The hypervisor manager (vCenter)',
});

export const policyLocator = greenLakeLocator({
	name: 'policyId',
	displayName: 'VM Provisioning Policy',
	searchListMethod: 'searchPolicies',
	uuid: true,
});

export const reportLocator = greenLakeLocator({
	name: 'reportId',
	displayName: 'Report',
	searchListMethod: 'searchReports',
	description: 'The configuration analysis report (listed newest first, by system)',
	uuid: true,
});

export const operationLocator = greenLakeLocator({
	name: 'operationId',
	displayName: 'Async Operation',
	searchListMethod: 'searchOperations',
	description: 'The asynchronous operation (listed newest first), e.g. the operationId a write returned when not waiting for completion',
	uuid: true,
});

export const serverLocator = greenLakeLocator({
	name: 'serverId',
	displayName: 'Server',
	searchListMethod: 'searchServers',
	description: 'A server of the system above',
	uuid: true,
});

export const catalogLocator = greenLakeLocator({
	name: 'catalogId',
	displayName: 'Software Catalog',
	searchListMethod: 'searchCatalogs',
});

export const storageSystemLocator = greenLakeLocator({
	name: 'storageSystemId',
	displayName: 'Storage System',
	searchListMethod: 'searchStorageSystems',
	description: 'The storage system that provides the capacity (the array of a Private Cloud Business Edition system)',
	uuid: true,
});

/** An optional locator: empty (nothing picked) leaves the field out of the request. */
export const provisioningPolicyLocator: INodeProperties = {
	...greenLakeLocator({
		name: 'provisioningPolicyId',
		displayName: 'Provisioning Policy',
		searchListMethod: 'searchPolicies',
		description: 'VM provisioning policy to apply to the volume; leave empty for none',
		uuid: true,
	}),
	required: false,
};

/** Software catalog versions such as 2.98 or 7.61.34.18.37. */
export const CATALOG_VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The catalog version: picked from the catalogs there are, or typed (e.g. 2.98). */
export function catalogVersionLocator(description: string): INodeProperties {
	const locator = resourceLocator({
		name: 'catalogVersion',
		displayName: 'Catalog Version',
		searchListMethod: 'searchCatalogVersions',
		description,
		idPlaceholder: '2.98',
		idPattern: CATALOG_VERSION_PATTERN,
		idErrorMessage: 'Not a valid version: e.g. 2.98 or 7.61.34.18.37',
	});
	return { ...locator, modes: locator.modes!.map((mode) => (mode.name === 'id' ? { ...mode, displayName: 'By Version' } : mode)) };
}

/** Reads an ID for a path or body; `uuid` where the spec declares it `format: uuid`, refused before sending otherwise. */
export function readId(p: ParameterReader, name: string, label: string, options: { uuid?: boolean } = {}): string {
	if (!options.uuid) return p.id(name, { label, pattern: GREENLAKE_ID_PATTERN });
	const value = p.optionalString(name, { label });
	if (value === undefined) p.fail(`"${label}" is required`, `Pick or enter the ${label}.`);
	if (!UUID_PATTERN.test(value)) {
		p.fail(
			`"${label}" must be a UUID, not ${JSON.stringify(value.slice(0, 100))}`,
			`HPE GreenLake identifies it by a UUID such as ${UUID_EXAMPLE}. Pick it from the list, or copy its ID from a previous node.`,
		);
	}
	return value;
}
