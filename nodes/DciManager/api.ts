import type { IDataObject } from 'n8n-workflow';

import { DciManagerApi } from '../../credentials/DciManagerApi.credentials';
import type { AsyncTracker, PageEnvelope, RequestContext, VendorApi } from '../shared/transport';
import { apiRequest } from '../shared/transport';

export const DCI_CREDENTIAL = 'dciManagerApi';

/** DCImanager 6 object IDs are integers. */
export const DCI_ID_PATTERN = /^\d{1,12}$/;

/**
 * How sure we are of an endpoint:
 * - `documented`: in ISPsystem's own DCImanager 6 documentation (API guide, examples of API use);
 * - `seen`: called by public code written against a DCImanager 6 host;
 * - `inferred`: not in any public source; named by the platform's conventions (VMmanager 6 analogue,
 *   POST to an object's URL edits it, DELETE removes it). Check these against `https://HOST/swagger/`.
 */
export type Evidence = 'documented' | 'seen' | 'inferred';

export interface Endpoint {
	method: 'GET' | 'POST' | 'DELETE';
	/** Below the API prefix; `{id}`-style placeholders. */
	path: string;
	evidence: Evidence;
	source: string;
}

const D1 = 'ispsystem.com/docs/dcimanager-admin/developer-section/api-guide';
const D2 = 'ispsystem.com/docs/dcimanager-admin/developer-section/examples-of-api-use';
const D4 = 'ispsystem.com/dci-api-integration (lists the operation, not the path)';

