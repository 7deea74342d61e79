import type { IDataObject } from 'n8n-workflow';

import { HPE_CREDENTIAL_HINT, hpeBaseUrl } from '../shared/hpe/api';
import { hpeTaskTracker, resultResourceUri } from '../shared/hpe/asyncTask';
import type { AsyncTracker, RequestContext, VendorApi } from '../shared/transport';
import { offsetEnvelope } from '../shared/transport';

export const DSCC_CREDENTIAL = 'hpeGreenLakeOAuth2Api';

/** DSCC IDs: hex strings, array serials (SGH029VBHV), UUIDs. Nothing that could leave the path segment. */
export const DSCC_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

const DSCC_REGIONS = new Set(['us1', 'eu1', 'jp1']);

export const dsccApi: VendorApi = {
	productName: 'HPE Data Services Cloud Console',
	credentialType: DSCC_CREDENTIAL,
	// A GreenLake-only region (EU West) has no DSCC host.
	baseUrl: (credentials) => hpeBaseUrl(credentials, (region) => (DSCC_REGIONS.has(region) ? `https://${region}.data.cloud.hpe.com` : '')),
	readError: (body) => {
		if (typeof body === 'string') return { message: body.slice(0, 500) };
		const error = (body ?? {}) as IDataObject;
		const message = error.message ?? error.error;
		return {
			message: typeof message === 'string' ? message : undefined,
			code: error.errorCode !== undefined ? String(error.errorCode) : undefined,
			traceId: (error.traceId ?? error.debugId) as string | undefined,
		};
	},
	credentialHint: HPE_CREDENTIAL_HINT,
	// HPE GreenLake keeps one valid token per API client.
	signInSupersedesTokens: true,
	unknownOutcomeHint:
		'Look for the task in the task list (Task → Get Many in this node, or Tasks in Data Services Cloud Console) to see whether it ran before trying again.',
};

/** `{items, total, pageLimit, pageOffset}`; DSCC serves up to 1000 items a page. */
export const dsccEnvelope = offsetEnvelope({ maxPageSize: 1000 });

/** The task ID is the last segment of the `taskUri` a 202 response carries. */
export function taskIdFromUri(taskUri: string): string | undefined {
	const id = taskUri.split('?')[0].replace(/\/+$/, '').split('/').pop();
	return id && DSCC_ID_PATTERN.test(id) ? id : undefined;
}

export function dsccTaskTracker(ctx: RequestContext, taskId: string, itemIndex?: number): AsyncTracker {
	return hpeTaskTracker(ctx, dsccApi, {
		id: taskId,
		path: `/api/v1/tasks/${encodeURIComponent(taskId)}`,
		noun: 'task',
		subject: `Task ${taskId}`,
		itemIndex,
	});
}

/** The `/api/v1/...` URI of the resource a finished task created (`creates`: its collection) or changed, if it names one. */
export function resourceUriOfTask(task: IDataObject, creates?: string): string | undefined {
	const associated = ((task.associatedResources as IDataObject[] | undefined) ?? []).map((reference) => reference?.resourceUri);
	return resultResourceUri(
		{ associated, source: (task.sourceResource as IDataObject | null | undefined)?.resourceUri, prefer: 'associated' },
		(uri) => /^\/api\/v1\/[A-Za-z0-9/_.:-]+$/.test(uri) && !uri.startsWith('/api/v1/tasks/'),
		creates,
	);
}
