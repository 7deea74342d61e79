import * as fs from 'node:fs';
import * as path from 'node:path';
import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	IPollFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { emittedEvents } from './operation-coverage/catalogue';
import { recordRun } from './operation-coverage/records';

/**
 * In-process stand-ins for the n8n contexts our node code runs in, for integration tests against
 * the vendor simulators. HTTP goes through n8n's own request function (the one behind
 * `helpers.httpRequest`), so query encoding and error shapes are n8n's. OAuth2 client-credentials
 * tokens are fetched, stored on the credential and renewed once on 401, as n8n does. The real
 * n8n is exercised by the e2e tests; this is the fast loop.
 */
const REQUEST_MODULE = 'dist/http/axios/request.js';
const requestModulePath = [
	path.join(path.dirname(require.resolve('n8n-core')), '../node_modules/@n8n/backend-network', REQUEST_MODULE),
	path.join(path.dirname(require.resolve('n8n-core')), '../../@n8n/backend-network', REQUEST_MODULE),
].find((candidate) => fs.existsSync(candidate));
if (!requestModulePath) throw new Error("n8n's request module was not found under n8n-core");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { httpRequest } = require(requestModulePath) as { httpRequest: (options: IHttpRequestOptions) => Promise<unknown> };

export type Parameters = { [name: string]: unknown };

export interface CredentialStore {
	[type: string]: ICredentialDataDecryptedObject;
}

/** Credential data pointing at a simulator, as a user would fill in the HPE GreenLake credential. */
export function greenLakeCredential(sim: { url: string; tokenUrl: string; clientId: string; clientSecret: string }, authentication: 'body' | 'header' = 'body'): CredentialStore {
	return {
		hpeGreenLakeOAuth2Api: {
			grantType: 'clientCredentials',
			clientId: sim.clientId,
			clientSecret: sim.clientSecret,
			accessTokenUrl: sim.tokenUrl,
			authentication,
			region: 'us1',
			baseUrl: sim.url,
			scope: '',
		},
	};
}

export interface RequestLog {
	tokenRequests: number;
	apiRequests: number;
}

async function fetchClientCredentialsToken(credentials: ICredentialDataDecryptedObject, log: RequestLog): Promise<void> {
	log.tokenRequests++;
	const form: IDataObject = { grant_type: 'client_credentials' };
	const headers: IDataObject = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
	if (credentials.authentication === 'header') {
		headers.Authorization = `Basic ${Buffer.from(`${String(credentials.clientId)}:${String(credentials.clientSecret)}`).toString('base64')}`;
	} else {
		form.client_id = credentials.clientId;
		form.client_secret = credentials.clientSecret;
	}
	const body = (await httpRequest({
		method: 'POST',
		url: String(credentials.accessTokenUrl),
		headers,
		body: new URLSearchParams(form as Record<string, string>).toString(),
	})) as IDataObject | string;
	credentials.oauthTokenData = (typeof body === 'string' ? JSON.parse(body) : body) as IDataObject;
}

function statusOf(error: unknown): number | undefined {
	return (error as { response?: { status?: number } }).response?.status;
}

/** Every credential type of the package, by name, loaded from `credentials/`. */
const CREDENTIAL_TYPES: Map<string, ICredentialType> = (() => {
	const folder = path.resolve(__dirname, '../../credentials');
	const types = new Map<string, ICredentialType>();
	for (const file of fs.readdirSync(folder).filter((name) => name.endsWith('.credentials.ts'))) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const module = require(path.join(folder, file)) as Record<string, new () => ICredentialType>;
		for (const Type of Object.values(module)) {
			if (typeof Type !== 'function') continue;
			const instance = new Type();
			if (typeof instance.name === 'string' && Array.isArray(instance.properties)) types.set(instance.name, instance);
		}
	}
	return types;
})();

export function credentialType(name: string): ICredentialType {
	const type = CREDENTIAL_TYPES.get(name);
	if (!type) throw new Error(`No credential type ${name} in credentials/`);
	return type;
}

/** Resolves `={{$credentials.x}}`-style values of a generic `authenticate` block, as n8n's expressions would. */
function resolveCredentialExpression(value: unknown, credentials: ICredentialDataDecryptedObject): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	const template = value.slice(1);
	const whole = /^\{\{\s*\$credentials\.(\w+)\s*\}\}$/.exec(template);
	if (whole) return credentials[whole[1]];
	return template.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, key: string) => String(credentials[key] ?? ''));
}

