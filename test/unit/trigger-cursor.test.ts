import type { IDataObject } from 'n8n-workflow';

import type { FetchPage, PageRequest } from '../../nodes/HpeDscc/trigger/collect';
import {
	collectEvents,
	findNewestEvent,
	startingPosition,
} from '../../nodes/HpeDscc/trigger/collect';
import type { Position } from '../../nodes/HpeDscc/trigger/cursor';
import {
	BOUNDARY_KEY_CAP,
	TaskStateMemory,
	advance,
	bounded,
	formatTime,
	isAfter,
	readCursor,
	writeCursor,
} from '../../nodes/HpeDscc/trigger/cursor';
import type { EventRule } from '../../nodes/HpeDscc/trigger/events';
import {
	auditEventRule,
	issueRule,
	stateEnteredAt,
	taskFinishedRule,
	taskStateChangedRule,
} from '../../nodes/HpeDscc/trigger/events';
import { listQuery, windowFilter } from '../../nodes/HpeDscc/trigger/sources';

const T0 = Date.parse('2026-11-23T10:00:00Z');
/** A DSCC timestamp `seconds` after T0 (whole seconds, as DSCC writes them). */
const at = (seconds: number) => formatTime(T0 + seconds * 1000);

/**
 * An in-memory DSCC listing: filters on a time window like the real one, sorts when asked (if it
 * sorts at all), pages by offset and limit, reports `total`, and lets a test change the collection
 * before any request (to simulate events arriving while a poll pages).
 */
class FakeListing {
	items: IDataObject[] = [];
	requests: PageRequest[] = [];
	/** The server's clock, sent with every page (its `Date` header). */
	serverTime = T0 + 3_600_000;
	/** Runs before each request is answered; `n` counts from 1. */
	onRequest?: (n: number) => void;
	/** Order when not sorting: newest `updatedAt`/time first, so updates move items to the front. */
	constructor(
		readonly timeField: string,
		readonly sorts: boolean,
		readonly maxLimit = Number.POSITIVE_INFINITY,
	) {}

	time(item: IDataObject): number {
		return Date.parse(String(item[this.timeField]));
	}

	fetchPage: FetchPage = async (request) => {
		this.requests.push(request);
		this.onRequest?.(this.requests.length);
		const { from, to } = request.window;
		const matching = this.items.filter((item) => {
			const time = this.time(item);
			return (from === undefined || time >= from) && (to === undefined || time < to);
		});
		if (this.sorts && request.order) {
			const sign = request.order === 'asc' ? 1 : -1;
			matching.sort((a, b) => sign * (this.time(a) - this.time(b)));
		} else {
			matching.sort((a, b) => this.time(b) - this.time(a));
		}
		const limit = Math.min(request.limit, this.maxLimit);
		return {
			items: matching.slice(request.offset, request.offset + limit).map((item) => ({ ...item })),
			total: matching.length,
			serverTime: this.serverTime,
		};
	};
}

interface Poller {
	position: Position;
	memory?: TaskStateMemory;
	windowMs?: number;
	polls: number;
}

async function poll(
	listing: FakeListing,
	rule: EventRule,
	poller: Poller,
	options: { pageSize?: number; maxRequests?: number } = {},
) {
	const result = await collectEvents({
		position: poller.position,
		rule,
		memory: poller.memory,
		fetchPage: listing.fetchPage,
		sorted: listing.sorts,
		pageSize: options.pageSize ?? 10,
		maxRequests: options.maxRequests ?? 20,
		windowMs: poller.windowMs,
	});
	// What n8n keeps between polls: the stored cursor, read back.
	const staticData: IDataObject = {};
	writeCursor(staticData, 'test', {
		position: result.position,
		taskStates: poller.memory?.entries(),
		windowMs: result.nextWindowMs,
	});
	const stored = readCursor(staticData, 'test')!;
	poller.position = stored.position;
	poller.windowMs = stored.windowMs;
	if (poller.memory) poller.memory = new TaskStateMemory(stored.taskStates);
	poller.polls++;
	return result;
}

