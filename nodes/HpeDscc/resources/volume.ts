import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { getOperation, writeOperation } from '../../shared/kinds';
import type { ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { fillPath } from '../../shared/parameters';
import { apiRequest } from '../../shared/transport';
import { DSCC_ID_PATTERN, dsccApi } from '../api';
import { resolveSystem } from '../deviceType';
import { dsccLocator, performancePolicyLocator, storageSystemLocator, volumeLocator } from '../locators';
import { dscc, dsccListOperation, listQuery, listQueryOptions } from '../profile';
import { systemPath } from '../systemComponents';
import type { FieldAvailability, ResolvedVolume } from '../volumeSystem';
import {
	checkNameFor,
	checkSizeFor,
	fieldValue,
	formatMiB,
	readObjectName,
	readSizeMiB,
	rejectUnavailableFields,
	resolveVolume,
	volumePath,
} from '../volumeSystem';
import { findStoragePool } from './storagePool';

const T1 = 'device-type1';
const T2 = 'device-type2';
const T4 = 'device-type4';
const CPG_TYPES = [T1, T4] as const;

const sizeUnitOptions = [
	{ name: 'GiB', value: 'GiB' },
	{ name: 'MiB', value: 'MiB' },
	{ name: 'TiB', value: 'TiB' },
];

/** Reads an optional whole number of a collection, validated like a top-level parameter. */
function optionalInteger(
	p: ParameterReader,
	collection: string,
	fields: IDataObject,
	key: string,
	range: { label: string; min?: number; max?: number },
): number | undefined {
	if (fields[key] === undefined || fields[key] === '') return undefined;
	return p.integer(`${collection}.${key}`, range);
}

/** An optional ID among the fields of a collection: plain text, or a resource locator's value. */
function optionalId(p: ParameterReader, fields: IDataObject, key: string, label: string): string | undefined {
	const raw = fieldValue(fields, key);
	const value = typeof raw === 'string' ? raw.trim() : '';
	if (value === '') return undefined;
	if (!DSCC_ID_PATTERN.test(value)) p.fail(`${JSON.stringify(value)} is not a valid ${label}`);
	return value;
}

function optionalText(p: ParameterReader, fields: IDataObject, key: string, label: string, maxLength: number): string | undefined {
	const value = typeof fields[key] === 'string' ? (fields[key] as string).trim() : '';
	if (value === '') return undefined;
	if (value.length > maxLength || /[\r\n\0]/.test(value)) p.fail(`"${label}" is not valid`, `Use a single line of at most ${maxLength} characters.`);
	return value;
}

/** Nimble IOPS limits: -1 (unlimited) or 256 to 4294967294, as the API documents. */
function readIopsLimit(p: ParameterReader, collection: string, fields: IDataObject): number | undefined {
	const value = optionalInteger(p, collection, fields, 'limitIops', { label: 'IOPS Limit', min: -1, max: 4294967294 });
	if (value !== undefined && value !== -1 && value < 256) {
		p.fail(`"IOPS Limit" is out of range: ${value}`, 'Use -1 for no limit, or a value from 256 to 4294967294.');
	}
	return value;
}

function readMbpsLimit(p: ParameterReader, collection: string, fields: IDataObject): number | undefined {
	const value = optionalInteger(p, collection, fields, 'limitMbps', { label: 'Throughput Limit (MB/s)', min: -1 });
	if (value === 0) p.fail('"Throughput Limit (MB/s)" is out of range: 0', 'Use -1 for no limit, or a value of at least 1.');
	return value;
}

function withoutUndefined(body: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

// ----- Host groups to export to / un-export from -----

const hostGroupsProperty: INodeProperties = {
	displayName: 'Host Groups',
	name: 'hostGroups',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Host Group',
	default: {},
	required: true,
	description: 'The host groups whose hosts see the volume',
	options: [
		{
			displayName: 'Host Group',
			name: 'hostGroup',
			values: [
				dsccLocator({
					name: 'hostGroupId',
					displayName: 'Host Group',
					searchListMethod: 'searchHostGroups',
					listPlaceholder: 'Choose a host group…',
					placeholder: 'e789e756496246859fde6c132b2091d3',
				}),
			],
		},
	],
};

/** The host group IDs of the Host Groups parameter: at least one, each a valid ID, without repeats. */
function readHostGroupIds(p: ParameterReader): string[] {
	const entries = (p.raw<IDataObject>('hostGroups', {})?.hostGroup as IDataObject[] | undefined) ?? [];
	const ids = entries.map((entry) => {
		const value = entry.hostGroupId;
		const id = String((value && typeof value === 'object' ? (value as IDataObject).value : value) ?? '').trim();
		if (!DSCC_ID_PATTERN.test(id)) {
			p.fail(
				id === '' ? 'A host group in "Host Groups" is empty' : `${JSON.stringify(id)} in "Host Groups" is not a valid host group ID`,
				'Pick each host group from the list, or remove the empty entry.',
			);
		}
		return id;
	});
	if (ids.length === 0) p.fail('"Host Groups" needs at least one host group', 'Add the host groups whose hosts should see the volume.');
	return [...new Set(ids)];
}

// ----- Fields of both Create and Update -----

const allocationWarningField: INodeProperties = {
	displayName: 'Allocation Warning (%)',
	name: 'allocationWarning',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 100 },
	default: 80,
	description:
		'Primera / Alletra 9000 / Alletra MP only: raise an alert when the volume has allocated this percentage of its size',
};

const iopsLimitField: INodeProperties = {
	displayName: 'IOPS Limit',
	name: 'limitIops',
	type: 'number',
	default: -1,
	description: 'Nimble / Alletra 6000 only: the most I/O operations per second the volume may serve; -1 for no limit, else 256 or more',
};

const throughputLimitField: INodeProperties = {
	displayName: 'Throughput Limit (MB/s)',
	name: 'limitMbps',
	type: 'number',
	default: -1,
	description: 'Nimble / Alletra 6000 only: the most megabytes per second the volume may transfer; -1 for no limit',
};

function readAllocationWarning(p: ParameterReader, collection: string, fields: IDataObject): number | undefined {
	return optionalInteger(p, collection, fields, 'allocationWarning', { label: 'Allocation Warning (%)', min: 1, max: 100 });
}

// ----- Create -----

const CREATE_FIELDS = 'additionalFields';
const createAvailability: FieldAvailability = {
	count: { label: 'Count', types: [...CPG_TYPES] },
	snapshotPool: { label: 'Snapshot Pool', types: [T1] },
	allocationWarning: { label: 'Allocation Warning (%)', types: [...CPG_TYPES] },
	limitIops: { label: 'IOPS Limit', types: [T2] },
	limitMbps: { label: 'Throughput Limit (MB/s)', types: [T2] },
	performancePolicyId: { label: 'Performance Policy', types: [T2] },
};

const createProperties: INodeProperties[] = [
	storageSystemLocator,
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'sql-data-01',
		description:
			'Name of the new volume. Primera / Alletra 9000 / Alletra MP: up to 31 letters, digits, dots, dashes and underscores. Nimble / Alletra 6000: up to 215 letters, digits, dots, dashes and colons.',
	},
	{
		displayName: 'Size',
		name: 'size',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 100,
		required: true,
		description:
			'Size of the volume, in the unit below. At most 64 TiB on Primera / Alletra 9000 / Alletra MP, 127 TiB on Nimble / Alletra 6000.',
	},
	{
		displayName: 'Size Unit',
		name: 'sizeUnit',
		type: 'options',
		options: sizeUnitOptions,
		default: 'GiB',
		description: 'Unit of the size: MiB (1,048,576 bytes), GiB (1,024 MiB) or TiB (1,024 GiB)',
	},
	{
		displayName: 'Storage Pool Name or ID',
		name: 'pool',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getStoragePools', loadOptionsDependsOn: ['systemId.value'] },
		default: '',
		required: true,
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'Pick the storage system above first. The pool to create the volume in: a CPG such as SSD_r6 on Primera / Alletra 9000 / Alletra MP, a pool such as "default" on Nimble / Alletra 6000. An expression may give its name or ID.',
	},
	{
		displayName: 'Additional Fields',
		name: CREATE_FIELDS,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			allocationWarningField,
			{
				displayName: 'Comment',
				name: 'comment',
				type: 'string',
				default: '',
				description: 'Free text stored with the volume (its description on Nimble / Alletra 6000)',
			},
			{
				displayName: 'Count',
				name: 'count',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: 1,
				description:
					'Primera / Alletra 9000 / Alletra MP only: how many volumes to create at once. With more than one, the array names them Name.0, Name.1, and so on.',
			},
			{
				displayName: 'Data Reduction',
				name: 'dataReduction',
				type: 'boolean',
				default: true,
				description:
					'Whether to deduplicate and compress the volume data (deduplication on Nimble / Alletra 6000). Volumes are thin-provisioned either way.',
			},
			iopsLimitField,
			performancePolicyLocator(
				'Nimble / Alletra 6000 only: the performance policy (block size, caching, compression) to apply, listed from the storage system above. Empty uses the array default.',
			),
{
				displayName: 'Snapshot Pool Name or ID',
				name: 'snapshotPool',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getStoragePools' },
				default: '',
				description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				hint: 'Primera / Alletra 9000 only: the CPG that holds the snapshots of the volume. Empty uses the volume CPG.',
			},
			throughputLimitField,
		],
	},
];

