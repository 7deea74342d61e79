import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { limitedItems, pagingPropertiesReturningAll } from '../../shared/descriptions';
import { listOperation } from '../../shared/kinds';
import type { OperationDefinition, ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { apiRequest } from '../../shared/transport';
import { SP_NODE_NAME_PATTERN, businessUnitPath, cloutility, cloutilityApi } from '../api';
import { consumptionUnitLocator, readId } from '../locators';
import { consumerLocators, readConsumer } from './consumptionUnit';
import { deleteAt, reference, updateInPlace } from './common';

const nodeOf = (p: ParameterReader) => {
	const consumer = readConsumer(p);
	return { ...consumer, nodePath: `${consumer.path}/node`, subject: `Backup node of consumption unit ${consumer.consumerId}` };
};

/** The lists node creation picks from, loaded live from Cloutility. */
const choices: Array<{ name: string; label: string; method: string; description: string }> = [
	{ name: 'operatingSystemId', label: 'Operating System', method: 'getNodeOperatingSystems', description: 'Operating system of the computer to back up' },
	{ name: 'nodeTypeId', label: 'Node Type', method: 'getNodeTypes', description: 'What the node backs up, e.g. a file server or a workstation' },
	{ name: 'domainId', label: 'Policy Domain', method: 'getDomains', description: "Policy domain on the business unit's backup server: how long backups are kept" },
	{ name: 'clientOptionSetId', label: 'Client Option Set', method: 'getClientOptionSets', description: "Client option set on the business unit's backup server" },
];

const BODY_KEYS: { [name: string]: string } = {
	operatingSystemId: 'operatingSystem',
	nodeTypeId: 'type',
	domainId: 'domain',
	clientOptionSetId: 'clientOptionSet',
};

function choiceProperty(choice: (typeof choices)[number], required: boolean): INodeProperties {
	return {
		displayName: `${choice.label} Name or ID`,
		name: choice.name,
		type: 'options',
		typeOptions: { loadOptionsMethod: choice.method, loadOptionsDependsOn: ['businessUnitId.value'] },
		default: '',
		required,
		description: `${choice.description}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

const contactProperty: INodeProperties = { displayName: 'Contact', name: 'contact', type: 'string', default: '', description: 'Who to contact about this backup client' };
const cpuCountProperty: INodeProperties = { displayName: 'CPU Count', name: 'cpuCount', type: 'number', typeOptions: { minValue: 1, maxValue: 1024 }, default: 1, description: 'Processor count, where the price depends on it' };

function nodeChanges(p: ParameterReader, fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const choice of choices) {
		const value = fields[choice.name];
		if (value !== undefined && value !== '') body[BODY_KEYS[choice.name]] = reference(p, value, choice.label);
	}
	if (fields.contact !== undefined) {
		const contact = String(fields.contact).trim();
		if (contact.length > 200) p.fail('"Contact" is too long', 'Use at most 200 characters.');
		body.contact = contact;
	}
	if (fields.cpuCount !== undefined) {
		const cpuCount = Number(fields.cpuCount);
		if (!Number.isInteger(cpuCount) || cpuCount < 1 || cpuCount > 1024) p.fail('"CPU Count" must be a whole number from 1 to 1024');
		body.cpuCount = cpuCount;
	}
	return body;
}

/** The node's password on the backup server is a secret: outputs say only whether one is set. */
export function hidePassword(node: IDataObject): IDataObject {
	if (!('tsmPassword' in node)) return node;
	const { tsmPassword, ...rest } = node;
	return { ...rest, tsmPasswordSet: typeof tsmPassword === 'string' && tsmPassword !== '' };
}

/** Cloutility answers strings as JSON strings ("NAME"); some answer them bare. */
const unquote = (text: string) => text.trim().replace(/^"|"$/g, '');

/** The node name Cloutility suggests for activation (`…/node/spname`). */
async function suggestedName(p: ParameterReader, nodePath: string, subject: string): Promise<string> {
	const { body } = await apiRequest<unknown>(p.ctx, cloutilityApi, { method: 'GET', path: `${nodePath}/spname`, subject, itemIndex: p.itemIndex });
	const name = typeof body === 'string' ? unquote(body) : '';
	if (name === '') p.fail('Cloutility suggested no node name', 'Enter the node name yourself.');
	return name;
}

/** Checks a node name against IBM Storage Protect's naming rules, before anything is sent. */
export function checkNodeName(p: ParameterReader, name: string): string {
	if (!SP_NODE_NAME_PATTERN.test(name)) {
		p.fail(
			`"${name}" is not a valid IBM Storage Protect node name`,
			'Use 1 to 64 characters: letters A-Z, digits 0-9 and _ . - + & (no spaces, not starting with a hyphen). The backup server stores it in upper case.',
		);
	}
	return name;
}

function proxyOperations(kind: 'agent' | 'target'): OperationDefinition[] {
	const path = kind === 'agent' ? 'proxyagents' : 'proxytargets';
	const param = kind === 'agent' ? 'proxyAgentId' : 'proxyTargetId';
	const Label = kind === 'agent' ? 'Proxy Agent' : 'Proxy Target';
	const explain =
		kind === 'agent'
			? 'The node that may act for this one (e.g. restore its files)'
			: 'The node this one may act for (e.g. restore its files)';
	const other = consumptionUnitLocator('otherConsumptionUnitId', `${Label} Consumption Unit`, `${explain}: a consumption unit of the same business unit`);
	const readOther = (p: ParameterReader) => readId(p, 'otherConsumptionUnitId', `${Label} Consumption Unit`);
	return [
		{
			value: `add${kind === 'agent' ? 'ProxyAgent' : 'ProxyTarget'}`,
			name: `Add ${Label}`,
			action: `Add a ${Label.toLowerCase()}`,
			description: kind === 'agent' ? 'Allow another node to act as this node' : 'Allow this node to act as another node',
			properties: [...consumerLocators, other],
			run: async (p) => {
				const { nodePath, subject, consumerId } = nodeOf(p);
				const otherId = readOther(p);
				if (otherId === consumerId) p.fail(`A node cannot be its own ${Label.toLowerCase()}`);
				return hidePassword(
					(
						await apiRequest<IDataObject>(p.ctx, cloutilityApi, {
							method: 'POST',
							path: `${nodePath}/${path}`,
							qs: { [param]: otherId },
							subject,
							itemIndex: p.itemIndex,
						})
					).body,
				);
			},
		},
		{
			value: `remove${kind === 'agent' ? 'ProxyAgent' : 'ProxyTarget'}`,
			name: `Remove ${Label}`,
			action: `Remove a ${Label.toLowerCase()}`,
			description: kind === 'agent' ? 'Stop another node acting as this node' : 'Stop this node acting as another node',
			properties: [...consumerLocators, other],
			run: async (p) => {
				const { nodePath, subject, consumerId } = nodeOf(p);
				const otherId = readOther(p);
				return {
					...(await deleteAt(p, `${nodePath}/${path}/${otherId}`, subject)),
					consumptionUnitId: Number(consumerId),
					[param]: Number(otherId),
				};
			},
		},
	];
}

export const backupNode: ResourceDefinition = {
	value: 'backupNode',
	name: 'Backup Node',
	operations: [
		{
			value: 'get',
			name: 'Get',
			action: 'Get a backup node',
			description: 'Get the IBM Storage Protect node of a consumption unit',
			properties: consumerLocators,
			run: async (p) => {
				const { nodePath, subject } = nodeOf(p);
				return hidePassword((await apiRequest<IDataObject>(p.ctx, cloutilityApi, { method: 'GET', path: nodePath, subject, itemIndex: p.itemIndex })).body);
			},
		},
		{
			value: 'create',
			name: 'Create',
			action: 'Create a backup node',
			description: 'Create the backup node of a consumption unit; activate it next to give it its name on the backup server',
			properties: [
				...consumerLocators,
				...choices.map((choice) => choiceProperty(choice, true)),
				{ displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, options: [contactProperty, cpuCountProperty] },
			],
			run: async (p) => {
				const { businessUnitId, nodePath, subject } = nodeOf(p);
				const body: IDataObject = {};
				for (const choice of choices) body[BODY_KEYS[choice.name]] = reference(p, p.raw(choice.name, ''), choice.label);
				Object.assign(body, nodeChanges(p, p.collection('additionalFields')));
				const server = await apiRequest<IDataObject>(p.ctx, cloutilityApi, {
					method: 'GET',
					path: `${businessUnitPath(businessUnitId)}/defaultserver`,
					subject: `The backup server of business unit ${businessUnitId}`,
					itemIndex: p.itemIndex,
				});
				if (typeof server.body?.id === 'number') body.server = { id: server.body.id };
				return hidePassword((await apiRequest<IDataObject>(p.ctx, cloutilityApi, { method: 'POST', path: nodePath, body, subject, itemIndex: p.itemIndex })).body);
			},
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a backup node',
			description: 'Change the operating system, type, domain, option set, contact or CPU count of a backup node',
			properties: [
				...consumerLocators,
				{
					displayName: 'Update Fields',
					name: 'updateFields',
					type: 'collection',
					placeholder: 'Add Field',
					default: {},
					options: [...choices.map((choice) => choiceProperty(choice, false)), contactProperty, cpuCountProperty],
				},
			],
			run: async (p) => {
				const { nodePath, subject } = nodeOf(p);
				return hidePassword(await updateInPlace(p, nodePath, subject, nodeChanges(p, p.collection('updateFields'))));
			},
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a backup node',
			description: 'Delete the backup node; Cloutility deletes its consumption unit with it',
			properties: [
				...consumerLocators,
				{ displayName: 'Delete Associations', name: 'deleteAssociations', type: 'boolean', default: true, description: 'Whether to delete what belongs to the node as well' },
			],
			run: async (p) => {
				const { nodePath, subject, consumerId } = nodeOf(p);
				return { ...(await deleteAt(p, nodePath, subject, { deleteAssociations: p.boolean('deleteAssociations', true) })), consumptionUnitId: Number(consumerId) };
			},
		},
		{
			value: 'activate',
			name: 'Activate',
			action: 'Activate a backup node',
			description: 'Register the node on the backup server under a name, so its backup client can be configured',
			properties: [
				...consumerLocators,
				{
					displayName: 'Node Name',
					name: 'tsmName',
					type: 'string',
					default: '',
					placeholder: 'LISAS-WS',
					description:
						'Name on the IBM Storage Protect server, used to configure the backup client: up to 64 of A-Z 0-9 _ . - + &. Empty: the name Cloutility suggests (as Get Suggested Name returns it).',
				},
			],
			run: async (p) => {
				const { nodePath, subject, consumerId } = nodeOf(p);
				const given = p.optionalString('tsmName', { label: 'Node Name' });
				const tsmName = checkNodeName(p, given ?? (await suggestedName(p, nodePath, subject)));
				const { body } = await apiRequest<unknown>(p.ctx, cloutilityApi, {
					method: 'GET',
					path: `${nodePath}/activate`,
					qs: { tsmName },
					subject,
					itemIndex: p.itemIndex,
				});
				return {
					activated: true,
					consumptionUnitId: Number(consumerId),
					tsmName: tsmName.toUpperCase(),
					nameSuggestedByCloutility: given === undefined,
					message: typeof body === 'string' ? unquote(body) : (body as IDataObject),
				};
			},
		},
		{
			value: 'getSuggestedName',
			name: 'Get Suggested Name',
			action: 'Get the suggested name of a backup node',
			description: 'Get the node name Cloutility suggests for activation (…/node/spname)',
			properties: consumerLocators,
			run: async (p) => {
				const { nodePath, subject, consumerId } = nodeOf(p);
				return { consumptionUnitId: Number(consumerId), suggestedName: await suggestedName(p, nodePath, subject) };
			},
		},
		{
			value: 'setPassword',
			name: 'Set Password',
			action: 'Set the password of a backup node',
			description: "Change the node's password on the backup server; the backup client must then sign in with the new one",
			properties: [
				...consumerLocators,
				{
					displayName: 'New Password',
					name: 'password',
					type: 'string',
					typeOptions: { password: true },
					default: '',
					required: true,
					description: "The node's new password on the IBM Storage Protect server. It is sent only to Cloutility and never shown in the output.",
				},
			],
			run: async (p) => {
				const { nodePath, subject, consumerId } = nodeOf(p);
				const password = String(p.raw('password', '') ?? '');
				if (password === '') p.fail('"New Password" is required', 'Enter the new password of the backup node.');
				if (password.length > 64) p.fail('"New Password" is too long', 'IBM Storage Protect node passwords have at most 64 characters.');
				if ([...password].some((char) => char.charCodeAt(0) < 32 || char.charCodeAt(0) === 127)) p.fail('"New Password" contains a control character', 'Use printable characters only.');
				const { body } = await apiRequest<IDataObject>(p.ctx, cloutilityApi, {
					method: 'POST',
					path: `${nodePath}/password`,
					body: { tsmPassword: password },
					subject,
					itemIndex: p.itemIndex,
				});
				return { passwordChanged: true, consumptionUnitId: Number(consumerId), ...hidePassword(body ?? {}) };
			},
		},
		{
			value: 'getFilespaces',
			name: 'Get Filespaces',
			action: 'Get many filespaces of a backup node',
			description: 'List the filespaces (drives, file systems) the node has backed up',
			properties: [
				...consumerLocators,
				{
					displayName: 'Synchronise With Backup Server',
					name: 'tsmSync',
					type: 'boolean',
					default: false,
					description: 'Whether Cloutility reads the current filespaces from the backup server first (slower) instead of returning what it last saw',
				},
				...pagingPropertiesReturningAll('filespaces'),
			],
			run: async (p) => {
				const { nodePath, subject } = nodeOf(p);
				const { body } = await apiRequest<IDataObject>(p.ctx, cloutilityApi, {
					method: 'GET',
					path: `${nodePath}/filespaces`,
					qs: { tsmSync: p.boolean('tsmSync') },
					subject,
					itemIndex: p.itemIndex,
				});
				return limitedItems(p, Array.isArray(body.items) ? (body.items as IDataObject[]) : [], true);
			},
		},
		listOperation(cloutility, {
			value: 'getPossibleProxyNodes',
			name: 'Get Possible Proxy Nodes',
			action: 'Get many possible proxy nodes',
			description: 'List the nodes that can become proxy agents or targets of this node',
			itemName: 'nodes',
			properties: consumerLocators,
			request: (p) => {
				const { nodePath, subject } = nodeOf(p);
				return { method: 'GET', path: `${nodePath}/possibleproxynodes`, subject };
			},
		}),
		...proxyOperations('agent'),
		...proxyOperations('target'),
	],
};
