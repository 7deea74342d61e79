import * as http from 'node:http';

import type { Fault, RecordedRequest } from '../framework/server';
import { SimServer } from '../framework/server';
import { CloutilityIssuer } from './auth';
import type { BackupOutcome } from './portal';
import { Portal, seedPortal } from './portal';
import type { Deletion, PortalBehaviour } from './routes';
import { errorBody, registerRoutes } from './routes';

export interface CloutilityOptions {
	port?: number;
	/** Access token lifetime; the real portal issues 299 s. */
	tokenTtlSeconds?: number;
	/** Whether the API client may refresh tokens (a choice made when the client ID is generated). */
	allowRefresh?: boolean;
	/** Runs a backup round of every activated node this often (0: only when a test asks). */
	backupIntervalMs?: number;
	/** How the portal reads what the documentation leaves open (default: as documented, enums as numbers). */
	behaviour?: Partial<PortalBehaviour>;
}

export interface BillingDelivery {
	status: number;
	body: string;
	/** Whether the subscriber answered `100 Continue` before the body was sent. */
	continued: boolean;
}

export interface CloutilitySimulator {
	url: string;
	clientId: string;
	origin: string;
	username: string;
	password: string;
	rootBusinessUnitId: number;
	portal: Portal;
	issuer: CloutilityIssuer;
	deletions: Deletion[];
	/** Changeable while running. */
	behaviour: PortalBehaviour;
	requests(): RecordedRequest[];
	requestsTo(method: string, path: RegExp): RecordedRequest[];
	violations(): string[];
	addFault(fault: Fault): void;
	clearFaults(): void;
	expireAccessTokens(): void;
	revokeRefreshTokens(): void;
	runBackupRound(outcomes?: { [consumerId: number]: BackupOutcome }): void;
	/** POSTs a billing notice to a subscriber URL as Cloutility does, with `Expect: 100-continue`. */
	notifyBillingSubscriber(url: string, body?: unknown): Promise<BillingDelivery>;
	close(): Promise<void>;
}

export const TEST_NOTICE = { trigger: 'test for new billing data available' };

/**
 * A simulated Cloutility portal API (`/v1`): password-grant and refresh-token sign-in bound to the
 * client's origin, the business-unit tree, consumption units, backup nodes and their lookups,
 * audit logs, accumulating backup jobs and node reports, and billing notices to subscribers.
 */
export async function startCloutilitySimulator(options: CloutilityOptions = {}): Promise<CloutilitySimulator> {
	const clientId = 'c3f1a9d2-5b7e-4e0c-9a41-cl0ut1l1ty01';
	const origin = 'https://n8n.example.com';
	const username = 'api-user';
	const password = 'Backup-Admin-2026!';
	const issuer = new CloutilityIssuer(
		{ [clientId]: { origin, allowRefresh: options.allowRefresh ?? true } },
		{ [username]: password },
		options.tokenTtlSeconds ?? 299,
	);
	let lastRound = Date.now();
	// eslint-disable-next-line prefer-const -- the portal needs the server's address
	let portal!: Portal;
	const sim = new SimServer({
		name: 'cloutility',
		errorBody: (status, message, code) => errorBody(status, message, code),
		onRequest: () => {
			const interval = options.backupIntervalMs ?? 0;
			if (interval > 0 && portal) {
				for (; Date.now() - lastRound >= interval; lastRound += interval) portal.runBackupRound();
			}
		},
		authenticate: (request) => {
			const check = issuer.check(request);
			return check.ok ? undefined : check.response;
		},
	});
	sim.route('POST', '/v1/oauth', (request) => issuer.handleTokenRequest(request), { isPublic: true });
	const url = await sim.listen(options.port ?? 0);
	portal = new Portal(url);
	const { rootId } = seedPortal(portal);
	portal.runBackupRound();
	const deletions: Deletion[] = [];
	const behaviour: PortalBehaviour = { reportQuery: 'switch', enumsAs: 'number', latestReportComplete: false, ...options.behaviour };
	registerRoutes(sim, portal, rootId, deletions, behaviour);

	return {
		url,
		clientId,
		origin,
		username,
		password,
		rootBusinessUnitId: rootId,
		portal,
		issuer,
		deletions,
		behaviour,
		requests: () => [...sim.requests],
		requestsTo: (method, path) => sim.requestsTo(method, path),
		violations: () => [...sim.violations],
		addFault: (fault) => sim.addFault(fault),
		clearFaults: () => sim.clearFaults(),
		expireAccessTokens: () => issuer.expireAccessTokens(),
		revokeRefreshTokens: () => issuer.revokeRefreshTokens(),
		runBackupRound: (outcomes) => portal.runBackupRound(outcomes),
		notifyBillingSubscriber: (target, body = TEST_NOTICE) => postWithContinue(target, JSON.stringify(body)),
		close: () => sim.close(),
	};
}

function postWithContinue(target: string, body: string): Promise<BillingDelivery> {
	return new Promise((resolve, reject) => {
		let continued = false;
		const request = http.request(target, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' },
		});
		request.on('continue', () => {
			continued = true;
			request.end(body);
		});
		request.on('response', (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => {
				// A subscriber that answers before asking for the body gets none.
				if (!continued) request.destroy();
				resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), continued });
			});
		});
		request.on('error', reject);
		request.flushHeaders();
	});
}