function auditEvent(id: string, seconds: number): IDataObject {
	return {
		id,
		uniqueId: `audit.event+${id}`,
		occurredAt: at(seconds),
		message: `event ${id}`,
		state: 'Success',
	};
}

function task(id: string, state: string, seconds: number, extra: IDataObject = {}): IDataObject {
	const finished = ['SUCCEEDED', 'FAILED', 'TIMEDOUT', 'CANCELLED'].includes(state);
	return {
		id,
		state,
		createdAt: at(0),
		startedAt: at(0),
		updatedAt: at(seconds),
		endedAt: finished ? at(seconds) : null,
		progressPercent: finished ? 100 : 0,
		...extra,
	};
}

const ids = (events: IDataObject[]) => events.map((event) => String(event.id));

describe('position', () => {
	it('handles versions at the boundary timestamp by key and everything before it', () => {
		let position: Position = { at: 1000, keys: ['a'] };
		expect(isAfter(position, 999, 'z')).toBe(false);
		expect(isAfter(position, 1000, 'a')).toBe(false);
		expect(isAfter(position, 1000, 'b')).toBe(true);
		position = advance(position, 1000, 'b');
		expect(position).toEqual({ at: 1000, keys: ['a', 'b'] });
		position = advance(position, 2000, 'c');
		expect(position).toEqual({ at: 2000, keys: ['c'] });
	});

	it('stores at most the cap of boundary keys, moving just past a timestamp that holds more', () => {
		const many: Position = {
			at: T0,
			keys: Array.from({ length: BOUNDARY_KEY_CAP + 50 }, (_, i) => `k${i}`),
		};
		expect(bounded(many)).toEqual({ at: T0 + 1, keys: [] });
		const staticData: IDataObject = {};
		writeCursor(staticData, 'newAuditEvent', { position: many });
		expect((staticData.cursor as IDataObject).keys).toEqual([]);
		expect(readCursor(staticData, 'newAuditEvent')!.position).toEqual({ at: T0 + 1, keys: [] });
		const few: Position = { at: T0, keys: ['a', 'b'] };
		writeCursor(staticData, 'newAuditEvent', { position: few });
		expect(staticData.cursor).toEqual({
			version: 1,
			event: 'newAuditEvent',
			at: '2026-11-23T10:00:00.000Z',
			keys: ['a', 'b'],
		});
	});

	it('ignores a cursor written for another event, or a malformed one', () => {
		const staticData: IDataObject = {};
		writeCursor(staticData, 'newIssue', { position: { at: T0, keys: [] } });
		expect(readCursor(staticData, 'taskFinished')).toBeUndefined();
		expect(
			readCursor(
				{ cursor: { version: 1, event: 'newIssue', at: 'yesterday', keys: [] } },
				'newIssue',
			),
		).toBeUndefined();
		expect(readCursor({ cursor: 'x' }, 'newIssue')).toBeUndefined();
		expect(readCursor({}, 'newIssue')).toBeUndefined();
	});

	it('keeps the remembered task states bounded, forgetting the oldest', () => {
		const memory = new TaskStateMemory([], 3);
		for (const id of ['a', 'b', 'c', 'd']) memory.record(id, 'RUNNING', false);
		memory.record('b', 'PAUSED', false);
		memory.record('c', 'SUCCEEDED', true);
		expect(memory.entries()).toEqual([
			['d', 'RUNNING'],
			['b', 'PAUSED'],
		]);
	});
});

