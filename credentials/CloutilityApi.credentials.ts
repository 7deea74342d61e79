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

import { isUntrustedCertificate, untrustedCertificateError } from './certificate';
import { cloutilityBaseUrl } from './cloutility';
import { SignInClock, signInAnswer, signInUnanswered } from './signIn';
import { ownsToken, tokenOwner } from './tokenOwner';

export const CLOUTILITY_CREDENTIAL = 'cloutilityApi';

const CLOUTILITY_SIGN_IN = { productName: 'Cloutility', selfSignedOption: 'Allow Self-Signed Certificate' };

interface SignInSettings {
	baseUrl: string;
	clientId: string;
	origin: string;
	username: string;
	password: string;
	skipTls: boolean;
}

function settingsOf(credentials: ICredentialDataDecryptedObject): SignInSettings {
	const text = (name: string) => String(credentials[name] ?? '').trim();
	return {
		baseUrl: cloutilityBaseUrl(credentials),
		clientId: text('clientId'),
		origin: text('origin'),
		username: text('username'),
		password: String(credentials.password ?? ''),
		skipTls: credentials.ignoreSslIssues === true,
	};
}

/** A clear error before any request when the credential is incomplete. */
function readSettings(credentials: ICredentialDataDecryptedObject): SignInSettings {
	const settings = settingsOf(credentials);
	const missing = [
		['Base URL', settings.baseUrl],
		['Client ID', settings.clientId],
		['Origin', settings.origin],
		['Username', settings.username],
		['Password', settings.password],
	].filter(([, value]) => value === '');
	if (missing.length > 0) {
		throw new Error(
			`The Cloutility credential is missing: ${missing.map(([label]) => label).join(', ')}. Open the credential and fill them in.`,
		);
	}
	if (!/^https?:\/\/[^/\s]+/i.test(settings.baseUrl)) {
		throw new Error(
			'The Cloutility Base URL in the credential is not a valid URL. Enter the API address, e.g. https://portal-api.backup.sto2.safedc.net',
		);
	}
	if (!/^https?:\/\/[^/\s?#]+$/i.test(settings.origin)) {
		throw new Error(
			'The Origin in the credential must be a URL without a path or trailing slash, e.g. https://n8n.example.com: the origin registered with the client ID under Settings → API access in Cloutility.',
		);
	}
	return settings;
}

/** What a token is bound to: signing in with anything else must not reuse it (see tokenOwner). */
function signInOf(settings: SignInSettings): unknown[] {
	return [settings.baseUrl, settings.clientId, settings.origin, settings.username.toLowerCase(), settings.password];
}

/**
 * The owner of the stored sign-in, keyed by its refresh token (or its access token when Cloutility
 * gave none): a refresh token is used only for the sign-in it came from, so a changed password is
 * tried, not bypassed by refreshing the old session.
 */
function signedInAs(settings: SignInSettings, tokens: { accessToken: string; refreshToken: string }): string {
	return tokenOwner(tokens.refreshToken || tokens.accessToken, signInOf(settings));
}

interface TokenResponse {
	access_token: string;
	refresh_token?: string;
}

class TokenRefused extends Error {
	constructor(
		message: string,
		readonly grantStatus: number,
	) {
		super(message);
	}
}

const GRANT_HINTS: { [error: string]: string } = {
	invalid_client:
		'Check the Client ID, and that the Origin is exactly the origin registered for it in Cloutility (Settings → API access).',
	invalid_grant: 'Check the username and password of the Cloutility user.',
	unauthorized_client:
		'The client ID may not be allowed to refresh tokens; n8n signs in again with the password.',
};

/** POST /v1/oauth with a form body and the Origin header; never retried (a wrong password must not lock the account). */
async function requestToken(
	helper: IHttpRequestHelper,
	settings: SignInSettings,
	form: { [key: string]: string },
	clock: SignInClock,
): Promise<TokenResponse> {
	let response: { statusCode: number; headers?: unknown; body: unknown };
	try {
		response = (await helper.helpers.httpRequest({
			method: 'POST',
			url: `${settings.baseUrl}/v1/oauth`,
			headers: {
				Origin: settings.origin,
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'application/json',
			},
			body: new URLSearchParams({ client_id: settings.clientId, ...form }).toString(),
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			skipSslCertificateValidation: settings.skipTls,
			timeout: clock.nextTimeoutMs(),
		})) as { statusCode: number; headers?: unknown; body: unknown };
	} catch (error) {
		if (isUntrustedCertificate(error)) throw untrustedCertificateError('Cloutility', settings.baseUrl);
		const unanswered = signInUnanswered(CLOUTILITY_SIGN_IN, settings.baseUrl, error);
		if (unanswered) throw unanswered;
		const code = (error as { code?: unknown }).code;
		throw new Error(
			`Could not reach Cloutility at ${settings.baseUrl}${typeof code === 'string' ? ` (${code})` : ''}. Check the Base URL in the credential and that this n8n can reach it.`,
		);
	}
	if (response.statusCode === 429 || response.statusCode >= 500) {
		// Not a refusal of the credential: shaped as an HTTP failure of the sign-in, which the transport
		// names ("rate limiting", "unavailable") and retries when the status says it was not processed.
		throw Object.assign(
			new Error(`Cloutility could not sign in right now (HTTP ${response.statusCode}). Try again in a few minutes.`),
			{
				response: { status: response.statusCode, headers: response.headers, data: response.body },
				config: { url: `${settings.baseUrl}/v1/oauth` },
			},
		);
	}
	let body: IDataObject = {};
	if (response.statusCode === 200) body = signInAnswer(CLOUTILITY_SIGN_IN, response.body) as IDataObject;
	else if (typeof response.body === 'object' && response.body !== null)
		body = response.body as IDataObject;
	else if (typeof response.body === 'string' && response.body.trim().startsWith('{')) {
		try {
			body = JSON.parse(response.body) as IDataObject;
		} catch {
			body = {};
		}
	}
	if (
		response.statusCode === 200 &&
		typeof body.access_token === 'string' &&
		body.access_token !== ''
	) {
		return body as unknown as TokenResponse;
	}
	const error = typeof body.error === 'string' ? body.error : '';
	const said = [body.error_description, body.message, error].find(
		(value) => typeof value === 'string' && value !== '',
	);
	const hint = GRANT_HINTS[error] ?? 'Check the credential.';
	throw new TokenRefused(
		`Cloutility refused to sign in (HTTP ${response.statusCode})${said ? `: ${String(said).replace(/\.+$/, '')}` : ''}. ${hint}`,
		response.statusCode,
	);
}

/**
 * Cloutility's own sign-in: OAuth2 password grant at `/v1/oauth` with the client ID and the origin
 * registered for it. n8n runs `preAuthentication` when the access token is empty and again when a
 * request is answered 401 (the token lives about five minutes): the stored refresh token is tried
 * first, the password only when Cloutility refuses it.
 */
export class CloutilityApi implements ICredentialType {
	name = CLOUTILITY_CREDENTIAL;

	displayName = 'Cloutility API';

	icon: Icon = { light: 'file:../icons/cloutility.svg', dark: 'file:../icons/cloutility.dark.svg' };

	documentationUrl = 'https://docs.safespring.com/backup/automation/rest-api/';

	httpRequestNode = {
		name: 'Cloutility',
		docsUrl: 'https://docs.safespring.com/backup/automation/rest-api/',
		apiBaseUrlPlaceholder: 'https://portal-api.backup.sto2.safedc.net/v1/',
	};

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://portal-api.backup.sto2.safedc.net',
			description: 'Address of the Cloutility API of your backup provider (with or without /v1)',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description:
				'Generated in the Cloutility portal under Settings (cogwheel) → API access → Add',
		},
		{
			displayName: 'Origin',
			name: 'origin',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://n8n.example.com',
			description:
				'The origin URL entered when the client ID was generated. Cloutility refuses every call that does not carry it.',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Allow Self-Signed Certificate',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the Cloutility server presents a certificate no known authority signed. Only for a portal you run yourself.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Signed In As',
			name: 'signedInAs',
			type: 'hidden',
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const settings = readSettings(credentials);
		const clock = new SignInClock();
		const storedRefreshToken = String(credentials.refreshToken ?? '');
		if (ownsToken(storedRefreshToken, signInOf(settings), credentials.signedInAs)) {
			try {
				const refreshed = await requestToken(this, settings, {
					grant_type: 'refresh_token',
					refresh_token: storedRefreshToken,
				}, clock);
				const tokens = {
					accessToken: refreshed.access_token,
					refreshToken: refreshed.refresh_token ?? storedRefreshToken,
				};
				return { ...tokens, signedInAs: signedInAs(settings, tokens) };
			} catch (error) {
				// A revoked or expired refresh token, or a client not allowed to refresh: sign in again.
				if (!(error instanceof TokenRefused) || error.grantStatus >= 500) throw error;
			}
		}
		const granted = await requestToken(this, settings, {
			grant_type: 'password',
			username: settings.username,
			password: settings.password,
		}, clock);
		const tokens = { accessToken: granted.access_token, refreshToken: granted.refresh_token ?? '' };
		return { ...tokens, signedInAs: signedInAs(settings, tokens) };
	}

	/** Bearer token and Origin on every call; a token got with other settings is left out (see tokenOwner). */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const settings = settingsOf(credentials);
		const tokens = {
			accessToken: String(credentials.accessToken ?? ''),
			refreshToken: String(credentials.refreshToken ?? ''),
		};
		const current = tokens.accessToken !== '' && credentials.signedInAs === signedInAs(settings, tokens);
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				...(current ? { Authorization: `Bearer ${tokens.accessToken}` } : {}),
				Origin: settings.origin,
			},
			skipSslCertificateValidation: requestOptions.skipSslCertificateValidation === true || settings.skipTls,
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "").replace(/\\/v1$/i, "")}}',
			url: '/v1/fullVersion',
			skipSslCertificateValidation: '={{$credentials.ignoreSslIssues}}',
		},
	};
}
