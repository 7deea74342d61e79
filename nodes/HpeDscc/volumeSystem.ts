import type { IDataObject } from 'n8n-workflow';

import type { ParameterReader } from '../shared/parameters';
import { fillPath } from '../shared/parameters';
import { apiRequest } from '../shared/transport';
import { DSCC_ID_PATTERN, dsccApi } from './api';
import type { DeviceType, ResolvedSystem } from './deviceType';
import { DEVICE_TYPE_NAMES, resolveSystemById } from './deviceType';
import { systemPath } from './systemComponents';

export interface ResolvedVolume {
	id: string;
	name: string;
	/** Current size, from the fleet record. */
	sizeMiB?: number;
	system: ResolvedSystem;
	/** e.g. `Volume "sql-data-01"`, for messages. */
	subject: string;
}

/**
 * Reads the Volume parameter and finds the storage system that holds the volume and its device type:
 * the fleet record (`GET /api/v1/volumes/{id}`) names the system, which is then resolved. Per-volume
 * operations live under device-type paths, so every one of them starts here.
 */
export async function resolveVolume(
	p: ParameterReader,
	supported?: DeviceType[],
	parameterName = 'volumeId',
): Promise<ResolvedVolume> {
	const id = p.id(parameterName, { label: 'Volume', pattern: DSCC_ID_PATTERN });
	const { body: volume } = await apiRequest<IDataObject>(p.ctx, dsccApi, {
		method: 'GET',
		path: fillPath('/api/v1/volumes/{id}', { id }),
		subject: `Volume ${id}`,
		itemIndex: p.itemIndex,
	});
	const name = typeof volume.name === 'string' && volume.name !== '' ? volume.name : id;
	const systemId = typeof volume.systemId === 'string' ? volume.systemId : '';
	if (!DSCC_ID_PATTERN.test(systemId)) {
		p.fail(
			`Volume "${name}" does not say which storage system holds it`,
			'Data Services Cloud Console returned the volume without a system ID. Try again later, or check the volume in the console.',
		);
	}
	const system = await resolveSystemById(p, systemId, supported);
	return {
		id,
		name,
		sizeMiB: typeof volume.sizeMiB === 'number' ? volume.sizeMiB : undefined,
		system,
		subject: `Volume "${name}"`,
	};
}

/** The device-type path of a volume, or of something below it (`relativePath` like `snapshots/{snapshotId}`). */
export function volumePath(volume: ResolvedVolume, relativePath = '', values: Record<string, string> = {}): string {
	const below = relativePath === '' ? '' : `/${relativePath}`;
	return systemPath(volume.system, `volumes/{volumeId}${below}`, { ...values, volumeId: volume.id });
}

/** Letters, digits, dots, dashes, underscores and colons, starting with a letter or digit: what any device type might accept. */
const ANY_OBJECT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
const LONGEST_NAME = 215;

const NAME_RULES: Record<DeviceType, { maxLength: number; pattern: RegExp; hint: string }> = {
	'device-type1': {
		maxLength: 31,
		pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
		hint: 'On HPE Primera / Alletra 9000 a name has at most 31 characters: letters, digits, dots, dashes and underscores.',
	},
	'device-type2': {
		maxLength: LONGEST_NAME,
		pattern: /^[A-Za-z0-9][A-Za-z0-9.:-]*$/,
		hint: 'On HPE Nimble / Alletra 6000 a name has at most 215 characters: letters, digits, dots, dashes and colons (no underscores), starting with a letter or digit.',
	},
	'device-type4': {
		maxLength: 31,
		pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
		hint: 'On HPE Alletra Storage MP a name has at most 31 characters: letters, digits, dots, dashes and underscores.',
	},
};

/** Reads the name of a new volume, snapshot or clone; rejects what no storage system accepts. */
export function readObjectName(p: ParameterReader, parameterName: string, label: string): string {
	return p.string(parameterName, {
		label,
		maxLength: LONGEST_NAME,
		pattern: ANY_OBJECT_NAME,
		patternHint: 'Use only letters, digits, dots, dashes, underscores and colons, starting with a letter or digit (no spaces or slashes).',
	});
}

