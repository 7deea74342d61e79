import { randomUUID } from 'node:crypto';

import { rememberSecret } from '../framework/secrets';
import type { Fault, RecordedRequest, SimRequest, SimResponse } from '../framework/server';
import { SimServer } from '../framework/server';
import type { Row } from './where';
import { compareRows, compileWhere, parseLimit, WhereSyntaxError } from './where';

export const DCI_EMAIL = 'admin@example.com';
export const DCI_PASSWORD = 'dci-simulator-password';
export const DCI_PREFIX = '/api';

/** DCImanager error body: `{error: {code, msg, value}}`. */
export function dciError(code: number, msg: string, value?: unknown): { error: Record<string, unknown> } {
	return { error: value === undefined ? { code, msg } : { code, msg, value } };
}

const UNAUTHORIZED = 3001;
/**
 * What DCImanager answers for a method and path it does not have (issue 13: "error 3002 Unknown API
 * function"), in the documented error envelope; the HTTP status is not documented: 404 here.
 */
const UNKNOWN_FUNCTION = 3002;
/** Codes for the simulator's own refusals; DCImanager documents only 3001. */
const NOT_FOUND = 2000;
const INVALID = 1000;

export interface DciOptions {
	port?: number;
	/** Servers per rack; two racks per location, three locations. */
	serversPerRack?: number;
	/** How long an operation runs. */
	operationDurationMs?: number;
	/** A session unused this long is deleted (the platform's default is 60 minutes). */
	sessionTtlMs?: number;
	/** HTTP status of the "Unauthorized" (3001) answer: the platform's is not documented. */
	unauthorizedStatus?: number;
	/**
	 * Endpoints this platform does not have, as `METHOD /path` below the prefix with `{id}`
	 * placeholders (e.g. `GET /dci/v3/switch/{id}`): a platform whose path differs from the node's.
	 */
	lacking?: string[];
}

export interface DciOperation extends Row {
	id: number;
	name: string;
	server_id: number;
	status: 'running' | 'complete' | 'failed';
	status_info: Record<string, unknown>;
	progress_info: Array<Record<string, unknown>>;
	started_at: string;
	finished_at: string | null;
}

interface Session {
	token: string;
	userId: number;
	lastUsed: number;
	/** Long-lived API tokens end on a date instead of after inactivity. */
	expiresAt?: number;
}

export class DciState {
	readonly locations: Row[] = [];
	readonly racks: Row[] = [];
	readonly servers: Row[] = [];
	readonly users: Row[] = [];
	readonly switches: Row[] = [];
	readonly ports: Row[] = [];
	readonly networks: Row[] = [];
	readonly ips: Row[] = [];
	readonly osTemplates: Row[] = [];
	readonly operations: DciOperation[] = [];
	readonly sessions = new Map<string, Session>();
	/** Servers whose next operation fails, with the reason. */
	readonly failNext = new Map<number, string>();
	private nextId = 1000;

	constructor(readonly options: Required<Omit<DciOptions, 'port' | 'lacking'>>) {
		this.seed();
	}

	id(): number {
		return this.nextId++;
	}

