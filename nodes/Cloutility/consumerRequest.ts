import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { apiRequest } from '../shared/transport';
import type { RequestContext } from '../shared/transport';
import { cloutilityApi, consumerPath } from './api';

/** Passes on an error a request helper already turned into a node error (n8n hands back the same error). */
export function rethrow(ctx: RequestContext, error: unknown): never {
	if (error instanceof NodeApiError) throw new NodeApiError(ctx.getNode(), error as unknown as JsonObject);
	throw new NodeOperationError(ctx.getNode(), error as Error);
}

export interface ConsumerRef {
	businessUnitId: string;
	consumerId: string;
}

/**
 * Runs a request below a consumption unit (its jobs, reports, backup node). Cloutility answers 404
 * both for a unit that does not exist and for a path it does not serve, so on a 404 it is asked
 * whether the unit exists, and the error names which of the two it is.
 */
export async function belowConsumer<T>(
	ctx: RequestContext,
	unit: ConsumerRef,
	what: { description: string; path: string; itemIndex?: number },
	request: () => Promise<T>,
): Promise<T> {
	try {
		return await request();
	} catch (error) {
		if (!(error instanceof NodeApiError) || error.httpCode !== '404') rethrow(ctx, error);
		// Throws "Consumption unit … was not found" when it is the unit that is missing.
		const { body } = await apiRequest<IDataObject>(ctx, cloutilityApi, {
			method: 'GET',
			path: consumerPath(unit.businessUnitId, unit.consumerId),
			subject: `Consumption unit ${unit.consumerId} of business unit ${unit.businessUnitId}`,
			itemIndex: what.itemIndex,
		});
		const name = typeof body?.name === 'string' ? `"${body.name}" (${unit.consumerId})` : unit.consumerId;
		throw new NodeApiError(ctx.getNode(), {}, {
			message: `Cloutility found no ${what.description} for consumption unit ${name}, although the unit exists`,
			description: [
				`Cloutility answered 404 (Not Found) for GET ${what.path}.`,
				'This Cloutility may not offer that endpoint (its API help at /v1/help lists what it offers), or the unit has nothing there yet.',
				error.description,
			]
				.filter(Boolean)
				.join('\n'),
			httpCode: '404',
			itemIndex: what.itemIndex,
		});
	}
}