/** Rejects a name the device type of the system does not accept, before anything is sent. */
export function checkNameFor(p: ParameterReader, system: ResolvedSystem, name: string, label: string): void {
	const rule = NAME_RULES[system.deviceType];
	if (name.length > rule.maxLength || !rule.pattern.test(name)) {
		p.fail(`"${label}" is not valid on ${system.subject}: ${JSON.stringify(name)}`, rule.hint);
	}
}

export const SIZE_UNITS = { MiB: 1, GiB: 1024, TiB: 1024 * 1024 } as const;
export type SizeUnit = keyof typeof SIZE_UNITS;

const LARGEST_VOLUME_MIB: Record<DeviceType, number> = {
	'device-type1': 64 * SIZE_UNITS.TiB,
	'device-type2': 127 * SIZE_UNITS.TiB,
	'device-type4': 64 * SIZE_UNITS.TiB,
};
const LARGEST_ANY_VOLUME_MIB = Math.max(...Object.values(LARGEST_VOLUME_MIB));

/** `1536 MiB`, `2 GiB`, `64 TiB`: the largest unit that divides the size. */
export function formatMiB(mib: number): string {
	if (mib % SIZE_UNITS.TiB === 0) return `${mib / SIZE_UNITS.TiB} TiB`;
	if (mib % SIZE_UNITS.GiB === 0) return `${mib / SIZE_UNITS.GiB} GiB`;
	return `${mib} MiB`;
}

/** Reads a size given in MiB, GiB or TiB as whole MiB, the unit DSCC takes; rejects sizes no system supports. */
export function readSizeMiB(p: ParameterReader, sizeName: string, unit: unknown, label: string): number {
	if (typeof unit !== 'string' || !(unit in SIZE_UNITS)) p.fail(`The size unit ${JSON.stringify(unit)} is not valid`, 'Pick MiB, GiB or TiB.');
	const raw = p.raw<unknown>(sizeName);
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value)) p.fail(`"${label}" must be a number`);
	const mib = value * SIZE_UNITS[unit as SizeUnit];
	if (mib < 1) p.fail(`"${label}" must be at least 1 MiB: ${value} ${unit}`, 'Enter a size greater than zero.');
	if (!Number.isInteger(mib)) p.fail(`"${label}" must be a whole number of MiB: ${value} ${unit}`, 'Use a smaller unit, or round the size.');
	if (mib > LARGEST_ANY_VOLUME_MIB) {
		p.fail(`"${label}" is too large: ${value} ${unit}`, `No supported storage system has volumes larger than ${formatMiB(LARGEST_ANY_VOLUME_MIB)}.`);
	}
	return mib;
}

/** Rejects a size larger than the device type of the system supports, before anything is sent. */
export function checkSizeFor(p: ParameterReader, system: ResolvedSystem, mib: number, label: string): void {
	const largest = LARGEST_VOLUME_MIB[system.deviceType];
	if (mib > largest) {
		p.fail(`"${label}" is too large for ${system.subject}: ${formatMiB(mib)}`, `Its volumes can be at most ${formatMiB(largest)}.`);
	}
}

/** A field of a collection as the user set it: a resource locator gives its value. */
export function fieldValue(fields: IDataObject, key: string): unknown {
	const value = fields[key];
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject).value : value;
}

/** Fields of an "Additional Fields" collection that exist for some device types only. */
export type FieldAvailability = Record<string, { label: string; types: DeviceType[] }>;

/** Refuses fields the user set that the system's device type does not have, rather than leaving them out silently. */
export function rejectUnavailableFields(
	p: ParameterReader,
	system: ResolvedSystem,
	fields: IDataObject,
	availability: FieldAvailability,
): void {
	for (const [key, { label, types }] of Object.entries(availability)) {
		const value = fieldValue(fields, key);
		if (value === undefined || value === '' || types.includes(system.deviceType)) continue;
		p.fail(
			`"${label}" does not apply to ${system.subject} (${DEVICE_TYPE_NAMES[system.deviceType]})`,
			`Remove it: it exists for ${types.map((type) => DEVICE_TYPE_NAMES[type]).join(', ')} only.`,
		);
	}
}