	private seed(): void {
		this.users.push(
			{ id: 1, email: DCI_EMAIL, full_name: 'Platform Admin', phone_number: null, roles: ['@admin'], server_count: 0, vlans_per_user: 5, password: DCI_PASSWORD },
			{ id: 2, email: 'alice@example.com', full_name: 'Alice Customer', phone_number: '+31 20 555 0101', roles: ['@user'], server_count: 0, vlans_per_user: 5, password: 'alice-pass' },
			{ id: 3, email: "o'brien@example.com", full_name: "Pat O'Brien", phone_number: null, roles: ['@user'], server_count: 0, vlans_per_user: 5, password: 'pat-pass' },
		);
		this.osTemplates.push(
			{ id: 7, name: 'Ubuntu 22.04', state: 'active', tags: ['linux'] },
			{ id: 8, name: 'AlmaLinux 9', state: 'active', tags: ['linux'] },
			{ id: 9, name: 'Windows Server 2022', state: 'active', tags: ['windows'] },
		);
		const locationNames = ['Amsterdam AMS1', 'Frankfurt FRA2', "Lab (test) 100% 'old'"];
		locationNames.forEach((name, index) => this.locations.push({ id: index + 1, name, server_count: 0 }));
		let serverId = 1;
		for (const location of this.locations) {
			const locationId = location.id as number;
			const network = { id: locationId, name: `10.${locationId}.0.0/24`, gateway: `10.${locationId}.0.1`, note: String(location.name), location_id: locationId };
			this.networks.push(network);
			const sw = { id: locationId, name: `core-sw-${locationId}`, ip: `10.${locationId}.255.1`, location_id: locationId, port_count: 0 };
			this.switches.push(sw);
			for (let rackIndex = 1; rackIndex <= 2; rackIndex++) {
				const rack = { id: locationId * 10 + rackIndex, name: `R${locationId}-${rackIndex}`, location_id: locationId, device_count: 0, size: 42 };
				this.racks.push(rack);
				for (let unit = 1; unit <= this.options.serversPerRack; unit++) {
					const id = serverId++;
					const owned = id % 3 === 0;
					const owner = owned ? this.users[1] : null;
					const ip = { id: 5000 + id, name: `10.${locationId}.0.${10 + (id % 200)}`, ipnet: locationId, status: owned ? 'assigned' : 'free', domain: owned ? `srv${id}.example.com` : null, server_id: id };
					this.ips.push(ip);
					const port = { id: 9000 + id, switch_id: sw.id, description: `GigabitEthernet1/0/${id}`, admin_status: 'up', oper_status: id % 5 === 0 ? 'down' : 'up', server: { id, name: `srv-${String(id).padStart(3, '0')}` } };
					this.ports.push(port);
					this.servers.push({
						id,
						name: `srv-${String(id).padStart(3, '0')}`,
						domain: owned ? `srv${id}.example.com` : null,
						comment: '',
						configuration: unit % 2 === 0 ? 'i9-9900K-64Gb-2x1024NVMe' : 'E-2236-32Gb-2x480SSD',
						state: 'active',
						state_info: '',
						power_status: 'on',
						is_new: false,
						owner_email: owner ? owner.email : null,
						owner: owner ? { id: owner.id, email: owner.email } : null,
						location_id: locationId,
						location: { id: locationId, name: location.name },
						rack_id: rack.id,
						rack: { id: rack.id, name: rack.name },
						unit,
						os_template: owned ? { id: 7, name: 'Ubuntu 22.04', tags: ['linux'] } : null,
						operation: null,
						settings: { efi: true },
						ip: [{ id: ip.id, family: 'ipv4', gateway: network.gateway, network: network.name, status: ip.status, name: ip.name }],
						switch_connection: [{ id: port.id, switch: sw.id, switch_name: sw.name, description: port.description, admin_status: 'up', oper_status: port.oper_status, is_ipmi_connection: false }],
						pdu_connection: { pdu_id: locationId, port_id: unit, pdu_name: `pdu-${locationId}` },
					});
					rack.device_count++;
					(location.server_count as number)++;
					sw.port_count++;
				}
			}
		}
		for (const user of this.users) user.server_count = this.servers.filter((s) => s.owner_email === user.email).length;
	}

