import { createHmac } from 'crypto';
import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { cloutilityBaseUrl } from './cloutility';

export const CLOUTILITY_CREDENTIAL = 'cloutilityApi';

interface SignInSettings {
	baseUrl: string;
	clientId: string;
	origin: string;
	username: string;
	password: string;
	skipTls: boolean;
}

/** A clear error before any request when the credential is incomplete. */
function readSettings(credentials: ICredentialDataDecryptedObject): SignInSettings {
	const text = (name: string) => String(credentials[name] ?? '').trim();
	const settings: SignInSettings = {
		baseUrl: cloutilityBaseUrl(credentials),
		clientId: text('clientId'),
		origin: text('origin'),
		username: text('username'),
		password: String(credentials.password ?? ''),
		skipTls: credentials.ignoreSslIssues === true,
	};
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

/** Which sign-in a stored refresh token belongs to: it is used only while these stay the same. */
/**
 * Who a refresh token was issued to: the portal, client, origin, user and password it was got with,
 * keyed by the token itself so no plain password hash is stored. A refresh token is used only while
 * these are unchanged: after the password is edited, the credential test signs in with it (and
 * fails when it is wrong) instead of refreshing the old sign-in.
 */
function signInIdentity(settings: SignInSettings, refreshToken: string): string {
	return createHmac('sha256', refreshToken)
		.update(
			JSON.stringify([
				settings.baseUrl,
				settings.clientId,
				settings.origin,
				settings.username.toLowerCase(),
				settings.password,
			]),
		)
		.digest('hex');
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
): Promise<TokenResponse> {
	let response: { statusCode: number; body: unknown };
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
		})) as { statusCode: number; body: unknown };
	} catch (error) {
		const code = (error as { code?: unknown }).code;
		throw new Error(
			`Could not reach Cloutility at ${settings.baseUrl}${typeof code === 'string' ? ` (${code})` : ''}. Check the Base URL in the credential and that this n8n can reach it.`,
		);
	}
	let body: IDataObject = {};
	if (typeof response.body === 'object' && response.body !== null)
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
		`Cloutility refused to sign in (HTTP ${response.statusCode})${said ? `: ${String(said)}` : ''}. ${hint}`,
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
		const previousRefreshToken = String(credentials.refreshToken ?? '');
		const storedRefreshToken =
			previousRefreshToken !== '' &&
			credentials.signedInAs === signInIdentity(settings, previousRefreshToken)
				? previousRefreshToken
				: '';
		if (storedRefreshToken !== '') {
			try {
				const refreshed = await requestToken(this, settings, {
					grant_type: 'refresh_token',
					refresh_token: storedRefreshToken,
				});
				const refreshToken = refreshed.refresh_token ?? storedRefreshToken;
				return {
					accessToken: refreshed.access_token,
					refreshToken,
					signedInAs: signInIdentity(settings, refreshToken),
				};
			} catch (error) {
				// A revoked or expired refresh token, or a client not allowed to refresh: sign in again.
				if (!(error instanceof TokenRefused) || error.grantStatus >= 500) throw error;
			}
		}
		const granted = await requestToken(this, settings, {
			grant_type: 'password',
			username: settings.username,
			password: settings.password,
		});
		return {
			accessToken: granted.access_token,
			refreshToken: granted.refresh_token ?? '',
			signedInAs: granted.refresh_token ? signInIdentity(settings, granted.refresh_token) : '',
		};
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
				Origin: '={{$credentials.origin}}',
			},
			skipSslCertificateValidation: '={{$credentials.ignoreSslIssues}}',
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "").replace(/\\/v1$/i, "")}}',
			url: '/v1/fullVersion',
			skipSslCertificateValidation: '={{$credentials.ignoreSslIssues}}',
		},
	};
}
