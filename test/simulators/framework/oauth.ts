import { createHash, randomBytes } from 'node:crypto';

import { rememberSecret } from './secrets';
import type { SimRequest, SimResponse } from './server';

interface IssuedToken {
	clientId: string;
	expiresAt: number;
}

/**
 * The two API clients an HPE simulator registers: the one the node's credential uses, and another
 * for hand-written clients (the bench), so their tokens do not revoke the node's. Secrets are
 * stable across runs so the demo's credentials keep working; they are not real secrets.
 */
export function simulatorClients(seed: string, clientIds: [string, string]) {
	const secret = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);
	const clientId = clientIds[0];
	const clientSecret = secret(seed);
	const otherClient = { clientId: clientIds[1], clientSecret: secret(`${seed}-other-client`) };
	return { clientId, clientSecret, otherClient, registered: { [clientId]: clientSecret, [otherClient.clientId]: otherClient.clientSecret } };
}

export type BearerCheck = 'valid' | 'missing' | 'unknown' | 'expired' | 'superseded';

/**
 * An OAuth2 client-credentials token endpoint like HPE GreenLake SSO: client ID and secret in the
 * form body or as HTTP Basic; tokens expire; a new token invalidates the client's previous one.
 */
export class ClientCredentialsIssuer {
	private readonly tokens = new Map<string, IssuedToken>();
	private readonly latestByClient = new Map<string, string>();
	readonly issued: string[] = [];

	constructor(
		private readonly clients: Record<string, string>,
		public ttlSeconds = 7199,
	) {
		Object.values(clients).forEach(rememberSecret);
	}

	handleTokenRequest(request: SimRequest): SimResponse {
		const form = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, string>;
		let clientId = form.client_id;
		let clientSecret = form.client_secret;
		const authorization = request.headers.authorization;
		if (authorization?.startsWith('Basic ')) {
			const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
			const separator = decoded.indexOf(':');
			clientId = decodeURIComponent(decoded.slice(0, separator));
			clientSecret = decodeURIComponent(decoded.slice(separator + 1));
		}
		if (form.grant_type !== 'client_credentials') {
			return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials' } };
		}
		if (!clientId || this.clients[clientId] === undefined || this.clients[clientId] !== clientSecret) {
			return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } };
		}
		const accessToken = rememberSecret(`eyJ${randomBytes(24).toString('base64url')}`);
		const previous = this.latestByClient.get(clientId);
		if (previous) this.tokens.delete(previous);
		this.tokens.set(accessToken, { clientId, expiresAt: Date.now() + this.ttlSeconds * 1000 });
		this.latestByClient.set(clientId, accessToken);
		this.issued.push(accessToken);
		return {
			status: 200,
			body: { access_token: accessToken, token_type: 'Bearer', expires_in: this.ttlSeconds },
			headers: { 'cache-control': 'no-store' },
		};
	}

	check(request: SimRequest): BearerCheck {
		const authorization = request.headers.authorization;
		if (!authorization?.startsWith('Bearer ')) return 'missing';
		const token = authorization.slice(7);
		const issued = this.tokens.get(token);
		if (!issued) return this.issued.includes(token) ? 'superseded' : 'unknown';
		if (issued.expiresAt <= Date.now()) return 'expired';
		return 'valid';
	}

	/** The auth hook of a SimServer: undefined for a valid bearer token, else the 401 the API answers. */
	authenticate(request: SimRequest, errorBody: (status: number, message: string, code: string) => unknown): SimResponse | undefined {
		const check = this.check(request);
		if (check === 'valid') return undefined;
		const reason = check === 'missing' ? 'Authorization header is missing' : `The access token is ${check === 'unknown' ? 'not valid' : check}`;
		return { status: 401, body: errorBody(401, reason, 'UNAUTHENTICATED'), headers: { 'www-authenticate': 'Bearer error="invalid_token"' } };
	}

	/** Makes every current token expire now, as two hours passing would. */
	expireAll(): void {
		for (const token of this.tokens.values()) token.expiresAt = Date.now() - 1;
	}
}
