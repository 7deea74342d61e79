import type { IDataObject } from 'n8n-workflow';

import type { ResourceDefinition } from '../../shared/operations';
import { offsetEnvelope } from '../../shared/transport';
import { portLocator } from '../locators';
import type { PathsByDeviceType } from '../systemComponents';
import { systemCollectionListOperation, systemComponentGetOperation } from '../systemComponents';

export const PORT_PATHS: PathsByDeviceType = { 'device-type1': 'ports', 'device-type2': 'ports', 'device-type4': 'ports' };

const NIMBLE_PORT_SECTIONS = ['fibre_channel_interface', 'network_interface'];

/**
 * HPE Nimble / Alletra 6000 list their Fibre Channel and Ethernet ports in two sections of one page,
 * `{fibre_channel_interface: {items}, network_interface: {items}, total}`; the node returns them as one list.
 */
export function nimblePortItems(body: unknown): IDataObject[] {
	return NIMBLE_PORT_SECTIONS.flatMap((section) => {
		const items = ((body as IDataObject | undefined)?.[section] as IDataObject | undefined)?.items;
		return Array.isArray(items) ? (items as IDataObject[]) : [];
	});
}

const nimblePortsEnvelope = { ...offsetEnvelope({ maxPageSize: 1000 }), items: nimblePortItems };

export const port: ResourceDefinition = {
	value: 'port',
	name: 'Port',
	operations: [
		systemCollectionListOperation({
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many ports',
			description:
				'List the host ports (Fibre Channel and iSCSI / Ethernet) of a storage system. For HPE Nimble / Alletra 6000 the Fibre Channel interfaces come first, then the network interfaces.',
			itemName: 'ports',
			paths: PORT_PATHS,
			envelopes: { 'device-type2': nimblePortsEnvelope },
			filterExample: "protocol eq 'FC'",
			sortExample: 'name desc',
		}),
		systemComponentGetOperation({
			value: 'get',
			name: 'Get',
			action: 'Get a port',
			description: 'Get one port of a storage system with its state, speed and addresses',
			label: 'Port',
			paths: { 'device-type1': 'ports/{id}', 'device-type2': 'ports/{id}', 'device-type4': 'ports/{id}' },
			idProperty: portLocator,
		}),
	],
};
