import type { INodeProperties } from 'n8n-workflow';

import { readBackResource } from '../shared/hpe/asyncTask';
import { hpeListQueryOptions } from '../shared/hpe/listQuery';
import type { VendorProfile } from '../shared/kinds';
import {
	VIRTUALIZATION_ENVELOPE,
	asyncOperationTracker,
	greenLakeApi,
	locationOf,
	operationIdFromLocation,
	resourceUriOfOperation,
} from './api';

export { listQuery, queryText } from '../shared/hpe/listQuery';

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
	resultOf: async (ctx, operation, itemIndex, creates) =>
		await readBackResource(ctx, greenLakeApi, resourceUriOfOperation(operation, creates), itemIndex),
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
	return hpeListQueryOptions({
		filterExample,
		filterDescription: `Filter expression: property, operator (eq, ne, gt, lt, in), value; join with "and"; nested properties with "/". Quote text values, e.g. ${filterExample}.`,
		sortExample,
		sortDescription: 'Comma-separated properties, each followed by asc or desc',
		selectDescription: 'Comma-separated properties to return. Empty returns all.',
		filter,
		sort,
		select,
	});
}
