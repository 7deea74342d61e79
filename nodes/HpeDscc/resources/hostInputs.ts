import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { getOperation, listOperation, writeOperation } from '../../shared/kinds';
import type { OperationDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { fillPath } from '../../shared/parameters';
import { DSCC_ID_PATTERN } from '../api';
import { dscc, listQuery, listQueryOptions } from '../profile';

/** Inputs shared by the Host Group, Host and Initiator resources: names, protocols, initiator addresses. */

export type InitiatorProtocol = 'FC' | 'iSCSI' | 'NVMe';

export const PROTOCOL_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Fibre Channel (FC)', value: 'FC', description: 'Addresses are WWPNs, e.g. 10:00:00:10:9b:1c:2d:3e' },
	{ name: 'iSCSI', value: 'iSCSI', description: 'Addresses are IQNs (iqn.1998-01.com.vmware:esx-01) or EUIs (eui.02004567a425678d)' },
	{ name: 'NVMe', value: 'NVMe', description: 'Addresses are NQNs, e.g. nqn.2014-08.org.nvmexpress:uuid:…' },
];

/** The host operating systems DSCC documents for `operatingSystem`, spelled exactly as it expects them. */
const OPERATING_SYSTEMS = [
	'AIX',
	'Apple',
	'Citrix Hypervisor(XenServer)',
	'HP-UX',
	'IBM VIO Server',
	'InForm',
	'NetApp/ONTAP',
	'OE Linux UEK',
	'OpenVMS',
	'Oracle VM x86',
	'RHE Linux',
	'RHE Virtualization',
	'Solaris',
	'SuSE Linux',
	'SuSE Virtualization',
	'Ubuntu',
	'VMware (ESXi)',
	'Windows Server',
];

export const OPERATING_SYSTEM_OPTIONS: INodePropertyOptions[] = OPERATING_SYSTEMS.map((name) => ({ name, value: name }));

/** iSCSI and NVMe qualified names may be at most 223 bytes long (RFC 3720, NVMe base specification). */
const MAX_QUALIFIED_NAME_LENGTH = 223;
const DATE_AND_DOMAIN = String.raw`\d{4}-(?:0[1-9]|1[0-2])\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*`;

const ADDRESS_RULES: Record<InitiatorProtocol, { patterns: RegExp[]; hint: string }> = {
	FC: {
		patterns: [/^[0-9a-f]{16}$/i, /^[0-9a-f]{2}(?::[0-9a-f]{2}){7}$/i],
		hint: 'A Fibre Channel address is a WWPN of 16 hex digits, e.g. 10:00:00:10:9b:1c:2d:3e or 100000109B1C2D3E.',
	},
	iSCSI: {
		patterns: [new RegExp(`^iqn\\.${DATE_AND_DOMAIN}(?::[a-z0-9][a-z0-9._:-]*)?$`, 'i'), /^eui\.[0-9a-f]{16}$/i, /^naa\.(?:[0-9a-f]{16}|[0-9a-f]{32})$/i],
		hint: 'An iSCSI address is an IQN such as iqn.1998-01.com.vmware:esx-01 (iqn.year-month.reversed-domain:name), or eui. / naa. followed by 16 hex digits.',
	},
	NVMe: {
		patterns: [new RegExp(`^nqn\\.${DATE_AND_DOMAIN}(?::[a-z0-9][a-z0-9._:-]*)?$`, 'i')],
		hint: 'An NVMe address is an NQN such as nqn.2014-08.org.nvmexpress:uuid:4c4c4544-0052-3510-8043-b3c04f4e3332.',
	},
};

/** An operating system from the documented list, refusing anything else (e.g. a wrong expression result). */
export function readOperatingSystem(p: ParameterReader, value: unknown, label: string): string {
	if (typeof value !== 'string' || !OPERATING_SYSTEMS.includes(value)) {
		p.fail(`"${label}" must be one of the listed operating systems`, `Received: ${JSON.stringify(value)}. Use one of: ${OPERATING_SYSTEMS.join(', ')}.`);
	}
	return value;
}

export function isInitiatorProtocol(value: unknown): value is InitiatorProtocol {
	return value === 'FC' || value === 'iSCSI' || value === 'NVMe';
}

