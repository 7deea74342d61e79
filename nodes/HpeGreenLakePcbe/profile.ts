import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readBackResource } from '../shared/hpe/asyncTask';
import type { VendorProfile } from '../shared/kinds';
import type { ParameterReader } from '../shared/parameters';
import {
	VIRTUALIZATION_ENVELOPE,
	asyncOperationTracker,
	greenLakeApi,
	locationOf,
	operationIdFromLocation,
	resourceUriOfOperation,
} from './api';

/** Writes answer 202 with a `Location` naming a data-services async operation; the node follows it. */
export const greenLake: VendorProfile = {
	api: greenLakeApi,
	envelope: VIRTUALIZATION_ENVELOPE,
	acceptedWork: (ctx, response, itemIndex) => {
		const location = locationOf(response.headers);
		if (response.statusCode !== 202 || location === undefined) return undefined;
		const operationId = operationIdFromLocation(location);
		if (!operationId) return undefined;
		return {
			reference: { operationId, location, state: 'ACCEPTED' },
			tracker: asyncOperationTracker(ctx, operationId, itemIndex),
		};
	},
	resultOf: async (ctx, operation, itemIndex) => await readBackResource(ctx, greenLakeApi, resourceUriOfOperation(operation), itemIndex),
};

interface ListQueryOptions {
	filterExample?: string;
	sortExample?: string;
	filter?: boolean;
	sort?: boolean;
	select?: boolean;
}

/** The Filter / Sort / Select options of a GreenLake listing, limited to what the endpoint takes. */
export function listQueryOptions(options: ListQueryOptions = {}): INodeProperties {
	const { filterExample = "name eq 'vm-01'", sortExample = 'name asc', filter = true, sort = true, select = true } = options;
	const fields: INodeProperties[] = [];
	if (filter) {
		fields.push({
			displayName: 'Filter',
			name: 'filter',
			type: 'string',
			default: '',
			placeholder: filterExample,
			description: `Filter expression: property, operator (eq, ne, gt, lt, in), value; join with "and"; nested properties with "/". Quote text values, e.g. ${filterExample}.`,
		});
	}
	if (sort) {
		fields.push({
			displayName: 'Sort',
			name: 'sort',
			type: 'string',
			default: '',
			placeholder: sortExample,
			description: 'Comma-separated properties, each followed by asc or desc',
		});
	}
	if (select) {
		fields.push({
			displayName: 'Select',
			name: 'select',
			type: 'string',
			default: '',
			placeholder: 'id,name',
			description: 'Comma-separated properties to return. Empty returns all.',
		});
	}
	return { displayName: 'Options', name: 'listOptions', type: 'collection', placeholder: 'Add Option', default: {}, options: fields };
}

const QUERY_TEXT_LIMIT = 2000;

/** A single-line query text (filter, sort, select): the HTTP layer URL-encodes it. */
export function queryText(p: ParameterReader, label: string, value: unknown): string | undefined {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') return undefined;
	if (text.length > QUERY_TEXT_LIMIT || /[\r\n\0]/.test(text)) {
		p.fail(`The ${label} option is not valid`, `Use a single line of at most ${QUERY_TEXT_LIMIT} characters.`);
	}
	return text;
}

/** Reads the Filter / Sort / Select options into query parameters. */
export function listQuery(p: ParameterReader): IDataObject {
	const options = p.collection('listOptions');
	const query: IDataObject = {};
	for (const key of ['filter', 'sort', 'select'] as const) {
		const value = queryText(p, key, options[key]);
		if (value !== undefined) query[key] = value;
	}
	return query;
}