describe('queries', () => {
	it('asks with gt/lt in DSCC timestamp format, widened to the previous second on a whole second', () => {
		expect(windowFilter('updatedAt', { from: T0, to: T0 + 60_000 })).toEqual([
			'updatedAt gt 2026-11-23T09:59:59Z',
			'updatedAt lt 2026-11-23T10:01:00Z',
		]);
		expect(windowFilter('updatedAt', { from: T0 + 1 })).toEqual([
			'updatedAt gt 2026-11-23T10:00:00Z',
		]);
		expect(windowFilter('updatedAt', { from: T0 + 501 })).toEqual([
			'updatedAt gt 2026-11-23T10:00:00.500Z',
		]);
	});

	it('adds the severity filter, keeps a user filter with "or" inside the window, sorts only where DSCC sorts', () => {
		const request: PageRequest = { window: { from: T0 }, offset: 0, limit: 10, order: 'asc' };
		expect(listQuery('newIssue', { severities: ['CRITICAL', 'WARNING'] }, request)).toEqual({
			filter: "createdAt gt 2026-11-23T09:59:59Z and severity in ('CRITICAL','WARNING')",
			sort: 'createdAt asc',
		});
		expect(
			listQuery(
				'newAuditEvent',
				{ filter: 'state eq Failure or state eq PermissionDenied' },
				request,
			),
		).toEqual({
			filter:
				'occurredAt gt 2026-11-23T09:59:59Z and (state eq Failure or state eq PermissionDenied)',
			sort: 'occurredAt asc',
		});
		expect(listQuery('taskFinished', { filter: "userId eq 'fred@example.com'" }, request)).toEqual({
			filter: "updatedAt gt 2026-11-23T09:59:59Z and userId eq 'fred@example.com'",
		});
	});
});

describe('many events with the same timestamp', () => {
	it('reports events that appear later with the boundary timestamp, and none twice', async () => {
		const listing = new FakeListing('occurredAt', true);
		const poller: Poller = { position: { at: T0, keys: [] }, polls: 0 };
		listing.items.push(auditEvent('a', 5), auditEvent('b', 5), auditEvent('c', 5));
		expect(ids((await poll(listing, auditEventRule(), poller)).events)).toEqual(['a', 'b', 'c']);
		// Two more at the same second (DSCC keeps whole seconds), one later.
		listing.items.push(auditEvent('d', 5), auditEvent('e', 5), auditEvent('f', 6));
		expect(ids((await poll(listing, auditEventRule(), poller)).events)).toEqual(['d', 'e', 'f']);
		expect((await poll(listing, auditEventRule(), poller)).events).toEqual([]);
	});

	it('reads an instant holding more than a page by offset, once (sorted listing)', async () => {
		const listing = new FakeListing('occurredAt', true);
		for (let i = 0; i < 25; i++)
			listing.items.push(auditEvent(`same-${String(i).padStart(2, '0')}`, 7));
		listing.items.push(auditEvent('before', 3), auditEvent('after', 9));
		const poller: Poller = { position: { at: T0, keys: [] }, polls: 0 };
		const first = await poll(listing, auditEventRule(), poller, { pageSize: 10 });
		expect(first.caughtUp).toBe(true);
		expect(ids(first.events)).toEqual([
			'before',
			...listing.items.slice(0, 25).map((item) => String(item.id)),
			'after',
		]);
		expect((await poll(listing, auditEventRule(), poller, { pageSize: 10 })).events).toEqual([]);
	});

	it('reads an instant holding more than a page by offset, once (unsorted listing)', async () => {
		const listing = new FakeListing('updatedAt', false);
		for (let i = 0; i < 23; i++)
			listing.items.push(task(`t${String(i).padStart(2, '0')}`, 'SUCCEEDED', 4));
		const poller: Poller = { position: { at: T0, keys: [] }, polls: 0 };
		const first = await poll(listing, taskFinishedRule('any'), poller, { pageSize: 10 });
		expect(new Set(ids(first.events)).size).toBe(23);
		expect(first.events).toHaveLength(23);
		expect((await poll(listing, taskFinishedRule('any'), poller, { pageSize: 10 })).events).toEqual(
			[],
		);
	});

	it('leaves a second with more events than the cursor can list to the next poll while it is still open', async () => {
		const listing = new FakeListing('occurredAt', true);
		listing.serverTime = T0 + 2_500; // the server is in second 2
		for (let i = 0; i < 300; i++)
			listing.items.push(auditEvent(`burst-${String(i).padStart(3, '0')}`, 2));
		listing.items.push(auditEvent('earlier', 1));
		const poller: Poller = { position: { at: T0, keys: [] }, polls: 0 };
		const first = await poll(listing, auditEventRule(), poller, { pageSize: 100 });
		expect(ids(first.events)).toEqual(['earlier']);
		expect(poller.position).toEqual({ at: T0 + 1000, keys: ['earlier'] });
		// More arrive in that second. Second 3 still counts as open for second 2 (writes may land
		// late); from second 4 on it is over.
		listing.items.push(auditEvent('burst-late', 2));
		listing.serverTime = T0 + 3_900;
		expect((await poll(listing, auditEventRule(), poller, { pageSize: 100 })).events).toEqual([]);
		listing.serverTime = T0 + 4_100;
		const second = await poll(listing, auditEventRule(), poller, { pageSize: 100 });
		expect(second.events).toHaveLength(301);
		expect(poller.position).toEqual({ at: T0 + 2000 + 1, keys: [] });
		expect((await poll(listing, auditEventRule(), poller, { pageSize: 100 })).events).toEqual([]);
	});

	it('reads a 300-event burst in one second once, and keeps the stored cursor small', async () => {
		const listing = new FakeListing('occurredAt', true);
		for (let i = 0; i < 300; i++)
			listing.items.push(auditEvent(`burst-${String(i).padStart(3, '0')}`, 2));
		const poller: Poller = { position: { at: T0, keys: [] }, polls: 0 };
		const result = await poll(listing, auditEventRule(), poller, { pageSize: 100 });
		expect(result.events).toHaveLength(300);
		// More keys than the cap at that second: the cursor moved just past it, and stays small.
		expect(poller.position).toEqual({ at: T0 + 2000 + 1, keys: [] });
		expect((await poll(listing, auditEventRule(), poller, { pageSize: 100 })).events).toEqual([]);
	});
});

