import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';

import type { Certificate } from './tls';

export interface SimRequest {
	method: string;
	path: string;
	/** The path as sent, still percent-encoded: where one segment ends. */
	rawPath?: string;
	query: Record<string, string>;
	/** The query string as sent (without `?`): for parameters given several times. */
	rawQuery?: string;
	headers: http.IncomingHttpHeaders;
	rawBody: string;
	/** JSON or form body, parsed; the raw text for other content types. */
	body: unknown;
	/** Values of the `{name}` placeholders of the matched route. */
	params: Record<string, string>;
}

export interface SimResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export type Handler = (request: SimRequest) => SimResponse | Promise<SimResponse>;

/** A fault switch: makes matching requests fail the way a real service sometimes does. */
export interface Fault {
	method?: string;
	/** Matched against the request path. */
	path?: RegExp;
	/** Let this many matching requests through before the fault starts. */
	skip?: number;
	/** How many matching requests fail; unlimited when absent. */
	times?: number;
	/** Answer with this instead of the real response. */
	respond?: SimResponse;
	/** Delay the (real or faulty) response. */
	delayMs?: number;
	/** Drop the connection without answering. */
	resetConnection?: boolean;
	/** Accept the request and never answer (until the client gives up or the server closes). */
	hang?: boolean;
	/** Send the headers and the first bytes of the answer, then drop the connection. */
	cutBody?: boolean;
	/** Send the headers, then the answer a few bytes every this many milliseconds. */
	trickleMs?: number;
	/** Run before the real handler: e.g. change data between two pages of a listing. */
	sideEffect?: () => void;
}

export interface RecordedRequest {
	method: string;
	path: string;
	/** The path as sent, still percent-encoded, and the query string as sent (without `?`). */
	rawPath?: string;
	rawQuery?: string;
	rawBody?: string;
	query: Record<string, string>;
	status: number;
	headers: http.IncomingHttpHeaders;
	body: unknown;
}

/** Checks a request against the vendor's published API description; returns the problems found. */
export type RequestValidator = (request: SimRequest) => Promise<string[]> | string[];

interface Route {
	method: string;
	pattern: RegExp;
	names: string[];
	handler: Handler;
	isPublic: boolean;
}

export interface SimServerOptions {
	name: string;
	/** Rejects requests a real service would refuse for lack of authentication. */
	authenticate?: (request: SimRequest) => SimResponse | undefined;
	/** Validates every API request against the vendor spec; failures are recorded and answered 400. */
	validate?: RequestValidator;
	/** Which requests the validator applies to (the token endpoint is not in API specs). */
	validates?: (path: string) => boolean;
	/** The vendor's error body for a given status and message. */
	errorBody: (status: number, message: string, code: string) => unknown;
	/** Called on every request before routing, e.g. to advance asynchronous tasks. */
	onRequest?: () => void;
}

/**
 * A small HTTP server for vendor simulators: routing with path templates, vendor auth, request
 * validation against the vendor's OpenAPI document, a request log and fault switches.
 */
export class SimServer {
	/**
	 * When set, every simulator started from now on serves HTTPS with this certificate (the TLS
	 * checks: an appliance with a self-signed certificate), without changing the simulators.
	 */
	static tls: Certificate | undefined;

	private readonly routes: Route[] = [];
	private readonly faults: Array<Fault & { seen: number; fired: number }> = [];
	private server?: http.Server;
	readonly requests: RecordedRequest[] = [];
	readonly violations: string[] = [];
	url = '';

	constructor(readonly options: SimServerOptions) {}

