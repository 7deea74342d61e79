import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { LocatorBasics } from '../shared/locators';
import { resourceLocator } from '../shared/locators';

import type { VendorProfile } from '../shared/kinds';
import type { ParameterReader } from '../shared/parameters';
import { DCI_ID_PATTERN, dciApi, dciEnvelope } from './api';
import type { FilterCondition, FilterOperator } from './where';
import { buildWhere, combineWhere, FilterError, orderBy } from './where';

/** DCImanager answers writes synchronously; long work shows up in the server's `operation` instead. */
export const dci: VendorProfile = {
	api: dciApi,
	envelope: dciEnvelope,
	acceptedWork: () => undefined,
	resultOf: async () => undefined,
};

export interface FieldOption {
	name: string;
	value: string;
}

/** Filters built from picked fields, sorting, and the raw `where` for experts. */
export function listProperties(fields: FieldOption[], example: string): INodeProperties[] {
	const fieldOptions = [...fields].sort((a, b) => a.name.localeCompare(b.name));
	return [
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'fixedCollection',
			placeholder: 'Add Condition',
			typeOptions: { multipleValues: true },
			default: {},
			options: [
				{
					displayName: 'Condition',
					name: 'conditions',
					values: [
						{
							displayName: 'Field',
							name: 'field',
							type: 'options',
							options: fieldOptions,
							default: 'id',
						},
						{
							displayName: 'Operator',
							name: 'operator',
							type: 'options',
							options: [
								{ name: 'Contains', value: 'contains' },
								{ name: 'Equals', value: 'equals' },
								{ name: 'Is Empty', value: 'isEmpty' },
								{ name: 'Is Not Empty', value: 'isNotEmpty' },
								{ name: 'Not Equals', value: 'notEquals' },
							],
							default: 'equals',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							description: 'Compared as given: quotes, brackets and % in it are matched literally',
							displayOptions: { show: { operator: ['equals', 'notEquals', 'contains'] } },
						},
					],
				},
			],
		},
		{
			displayName: 'Match',
			name: 'filterCombinator',
			type: 'options',
			options: [
				{ name: 'All Conditions (AND)', value: 'AND' },
				{ name: 'Any Condition (OR)', value: 'OR' },
			],
			default: 'AND',
		},
		{
			displayName: 'Options',
			name: 'listOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Raw Filter (Where)',
					name: 'where',
					type: 'string',
					default: '',
					placeholder: example,
					description:
						"A DCImanager where expression, joined with the conditions above by AND: field EQ/NE value, CP for LIKE with %, IS null, NOT, AND, OR, parentheses; text in single quotes",
				},
				{
					displayName: 'Sort By',
					name: 'sortField',
					type: 'options',
					options: fieldOptions,
					default: 'id',
				},
				{
					displayName: 'Sort Direction',
					name: 'sortDirection',
					type: 'options',
					options: [
						{ name: 'Ascending', value: 'asc' },
						{ name: 'Descending', value: 'desc' },
					],
					default: 'asc',
				},
			],
		},
	];
}

/** The `where` and `orderby` query of a listing; invalid input fails before any request. */
export function listQuery(p: ParameterReader): IDataObject {
	const filters = p.collection('filters');
	const conditions = ((filters.conditions as IDataObject[] | undefined) ?? []).map(
		(condition): FilterCondition => ({
			field: String(condition.field ?? ''),
			operator: String(condition.operator ?? 'equals') as FilterOperator,
			value: condition.value === undefined || condition.value === null ? '' : String(condition.value),
		}),
	);
	const combinator = p.raw<string>('filterCombinator', 'AND') === 'OR' ? 'OR' : 'AND';
	const options = p.collection('listOptions');
	try {
		const where = combineWhere(String(options.where ?? ''), buildWhere(conditions, combinator));
		const query: IDataObject = {};
		if (where !== '') query.where = where;
		if (options.sortField) {
			query.orderby = orderBy(String(options.sortField), options.sortDirection === 'desc' ? 'desc' : 'asc');
		}
		return query;
	} catch (error) {
		return p.fail(`The filter is not valid: ${error instanceof FilterError ? error.message : String(error)}`);
	}
}

/** A resource locator: pick from a searchable list, or give the numeric ID. */
export function dciLocator(options: LocatorBasics): INodeProperties {
	return resourceLocator({
		...options,
		idPlaceholder: '42',
		idPattern: DCI_ID_PATTERN,
		idErrorMessage: 'Not a valid ID: a whole number',
	});
}

export const serverLocator = dciLocator({ name: 'serverId', displayName: 'Server', searchListMethod: 'searchServers' });
export const userLocator = dciLocator({ name: 'userId', displayName: 'User', searchListMethod: 'searchUsers' });
export const locationLocator = dciLocator({ name: 'locationId', displayName: 'Location', searchListMethod: 'searchLocations' });
export const rackLocator = dciLocator({ name: 'rackId', displayName: 'Rack', searchListMethod: 'searchRacks' });
export const switchLocator = dciLocator({ name: 'switchId', displayName: 'Switch', searchListMethod: 'searchSwitches' });
export const ipAddressLocator = dciLocator({ name: 'ipAddressId', displayName: 'IP Address', searchListMethod: 'searchIpAddresses' });
export const ipNetworkLocator = dciLocator({ name: 'ipNetworkId', displayName: 'IP Network', searchListMethod: 'searchIpNetworks' });
/**
 * Install OS and OS Template → Get both store `osTemplateId`, and n8n keeps a parameter's value
 * across operations by name: both use this locator, so the value always has the same type.
 */
export const osTemplateLocator = dciLocator({ name: 'osTemplateId', displayName: 'OS Template', searchListMethod: 'searchOsTemplates' });
export const operationLocator = dciLocator({ name: 'operationId', displayName: 'Operation', searchListMethod: 'searchOperations' });

export function readId(p: ParameterReader, name: string, label: string): string {
	return p.id(name, { label, pattern: DCI_ID_PATTERN });
}
