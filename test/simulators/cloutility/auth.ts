import { randomBytes } from 'node:crypto';

import { rememberSecret } from '../framework/secrets';
import type { SimRequest, SimResponse } from '../framework/server';

/** An API client registered in the portal (Settings → API access): its origin and whether it may refresh. */
export interface ApiClient {
	origin: string;
	allowRefresh: boolean;
}

interface AccessToken {
	clientId: string;
	username: string;
	expiresAt: number;
}

interface RefreshToken {
	clientId: string;
	username: string;
	revoked: boolean;
}

export type AccessCheck = { ok: true; username: string } | { ok: false; response: SimResponse };

/**
 * Cloutility's `/v1/oauth`: the OAuth2 password grant and the refresh-token grant, both with the
 * client ID in a form body and the client's registered `Origin` header. Access tokens live a short
 * time (299 s on the real portal); a refresh token stays the same until it is revoked.
 */
export class CloutilityIssuer {
	private readonly accessTokens = new Map<string, AccessToken>();
	private readonly refreshTokens = new Map<string, RefreshToken>();
	/** Every grant answered, in order: `password`, `refresh_token`, and refusals as `refused:<grant>`. */
	readonly grants: string[] = [];

	constructor(
		readonly clients: { [clientId: string]: ApiClient },
		readonly users: { [username: string]: string },
		public ttlSeconds: number,
	) {
		Object.values(users).forEach(rememberSecret);
	}

	handleTokenRequest(request: SimRequest): SimResponse {
		const form = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, string>;
		const grant = form.grant_type ?? '';
		const refuse = (error: string, description: string): SimResponse => {
			this.grants.push(`refused:${grant}`);
			return { status: 400, body: { error, error_description: description } };
		};
		if (!String(request.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
			return refuse('invalid_request', 'The request body must be form encoded');
		}
		const origin = request.headers.origin;
		if (!origin) return refuse('invalid_request', 'The Origin header is required');
		const client = this.clients[form.client_id ?? ''];
		if (!client) return refuse('invalid_client', `Unknown client_id '${form.client_id ?? ''}'`);
		if (client.origin !== origin) {
			return refuse('invalid_client', `The origin '${String(origin)}' is not registered for this client_id`);
		}
		let username: string;
		let refreshToken: string;
		if (grant === 'password') {
			username = Object.keys(this.users).find((name) => name.toLowerCase() === (form.username ?? '').toLowerCase()) ?? '';
			if (username === '' || this.users[username] !== form.password) {
				return refuse('invalid_grant', 'The user name or password is incorrect.');
			}
			refreshToken = rememberSecret(randomBytes(18).toString('hex'));
			this.refreshTokens.set(refreshToken, { clientId: form.client_id, username, revoked: false });
		} else if (grant === 'refresh_token') {
			if (!client.allowRefresh) return refuse('unauthorized_client', 'Token refreshing is not allowed for this client_id');
			const stored = this.refreshTokens.get(form.refresh_token ?? '');
			if (!stored || stored.revoked || stored.clientId !== form.client_id) {
				return refuse('invalid_grant', 'The refresh token is invalid or has been revoked');
			}
			username = stored.username;
			refreshToken = form.refresh_token;
		} else {
			return refuse('unsupported_grant_type', `grant_type '${grant}' is not supported`);
		}
		this.grants.push(grant);
		const accessToken = rememberSecret(randomBytes(32).toString('base64url'));
		this.accessTokens.set(accessToken, { clientId: form.client_id, username, expiresAt: Date.now() + this.ttlSeconds * 1000 });
		const body: Record<string, unknown> = {
			access_token: accessToken,
			token_type: 'bearer',
			expires_in: this.ttlSeconds,
		};
		if (client.allowRefresh) body.refresh_token = refreshToken;
		return { status: 200, body, headers: { 'cache-control': 'no-store' } };
	}

	/** Every API call needs a live bearer token and the origin of the client that token was issued to. */
	check(request: SimRequest): AccessCheck {
		const denied = (status: number, message: string): AccessCheck => ({
			ok: false,
			response: { status, body: { code: status === 401 ? 'Unauthorized' : 'Forbidden', message, developerMessage: message, status } },
		});
		const authorization = request.headers.authorization;
		if (!authorization?.startsWith('Bearer ')) return denied(401, 'Authorization has been denied for this request.');
		const token = this.accessTokens.get(authorization.slice(7));
		if (!token || token.expiresAt <= Date.now()) return denied(401, 'Authorization has been denied for this request.');
		const origin = request.headers.origin;
		if (!origin) return denied(403, 'The Origin header is required on every call');
		if (this.clients[token.clientId].origin !== origin) return denied(403, `The origin '${String(origin)}' is not allowed for this client`);
		return { ok: true, username: token.username };
	}

	expireAccessTokens(): void {
		for (const token of this.accessTokens.values()) token.expiresAt = Date.now() - 1;
	}

	revokeRefreshTokens(): void {
		for (const token of this.refreshTokens.values()) token.revoked = true;
	}
}