	route(method: string, template: string, handler: Handler, { isPublic = false } = {}): void {
		const names: string[] = [];
		const pattern = new RegExp(
			'^' +
				template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
					names.push(name);
					return '([^/]+)';
				}) +
				'/?$',
		);
		this.routes.push({ method: method.toUpperCase(), pattern, names, handler, isPublic });
	}

	addFault(fault: Fault): void {
		this.faults.push({ ...fault, seen: 0, fired: 0 });
	}

	clearFaults(): void {
		this.faults.length = 0;
	}

	requestsTo(method: string, path: RegExp): RecordedRequest[] {
		return this.requests.filter((r) => r.method === method && path.test(r.path));
	}

	async listen(port = 0, host = '127.0.0.1'): Promise<string> {
		const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
			this.handle(req, res).catch((error: Error) => {
				res.writeHead(500, { 'content-type': 'application/json' });
				res.end(JSON.stringify(this.options.errorBody(500, `Simulator bug: ${error.message}`, 'INTERNAL_ERROR')));
			});
		};
		const tls = SimServer.tls;
		this.server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, listener) : http.createServer(listener);
		await new Promise<void>((resolve, reject) => {
			this.server!.once('error', reject);
			this.server!.listen(port, host, () => resolve());
		});
		const address = this.server.address() as AddressInfo;
		this.url = `${tls ? 'https' : 'http'}://${host}:${address.port}`;
		return this.url;
	}

	async close(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const rawBody = await readBody(req);
		const url = new URL(req.url ?? '/', 'http://sim');
		const request: SimRequest = {
			method: (req.method ?? 'GET').toUpperCase(),
			path: decodeURIComponent(url.pathname),
			rawPath: url.pathname,
			query: Object.fromEntries(url.searchParams.entries()),
			rawQuery: url.search.slice(1),
			headers: req.headers,
			rawBody,
			body: parseBody(rawBody, req.headers['content-type']),
			params: {},
		};
		this.options.onRequest?.();

		const fault = this.matchFault(request);
		if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
		if (fault?.resetConnection || fault?.hang) {
			this.record(request, 0);
			if (fault.resetConnection) req.socket.destroy();
			return;
		}
		fault?.sideEffect?.();
		const response = fault?.respond ?? (await this.dispatch(request));
		this.record(request, response.status);
		const isText = typeof response.body === 'string' || Buffer.isBuffer(response.body);
		res.writeHead(response.status, {
			'content-type': isText ? 'text/plain' : 'application/json',
			...response.headers,
		});
		if (Buffer.isBuffer(response.body)) {
			// Raw bytes, e.g. a body that is not valid UTF-8.
			res.end(response.body);
			return;
		}
		const text = response.body === undefined ? '' : isText ? (response.body as string) : JSON.stringify(response.body);
		if (fault?.cutBody) {
			res.flushHeaders();
			res.write(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
			setTimeout(() => req.socket.destroy(), 20);
			return;
		}
		if (fault?.trickleMs) {
			res.flushHeaders();
			await trickle(res, text, fault.trickleMs);
			return;
		}
		res.end(text);
	}

	private async dispatch(request: SimRequest): Promise<SimResponse> {
		const { errorBody } = this.options;
		const candidates = this.routes.filter((route) => route.pattern.test(request.path));
		const route = candidates.find((candidate) => candidate.method === request.method);
		if (!route) {
			const status = candidates.length > 0 ? 405 : 404;
			if (this.options.validates?.(request.path) ?? true) {
				this.violations.push(`${request.method} ${request.path}: no such operation in the simulator`);
			}
			return { status, body: errorBody(status, `No route for ${request.method} ${request.path}`, status === 405 ? 'METHOD_NOT_ALLOWED' : 'NOT_FOUND') };
		}
		const match = route.pattern.exec(request.path)!;
		route.names.forEach((name, index) => (request.params[name] = match[index + 1]));
		if (!route.isPublic) {
			const denied = this.options.authenticate?.(request);
			if (denied) return denied;
		}
		if (this.options.validate && (this.options.validates?.(request.path) ?? true)) {
			const problems = await this.options.validate(request);
			if (problems.length > 0) {
				this.violations.push(...problems.map((problem) => `${request.method} ${request.path}: ${problem}`));
				return { status: 400, body: errorBody(400, `Request does not match the API: ${problems.join('; ')}`, 'BAD_REQUEST') };
			}
		}
		return await route.handler(request);
	}

	private matchFault(request: SimRequest): Fault | undefined {
		for (const fault of this.faults) {
			if (fault.method && fault.method.toUpperCase() !== request.method) continue;
			if (fault.path && !fault.path.test(request.path)) continue;
			fault.seen++;
			if (fault.skip && fault.seen <= fault.skip) continue;
			if (fault.times !== undefined && fault.fired >= fault.times) continue;
			fault.fired++;
			return fault;
		}
		return undefined;
	}

	private record(request: SimRequest, status: number): void {
		this.requests.push({
			method: request.method,
			path: request.path,
			rawPath: request.rawPath,
			rawQuery: request.rawQuery,
			rawBody: request.rawBody,
			query: request.query,
			status,
			headers: request.headers,
			body: request.body,
		});
	}
}

/** Writes `text` a few bytes at a time until it is sent or the client has gone. */
async function trickle(res: http.ServerResponse, text: string, intervalMs: number): Promise<void> {
	for (let index = 0; index < text.length && !res.destroyed; index += 4) {
		res.write(text.slice(index, index + 4));
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
	if (!res.destroyed) res.end();
}

async function readBody(req: http.IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string, contentType: string | undefined): unknown {
	if (raw === '') return undefined;
	if (contentType?.includes('json')) {
		try {
			return JSON.parse(raw);
		} catch {
			return raw;
		}
	}
	if (contentType?.includes('x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw).entries());
	return raw;
}
