import type { INodeProperties } from 'n8n-workflow';

import type { LocatorBasics } from '../shared/locators';
import { resourceLocator } from '../shared/locators';

import { DSCC_ID_PATTERN } from './api';


/**
 * A resource locator for a DSCC item: pick it from a searchable list, or give its ID.
 * `searchListMethod` names a method in `listSearch.ts`.
 */
export function dsccLocator(options: LocatorBasics & {
	/** What the list asks for, e.g. "Choose a storage system…". */
	listPlaceholder: string;
	placeholder?: string;
}): INodeProperties {
	return resourceLocator({
		...options,
		idPlaceholder: options.placeholder ?? '2a0df0fe6f7dc7bb16000000000000000000004817',
		idPattern: DSCC_ID_PATTERN,
	});
}

export const storageSystemLocator = dsccLocator({
	name: 'systemId',
	displayName: 'Storage System',
	searchListMethod: 'searchStorageSystems',
	listPlaceholder: 'Choose a storage system…',
	placeholder: 'SGH029VBHV',
});

export const hostGroupLocator = dsccLocator({
	name: 'hostGroupId',
	displayName: 'Host Group',
	searchListMethod: 'searchHostGroups',
	listPlaceholder: 'Choose a host group…',
	placeholder: 'e789e756496246859fde6c132b2091d3',
});

export const hostLocator = dsccLocator({
	name: 'hostId',
	displayName: 'Host',
	searchListMethod: 'searchHosts',
	listPlaceholder: 'Choose a host…',
	placeholder: '2b09e744496246859fde6c132b2091d3',
});

export const volumeLocator = dsccLocator({
	name: 'volumeId',
	displayName: 'Volume',
	searchListMethod: 'searchVolumes',
	listPlaceholder: 'Choose a volume…',
	placeholder: 'e66ed5ce8d35961481a48b4f78bb06b4',
});

export const volumeSetLocator = dsccLocator({
	name: 'volumeSetId',
	displayName: 'Volume Set',
	searchListMethod: 'searchVolumeSets',
	listPlaceholder: 'Choose a volume set…',
	placeholder: 'fd3244ef7f1ab8bd16500c7a41bdf8f8',
	description: 'The volume set; the node finds its storage system itself',
});

export const initiatorLocator = dsccLocator({
	name: 'initiatorId',
	displayName: 'Initiator',
	searchListMethod: 'searchInitiators',
	listPlaceholder: 'Choose an initiator…',
	placeholder: 'e789e756496246859fde6c132b2091d3',
	description: 'The initiator, listed by its address (FC WWPN, iSCSI IQN or NVMe NQN)',
});
