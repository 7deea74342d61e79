import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readBackResource } from '../shared/hpe/asyncTask';
import { hpeListQueryOptions } from '../shared/hpe/listQuery';
import type { VendorProfile } from '../shared/kinds';
import { listOperation } from '../shared/kinds';
import type { OperationDefinition } from '../shared/operations';
import { dsccApi, dsccEnvelope, dsccTaskTracker, resourceUriOfTask, taskIdFromUri } from './api';

export { listQuery } from '../shared/hpe/listQuery';

export const dscc: VendorProfile = {
	api: dsccApi,
	envelope: dsccEnvelope,
	acceptedWork: (ctx, response, itemIndex) => {
		const body = (response.body ?? {}) as IDataObject;
		const taskUri = body.taskUri ?? body.taskURI;
		if (response.statusCode !== 202 || typeof taskUri !== 'string') return undefined;
		const taskId = taskIdFromUri(taskUri);
		if (!taskId) return undefined;
		return {
			reference: { taskId, taskUri, status: body.status, message: body.message },
			tracker: dsccTaskTracker(ctx, taskId, itemIndex),
		};
	},
	resultOf: async (ctx, task, itemIndex, creates) => await readBackResource(ctx, dsccApi, resourceUriOfTask(task, creates), itemIndex),
};

/**
 * A DSCC listing with Return All / Limit, whose `parents` (the storage system or volume it is listed
 * from) come first in the panel, before Return All and Limit.
 */
export function dsccListOperation(
	definition: Parameters<typeof listOperation>[1] & { parents: INodeProperties[] },
): OperationDefinition {
	const { parents, ...rest } = definition;
	const operation = listOperation(dscc, rest);
	return { ...operation, properties: [...parents, ...operation.properties] };
}

interface ListQueryOptions {
	/** Example filter shown in the UI, in DSCC's OData syntax. */
	filterExample?: string;
	sortExample?: string;
	/** False where the endpoint takes no `sort` / `select`. */
	sort?: boolean;
	select?: boolean;
	/** Replace the generic help text where an endpoint's filter or sort syntax is narrower. */
	filterDescription?: string;
	sortDescription?: string;
	/** The operators a filter may use, where the endpoint accepts fewer than all. */
	filterOperators?: string;
}

/** The syntax hint under a Filter field, with an example. */
export function filterHint(example: string, operators = 'eq, ne, gt, ge, lt, le, in'): string {
	return `Syntax: property operator value (${operators}), conditions joined with "and". Example: ${example}`;
}

/** The Filter / Sort / Select options of a DSCC listing. */
export function listQueryOptions(options: ListQueryOptions = {}): INodeProperties {
	const { filterExample = "name eq 'array1'", sortExample = 'name asc', sort = true, select = true } = options;
	return hpeListQueryOptions({
		filterExample,
		filterDescription:
			options.filterDescription ??
			`OData filter: property, operator (eq, ne, gt, lt, ge, le, in), value; combine with "and" / "or". Quote text values, e.g. ${filterExample}.`,
		filterHint: filterHint(filterExample, options.filterOperators),
		sortExample,
		sortDescription: options.sortDescription ?? 'Comma-separated properties, each followed by asc or desc',
		selectDescription: 'Comma-separated properties to return (nested ones joined with a dot). Empty returns all.',
		filter: true,
		sort,
		select,
	});
}
