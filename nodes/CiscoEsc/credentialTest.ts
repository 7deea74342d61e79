import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

const CERTIFICATE_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|HOSTNAME|ALTNAME/i;
const ADDRESS_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'ECONNABORTED', 'EPROTO']);

interface FailureLike {
	statusCode?: number;
	httpCode?: string;
	code?: string;
	message?: string;
	response?: { status?: number; statusCode?: number };
	cause?: unknown;
}

/** The HTTP status or network code of a failed request, wherever n8n's helpers put it. */
function failureOf(error: unknown): { status?: number; code?: string; message: string } {
	const chain: FailureLike[] = [];
	let current: unknown = error;
	while (current && typeof current === 'object' && chain.length < 6) {
		chain.push(current as FailureLike);
		current = (current as FailureLike).cause;
	}
	const status = chain.map((e) => e.response?.status ?? e.response?.statusCode ?? e.statusCode ?? Number(e.httpCode)).find((s) => typeof s === 'number' && s >= 100 && s < 600);
	const code = chain.map((e) => e.code).find((c): c is string => typeof c === 'string' && c !== '');
	const message = chain.map((e) => e.message).find((m): m is string => typeof m === 'string' && m !== '') ?? '';
	return { status, code, message };
}

/**
 * The test the editor runs when the credential is saved: lists tenants, and says in plain words
 * whether the address, the certificate or the login is what is wrong.
 */
export async function testEscCredential(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const baseUrl = String(data.baseUrl ?? '').trim().replace(/\/+$/, '');
	if (!/^https?:\/\/[^/\s]+/i.test(baseUrl)) {
		return { status: 'Error', message: 'The base URL is not valid: enter http://HOST:8080/ESCManager or https://HOST:8443/ESCManager' };
	}
	try {
		// n8n gives credential test functions only this helper; it is what lets the test tell a wrong
		// address from an untrusted certificate and a wrong password.
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
		await this.helpers.request({
			method: 'GET',
			uri: `${baseUrl}/v0/tenants`,
			headers: { Accept: 'application/xml' },
			auth: { user: String(data.username ?? ''), pass: String(data.password ?? '') },
			rejectUnauthorized: data.allowSelfSigned !== true,
			timeout: 20_000,
		});
		return { status: 'OK', message: 'Connected: ESC listed its tenants with this login' };
	} catch (error) {
		const { status, code, message } = failureOf(error);
		if (status === 401 || status === 403) return { status: 'Error', message: 'ESC refused the username or password (HTTP ' + status + ')' };
		if (status === 404) return { status: 'Error', message: 'The address answers, but not as the ESC REST API: check that the base URL ends with /ESCManager' };
		if (status !== undefined) return { status: 'Error', message: `ESC answered HTTP ${status} when listing tenants` };
		if ((code && CERTIFICATE_CODES.test(code)) || /certificate/i.test(message)) {
			return { status: 'Error', message: 'The HTTPS certificate of ESC is not trusted. ESC generates a self-signed one: turn on "Allow Self-Signed Certificate", or install a trusted certificate on ESC.' };
		}
		if (code && ADDRESS_CODES.has(code)) return { status: 'Error', message: `Cannot reach ESC at this address (${code}): check the host, the port (8080 for HTTP, 8443 for HTTPS) and that n8n can reach it` };
		return { status: 'Error', message: `Cannot reach ESC at this address: ${message || code || 'unknown error'}` };
	}
}
