import * as path from 'node:path';

import { simulatorClients } from '../framework/oauth';
import { openApiValidator } from '../framework/openapi';
import type { Fault, RecordedRequest, RequestValidator } from '../framework/server';
import { SimServer } from '../framework/server';
import type { GreenLakeOptions, Item } from './context';
import { GreenLakeContext, errorBody } from './context';
import type { ForcedOutcome } from './operations';
import { ASYNC_OPERATIONS_PATH } from './operations';
import { registerPcbe, seedPcbe } from './pcbe';
import { registerVirtualization, seedVirtualization } from './virtualization';

const SPECS = path.resolve(__dirname, '../../specs');
export const SSO_PATH = '/as/token.oauth2';

/** Each API family is validated against its own OpenAPI document. */
const VALIDATORS: Array<[string, RequestValidator]> = [
	['/private-cloud-business/', openApiValidator(path.join(SPECS, 'pcbe-openapi.json'))],
	['/virtualization/', openApiValidator(path.join(SPECS, 'greenlake-virtualization-openapi.json'))],
	['/data-services/', openApiValidator(path.join(SPECS, 'greenlake-data-services-openapi.json'))],
];

export interface GreenLakeSimulator {
	url: string;
	tokenUrl: string;
	clientId: string;
	clientSecret: string;
	/** A second API client of the same account: its tokens do not invalidate the first client's. */
	otherClient: { clientId: string; clientSecret: string };
	context: GreenLakeContext;
	/** Requests that did not match the three OpenAPI documents. */
	violations(): string[];
	requests(): RecordedRequest[];
	requestsTo(method: string, path: RegExp): RecordedRequest[];
	addFault(fault: Fault): void;
	clearFaults(): void;
	/** Makes the next operations whose display name matches end FAILED, CANCELLED or TIMEDOUT. */
	forceOutcome(match: RegExp, outcome: ForcedOutcome, times?: number): void;
	/** Makes the operations whose display name matches run `durationMs` (until `clearOperationRules`). */
	setOperationDuration(match: RegExp, durationMs: number): void;
	/** Forgets forced outcomes and durations. */
	clearOperationRules(): void;
	/** Cancels every running operation whose display name matches; returns how many. */
	cancelRunning(match: RegExp): number;
	expireTokens(): void;
	close(): Promise<void>;
}

/**
 * A simulator of the HPE GreenLake APIs behind Private Cloud Business Edition: the SSO token
 * endpoint, `private-cloud-business`, `virtualization` and `data-services` (async operations),
 * each request validated against its OpenAPI document; writes answer 202 + Location.
 */
export async function startGreenLakeSimulator(options: GreenLakeOptions = {}): Promise<GreenLakeSimulator> {
	const { clientId, clientSecret, otherClient, registered } = simulatorClients('greenlake-simulator', [
		'0d7a4f3e-5b61-4c1e-9a0f-3b2c1d0e9f8a',
		'5e8b2c71-9d4f-4a06-b3e2-7f1a0c9d6b54',
	]);
	// eslint-disable-next-line prefer-const -- assigned after the server that calls back into it
	let context!: GreenLakeContext;
	const sim = new SimServer({
		name: 'greenlake',
		errorBody,
		validate: async (request) => {
			const validator = VALIDATORS.find(([prefix]) => request.path.startsWith(prefix))?.[1];
			return validator ? await validator(request) : ['no GreenLake API serves this path'];
		},
		validates: (requestPath) => requestPath !== SSO_PATH,
		onRequest: () => context.operations.advance(),
		authenticate: (request) => context.issuer.authenticate(request, errorBody),
	});
	context = new GreenLakeContext(
		sim,
		{
			systems: options.systems ?? 3,
			virtualMachines: options.virtualMachines ?? 45,
			operationDurationMs: options.operationDurationMs ?? 2000,
			tokenTtlSeconds: options.tokenTtlSeconds ?? 7199,
		},
		registered,
	);
	sim.route('POST', SSO_PATH, (request) => context.issuer.handleTokenRequest(request), { isPublic: true });
	seedVirtualization(context);
	seedPcbe(context);
	registerPcbe(context);
	registerVirtualization(context);
	const operations = context.collection('asyncOperations');
	sim.route('GET', ASYNC_OPERATIONS_PATH, (request) => context.list(request, operations.values(), { defaultLimit: 100, maxLimit: 1000 }));
	sim.route('GET', `${ASYNC_OPERATIONS_PATH}/{id}`, (request) => context.one(request, operations.get(request.params.id), 'Async operation', request.params.id));

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
		requestsTo: (method, requestPath) => sim.requestsTo(method, requestPath),
		addFault: (fault) => sim.addFault(fault),
		clearFaults: () => sim.clearFaults(),
		forceOutcome: (match, outcome, times) => context.operations.force(match, outcome, times),
		setOperationDuration: (match, durationMs) => context.operations.setDuration(match, durationMs),
		clearOperationRules: () => context.operations.clearForced(),
		cancelRunning: (match) =>
			[...operations.values()]
				.filter((operation: Item) => ['INITIALIZED', 'RUNNING'].includes(String(operation.state)) && match.test(String(operation.displayName)))
				.filter((operation) => context.operations.cancel(String(operation.id))).length,
		expireTokens: () => context.issuer.expireAll(),
		close: () => sim.close(),
	};
}
