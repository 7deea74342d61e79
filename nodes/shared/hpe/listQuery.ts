import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ParameterReader } from '../parameters';

/** The fields of an HPE listing's Filter / Sort / Select options; each vendor fills in its own texts. */
export interface HpeListQueryFields {
	filterExample: string;
	filterDescription: string;
	/** The syntax hint under the Filter field, where the vendor shows one. */
	filterHint?: string;
	sortExample: string;
	sortDescription: string;
	selectDescription: string;
	/** False where the endpoint takes no `filter` / `sort` / `select`. */
	filter: boolean;
	sort: boolean;
	select: boolean;
}

/** The Filter / Sort / Select options of a DSCC or GreenLake listing (the same query parameters on both). */
export function hpeListQueryOptions(fields: HpeListQueryFields): INodeProperties {
	const options: INodeProperties[] = [];
	if (fields.filter) {
		options.push({
			displayName: 'Filter',
			name: 'filter',
			type: 'string',
			default: '',
			placeholder: fields.filterExample,
			description: fields.filterDescription,
			...(fields.filterHint === undefined ? {} : { hint: fields.filterHint }),
		});
	}
	if (fields.sort) {
		options.push({
			displayName: 'Sort',
			name: 'sort',
			type: 'string',
			default: '',
			placeholder: fields.sortExample,
			description: fields.sortDescription,
		});
	}
	if (fields.select) {
		options.push({
			displayName: 'Select',
			name: 'select',
			type: 'string',
			default: '',
			placeholder: 'id,name',
			description: fields.selectDescription,
		});
	}
	return { displayName: 'Options', name: 'listOptions', type: 'collection', placeholder: 'Add Option', default: {}, options };
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
