import type { IDataObject } from 'n8n-workflow';

import type { AsyncTracker, RequestContext, VendorApi } from '../transport';
import { apiRequest } from '../transport';

const SUCCEEDED = new Set(['SUCCEEDED']);
const FAILED = new Set(['FAILED', 'TIMEDOUT', 'CANCELLED', 'CANCELED']);

/**
 * Follows an HPE asynchronous task: a DSCC task or a GreenLake data-services async operation, which
 * share their shape (state, error, logMessages, suggestedPollingIntervalSeconds).
 */
export function hpeTaskTracker(
	ctx: RequestContext,
	api: VendorApi,
	task: { id: string; path: string; noun: string; subject: string; itemIndex?: number },
): AsyncTracker {
	return {
		describe: (found) => `${task.noun} "${String(found.displayName ?? found.name ?? task.id)}" (${task.id})`,
		fetch: async () =>
			(
				await apiRequest<IDataObject>(ctx, api, {
					method: 'GET',
					path: task.path,
					subject: task.subject,
					itemIndex: task.itemIndex,
				})
			).body,
		state: (found) => String(found.state ?? 'UNSPECIFIED').toUpperCase(),
		succeeded: (state) => SUCCEEDED.has(state),
		failed: (state) => FAILED.has(state),
		failureReason: (found) => {
			const error = found.error as IDataObject | null | undefined;
			const fromError = error && (error.error ?? error.message);
			if (typeof fromError === 'string' && fromError !== '') return fromError;
			const logs = found.logMessages as IDataObject[] | undefined;
			const last = logs?.[logs.length - 1]?.message;
			return typeof last === 'string' ? last : undefined;
		},
		suggestedIntervalSeconds: (found) =>
			typeof found.suggestedPollingIntervalSeconds === 'number' ? found.suggestedPollingIntervalSeconds : undefined,
	};
}

/**
 * Reads back the resource a finished task names. The task succeeded, so a resource that cannot be
 * read back is left out rather than failing the item.
 */
export async function readBackResource(
	ctx: RequestContext,
	api: VendorApi,
	uri: string | undefined,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	if (!uri) return undefined;
	try {
		return (await apiRequest<IDataObject>(ctx, api, { method: 'GET', path: uri, itemIndex })).body;
	} catch {
		return undefined;
	}
}