async function createRequest(p: ParameterReader) {
	const name = readObjectName(p, 'name', 'Name');
	const sizeMiB = readSizeMiB(p, 'size', p.raw('sizeUnit', 'GiB'), 'Size');
	const poolName = p.string('pool', { label: 'Storage Pool', maxLength: 255 });
	const fields = p.collection(CREATE_FIELDS);
	const count = optionalInteger(p, CREATE_FIELDS, fields, 'count', { label: 'Count', min: 1, max: 100 });
	const allocationWarning = readAllocationWarning(p, CREATE_FIELDS, fields);
	const limitIops = readIopsLimit(p, CREATE_FIELDS, fields);
	const limitMbps = readMbpsLimit(p, CREATE_FIELDS, fields);
	const performancePolicyId = optionalId(p, fields, 'performancePolicyId', 'Performance Policy');
	const comment = optionalText(p, fields, 'comment', 'Comment', 255);
	const snapshotPool = optionalText(p, fields, 'snapshotPool', 'Snapshot Pool', 255);
	const dataReduction = typeof fields.dataReduction === 'boolean' ? fields.dataReduction : undefined;

	const system = await resolveSystem(p);
	rejectUnavailableFields(p, system, fields, createAvailability);
	checkNameFor(p, system, count !== undefined && count > 1 ? `${name}.${count - 1}` : name, 'Name');
	checkSizeFor(p, system, sizeMiB, 'Size');
	const pool = await findStoragePool(p, system, poolName);

	const body: IDataObject =
		system.deviceType === T2
			? {
					name,
					size: sizeMiB,
					pool_id: pool.id,
					description: comment,
					dedupe_enabled: dataReduction,
					limit_iops: limitIops,
					limit_mbps: limitMbps,
					perfpolicy_id: performancePolicyId,
				}
			: {
					name,
					sizeMib: sizeMiB,
					userCpg: pool.name,
					comments: comment,
					count,
					dataReduction,
					snapCpg: snapshotPool,
					userAllocWarning: allocationWarning,
				};
	return {
		method: 'POST' as const,
		path: systemPath(system, 'volumes'),
		body: withoutUndefined(body),
		subject: system.subject,
	};
}

