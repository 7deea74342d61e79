import type { IDataObject } from 'n8n-workflow';

import { DciManagerApi } from '../../credentials/DciManagerApi.credentials';
import type { AsyncTracker, PageEnvelope, RequestContext, VendorApi } from '../shared/transport';
import { apiRequest } from '../shared/transport';

export const DCI_CREDENTIAL = 'dciManagerApi';

/** DCImanager 6 object IDs are integers. */
export const DCI_ID_PATTERN = /^\d{1,12}$/;

/**
 * How sure we are of an endpoint:
 * - `documented`: the method and path are printed in ISPsystem's own DCImanager 6 documentation (API
 *   guide, examples of API use);
 * - `seen`: called by public code run against a DCImanager 6 host (the source says exactly what it shows);
 * - `inferred`: in no public source; named by the platform's conventions (VMmanager 6 analogue, POST to
 *   an object's URL edits it, DELETE removes it). Check these against `https://HOST/swagger/`.
 * ISPsystem publishes no Swagger/OpenAPI file: a running platform serves its own at `/swagger/`
 * (https://www.ispsystem.com/docs/dcimanager-admin/developer-section/using-swagger).
 */
export type Evidence = 'documented' | 'seen' | 'inferred';

export interface Endpoint {
	method: 'GET' | 'POST' | 'DELETE';
	/** Below the API prefix; `{id}`-style placeholders. */
	path: string;
	evidence: Evidence;
	source: string;
}

/** ISPsystem's documents, as read (stored public copies; the examples' copies all stop at "User assignment as server owner"). */
const API_GUIDE = 'https://ispsystem.com/docs/dcimanager-admin/developer-section/api-guide';
const API_EXAMPLES = 'https://www.ispsystem.com/docs/dcimanager-admin/developer-section/examples-of-api-use';
const API_OVERVIEW = 'https://ispsystem.com/dci-api-integration';
const POWER = 'https://docs.ispsystem.com/dcimanager-admin/equipment/servers/server-power-supply-management-logic';
const ACCOUNTS = 'https://docs.ispsystem.com/dcimanager-admin/users/accounts';
/** Public code run against DCImanager 6 hosts (repositories not named by the code index). */
const POWER_SCRIPT = 'public Python power script for dci-nl.pq.hosting';
const SMARTAPE = 'public browser scripts for ds.smartape.net (a DCImanager 6 host)';
const PERF_TEST = 'public pytest/httpx DCImanager performance test (BASE_PATH = "/dci/v3")';
const VM6 = 'VMmanager 6 clients usaafko/vmmanager6-api-go, gadost/go-vmmanager-api';

