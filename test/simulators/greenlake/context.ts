import { ClientCredentialsIssuer } from '../framework/oauth';
import { QueryError, parseFilter, selectFields, sortItems } from '../framework/odata';
import type { SimRequest, SimResponse, SimServer } from '../framework/server';
import { Random } from '../dscc/context';
import { OperationEngine } from './operations';

export type Item = { [key: string]: unknown };

export const CUSTOMER_ID = '4ba4b96c5a8d11ed9b380242ac120002';

export interface GreenLakeOptions {
	port?: number;
	/** Systems seeded (two have servers, clusters and VMs; the others are empty sites). */
	systems?: number;
	/** Virtual machines seeded across the clusters. */
	virtualMachines?: number;
	/** How long an async operation runs before it finishes. */
	operationDurationMs?: number;
	tokenTtlSeconds?: number;
}

export function timestamp(date = new Date()): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The unified GreenLake error body. */
export function errorBody(status: number, message: string, errorCode: string): Item {
	return { httpStatusCode: status, message, errorCode, debugId: Math.random().toString(16).slice(2).padEnd(32, '0') };
}

/** Paging limits of one listing, as its OpenAPI document declares them. */
export interface Paging {
	defaultLimit: number;
	maxLimit: number;
	/** False where the endpoint takes no offset (one page is all it serves). */
	offset?: boolean;
}

/** Everything a route module of the GreenLake simulator works with. */
export class GreenLakeContext {
	readonly random = new Random(20261129);
	readonly collections = new Map<string, Map<string, Item>>();
	readonly operations: OperationEngine;
	readonly issuer: ClientCredentialsIssuer;

	constructor(
		readonly sim: SimServer,
		readonly options: Required<Omit<GreenLakeOptions, 'port'>>,
		clients: { [clientId: string]: string },
	) {
		this.operations = new OperationEngine(this);
		this.issuer = new ClientCredentialsIssuer(clients, options.tokenTtlSeconds);
	}

	collection(name: string): Map<string, Item> {
		let collection = this.collections.get(name);
		if (!collection) {
			collection = new Map();
			this.collections.set(name, collection);
		}
		return collection;
	}

	add(name: string, record: Item): Item {
		this.collection(name).set(String(record.id), record);
		return record;
	}

	error(status: number, message: string, errorCode: string): SimResponse {
		return { status, body: errorBody(status, message, errorCode) };
	}

	notFound(kind: string, id: string): SimResponse {
		return this.error(404, `${kind} with id ${id} not found`, 'NOT_FOUND');
	}

	ok(body: unknown): SimResponse {
		return { status: 200, body };
	}

	one(request: SimRequest, record: Item | undefined, kind: string, id: string): SimResponse {
		if (!record) return this.notFound(kind, id);
		return this.ok(selectFields(record, request.query.select));
	}

	/** Answers a listing with the unified envelope `{items, count, offset, total}`. */
	list(request: SimRequest, records: Iterable<Item>, paging: Paging): SimResponse {
		try {
			const { filter, sort, select } = request.query;
			const offset = paging.offset === false ? 0 : Number(request.query.offset ?? 0);
			const limit = Number(request.query.limit ?? paging.defaultLimit);
			if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > paging.maxLimit) {
				return this.error(400, `offset must be 0 or more and limit from 1 to ${paging.maxLimit}`, 'INVALID_PARAMETER');
			}
			const matching = sortItems([...records].filter(parseFilter(filter)), sort);
			const page = matching.slice(offset, offset + limit).map((record) => selectFields(record, select));
			return this.ok({ items: page, count: page.length, offset, total: matching.length });
		} catch (error) {
			if (error instanceof QueryError) return this.error(400, error.message, 'INVALID_PARAMETER');
			return this.error(500, `Simulator bug: ${(error as Error).message}`, 'INTERNAL_ERROR');
		}
	}

	/** Applies a JSON merge patch (RFC 7386): objects merge, `null` removes, anything else replaces. */
	mergePatch(target: Item, patch: Item): Item {
		for (const [key, value] of Object.entries(patch)) {
			if (value === null) delete target[key];
			else if (typeof value === 'object' && !Array.isArray(value)) {
				const current = target[key];
				target[key] = this.mergePatch(typeof current === 'object' && current !== null && !Array.isArray(current) ? (current as Item) : {}, value as Item);
			} else target[key] = value;
		}
		return target;
	}

	/** Marks a record changed, as every GreenLake resource tracks it. */
	touch(record: Item): void {
		record.updatedAt = timestamp();
		record.generation = (record.generation as number) + 1;
	}

	/** Common properties of every GreenLake resource. */
	resource(type: string, uri: string, id: string, name: string): Item {
		const now = timestamp(new Date(Date.parse('2026-10-01T08:00:00Z')));
		return { id, name, displayName: name, type, resourceUri: `${uri}/${id}`, customerId: CUSTOMER_ID, generation: 1, createdAt: now, updatedAt: now };
	}
}

export function isMergePatch(request: SimRequest): boolean {
	return String(request.headers['content-type'] ?? '').split(';')[0].trim() === 'application/merge-patch+json';
}