describe('events arriving while a poll pages', () => {
	it('misses nothing when issues are closed and raised between the requests of one poll', async () => {
		const listing = new FakeListing('createdAt', true);
		const issue = (id: string, seconds: number): IDataObject => ({
			id,
			createdAt: at(seconds),
			severity: 'WARNING',
		});
		for (let i = 0; i < 30; i++)
			listing.items.push(issue(`i${String(i).padStart(2, '0')}`, 10 + i));
		// Before every request the oldest issue is closed (leaves the list, shifting the rest back
		// one place) and a new one is raised.
		let raised = 0;
		listing.onRequest = (n) => {
			if (n > 1 && listing.items.length > 0) listing.items.splice(0, 1);
			listing.items.push(issue(`new${raised}`, 100 + raised));
			raised++;
		};
		const seen: string[] = [];
		const poller: Poller = { position: { at: T0, keys: [] }, polls: 0 };
		for (let i = 0; i < 3; i++)
			seen.push(...ids((await poll(listing, issueRule([]), poller, { pageSize: 7 })).events));
		listing.onRequest = undefined;
		seen.push(...ids((await poll(listing, issueRule([]), poller, { pageSize: 7 })).events));
		// Each closed issue had been read already; plain offset paging would skip i07, i15 and i23 here.
		const expected = [
			...Array.from({ length: 30 }, (_, i) => `i${String(i).padStart(2, '0')}`),
			...Array.from({ length: raised }, (_, i) => `new${i}`),
		];
		expect(seen).toEqual(expected);
	});

	it('reports every finished task once while tasks keep changing between pages (listing without sort)', async () => {
		// 60 tasks; each request moves some forward (progress, state), which moves them to the
		// front of the newest-first listing, shifting everything behind them.
		const listing = new FakeListing('updatedAt', false);
		const states = ['INITIALIZED', 'RUNNING', 'RUNNING', 'SUCCEEDED'];
		const stage = new Map<string, number>();
		let clock = 1;
		for (let i = 0; i < 60; i++) {
			const id = `task${String(i).padStart(2, '0')}`;
			stage.set(id, 0);
			listing.items.push(task(id, 'INITIALIZED', clock));
		}
		const step = (count: number) => {
			clock++;
			let moved = 0;
			for (const item of listing.items) {
				const id = String(item.id);
				const current = stage.get(id)!;
				if (current >= states.length - 1 || moved >= count) continue;
				if ((clock + Number(id.slice(4))) % 3 !== 0) continue;
				stage.set(id, current + 1);
				const state = failEveryFifth(id, states[current + 1]);
				Object.assign(item, task(id, state, clock, { progressPercent: (current + 1) * 30 }));
				moved++;
			}
		};
		listing.onRequest = () => step(4);
		const finished: string[] = [];
		const poller: Poller = { position: { at: T0, keys: [] }, polls: 0 };
		for (let i = 0; i < 40; i++) {
			finished.push(
				...ids((await poll(listing, taskFinishedRule('any'), poller, { pageSize: 8 })).events),
			);
		}
		listing.onRequest = undefined;
		while ([...stage.values()].some((value) => value < states.length - 1)) step(60);
		finished.push(
			...ids((await poll(listing, taskFinishedRule('any'), poller, { pageSize: 8 })).events),
		);
		expect(finished.sort()).toEqual([...stage.keys()].sort());
	});
});