function resolveAll(values: IDataObject | undefined, credentials: ICredentialDataDecryptedObject): IDataObject {
	return Object.fromEntries(
		Object.entries(values ?? {}).map(([key, value]) => [key, resolveCredentialExpression(value, credentials)]),
	) as IDataObject;
}

/** n8n's `authenticate` step for one request: a function, or a generic block of headers, query, body and Basic auth. */
async function authenticateRequest(
	type: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const authenticate = type.authenticate;
	if (!authenticate) return options;
	if (typeof authenticate === 'function') return await authenticate(credentials, { ...options });
	const { headers, qs, body, auth } = authenticate.properties as {
		headers?: IDataObject;
		qs?: IDataObject;
		body?: IDataObject;
		auth?: IDataObject;
	};
	const result: IHttpRequestOptions = {
		...options,
		headers: { ...options.headers, ...resolveAll(headers, credentials) },
		qs: qs ? { ...options.qs, ...resolveAll(qs, credentials) } : options.qs,
	};
	if (body) result.body = { ...(options.body as IDataObject), ...resolveAll(body, credentials) };
	if (auth) {
		const resolved = resolveAll(auth, credentials);
		result.auth = { username: String(resolved.username ?? ''), password: String(resolved.password ?? '') };
	}
	return result;
}

/**
 * n8n's `preAuthentication`: runs when the credential's expirable field is empty, or again after a
 * 401 (`refresh`), and stores what it returns on the credential.
 */
async function preAuthenticate(
	type: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
	refresh: boolean,
	log: RequestLog,
	stored: ICredentialDataDecryptedObject = credentials,
): Promise<void> {
	if (!type.preAuthentication) return;
	const expirable = type.properties.find((property) => property.typeOptions?.expirable === true);
	if (!refresh && expirable && credentials[expirable.name]) return;
	log.tokenRequests++;
	const helpers = { helpers: { httpRequest: async (options: IHttpRequestOptions) => await httpRequest(options) } };
	const data = await type.preAuthentication.call(helpers as never, credentials);
	Object.assign(credentials, data);
	// n8n saves what pre-authentication returns with the credential, also for credentials a node passed in.
	if (stored !== credentials) Object.assign(stored, data);
}

/** Token refreshes under way, per credential: n8n runs one at a time per credential (`SingleFlightLease`). */
const refreshes = new WeakMap<ICredentialDataDecryptedObject, Promise<void>>();

/**
 * `httpRequestWithAuthentication` as n8n implements it for OAuth2 client-credentials credentials:
 * after a 401, unless `skipTokenRefresh`, a request whose token is no longer the stored one is sent
 * again with the stored one; otherwise one token is fetched (one refresh at a time per credential).
 */
function oauth2Requester(credentials: ICredentialDataDecryptedObject, log: RequestLog, additional?: IAdditionalCredentialOptions) {
	const storedToken = () => (credentials.oauthTokenData as IDataObject | undefined)?.access_token;
	return async (options: IHttpRequestOptions): Promise<unknown> => {
		const send = async (token: unknown) => {
			log.apiRequests++;
			return await httpRequest({ ...options, headers: { ...options.headers, Authorization: `Bearer ${String(token)}` } });
		};
		if (!storedToken()) await fetchClientCredentialsToken(credentials, log);
		const usedToken = storedToken();
		// n8n passes the HTTP client's error through unchanged for OAuth2 credentials.
		return await send(usedToken).catch(async (error: unknown) => {
			if (statusOf(error) !== 401 || additional?.oauth2?.skipTokenRefresh) throw error;
			const running = refreshes.get(credentials);
			if (running) await running;
			if (storedToken() === usedToken) {
				const refresh = fetchClientCredentialsToken(credentials, log).finally(() => refreshes.delete(credentials));
				refreshes.set(credentials, refresh);
				await refresh;
			}
			return await send(storedToken());
		});
	};
}

/**
 * `httpRequestWithAuthentication` as n8n implements it for every other credential: pre-authenticate
 * when needed, authenticate, send; after a 401, pre-authenticate again and send once more. n8n wraps
 * these errors in a NodeApiError.
 */
function genericRequester(
	type: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
	log: RequestLog,
	additional?: IAdditionalCredentialOptions,
	stored: ICredentialDataDecryptedObject = credentials,
) {
	const retryStatuses = [additional?.preAuthenticationRetryStatusCode ?? 401].flat();
	const send = async (options: IHttpRequestOptions) => {
		log.apiRequests++;
		return await httpRequest(await authenticateRequest(type, credentials, options));
	};
	return async (options: IHttpRequestOptions): Promise<unknown> => {
		try {
			await preAuthenticate(type, credentials, false, log, stored);
			return await send(options);
		} catch (error) {
			if (retryStatuses.includes(statusOf(error) ?? 0) && type.preAuthentication) {
				try {
					await preAuthenticate(type, credentials, true, log, stored);
					return await send(options);
				} catch (retryError) {
					throw new NodeApiError(testNode, retryError as JsonObject);
				}
			}
			throw new NodeApiError(testNode, error as JsonObject);
		}
	};
}

