import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { getOperation, listOperation, writeOperation } from '../../shared/kinds';
import type { OperationDefinition, ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { fillPath } from '../../shared/parameters';
import type { ApiRequest } from '../../shared/transport';
import { apiRequest } from '../../shared/transport';
import { DSCC_ID_PATTERN, dsccApi } from '../api';
import type { ResolvedSystem } from '../deviceType';
import { DEVICE_TYPE_NAMES, resolveSystem, resolveSystemById } from '../deviceType';
import { storageSystemLocator, volumeSetLocator } from '../locators';
import { dscc, listQuery, listQueryOptions } from '../profile';
import type { FieldAvailability } from '../volumeSystem';
import { checkNameFor, readObjectName, rejectUnavailableFields } from '../volumeSystem';

/**
 * Volume sets group the volumes of one application on one storage system. DSCC lists them fleet-wide,
 * but changes them per device type: "application sets" on HPE Primera / Alletra 9000 and Alletra
 * Storage MP (members are volume names), "volume collections" on HPE Nimble / Alletra 6000
 * (snake_case bodies, members are volume IDs).
 */

type WriteRequest = Omit<ApiRequest, 'itemIndex'>;

const FLEET_PATH = '/api/v1/volume-sets';

const DESCRIPTION_MAX_LENGTH = 255;

const APPLICATION_TYPES: Array<[string, string]> = [
	['Custom', 'CUSTOM'],
	['File Server', 'FILE_SERVER'],
	['Microsoft Exchange', 'MICROSOFT_EXCHANGE'],
	['Microsoft Exchange Log', 'MICROSOFT_EXCHANGE_LOG'],
	['Microsoft SQL Server', 'MICROSOFT_SQL_SERVER'],
	['Microsoft SQL Server Log', 'MICROSOFT_SQL_SERVER_LOG'],
	['Oracle Data', 'ORACLE_DATA'],
	['Oracle Log', 'ORACLE_LOG'],
	['Other', 'OTHER'],
	['SharePoint', 'SHAREPOINT'],
	['Veeam Backup Repository', 'VEEAM_BACKUP_REPOSITORY'],
	['Virtual Desktop Hyper-V Storage', 'VIRTUAL_DESKTOP_HYPER_V_STORAGE'],
	['Virtual Desktop VMware ESXi Storage', 'VIRTUAL_DESKTOP_VMWARE_ESXI_STORAGE'],
	['Virtual Server Hyper-V Storage', 'VIRTUAL_SERVER_HYPER_V_STORAGE'],
	['Virtual Server VMware ESXi Storage', 'VIRTUAL_SERVER_VMWARE_ESXI_STORAGE'],
];
const APPLICATION_TYPE_VALUES = APPLICATION_TYPES.map(([, value]) => value);

const IMPORTANCE_OPTIONS = [
	{ name: 'High', value: 'HIGH' },
	{ name: 'Highest', value: 'HIGHEST' },
	{ name: 'Low', value: 'LOW' },
	{ name: 'Lowest', value: 'LOWEST' },
	{ name: 'Medium', value: 'MEDIUM' },
];

const APP_SET_TYPES = ['device-type1', 'device-type4'] as const;
const appSetTypesLabel = APP_SET_TYPES.map((type) => DEVICE_TYPE_NAMES[type]).join(' and ');

/** The volumes to put in or take out of a set, picked from the volumes of its storage system. */
function volumeIdsProperty(required: boolean, hint: string): INodeProperties {
	return {
		displayName: 'Volume Names or IDs',
		name: 'volumeIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getSystemVolumes', loadOptionsDependsOn: ['systemId.value', 'volumeSetId.value'] },
		default: [],
		required,
		description: 'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: `${hint}. An expression may also give comma-separated IDs.`,
	};
}

