import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { getOperation, writeOperation } from '../../shared/kinds';
import type { ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { DSCC_ID_PATTERN } from '../api';
import { snapshotLocator, volumeLocator } from '../locators';
import { dscc, dsccListOperation, listQuery, listQueryOptions } from '../profile';
import type { FieldAvailability, ResolvedVolume } from '../volumeSystem';
import { checkNameFor, readObjectName, rejectUnavailableFields, resolveVolume, volumePath } from '../volumeSystem';

const OPTIONS = 'snapshotOptions';
/** The longest expiration or retention Primera / Alletra accept: five years. */
const LONGEST_HOURS = 43800;

const snapshotId = snapshotLocator;

const availability: FieldAvailability = {
	expireAfterHours: { label: 'Expire After (Hours)', types: ['device-type1', 'device-type4'] },
	retainForHours: { label: 'Retain For (Hours)', types: ['device-type1', 'device-type4'] },
	online: { label: 'Online', types: ['device-type2'] },
};

const createProperties: INodeProperties[] = [
	volumeLocator,
	{
		displayName: 'Snapshot Name',
		name: 'snapshotName',
		type: 'string',
		default: '',
		placeholder: 'sql-data-01-before-upgrade',
		description:
			'Name of the snapshot, following the same rules as volume names. Required on Nimble / Alletra 6000. Empty on Primera / Alletra 9000 / Alletra MP: the array names it after the volume and the current time.',
	},
	{
		displayName: 'Options',
		name: OPTIONS,
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Comment',
				name: 'comment',
				type: 'string',
				default: '',
				description: 'Free text stored with the snapshot (its description on Nimble / Alletra 6000)',
			},
			{
				displayName: 'Expire After (Hours)',
				name: 'expireAfterHours',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: LONGEST_HOURS },
				default: 24,
				description: 'Primera / Alletra 9000 / Alletra MP only: the array deletes the snapshot this many hours after creating it',
			},
			{
				displayName: 'Online',
				name: 'online',
				type: 'boolean',
				default: false,
				description: 'Whether hosts can mount the snapshot to restore data (Nimble / Alletra 6000 only)',
			},
			{
				displayName: 'Retain For (Hours)',
				name: 'retainForHours',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: LONGEST_HOURS },
				default: 24,
				description:
					'Primera / Alletra 9000 / Alletra MP only: nobody can delete the snapshot for this many hours (needs the Virtual Lock license). Must not exceed Expire After.',
			},
			{
				displayName: 'Writable',
				name: 'writable',
				type: 'boolean',
				default: false,
				description: 'Whether hosts may write to the snapshot; otherwise it is read-only',
			},
		],
	},
];

async function createRequest(p: ParameterReader) {
	const rawName = p.optionalString('snapshotName', { label: 'Snapshot Name' });
	const name = rawName !== undefined ? readObjectName(p, 'snapshotName', 'Snapshot Name') : undefined;
	const options = p.collection(OPTIONS);
	const hours = (key: string, label: string) =>
		options[key] === undefined ? undefined : p.integer(`${OPTIONS}.${key}`, { label, min: 1, max: LONGEST_HOURS });
	const expireHours = hours('expireAfterHours', 'Expire After (Hours)');
	const retainHours = hours('retainForHours', 'Retain For (Hours)');
	if (expireHours !== undefined && retainHours !== undefined && retainHours > expireHours) {
		p.fail('"Retain For (Hours)" is longer than "Expire After (Hours)"', 'A snapshot cannot be protected from deletion after it expires.');
	}
	const comment = typeof options.comment === 'string' && options.comment.trim() !== '' ? options.comment.trim() : undefined;
	if (comment !== undefined && (comment.length > 255 || /[\r\n\0]/.test(comment))) {
		p.fail('"Comment" is not valid', 'Use a single line of at most 255 characters.');
	}
	const writable = typeof options.writable === 'boolean' ? options.writable : undefined;

	const volume = await resolveVolume(p);
	const { system } = volume;
	rejectUnavailableFields(p, system, options, availability);
	if (name !== undefined) checkNameFor(p, system, name, 'Snapshot Name');

	let body: IDataObject;
	if (system.deviceType === 'device-type2') {
		if (name === undefined) {
			p.fail(`"Snapshot Name" is required on ${system.subject}`, 'Nimble / Alletra 6000 does not name snapshots by itself. Enter a name.');
		}
		body = { name, description: comment, online: options.online as boolean | undefined, writable };
	} else {
		body = {
			namePattern: name !== undefined ? 'CUSTOM' : 'PARENT_TIMESTAMP',
			customName: name,
			comment,
			expireSecs: expireHours !== undefined ? expireHours * 3600 : undefined,
			retainSecs: retainHours !== undefined ? retainHours * 3600 : undefined,
			readOnly: writable !== undefined ? !writable : undefined,
		};
	}
	const sent = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
	return { method: 'POST' as const, path: volumePath(volume, 'snapshots'), body: sent, subject: volume.subject };
}

function readSnapshotId(p: ParameterReader): string {
	return p.id('snapshotId', { label: 'Snapshot', pattern: DSCC_ID_PATTERN });
}

/** The path and message subject of one snapshot of a volume. */
function snapshotTarget(volume: ResolvedVolume, id: string): { path: string; subject: string } {
	return { path: volumePath(volume, 'snapshots/{snapshotId}', { snapshotId: id }), subject: `Snapshot ${id} of ${volume.subject}` };
}

export const snapshot: ResourceDefinition = {
	value: 'snapshot',
	name: 'Snapshot',
	operations: [
		writeOperation(dscc, {
			value: 'create',
			name: 'Create',
			action: 'Create a snapshot of a volume',
			description: 'Take a point-in-time snapshot of a volume',
			properties: createProperties,
			request: createRequest,
		}),
		dsccListOperation({
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many snapshots of a volume',
			description: 'List the snapshots of a volume',
			itemName: 'snapshots',
			parents: [volumeLocator],
			properties: [listQueryOptions({ filterExample: "name eq 'nightly-1120'", sortExample: 'name asc' })],
			request: async (p) => {
				const query = listQuery(p);
				const volume = await resolveVolume(p);
				return { method: 'GET', path: volumePath(volume, 'snapshots'), qs: query, subject: volume.subject };
			},
		}),
		getOperation(dscc, {
			value: 'get',
			name: 'Get',
			action: 'Get a snapshot of a volume',
			description: 'Get one snapshot of a volume',
			properties: [volumeLocator, snapshotId],
			request: async (p) => {
				const id = readSnapshotId(p);
				const volume = await resolveVolume(p);
				return { method: 'GET', ...snapshotTarget(volume, id) };
			},
		}),
		writeOperation(dscc, {
			value: 'delete',
			name: 'Delete',
			action: 'Delete a snapshot of a volume',
			description: 'Delete one snapshot of a volume',
			properties: [
				volumeLocator,
				snapshotId,
				{
					displayName: 'Force',
					name: 'force',
					type: 'boolean',
					default: false,
					description:
						'Whether to take the snapshot offline and delete it even while hosts use it. Without Force, an online (Nimble / Alletra 6000) or exported snapshot is not deleted.',
				},
			],
			request: async (p) => {
				const id = readSnapshotId(p);
				const force = p.boolean('force');
				const volume = await resolveVolume(p);
				return { method: 'DELETE', ...snapshotTarget(volume, id), qs: { force: force || undefined } };
			},
		}),
	],
};