// ----- Update -----

const UPDATE_FIELDS = 'updateFields';
const updateAvailability: FieldAvailability = {
	pool: { label: 'Move to Storage Pool', types: [...CPG_TYPES] },
	allocationWarning: { label: 'Allocation Warning (%)', types: [...CPG_TYPES] },
	description: { label: 'Description', types: [T2] },
	online: { label: 'Online', types: [T2] },
	force: { label: 'Force', types: [T2] },
	limitIops: { label: 'IOPS Limit', types: [T2] },
	limitMbps: { label: 'Throughput Limit (MB/s)', types: [T2] },
	performancePolicyId: { label: 'Performance Policy', types: [T2] },
};

const updateProperties: INodeProperties[] = [
	volumeLocator,
	{
		displayName: 'Update Fields',
		name: UPDATE_FIELDS,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			allocationWarningField,
			{
				displayName: 'Data Reduction',
				name: 'dataReduction',
				type: 'boolean',
				default: true,
				description: 'Whether to deduplicate and compress the volume data (deduplication on Nimble / Alletra 6000)',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'Nimble / Alletra 6000 only: free text stored with the volume',
			},
			{
				displayName: 'Force',
				name: 'force',
				type: 'boolean',
				default: false,
				description:
					'Whether to force what Nimble / Alletra 6000 otherwise refuses: shrinking the volume (data beyond the new size is lost) or taking it offline while hosts are connected. Nimble / Alletra 6000 only.',
			},
			iopsLimitField,
{
				displayName: 'Move to Storage Pool Name or ID',
				name: 'pool',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getStoragePools' },
				default: '',
				description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				hint: 'Primera / Alletra 9000 / Alletra MP only: the CPG to move the volume data to, listed from the system of the volume',
			},
			{
				displayName: 'New Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'New name of the volume, following the same rules as when creating one',
			},
			{
				displayName: 'New Size',
				name: 'size',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 100,
				description:
					'New size, in the Size Unit (GiB unless you add Size Unit). Primera / Alletra 9000 / Alletra MP volumes can only grow; Nimble / Alletra 6000 volumes shrink only with Force.',
			},
			{
				displayName: 'Online',
				name: 'online',
				type: 'boolean',
				default: true,
				description:
					'Whether hosts can use the volume (Nimble / Alletra 6000 only). A volume must be offline before Nimble / Alletra 6000 deletes it without Force.',
			},
			performancePolicyLocator(
				'Nimble / Alletra 6000 only: another performance policy with the same block size, listed from the system of the volume',
			),
			{
				displayName: 'Size Unit',
				name: 'sizeUnit',
				type: 'options',
				options: sizeUnitOptions,
				default: 'GiB',
				description: 'Unit of New Size',
			},
			throughputLimitField,
		],
	},
];

