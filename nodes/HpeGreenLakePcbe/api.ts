import type { IDataObject } from 'n8n-workflow';

import type { AsyncTracker, PageEnvelope, RequestContext, VendorApi } from '../shared/transport';
import { HPE_CREDENTIAL_HINT, hpeBaseUrl } from '../shared/hpe/api';
import type { ResultPreference } from '../shared/hpe/asyncTask';
import { hpeTaskTracker, resultResourceUri } from '../shared/hpe/asyncTask';
import { headerValue, offsetEnvelope } from '../shared/transport';

export const GREENLAKE_CREDENTIAL = 'hpeGreenLakeOAuth2Api';

/** GreenLake IDs are UUIDs; some systems and catalogs use other plain tokens. Nothing that could leave a path segment. */
export const GREENLAKE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

/** The IDs the GreenLake specs declare `format: uuid` (systems, servers, policies, reports, async operations). */
export const UUID_PATTERN = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

export const PCBE_PATH = '/private-cloud-business/v1beta1';
export const VIRTUALIZATION_PATH = '/virtualization/v1beta1';
export const DATA_SERVICES_PATH = '/data-services/v1beta1';

/**
 * The credential's region is the DSCC instance (us1, eu1, jp1); the GreenLake APIs (PCBE,
 * virtualization, data services) of the same region live on `{host}.api.greenlake.hpe.com`.
 * EU West has no DSCC twin and is chosen by its own name.
 */
export const GREENLAKE_HOSTS: { [region: string]: string } = {
	us1: 'us-west',
	eu1: 'eu-central',
	jp1: 'ap-northeast',
	'eu-west': 'eu-west',
	'us-west': 'us-west',
	'eu-central': 'eu-central',
	'ap-northeast': 'ap-northeast',
};

export const greenLakeApi: VendorApi = {
	productName: 'HPE GreenLake',
	credentialType: GREENLAKE_CREDENTIAL,
	baseUrl: (credentials) =>
		hpeBaseUrl(credentials, (region) => {
			const host = GREENLAKE_HOSTS[region];
			return host ? `https://${host}.api.greenlake.hpe.com` : '';
		}),
	readError: (body) => {
		if (typeof body === 'string') return { message: body.slice(0, 500) };
		const error = (body ?? {}) as IDataObject;
		const message = error.message ?? error.error;
		return {
			message: typeof message === 'string' ? message : undefined,
			code: error.errorCode !== undefined && error.errorCode !== '' ? String(error.errorCode) : undefined,
			traceId: (error.debugId ?? error.traceId) as string | undefined,
		};
	},
	credentialHint: HPE_CREDENTIAL_HINT,
	// HPE GreenLake keeps one valid token per API client.
	signInSupersedesTokens: true,
};

/**
 * The unified GreenLake envelope `{items, count, offset, total}`. Each endpoint has its own `limit`
 * range: PCBE systems and servers take 10 to 100, the virtualization lists 1 to 1000.
 */
export function greenLakeEnvelope(minPageSize: number, maxPageSize: number): PageEnvelope {
	return offsetEnvelope({ minPageSize, maxPageSize });
}

export const PCBE_SYSTEMS_ENVELOPE = greenLakeEnvelope(10, 100);
export const VIRTUALIZATION_ENVELOPE = greenLakeEnvelope(1, 1000);
export const ASYNC_OPERATIONS_ENVELOPE = greenLakeEnvelope(1, 1000);

/** The async-operation ID named by a `Location` header (a path or a full URL). */
export function operationIdFromLocation(location: string): string | undefined {
	const path = location.split('?')[0].replace(/\/+$/, '');
	if (!/\/async-operations\/[^/]+$/.test(path)) return undefined;
	const id = path.split('/').pop();
	return id && GREENLAKE_ID_PATTERN.test(id) ? id : undefined;
}

export function locationOf(headers: { [name: string]: string | string[] | undefined }): string | undefined {
	return headerValue(headers, 'location');
}

export function asyncOperationPath(id: string): string {
	return `${DATA_SERVICES_PATH}/async-operations/${encodeURIComponent(id)}`;
}

export function asyncOperationTracker(ctx: RequestContext, operationId: string, itemIndex?: number): AsyncTracker {
	return hpeTaskTracker(ctx, greenLakeApi, {
		id: operationId,
		path: asyncOperationPath(operationId),
		noun: 'operation',
		subject: `Async operation ${operationId}`,
		itemIndex,
	});
}

const RESOURCE_URI = /^\/(private-cloud-business|virtualization|data-services)\/v1[a-z0-9]*\/[A-Za-z0-9/_.:-]+$/;

/**
 * The URI of the resource a finished operation created (`creates`: its collection, e.g.
 * `virtual-machines`) or changed. `sourceResourceUri` is "the resource that was used to initiate the
 * operation" (the system a report is made for), `associatedResources` the ones it created or involved.
 * Without `creates`, `prefer` says which one a change is about (see `ResultPreference`).
 */
export function resourceUriOfOperation(operation: IDataObject, creates?: string, prefer: ResultPreference = 'source'): string | undefined {
	const associated = ((operation.associatedResources as IDataObject[] | undefined) ?? []).map((reference) => reference?.resourceUri);
	return resultResourceUri(
		{ associated, source: operation.sourceResourceUri, prefer },
		(uri) => RESOURCE_URI.test(uri) && !uri.includes('/async-operations/'),
		creates,
	);
}
