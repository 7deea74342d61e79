import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { getOperation, listOperation } from '../../shared/kinds';
import type { ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { pagingProperties } from '../../shared/descriptions';
import { apiRequest, fetchPages, offsetEnvelope } from '../../shared/transport';
import type { PageEnvelope } from '../../shared/transport';
import { businessUnitPath, cloutility, cloutilityApi, consumerPath } from '../api';
import { businessUnitLocator, consumptionUnitLocator, readId } from '../locators';
import { deleteAt, optionalTime, requiredName, textFields, updateInPlace } from './common';

export function readConsumer(p: ParameterReader): { businessUnitId: string; consumerId: string; path: string; subject: string } {
	const businessUnitId = readId(p, 'businessUnitId', 'Business Unit');
	const consumerId = readId(p, 'consumptionUnitId', 'Consumption Unit');
	return {
		businessUnitId,
		consumerId,
		path: consumerPath(businessUnitId, consumerId),
		subject: `Consumption unit ${consumerId} of business unit ${businessUnitId}`,
	};
}

/** The business unit and the consumption unit in it: every operation on one backup client starts here. */
export const consumerLocators: INodeProperties[] = [businessUnitLocator(), consumptionUnitLocator()];

const consumerOptions = (required: boolean): INodeProperties[] => [
	{ displayName: 'Allow No Activity', name: 'allowNoActivity', type: 'boolean', default: false, description: 'Whether a node that backs nothing up is not reported as a problem' },
	{ displayName: 'External Reference', name: 'externalReference', type: 'string', default: '', description: 'Your own reference, e.g. the asset or ticket number' },
	{ displayName: 'Storage Limit (GB)', name: 'limitHighStorage', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'Warn when the node stores more than this; 0 for no limit' },
	...(required ? [] : [{ displayName: 'Name', name: 'name', type: 'string' as const, default: '' }]),
	{ displayName: 'Note', name: 'note', type: 'string', default: '' },
];

function consumerChanges(p: ParameterReader, fields: IDataObject): IDataObject {
	const changes = textFields(p, fields, { name: 'Name', note: 'Note', externalReference: 'External Reference' });
	if (changes.name === '') p.fail('"Name" cannot be empty', 'Enter the new name, or remove the field.');
	if (fields.limitHighStorage !== undefined) {
		const limit = Number(fields.limitHighStorage);
		if (!Number.isFinite(limit) || limit < 0) p.fail('"Storage Limit (GB)" must be 0 or more');
		changes.limitHighStorage = limit;
	}
	if (fields.allowNoActivity !== undefined) changes.allowNoActivity = Boolean(fields.allowNoActivity);
	return changes;
}

/** Page size when reading the whole audit log (Cloutility documents limit/offset, no maximum). */
const AUDIT_LOG_PAGES = offsetEnvelope({ maxPageSize: 500 });

const AUDIT_TYPES = [
	{ name: 'Info', value: 0 },
	{ name: 'Create', value: 100 },
	{ name: 'Modify', value: 200 },
	{ name: 'Delete', value: 300 },
	{ name: 'Error', value: 400 },
];

export const consumptionUnit: ResourceDefinition = {
	value: 'consumptionUnit',
	name: 'Consumption Unit',
	operations: [
		listOperation(cloutility, {
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many consumption units',
			description: 'List the consumption units (backup clients) of a business unit',
			itemName: 'consumption units',
			properties: [businessUnitLocator()],
			request: (p) => {
				const id = readId(p, 'businessUnitId', 'Business Unit');
				return { method: 'GET', path: `${businessUnitPath(id)}/consumers`, subject: `Business unit ${id}` };
			},
		}),
		getOperation(cloutility, {
			value: 'get',
			name: 'Get',
			action: 'Get a consumption unit',
			description: 'Get one consumption unit (its backup node, jobs and reports are separate operations)',
			properties: consumerLocators,
			request: (p) => {
				const { path, subject } = readConsumer(p);
				return { method: 'GET', path, subject };
			},
		}),
		{
			value: 'create',
			name: 'Create',
			action: 'Create a consumption unit',
			description: 'Create a consumption unit in a business unit; add its backup node next',
			properties: [
				businessUnitLocator(),
				{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, placeholder: 'LisasWS' },
				{ displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, options: consumerOptions(true) },
			],
			run: async (p) => {
				const id = readId(p, 'businessUnitId', 'Business Unit');
				const body = { name: requiredName(p, 'name', 'Name'), ...consumerChanges(p, p.collection('additionalFields')) };
				return (
					await apiRequest<IDataObject>(p.ctx, cloutilityApi, {
						method: 'POST',
						path: `${businessUnitPath(id)}/consumers`,
						body,
						subject: `Business unit ${id}`,
						itemIndex: p.itemIndex,
					})
				).body;
			},
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a consumption unit',
			description: 'Change the name, note, reference or limits of a consumption unit',
			properties: [
				...consumerLocators,
				{ displayName: 'Update Fields', name: 'updateFields', type: 'collection', placeholder: 'Add Field', default: {}, options: consumerOptions(false) },
			],
			run: async (p) => {
				const { path, subject } = readConsumer(p);
				return await updateInPlace(p, path, subject, consumerChanges(p, p.collection('updateFields')));
			},
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a consumption unit',
			description: 'Delete a consumption unit, with its backup node and other associations if you say so',
			properties: [
				...consumerLocators,
				{
					displayName: 'Delete Associations',
					name: 'deleteAssociations',
					type: 'boolean',
					default: false,
					description: 'Whether to delete what belongs to it as well, such as its backup node. Cloutility refuses to delete a unit with a node otherwise.',
				},
				{ displayName: 'Comment', name: 'deletionComment', type: 'string', default: '', description: 'Why it is deleted, kept in Cloutility' },
			],
			run: async (p) => {
				const { path, subject, consumerId } = readConsumer(p);
				const comment = p.optionalString('deletionComment', { label: 'Comment', maxLength: 500 });
				const qs: IDataObject = { deleteAssociations: p.boolean('deleteAssociations') };
				if (comment) qs.deletionComment = comment;
				return { ...(await deleteAt(p, path, subject, qs)), id: Number(consumerId) };
			},
		},
		{
			value: 'getAuditLog',
			name: 'Get Audit Log',
			action: 'Get many audit log entries of a consumption unit',
			description: 'Read who created, changed or deleted what, and the errors, in a time window',
			properties: [
				...consumerLocators,
				{ displayName: 'Start Time', name: 'startTime', type: 'dateTime', default: '', description: 'Entries from this time on; empty for all' },
				{ displayName: 'End Time', name: 'endTime', type: 'dateTime', default: '', description: 'Entries up to this time; empty for up to now' },
				{
					displayName: 'Entry Types',
					name: 'types',
					type: 'multiOptions',
					options: AUDIT_TYPES,
					default: [],
					description: 'Which kinds of entries to return; none selected returns all',
				},
				...pagingProperties('log entries'),
				{ displayName: 'Offset', name: 'offset', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'How many entries to skip first' },
				{
					displayName: 'Options',
					name: 'options',
					type: 'collection',
					placeholder: 'Add Option',
					default: {},
					options: [
						{ displayName: 'Include Descendants', name: 'includeDescendants', type: 'boolean', default: false, description: 'Whether to include entries of what belongs to the unit' },
						{ displayName: 'Newest First', name: 'orderDesc', type: 'boolean', default: true, description: 'Whether the newest entries come first' },
					],
				},
			],
			run: async (p) => {
				const { path, subject } = readConsumer(p);
				const startTime = optionalTime(p, p.raw('startTime', ''), 'Start Time');
				const endTime = optionalTime(p, p.raw('endTime', ''), 'End Time');
				if (startTime && endTime && startTime > endTime) p.fail('"Start Time" is after "End Time"');
				const types = (p.raw<unknown[]>('types', []) ?? []).map(Number);
				if (types.some((type) => !AUDIT_TYPES.some((known) => known.value === type))) p.fail('"Entry Types" contains an unknown type');
				const options = p.collection('options');
				const returnAll = p.boolean('returnAll');
				const limit = returnAll ? undefined : p.integer('limit', { label: 'Limit', min: 1 });
				const skip = p.integer('offset', { label: 'Offset', min: 0 });
				const qs: IDataObject = {
					orderDesc: options.orderDesc ?? true,
					includeDescendants: options.includeDescendants ?? false,
					startTime,
					endTime,
				};
				// Cloutility repeats the parameter for each type (types=0&types=400).
				const typeQuery = types.map((type) => `types=${type}`).join('&');
				// Audit logs are the one collection Cloutility pages (limit/offset); Offset skips entries first.
				const envelope: PageEnvelope = {
					...AUDIT_LOG_PAGES,
					pageQuery: (offset, size) => AUDIT_LOG_PAGES.pageQuery(offset + skip, size),
					total: (body) => {
						const total = AUDIT_LOG_PAGES.total(body);
						return total === undefined ? undefined : Math.max(0, total - skip);
					},
				};
				return await fetchPages(
					p.ctx,
					cloutilityApi,
					{ method: 'GET', path: `${path}/auditlogs${typeQuery ? `?${typeQuery}` : ''}`, qs, subject, itemIndex: p.itemIndex },
					envelope,
					{ returnAll, limit, concurrency: 1 },
				);
			},
		},
	],
};