	/** Finishes operations whose time has come: complete, or failed when the server was told to fail. */
	advance(now = Date.now()): void {
		for (const operation of this.operations) {
			if (operation.status !== 'running') continue;
			const started = Date.parse(operation.started_at);
			const elapsed = now - started;
			const duration = this.options.operationDurationMs;
			operation.progress_info = [{ step: operation.name, percent: Math.min(100, Math.round((elapsed / duration) * 100)) }];
			if (elapsed < duration) continue;
			const server = this.servers.find((s) => s.id === operation.server_id);
			const failure = this.failNext.get(operation.server_id);
			operation.finished_at = new Date(now).toISOString();
			if (failure !== undefined) {
				this.failNext.delete(operation.server_id);
				operation.status = 'failed';
				operation.status_info = { msg: failure };
				if (server) server.state = 'error';
			} else {
				operation.status = 'complete';
				if (server) this.applyOutcome(server, operation);
			}
			if (server) server.operation = this.embedded(operation);
		}
	}

	private applyOutcome(server: Row, operation: DciOperation): void {
		switch (operation.name) {
			case 'power_on':
			case 'power_reset':
				server.power_status = 'on';
				server.state = 'active';
				break;
			case 'power_off':
				server.power_status = 'off';
				server.state = 'off';
				break;
			case 'os_install':
				server.os_template = this.osTemplates.find((t) => t.id === operation.os_template_id) ?? null;
				server.power_status = 'on';
				server.state = 'active';
				break;
			default:
				server.state = 'active';
		}
	}

	embedded(operation: DciOperation): Row {
		const { id, name, status, status_info, progress_info } = operation;
		return { id, name, status, status_info, progress_info };
	}

	startOperation(server: Row, name: string, extra: Row = {}): DciOperation {
		const operation: DciOperation = {
			id: this.id(),
			name,
			server_id: server.id as number,
			status: 'running',
			status_info: {},
			progress_info: [{ step: name, percent: 0 }],
			started_at: new Date().toISOString(),
			finished_at: null,
			...extra,
		};
		this.operations.push(operation);
		server.operation = this.embedded(operation);
		server.state = name === 'os_install' ? 'installing' : 'power_changing';
		return operation;
	}
}

export interface DciSimulator {
	url: string;
	/** Base URL plus API prefix. */
	apiUrl: string;
	email: string;
	password: string;
	state: DciState;
	requests(): RecordedRequest[];
	requestsTo(method: string, path: RegExp): RecordedRequest[];
	violations(): string[];
	addFault(fault: Fault): void;
	clearFaults(): void;
	/** Deletes every session, as an hour without use would. */
	expireSessions(): void;
	/** A long-lived token, as POST /auth/v4/token makes. */
	createApiToken(expiresAt?: number): string;
	close(): Promise<void>;
}

function listResponse(request: SimRequest, rows: Row[]): SimResponse {
	try {
		const predicate = compileWhere(request.query.where ?? '');
		let matched = rows.filter(predicate);
		if (request.query.orderby) matched = [...matched].sort(compareRows(request.query.orderby));
		const limit = parseLimit(request.query.limit);
		const page = limit ? matched.slice(limit.offset, limit.offset + limit.count) : matched;
		return { status: 200, body: { list: page.map(publicView), size: matched.length } };
	} catch (error) {
		const message = error instanceof WhereSyntaxError ? error.message : `Simulator bug: ${String(error)}`;
		return { status: error instanceof WhereSyntaxError ? 400 : 500, body: dciError(INVALID, 'Invalid query', message) };
	}
}

/** Never sends stored passwords back. */
function publicView(row: Row): Row {
	if (!('password' in row)) return row;
	const rest = { ...row };
	delete rest.password;
	return rest;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
	for (const part of (header ?? '').split(';')) {
		const [key, ...value] = part.trim().split('=');
		if (key === name) return value.join('=');
	}
	return undefined;
}

/**
 * A simulator of ISPsystem DCImanager 6 under `/api`: login at `/auth/v4/public/token`, sessions that
 * expire when unused, every call needing `x-xsrf-token`, the `ses6` cookie and `isp-box-instance: true`,
 * `{list, size}` lists with `where` / `orderby` / `limit`, servers whose operations run and may fail.
 */
