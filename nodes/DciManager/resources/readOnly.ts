import type { INodeProperties } from 'n8n-workflow';

import { getOperation, listOperation } from '../../shared/kinds';
import type { OperationDefinition, ResourceDefinition } from '../../shared/operations';
import type { EndpointName } from '../api';
import { endpointPath } from '../api';
import type { FieldOption } from '../profile';
import { dci, listProperties, listQuery, readId } from '../profile';

interface ReadOnlyResource {
	value: string;
	name: string;
	/** "location": used in actions ("Get a location") and messages. */
	singular: string;
	plural: string;
	article?: 'a' | 'an';
	list: EndpointName;
	get: EndpointName;
	fields: FieldOption[];
	whereExample: string;
	/** The resource locator naming the item (list, or ID). */
	locator: INodeProperties;
	extraOperations?: OperationDefinition[];
}

/** List and get of a DCImanager collection, e.g. locations or racks. */
export function readOnlyResource(resource: ReadOnlyResource): ResourceDefinition {
	const article = resource.article ?? 'a';
	const { locator } = resource;
	return {
		value: resource.value,
		name: resource.name,
		operations: [
			getOperation(dci, {
				value: 'get',
				name: 'Get',
				action: `Get ${article} ${resource.singular}`,
				description: `Get one ${resource.singular}, picked from a list or by ID`,
				properties: [locator],
				request: (p) => {
					const id = readId(p, locator.name, locator.displayName);
					return { method: 'GET', path: endpointPath(resource.get, { id }), subject: `${resource.name} ${id}` };
				},
			}),
			listOperation(dci, {
				value: 'getAll',
				name: 'Get Many',
				action: `Get many ${resource.plural}`,
				description: `List ${resource.plural}, filtered and sorted`,
				itemName: resource.plural,
				properties: listProperties(resource.fields, resource.whereExample),
				request: (p) => ({ method: 'GET', path: endpointPath(resource.list), qs: listQuery(p) }),
			}),
			...(resource.extraOperations ?? []),
		],
	};
}
