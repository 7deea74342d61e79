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
 * Which resource a finished task or operation is about when it is not known to be a create:
 * `source` the one it was started on, `associated` its first associated resource, `produced` an
 * associated resource other than the one it was started on (what it made), else that one.
 */
export type ResultPreference = 'source' | 'associated' | 'produced';

/**
 * The URI of the resource a finished task or async operation produced or changed. `associated` are
 * the URIs it lists as associated (created or involved), `source` the one it was started on.
 *
 * A create names the collection it creates in (e.g. `virtual-machines`): only an associated resource
 * of that collection is its result, never the parent it was started on (the system of a report, the
 * cluster of a VM). Any other change returns the resource `prefer` says.
 */
export function resultResourceUri(
	work: { associated: unknown[]; source: unknown; prefer: ResultPreference },
	isResourceUri: (uri: string) => boolean,
	creates?: string,
): string | undefined {
	const valid = (uri: unknown): uri is string => typeof uri === 'string' && isResourceUri(uri);
	const associated = work.associated.filter(valid);
	if (creates !== undefined) return associated.find((uri) => collectionOf(uri) === creates);
	const source = valid(work.source) ? work.source : undefined;
	if (work.prefer === 'associated') return associated[0] ?? source;
	if (work.prefer === 'produced') return associated.find((uri) => uri !== source) ?? source;
	return source ?? associated[0];
}

/** The collection an item URI belongs to: `virtual-machines` for `/virtualization/v1beta1/virtual-machines/{id}`. */
function collectionOf(uri: string): string | undefined {
	const segments = uri.split('?')[0].split('/').filter((segment) => segment !== '');
	return segments.length >= 2 ? segments[segments.length - 2] : undefined;
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
