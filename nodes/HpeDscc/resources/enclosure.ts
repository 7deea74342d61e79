import type { ResourceDefinition } from '../../shared/operations';
import { enclosureLocator } from '../locators';
import type { PathsByDeviceType } from '../systemComponents';
import { systemCollectionListOperation, systemComponentGetOperation } from '../systemComponents';

/** Enclosures are shelves on HPE Nimble / Alletra 6000. */
export const ENCLOSURE_PATHS: PathsByDeviceType = { 'device-type1': 'enclosures', 'device-type2': 'shelves', 'device-type4': 'enclosures' };

export const enclosure: ResourceDefinition = {
	value: 'enclosure',
	name: 'Enclosure / Shelf',
	operations: [
		systemCollectionListOperation({
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many enclosures or shelves',
			description:
				'List the drive enclosures of a storage system (shelves on HPE Nimble / Alletra 6000), with their state',
			itemName: 'enclosures',
			paths: ENCLOSURE_PATHS,
			filterExample: "name eq 'cage0'",
			sortExample: 'name asc',
		}),
		systemComponentGetOperation({
			value: 'get',
			name: 'Get',
			action: 'Get an enclosure or shelf',
			description: 'Get one drive enclosure (shelf on HPE Nimble / Alletra 6000) of a storage system',
			label: 'Enclosure',
			paths: { 'device-type1': 'enclosures/{id}', 'device-type2': 'shelves/{id}', 'device-type4': 'enclosures/{id}' },
			idProperty: enclosureLocator({ required: true, description: 'The drive enclosure (shelf on HPE Nimble / Alletra 6000) of the storage system' }),
		}),
	],
};