/** Checks an initiator address against the format of its protocol; fails with an example of the right format. */
export function checkInitiatorAddress(p: ParameterReader, protocol: InitiatorProtocol, address: string, where: string): string {
	const rules = ADDRESS_RULES[protocol];
	const tooLong = protocol !== 'FC' && address.length > MAX_QUALIFIED_NAME_LENGTH;
	if (tooLong || !rules.patterns.some((pattern) => pattern.test(address))) {
		p.fail(`${where}: ${JSON.stringify(address)} is not a valid ${protocol} initiator address`, rules.hint);
	}
	return address;
}

/** The protocol an option parameter holds, refusing anything else (e.g. a wrong expression result). */
export function readProtocol(p: ParameterReader, value: unknown, label: string): InitiatorProtocol {
	if (!isInitiatorProtocol(value)) {
		p.fail(`"${label}" must be FC, iSCSI or NVMe`, `Received: ${JSON.stringify(value)}`);
	}
	return value;
}

/** Splits a list of addresses typed one per line or separated by commas. */
function splitAddresses(value: unknown): string[] {
	const entries = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[\s,;]+/);
	return entries.map((entry) => entry.trim()).filter((entry) => entry !== '');
}

/** Initiators to create (`InitiatorInput`) from a list of addresses that all use one protocol. */
export function readInitiatorsToCreate(
	p: ParameterReader,
	value: unknown,
	protocol: InitiatorProtocol,
	where: string,
): IDataObject[] {
	const addresses = splitAddresses(value).map((address) => checkInitiatorAddress(p, protocol, address, where));
	const seen = new Set<string>();
	for (const address of addresses) {
		const key = address.replace(/:/g, '').toLowerCase();
		if (seen.has(key)) p.fail(`${where}: the address ${address} is listed twice`);
		seen.add(key);
	}
	return addresses.map((address) => ({ address, protocol }));
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6 = /^[0-9a-f:]*:[0-9a-f:.]*$/i;

/** An IPv4 or IPv6 address (of a host or an iSCSI initiator). */
export function checkIpAddress(p: ParameterReader, value: string, label: string): string {
	if (!IPV4.test(value) && !IPV6.test(value)) p.fail(`"${label}" is not a valid IP address: ${value}`, 'For example 10.20.30.41 or fd00::41.');
	return value;
}

export function isIpv4(value: string): boolean {
	return IPV4.test(value);
}

const NAME_MAX_LENGTH = 255;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** A host, host group or initiator name: required, one line, not too long. */
export function checkName(p: ParameterReader, value: unknown, label: string): string {
	const name = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (name === '') p.fail(`"${label}" is required`, `Enter a value for "${label}".`);
	if (name.length > NAME_MAX_LENGTH) p.fail(`"${label}" is too long`, `Use at most ${NAME_MAX_LENGTH} characters.`);
	if (CONTROL_CHARACTERS.test(name)) p.fail(`"${label}" must be a single line without control characters`);
	return name;
}

/**
 * A list of host, host group or initiator IDs: an array (a multi-select, or an expression giving
 * one) or a comma-separated text (an expression, or a value saved when these fields were text).
 */
export function readIds(p: ParameterReader, name: string, label: string, required = false): string[] {
	const ids = p.idList(name, { label, pattern: DSCC_ID_PATTERN, required });
	return [...new Set(ids)];
}

const hostNameHint = 'The name the storage systems know the host by, usually its host name, e.g. esx-prod-01';

/** The Name, Operating System and Protocol of a new host, as Host → Create and "Hosts to Create" ask for them. */
export function newHostProperties(options: { required?: boolean; protocolDescription: string }): INodeProperties[] {
	return [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			...(options.required ? { required: true } : {}),
			placeholder: 'esx-prod-01',
			description: hostNameHint,
		},
		{
			displayName: 'Operating System',
			name: 'operatingSystem',
			type: 'options',
			options: OPERATING_SYSTEM_OPTIONS,
			default: 'VMware (ESXi)',
			description: 'Operating system of the host; storage systems use it to pick the right host persona',
		},
		{
			displayName: 'Protocol',
			name: 'protocol',
			type: 'options',
			options: PROTOCOL_OPTIONS,
			default: 'FC',
			description: options.protocolDescription,
		},
	];
}

