import type { INodeProperties } from 'n8n-workflow';

import type { LocatorBasics } from '../shared/locators';
import { resourceLocator } from '../shared/locators';

import type { ParameterReader } from '../shared/parameters';
import { GREENLAKE_ID_PATTERN } from './api';

/** A resource locator for a GreenLake item: pick it from a searchable list, or give its ID. */
function greenLakeLocator(options: LocatorBasics): INodeProperties {
	return resourceLocator({
		...options,
		idPlaceholder: '9b4c14a6-3cd5-4907-97c4-cf44c5b641e4',
		idPattern: GREENLAKE_ID_PATTERN,
	});
}

export const systemLocator = greenLakeLocator({
	name: 'systemId',
	displayName: 'System',
	searchListMethod: 'searchSystems',
	description: 'The Private Cloud Business Edition system',
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

/** A plain ID field (no list search), e.g. for servers, hosts, catalogs. */
export function idField(name: string, displayName: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		required: true,
		placeholder: '9b4c14a6-3cd5-4907-97c4-cf44c5b641e4',
		description,
	};
}

export function readId(p: ParameterReader, name: string, label: string): string {
	return p.id(name, { label, pattern: GREENLAKE_ID_PATTERN });
}
