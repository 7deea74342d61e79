import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { isByteStream, readStreamedBody } from './body';
import { toNodeApiError } from './errors';
import type { HttpFailure } from './failure';
import { failedElsewhere, headerValue, normaliseHeaders, readHttpFailure } from './failure';
import type { RetryDecision } from './retry';
import { DEFAULT_RETRY_POLICY, decideRetry } from './retry';
import type { ApiRequest, ApiResponse, RequestContext, RequestTimeouts, SessionRenewal, VendorApi } from './types';

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const DEFAULT_REQUEST_TIMEOUTS: RequestTimeouts = { readMs: 30_000, writeMs: 60_000, listPageMs: 60_000 };

/** The node-level option every vendor node offers (see `requestOptionsProperty`). */
export const REQUEST_TIMEOUT_PARAMETER = 'requestOptions.timeout';

/** How the transport's callers follow one request; for listings fetching several pages at once. */
export interface RequestHooks {
	/**
	 * False: a 401 is not answered by n8n fetching a new token, but thrown as TokenRefusedError, so
	 * that concurrent requests never refresh the token at the same time.
	 */
	allowTokenRefresh?: boolean;
	/** Called when the service answers 429, before the request is retried. */
	onRateLimited?(): void;
	/**
	 * The credential as `ctx.getCredentials` returned it, when the caller already read it (a listing
	 * reads it once for all its pages: each read decrypts it again).
	 */
	credentials?: ICredentialDataDecryptedObject;
}

/** A 401 on a request sent with `allowTokenRefresh: false`: to be sent again alone, with refresh. */
function tokenRefused(ctx: RequestContext, request: ApiRequest): NodeApiError {
	const error = new NodeApiError(ctx.getNode(), {} as JsonObject, {
		message: 'The access token was refused',
		httpCode: '401',
		itemIndex: request.itemIndex,
	});
	error.context.tokenRefused = true;
	return error;
}

export function isTokenRefused(error: unknown): boolean {
	return error instanceof NodeApiError && error.context.tokenRefused === true;
}

/** Tries with the stored token after another sign-in superseded ours (`signInSupersedesTokens`), and their shortest wait. */
const SUPERSEDED_TOKEN_RETRIES = 4;
const SUPERSEDED_TOKEN_MIN_WAIT_MS = 250;

/** Asks n8n not to fetch a new token after a 401: OAuth2 credentials, and preAuthentication ones. */
const NO_TOKEN_REFRESH: IAdditionalCredentialOptions = {
	oauth2: { skipTokenRefresh: true },
	preAuthenticationRetryStatusCode: [],
};

/** The timeout of one request: the user's node option, else the request's own, else the vendor's default for its kind. */
export function requestTimeoutMs(ctx: RequestContext, api: VendorApi, request: ApiRequest): number {
	const fromUser = userTimeoutMs(ctx, request.itemIndex);
	if (fromUser !== undefined) return fromUser;
	if (request.requestTimeoutMs !== undefined && request.requestTimeoutMs > 0) return request.requestTimeoutMs;
	const timeouts = { ...DEFAULT_REQUEST_TIMEOUTS, ...api.timeouts };
	return READ_METHODS.has(request.method) ? timeouts.readMs : timeouts.writeMs;
}

/** Action nodes run with input items and offer Request Options (`requestOptionsProperty`); triggers do not. */
function hasRequestOptions(ctx: RequestContext): ctx is IExecuteFunctions {
	return 'getInputData' in ctx;
}

/** "Timeout (Seconds)" of the node's Request Options. */
function userTimeoutMs(ctx: RequestContext, itemIndex = 0): number | undefined {
	if (!hasRequestOptions(ctx)) return undefined;
	const seconds = (ctx as IExecuteFunctions).getNodeParameter(REQUEST_TIMEOUT_PARAMETER, itemIndex, 0);
	return typeof seconds === 'number' && seconds > 0 ? seconds * 1000 : undefined;
}

interface FullResponse {
	statusCode: number;
	headers: unknown;
	body: unknown;
}