/** Fields the create and update forms share; where they apply is said in each description. */
function detailFields(forUpdate: boolean): INodeProperties[] {
	const fields: INodeProperties[] = [
		{
			displayName: 'Business Unit',
			name: 'businessUnit',
			type: 'string',
			default: '',
			description: `Business unit that owns the application (${appSetTypesLabel} only)`,
		},
		{
			displayName: 'Custom Application Type',
			name: 'customAppType',
			type: 'string',
			default: '',
			placeholder: 'Billing',
			description: `Name of the workload when Application Type is Custom (${appSetTypesLabel} only)`,
		},
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			description: 'Free text kept with the volume set',
		},
		{
			displayName: 'Importance',
			name: 'importance',
			type: 'options',
			options: IMPORTANCE_OPTIONS,
			default: 'MEDIUM',
			description: `Priority of the application (${appSetTypesLabel} only)`,
		},
	];
	if (forUpdate) {
		fields.push(
			{
				displayName: 'Application Type',
				name: 'appType',
				type: 'options',
				options: APPLICATION_TYPES.map(([name, value]) => ({ name, value })),
				default: 'OTHER',
				description: `Kind of application stored in the volume set (${appSetTypesLabel} only)`,
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'New name of the volume set',
			},
		);
		fields.sort((a, b) => a.displayName.localeCompare(b.displayName));
	}
	return fields;
}

const APP_SET_ONLY_FIELDS: FieldAvailability = {
	appType: { label: 'Application Type', types: [...APP_SET_TYPES] },
	businessUnit: { label: 'Business Unit', types: [...APP_SET_TYPES] },
	customAppType: { label: 'Custom Application Type', types: [...APP_SET_TYPES] },
	importance: { label: 'Importance', types: [...APP_SET_TYPES] },
};

/**
 * The body of a create or update for the system's device type. `name` was read (and checked against
 * what any system accepts) before the system was resolved; here it is checked for this device type.
 */
function detailBody(p: ParameterReader, system: ResolvedSystem, fields: IDataObject, name?: string): IDataObject {
	if (name !== undefined) checkNameFor(p, system, name, 'Name');
	rejectUnavailableFields(p, system, fields, APP_SET_ONLY_FIELDS);
	const description = String(fields.description ?? '').trim();
	if (description.length > DESCRIPTION_MAX_LENGTH || /[\r\n]/.test(description)) {
		p.fail('"Description" is not valid', `Use a single line of at most ${DESCRIPTION_MAX_LENGTH} characters.`);
	}
	if (system.deviceType === 'device-type2') {
		const body: IDataObject = {};
		if (name !== undefined) body.name = name;
		if (description !== '') body.description = description;
		return body;
	}

	const body: IDataObject = {};
	if (name !== undefined) body.appSetName = name;
	if (description !== '') body.appSetComments = description;
	if (fields.appType !== undefined) {
		if (!APPLICATION_TYPE_VALUES.includes(String(fields.appType))) p.fail('"Application Type" must be one of the listed types');
		body.appSetType = fields.appType;
	}
	const customAppType = String(fields.customAppType ?? '').trim();
	if (body.appSetType === 'CUSTOM' && customAppType === '') {
		p.fail('"Custom Application Type" is required when Application Type is Custom');
	}
	if (customAppType !== '') {
		if (body.appSetType !== undefined && body.appSetType !== 'CUSTOM') {
			p.fail('"Custom Application Type" applies only when Application Type is Custom');
		}
		body.customAppType = customAppType;
	}
	if (fields.importance !== undefined) body.appSetImportance = fields.importance;
	const businessUnit = String(fields.businessUnit ?? '').trim();
	if (businessUnit !== '') body.appSetBusinessUnit = businessUnit;
	return body;
}

function volumeSetPath(system: ResolvedSystem, id?: string, action?: string): string {
	const collection = system.deviceType === 'device-type2' ? 'volume-collections' : 'applicationsets';
	const base = fillPath(`/api/v1/storage-systems/{deviceType}/{systemId}/${collection}`, {
		deviceType: system.deviceType,
		systemId: system.id,
	});
	if (id === undefined) return base;
	return `${base}/${encodeURIComponent(id)}${action ? `/actions/${action}` : ''}`;
}

