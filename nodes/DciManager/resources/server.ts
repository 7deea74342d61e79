import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readWaitTimeout, waitProperties, waitTimeoutProperty } from '../../shared/descriptions';
import { getOperation, listOperation } from '../../shared/kinds';
import type { OperationDefinition, ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { apiRequest, waitForCompletion } from '../../shared/transport';
import type { EndpointName } from '../api';
import {
	DCI_ID_PATTERN,
	dciApi,
	dciEnvelope,
	endpointPath,
	getServer,
	operationFailed,
	operationState,
	operationSucceeded,
	serverOperationTracker,
} from '../api';
import { dci, listProperties, listQuery, osTemplateLocator, readId, serverLocator, userLocator } from '../profile';

const serverFields = [
	{ name: 'ID', value: 'id' },
	{ name: 'Name', value: 'name' },
	{ name: 'Domain', value: 'domain' },
	{ name: 'State', value: 'state' },
	{ name: 'Power Status', value: 'power_status' },
	{ name: 'Owner Email', value: 'owner_email' },
	{ name: 'Location ID', value: 'location_id' },
	{ name: 'Rack Name', value: 'rack.name' },
	{ name: 'Configuration', value: 'configuration' },
	{ name: 'Is New', value: 'is_new' },
	{ name: 'OS Template Name', value: 'os_template.name' },
	{ name: 'Operation Status', value: 'operation.status' },
];

/** Waits for the server's operation when asked, and returns the server as it then is. */
async function afterStart(p: ParameterReader, serverId: string, response: IDataObject): Promise<IDataObject> {
	if (!p.boolean('waitForCompletion', true)) {
		return { serverId: Number(serverId), ...(response && typeof response === 'object' ? response : {}) };
	}
	const timeoutSeconds = readWaitTimeout(p);
	return await waitForCompletion(p.ctx, serverOperationTracker(p.ctx, serverId, p.itemIndex), {
		timeoutSeconds,
		itemIndex: p.itemIndex,
	});
}

/** An action that starts a server operation (power, OS install); waits for it by default. */
function serverAction(definition: {
	value: string;
	name: string;
	action: string;
	description: string;
	endpoint: EndpointName;
	defaultTimeoutSeconds: number;
	properties?: INodeProperties[];
	body?: (p: ParameterReader) => IDataObject;
}): OperationDefinition {
	return {
		value: definition.value,
		name: definition.name,
		action: definition.action,
		description: definition.description,
		properties: [serverLocator, ...(definition.properties ?? []), ...waitProperties(definition.defaultTimeoutSeconds)],
		run: async (p) => {
			const serverId = readId(p, 'serverId', 'Server');
			const body = definition.body?.(p) ?? {};
			const { body: response } = await apiRequest<IDataObject>(p.ctx, dciApi, {
				method: 'POST',
				path: endpointPath(definition.endpoint, { id: serverId }),
				body,
				subject: `Server ${serverId}`,
				itemIndex: p.itemIndex,
			});
			return await afterStart(p, serverId, response);
		},
	};
}

const SERVER_EDIT_FIELDS: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '' },
	{ displayName: 'Domain', name: 'domain', type: 'string', default: '', placeholder: 'srv01.example.com' },
	{ displayName: 'Comment', name: 'comment', type: 'string', default: '' },
	{
		displayName: 'Location Name or ID',
		name: 'location_id',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getLocations' },
		default: '',
		description:
			'The location to move the server to. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Other Fields (JSON)',
		name: 'json',
		type: 'json',
		default: '{}',
		description: 'Further server properties as DCImanager names them, e.g. {"barcode": "A-0042"}',
	},
];