/**
 * Sends one request to a vendor API through the node's credential, retrying what is safe to retry
 * and turning failures into NodeApiErrors. The only way our nodes talk to a vendor.
 */
export async function apiRequest<T = unknown>(
	ctx: RequestContext,
	api: VendorApi,
	request: ApiRequest,
	hooks: RequestHooks = {},
): Promise<ApiResponse<T>> {
	const credentials = hooks.credentials ?? (await ctx.getCredentials<ICredentialDataDecryptedObject>(api.credentialType));
	const baseUrl = api.baseUrl(credentials).replace(/\/+$/, '');
	if (!/^https?:\/\/[^/\s]+/i.test(baseUrl)) {
		throw new NodeOperationError(ctx.getNode(), `The ${api.productName} base URL in the credential is not a valid URL`, {
			description: 'Open the credential and pick a region, or enter a base URL starting with https://.',
			itemIndex: request.itemIndex,
		});
	}
	const policy = { ...DEFAULT_RETRY_POLICY, ...api.retry };
	const idempotent = request.idempotent ?? IDEMPOTENT_METHODS.has(request.method);
	const timeoutMs = requestTimeoutMs(ctx, api, request);
	const options: IHttpRequestOptions = {
		...api.requestDefaults?.(credentials),
		method: request.method,
		url: `${baseUrl}${request.path}`,
		qs: request.qs && withoutEmptyValues(request.qs),
		headers: {
			Accept: api.mediaType ?? 'application/json',
			...(api.mediaType && typeof request.body === 'string' ? { 'Content-Type': api.mediaType } : {}),
			...request.headers,
		},
		returnFullResponse: true,
		json: typeof request.body !== 'string',
		// n8n's timeout bounds silence (waiting to connect, for the answer, between chunks); the
		// streamed body is read here against a deadline for the whole answer.
		timeout: timeoutMs,
		encoding: 'stream',
	};
	const credentialOptions = hooks.allowTokenRefresh === false ? NO_TOKEN_REFRESH : undefined;
	if (request.body !== undefined) options.body = request.body;
	let tokenOptions = credentialOptions;
	let supersededRetries = 0;

	let waitedMs = 0;
	const timeouts = { inARow: 0, lostMs: 0, nextTimeoutMs: timeoutMs };
	let renewal: SessionRenewal | undefined;
	let sessionRenewed = false;
	for (let attempt = 1; ; attempt++) {
		const startedAt = Date.now();
		// Set by the catch, or by a streamed answer that broke off: whenever `answer` is not.
		let failure!: HttpFailure;
		let answer: { statusCode: number; headers: unknown; text: unknown; invalidUtf8: boolean } | undefined;
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				api.credentialType,
				{ ...options, headers: { ...options.headers } },
				renewal ? { ...tokenOptions, ...renewal } : tokenOptions,
			)) as FullResponse;
			const body = isByteStream(response.body)
				? await readStreamedBody(response.body, startedAt, timeoutMs)
				: { text: response.body as unknown, invalidUtf8: false };
			if ('text' in body) answer = { statusCode: response.statusCode, headers: response.headers, text: body.text, invalidUtf8: body.invalidUtf8 ?? false };
			else failure = body.failure;
		} catch (error) {
			failure = readHttpFailure(error);
			if (failure.statusCode === undefined && failure.networkCode === undefined) {
				throw notAnHttpFailure(ctx, api, request, error);
			}
			failure.signIn = failedElsewhere(failure, options.url);
			failure.body = parseBody(await errorBody(failure.body, timeoutMs), api);
		}
		if (answer) {
			const headers = normaliseHeaders(answer.headers);
			// Never retried: the service answered, with something that cannot be data.
			const cannotBeData = unreadableAnswer(ctx, api, request, answer.statusCode, headers, answer.text);
			if (cannotBeData) throw cannotBeData;
			// A vendor reader (ESC's XML) returns what it could not read with the reason, for the caller to fail on.
			const result: ApiResponse<T> = {
				statusCode: answer.statusCode,
				headers,
				body: parseBody(answer.text, api, answer.invalidUtf8) as T,
			};
			if (api.parseBody && typeof answer.text === 'string') result.rawBody = answer.text;
			return result;
		}
		if (failure.timedOut && !failure.signIn) {
			timeouts.inARow++;
			timeouts.lostMs += timeoutMs;
		} else {
			timeouts.inARow = 0;
		}
		if (api.expiredSession && !sessionRenewed && api.expiredSession.isExpired(failure)) {
			sessionRenewed = true;
			renewal = sessionRenewal(ctx, api, credentials, api.expiredSession.tokenField);
			continue;
		}
		if (failure.statusCode === 401 && api.signInSupersedesTokens && !credentialOptions && supersededRetries < SUPERSEDED_TOKEN_RETRIES) {
			// A 401 is never processed, so any request may go again. The last try may fetch a token.
			supersededRetries++;
			tokenOptions = supersededRetries < SUPERSEDED_TOKEN_RETRIES ? NO_TOKEN_REFRESH : undefined;
			await sleep(SUPERSEDED_TOKEN_MIN_WAIT_MS + Math.floor(Math.random() * SUPERSEDED_TOKEN_MIN_WAIT_MS * 3));
			continue;
		}
		if (failure.statusCode === 401 && tokenOptions) throw tokenRefused(ctx, request);
		if (failure.statusCode === 429) hooks.onRateLimited?.();
		const decision: RetryDecision = decideRetry(failure, { attempt, waitedMs, idempotent, policy, timeouts });
		if (!decision.retry) {
			throw toNodeApiError(ctx.getNode(), {
				api,
				request,
				failure,
				attempts: attempt,
				lastDecision: decision,
				baseUrl,
				idempotent,
				timeoutMs,
				hasRequestOptions: hasRequestOptions(ctx),
			});
		}
		await sleep(decision.waitMs);
		waitedMs += decision.waitMs;
	}
}