/** Reads the fleet record of the volume set to learn its storage system and that system's device type. */
async function locateVolumeSet(p: ParameterReader): Promise<{ id: string; name: string; system: ResolvedSystem }> {
	const id = p.id('volumeSetId', { label: 'Volume Set', pattern: DSCC_ID_PATTERN });
	const { body: record } = await apiRequest<IDataObject>(p.ctx, dsccApi, {
		method: 'GET',
		path: fillPath(`${FLEET_PATH}/{id}`, { id }),
		subject: `Volume set ${id}`,
		itemIndex: p.itemIndex,
	});
	const systemId = record.systemId;
	if (typeof systemId !== 'string' || !DSCC_ID_PATTERN.test(systemId)) {
		p.fail(`DSCC does not say which storage system volume set ${id} is on`, 'It may still be being discovered. Try again later.');
	}
	const system = await resolveSystemById(p, systemId);
	return { id, name: String(record.name ?? id), system };
}

/**
 * Reads the volumes the user listed and checks each is on the volume set's storage system. Application
 * sets take volume names as members; volume collections take volume IDs.
 */
async function volumesOn(p: ParameterReader, system: ResolvedSystem, ids: string[]): Promise<Array<{ id: string; name: string }>> {
	const volumes: Array<{ id: string; name: string }> = [];
	for (const id of ids) {
		const { body: volume } = await apiRequest<IDataObject>(p.ctx, dsccApi, {
			method: 'GET',
			path: fillPath('/api/v1/volumes/{id}', { id }),
			subject: `Volume ${id}`,
			itemIndex: p.itemIndex,
		});
		if (volume.systemId !== system.id) {
			p.fail(
				`Volume "${String(volume.name ?? id)}" is on another storage system than ${system.subject}`,
				'A volume set holds volumes of one storage system only.',
			);
		}
		volumes.push({ id, name: String(volume.name) });
	}
	return volumes;
}

function readVolumeIds(p: ParameterReader, required: boolean): string[] {
	return [...new Set(p.idList('volumeIds', { label: 'Volumes', pattern: DSCC_ID_PATTERN, required }))];
}

function membershipOperation(direction: 'add' | 'remove'): OperationDefinition {
	const adding = direction === 'add';
	return writeOperation(dscc, {
		value: adding ? 'addVolumes' : 'removeVolumes',
		name: adding ? 'Add Volumes' : 'Remove Volumes',
		action: adding ? 'Add volumes to volume set' : 'Remove volumes from volume set',
		description: adding
			? 'Add volumes of the same storage system to a volume set'
			: 'Take volumes out of a volume set; the volumes themselves are kept',
		properties: [
			volumeSetLocator,
			volumeIdsProperty(true, `The volumes to ${adding ? 'add' : 'remove'}, listed from the storage system of the volume set`),
		],
		request: async (p): Promise<WriteRequest> => {
			const ids = readVolumeIds(p, true);
			const { id, name, system } = await locateVolumeSet(p);
			const volumes = await volumesOn(p, system, ids);
			const subject = `Volume set "${name}"`;
			if (system.deviceType === 'device-type2') {
				return {
					method: 'POST',
					path: volumeSetPath(system, id, adding ? 'add-volumes' : 'remove-volumes'),
					body: { volume_ids: volumes.map((volume) => volume.id) },
					subject,
				};
			}
			const names = volumes.map((volume) => volume.name);
			return { method: 'PUT', path: volumeSetPath(system, id), body: adding ? { addMembers: names } : { removeMembers: names }, subject };
		},
	});
}

