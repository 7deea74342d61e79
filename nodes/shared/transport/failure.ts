/**
 * Reads what went wrong from an error thrown by n8n's request helpers. n8n hands us either the
 * raw HTTP client error (OAuth2 credentials) or a NodeApiError wrapping it (other credentials).
 */
export interface HttpFailure {
	statusCode?: number;
	headers: Record<string, string | string[] | undefined>;
	body?: unknown;
	/** Network-level error code such as ECONNRESET, when no (complete) response arrived. */
	networkCode?: string;
	/** No complete answer within the request's timeout. */
	timedOut?: boolean;
	/** The timeout that ran out, when the HTTP client says it (n8n's own token requests have theirs). */
	timeoutMs?: number;
	/** Node's code for an HTTPS certificate this n8n does not trust (self-signed, expired, wrong host...). */
	certificateProblem?: string;
	/** The address that failed, when the HTTP client says it: a sign-in's differs from the request's. */
	url?: string;
	/** The failure happened while signing in (the token request), not on the request itself. */
	signIn?: boolean;
}

interface ErrorLike {
	message?: unknown;
	config?: { url?: unknown; timeout?: unknown };
	response?: { status?: number; statusCode?: number; headers?: Record<string, unknown>; data?: unknown; body?: unknown };
	cause?: unknown;
	reason?: unknown;
	code?: unknown;
	httpCode?: unknown;
}

const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENOTFOUND',
	'EAI_AGAIN',
	'UND_ERR_SOCKET',
]);

function errorChain(error: unknown): ErrorLike[] {
	const chain: ErrorLike[] = [];
	let current: unknown = error;
	while (current && typeof current === 'object' && chain.length < 6 && !chain.includes(current as ErrorLike)) {
		chain.push(current as ErrorLike);
		const next: unknown = (current as ErrorLike).cause ?? (current as ErrorLike).reason;
		current = next;
	}
	return chain;
}

/** Node's codes for a certificate chain or host name it cannot verify. */
const CERTIFICATE_CODES = new Set([
	'SELF_SIGNED_CERT_IN_CHAIN',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'CERT_HAS_EXPIRED',
	'CERT_NOT_YET_VALID',
	'CERT_UNTRUSTED',
	'CERT_REVOKED',
	'CERT_SIGNATURE_FAILURE',
	'ERR_TLS_CERT_ALTNAME_INVALID',
	'HOSTNAME_MISMATCH',
]);

export function readHttpFailure(error: unknown): HttpFailure {
	const chain = errorChain(error);
	const config = chain.find((e) => e.config && typeof e.config === 'object')?.config;
	const where: Pick<HttpFailure, 'url'> = typeof config?.url === 'string' ? { url: config.url } : {};
	const certificateProblem = chain
		.map((e) => (typeof e.code === 'string' ? e.code : undefined))
		.find((code) => code !== undefined && CERTIFICATE_CODES.has(code));
	if (certificateProblem) return { headers: {}, networkCode: certificateProblem, certificateProblem, ...where };
	const timedOut = chain.some(
		(e) => (e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT') && /timeout/i.test(String(e.message)),
	);
	if (timedOut) {
		const timeoutMs = Number(config?.timeout);
		return { headers: {}, networkCode: 'ETIMEDOUT', timedOut, ...where, ...(timeoutMs > 0 ? { timeoutMs } : {}) };
	}
	const withResponse = chain.find((e) => e.response && typeof e.response === 'object');
	const cutShort = withResponse?.code === 'ERR_BAD_RESPONSE' && /aborted/i.test(String(withResponse.message));
	if (cutShort) return { headers: {}, networkCode: 'ECONNRESET', ...where };
	if (withResponse?.response) {
		const response = withResponse.response;
		return {
			statusCode: response.status ?? response.statusCode,
			headers: normaliseHeaders(response.headers),
			body: response.data ?? response.body,
			...where,
		};
	}
	const networkCode = chain
		.map((e) => (typeof e.code === 'string' ? e.code : undefined))
		.find((code) => code !== undefined && NETWORK_CODES.has(code));
	const httpCode = chain.map((e) => Number(e.httpCode)).find((code) => code >= 100 && code < 600);
	return { statusCode: networkCode ? undefined : httpCode, headers: {}, networkCode, ...where };
}

/** Whether a failed request's address is another endpoint than the one asked for: n8n's sign-in before it. */
export function failedElsewhere(failure: HttpFailure, requestUrl: string): boolean {
	if (failure.url === undefined) return false;
	const endpoint = (url: string) => {
		try {
			const parsed = new URL(url);
			return `${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
		} catch {
			return url.split('?')[0];
		}
	};
	return endpoint(failure.url) !== endpoint(requestUrl);
}

export function normaliseHeaders(headers: unknown): Record<string, string | string[] | undefined> {
	const result: Record<string, string | string[] | undefined> = {};
	if (!headers || typeof headers !== 'object') return result;
	const source =
		typeof (headers as { toJSON?: () => unknown }).toJSON === 'function'
			? ((headers as { toJSON: () => unknown }).toJSON() as Record<string, unknown>)
			: (headers as Record<string, unknown>);
	for (const [name, value] of Object.entries(source)) {
		if (typeof value === 'string' || Array.isArray(value)) result[name.toLowerCase()] = value as string | string[];
		else if (typeof value === 'number') result[name.toLowerCase()] = String(value);
	}
	return result;
}

export function headerValue(
	headers: Record<string, string | string[] | undefined>,
	name: string,
): string | undefined {
	const value = headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}
