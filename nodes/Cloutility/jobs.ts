import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { apiRequest } from '../shared/transport';
import type { RequestContext } from '../shared/transport';
import { cloutilityApi, consumerPath } from './api';
import type { ConsumerRef } from './consumerRequest';
import { belowConsumer, rethrow } from './consumerRequest';

const subjectOf = (unit: ConsumerRef) => `Consumption unit ${unit.consumerId} of business unit ${unit.businessUnitId}`;

/** The unit's first job (`…/jobs/first`), or undefined while it has none (Cloutility answers 404). */
export async function firstJob(ctx: RequestContext, unit: ConsumerRef, itemIndex?: number): Promise<IDataObject | undefined> {
	try {
		const path = `${consumerPath(unit.businessUnitId, unit.consumerId)}/jobs/first`;
		return (await apiRequest<IDataObject>(ctx, cloutilityApi, { method: 'GET', path, subject: subjectOf(unit), itemIndex })).body;
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') return undefined;
		rethrow(ctx, error);
	}
}

/**
 * The jobs completed in a window, as Cloutility documents it:
 * `GET …/consumers/{id}/jobs/first?startTime=&endTime=` (a JobList). Cloutility refuses a window
 * that starts before the unit's first job completed, so the window starts there at the earliest;
 * a unit without jobs has none to list.
 */
export async function jobsInWindow(ctx: RequestContext, unit: ConsumerRef, window: { start?: number; end?: number; itemIndex?: number }): Promise<IDataObject[]> {
	const first = await firstJob(ctx, unit, window.itemIndex);
	if (!first) return [];
	const firstCompleted = typeof first.completed === 'string' ? Date.parse(first.completed) : Number.NaN;
	// Both ends are always sent: without them the same path answers the first job alone. No start
	// means the last 24 hours (Cloutility's own default), no end means now.
	const end = window.end ?? Date.now();
	const requestedStart = window.start ?? end - 24 * 3600_000;
	const start = Number.isFinite(firstCompleted) ? Math.max(requestedStart, firstCompleted) : requestedStart;
	if (start > end) return [];
	const qs: IDataObject = { startTime: new Date(start).toISOString(), endTime: new Date(end).toISOString() };
	const path = `${consumerPath(unit.businessUnitId, unit.consumerId)}/jobs/first`;
	const { body } = await belowConsumer(ctx, unit, { description: 'job list', path: `${path}?startTime=…&endTime=…`, itemIndex: window.itemIndex }, async () =>
		await apiRequest<unknown>(ctx, cloutilityApi, { method: 'GET', path, qs, subject: subjectOf(unit), itemIndex: window.itemIndex }),
	);
	if (Array.isArray(body)) return body as IDataObject[];
	const items = (body as IDataObject | undefined)?.items;
	return Array.isArray(items) ? (items as IDataObject[]) : [];
}