const testNode: INode = {
	id: 'test-node',
	name: 'Test node',
	type: 'n8n-nodes-datacenter.test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** `httpRequestWithAuthentication` as n8n implements it, for every credential type of the package. */
export function authenticatedRequester(store: CredentialStore, log: RequestLog) {
	return async (
		credentialTypeName: string,
		options: IHttpRequestOptions,
		additional?: IAdditionalCredentialOptions,
	): Promise<unknown> => {
		const stored = store[credentialTypeName];
		if (!stored) throw new Error(`No credentials of type ${credentialTypeName}`);
		const type = credentialType(credentialTypeName);
		if (type.extends?.includes('oAuth2Api')) return await oauth2Requester(stored, log, additional)(options);
		// Like n8n, credentials a node passes in are used instead of the stored ones.
		const credentials = additional?.credentialsDecrypted?.data ?? stored;
		return await genericRequester(type, credentials, log, additional, stored)(options);
	};
}

function defaultOf(properties: INodeProperties[], name: string): unknown {
	return properties.find((property) => property.name === name)?.default;
}

function extract(value: unknown): unknown {
	if (value && typeof value === 'object' && '__rl' in (value as IDataObject)) return (value as IDataObject).value;
	if (value && typeof value === 'object' && 'mode' in (value as IDataObject) && 'value' in (value as IDataObject)) {
		return (value as IDataObject).value;
	}
	return value;
}

interface ContextOptions {
	nodeType: INodeType;
	credentials: CredentialStore;
	log?: RequestLog;
	/** The node's version in the workflow (default 1). */
	typeVersion?: number;
}

function baseContext({ nodeType, credentials, log = { tokenRequests: 0, apiRequests: 0 }, typeVersion = 1 }: ContextOptions, parameters: (itemIndex: number) => Parameters) {
	const node: INode = {
		id: 'test-node',
		name: nodeType.description.defaults.name ?? nodeType.description.displayName,
		type: `n8n-nodes-datacenter.${nodeType.description.name}`,
		typeVersion,
		position: [0, 0],
		parameters: parameters(0) as INode['parameters'],
		credentials: Object.fromEntries(Object.keys(credentials).map((type) => [type, { id: '1', name: type }])),
	};
	const requester = authenticatedRequester(credentials, log);
	return {
		log,
		getNode: () => node,
		getCredentials: async (type: string) => {
			const found = credentials[type];
			if (!found) throw new Error(`Node does not have credentials of type ${type}`);
			return found;
		},
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown, options?: { extractValue?: boolean }) => {
			const values = parameters(itemIndex);
			let value: unknown = name.split('.').reduce<unknown>((current, key) => (current as IDataObject | undefined)?.[key], values);
			if (value === undefined) value = fallback !== undefined ? fallback : defaultOf(nodeType.description.properties, name);
			if (value === undefined) throw new Error(`Could not get parameter "${name}"`);
			return options?.extractValue ? extract(value) : value;
		},
		helpers: {
			httpRequestWithAuthentication: async function (
				credentialType: string,
				options: IHttpRequestOptions,
				additional?: IAdditionalCredentialOptions,
			) {
				return await requester(credentialType, options, additional);
			},
			httpRequest: async (options: IHttpRequestOptions) => await httpRequest(options),
			returnJsonArray: (data: IDataObject | IDataObject[]) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
		},
		logger: { debug() {}, info() {}, warn() {}, error() {} },
	};
}

export interface ExecuteOptions extends ContextOptions {
	/** Parameters of every item, or per item. */
	parameters: Parameters | ((itemIndex: number) => Parameters);
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** Stands in for n8n's expression engine, for nodes that evaluate expressions themselves. */
	evaluateExpression?: (expression: string, itemIndex: number) => unknown;
}

