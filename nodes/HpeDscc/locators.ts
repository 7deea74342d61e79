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

/** Storage systems that have protection templates and performance policies: HPE Nimble / Alletra 6000 only. */
export const nimbleSystemLocator = dsccLocator({
	name: 'systemId',
	displayName: 'Storage System',
	searchListMethod: 'searchNimbleSystems',
	listPlaceholder: 'Choose an HPE Nimble / Alletra 6000 system…',
	placeholder: '2a0df0fe6f7dc7bb16000000000000000000004817',
	description: 'The storage system. Only HPE Nimble / Alletra 6000 systems are listed: only they have protection templates.',
});

export const controllerLocator = dsccLocator({
	name: 'controllerId',
	displayName: 'Controller',
	searchListMethod: 'searchControllers',
	listPlaceholder: 'Choose a controller…',
	placeholder: 'e9d353bf98fc1a6bdb90b824e3ca14b5',
	description: 'The controller (node on HPE Primera / Alletra 9000 and Alletra Storage MP), listed from the storage system above',
});

export const portLocator = dsccLocator({
	name: 'portId',
	displayName: 'Port',
	searchListMethod: 'searchPorts',
	listPlaceholder: 'Choose a port…',
	placeholder: 'e9d353bf98fc1a6bdb90b824e3ca14b5',
	description: 'The host port, listed from the storage system above',
});

/** The enclosure (shelf) of the storage system above; optional where the operation works without one. */
export function enclosureLocator(options: { required: boolean; description: string }): INodeProperties {
	return {
		...dsccLocator({
			name: 'enclosureId',
			displayName: 'Enclosure / Shelf',
			searchListMethod: 'searchEnclosures',
			listPlaceholder: 'Choose an enclosure or shelf…',
			placeholder: 'e9d353bf98fc1a6bdb90b824e3ca14b5',
			description: options.description,
		}),
		required: options.required,
	};
}

export const diskLocator = dsccLocator({
	name: 'diskId',
	displayName: 'Disk',
	searchListMethod: 'searchDisks',
	listPlaceholder: 'Choose a disk…',
	placeholder: 'e9d353bf98fc1a6bdb90b824e3ca14b5',
	description: 'The disk, listed from the enclosure above (HPE Nimble / Alletra 6000: from the system, or the shelf above when one is picked)',
});

export const protectionTemplateLocator = dsccLocator({
	name: 'protectionTemplateId',
	displayName: 'Protection Template',
	searchListMethod: 'searchProtectionTemplates',
	listPlaceholder: 'Choose a protection template…',
	description: 'The protection template, listed from the storage system above',
});

export const storagePoolLocator = dsccLocator({
	name: 'poolId',
	displayName: 'Storage Pool',
	searchListMethod: 'searchStoragePools',
	listPlaceholder: 'Choose a storage pool…',
	placeholder: 'e9d353bf98fc1a6bdb90b824e3ca14b5',
	description: 'The storage pool (CPG on HPE Primera / Alletra 9000 / Alletra MP), listed from the storage system above',
});

export const snapshotLocator = dsccLocator({
	name: 'snapshotId',
	displayName: 'Snapshot',
	searchListMethod: 'searchSnapshots',
	listPlaceholder: 'Choose a snapshot…',
	placeholder: 'b7107a30260a41c1a47fe50770c414c9',
	description: 'The snapshot, listed from the volume above',
});

/** A performance policy, in the fields of a volume: listed from the storage system or volume above. */
export function performancePolicyLocator(description: string): INodeProperties {
	return {
		...dsccLocator({
			name: 'performancePolicyId',
			displayName: 'Performance Policy',
			searchListMethod: 'searchPerformancePolicies',
			listPlaceholder: 'Choose a performance policy…',
			description,
		}),
		required: false,
	};
}