/** The credential with its session token emptied: n8n's pre-authentication then logs in again. */
function sessionRenewal(
	ctx: RequestContext,
	api: VendorApi,
	credentials: ICredentialDataDecryptedObject,
	tokenField: string,
): SessionRenewal {
	const reference = ctx.getNode().credentials?.[api.credentialType];
	return {
		credentialsDecrypted: {
			id: reference?.id ?? '',
			name: reference?.name ?? api.credentialType,
			type: api.credentialType,
			data: { ...credentials, [tokenField]: '' },
		},
	};
}

/** Failures before any response: our own errors pass through; token failures get a clear message. */
function notAnHttpFailure(ctx: RequestContext, api: VendorApi, request: ApiRequest, error: unknown): Error {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	const detail = error instanceof Error ? error.message : String(error);
	// n8n's SSRF protection refuses private addresses before anything is sent, token requests included.
	const blockedByN8n = /restricted IP|SSRF|not allowed/i.test(detail);
	const tokenFailure = !blockedByN8n && /token/i.test(detail);
	// n8n's OAuth2 client, when the token endpoint answered something other than JSON.
	const unreadableToken = /Expected JSON response from OAuth2 token endpoint/i.test(detail);
	const unreadableWhat = /received: $/.test(detail)
		? 'an empty body'
		: /received:\s*</i.test(detail)
			? 'a web page (HTML), not a token'
			: 'a body that is not valid JSON';
	const message = blockedByN8n
		? `This n8n refused to connect to the ${api.productName} address in the credential`
		: (signInFailedMessage(error) ??
			(unreadableToken
				? `${api.productName} answered the sign-in with ${unreadableWhat}`
				: tokenFailure
					? `${api.productName} did not issue an access token for this credential`
					: `The request to ${api.productName} failed before it was answered`));
	const hint = blockedByN8n
		? 'n8n blocks private and loopback addresses when SSRF protection is on. Ask the n8n administrator to allow that address range (N8N_SSRF_ALLOWED_IP_RANGES), or use a public address.'
		: tokenFailure
			? api.credentialHint
			: undefined;
	return new NodeApiError(ctx.getNode(), {} as JsonObject, {
		message,
		description: [detail, hint].filter(Boolean).join('\n'),
		itemIndex: request.itemIndex,
	});
}

