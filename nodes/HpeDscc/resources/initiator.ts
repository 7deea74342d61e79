import type { IDataObject } from 'n8n-workflow';

import { getOperation, listOperation, writeOperation } from '../../shared/kinds';
import type { ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { fillPath } from '../../shared/parameters';
import { DSCC_ID_PATTERN } from '../api';
import { initiatorLocator } from '../locators';
import { dscc, listQuery, listQueryOptions } from '../profile';
import { PROTOCOL_OPTIONS, checkInitiatorAddress, checkIpAddress, checkName, readProtocol } from './hostInputs';

const BASE_PATH = '/api/v1/initiators';

function initiatorTarget(p: ParameterReader): { path: string; subject: string } {
	const id = p.id('initiatorId', { label: 'Initiator', pattern: DSCC_ID_PATTERN });
	return { path: fillPath(`${BASE_PATH}/{id}`, { id }), subject: `Initiator ${id}` };
}

const TEXT_FIELDS: Array<{ name: string; displayName: string; placeholder: string; description: string }> = [
	{ name: 'driverVersion', displayName: 'Driver Version', placeholder: '14.2.455.0', description: 'Version of the HBA driver' },
	{ name: 'firmwareVersion', displayName: 'Firmware Version', placeholder: '14.2.455.9', description: 'Version of the HBA firmware' },
	{ name: 'hbaModel', displayName: 'HBA Model', placeholder: 'SN1610Q', description: 'Model of the host bus adapter' },
	{ name: 'ipAddress', displayName: 'IP Address', placeholder: '10.20.40.11', description: 'IP address of an iSCSI initiator' },
	{ name: 'name', displayName: 'Name', placeholder: 'esx-prod-01-hba1', description: 'A name that tells people which port this is' },
	{ name: 'vendor', displayName: 'Vendor', placeholder: 'HPE', description: 'Vendor of the host bus adapter' },
];

export const initiator: ResourceDefinition = {
	value: 'initiator',
	name: 'Initiator',
	operations: [
		listOperation(dscc, {
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many initiators',
			description: 'List the host initiators (FC WWPNs, iSCSI IQNs, NVMe NQNs) known to every storage system',
			itemName: 'initiators',
			properties: [listQueryOptions({ filterExample: "protocol eq 'iSCSI'", sortExample: 'address asc', select: false })],
			request: (p) => ({ method: 'GET', path: BASE_PATH, qs: listQuery(p) }),
		}),
		getOperation(dscc, {
			value: 'get',
			name: 'Get',
			action: 'Get an initiator',
			description: 'Get one initiator with the hosts it belongs to',
			properties: [initiatorLocator],
			request: (p) => ({ method: 'GET', ...initiatorTarget(p) }),
		}),
		writeOperation(dscc, {
			value: 'create',
			name: 'Create',
			action: 'Create an initiator',
			description: 'Register a host initiator by its address, to give it to a host later',
			properties: [
				{
					displayName: 'Protocol',
					name: 'protocol',
					type: 'options',
					options: PROTOCOL_OPTIONS,
					default: 'FC',
					description: 'Protocol of the initiator; it decides the format of the address',
				},
				{
					displayName: 'Address',
					name: 'address',
					type: 'string',
					default: '',
					required: true,
					placeholder: '10:00:00:10:9b:1c:2d:3e',
					description: 'WWPN for FC, IQN or EUI for iSCSI, NQN for NVMe',
				},
				{
					displayName: 'Additional Fields',
					name: 'additionalFields',
					type: 'collection',
					placeholder: 'Add Field',
					default: {},
					options: [
						...TEXT_FIELDS.map((field) => ({ ...field, type: 'string' as const, default: '' })),
						{
							displayName: 'Host Speed (Mbit/s)',
							name: 'hostSpeed',
							type: 'number',
							typeOptions: { minValue: 1 },
							default: 16000,
							description: 'Link speed of the initiator port in megabits per second, e.g. 16000 for 16 Gb FC',
						},
					],
				},
			],
			request: (p) => {
				const protocol = readProtocol(p, p.raw('protocol', 'FC'), 'Protocol');
				const address = p.string('address', { label: 'Address' });
				const body: IDataObject = { address: checkInitiatorAddress(p, protocol, address, 'Address'), protocol };
				const fields = p.collection('additionalFields');
				for (const field of TEXT_FIELDS) {
					const value = fields[field.name];
					if (value !== undefined && String(value).trim() !== '') body[field.name] = checkName(p, value, field.displayName);
				}
				if (typeof body.ipAddress === 'string') checkIpAddress(p, body.ipAddress, 'IP Address');
				if (fields.hostSpeed !== undefined) {
					body.hostSpeed = p.integer('additionalFields.hostSpeed', { label: 'Host Speed (Mbit/s)', min: 1, max: 1_000_000 });
				}
				return { method: 'POST', path: BASE_PATH, body };
			},
		}),
		writeOperation(dscc, {
			value: 'delete',
			name: 'Delete',
			action: 'Delete an initiator',
			description: 'Delete an initiator that no host uses any more',
			properties: [initiatorLocator],
			request: (p) => ({ method: 'DELETE', ...initiatorTarget(p) }),
		}),
	],
};
