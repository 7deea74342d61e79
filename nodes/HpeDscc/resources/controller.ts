import type { ResourceDefinition } from '../../shared/operations';
import { controllerLocator } from '../locators';
import type { PathsByDeviceType } from '../systemComponents';
import { systemCollectionListOperation, systemComponentGetOperation } from '../systemComponents';

/** Controllers are nodes on HPE Primera / Alletra 9000 and Alletra Storage MP. */
export const CONTROLLER_PATHS: PathsByDeviceType = { 'device-type1': 'nodes', 'device-type2': 'controllers', 'device-type4': 'nodes' };

export const controller: ResourceDefinition = {
	value: 'controller',
	name: 'Controller',
	operations: [
		systemCollectionListOperation({
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many controllers',
			description:
				'List the controllers of a storage system: the nodes of HPE Primera / Alletra 9000 and Alletra Storage MP, controllers A and B of HPE Nimble / Alletra 6000',
			itemName: 'controllers',
			paths: CONTROLLER_PATHS,
			filterExample: "name eq 'node0'",
			sortExample: 'name desc',
		}),
		systemComponentGetOperation({
			value: 'get',
			name: 'Get',
			action: 'Get a controller',
			description: 'Get one controller (node) of a storage system with its state and hardware details',
			label: 'Controller',
			paths: { 'device-type1': 'nodes/{id}', 'device-type2': 'controllers/{id}', 'device-type4': 'nodes/{id}' },
			idProperty: controllerLocator,
		}),
	],
};