/** Every fifth task fails instead of succeeding. */
function failEveryFifth(id: string, state: string): string {
	return state === 'SUCCEEDED' && Number(id.slice(4)) % 5 === 0 ? 'FAILED' : state;
}

describe('task finished', () => {
	it('counts FAILED, TIMEDOUT and CANCELLED as failed, SUCCEEDED as succeeded, PAUSED as neither', async () => {
		const listing = new FakeListing('updatedAt', false);
		listing.items.push(
			task('ok', 'SUCCEEDED', 1),
			task('failed', 'FAILED', 2),
			task('timedout', 'TIMEDOUT', 3),
			task('cancelled', 'CANCELLED', 4),
			task('paused', 'PAUSED', 5),
			task('running', 'RUNNING', 6),
		);
		const failed = await poll(listing, taskFinishedRule('failed'), {
			position: { at: T0, keys: [] },
			polls: 0,
		});
		expect(ids(failed.events)).toEqual(['failed', 'timedout', 'cancelled']);
		const succeeded = await poll(listing, taskFinishedRule('succeeded'), {
			position: { at: T0, keys: [] },
			polls: 0,
		});
		expect(ids(succeeded.events)).toEqual(['ok']);
		const any = await poll(listing, taskFinishedRule('any'), {
			position: { at: T0, keys: [] },
			polls: 0,
		});
		expect(ids(any.events)).toEqual(['ok', 'failed', 'timedout', 'cancelled']);
	});

	it('does not report a finished task again when it is updated after it ended', async () => {
		const listing = new FakeListing('updatedAt', false);
		const poller: Poller = { position: { at: T0, keys: [] }, polls: 0 };
		listing.items.push(task('a', 'RUNNING', 1));
		expect((await poll(listing, taskFinishedRule('any'), poller)).events).toEqual([]);
		listing.items[0] = task('a', 'SUCCEEDED', 2);
		expect(ids((await poll(listing, taskFinishedRule('any'), poller)).events)).toEqual(['a']);
		listing.items[0] = {
			...task('a', 'SUCCEEDED', 2),
			updatedAt: at(30),
			logMessages: [{ message: 'cleanup' }],
		};
		expect((await poll(listing, taskFinishedRule('any'), poller)).events).toEqual([]);
	});

	it('reports a task that ends in the same second as its previous, already handled version', async () => {
		const listing = new FakeListing('updatedAt', false);
		const poller: Poller = { position: { at: T0, keys: [] }, polls: 0 };
		listing.items.push(task('a', 'RUNNING', 3));
		await poll(listing, taskFinishedRule('any'), poller);
		listing.items[0] = task('a', 'SUCCEEDED', 3);
		expect(ids((await poll(listing, taskFinishedRule('any'), poller)).events)).toEqual(['a']);
		expect((await poll(listing, taskFinishedRule('any'), poller)).events).toEqual([]);
	});
});