/** Runs a node's `execute()` like n8n does for one node, returning its output items. */
export async function executeNode(options: ExecuteOptions): Promise<INodeExecutionData[]> {
	const items = options.items ?? [{ json: {} }];
	const parameters = typeof options.parameters === 'function' ? options.parameters : () => options.parameters as Parameters;
	const context = {
		...baseContext(options, parameters),
		getInputData: () => items,
		continueOnFail: () => options.continueOnFail ?? false,
		getMode: () => 'manual',
		getExecutionCancelSignal: () => undefined,
		evaluateExpression: (expression: string, itemIndex: number) => {
			if (!options.evaluateExpression) throw new Error('This test gives no evaluateExpression');
			return options.evaluateExpression(expression, itemIndex);
		},
	} as unknown as IExecuteFunctions;
	const node = options.nodeType.description.name;
	const operationOf = (itemIndex: number) => {
		const values = parameters(itemIndex);
		const properties = options.nodeType.description.properties;
		const resource = String(values.resource ?? defaultOf(properties, 'resource') ?? '');
		const operationProperty = properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource));
		return { resource, operation: String(values.operation ?? operationProperty?.default ?? '') };
	};
	let output: INodeExecutionData[] | undefined;
	try {
		output = ((await options.nodeType.execute!.call(context)) as INodeExecutionData[][])[0];
	} finally {
		const failed = new Set((output ?? []).filter(isErrorItem).map(pairedIndex));
		items.forEach((_, itemIndex) => {
			const { resource, operation } = operationOf(itemIndex);
			recordRun(node, resource, operation, output !== undefined && !failed.has(itemIndex));
		});
	}
	return output;
}

/** An item the router made of an error under "continue on fail": only `error` (a message) and `details`. */
function isErrorItem(item: INodeExecutionData): boolean {
	return typeof item.json.error === 'string' && Object.keys(item.json).every((key) => key === 'error' || key === 'details');
}

function pairedIndex(item: INodeExecutionData): number | undefined {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired === 'number' ? paired : paired?.item;
}

export interface PollOptions extends ContextOptions {
	parameters: Parameters;
	staticData: IDataObject;
	mode?: 'manual' | 'trigger';
	/** `activate` for the poll n8n runs as the workflow is activated; `update` for scheduled polls of n8n's durable scheduler. */
	activation?: 'activate' | 'update' | 'init';
}

/** Runs a polling trigger's `poll()` once with the given workflow static data (mutated in place). */
export async function pollNode(options: PollOptions): Promise<INodeExecutionData[][] | null> {
	const context = {
		...baseContext(options, () => options.parameters),
		getWorkflowStaticData: () => options.staticData,
		getMode: () => options.mode ?? 'trigger',
		getActivationMode: () => options.activation ?? 'activate',
		getPollBudgetMs: () => 300_000,
	} as unknown as IPollFunctions;
	const output = await options.nodeType.poll!.call(context);
	const events = emittedEvents(options.nodeType, (name) => options.parameters[name], (output?.[0] ?? []).map((item) => item.json));
	for (const event of events) recordRun(options.nodeType.description.name, '', event, true);
	return output;
}

/** Runs a webhook trigger's `webhook()` in the given context, noting which events it emitted. */
export async function runWebhook(nodeType: INodeType, context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const result = await nodeType.webhook!.call(context);
	const parameter = (name: string) => (context.getNodeParameter as (name: string, fallback?: unknown) => unknown)(name, undefined);
	const events = emittedEvents(nodeType, parameter, (result.workflowData?.[0] ?? []).map((item) => item.json));
	for (const event of events) recordRun(nodeType.description.name, '', event, true);
	return result;
}

/** A context for `methods.listSearch` / `methods.loadOptions`. */
export function loadOptionsContext(options: ContextOptions & { parameters?: Parameters }): ILoadOptionsFunctions {
	return {
		...baseContext(options, () => options.parameters ?? {}),
		getCurrentNodeParameter: (name: string, parameterOptions?: { extractValue?: boolean }) => {
			const value = (options.parameters ?? {})[name];
			// As n8n does for a resource locator: `{__rl, mode, value}` gives its value.
			const locator = value as { __rl?: boolean; value?: unknown } | undefined;
			return parameterOptions?.extractValue && locator?.__rl ? locator.value : value;
		},
	} as unknown as ILoadOptionsFunctions;
}

/** Credential data pointing at the DCImanager simulator, as a user would fill in the DCImanager credential. */
export function dciManagerCredential(sim: { url: string; email: string; password: string }, extra: IDataObject = {}): CredentialStore {
	return {
		dciManagerApi: {
			baseUrl: sim.url,
			apiPrefix: '/api',
			authMode: 'password',
			email: sim.email,
			password: sim.password,
			apiToken: '',
			allowSelfSigned: false,
			sessionToken: '',
			...extra,
		} as ICredentialDataDecryptedObject,
	};
}
