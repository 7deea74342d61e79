import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { isUntrustedCertificate, untrustedCertificateError } from './certificate';
import { SignInClock, SignInFailed, signInAnswer, signInUnanswered } from './signIn';
import { ownsToken, tokenOwner } from './tokenOwner';

/** Attempts at logging in while the platform answers 503 (it suspends itself when idle and wakes on demand). */
export const DCI_LOGIN_ATTEMPTS = 8;
const LOGIN_FIRST_WAIT_MS = 250;
const LOGIN_MAX_WAIT_MS = 4_000;

const DCI_SIGN_IN = { productName: 'DCImanager 6', selfSignedOption: 'Allow Self-Signed Certificate' };

/** What a session token is bound to: signing in with anything else must not reuse it (see tokenOwner). */
function signInOf(credentials: ICredentialDataDecryptedObject): unknown[] {
	return credentials.authMode === 'apiToken'
		? [DciManagerApi.apiRoot(credentials), 'apiToken', String(credentials.apiToken ?? '')]
		: [
				DciManagerApi.apiRoot(credentials),
				'password',
				String(credentials.email ?? '').trim().toLowerCase(),
				String(credentials.password ?? ''),
			];
}

function statusOf(error: unknown): number | undefined {
	const response = (error as { response?: { status?: number; statusCode?: number } }).response;
	return response?.status ?? response?.statusCode ?? (Number((error as { httpCode?: unknown }).httpCode) || undefined);
}

/**
 * The platform turned the login down (HTTP 4xx): says which fields to fix, as n8n's credential test
 * shows only an error's message, and for an HTTP error only its status text ("Unauthorized"). The
 * HTTP error stays the `cause`, for the node's own error message.
 */
function signInRefused(error: unknown): Error | undefined {
	const status = statusOf(error);
	if (status === undefined || status < 400 || status >= 500 || status === 429) return undefined;
	let body = (error as { response?: { data?: unknown } }).response?.data;
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body) as unknown;
		} catch {
			body = undefined;
		}
	}
	const said = (body as { error?: { msg?: unknown } } | undefined)?.error?.msg;
	const reason = typeof said === 'string' && said.trim() !== '' ? `: ${said.trim().replace(/\.+$/, '')}` : '';
	return new Error(
		`DCImanager 6 refused the email or password (HTTP ${status}${reason}). Check Email and Password in the credential, and that this user may sign in to DCImanager.`,
		{ cause: error },
	);
}

/**
 * ISPsystem DCImanager 6: e-mail and password (n8n logs in at `/auth/v4/public/token` and keeps the
 * session token, logging in again when it expires), or a long-lived API token made with `/auth/v4/token`.
 */
export class DciManagerApi implements ICredentialType {
	/** `https://host` + `/api`, without doubled or trailing slashes. */
	static apiRoot(credentials: ICredentialDataDecryptedObject): string {
		const base = String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
		const prefix = String(credentials.apiPrefix ?? '').trim().replace(/^\/*/, '/').replace(/\/+$/, '');
		return `${base}${prefix === '/' ? '' : prefix}`;
	}

	name = 'dciManagerApi';

	displayName = 'ISPsystem DCImanager 6 API';

	icon: Icon = { light: 'file:../icons/dcimanager.svg', dark: 'file:../icons/dcimanager.dark.svg' };

	documentationUrl = 'https://www.ispsystem.com/docs/dcimanager-admin/developer-section/api-guide';

	httpRequestNode = {
		name: 'ISPsystem DCImanager 6',
		docsUrl: 'https://www.ispsystem.com/docs/dcimanager-admin/developer-section/examples-of-api-use',
		apiBaseUrlPlaceholder: 'https://dci.example.com/api/dci/v3/',
	};

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://dci.example.com',
			description: 'Address of the DCImanager 6 platform, as you open it in a browser',
		},
		{
			displayName: 'API Prefix',
			name: 'apiPrefix',
			type: 'string',
			default: '/api',
			description:
				'Path the API is served under. DCImanager 6 uses /api (https://HOST/api/dci/v3/...). Leave empty when a proxy serves the API at the root.',
		},
		{
			displayName: 'Authentication',
			name: 'authMode',
			type: 'options',
			options: [
				{ name: 'Email and Password', value: 'password' },
				{ name: 'API Token', value: 'apiToken' },
			],
			default: 'password',
			description:
				'Email and password: n8n logs in and logs in again when the session expires (60 minutes unused by default). API token: a long-lived token made with POST /auth/v4/token.',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			displayOptions: { show: { authMode: ['password'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authMode: ['password'] } },
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'A token made with POST /auth/v4/token and an expiry date (expires_at)',
			required: true,
			displayOptions: { show: { authMode: ['apiToken'] } },
		},
		{
			displayName: 'Allow Self-Signed Certificate',
			name: 'allowSelfSigned',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even when the platform presents a certificate n8n cannot verify, e.g. the self-signed one it is installed with',
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Session Owner',
			name: 'sessionOwner',
			type: 'hidden',
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		const session = (sessionToken: string) => ({ sessionToken, sessionOwner: tokenOwner(sessionToken, signInOf(credentials)) });
		if (credentials.authMode === 'apiToken') return session(String(credentials.apiToken ?? ''));
		const clock = new SignInClock();
		let waitMs = LOGIN_FIRST_WAIT_MS;
		for (let attempt = 1; ; attempt++) {
			try {
				const body = (await this.helpers.httpRequest({
					method: 'POST',
					url: `${DciManagerApi.apiRoot(credentials)}/auth/v4/public/token`,
					headers: { 'isp-box-instance': 'true', Accept: 'application/json' },
					body: { email: credentials.email, password: credentials.password },
					json: true,
					skipSslCertificateValidation: credentials.allowSelfSigned === true,
					timeout: clock.nextTimeoutMs(),
				})) as IDataObject | string;
				const parsed = signInAnswer(DCI_SIGN_IN, body);
				if (typeof parsed.token !== 'string' || parsed.token === '') {
					throw new SignInFailed('DCImanager 6 answered the login without a session token');
				}
				return session(parsed.token);
			} catch (error) {
				const refused = signInRefused(error);
				if (refused) throw refused;
				if (isUntrustedCertificate(error)) throw untrustedCertificateError('DCImanager 6', String(credentials.baseUrl));
				const unanswered = signInUnanswered(DCI_SIGN_IN, DciManagerApi.apiRoot(credentials), error);
				if (unanswered) throw unanswered;
				if (statusOf(error) !== 503 || attempt >= DCI_LOGIN_ATTEMPTS || !clock.allowsRetryAfter(waitMs)) throw error;
				await sleep(waitMs);
				waitMs = Math.min(LOGIN_MAX_WAIT_MS, waitMs * 2);
			}
		}
	}

	/** The three headers DCImanager wants; a session got with other settings is left out (see tokenOwner). */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token = String(credentials.sessionToken ?? '');
		const current = ownsToken(token, signInOf(credentials), credentials.sessionOwner);
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				...(current ? { 'x-xsrf-token': token, Cookie: `ses6=${token}` } : {}),
				'isp-box-instance': 'true',
			},
			skipSslCertificateValidation:
				requestOptions.skipSslCertificateValidation === true || credentials.allowSelfSigned === true,
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}{{($credentials.apiPrefix || "").replace(/\\/+$/, "")}}',
			url: '/dci/v3/server',
			qs: { limit: '0,1' },
			skipSslCertificateValidation: '={{$credentials.allowSelfSigned}}',
		},
	};
}
