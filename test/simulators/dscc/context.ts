import { ClientCredentialsIssuer } from '../framework/oauth';
import { QueryError, parseFilter, selectFields, sortItems } from '../framework/odata';
import type { SimRequest, SimResponse, SimServer } from '../framework/server';
import { TaskEngine } from './tasks';

export type Record = { [key: string]: unknown };

/** Deterministic pseudo-random numbers, so seeded data is the same on every run. */
export class Random {
	constructor(private seed: number) {}
	next(): number {
		this.seed = (this.seed * 1664525 + 1013904223) % 4294967296;
		return this.seed / 4294967296;
	}
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}
	pick<T>(values: readonly T[]): T {
		return values[Math.floor(this.next() * values.length)];
	}
	hex(length: number): string {
		let text = '';
		while (text.length < length) text += Math.floor(this.next() * 16).toString(16);
		return text;
	}
	uuid(): string {
		const h = this.hex(32);
		return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
	}
}

export const CUSTOMER_ID = 'd26baf268ea611ec9cfe02c0345c243c';
export const MAX_PAGE_SIZE = 1000;

export interface DsccOptions {
	port?: number;
	/** Volumes seeded across the storage systems. */
	volumes?: number;
	/** How long an asynchronous task runs before it finishes. */
	taskDurationMs?: number;
	tokenTtlSeconds?: number;
}

/** Timestamps as DSCC writes them: second precision, UTC. */
export function timestamp(date = new Date()): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Everything a route module of the DSCC simulator works with. */
export class DsccContext {
	readonly random = new Random(20261123);
	readonly collections = new Map<string, Map<string, Record>>();
	readonly tasks: TaskEngine;
	readonly issuer: ClientCredentialsIssuer;

	constructor(
		readonly sim: SimServer,
		readonly options: Required<Omit<DsccOptions, 'port'>>,
		clients: { [clientId: string]: string },
	) {
		this.tasks = new TaskEngine(this);
		this.issuer = new ClientCredentialsIssuer(clients, options.tokenTtlSeconds);
	}

	/** A named collection of records by ID, e.g. `collection('volumes')`. */
	collection(name: string): Map<string, Record> {
		let collection = this.collections.get(name);
		if (!collection) {
			collection = new Map();
			this.collections.set(name, collection);
		}
		return collection;
	}

	add(name: string, record: Record): Record {
		this.collection(name).set(String(record.id), record);
		return record;
	}

	error(status: number, message: string, errorCode: string): SimResponse {
		return { status, body: errorBody(status, message, errorCode) };
	}

	notFound(kind: string, id: string): SimResponse {
		return this.error(404, `${kind} ${id} not found`, 'NOT_FOUND');
	}

	ok(body: unknown): SimResponse {
		return { status: 200, body };
	}

	/** Answers a GET of one record, applying `select`. */
	one(request: SimRequest, record: Record | undefined, kind: string, id: string): SimResponse {
		if (!record) return this.notFound(kind, id);
		return this.ok(selectFields(record, request.query.select));
	}

	/** Answers a listing with DSCC's envelope, applying filter, sort, select, offset and limit. */
	list(request: SimRequest, records: Iterable<Record>, options: { defaultLimit?: number } = {}): SimResponse {
		try {
			const { filter, sort, select } = request.query;
			const offset = Number(request.query.offset ?? 0);
			const limit = Math.min(Number(request.query.limit ?? options.defaultLimit ?? MAX_PAGE_SIZE), MAX_PAGE_SIZE);
			if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 0) {
				return this.error(400, 'offset and limit must be non-negative integers', 'INVALID_PARAMETER');
			}
			const matching = sortItems([...records].filter(parseFilter(filter)), sort);
			const page = matching.slice(offset, offset + limit).map((record) => selectFields(record, select));
			const query = new URLSearchParams(request.query).toString();
			return this.ok({
				items: page,
				total: matching.length,
				pageLimit: limit,
				pageOffset: offset,
				requestUri: `${request.path}${query ? `?${query}` : ''}`,
			});
		} catch (error) {
			if (error instanceof QueryError) return this.error(400, error.message, 'INVALID_PARAMETER');
			return this.error(500, `Simulator bug: ${(error as Error).message}`, 'INTERNAL_ERROR');
		}
	}

	/** Records an audit event, as DSCC does for every change. */
	audit(message: string, code: string, resource: { id: string; name?: string; type: string; resourceUri?: string }, taskId?: string, state = 'Success'): void {
		const id = this.random.uuid();
		const now = timestamp();
		this.add('auditEvents', {
			id,
			uniqueId: id,
			customerId: CUSTOMER_ID,
			version: 1,
			code,
			message,
			state,
			occurredAt: now,
			loggedAt: now,
			permission: `${resource.type}.${code.split('.').pop() ?? 'update'}`,
			scope: '',
			source: 'dscc',
			sourceIpAddress: '10.0.0.15',
			contextId: this.random.hex(32),
			taskId: taskId ?? '',
			userEmail: 'automation@example.com',
			associatedResource: { id: resource.id, name: resource.name ?? resource.id, type: resource.type },
		});
	}
}

export function errorBody(_status: number, message: string, errorCode: string): { [key: string]: string } {
	return { error: message, errorCode, traceId: Math.random().toString(16).slice(2).padEnd(32, '0') };
}