describe('task state changed', () => {
	it('reports each state a task goes through once, not its progress updates', async () => {
		const listing = new FakeListing('updatedAt', false);
		const poller: Poller = {
			position: { at: T0, keys: [] },
			memory: new TaskStateMemory(),
			polls: 0,
		};
		const rule = taskStateChangedRule();
		const seen: string[] = [];
		const run = async () => {
			for (const event of (await poll(listing, rule, poller)).events)
				seen.push(`${String(event.id)}:${String(event.state)}`);
		};
		const base = { createdAt: at(1), startedAt: at(2) };
		listing.items = [task('a', 'INITIALIZED', 1, { ...base, startedAt: null })];
		await run();
		listing.items = [task('a', 'RUNNING', 2, { ...base, progressPercent: 10 })];
		await run();
		listing.items = [task('a', 'RUNNING', 3, { ...base, progressPercent: 50 })];
		await run();
		listing.items = [task('a', 'PAUSED', 4, { ...base, progressPercent: 50 })];
		await run();
		listing.items = [
			task('a', 'PAUSED', 5, { ...base, progressPercent: 50, additionalDetails: { link: 'x' } }),
		];
		await run();
		listing.items = [task('a', 'RUNNING', 6, { ...base, progressPercent: 60 })]; // resumed: startedAt is old
		await run();
		listing.items = [task('a', 'RUNNING', 7, { ...base, progressPercent: 90 })];
		await run();
		listing.items = [task('a', 'SUCCEEDED', 8, base)];
		await run();
		listing.items = [{ ...task('a', 'SUCCEEDED', 8, base), updatedAt: at(20) }];
		await run();
		expect(seen).toEqual(['a:INITIALIZED', 'a:RUNNING', 'a:PAUSED', 'a:RUNNING', 'a:SUCCEEDED']);
		expect(poller.memory!.entries()).toEqual([]);
	});

	it('reports only the state a task is seen in when several happened between two polls', async () => {
		const listing = new FakeListing('updatedAt', false);
		const poller: Poller = {
			position: { at: T0, keys: [] },
			memory: new TaskStateMemory(),
			polls: 0,
		};
		listing.items = [task('b', 'SUCCEEDED', 9, { createdAt: at(1), startedAt: at(2) })];
		const result = await poll(listing, taskStateChangedRule(), poller);
		expect(result.events.map((event) => event.state)).toEqual(['SUCCEEDED']);
	});

	it('does not report states a task was already in before the cursor', async () => {
		const listing = new FakeListing('updatedAt', false);
		// Started before the trigger's start; only progress after it.
		listing.items = [task('c', 'RUNNING', 50, { createdAt: at(-100), startedAt: at(-90) })];
		const result = await poll(listing, taskStateChangedRule(), {
			position: { at: T0, keys: [] },
			memory: new TaskStateMemory(),
			polls: 0,
		});
		expect(result.events).toEqual([]);
		expect(stateEnteredAt(listing.items[0])).toBe(T0 - 90_000);
	});
});

