import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { toNodeApiError } from './errors';
import { normaliseHeaders, readHttpFailure } from './failure';
import type { RetryDecision } from './retry';
import { DEFAULT_RETRY_POLICY, decideRetry } from './retry';
import type { ApiRequest, ApiResponse, RequestContext, SessionRenewal, VendorApi } from './types';

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

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
): Promise<ApiResponse<T>> {
	const credentials = await ctx.getCredentials(api.credentialType);
	const baseUrl = api.baseUrl(credentials).replace(/\/+$/, '');
	if (!/^https?:\/\/[^/\s]+/i.test(baseUrl)) {
		throw new NodeOperationError(ctx.getNode(), `The ${api.productName} base URL in the credential is not a valid URL`, {
			description: 'Open the credential and pick a region, or enter a base URL starting with https://.',
			itemIndex: request.itemIndex,
		});
	}
	const policy = { ...DEFAULT_RETRY_POLICY, ...api.retry };
	const idempotent = request.idempotent ?? IDEMPOTENT_METHODS.has(request.method);
	const options: IHttpRequestOptions = {
		...api.requestDefaults?.(credentials),
		method: request.method,
		url: `${baseUrl}${request.path}`,
		qs: request.qs && withoutEmptyValues(request.qs),
		headers: { Accept: 'application/json', ...request.headers },
		returnFullResponse: true,
		json: typeof request.body !== 'string',
	};
	if (request.body !== undefined) options.body = request.body;

	let waitedMs = 0;
	let renewal: SessionRenewal | undefined;
	let sessionRenewed = false;
	for (let attempt = 1; ; attempt++) {
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				api.credentialType,
				{ ...options, headers: { ...options.headers } },
				renewal,
			)) as FullResponse;
			return {
				statusCode: response.statusCode,
				headers: normaliseHeaders(response.headers),
				body: parseBody(response.body) as T,
			};
		} catch (error) {
			const failure = readHttpFailure(error);
			if (failure.statusCode === undefined && failure.networkCode === undefined) {
				throw notAnHttpFailure(ctx, api, request, error);
			}
			failure.body = parseBody(failure.body);
			if (api.expiredSession && !sessionRenewed && api.expiredSession.isExpired(failure)) {
				sessionRenewed = true;
				renewal = sessionRenewal(ctx, api, credentials, api.expiredSession.tokenField);
				continue;
			}
			const decision: RetryDecision = decideRetry(failure, { attempt, waitedMs, idempotent, policy });
			if (!decision.retry) {
				throw toNodeApiError(ctx.getNode(), {
					api,
					request,
					failure,
					attempts: attempt,
					lastDecision: decision,
					baseUrl,
				});
			}
			await sleep(decision.waitMs);
			waitedMs += decision.waitMs;
		}
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
	const message = blockedByN8n
		? `This n8n refused to connect to the ${api.productName} address in the credential`
		: tokenFailure
			? `${api.productName} did not issue an access token for this credential`
			: `The request to ${api.productName} failed before it was answered`;
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

function parseBody(body: unknown): unknown {
	if (typeof body !== 'string' || body === '') return body;
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