/** Refuses a new size the platform would refuse or that would lose data without the user asking for it. */
function checkResize(p: ParameterReader, volume: ResolvedVolume, sizeMiB: number, force: boolean): void {
	checkSizeFor(p, volume.system, sizeMiB, 'New Size');
	if (volume.sizeMiB === undefined || sizeMiB >= volume.sizeMiB) return;
	const change = `from ${formatMiB(volume.sizeMiB)} to ${formatMiB(sizeMiB)}`;
	if (volume.system.deviceType !== T2) {
		p.fail(
			`${volume.subject} cannot shrink ${change}`,
			'Volumes of Primera / Alletra 9000 / Alletra MP can only grow. Create a smaller volume and copy the data instead.',
		);
	}
	if (!force) {
		p.fail(`Shrinking ${volume.subject} ${change} needs Force`, 'Shrinking loses the data beyond the new size. Add Force to confirm.');
	}
}

async function updateRequest(p: ParameterReader) {
	const fields = p.collection(UPDATE_FIELDS);
	const given = Object.keys(fields).filter((key) => key !== 'sizeUnit' && fields[key] !== '' && fields[key] !== undefined);
	if (given.length === 0) p.fail('Nothing to update', 'Add at least one field under "Update Fields".');
	const name = fields.name !== undefined && fields.name !== '' ? readObjectName(p, `${UPDATE_FIELDS}.name`, 'New Name') : undefined;
	const sizeMiB = fields.size !== undefined ? readSizeMiB(p, `${UPDATE_FIELDS}.size`, fields.sizeUnit ?? 'GiB', 'New Size') : undefined;
	const allocationWarning = readAllocationWarning(p, UPDATE_FIELDS, fields);
	const limitIops = readIopsLimit(p, UPDATE_FIELDS, fields);
	const limitMbps = readMbpsLimit(p, UPDATE_FIELDS, fields);
	const performancePolicyId = optionalId(p, fields, 'performancePolicyId', 'Performance Policy');
	const description = optionalText(p, fields, 'description', 'Description', 255);
	const poolName = optionalText(p, fields, 'pool', 'Move to Storage Pool', 255);
	const force = fields.force === true;
	const flag = (key: string) => (typeof fields[key] === 'boolean' ? (fields[key] as boolean) : undefined);

	const volume = await resolveVolume(p);
	const { system } = volume;
	rejectUnavailableFields(p, system, fields, updateAvailability);
	if (name !== undefined) checkNameFor(p, system, name, 'New Name');
	if (sizeMiB !== undefined) checkResize(p, volume, sizeMiB, force);
	const pool = poolName !== undefined ? await findStoragePool(p, system, poolName) : undefined;

	const body: IDataObject =
		system.deviceType === T2
			? {
					name,
					size: sizeMiB,
					description,
					dedupe_enabled: flag('dataReduction'),
					online: flag('online'),
					force: force || undefined,
					limit_iops: limitIops,
					limit_mbps: limitMbps,
					perfpolicy_id: performancePolicyId,
				}
			: {
					name,
					sizeMib: sizeMiB,
					dataReduction: flag('dataReduction'),
					userCpgName: pool?.name,
					userAllocWarning: allocationWarning,
				};
	return { method: 'PUT' as const, path: volumePath(volume), body: withoutUndefined(body), subject: volume.subject };
}