describe('caps', () => {
	it('stops at the request cap, emits what it read in order, and the next poll continues from there', async () => {
		const listing = new FakeListing('occurredAt', true);
		for (let i = 0; i < 50; i++)
			listing.items.push(auditEvent(`e${String(i).padStart(2, '0')}`, 10 + i));
		const poller: Poller = { position: { at: T0, keys: [] }, polls: 0 };
		const first = await poll(listing, auditEventRule(), poller, { pageSize: 10, maxRequests: 2 });
		expect(first.caughtUp).toBe(false);
		expect(first.requests).toBe(2);
		const firstIds = ids(first.events);
		expect(firstIds).toEqual(
			listing.items.slice(0, firstIds.length).map((item) => String(item.id)),
		);
		// The cursor is at the last emitted event.
		const last = first.events[first.events.length - 1];
		expect(poller.position).toEqual({
			at: Date.parse(String(last.occurredAt)),
			keys: [String(last.id)],
		});
		const rest: string[] = [];
		for (let i = 0; i < 10; i++)
			rest.push(
				...ids(
					(await poll(listing, auditEventRule(), poller, { pageSize: 10, maxRequests: 2 })).events,
				),
			);
		expect([...firstIds, ...rest]).toEqual(listing.items.map((item) => String(item.id)));
	});

	it('never skips when the cap stops a poll of a listing without sort', async () => {
		const listing = new FakeListing('updatedAt', false);
		for (let i = 0; i < 45; i++)
			listing.items.push(task(`t${String(i).padStart(2, '0')}`, 'SUCCEEDED', 1 + (i % 15) * 7));
		const poller: Poller = { position: { at: T0, keys: [] }, polls: 0 };
		const seen: string[] = [];
		let caughtUp = false;
		for (let i = 0; i < 30 && !caughtUp; i++) {
			const result = await poll(listing, taskFinishedRule('any'), poller, {
				pageSize: 5,
				maxRequests: 3,
			});
			seen.push(...ids(result.events));
			caughtUp = result.caughtUp;
		}
		expect(caughtUp).toBe(true);
		expect(seen.sort()).toEqual(listing.items.map((item) => String(item.id)).sort());
	});

	it('keeps the ground covered by empty windows when the cap stops a search', async () => {
		const listing = new FakeListing('updatedAt', false);
		listing.items.push(task('early', 'SUCCEEDED', 1));
		for (let i = 0; i < 30; i++)
			listing.items.push(task(`burst${String(i).padStart(2, '0')}`, 'SUCCEEDED', 5000));
		const poller: Poller = { position: { at: T0, keys: [] }, polls: 0 };
		const first = await poll(listing, taskFinishedRule('any'), poller, {
			pageSize: 10,
			maxRequests: 2,
		});
		expect(ids(first.events)).toEqual(['early']);
		expect(first.caughtUp).toBe(false);
		// The window after "early" held nothing else: the cursor moved past it, not back to "early".
		expect(poller.position.at).toBeGreaterThan(T0 + 1000);
		expect(poller.position.keys).toEqual([]);
		expect(poller.windowMs).toBeGreaterThan(0);
		const seen = ids(first.events);
		let caughtUp = false;
		while (!caughtUp && poller.polls < 40) {
			const result = await poll(listing, taskFinishedRule('any'), poller, {
				pageSize: 10,
				maxRequests: 2,
			});
			seen.push(...ids(result.events));
			caughtUp = result.caughtUp;
		}
		expect(caughtUp).toBe(true);
		expect(seen.sort()).toEqual(listing.items.map((item) => String(item.id)).sort());
	});

	it('copes with an API that serves smaller pages than asked', async () => {
		const listing = new FakeListing('occurredAt', true, 4);
		for (let i = 0; i < 17; i++)
			listing.items.push(auditEvent(`e${String(i).padStart(2, '0')}`, 10 + (i % 5)));
		const result = await poll(
			listing,
			auditEventRule(),
			{ position: { at: T0, keys: [] }, polls: 0 },
			{ pageSize: 10 },
		);
		expect(result.events.map((event) => event.id).sort()).toEqual(
			listing.items.map((item) => item.id).sort(),
		);
	});
});

