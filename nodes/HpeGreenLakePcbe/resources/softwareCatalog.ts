import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { pagingProperties } from '../../shared/descriptions';
import { getOperation } from '../../shared/kinds';
import type { OperationDefinition, ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { fillPath } from '../../shared/parameters';
import { apiRequest } from '../../shared/transport';
import { PCBE_PATH, greenLakeApi } from '../api';
import { CATALOG_VERSION_PATTERN, catalogLocator, catalogVersionLocator, readId } from '../locators';
import { greenLake, listQuery, listQueryOptions } from '../profile';
import { selectQuery } from './system';

const CATALOGS = `${PCBE_PATH}/system-software-catalogs`;
/** The catalog listing takes `limit` 10 to 100 and no offset: one page is all it serves. */
const MIN_LIMIT = 10;
const MAX_LIMIT = 100;

async function readCatalogs(p: ParameterReader, qs: IDataObject, wanted: number): Promise<IDataObject[]> {
	const { body } = await apiRequest<IDataObject>(p.ctx, greenLakeApi, {
		method: 'GET',
		path: CATALOGS,
		qs: { ...qs, limit: Math.max(MIN_LIMIT, Math.min(MAX_LIMIT, wanted)) },
		itemIndex: p.itemIndex,
	});
	const items = Array.isArray(body.items) ? (body.items as IDataObject[]) : [];
	return items.slice(0, wanted);
}

const catalogVersion: INodeProperties = catalogVersionLocator('Version of the software catalog');

/** A view of one catalog version that the listing gives through `select` (EULA, systems with an update path). */
function catalogView(value: string, name: string, action: string, description: string, field: string): OperationDefinition {
	return {
		value,
		name,
		action,
		description,
		properties: [catalogVersion],
		run: async (p) => {
			const version = p.string('catalogVersion', {
				label: 'Catalog Version',
				pattern: CATALOG_VERSION_PATTERN,
				patternHint: 'A version such as 2.98 or 7.61.34.18.37.',
			});
			const [catalog] = await readCatalogs(p, { select: field, filter: `version eq '${version}'` }, 1);
			if (!catalog) p.fail(`There is no software catalog with version ${version}`, 'Get Many lists the catalog versions there are.');
			return { version, [field]: catalog[field] ?? null };
		},
	};
}

export const softwareCatalog: ResourceDefinition = {
	value: 'softwareCatalog',
	name: 'Software Catalog',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many software catalogs',
			description: 'List the system software catalogs (software versions a system can be updated to); at most 100',
			properties: [
				...pagingProperties('software catalogs'),
				listQueryOptions({ filterExample: "version eq '2.98'", sort: false }),
			],
			run: async (p) => {
				const returnAll = p.boolean('returnAll');
				const wanted = returnAll ? MAX_LIMIT : p.integer('limit', { label: 'Limit', min: 1, max: MAX_LIMIT });
				return await readCatalogs(p, listQuery(p), wanted);
			},
		},
		getOperation(greenLake, {
			value: 'get',
			name: 'Get',
			action: 'Get a software catalog',
			description: 'Get one system software catalog with its components',
			properties: [
				catalogLocator,
				{
					displayName: 'Options',
					name: 'getOptions',
					type: 'collection',
					placeholder: 'Add Option',
					default: {},
					options: [
						{
							displayName: 'Select',
							name: 'select',
							type: 'string',
							default: '',
							placeholder: 'version,eula',
							description: 'Comma-separated properties to return. Empty returns all.',
						},
					],
				},
			],
			request: (p) => {
				const id = readId(p, 'catalogId', 'Software Catalog');
				return { method: 'GET', path: fillPath(`${CATALOGS}/{id}`, { id }), subject: `Software catalog ${id}`, qs: selectQuery(p) };
			},
		}),
		catalogView('getEula', 'Get EULA', 'Get the EULA of a software catalog', 'Get the end user license agreement of a catalog version', 'eula'),
		catalogView(
			'getUpdatePaths',
			'Get Systems With Update Path',
			'Get the systems that can update to a software catalog',
			'List the systems (and their clusters) that have an update path to a catalog version',
			'systemsWithUpdatePath',
		),
	],
};