// ----- Delete -----

/** Nimble deletes only offline volumes: say so before sending a delete that would fail. */
async function checkOfflineForDelete(p: ParameterReader, volume: ResolvedVolume): Promise<void> {
	const { body } = await apiRequest<IDataObject>(p.ctx, dsccApi, {
		method: 'GET',
		path: volumePath(volume),
		subject: volume.subject,
		itemIndex: p.itemIndex,
	});
	if (body.online === true) {
		p.fail(
			`${volume.subject} is online, and ${volume.system.subject} deletes only offline volumes`,
			'Turn on Force to take the volume and its snapshots offline and delete it, or first set it offline with Update (Online off).',
		);
	}
}

async function deleteRequest(p: ParameterReader) {
	const force = p.boolean('force');
	const cascade = p.boolean('cascade');
	const volume = await resolveVolume(p);
	if (volume.system.deviceType === T2) {
		if (!force) await checkOfflineForDelete(p, volume);
		return { method: 'DELETE' as const, path: volumePath(volume), qs: { force: force || undefined }, subject: volume.subject };
	}
	return {
		method: 'DELETE' as const,
		path: volumePath(volume),
		qs: { unExport: force || undefined, cascade: cascade || undefined },
		subject: volume.subject,
	};
}

// ----- Export / un-export -----

const exportOptions: INodeProperties = {
	displayName: 'Options',
	name: 'exportOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'LUN',
			name: 'lun',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 2047 },
			default: 0,
			description:
				'Nimble / Alletra 6000 only: the LUN number the hosts of every listed host group see the volume at. Without it, the array picks one. Primera / Alletra 9000 / Alletra MP always pick LUNs automatically.',
		},
		{
			displayName: 'Proximity',
			name: 'proximity',
			type: 'options',
			options: [
				{ name: 'All', value: 'ALL' },
				{ name: 'Primary', value: 'PRIMARY' },
				{ name: 'Secondary', value: 'SECONDARY' },
			],
			default: 'PRIMARY',
			description:
				'Primera / Alletra 9000 / Alletra MP with Active Peer Persistence only: which array the hosts are near to',
		},
	],
};
const exportAvailability: FieldAvailability = {
	lun: { label: 'LUN', types: [T2] },
	proximity: { label: 'Proximity', types: [...CPG_TYPES] },
};

