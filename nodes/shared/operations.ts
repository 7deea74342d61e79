import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ParameterReader } from './parameters';
import { AsyncOperationError } from './transport';

/** One operation of one resource: its UI and what it does. The unit a reader looks for. */
export interface OperationDefinition {
	/** Stored in saved workflows: never rename. */
	value: string;
	name: string;
	/** Sentence shown in the node picker and to AI agents, e.g. "Create a volume". */
	action: string;
	description: string;
	/** Parameters of this operation only; the router adds the display conditions. */
	properties: INodeProperties[];
	/** Runs the operation for one input item. An array means one output item per element. */
	run(p: ParameterReader): Promise<IDataObject | IDataObject[]>;
}

export interface ResourceDefinition {
	/** Stored in saved workflows: never rename. */
	value: string;
	name: string;
	operations: OperationDefinition[];
}

/** The Resource and Operation selectors plus every operation's parameters, shown only where they apply. */
export function describeResources(resources: ResourceDefinition[]): INodeProperties[] {
	const firstResource = resources[0].value;
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources.map(({ name, value }) => ({ name, value })),
			default: firstResource,
		},
	];
	for (const resource of resources) {
		const firstOperation = resource.operations[0].value;
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: resource.operations.map(({ name, value, action, description }) => ({
				name,
				value,
				action,
				description,
			})),
			default: firstOperation,
		});
	}
	for (const resource of resources) {
		for (const operation of resource.operations) {
			for (const property of operation.properties) {
				properties.push({
					...property,
					displayOptions: scopedDisplay(property.displayOptions, resource.value, operation.value),
				});
			}
		}
	}
	return properties;
}

/** The resources one set of node versions offers (`version: [1, 2]`). */
export interface ResourceVersion {
	versions: number[];
	resources: ResourceDefinition[];
}

/**
 * `describeResources` for a node with several versions: each version's Resource selector shows
 * only its resources; every operation's selector and parameters appear once, shown wherever its
 * resource is chosen. A resource value means the same in every version; run every version's
 * resources with `runOperations(ctx, allResources(versions))`. The newest version comes first:
 * what reads the description without a version (docs, coverage) sees it.
 */
export function describeVersionedResources(versions: ResourceVersion[]): INodeProperties[] {
	const selectors = versions.map(({ versions: shown, resources }) => ({
		...describeResources(resources)[0],
		displayOptions: { show: { '@version': shown } },
	}));
	const newest = new Set(versions[0].resources.map((resource) => resource.value));
	const [, ...rest] = describeResources(allResources(versions));
	// An older version's own resources repeat the newest one's actions ("Start a deployment"):
	// their operations keep no action, which only the nodes panel shows (for the newest version).
	const operations = rest.map((property) =>
		property.name === 'operation' && !property.displayOptions?.show?.resource?.some((value) => newest.has(String(value)))
			? { ...property, options: (property.options as INodePropertyOptions[]).map((option) => ({ ...option, action: undefined })) }
			: property,
	);
	return [...selectors, ...operations];
}

/** Every resource of every version, each once. */
export function allResources(versions: ResourceVersion[]): ResourceDefinition[] {
	return [...new Set(versions.flatMap((version) => version.resources))];
}

function scopedDisplay(own: IDisplayOptions | undefined, resource: string, operation: string): IDisplayOptions {
	return {
		...own,
		show: { ...own?.show, resource: [resource], operation: [operation] },
	};
}

/**
 * The router: runs the chosen operation for every input item, pairs every output item with its
 * input, and applies "continue on fail" per item.
 */
export async function runOperations(
	ctx: IExecuteFunctions,
	resources: ResourceDefinition[],
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const resourceValue = ctx.getNodeParameter('resource', itemIndex) as string;
		const operationValue = ctx.getNodeParameter('operation', itemIndex) as string;
		const operation = resources
			.find((resource) => resource.value === resourceValue)
			?.operations.find((candidate) => candidate.value === operationValue);
		try {
			if (!operation) {
				throw new NodeOperationError(
					ctx.getNode(),
					`The operation "${operationValue}" of "${resourceValue}" is not supported`,
					{ itemIndex },
				);
			}
			const result = await operation.run(new ParameterReader(ctx, itemIndex));
			for (const json of Array.isArray(result) ? result : [result]) {
				output.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			if (!ctx.continueOnFail()) {
				// Both constructors hand back an error of their own class unchanged.
				if (error instanceof NodeApiError) throw new NodeApiError(ctx.getNode(), error as unknown as JsonObject);
				throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
			}
			output.push({ json: errorItemJson(error), pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}

/**
 * A "continue on fail" item. Only `error`, `message` and `details` keys: n8n then routes the item to
 * the error output and keeps its JSON (an item with `.error` set would be reduced to the message
 * alone). `details` keeps what a stopped node shows: the HTTP status, the vendor's error code and
 * trace ID, the explanation (which names the request), and the last state of a failed task.
 */
function errorItemJson(error: unknown): IDataObject {
	const details: IDataObject = {};
	if (error instanceof NodeApiError) {
		const status = Number(error.httpCode);
		if (Number.isInteger(status) && status > 0) details.httpStatus = status;
		if (error.context.vendorErrorCode !== undefined) details.errorCode = error.context.vendorErrorCode as string;
		if (error.context.traceId !== undefined) details.traceId = error.context.traceId as string;
	}
	if ((error instanceof NodeApiError || error instanceof NodeOperationError) && error.description) {
		details.description = error.description;
	}
	if (error instanceof AsyncOperationError) details.task = error.task;
	const json: IDataObject = { error: (error as Error).message };
	if (Object.keys(details).length > 0) json.details = details;
	return json;
}