/** The message of a credential's sign-in that was answered with something unusable (see credentials/signIn.ts). */
function signInFailedMessage(error: unknown): string | undefined {
	for (let current: unknown = error, depth = 0; current instanceof Error && depth < 6; current = current.cause, depth++) {
		if ((current as { signInFailed?: unknown }).signInFailed === true) return current.message;
	}
	return undefined;
}

/** The body of an error answer, read when n8n handed it over as a stream; undefined when it cannot be read. */
async function errorBody(body: unknown, timeoutMs: number): Promise<unknown> {
	if (!isByteStream(body)) return body;
	const read = await readStreamedBody(body, Date.now(), timeoutMs);
	return 'text' in read ? read.text : undefined;
}

/**
 * A successful answer that cannot be data: empty where a read expects a body, a web page (a proxy or
 * load balancer answering in the service's place), or JSON cut short or damaged. Read as data, each
 * would pass for "nothing there" (an empty listing, a task that never finishes), so it fails the item.
 */
function unreadableAnswer(
	ctx: RequestContext,
	api: VendorApi,
	request: ApiRequest,
	statusCode: number,
	headers: Record<string, string | string[] | undefined>,
	text: unknown,
): NodeApiError | undefined {
	if (typeof text !== 'string' || statusCode === 204 || request.method === 'HEAD') return undefined;
	// A vendor that reads its own bodies (ESC's XML) judges them itself, with its own advice.
	if (api.parseBody) return undefined;
	const contentType = String(headerValue(headers, 'content-type') ?? '').toLowerCase();
	const trimmed = text.trim();
	const fail = (message: string, description: string) => unreadable(ctx, request, statusCode, message, description);
	if (trimmed === '') {
		if (request.method === 'GET') {
			return fail(
				`${api.productName} answered with an empty body`,
				'Data was expected. The answer may have been cut short by a proxy or by the service itself. Try again; if it persists, check the service.',
			);
		}
		// A change answered "here is JSON" with nothing: whatever was to tell its result is missing.
		return contentType.includes('json') && request.method !== 'DELETE'
			? fail(
					`${api.productName} answered the change with an empty body: whether it was made is unknown`,
					api.unknownOutcomeHint ?? `Check in ${api.productName} whether the change was made before running it again.`,
				)
			: undefined;
	}
	if (contentType.includes('text/html') || /^<(!doctype html|html)[\s>]/i.test(trimmed)) {
		return fail(`${api.productName} answered with a web page instead of data`, webPageAdvice(api, trimmed));
	}
	if (!(contentType.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('['))) return undefined;
	try {
		JSON.parse(trimmed);
		return undefined;
	} catch {
		return fail(
			`${api.productName} answered with a body that is not valid JSON`,
			`The answer (${text.length} characters) was cut short or damaged on the way, so it was not used. Try again; if it persists, check the service or the proxy in front of it.`,
		);
	}
}

/** A successful answer that cannot be used, as the item's error; never retried (see apiRequest). */
function unreadable(ctx: RequestContext, request: ApiRequest, statusCode: number, message: string, description: string): NodeApiError {
	return new NodeApiError(ctx.getNode(), {} as JsonObject, {
		message,
		description: `${description}\nHTTP status: ${statusCode}\nRequest: ${request.method} ${request.path}`,
		httpCode: String(statusCode),
		itemIndex: request.itemIndex,
	});
}

/** What to say about an HTML page where data or an error was expected: who probably sent it. */
function webPageAdvice(api: VendorApi, html: string): string {
	const title = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(html)?.[1]?.trim();
	return `${title ? `The page says "${title}". ` : ''}A proxy, load balancer or login portal in front of ${api.productName} probably answered instead of it. Check the Base URL in the credential and the proxy settings of this n8n.`;
}

function parseBody(body: unknown, api: VendorApi, invalidUtf8?: boolean): unknown {
	if (typeof body !== 'string' || body === '') return body;
	if (api.parseBody) return api.parseBody(body, invalidUtf8);
	const trimmed = body.trimStart();
	if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

function withoutEmptyValues(qs: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(qs)) {
		if (value !== undefined && value !== null && value !== '') result[key] = value;
	}
	return result;
}
