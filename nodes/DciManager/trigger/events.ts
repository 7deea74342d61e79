import type { IDataObject } from 'n8n-workflow';

import { decodeIdRanges, encodeIdRanges } from '../../shared/idRanges';
import { operationFailed, operationSucceeded, operationState } from '../api';

export type DciTriggerEvent = 'operationFinished' | 'serverStateChanged' | 'serverBecameFree';
export const DCI_TRIGGER_EVENTS: DciTriggerEvent[] = ['operationFinished', 'serverStateChanged', 'serverBecameFree'];

export type OperationKind = 'osInstall' | 'power' | 'diagnostics';
export type OperationOutcome = 'any' | 'succeeded' | 'failed';

export interface EventSettings {
	/** Operation kinds to report; empty: every kind. */
	kinds: OperationKind[];
	outcome: OperationOutcome;
	/** New server states to report; empty: every change. */
	states: string[];
}

/**
 * What one poll remembers, per event: the highest operation ID seen and the operations still running
 * (operation finished); the servers in each state (state changed); the servers with an owner
 * (became free). Server sets are stored as ID ranges.
 */
export interface Cursor {
	event: DciTriggerEvent;
	highestOperation?: number;
	running?: number[];
	states?: Record<string, string>;
	owned?: string;
}

/** How the platform's operation names map to the kinds users pick (names are not documented: matched loosely). */
export function operationKind(name: unknown): OperationKind | undefined {
	const text = String(name ?? '').toLowerCase();
	if (/install|os_|reinstall/.test(text)) return 'osInstall';
	if (/power|reset|reboot|restart/.test(text)) return 'power';
	if (/diag/.test(text)) return 'diagnostics';
	return undefined;
}

function serverSummary(server: IDataObject): IDataObject {
	const rest = { ...server };
	delete rest.operation;
	return rest;
}

function operationOf(server: IDataObject): IDataObject | undefined {
	const operation = server.operation;
	return operation && typeof operation === 'object' ? (operation as IDataObject) : undefined;
}

function operationId(operation: IDataObject | undefined): number | undefined {
	const id = Number(operation?.id);
	return Number.isSafeInteger(id) ? id : undefined;
}

export function finishedOperationEvent(server: IDataObject, settings: EventSettings): IDataObject | undefined {
	const operation = operationOf(server);
	if (!operation) return undefined;
	const state = operationState(operation);
	const succeeded = operationSucceeded(state);
	const failed = operationFailed(state);
	if (!succeeded && !failed) return undefined;
	if (settings.outcome === 'succeeded' && !succeeded) return undefined;
	if (settings.outcome === 'failed' && !failed) return undefined;
	const kind = operationKind(operation.name ?? operation.type);
	if (settings.kinds.length > 0 && (kind === undefined || !settings.kinds.includes(kind))) return undefined;
	return {
		event: 'operationFinished',
		outcome: succeeded ? 'succeeded' : 'failed',
		kind: kind ?? 'other',
		operation,
		serverId: server.id,
		server: serverSummary(server),
	};
}

function serverIds(servers: IDataObject[], keep: (server: IDataObject) => boolean): number[] {
	return servers.filter(keep).map((server) => Number(server.id)).filter(Number.isSafeInteger);
}

/** The cursor describing these servers now. */
export function snapshot(event: DciTriggerEvent, servers: IDataObject[], previous?: Cursor): Cursor {
	if (event === 'operationFinished') {
		const ids = servers.map((server) => operationId(operationOf(server))).filter((id): id is number => id !== undefined);
		const running = servers
			.filter((server) => {
				const state = operationState(operationOf(server));
				return operationOf(server) !== undefined && !operationSucceeded(state) && !operationFailed(state);
			})
			.map((server) => operationId(operationOf(server)))
			.filter((id): id is number => id !== undefined);
		return { event, highestOperation: Math.max(previous?.highestOperation ?? 0, 0, ...ids), running: running.sort((a, b) => a - b) };
	}
	if (event === 'serverStateChanged') {
		const byState = new Map<string, number[]>();
		for (const server of servers) {
			const state = String(server.state ?? '');
			const id = Number(server.id);
			if (!Number.isSafeInteger(id)) continue;
			byState.set(state, [...(byState.get(state) ?? []), id]);
		}
		return { event, states: Object.fromEntries([...byState].map(([state, ids]) => [state, encodeIdRanges(ids)])) };
	}
	return { event, owned: encodeIdRanges(serverIds(servers, (server) => isOwned(server))) };
}

export function isOwned(server: IDataObject): boolean {
	const owner = server.owner_email ?? server.owner;
	return owner !== null && owner !== undefined && owner !== '';
}

/** Events since `previous` (each reported once), and the cursor to keep. */
export function diff(
	event: DciTriggerEvent,
	settings: EventSettings,
	previous: Cursor,
	servers: IDataObject[],
): { events: IDataObject[]; cursor: Cursor } {
	const cursor = snapshot(event, servers, previous);
	const events: IDataObject[] = [];
	if (event === 'operationFinished') {
		const running = new Set(previous.running ?? []);
		const highest = previous.highestOperation ?? 0;
		for (const server of servers) {
			const id = operationId(operationOf(server));
			if (id === undefined || (id <= highest && !running.has(id))) continue;
			const found = finishedOperationEvent(server, settings);
			if (found) events.push(found);
		}
	} else if (event === 'serverStateChanged') {
		const before = new Map<number, string>();
		for (const [state, ranges] of Object.entries(previous.states ?? {})) {
			for (const id of decodeIdRanges(ranges)) before.set(id, state);
		}
		for (const server of servers) {
			const id = Number(server.id);
			const state = String(server.state ?? '');
			const was = before.get(id);
			if (was === undefined || was === state) continue;
			if (settings.states.length > 0 && !settings.states.includes(state)) continue;
			events.push({ event: 'serverStateChanged', serverId: server.id, previousState: was, state, server: serverSummary(server) });
		}
	} else {
		const owned = decodeIdRanges(previous.owned);
		for (const server of servers) {
			if (owned.has(Number(server.id)) && !isOwned(server)) {
				events.push({ event: 'serverBecameFree', serverId: server.id, server: serverSummary(server) });
			}
		}
	}
	return { events, cursor };
}

/** A real sample for "Fetch Test Event": the newest matching finished operation, or a real server for the other events. */
export function sampleEvent(event: DciTriggerEvent, settings: EventSettings, servers: IDataObject[]): IDataObject | undefined {
	if (event === 'operationFinished') {
		const candidates = servers
			.map((server) => finishedOperationEvent(server, settings))
			.filter((found): found is IDataObject => found !== undefined)
			.sort((a, b) => (operationId(b.operation as IDataObject) ?? 0) - (operationId(a.operation as IDataObject) ?? 0));
		return candidates[0];
	}
	if (event === 'serverStateChanged') {
		const server = servers.find((candidate) => settings.states.length === 0 || settings.states.includes(String(candidate.state)));
		return server && { event, serverId: server.id, previousState: null, state: server.state, server: serverSummary(server) };
	}
	const free = servers.find((server) => !isOwned(server));
	return free && { event, serverId: free.id, server: serverSummary(free) };
}
