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
}

interface ErrorLike {
	message?: unknown;
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

export function readHttpFailure(error: unknown): HttpFailure {
	const chain = errorChain(error);
	const timedOut = chain.some(
		(e) => (e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT') && /timeout/i.test(String(e.message)),
	);
	if (timedOut) return { headers: {}, networkCode: 'ETIMEDOUT', timedOut };
	const withResponse = chain.find((e) => e.response && typeof e.response === 'object');
	const cutShort = withResponse?.code === 'ERR_BAD_RESPONSE' && /aborted/i.test(String(withResponse.message));
	if (cutShort) return { headers: {}, networkCode: 'ECONNRESET' };
	if (withResponse?.response) {
		const response = withResponse.response;
		return {
			statusCode: response.status ?? response.statusCode,
			headers: normaliseHeaders(response.headers),
			body: response.data ?? response.body,
		};
	}
	const networkCode = chain
		.map((e) => (typeof e.code === 'string' ? e.code : undefined))
		.find((code) => code !== undefined && NETWORK_CODES.has(code));
	const httpCode = chain.map((e) => Number(e.httpCode)).find((code) => code >= 100 && code < 600);
	return { statusCode: networkCode ? undefined : httpCode, headers: {}, networkCode };
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