/** "Hosts to Create": new hosts, each with its operating system and its initiators (all of one protocol). */
export const hostsToCreateProperty: INodeProperties = {
	displayName: 'Hosts to Create',
	name: 'hostsToCreate',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Host',
	default: {},
	description: 'New hosts to create and put in the group in the same step, each with its initiators',
	options: [
		{
			displayName: 'Host',
			name: 'host',
			values: [
				...newHostProperties({ protocolDescription: 'Protocol of the host initiators. All hosts of one group use the same protocol.' }),
				{
					displayName: 'Initiator Addresses',
					name: 'initiatorAddresses',
					type: 'string',
					typeOptions: { rows: 2 },
					default: '',
					placeholder: '10:00:00:10:9b:1c:2d:3e, 10:00:00:10:9b:1c:2d:3f',
					description:
						'Addresses of the host initiators to create (WWPNs for FC, IQNs for iSCSI, NQNs for NVMe), separated by commas or new lines',
				},
			],
		},
	],
};

/** Reads "Hosts to Create" into `CreateHostInput` objects, checking every name and address. */
export function readHostsToCreate(p: ParameterReader): IDataObject[] {
	const entries = (p.collection('hostsToCreate').host as IDataObject[] | undefined) ?? [];
	const names = new Set<string>();
	return entries.map((entry, index) => {
		const where = `Host ${index + 1} in "Hosts to Create"`;
		const name = checkName(p, entry.name, `${where}: Name`);
		if (names.has(name.toLowerCase())) p.fail(`${where}: the name ${name} is used twice`);
		names.add(name.toLowerCase());
		const operatingSystem = readOperatingSystem(p, entry.operatingSystem ?? 'VMware (ESXi)', `${where}: Operating System`);
		const protocol = readProtocol(p, entry.protocol ?? 'FC', `${where}: Protocol`);
		const host: IDataObject = { name, operatingSystem, protocol };
		const initiators = readInitiatorsToCreate(p, entry.initiatorAddresses, protocol, where);
		if (initiators.length > 0) host.initiatorsToCreate = initiators;
		return host;
	});
}

/** A collection of the Host and Host Group resources: its API path, the locator of one item and the words for it. */
export interface HostCollection {
	basePath: string;
	locator: INodeProperties;
	singular: string;
	plural: string;
	/**
	 * How actions name one item: "a host", but "host group" without an article, so that no action is
	 * a prefix of another ("Get a host" / "Get host group"): n8n keeps a stale node title otherwise.
	 */
	oneInActions: string;
}

/** The path and message subject of the item the locator picks, e.g. "Host group 2b09…". */
export function hostCollectionTarget(p: ParameterReader, collection: HostCollection): { path: string; subject: string } {
	const { basePath, locator, singular } = collection;
	const id = p.id(locator.name, { label: locator.displayName, pattern: DSCC_ID_PATTERN });
	return { path: fillPath(`${basePath}/{id}`, { id }), subject: `${singular[0].toUpperCase()}${singular.slice(1)} ${id}` };
}

/** Get Many and Get of a host collection. */
export function hostCollectionReadOperations(
	collection: HostCollection,
	texts: { listDescription: string; getDescription: string; filterExample: string },
): OperationDefinition[] {
	return [
		listOperation(dscc, {
			value: 'getAll',
			name: 'Get Many',
			action: `Get many ${collection.plural}`,
			description: texts.listDescription,
			itemName: collection.plural,
			properties: [listQueryOptions({ filterExample: texts.filterExample, select: false })],
			request: (p) => ({ method: 'GET', path: collection.basePath, qs: listQuery(p) }),
		}),
		getOperation(dscc, {
			value: 'get',
			name: 'Get',
			action: `Get ${collection.oneInActions}`,
			description: texts.getDescription,
			properties: [collection.locator],
			request: (p) => ({ method: 'GET', ...hostCollectionTarget(p, collection) }),
		}),
	];
}

/** Delete of a host collection, with Force. */
export function hostCollectionDeleteOperation(
	collection: HostCollection,
	texts: { description: string; forceDescription: string },
): OperationDefinition {
	return writeOperation(dscc, {
		value: 'delete',
		name: 'Delete',
		action: `Delete ${collection.oneInActions}`,
		description: texts.description,
		properties: [
			collection.locator,
			{
				displayName: 'Force',
				name: 'force',
				type: 'boolean',
				default: false,
				description: texts.forceDescription,
			},
		],
		request: (p) => ({
			method: 'DELETE',
			...hostCollectionTarget(p, collection),
			qs: p.boolean('force') ? { force: true } : undefined,
		}),
	});
}
