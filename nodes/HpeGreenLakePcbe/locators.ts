import type { INodeProperties } from 'n8n-workflow';

import type { ParameterReader } from '../shared/parameters';
import { GREENLAKE_ID_PATTERN } from './api';

/** A resource locator for a GreenLake item: pick it from a searchable list, or give its ID. */
function greenLakeLocator(options: {
	name: string;
	displayName: string;
	searchListMethod: string;
	description?: string;
}): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: options.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '9b4c14a6-3cd5-4907-97c4-cf44c5b641e4',
				validation: [
					{ type: 'regex', properties: { regex: GREENLAKE_ID_PATTERN.source, errorMessage: 'Not a valid ID' } },
				],
			},
		],
	};
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
