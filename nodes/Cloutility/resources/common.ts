import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ParameterReader } from '../../shared/parameters';
import { apiRequest } from '../../shared/transport';
import { cloutilityApi } from '../api';

/**
 * Never sent back with PUT: links, and a backup node's password (sending what GET returned could
 * overwrite the password on the backup server).
 */
const NOT_SENT_BACK = new Set(['href', '$type', 'actions', 'tsmPassword']);

/** A Cloutility object ready to be sent back with PUT: without links and collection stubs. */
export function withoutLinks(object: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(object)) {
		if (NOT_SENT_BACK.has(key)) continue;
		const isCollectionLink = typeof value === 'object' && value !== null && 'href' in value && 'items' in value;
		if (!isCollectionLink) result[key] = value;
	}
	return result;
}

/**
 * PUT replaces the object, so an update reads it first and sends it back with the changed fields:
 * fields the user leaves alone keep their values.
 */
export async function updateInPlace(p: ParameterReader, path: string, subject: string, changes: IDataObject): Promise<IDataObject> {
	if (Object.keys(changes).length === 0) {
		p.fail('Nothing to update', 'Add at least one field under "Update Fields".');
	}
	const current = await apiRequest<IDataObject>(p.ctx, cloutilityApi, { method: 'GET', path, subject, itemIndex: p.itemIndex });
	const body = { ...withoutLinks(current.body ?? {}), ...changes };
	return (await apiRequest<IDataObject>(p.ctx, cloutilityApi, { method: 'PUT', path, body, subject, itemIndex: p.itemIndex })).body;
}

export async function deleteAt(p: ParameterReader, path: string, subject: string, qs?: IDataObject): Promise<IDataObject> {
	await apiRequest(p.ctx, cloutilityApi, { method: 'DELETE', path, qs, subject, itemIndex: p.itemIndex });
	return { deleted: true };
}

/** Optional text fields of an "Additional Fields" / "Update Fields" collection, trimmed, with limits. */
export function textFields(p: ParameterReader, values: IDataObject, fields: { [key: string]: string }, maxLength = 500): IDataObject {
	const result: IDataObject = {};
	for (const [key, label] of Object.entries(fields)) {
		if (values[key] === undefined) continue;
		const text = String(values[key]).trim();
		if (text.length > maxLength) p.fail(`"${label}" is too long`, `Use at most ${maxLength} characters.`);
		result[key] = text;
	}
	return result;
}

/** A name that must not be empty. */
export function requiredName(p: ParameterReader, name: string, label: string): string {
	return p.string(name, { label, maxLength: 200 });
}

/** A `{id}` reference to an entry picked from a live list. */
export function reference(p: ParameterReader, value: unknown, label: string): IDataObject {
	const id = Number(value);
	if (!Number.isInteger(id) || id < 1) p.fail(`"${label}" is required`, `Pick the ${label.toLowerCase()} from the list.`);
	return { id };
}

export function timeZoneProperty(required: boolean): INodeProperties {
	return {
		displayName: 'Time Zone Name or ID',
		name: 'timeZoneId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTimeZones' },
		default: '',
		required,
		description:
			'Time zone the business unit reports in. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	};
}

/** Reads a date-time parameter; empty gives undefined. */
export function optionalTime(p: ParameterReader, value: unknown, label: string): string | undefined {
	if (value === undefined || value === null || String(value).trim() === '') return undefined;
	const time = Date.parse(String(value));
	if (Number.isNaN(time)) p.fail(`"${label}" is not a valid date and time`, 'Use a date such as 2026-11-28T22:00:00Z.');
	return new Date(time).toISOString();
}
