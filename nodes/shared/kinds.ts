import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { pagingProperties, readWaitTimeout, waitProperties } from './descriptions';
import type { OperationDefinition } from './operations';
import type { ParameterReader } from './parameters';
import type { ApiRequest, ApiResponse, AsyncTracker, PageEnvelope, RequestContext, VendorApi } from './transport';
import { apiRequest, fetchPages, waitForCompletion } from './transport';

/** What the generic operation kinds need to know about one vendor. */
export interface VendorProfile {
	api: VendorApi;
	envelope: PageEnvelope;
	/**
	 * Recognises a response that accepted work to be done later, and says how to follow it.
	 * `reference` is what the node returns when the user does not wait.
	 */
	acceptedWork(
		ctx: RequestContext,
		response: ApiResponse,
		itemIndex: number,
	): { reference: IDataObject; tracker: AsyncTracker } | undefined;
	/**
	 * The resource a finished operation created or changed, when it names one. `creates` is the
	 * collection a create makes its item in (e.g. `virtual-machines`), so the parent it was started on
	 * is not mistaken for its result.
	 */
	resultOf(ctx: RequestContext, task: IDataObject, itemIndex: number, creates?: string): Promise<IDataObject | undefined>;
}

interface OperationBasics {
	value: string;
	name: string;
	action: string;
	description: string;
	properties?: INodeProperties[];
}

type RequestBuilder = (p: ParameterReader) => Promise<Omit<ApiRequest, 'itemIndex'>> | Omit<ApiRequest, 'itemIndex'>;

/** Reads one item. */
export function getOperation(profile: VendorProfile, definition: OperationBasics & { request: RequestBuilder }): OperationDefinition {
	return {
		...definition,
		properties: definition.properties ?? [],
		run: async (p) => {
			const request = await definition.request(p);
			return (await apiRequest<IDataObject>(p.ctx, profile.api, { ...request, itemIndex: p.itemIndex })).body;
		},
	};
}

/** Lists a collection with Return All / Limit; `request` adds the filters to the query. */
/**
 * The fields of a listing: what names the listed items' parent (a business unit, a system) first,
 * then Return All and Limit, then the filters.
 */
function listingProperties(itemName: string, properties: INodeProperties[]): INodeProperties[] {
	const isParent = (property: INodeProperties) => property.type === 'resourceLocator' || property.required === true;
	return [
		...properties.filter(isParent),
		...pagingProperties(itemName),
		...properties.filter((property) => !isParent(property)),
	];
}

export function listOperation(
	profile: VendorProfile,
	definition: OperationBasics & {
		itemName: string;
		request: RequestBuilder;
		/** This endpoint's own paging, where it differs from the vendor's usual one (e.g. other page size limits). */
		envelope?: PageEnvelope;
	},
): OperationDefinition {
	return {
		...definition,
		properties: listingProperties(definition.itemName, definition.properties ?? []),
		run: async (p) => {
			const request = await definition.request(p);
			const returnAll = p.boolean('returnAll');
			const limit = returnAll ? undefined : p.integer('limit', { label: 'Limit', min: 1 });
			const envelope = definition.envelope ?? profile.envelope;
			return await fetchPages(p.ctx, profile.api, { ...request, itemIndex: p.itemIndex }, envelope, {
				returnAll,
				limit,
			});
		},
	};
}

/**
 * A change. When the vendor accepts it as asynchronous work, waits for it by default and returns
 * the final task (with the resource it names under `resource`), or the task reference when not waiting.
 */
export function writeOperation(
	profile: VendorProfile,
	definition: OperationBasics & {
		request: RequestBuilder;
		defaultTimeoutSeconds?: number;
		/** For a create: the collection its item is made in, as the vendor's resource URIs name it (see `VendorProfile.resultOf`). */
		creates?: string;
	},
): OperationDefinition {
	const { creates, ...basics } = definition;
	return {
		...basics,
		properties: [...(definition.properties ?? []), ...waitProperties(definition.defaultTimeoutSeconds)],
		run: async (p) => {
			const request = await definition.request(p);
			// Read before sending: a bad timeout must not fail the item after the change was made.
			const wait = p.boolean('waitForCompletion', true);
			const timeoutSeconds = wait ? readWaitTimeout(p) : 0;
			const response = await apiRequest<IDataObject>(p.ctx, profile.api, { ...request, itemIndex: p.itemIndex });
			const accepted = profile.acceptedWork(p.ctx, response, p.itemIndex);
			if (!accepted) return responseJson(response);
			if (!wait) return accepted.reference;
			const task = await waitForCompletion(p.ctx, accepted.tracker, { timeoutSeconds, itemIndex: p.itemIndex });
			const resource = request.method === 'DELETE' ? undefined : await profile.resultOf(p.ctx, task, p.itemIndex, creates);
			return resource ? { ...task, resource } : task;
		},
	};
}

function responseJson(response: ApiResponse<IDataObject>): IDataObject {
	if (response.body && typeof response.body === 'object') return response.body;
	return { success: true, statusCode: response.statusCode };
}