export async function startDciSimulator(options: DciOptions = {}): Promise<DciSimulator> {
	const state = new DciState({
		serversPerRack: options.serversPerRack ?? 8,
		operationDurationMs: options.operationDurationMs ?? 1500,
		sessionTtlMs: options.sessionTtlMs ?? 60 * 60 * 1000,
		unauthorizedStatus: options.unauthorizedStatus ?? 401,
	});
	const unauthorized = (): SimResponse => ({ status: state.options.unauthorizedStatus, body: dciError(UNAUTHORIZED, 'Unauthorized') });
	const sim = new SimServer({
		name: 'dcimanager',
		errorBody: (status, message, code) =>
			code === 'NOT_FOUND' || code === 'METHOD_NOT_ALLOWED'
				? dciError(UNKNOWN_FUNCTION, 'Unknown API function')
				: dciError(status === 404 ? NOT_FOUND : INVALID, message),
		onRequest: () => state.advance(),
		authenticate: (request) => {
			const token = request.headers['x-xsrf-token'];
			const cookie = cookieValue(request.headers.cookie, 'ses6');
			if (request.headers['isp-box-instance'] !== 'true' || typeof token !== 'string' || cookie !== token) return unauthorized();
			const session = state.sessions.get(token);
			const now = Date.now();
			if (!session || (session.expiresAt !== undefined ? now > session.expiresAt : now - session.lastUsed > state.options.sessionTtlMs)) {
				state.sessions.delete(token);
				return unauthorized();
			}
			session.lastUsed = now;
			return undefined;
		},
	});
	const lacking = new Set(options.lacking ?? []);
	const p = (path: string) => `${DCI_PREFIX}${path}`;
	/** Serves `path` (below the prefix) unless this platform is told to lack it. */
	const route = (method: string, path: string, handler: Parameters<SimServer['route']>[2], routeOptions?: { isPublic?: boolean }) => {
		if (!lacking.has(`${method} ${path}`)) sim.route(method, p(path), handler, routeOptions);
	};
	const newSession = (userId: number, expiresAt?: number): string => {
		const token = rememberSecret(`${userId}-${randomUUID()}`);
		state.sessions.set(token, { token, userId, lastUsed: Date.now(), expiresAt });
		return token;
	};

	route(
		'POST',
		'/auth/v4/public/token',
		(request) => {
			const body = (request.body ?? {}) as Row;
			const user = state.users.find((u) => u.email === body.email && u.password === body.password);
			if (!user) return { status: 401, body: dciError(UNAUTHORIZED, 'Invalid email or password') };
			rememberSecret(String(user.password));
			return { status: 201, body: { confirmed: true, id: String(user.id), token: newSession(user.id as number) } };
		},
		{ isPublic: true },
	);
	route('POST', '/auth/v4/token', (request) => {
		const body = (request.body ?? {}) as Row;
		const expiresAt = typeof body.expires_at === 'string' ? Date.parse(body.expires_at.replace(' ', 'T') + 'Z') : undefined;
		const session = state.sessions.get(String(request.headers['x-xsrf-token']))!;
		return { status: 201, body: { confirmed: true, id: String(session.userId), token: newSession(session.userId, expiresAt) } };
	});

	const notFound = (what: string, id: string): SimResponse => ({ status: 404, body: dciError(NOT_FOUND, `${what} not found`, { id }) });
	const byId = (rows: Row[], id: string) => rows.find((row) => String(row.id) === id);
	const collection = (path: string, rows: () => Row[], what: string) => {
		route('GET', path, (request) => listResponse(request, rows()));
		route('GET', `${path}/{id}`, (request) => {
			const row = byId(rows(), request.params.id);
			return row ? { status: 200, body: publicView(row) } : notFound(what, request.params.id);
		});
	};
	// ISPsystem's "Number of free servers and their configuration"; before /server/{id}, which would take it for an ID.
	// Free as the node's README has it: no owner.
	route('GET', '/dci/v3/server/configuration', () => {
		const free = new Map<string, number>();
		for (const server of state.servers) {
			const configuration = String(server.configuration);
			free.set(configuration, (free.get(configuration) ?? 0) + (server.owner_email === null ? 1 : 0));
		}
		return { status: 200, body: { list: [...free].map(([configuration, count]) => ({ configuration, free_server_count: count })) } };
	});
	collection('/dci/v3/server', () => state.servers, 'Server');
	collection('/dci/v3/user', () => state.users, 'User');
	collection('/dci/v3/location', () => state.locations, 'Location');
	collection('/dci/v3/rack', () => state.racks, 'Rack');
	collection('/dci/v3/switch', () => state.switches, 'Switch');
	collection('/dci/v3/os_template', () => state.osTemplates, 'OS template');
	collection('/dci/v3/operation', () => state.operations, 'Operation');
	collection('/ip/v3/ip', () => state.ips, 'IP address');
	collection('/ip/v3/ipnet', () => state.networks, 'Network');
	route('GET', '/dci/v3/switch/{id}/port', (request) => {
		if (!byId(state.switches, request.params.id)) return notFound('Switch', request.params.id);
		return listResponse(request, state.ports.filter((port) => String(port.switch_id) === request.params.id));
	});

	const withServer = (handler: (server: Row, request: SimRequest) => SimResponse) => (request: SimRequest) => {
		const server = byId(state.servers, request.params.id);
		return server ? handler(server, request) : notFound('Server', request.params.id);
	};
	const busy = (server: Row): SimResponse | undefined =>
		(server.operation as Row | null)?.status === 'running'
			? { status: 400, body: dciError(INVALID, 'The server has an operation in progress', { operation: (server.operation as Row).id }) }
			: undefined;
	const EDITABLE = new Set(['name', 'domain', 'comment', 'location_id', 'barcode']);
	route(
		'POST',
		'/dci/v3/server/{id}',
		withServer((server, request) => {
			const body = (request.body ?? {}) as Row;
			const unknown = Object.keys(body).filter((key) => !EDITABLE.has(key));
			if (unknown.length > 0) return { status: 400, body: dciError(INVALID, 'Unknown fields', { fields: unknown }) };
			if (body.location_id !== undefined) {
				const location = byId(state.locations, String(body.location_id));
				if (!location) return notFound('Location', String(body.location_id));
				server.location = { id: location.id, name: location.name };
			}
			Object.assign(server, body);
			return { status: 200, body: { id: server.id } };
		}),
	);
	route(
		'DELETE',
		'/dci/v3/server/{id}',
		withServer((server) => {
			const refusal = busy(server);
			if (refusal) return refusal;
			state.servers.splice(state.servers.indexOf(server), 1);
			return { status: 200, body: {} };
		}),
	);
	const action = (path: string, name: string, prepare?: (server: Row, body: Row) => SimResponse | Row) =>
		route(
			'POST',
			`/dci/v3/server/{id}/${path}`,
			withServer((server, request) => {
				const refusal = busy(server);
				if (refusal) return refusal;
				const body = (request.body ?? {}) as Row;
				const extra = prepare?.(server, body) ?? {};
				if ('status' in extra && 'body' in extra) return extra as SimResponse;
				const operation = state.startOperation(server, name, extra as Row);
				return { status: 200, body: { id: server.id, operation: operation.id } };
			}),
		);
	// When each power command may run is ISPsystem's (server-power-supply-management-logic); the
	// refusal's wording is the simulator's own, as the platform's is not published.
	action('power_on', 'power_on', (server) =>
		server.power_status === 'on'
			? { status: 400, body: dciError(INVALID, 'power_on can be executed only if the server is powered off or its power status is unknown', { power_status: server.power_status }) }
			: {},
	);
	action('power_off', 'power_off', (server) =>
		server.power_status !== 'on'
			? { status: 400, body: dciError(INVALID, 'power_off can be executed only if the server is powered on', { power_status: server.power_status }) }
			: {},
	);
	action('power_reset', 'power_reset');
	action('reinstall', 'os_install', (_server, body) => {
		const template = byId(state.osTemplates, String(body.os));
		if (!template) return { status: 400, body: dciError(INVALID, 'OS template not found', { os: body.os }) };
		return { os_template_id: template.id };
	});
	route(
		'POST',
		'/dci/v3/server/{id}/owner',
		withServer((server, request) => {
			const user = byId(state.users, String((request.body as Row | undefined)?.owner));
			if (!user) return { status: 400, body: dciError(INVALID, 'User not found', { owner: (request.body as Row | undefined)?.owner }) };
			server.owner = { id: user.id, email: user.email };
			server.owner_email = user.email;
			return { status: 200, body: { id: server.id } };
		}),
	);
	route(
		'DELETE',
		'/dci/v3/server/{id}/owner',
		withServer((server) => {
			server.owner = null;
			server.owner_email = null;
			return { status: 200, body: { id: server.id } };
		}),
	);

	const USER_FIELDS = new Set(['email', 'password', 'full_name', 'phone_number', 'role']);
	const userFields = (body: Row): SimResponse | Row => {
		const unknown = Object.keys(body).filter((key) => !USER_FIELDS.has(key));
		if (unknown.length > 0) return { status: 400, body: dciError(INVALID, 'Unknown fields', { fields: unknown }) };
		const { role, ...rest } = body;
		return role === undefined ? rest : { ...rest, roles: [role] };
	};
	route('POST', '/dci/v3/user', (request) => {
		const body = (request.body ?? {}) as Row;
		if (typeof body.email !== 'string' || typeof body.password !== 'string') return { status: 400, body: dciError(INVALID, 'email and password are required') };
		if (state.users.some((u) => u.email === body.email)) return { status: 400, body: dciError(INVALID, 'A user with this email already exists', { email: body.email }) };
		const fields = userFields(body);
		if ('body' in fields && 'status' in fields) return fields as SimResponse;
		const user = { id: state.id(), full_name: null, phone_number: null, roles: ['@user'], server_count: 0, vlans_per_user: 5, ...fields };
		state.users.push(user);
		return { status: 201, body: { id: user.id } };
	});
	route('POST', '/dci/v3/user/{id}', (request) => {
		const user = byId(state.users, request.params.id);
		if (!user) return notFound('User', request.params.id);
		const fields = userFields((request.body ?? {}) as Row);
		if ('body' in fields && 'status' in fields) return fields as SimResponse;
		Object.assign(user, fields);
		return { status: 200, body: { id: user.id } };
	});
	route('DELETE', '/dci/v3/user/{id}', (request) => {
		const user = byId(state.users, request.params.id);
		if (!user) return notFound('User', request.params.id);
		// ISPsystem (dcimanager-admin/users/accounts): "User can only be deleted if it is not a server owner".
		const owned = state.servers.filter((s) => s.owner_email === user.email).length;
		if (owned > 0) return { status: 400, body: dciError(INVALID, 'A user who owns servers cannot be deleted', { server_count: owned }) };
		state.users.splice(state.users.indexOf(user), 1);
		return { status: 200, body: {} };
	});

	const url = await sim.listen(options.port ?? 0);
	return {
		url,
		apiUrl: `${url}${DCI_PREFIX}`,
		email: DCI_EMAIL,
		password: DCI_PASSWORD,
		state,
		requests: () => [...sim.requests],
		requestsTo: (method, path) => sim.requestsTo(method, path),
		violations: () => [...sim.violations],
		addFault: (fault) => sim.addFault(fault),
		clearFaults: () => sim.clearFaults(),
		expireSessions: () => state.sessions.clear(),
		createApiToken: (expiresAt) => newSession(1, expiresAt ?? Date.now() + 365 * 24 * 3600 * 1000),
		close: () => sim.close(),
	};
}