export const server: ResourceDefinition = {
	value: 'server',
	name: 'Server',
	operations: [
		listOperation(dci, {
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many servers',
			description: 'List servers, filtered and sorted; free servers have no owner email',
			itemName: 'servers',
			properties: listProperties(serverFields, "owner_email IS null AND location_id EQ 3"),
			request: (p) => ({ method: 'GET', path: endpointPath('serverList'), qs: listQuery(p) }),
		}),
		getOperation(dci, {
			value: 'get',
			name: 'Get',
			action: 'Get a server',
			description: 'Get one server with its connections, IP addresses and running operation',
			properties: [serverLocator],
			request: (p) => {
				const id = readId(p, 'serverId', 'Server');
				return { method: 'GET', path: endpointPath('serverGet', { id }), subject: `Server ${id}` };
			},
		}),
		{
			value: 'getFreeCounts',
			name: 'Get Free Server Counts',
			action: 'Get free server counts per configuration',
			description: 'How many free servers each hardware configuration has, one item per configuration: what a billing integration checks before it sells a server',
			properties: [],
			run: async (p) => {
				const { body } = await apiRequest<IDataObject>(p.ctx, dciApi, {
					method: 'GET',
					path: endpointPath('serverConfigurations'),
					itemIndex: p.itemIndex,
				});
				return dciEnvelope.items(body);
			},
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a server',
			description: "Change a server's name, domain, comment or other properties",
			properties: [
				serverLocator,
				{ displayName: 'Update Fields', name: 'updateFields', type: 'collection', placeholder: 'Add Field', default: {}, options: SERVER_EDIT_FIELDS },
			],
			run: async (p) => {
				const id = readId(p, 'serverId', 'Server');
				const fields = p.collection('updateFields');
				const body: IDataObject = {};
				for (const key of ['name', 'domain', 'comment'] as const) {
					if (typeof fields[key] === 'string' && fields[key] !== '') body[key] = (fields[key] as string).trim();
				}
				if (fields.location_id !== undefined && fields.location_id !== '') {
					const location = String(fields.location_id).trim();
					if (!DCI_ID_PATTERN.test(location)) p.fail(`"${location}" is not a valid Location`, 'Location IDs are whole numbers.');
					body.location_id = Number(location);
				}
				if (fields.json !== undefined) Object.assign(body, p.jsonObject('updateFields.json', { label: 'Other Fields (JSON)' }));
				if (Object.keys(body).length === 0) p.fail('Nothing to update', 'Add at least one field under "Update Fields".');
				await apiRequest(p.ctx, dciApi, {
					method: 'POST',
					path: endpointPath('serverEdit', { id }),
					body,
					subject: `Server ${id}`,
					itemIndex: p.itemIndex,
				});
				return await getServer(p.ctx, id, p.itemIndex);
			},
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a server',
			description: 'Remove a server from DCImanager (the hardware is not touched)',
			properties: [serverLocator],
			run: async (p) => {
				const id = readId(p, 'serverId', 'Server');
				await apiRequest(p.ctx, dciApi, {
					method: 'DELETE',
					path: endpointPath('serverDelete', { id }),
					subject: `Server ${id}`,
					itemIndex: p.itemIndex,
				});
				return { id: Number(id), deleted: true };
			},
		},
		serverAction({
			value: 'powerOn',
			name: 'Power On',
			action: 'Power on a server',
			description: 'Turn a server on through its BMC or PDU (DCImanager allows it when the server is off or its power status unknown)',
			endpoint: 'serverPowerOn',
			defaultTimeoutSeconds: 300,
		}),
		serverAction({
			value: 'powerOff',
			name: 'Power Off',
			action: 'Power off a server',
			description: 'Turn a server off through its BMC or PDU (DCImanager allows it when the server is on)',
			endpoint: 'serverPowerOff',
			defaultTimeoutSeconds: 300,
		}),
		serverAction({
			value: 'reset',
			name: 'Reset',
			action: 'Reset a server',
			description: 'Hard-reset a server (power cycle); a server that is off is turned on',
			endpoint: 'serverPowerReset',
			defaultTimeoutSeconds: 300,
		}),
		serverAction({
			value: 'installOs',
			name: 'Install OS',
			action: 'Install an OS on a server',
			description: 'Install or reinstall an operating system from a template; the disks are erased',
			endpoint: 'serverInstallOs',
			defaultTimeoutSeconds: 3600,
			properties: [
				{ ...osTemplateLocator, description: 'The operating system template to install' },
				{
					displayName: 'Root Password',
					name: 'password',
					type: 'string',
					typeOptions: { password: true },
					default: '',
					description: 'Password for the installed system. Empty lets DCImanager generate one.',
				},
				{
					displayName: 'Other Parameters (JSON)',
					name: 'installJson',
					type: 'json',
					default: '{}',
					description: 'Further install parameters as DCImanager names them, e.g. {"recipe": 3}',
				},
			],
			body: (p) => {
				const template = readId(p, osTemplateLocator.name, osTemplateLocator.displayName);
				const body: IDataObject = { ...p.jsonObject('installJson', { label: 'Other Parameters (JSON)' }), os: Number(template) };
				const password = p.raw<string>('password', '');
				if (password) body.password = password;
				return body;
			},
		}),
		{
			value: 'getOperation',
			name: 'Get Operation',
			action: 'Get the running operation of a server',
			description: "The server's current or last operation (OS install, power, diagnostics) and its progress",
			properties: [serverLocator],
			run: async (p) => {
				const id = readId(p, 'serverId', 'Server');
				const found = await getServer(p.ctx, id, p.itemIndex);
				const current = found.operation as IDataObject | null | undefined;
				const state = operationState(current);
				return { serverId: Number(id), running: !operationSucceeded(state) && !operationFailed(state), operation: current ?? null };
			},
		},
		{
			value: 'waitForOperation',
			name: 'Wait for Operation',
			action: 'Wait for a server operation to finish',
			description: "Wait until the server's operation has finished and return the server",
			properties: [
				serverLocator,
				waitTimeoutProperty(3600, 'How long to wait before the node fails'),
			],
			run: async (p) => {
				const id = readId(p, 'serverId', 'Server');
				const timeoutSeconds = readWaitTimeout(p);
				return await waitForCompletion(p.ctx, serverOperationTracker(p.ctx, id, p.itemIndex), {
					timeoutSeconds,
					itemIndex: p.itemIndex,
				});
			},
		},
		{
			value: 'assign',
			name: 'Assign to User',
			action: 'Assign a server to a user',
			description: 'Make a user the owner of a server',
			properties: [serverLocator, userLocator],
			run: async (p) => {
				const id = readId(p, 'serverId', 'Server');
				const userId = readId(p, 'userId', 'User');
				await apiRequest(p.ctx, dciApi, {
					method: 'POST',
					path: endpointPath('serverAssignOwner', { id }),
					body: { owner: Number(userId) },
					subject: `Server ${id}`,
					itemIndex: p.itemIndex,
				});
				return await getServer(p.ctx, id, p.itemIndex);
			},
		},
		{
			value: 'release',
			name: 'Release From User',
			action: 'Release a server from its user',
			description: 'Remove the owner of a server so it is free again',
			properties: [serverLocator],
			run: async (p) => {
				const id = readId(p, 'serverId', 'Server');
				await apiRequest(p.ctx, dciApi, {
					method: 'DELETE',
					path: endpointPath('serverReleaseOwner', { id }),
					subject: `Server ${id}`,
					itemIndex: p.itemIndex,
				});
				return await getServer(p.ctx, id, p.itemIndex);
			},
		},
	],
};
