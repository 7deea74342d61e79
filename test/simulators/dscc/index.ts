import * as path from 'node:path';

import { simulatorClients } from '../framework/oauth';
import { openApiValidator } from '../framework/openapi';
import type { Fault, RecordedRequest } from '../framework/server';
import { SimServer } from '../framework/server';
import type { DsccOptions } from './context';
import { DsccContext, errorBody } from './context';
import { routeModules } from './routes';

export const DSCC_SPEC = path.resolve(__dirname, '../../specs/dscc-openapi.yaml');
export const SSO_PATH = '/as/token.oauth2';

export interface DsccSimulator {
	url: string;
	tokenUrl: string;
	clientId: string;
	clientSecret: string;
	/** A second API client of the same account: its tokens do not invalidate the first client's. */
	otherClient: { clientId: string; clientSecret: string };
	context: DsccContext;
	/** Requests that did not match the DSCC OpenAPI document. */
	violations(): string[];
	requests(): RecordedRequest[];
	requestCount(): number;
	requestsTo(method: string, path: RegExp): RecordedRequest[];
	addFault(fault: Fault): void;
	clearFaults(): void;
	/** Expires every access token, as two hours passing would. */
	expireTokens(): void;
	close(): Promise<void>;
}

/**
 * Starts a simulator of HPE Data Services Cloud Console: the SSO token endpoint and the `/api/v1`
 * resources, validated against DSCC's OpenAPI document, with seeded data, asynchronous tasks and
 * fault switches.
 */
export async function startDsccSimulator(options: DsccOptions = {}): Promise<DsccSimulator> {
	const { clientId, clientSecret, otherClient, registered } = simulatorClients('dscc-simulator', [
		'e21f3028-8097-4a4f-b491-a49b1d102d4a',
		'7c0d9b1e-2f4a-4e8b-9a61-3d5f0c2b8e47',
	]);
	// eslint-disable-next-line prefer-const -- assigned after the server that calls back into it
	let context!: DsccContext;
	const sim = new SimServer({
		name: 'dscc',
		errorBody,
		validate: openApiValidator(DSCC_SPEC),
		validates: (requestPath) => requestPath.startsWith('/api/'),
		onRequest: () => context.tasks.advance(),
		authenticate: (request) => context.issuer.authenticate(request, errorBody),
	});
	context = new DsccContext(
		sim,
		{ volumes: options.volumes ?? 60, taskDurationMs: options.taskDurationMs ?? 2000, tokenTtlSeconds: options.tokenTtlSeconds ?? 7199 },
		registered,
	);
	sim.route('POST', SSO_PATH, (request) => context.issuer.handleTokenRequest(request), { isPublic: true });
	for (const module of routeModules) module.seed?.(context);
	for (const module of routeModules) module.register(context);

	const url = await sim.listen(options.port ?? 0);
	return {
		url,
		tokenUrl: `${url}${SSO_PATH}`,
		clientId,
		clientSecret,
		otherClient,
		context,
		violations: () => [...sim.violations],
		requests: () => [...sim.requests],
		requestCount: () => sim.requests.length,
		requestsTo: (method, requestPath) => sim.requestsTo(method, requestPath),
		addFault: (fault) => sim.addFault(fault),
		clearFaults: () => sim.clearFaults(),
		expireTokens: () => context.issuer.expireAll(),
		close: () => sim.close(),
	};
}