async function exportRequest(p: ParameterReader) {
	const hostGroupIds = readHostGroupIds(p);
	const options = p.collection('exportOptions');
	const lun = optionalInteger(p, 'exportOptions', options, 'lun', { label: 'LUN', min: 0, max: 2047 });
	const volume = await resolveVolume(p);
	rejectUnavailableFields(p, volume.system, options, exportAvailability);
	const body: IDataObject =
		volume.system.deviceType === T2
			? { host_groups: hostGroupIds.map((id) => withoutUndefined({ host_group_id: id, lun })) }
			: withoutUndefined({ hostGroupIds, autoLun: true, proximity: options.proximity as string | undefined });
	return { method: 'POST' as const, path: volumePath(volume, 'export'), body, subject: volume.subject };
}

async function unexportRequest(p: ParameterReader) {
	const hostGroupIds = readHostGroupIds(p);
	const volume = await resolveVolume(p);
	const body: IDataObject =
		volume.system.deviceType === T2
			? { host_groups: hostGroupIds.map((id) => ({ host_group_id: id })) }
			: { hostGroupIds };
	return { method: 'POST' as const, path: volumePath(volume, 'un-export'), body, subject: volume.subject };
}

// ----- Clone -----

const cloneOptions: INodeProperties = {
	displayName: 'Options',
	name: 'cloneOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
{
			displayName: 'Destination Storage Pool Name or ID',
			name: 'pool',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getStoragePools' },
			default: '',
			description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			hint: 'Primera / Alletra 9000 / Alletra MP only: the CPG for the clone, listed from the system of the volume. Empty uses the CPG of the source volume.',
		},
		{
			displayName: 'Priority',
			name: 'priority',
			type: 'options',
			options: [
				{ name: 'High', value: 'PRIORITYTYPE_HIGH' },
				{ name: 'Low', value: 'PRIORITYTYPE_LOW' },
				{ name: 'Medium', value: 'PRIORITYTYPE_MED' },
			],
			default: 'PRIORITYTYPE_MED',
			description: 'Primera / Alletra 9000 / Alletra MP only: priority of the copy against other work of the array',
		},
	],
};
const cloneAvailability: FieldAvailability = {
	pool: { label: 'Destination Storage Pool', types: [...CPG_TYPES] },
	priority: { label: 'Priority', types: [...CPG_TYPES] },
};

async function cloneRequest(p: ParameterReader) {
	const cloneName = readObjectName(p, 'cloneName', 'Clone Name');
	const options = p.collection('cloneOptions');
	const poolName = optionalText(p, options, 'pool', 'Destination Storage Pool', 255);
	const volume = await resolveVolume(p);
	const { system } = volume;
	rejectUnavailableFields(p, system, options, cloneAvailability);
	checkNameFor(p, system, cloneName, 'Clone Name');
	if (system.deviceType === T2) {
		return { method: 'POST' as const, path: volumePath(volume, 'clone'), body: { clone_volume_name: cloneName }, subject: volume.subject };
	}
	const pool = poolName !== undefined ? await findStoragePool(p, system, poolName) : undefined;
	const body = withoutUndefined({
		destinationVolume: cloneName,
		online: true,
		onlineClone: pool ? { destinationCpg: pool.name } : undefined,
		priority: options.priority as string | undefined,
	});
	return { method: 'POST' as const, path: volumePath(volume, 'clone'), body, subject: volume.subject };
}

// ----- Get Many -----

async function listRequest(p: ParameterReader) {
	const qs = listQuery(p);
	if (p.options<'all' | 'system'>('scope') !== 'system') {
		return { method: 'GET' as const, path: '/api/v1/volumes', qs };
	}
	const systemId = p.id('systemId', { label: 'Storage System', pattern: DSCC_ID_PATTERN });
	return {
		method: 'GET' as const,
		path: fillPath('/api/v1/storage-systems/{systemId}/volumes', { systemId }),
		qs,
		subject: `Storage system ${systemId}`,
	};
}