describe('start and test event', () => {
	it('starts at the server clock, after the items already listed at that second, reporting none', async () => {
		const listing = new FakeListing('occurredAt', true);
		listing.serverTime = T0 + 7_200_400;
		const empty = await startingPosition({
			rule: auditEventRule(),
			fetchPage: listing.fetchPage,
			sorted: true,
			pageSize: 10,
			maxRequests: 5,
			now: 0,
		});
		expect(empty.position).toEqual({ at: T0 + 7_200_000, keys: [] });
		listing.items.push(auditEvent('x', 7200), auditEvent('y', 7200), auditEvent('old', 1));
		const start = await startingPosition({
			rule: auditEventRule(),
			fetchPage: listing.fetchPage,
			sorted: true,
			pageSize: 10,
			maxRequests: 5,
			now: 0,
		});
		expect(start.position).toEqual({ at: T0 + 7_200_000, keys: ['x', 'y'] });
		// Later in that second: reported; x and y, which were there at activation: never.
		listing.items.push(auditEvent('z', 7200));
		const poller: Poller = { position: start.position, polls: 0 };
		expect(ids((await poll(listing, auditEventRule(), poller)).events)).toEqual(['z']);
	});

	it('does not report a task that finished in the activation second before the trigger started', async () => {
		const listing = new FakeListing('updatedAt', false);
		listing.serverTime = T0 + 60_300;
		listing.items.push(
			task('before', 'SUCCEEDED', 60),
			task('long-ago', 'SUCCEEDED', 1),
			task('running', 'RUNNING', 60),
		);
		const memory = new TaskStateMemory();
		const start = await startingPosition({
			rule: taskStateChangedRule(),
			memory,
			fetchPage: listing.fetchPage,
			sorted: false,
			pageSize: 10,
			maxRequests: 5,
			now: 0,
		});
		expect(start.position).toEqual({
			at: T0 + 60_000,
			keys: ['before|SUCCEEDED', 'running|RUNNING'],
		});
		expect(memory.entries()).toEqual([['running', 'RUNNING']]);
		listing.items.push(task('after', 'SUCCEEDED', 60));
		const poller: Poller = { position: start.position, polls: 0 };
		expect(ids((await poll(listing, taskFinishedRule('any'), poller)).events)).toEqual(['after']);
	});

	it('finds the most recent matching event for "Fetch Test Event"', async () => {
		const tasks = new FakeListing('updatedAt', false);
		tasks.items.push(
			task('old-fail', 'FAILED', 10),
			task('new-ok', 'SUCCEEDED', 30),
			task('running', 'RUNNING', 40),
		);
		tasks.items.push({ ...task('late-update', 'FAILED', 20), updatedAt: at(50) });
		const newestFailed = await findNewestEvent({
			rule: taskFinishedRule('failed'),
			fetchPage: tasks.fetchPage,
			sorted: false,
			pageSize: 2,
			now: T0 + 60_000,
			maxRequests: 10,
		});
		expect(newestFailed?.id).toBe('late-update');
		const issues = new FakeListing('createdAt', true);
		issues.items.push(
			{ id: 'w', createdAt: at(5), severity: 'WARNING' },
			{ id: 'c', createdAt: at(3), severity: 'CRITICAL' },
		);
		const critical = await findNewestEvent({
			rule: issueRule(['CRITICAL']),
			fetchPage: issues.fetchPage,
			sorted: true,
			pageSize: 10,
			now: 0,
			maxRequests: 5,
		});
		expect(critical?.id).toBe('c');
		const none = await findNewestEvent({
			rule: issueRule(['LOW']),
			fetchPage: issues.fetchPage,
			sorted: true,
			pageSize: 10,
			now: 0,
			maxRequests: 5,
		});
		expect(none).toBeUndefined();
	});
});
