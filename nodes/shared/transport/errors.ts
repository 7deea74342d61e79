import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { HttpFailure } from './failure';
import type { RetryDecision } from './retry';
import type { ApiRequest, VendorApi, VendorErrorDetails } from './types';

interface FailureContext {
	api: VendorApi;
	request: ApiRequest;
	failure: HttpFailure;
	attempts: number;
	lastDecision?: RetryDecision;
	baseUrl: string;
	/** False for a request that may have changed something when it got no answer (a POST). */
	idempotent?: boolean;
	timeoutMs?: number;
	/** Whether the node offers Request Options (action nodes do, triggers do not). */
	hasRequestOptions?: boolean;
}

/** No answer, but the request may have arrived: a change may or may not have been made. */
function outcomeUnknown({ failure, idempotent }: FailureContext): boolean {
	return idempotent === false && (failure.timedOut === true || failure.networkCode === 'ECONNRESET' || failure.networkCode === 'EPIPE');
}

function seconds(ms = 0): string {
	const value = Math.round(ms / 100) / 10;
	return `${value} second${value === 1 ? '' : 's'}`;
}

/** The headline of an HTTPS certificate this n8n does not trust, with what to do about it. */
export function untrustedCertificateMessage(api: Pick<VendorApi, 'productName' | 'selfSignedOption'>): string {
	const product = api.productName;
	return api.selfSignedOption
		? `The HTTPS certificate of ${product} is not trusted: turn on "${api.selfSignedOption}" in the credential, or install a trusted certificate`
		: `The HTTPS certificate of ${product} is not trusted: ${product} is a cloud service with a public certificate, so check the proxy between this n8n and the internet, and the Base URL Override in the credential`;
}

/** A request that got no (complete) answer, or a certificate that stopped it: what happened, in words. */
export function describeUnanswered(
	api: Pick<VendorApi, 'productName' | 'selfSignedOption'>,
	failure: HttpFailure,
	timeoutMs?: number,
): string {
	const product = api.productName;
	if (failure.certificateProblem) return untrustedCertificateMessage(api);
	const during = failure.signIn ? ' the sign-in' : '';
	if (failure.timedOut) return `${product} did not answer${during} within ${seconds(failure.timeoutMs ?? timeoutMs)}`;
	if (failure.networkCode === 'ECONNRESET') {
		return failure.signIn
			? `The connection to ${product} dropped during the sign-in`
			: `The connection to ${product} dropped before the answer was complete`;
	}
	return failure.signIn ? `Could not reach ${product} to sign in` : `Could not reach ${product}`;
}

function headline(context: FailureContext, vendorMessage?: string): string {
	const { api, request, failure, attempts, lastDecision } = context;
	const product = api.productName;
	const status = failure.statusCode;
	if (status === undefined) {
		const what = describeUnanswered(api, failure, context.timeoutMs);
		return outcomeUnknown(context) ? `${what}: whether the change was made is unknown` : what;
	}
	if (api.unknownEndpoint?.isUnknown(failure)) {
		return `This ${product} does not know the endpoint ${request.method} ${request.path}`;
	}
	const because = vendorMessage ? `: ${vendorMessage}` : '';
	switch (status) {
		case 400:
		case 422:
			return `${product} rejected the request${because}`;
		case 401:
			return `${product} did not accept the credential`;
		case 403:
			return `The ${product} account in this credential is not allowed to do this`;
		case 404:
			return `${request.subject ?? 'The requested item'} was not found in ${product}`;
		case 409:
			return `${product} reports a conflict${because}`;
		case 429:
			return lastDecision && !lastDecision.retry && lastDecision.reason === 'wait-too-long'
				? `${product} is rate limiting requests and asks to wait longer than this node waits`
				: `${product} is rate limiting requests and still refused after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
		case 502:
		case 503:
		case 504:
			return `${product} is unavailable right now (HTTP ${status})`;
		default:
			return status >= 500
				? `${product} had an internal error (HTTP ${status})`
				: `${product} refused the request (HTTP ${status})${because}`;
	}
}

function advice(context: FailureContext): string | undefined {
	const { api, failure, request } = context;
	if (api.unknownEndpoint?.isUnknown(failure)) return api.unknownEndpoint.hint(request);
	if (outcomeUnknown(context)) {
		return `The request may have reached ${api.productName}, so it was not sent again. ${
			api.unknownOutcomeHint ?? `Check in ${api.productName} whether the change was made before running it again.`
		}`;
	}
	if (failure.certificateProblem) return undefined;
	if (failure.timedOut && failure.signIn) {
		return `${api.productName} accepted the connection but did not answer the sign-in. Check that it is running and not overloaded, then try again.`;
	}
	if (failure.timedOut) {
		return context.hasRequestOptions
			? 'The service may be overloaded or unreachable. If it is only slow, raise "Timeout (Seconds)" under the node\'s Request Options.'
			: 'The service may be overloaded or unreachable. Try again in a few minutes.';
	}
	switch (failure.statusCode) {
		case undefined:
			return 'Check the base URL or region in the credential, and that this n8n can reach it.';
		case 401:
			return api.credentialHint;
		case 403:
			return 'Ask an administrator to grant the role that allows this operation to the user who created the API client.';
		case 429:
			return 'Run fewer operations at once, or schedule the workflow later.';
		case 502:
		case 503:
		case 504:
			return 'The service may be in maintenance or starting up. Try again in a few minutes.';
		default:
			return undefined;
	}
}

/** The vendor's error, except for a web page (a proxy's), which is summed up instead of quoted. */
function readVendorError(api: VendorApi, body: unknown): VendorErrorDetails {
	if (typeof body === 'string' && /^\s*<(!doctype html|html)[\s>]/i.test(body)) {
		const title = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(body)?.[1]?.trim();
		return {
			message: `The answer was a web page${title ? ` ("${title}")` : ''}, probably from a proxy or load balancer in front of ${api.productName}`,
		};
	}
	return api.readError(body);
}

/** Turns a failed request into an error a non-developer understands, keeping the vendor's identifiers. */
export function toNodeApiError(node: INode, context: FailureContext): NodeApiError {
	const { api, request, failure, attempts } = context;
	const vendor = failure.body !== undefined ? readVendorError(api, failure.body) : {};
	const message = headline(context, vendor.message);
	const lines = [
		vendor.message && !message.includes(vendor.message) ? vendor.message : undefined,
		advice(context),
		failure.statusCode !== undefined ? `HTTP status: ${failure.statusCode}` : undefined,
		failure.certificateProblem
			? `Certificate problem: ${failure.certificateProblem} (${context.baseUrl})`
			: failure.networkCode
				? `Network error: ${failure.networkCode} (${context.baseUrl})`
				: undefined,
		vendor.code ? `Error code: ${vendor.code}` : undefined,
		vendor.traceId ? `Trace ID: ${vendor.traceId}` : undefined,
		attempts > 1 ? `Attempts: ${attempts}` : undefined,
		failure.signIn && failure.url ? `Sign-in: ${failure.url.split('?')[0]}` : undefined,
		`Request: ${request.method} ${request.path}`,
	].filter((line): line is string => line !== undefined);

	const error = new NodeApiError(node, (isJsonObject(failure.body) ? failure.body : {}) as JsonObject, {
		message,
		description: lines.join('\n'),
		httpCode: failure.statusCode !== undefined ? String(failure.statusCode) : undefined,
		itemIndex: request.itemIndex,
	});
	if (vendor.code || vendor.traceId) {
		error.context.vendorErrorCode = vendor.code;
		error.context.traceId = vendor.traceId;
	}
	return error;
}

function isJsonObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