/** Every DCImanager 6 endpoint the nodes call: the ONE place to correct a path. */
export const DCI_ENDPOINTS = {
	login: { method: 'POST', path: '/auth/v4/public/token', evidence: 'documented', source: D1 },
	serverList: { method: 'GET', path: '/dci/v3/server', evidence: 'documented', source: D2 },
	serverGet: { method: 'GET', path: '/dci/v3/server/{id}', evidence: 'documented', source: D2 },
	serverEdit: { method: 'POST', path: '/dci/v3/server/{id}', evidence: 'inferred', source: `${D4}; POST to the object URL (${D1})` },
	serverDelete: { method: 'DELETE', path: '/dci/v3/server/{id}', evidence: 'inferred', source: D4 },
	serverPowerOn: { method: 'POST', path: '/dci/v3/server/{id}/power_on', evidence: 'inferred', source: 'public DCI power script builds /server/{id}/{power action}; only power_reset is literal' },
	serverPowerOff: { method: 'POST', path: '/dci/v3/server/{id}/power_off', evidence: 'inferred', source: 'as power_on' },
	serverPowerReset: { method: 'POST', path: '/dci/v3/server/{id}/power_reset', evidence: 'seen', source: 'public DCI power script (dci-nl.pq.hosting), body {}' },
	serverInstallOs: { method: 'POST', path: '/dci/v3/server/{id}/reinstall', evidence: 'inferred', source: 'VMmanager 6 POST /vm/v3/host/{id}/reinstall {os, password} (go-vmmanager-api, vmmanager6-api-go)' },
	serverAssignOwner: { method: 'POST', path: '/dci/v3/server/{id}/owner', evidence: 'inferred', source: `${D2} has "User assignment as server owner" (POST); its path is cut off in every public copy` },
	serverReleaseOwner: { method: 'DELETE', path: '/dci/v3/server/{id}/owner', evidence: 'inferred', source: 'counterpart of serverAssignOwner' },
	userList: { method: 'GET', path: '/dci/v3/user', evidence: 'documented', source: D2 },
	userCreate: { method: 'POST', path: '/dci/v3/user', evidence: 'documented', source: D2 },
	userGet: { method: 'GET', path: '/dci/v3/user/{id}', evidence: 'inferred', source: 'object URL of userList' },
	userUpdate: { method: 'POST', path: '/dci/v3/user/{id}', evidence: 'inferred', source: `POST to the object URL (${D1}); VMmanager 6 POST /vm/v3/user/{id}` },
	userDelete: { method: 'DELETE', path: '/dci/v3/user/{id}', evidence: 'inferred', source: `${D4}; VMmanager 6 DELETE /vm/v3/user/{id}` },
	locationList: { method: 'GET', path: '/dci/v3/location', evidence: 'inferred', source: 'servers carry location_id (public DCI scripts); DCImanager docs have a Locations chapter' },
	locationGet: { method: 'GET', path: '/dci/v3/location/{id}', evidence: 'inferred', source: 'object URL of locationList' },
	rackList: { method: 'GET', path: '/dci/v3/rack', evidence: 'seen', source: 'public DCI performance-test client (orderby, where, limit)' },
	rackGet: { method: 'GET', path: '/dci/v3/rack/{id}', evidence: 'inferred', source: 'object URL of rackList' },
	switchList: { method: 'GET', path: '/dci/v3/switch', evidence: 'inferred', source: 'parent of switchPorts' },
	switchGet: { method: 'GET', path: '/dci/v3/switch/{id}', evidence: 'inferred', source: 'parent of switchPorts' },
	switchPorts: { method: 'GET', path: '/dci/v3/switch/{id}/port', evidence: 'seen', source: 'public DCI helper script (smartape.net), orderby=id desc&limit=0,1000' },
	ipList: { method: 'GET', path: '/ip/v3/ip', evidence: 'seen', source: `public DCI helper script (where=ipnet EQ N AND status NE 'extended'); IPmanager service in ${D1}` },
	ipGet: { method: 'GET', path: '/ip/v3/ip/{id}', evidence: 'inferred', source: 'object URL of ipList' },
	networkList: { method: 'GET', path: '/ip/v3/ipnet', evidence: 'inferred', source: 'VMmanager 6 box, same IPmanager service (vmmanager6-api-go)' },
	networkGet: { method: 'GET', path: '/ip/v3/ipnet/{id}', evidence: 'inferred', source: 'object URL of networkList' },
	osTemplateList: { method: 'GET', path: '/dci/v3/os_template', evidence: 'inferred', source: `servers carry os_template {id, name, tags} (${D2})` },
	osTemplateGet: { method: 'GET', path: '/dci/v3/os_template/{id}', evidence: 'inferred', source: 'object URL of osTemplateList' },
	operationList: { method: 'GET', path: '/dci/v3/operation', evidence: 'inferred', source: `${D4} ("information about a particular operation"); servers embed operation {id, status} (${D2})` },
	operationGet: { method: 'GET', path: '/dci/v3/operation/{id}', evidence: 'inferred', source: 'as operationList' },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof DCI_ENDPOINTS;

/** The path of a catalogued endpoint with its placeholders filled (URL-encoded). */
export function endpointPath(name: EndpointName, values: Record<string, string> = {}): string {
	return DCI_ENDPOINTS[name].path.replace(/\{(\w+)\}/g, (_, key: string) => {
		const value = values[key];
		if (value === undefined) throw new Error(`Endpoint ${name} needs a value for ${key}`);
		return encodeURIComponent(value);
	});
}

/** DCImanager's "session ended" error code, sent with whatever HTTP status the platform chooses. */
export const DCI_UNAUTHORIZED_CODE = 3001;

function errorObject(body: unknown): IDataObject | undefined {
	const error = (body as IDataObject | undefined)?.error;
	return error && typeof error === 'object' ? (error as IDataObject) : undefined;
}

export const dciApi: VendorApi = {
	productName: 'DCImanager 6',
	credentialType: DCI_CREDENTIAL,
	baseUrl: (credentials) => DciManagerApi.apiRoot(credentials),
	readError: (body) => {
		if (typeof body === 'string') return { message: body.slice(0, 500) || undefined };
		const error = errorObject(body);
		if (!error) return {};
		const value = error.value;
		const detail =
			value === undefined || value === null || value === ''
				? ''
				: ` (${typeof value === 'string' ? value : JSON.stringify(value).slice(0, 300)})`;
		return {
			message: typeof error.msg === 'string' ? `${error.msg}${detail}` : undefined,
			code: error.code !== undefined ? String(error.code) : undefined,
		};
	},
	requestDefaults: (credentials) => ({ skipSslCertificateValidation: credentials.allowSelfSigned === true }),
	credentialHint:
		'Check the email and password (or the API token) in the credential, and that the user may use the API. A long-lived token ends on its expires_at date.',
	// The platform answers 503 while it wakes from suspension: retry quickly first, then back off.
	retry: { maxRetries: 7, baseDelayMs: 200, maxDelayMs: 4_000, maxTotalWaitMs: 30_000 },
	expiredSession: {
		isExpired: (failure) =>
			failure.statusCode !== 401 && Number(errorObject(failure.body)?.code) === DCI_UNAUTHORIZED_CODE,
		tokenField: 'sessionToken',
	},
};

/** The largest page asked for; the platform's own UI pages far smaller. */
export const DCI_PAGE_SIZE = 1000;

/** `{list, size}` lists paged with `limit=offset,count`. */
export const dciEnvelope: PageEnvelope = {
	maxPageSize: DCI_PAGE_SIZE,
	pageQuery: (offset, limit) => ({ limit: `${offset},${limit}` }),
	items: (body) => {
		const list = (body as IDataObject | undefined)?.list;
		return Array.isArray(list) ? (list as IDataObject[]) : [];
	},
	total: (body) => {
		const size = (body as IDataObject | undefined)?.size;
		return typeof size === 'number' ? size : undefined;
	},
	itemKey: (item) => (typeof item.id === 'number' || typeof item.id === 'string' ? String(item.id) : undefined),
};

/** Operation statuses that end an operation. The platform's exact words are not documented: both spellings seen on VMmanager 6 count. */
const SUCCEEDED = new Set(['complete', 'completed', 'success', 'succeeded', 'done', 'ok']);
const FAILED = new Set(['fail', 'failed', 'error', 'cancelled', 'canceled', 'aborted', 'timeout']);

export function operationState(operation: IDataObject | null | undefined): string {
	return String(operation?.status ?? 'complete').toLowerCase();
}

export function operationSucceeded(state: string): boolean {
	return SUCCEEDED.has(state);
}

export function operationFailed(state: string): boolean {
	return FAILED.has(state);
}

export function operationFailureReason(operation: IDataObject): string | undefined {
	const info = operation.status_info;
	if (typeof info === 'string' && info !== '') return info;
	if (info && typeof info === 'object') {
		const message = (info as IDataObject).msg ?? (info as IDataObject).message ?? (info as IDataObject).error;
		if (typeof message === 'string' && message !== '') return message;
		const text = JSON.stringify(info);
		if (text !== '{}') return text.slice(0, 300);
	}
	return undefined;
}

export async function getServer(ctx: RequestContext, serverId: string, itemIndex?: number): Promise<IDataObject> {
	return (
		await apiRequest<IDataObject>(ctx, dciApi, {
			method: 'GET',
			path: endpointPath('serverGet', { id: serverId }),
			subject: `Server ${serverId}`,
			itemIndex,
		})
	).body;
}

/**
 * Follows a server's long operation (OS install, power, diagnostics) through the `operation` object
 * every server carries (documented). A server without an operation has none running: finished.
 * The tracked object is the server, its operation under `operation`.
 */
export function serverOperationTracker(ctx: RequestContext, serverId: string, itemIndex?: number): AsyncTracker {
	let polls = 0;
	return {
		describe: (server) => {
			const operation = server.operation as IDataObject | undefined;
			const name = operation?.name ?? operation?.type;
			return `operation ${name ? `"${String(name)}" ` : ''}on server ${serverId}`;
		},
		fetch: async () => await getServer(ctx, serverId, itemIndex),
		state: (server) => operationState(server.operation as IDataObject | undefined),
		succeeded: operationSucceeded,
		failed: operationFailed,
		failureReason: (server) => operationFailureReason((server.operation as IDataObject | undefined) ?? {}),
		// Power changes take seconds, OS installs many minutes: poll often first, then less.
		suggestedIntervalSeconds: () => POLL_INTERVALS_SECONDS[Math.min(polls++, POLL_INTERVALS_SECONDS.length - 1)],
	};
}

const POLL_INTERVALS_SECONDS = [1, 1, 2, 3, 5, 5, 10, 10, 15];