/** Every DCImanager 6 endpoint the nodes call: the ONE place to correct a path. */
export const DCI_ENDPOINTS = {
	login: { method: 'POST', path: '/auth/v4/public/token', evidence: 'documented', source: `${API_GUIDE}: POST {"email","password"} -> {"confirmed":true,"id":"24","token":"24-..."}; its prose has https://domain.com/auth/v4/public/token, its curl https://domain.com/api/auth/v4/public/token (the API prefix is a credential setting)` },
	serverList: { method: 'GET', path: '/dci/v3/server', evidence: 'documented', source: `${API_EXAMPLES}: curl -X GET https://domain.com/api/dci/v3/server -> {"list": [...]}` },
	serverConfigurations: { method: 'GET', path: '/dci/v3/server/configuration', evidence: 'documented', source: `${API_EXAMPLES}: "Number of free servers and their configuration" curl -X GET https://domain.com/api/dci/v3/server/configuration -> {"list": [{"configuration": "i9-9900K-64Gb-2x1024NVMe", "free_server_count": 42}]}` },
	serverGet: { method: 'GET', path: '/dci/v3/server/{id}', evidence: 'documented', source: `${API_EXAMPLES}: "Server info by ID" GET https://domain.com/api/dci/v3/server/server_id; ${API_GUIDE}: sess.get('https://127.0.0.1/api/dci/v3/server/2')` },
	serverEdit: { method: 'POST', path: '/dci/v3/server/{id}', evidence: 'inferred', source: `${API_OVERVIEW} says servers can be edited through the API (no path); ${API_GUIDE}: only GET, POST and DELETE, POST parameters as a JSON body; VMmanager 6 edits with POST /vm/v3/host/{id} (${VM6})` },
	serverDelete: { method: 'DELETE', path: '/dci/v3/server/{id}', evidence: 'inferred', source: `${API_OVERVIEW} says servers can be deleted through the API (no path); VMmanager 6: DELETE /vm/v3/host/{id} (${VM6})` },
	serverPowerOn: { method: 'POST', path: '/dci/v3/server/{id}/power_on', evidence: 'seen', source: `${POWER} names the API command power_on (no path; allowed when the server is off or its power status unknown); ${POWER_SCRIPT} POSTs {} to api/dci/v3/server/{server_id}/{power command}, called literally only with power_reset` },
	serverPowerOff: { method: 'POST', path: '/dci/v3/server/{id}/power_off', evidence: 'seen', source: `${POWER} names the API command power_off (no path; allowed when the server is on); URL pattern as serverPowerOn (${POWER_SCRIPT})` },
	serverPowerReset: { method: 'POST', path: '/dci/v3/server/{id}/power_reset', evidence: 'seen', source: `${POWER_SCRIPT}: POST api/dci/v3/server/136/power_reset with body {}; ${POWER} names the command power_reset (any power status)` },
	serverInstallOs: { method: 'POST', path: '/dci/v3/server/{id}/reinstall', evidence: 'inferred', source: `no DCImanager 6 source; VMmanager 6: POST /vm/v3/host/{id}/reinstall {"os": <id>, "password"} (${VM6})` },
	serverAssignOwner: { method: 'POST', path: '/dci/v3/server/{id}/owner', evidence: 'inferred', source: `${API_EXAMPLES} has "User assignment as server owner" with curl -X POST 'https://domain.com/ap... and every stored copy (EN, RU, ES) stops there: method documented, path and body not; VMmanager 6 uses POST /vm/v3/host/{id}/account {"account": <user id>} (${VM6})` },
	serverReleaseOwner: { method: 'DELETE', path: '/dci/v3/server/{id}/owner', evidence: 'inferred', source: 'no public source; the counterpart of serverAssignOwner' },
	userList: { method: 'GET', path: '/dci/v3/user', evidence: 'documented', source: `${API_EXAMPLES}: GET https://domain.com/api/dci/v3/user -> {"list": [{"id","email","server_count","roles","vlans_per_user"}]}` },
	userCreate: { method: 'POST', path: '/dci/v3/user', evidence: 'documented', source: `${API_EXAMPLES}: POST https://domain.com/api/dci/v3/user {"email","full_name","password","phone_number","role"} -> {"id": 0}` },
	userGet: { method: 'GET', path: '/dci/v3/user/{id}', evidence: 'inferred', source: `no public source; the object URL of userList, as ${API_EXAMPLES} reads a server at /dci/v3/server/server_id` },
	userUpdate: { method: 'POST', path: '/dci/v3/user/{id}', evidence: 'inferred', source: `no public source; POST to the object URL (${API_GUIDE}: GET, POST, DELETE only); VMmanager 6: POST /vm/v3/user/{id} (${VM6})` },
	userDelete: { method: 'DELETE', path: '/dci/v3/user/{id}', evidence: 'inferred', source: `${API_OVERVIEW} says users can be deleted through the API (no path); ${ACCOUNTS}: a user can only be deleted if it is not a server owner; VMmanager 6: DELETE /vm/v3/user/{id} (${VM6})` },
	locationList: { method: 'GET', path: '/dci/v3/location', evidence: 'inferred', source: `no public source; servers carry location_id (${SMARTAPE} filter on location_id EQ 3)` },
	locationGet: { method: 'GET', path: '/dci/v3/location/{id}', evidence: 'inferred', source: 'no public source; the object URL of locationList' },
	rackList: { method: 'GET', path: '/dci/v3/rack', evidence: 'seen', source: `${PERF_TEST}: GET {BASE_PATH}/rack with where=name CP '%Rack0001%', orderby=device_count desc, limit -> {list, size}` },
	rackGet: { method: 'GET', path: '/dci/v3/rack/{id}', evidence: 'inferred', source: 'no public source; the object URL of rackList' },
	switchList: { method: 'GET', path: '/dci/v3/switch', evidence: 'inferred', source: 'no public source; the parent of switchPorts' },
	switchGet: { method: 'GET', path: '/dci/v3/switch/{id}', evidence: 'inferred', source: 'no public source; the parent of switchPorts' },
	switchPorts: { method: 'GET', path: '/dci/v3/switch/{id}/port', evidence: 'seen', source: `${SMARTAPE}: GET https://ds.smartape.net/api/dci/v3/switch/18/port?orderby=id desc&limit=0,1000` },
	ipList: { method: 'GET', path: '/ip/v3/ip', evidence: 'seen', source: `${SMARTAPE}: GET https://ds.smartape.net/api/ip/v3/ip?where=ipnet EQ N AND status NE 'extended'; the same host also answers /api/dci/v3/ipmgr/ip; ${API_GUIDE} names the service: ip = IPmanager 6, v3` },
	ipGet: { method: 'GET', path: '/ip/v3/ip/{id}', evidence: 'inferred', source: 'no public source; the object URL of ipList' },
	networkList: { method: 'GET', path: '/ip/v3/ipnet', evidence: 'inferred', source: `no DCImanager 6 source; IP addresses carry ipnet (${SMARTAPE}); VMmanager 6, same IPmanager 6 service: /ip/v3/ipnet (usaafko/vmmanager6-api-go)` },
	networkGet: { method: 'GET', path: '/ip/v3/ipnet/{id}', evidence: 'inferred', source: 'no DCImanager 6 source; VMmanager 6 addresses a network at /ip/v3/ipnet/{id} (usaafko/vmmanager6-api-go, DELETE)' },
	osTemplateList: { method: 'GET', path: '/dci/v3/os_template', evidence: 'inferred', source: `no public source; servers carry os_template {id, name, tags} (${API_EXAMPLES}); VMmanager 6 lists templates at /vm/v3/os (gadost/go-vmmanager-api)` },
	osTemplateGet: { method: 'GET', path: '/dci/v3/os_template/{id}', evidence: 'inferred', source: 'no public source; the object URL of osTemplateList' },
	operationList: { method: 'GET', path: '/dci/v3/operation', evidence: 'inferred', source: `no public source; ${API_OVERVIEW} says the API gives "information about a particular operation" (no path); servers embed operation {id, status, status_info, progress_info} (${API_EXAMPLES})` },
	operationGet: { method: 'GET', path: '/dci/v3/operation/{id}', evidence: 'inferred', source: 'no public source; the object URL of operationList' },
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

/** DCImanager's "Unknown API function": the platform has no such method and path. */
export const DCI_UNKNOWN_FUNCTION_CODE = 3002;

export const DCI_ENDPOINTS_README =
	'https://github.com/n8n-nodes-datacenter/n8n-nodes-datacenter#dcimanager-6-endpoints-and-choices-where-the-documentation-is-silent';

const EVIDENCE_WORDS: Record<Evidence, string> = {
	documented: "a path printed in ISPsystem's documentation",
	seen: "a path seen in public code run against DCImanager 6, not in ISPsystem's documentation",
	inferred: "a path inferred from the platform's conventions, in no public source",
};

/** The catalogued endpoint a request went to, matched on its method and filled path (a literal path before a template). */
export function endpointOf(method: string, path: string): EndpointName | undefined {
	const candidates = (Object.keys(DCI_ENDPOINTS) as EndpointName[]).filter((name) => DCI_ENDPOINTS[name].method === method);
	const matches = (name: EndpointName) => {
		const pattern = DCI_ENDPOINTS[name].path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+');
		return new RegExp(`^${pattern}$`).test(path);
	};
	return candidates.find((name) => DCI_ENDPOINTS[name].path === path) ?? candidates.find(matches);
}

/** What to do when the platform does not know a path the node called. */
function unknownEndpointHint(method: string, path: string): string {
	const name = endpointOf(method, path);
	const which = name
		? `The node calls ${name} at ${DCI_ENDPOINTS[name].path}, ${EVIDENCE_WORDS[DCI_ENDPOINTS[name].evidence]}. `
		: '';
	return (
		`${which}Compare it with the endpoint table in the README ("DCImanager 6: endpoints, and choices where the documentation is silent", ${DCI_ENDPOINTS_README}) ` +
		"and with the API description your platform serves at https://HOST/swagger/. Until the node is corrected, call the platform's path with n8n's HTTP Request node " +
		'and this credential (Authentication: Predefined Credential Type, ISPsystem DCImanager 6 API).'
	);
}

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
	selfSignedOption: 'Allow Self-Signed Certificate',
	credentialHint:
		'Check the email and password (or the API token) in the credential, and that the user may use the API. A long-lived token ends on its expires_at date.',
	// The platform answers 503 while it wakes from suspension: retry quickly first, then back off.
	retry: { maxRetries: 7, baseDelayMs: 200, maxDelayMs: 4_000, maxTotalWaitMs: 30_000 },
	expiredSession: {
		isExpired: (failure) =>
			failure.statusCode !== 401 && Number(errorObject(failure.body)?.code) === DCI_UNAUTHORIZED_CODE,
		tokenField: 'sessionToken',
	},
	// With whatever HTTP status: a wrong path must not read as a missing server.
	unknownEndpoint: {
		isUnknown: (failure) => Number(errorObject(failure.body)?.code) === DCI_UNKNOWN_FUNCTION_CODE,
		hint: (request) => unknownEndpointHint(request.method, request.path),
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
