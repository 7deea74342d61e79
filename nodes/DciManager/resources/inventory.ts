import { listOperation } from '../../shared/kinds';
import type { OperationDefinition, ResourceDefinition } from '../../shared/operations';
import { endpointPath } from '../api';
import {
	dci,
	ipAddressLocator,
	ipNetworkLocator,
	listProperties,
	listQuery,
	locationLocator,
	operationLocator,
	osTemplateLocator,
	rackLocator,
	readId,
	switchLocator,
} from '../profile';
import { readOnlyResource } from './readOnly';

const f = (name: string, value: string) => ({ name, value });

export const location: ResourceDefinition = readOnlyResource({
	value: 'location',
	name: 'Location',
	singular: 'location',
	plural: 'locations',
	list: 'locationList',
	get: 'locationGet',
	fields: [f('ID', 'id'), f('Name', 'name')],
	whereExample: "name CP '%Amsterdam%'",
	locator: locationLocator,
});

export const rack: ResourceDefinition = readOnlyResource({
	value: 'rack',
	name: 'Rack',
	singular: 'rack',
	plural: 'racks',
	list: 'rackList',
	get: 'rackGet',
	fields: [f('ID', 'id'), f('Name', 'name'), f('Location ID', 'location_id'), f('Device Count', 'device_count')],
	whereExample: "name CP '%R01%'",
	locator: rackLocator,
});

/** Lists the ports of a switch; the switch comes first, before Return All and Limit. */
function switchPorts(): OperationDefinition {
	const ports = listOperation(dci, {
		value: 'getPorts',
		name: 'Get Ports',
		action: 'Get ports of a switch',
		description: 'List the ports of a switch with the server each one connects',
		itemName: 'ports',
		properties: listProperties(
			[f('ID', 'id'), f('Description', 'description'), f('Admin Status', 'admin_status'), f('Operational Status', 'oper_status'), f('Server Name', 'server.name')],
			"description CP '%GigabitEthernet1/0/%'",
		),
		request: (p) => {
			const id = readId(p, switchLocator.name, switchLocator.displayName);
			return { method: 'GET', path: endpointPath('switchPorts', { id }), qs: listQuery(p), subject: `Switch ${id}` };
		},
	});
	return { ...ports, properties: [switchLocator, ...ports.properties] };
}

export const networkSwitch: ResourceDefinition = readOnlyResource({
	value: 'switch',
	name: 'Switch',
	singular: 'switch',
	plural: 'switches',
	list: 'switchList',
	get: 'switchGet',
	fields: [f('ID', 'id'), f('Name', 'name'), f('IP Address', 'ip'), f('Location ID', 'location_id')],
	whereExample: "name CP '%core%'",
	locator: switchLocator,
	extraOperations: [switchPorts()],
});

export const ipAddress: ResourceDefinition = readOnlyResource({
	value: 'ipAddress',
	name: 'IP Address',
	singular: 'IP address',
	plural: 'IP addresses',
	article: 'an',
	list: 'ipList',
	get: 'ipGet',
	fields: [f('ID', 'id'), f('Address', 'name'), f('Network ID', 'ipnet'), f('Status', 'status'), f('Domain', 'domain')],
	whereExample: "ipnet EQ 3 AND status NE 'extended'",
	locator: ipAddressLocator,
});

export const ipNetwork: ResourceDefinition = readOnlyResource({
	value: 'ipNetwork',
	name: 'IP Network',
	singular: 'IP network',
	plural: 'IP networks',
	article: 'an',
	list: 'networkList',
	get: 'networkGet',
	fields: [f('ID', 'id'), f('Network', 'name'), f('Gateway', 'gateway'), f('Note', 'note')],
	whereExample: "name CP '10.0.%'",
	locator: ipNetworkLocator,
});

export const osTemplate: ResourceDefinition = readOnlyResource({
	value: 'osTemplate',
	name: 'OS Template',
	singular: 'OS template',
	plural: 'OS templates',
	article: 'an',
	list: 'osTemplateList',
	get: 'osTemplateGet',
	fields: [f('ID', 'id'), f('Name', 'name'), f('State', 'state')],
	whereExample: "name CP '%Ubuntu%'",
	locator: osTemplateLocator,
});

export const operation: ResourceDefinition = readOnlyResource({
	value: 'operation',
	name: 'Operation',
	singular: 'operation',
	plural: 'operations',
	article: 'an',
	list: 'operationList',
	get: 'operationGet',
	fields: [f('ID', 'id'), f('Name', 'name'), f('Status', 'status'), f('Server ID', 'server_id')],
	whereExample: "status EQ 'failed'",
	locator: operationLocator,
});