export const volume: ResourceDefinition = {
	value: 'volume',
	name: 'Volume',
	operations: [
		dsccListOperation({
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many volumes',
			description: 'List volumes of every storage system, or of one',
			itemName: 'volumes',
			parents: [
				{
					displayName: 'Scope',
					name: 'scope',
					type: 'options',
					options: [
						{ name: 'All Storage Systems', value: 'all', description: 'Volumes of every storage system of the workspace' },
						{ name: 'One Storage System', value: 'system', description: 'Volumes of the storage system you pick' },
					],
					default: 'all',
					description: 'Whose volumes to list',
				},
				{ ...storageSystemLocator, displayOptions: { show: { scope: ['system'] } } },
			],
			properties: [listQueryOptions({ filterExample: "name eq 'sql-data-01'", sortExample: 'sizeMiB desc' })],
			request: listRequest,
		}),
		getOperation(dscc, {
			value: 'get',
			name: 'Get',
			action: 'Get a volume',
			description: 'Get one volume, whichever storage system holds it',
			properties: [volumeLocator],
			request: (p) => {
				const id = p.id('volumeId', { label: 'Volume', pattern: DSCC_ID_PATTERN });
				return { method: 'GET', path: fillPath('/api/v1/volumes/{id}', { id }), subject: `Volume ${id}` };
			},
		}),
		writeOperation(dscc, {
			value: 'create',
			name: 'Create',
			action: 'Create a volume',
			description: 'Create a volume in a storage pool of a storage system',
			properties: createProperties,
			request: createRequest,
		}),
		writeOperation(dscc, {
			value: 'update',
			name: 'Update',
			action: 'Update a volume',
			description: 'Rename, grow or change the settings of a volume',
			properties: updateProperties,
			request: updateRequest,
		}),
		writeOperation(dscc, {
			value: 'delete',
			name: 'Delete',
			action: 'Delete a volume',
			description: 'Delete a volume and its data',
			properties: [
				volumeLocator,
				{
					displayName: 'Force',
					name: 'force',
					type: 'boolean',
					default: false,
					description:
						'Whether to delete the volume even while hosts can use it. Primera / Alletra 9000 / Alletra MP first un-export it from every host group. Nimble / Alletra 6000, which deletes only offline volumes, first takes it and its snapshots offline and stops its protection. Without Force, an exported (or, on Nimble / Alletra 6000, online) volume is not deleted.',
				},
				{
					displayName: 'Cascade',
					name: 'cascade',
					type: 'boolean',
					default: false,
					description:
						'Whether to delete the snapshots of the volume with it (Primera / Alletra 9000 / Alletra MP). Without Cascade, a volume that has snapshots is not deleted. Nimble / Alletra 6000 always deletes the snapshots of a volume with it.',
				},
			],
			request: deleteRequest,
		}),
		writeOperation(dscc, {
			value: 'export',
			name: 'Export',
			action: 'Export a volume to host groups',
			description: 'Make a volume visible to the hosts of one or more host groups',
			properties: [volumeLocator, hostGroupsProperty, exportOptions],
			request: exportRequest,
		}),
		writeOperation(dscc, {
			value: 'unexport',
			name: 'Unexport',
			action: 'Unexport a volume from host groups',
			description: 'Stop presenting a volume to the hosts of one or more host groups',
			properties: [volumeLocator, hostGroupsProperty],
			request: unexportRequest,
		}),
		writeOperation(dscc, {
			value: 'clone',
			name: 'Clone',
			action: 'Clone a volume',
			description: 'Create a new volume with a copy of the data of a volume, on the same storage system',
			properties: [
				volumeLocator,
				{
					displayName: 'Clone Name',
					name: 'cloneName',
					type: 'string',
					default: '',
					required: true,
					placeholder: 'sql-data-01-copy',
					description: 'Name of the new volume, following the same rules as when creating one',
				},
				cloneOptions,
			],
			request: cloneRequest,
		}),
	],
};