export const volumeSet: ResourceDefinition = {
	value: 'volumeSet',
	name: 'Volume Set',
	operations: [
		listOperation(dscc, {
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many volume sets',
			description: 'List the volume sets (application sets and volume collections) of every storage system',
			itemName: 'volume sets',
			properties: [listQueryOptions({ filterExample: "systemId eq '7CE751P312'" })],
			request: (p) => ({ method: 'GET', path: FLEET_PATH, qs: listQuery(p) }),
		}),
		getOperation(dscc, {
			value: 'get',
			name: 'Get',
			action: 'Get volume set',
			description: 'Get one volume set',
			properties: [volumeSetLocator],
			request: (p) => {
				const id = p.id('volumeSetId', { label: 'Volume Set', pattern: DSCC_ID_PATTERN });
				return { method: 'GET', path: fillPath(`${FLEET_PATH}/{id}`, { id }), subject: `Volume set ${id}` };
			},
		}),
		writeOperation(dscc, {
			value: 'create',
			name: 'Create',
			action: 'Create volume set',
			description: 'Create a volume set on a storage system, optionally with volumes in it',
			properties: [
				storageSystemLocator,
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					required: true,
					placeholder: 'sql-prod',
					description: 'Name of the volume set: letters, digits, dots and dashes (at most 31 characters on HPE Primera / Alletra 9000 and Alletra Storage MP; no underscores on HPE Nimble / Alletra 6000)',
				},
				{
					displayName: 'Application Type',
					name: 'appType',
					type: 'options',
					options: APPLICATION_TYPES.map(([name, value]) => ({ name, value })),
					default: 'OTHER',
					description: `Kind of application stored in the volume set (${appSetTypesLabel}; Nimble volume collections have none)`,
				},
				volumeIdsProperty(false, 'Volumes of the storage system above to put in the set'),
				{
					displayName: 'Additional Fields',
					name: 'additionalFields',
					type: 'collection',
					placeholder: 'Add Field',
					default: {},
					options: detailFields(false),
				},
			],
			request: async (p): Promise<WriteRequest> => {
				const name = readObjectName(p, 'name', 'Name');
				const ids = readVolumeIds(p, false);
				const system = await resolveSystem(p);
				const fields = { ...p.collection('additionalFields') };
				const appType = p.raw<string>('appType', 'OTHER');
				// Application sets need a type; volume collections have none, so the default means "not set" there.
				if (system.deviceType !== 'device-type2' || appType !== 'OTHER') fields.appType = appType;
				const body = detailBody(p, system, fields, name);
				const volumes = await volumesOn(p, system, ids);
				if (volumes.length > 0) {
					if (system.deviceType === 'device-type2') body.volume_list = volumes.map((volume) => volume.id);
					else body.members = volumes.map((volume) => volume.name);
				}
				return { method: 'POST', path: volumeSetPath(system), body, subject: system.subject };
			},
		}),
		writeOperation(dscc, {
			value: 'update',
			name: 'Update',
			action: 'Update volume set',
			description: 'Rename a volume set or change its description and application details',
			properties: [
				volumeSetLocator,
				{
					displayName: 'Update Fields',
					name: 'updateFields',
					type: 'collection',
					placeholder: 'Add Field',
					default: {},
					options: detailFields(true),
				},
			],
			request: async (p): Promise<WriteRequest> => {
				const fields = p.collection('updateFields');
				if (Object.keys(fields).length === 0) p.fail('Nothing to update', 'Add a field under "Update Fields".');
				const newName = fields.name !== undefined ? readObjectName(p, 'updateFields.name', 'Name') : undefined;
				const { id, name, system } = await locateVolumeSet(p);
				const body = detailBody(p, system, fields, newName);
				if (Object.keys(body).length === 0) p.fail('Nothing to update', 'The fields given are empty.');
				return { method: 'PUT', path: volumeSetPath(system, id), body, subject: `Volume set "${name}"` };
			},
		}),
		writeOperation(dscc, {
			value: 'delete',
			name: 'Delete',
			action: 'Delete volume set',
			description: 'Delete a volume set; its volumes are kept',
			properties: [
				volumeSetLocator,
				{
					displayName: 'Force',
					name: 'force',
					type: 'boolean',
					default: false,
					description:
						'Whether to delete a Nimble / Alletra 6000 volume collection even when it still holds volumes (HPE Nimble / Alletra 6000 only)',
				},
			],
			request: async (p): Promise<WriteRequest> => {
				const force = p.boolean('force');
				const { id, name, system } = await locateVolumeSet(p);
				if (force && system.deviceType !== 'device-type2') {
					p.fail(`"Force" does not exist for ${system.subject}`, 'It applies to HPE Nimble / Alletra 6000 volume collections only. Turn it off.');
				}
				return {
					method: 'DELETE',
					path: volumeSetPath(system, id),
					qs: force ? { force: true } : undefined,
					subject: `Volume set "${name}"`,
				};
			},
		}),
		membershipOperation('add'),
		membershipOperation('remove'),
	],
};
