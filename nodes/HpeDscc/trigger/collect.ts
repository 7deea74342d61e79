import type { IDataObject } from 'n8n-workflow';

import type { Position, TaskStateMemory } from './cursor';
import { BOUNDARY_KEY_CAP, advance, isAfter } from './cursor';
import type { EventRule } from './events';

/**
 * Reads everything that happened since a position, without n8n context: the listing is reached
 * through `fetchPage`, which the node implements with the shared transport.
 *
 * Offset paging over a collection that changes while it is read can skip an item: one that
 * leaves the filtered set (an issue closed, a task updated out of a time window) shifts the
 * following items one place back, over the page boundary. So this never pages with offsets
 * through a time range. It asks for a time *window* and takes the answer only when one response
 * holds the whole window (`total` says so): one response is one consistent snapshot.
 * - The usual case: everything since the cursor fits one page. One request per poll.
 * - More than a page, API sorts by time (issues, audit events): the response is the oldest
 *   page of the window; everything strictly older than its last timestamp is complete. Take
 *   that, continue from the last timestamp (keyset paging; its items are read again and
 *   handled then, so a timestamp is never split between two reads).
 * - More than a page, no sort (tasks): narrow the window (in proportion to `total`) until it
 *   fits, take it, move on. A cap stopping the search keeps its place for the next poll.
 * - More items in one instant than a page holds: only then page that one instant by offset.
 * - A second with more items than the stored cursor can list keys for is handled only once
 *   it is over (the server's clock says so), so none of it is reported twice or missed.
 *
 * Windows are aligned to whole seconds while the timestamps seen have no milliseconds, so the
 * bounds compare the same whether the API compares times or text.
 */
export interface TimeWindow {
	/** Inclusive lower bound, epoch ms; none: from the start. */
	from?: number;
	/** Exclusive upper bound, epoch ms; none: up to now. */
	to?: number;
}

export interface PageRequest {
	window: TimeWindow;
	offset: number;
	limit: number;
	/** Sort by the filtered timestamp; only asked of APIs that sort. */
	order?: 'asc' | 'desc';
}

export interface PageResult {
	items: IDataObject[];
	/** Items matching the request in all, when the API says. */
	total?: number;
	/** The server's clock (its `Date` header), epoch ms. */
	serverTime?: number;
}

export type FetchPage = (request: PageRequest) => Promise<PageResult>;

export interface CollectOptions {
	position: Position;
	rule: EventRule;
	/** "Task state changed": last states of unfinished tasks; updated in place. */
	memory?: TaskStateMemory;
	fetchPage: FetchPage;
	/** Whether the API sorts by the filtered timestamp. */
	sorted: boolean;
	pageSize: number;
	/** Hard cap on requests in one poll. */
	maxRequests: number;
	/** Cap on the pages read for one instant that holds more than a page (see `collectEvents`). */
	maxInstantPages?: number;
	/** True once the poll should stop fetching (n8n's poll budget). */
	outOfTime?: () => boolean;
	/** Width of the first window, from `nextWindowMs` of a poll a cap stopped mid-search. */
	windowMs?: number;
	/** The current time, until a response brings the server's. */
	now?: number;
	/** Keys the stored cursor keeps for its boundary timestamp (`BOUNDARY_KEY_CAP`). */
	boundaryCap?: number;
}

export interface CollectResult {
	/** New events, oldest first. */
	events: IDataObject[];
	/** Everything up to here is handled: store it. */
	position: Position;
	/** False when a cap stopped the poll: the rest is read by the next poll. */
	caughtUp: boolean;
	requests: number;
	/** When a cap stopped a window search: the width to start the next poll with (store it). */
	nextWindowMs?: number;
}

interface Version {
	item: IDataObject;
	time: number;
	key: string;
}

const SECOND = 1000;
/** Timestamps further ahead of the server's clock than this are not waited for. */
const OPEN_SECOND_HORIZON_MS = 60_000;

function alignDown(time: number, unit: number): number {
	return Math.floor(time / unit) * unit;
}

function isComplete(page: PageResult, offset: number, limit: number): boolean {
	return page.total !== undefined
		? offset + page.items.length >= page.total
		: page.items.length < limit;
}

function byTimeThenKey(a: Version, b: Version): number {
	return a.time - b.time || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * A point strictly inside (lo, top) on the `unit` grid, none if there is none. Where a page's worth
 * would end if the `total` items were spread evenly (at most half way): few steps for even data,
 * still halving for a burst.
 */
function splitPoint(
	lo: number,
	top: number,
	unit: number,
	total: number | undefined,
	pageSize: number,
): number | undefined {
	const fraction = total !== undefined && total > 0 ? Math.min(0.5, (0.8 * pageSize) / total) : 0.5;
	let point = alignDown(lo + Math.floor((top - lo) * fraction), unit);
	if (point <= lo) point = alignDown(lo, unit) + unit;
	return point < top ? point : undefined;
}

export async function collectEvents(options: CollectOptions): Promise<CollectResult> {
	const { rule, memory, fetchPage, sorted, pageSize, maxRequests, maxInstantPages = 20 } = options;
	const boundaryCap = options.boundaryCap ?? BOUNDARY_KEY_CAP;
	const outOfTime = options.outOfTime ?? (() => false);
	let position = options.position;
	const events: IDataObject[] = [];
	let requests = 0;
	/** 1000 while every timestamp seen is whole seconds (as DSCC writes them), else 1. */
	let unit = SECOND;
	let newest = Number.NEGATIVE_INFINITY;
	/** Timestamps of every item read in this poll: where items are known to be. */
	const seenTimes: number[] = [];
	/** The server's clock as last seen. */
	let clock = options.now ?? Date.now();

	const versionsOf = (items: IDataObject[]): Version[] => {
		const versions: Version[] = [];
		for (const item of items) {
			const time = rule.versionTime(item);
			const key = rule.versionKey(item);
			if (time === undefined || key === undefined) continue;
			versions.push({ item, time, key });
			if (time % SECOND !== 0) unit = 1;
			if (time > newest) newest = time;
			seenTimes.push(time);
		}
		return versions;
	};
	const within = (window: TimeWindow) => (version: Version) =>
		(window.from === undefined || version.time >= window.from) &&
		(window.to === undefined || version.time < window.to);
	const fetch = async (window: TimeWindow, offset: number) => {
		requests++;
		const page = await fetchPage({
			window,
			offset,
			limit: pageSize,
			order: sorted ? 'asc' : undefined,
		});
		if (page.serverTime !== undefined) clock = page.serverTime;
		const versions = versionsOf(page.items);
		return { page, versions, inWindow: versions.filter(within(window)) };
	};
	/** Whether more versions may still appear with this timestamp: the server's current or last second. */
	const stillOpen = (time: number) =>
		time >= alignDown(clock, SECOND) - SECOND && time <= clock + OPEN_SECOND_HORIZON_MS;
	/**
	 * Handles the versions of complete windows, oldest first, one timestamp at a time. A
	 * timestamp with more versions than the stored cursor can list keys for is left whole to the
	 * next poll while it may still get more (see `bounded`); returns false then.
	 */
	const handle = (versions: Version[]): boolean => {
		const ordered = [...versions].sort(byTimeThenKey);
		for (let start = 0; start < ordered.length; ) {
			const time = ordered[start].time;
			let end = start;
			while (end < ordered.length && ordered[end].time === time) end++;
			const fresh = ordered
				.slice(start, end)
				.filter((version) => isAfter(position, version.time, version.key));
			const known = position.at === time ? position.keys.length : 0;
			if (known + fresh.length > boundaryCap && stillOpen(time)) return false;
			for (const version of fresh) {
				if (!isAfter(position, version.time, version.key)) continue;
				if (rule.isNew(version.item, position, memory)) events.push(version.item);
				position = advance(position, version.time, version.key);
			}
			start = end;
		}
		return true;
	};
	/**
	 * Reads one instant [from, to) that holds more than a page, by offset. Bounded by
	 * `maxInstantPages`: reading it again next poll would meet the same wall, so when the cap is
	 * hit, what was read is handled and the position moves past the instant.
	 */
	const readInstant = async (
		from: number,
		to: number,
	): Promise<'complete' | 'cut' | 'deferred'> => {
		const seen = new Map<string, Version>();
		let offset = 0;
		let complete = false;
		for (let pages = 0; pages < maxInstantPages && !outOfTime(); pages++) {
			const { page, inWindow } = await fetch({ from, to }, offset);
			for (const version of inWindow) seen.set(version.key, version);
			offset += page.items.length;
			if (page.items.length === 0 || isComplete(page, offset - page.items.length, pageSize)) {
				complete = true;
				break;
			}
		}
		if (!handle([...seen.values()])) return 'deferred';
		if (complete) return 'complete';
		if (position.at < to) position = { at: to, keys: [] };
		return 'cut';
	};

	let lo = position.at;
	let hi =
		options.windowMs !== undefined && options.windowMs > 0 ? lo + options.windowMs : undefined;
	/** Every version before this was read in a complete window (even if none was there). */
	let completeTo = lo;
	const stopped = (nextWindowMs?: number): CollectResult => {
		// Complete windows count even when they held nothing to report, and the window search
		// goes on where it stopped: every poll makes progress.
		if (completeTo > position.at) position = { at: completeTo, keys: [] };
		return { events, position, caughtUp: false, requests, nextWindowMs };
	};

	while (requests < maxRequests && !outOfTime()) {
		const window: TimeWindow = { from: lo, to: hi };
		const { page, versions, inWindow } = await fetch(window, 0);

		if (isComplete(page, 0, pageSize)) {
			if (!handle(inWindow)) return stopped();
			if (hi === undefined) return { events, position, caughtUp: true, requests };
			// Next window: as wide again (twice if this one was less than half full), or up to the
			// next item an earlier page showed if that is further; never past the newest seen.
			const width = hi - lo;
			lo = hi;
			completeTo = lo;
			if (lo > newest) {
				hi = undefined;
				continue;
			}
			const grown = lo + (inWindow.length * 2 < pageSize ? 2 * width : width);
			const nextKnown = seenTimes.reduce(
				(next, time) => (time >= lo && time < next ? time : next),
				newest,
			);
			hi = Math.min(alignDown(newest, unit) + unit, Math.max(grown, alignDown(nextKnown, unit)));
			continue;
		}

		if (versions.length === 0) break; // the API claims more but sends nothing usable
		let instant: { from: number; to: number } | undefined;
		if (
			sorted &&
			versions.every((version, index) => index === 0 || versions[index - 1].time <= version.time)
		) {
			const last = versions[versions.length - 1].time;
			const older = inWindow.filter((version) => version.time < last);
			if (older.length > 0) {
				if (!handle(older)) return stopped();
				// Everything in the window older than `last` was on this page.
				lo = Math.max(lo, Math.min(last, hi ?? last));
			} else {
				// A whole page at one timestamp: nothing in [lo, last); read that instant by offset.
				lo = Math.max(lo, last);
				instant = {
					from: lo,
					to: Math.min(alignDown(lo, unit) + unit, hi ?? Number.POSITIVE_INFINITY),
				};
			}
		} else {
			const top =
				hi ??
				alignDown(
					inWindow.reduce((max, version) => Math.max(max, version.time), lo),
					unit,
				) + unit;
			const point = splitPoint(lo, top, unit, page.total, pageSize);
			if (point !== undefined) hi = point;
			else instant = { from: lo, to: top };
		}
		if (instant) {
			const outcome = await readInstant(instant.from, instant.to);
			if (outcome !== 'complete') return stopped();
			lo = instant.to;
			completeTo = lo;
		}
		if (hi !== undefined && hi <= lo) hi = undefined;
	}
	return stopped(hi !== undefined ? hi - lo : undefined);
}

/**
 * Where a trigger with no cursor starts: at the server's clock (its `Date` header), or `lookbackMs`
 * before it, after every item listed before that point. The result's events are those since the
 * starting point (none when not looking back); a "task state changed" trigger also learns the
 * states of running tasks.
 */
export async function startingPosition(
	options: Omit<CollectOptions, 'position'> & { now: number; lookbackMs?: number },
): Promise<CollectResult> {
	const probe = await options.fetchPage({ window: {}, offset: 0, limit: 1 });
	const clock = probe.serverTime ?? options.now;
	return await collectEvents({
		...options,
		now: clock,
		position: { at: alignDown(clock - (options.lookbackMs ?? 0), SECOND), keys: [] },
	});
}

/**
 * The most recent matching event, for "Fetch Test Event". APIs that sort are read newest first;
 * for the others, ever wider windows back from `now` are read whole (a few pages each).
 */
export async function findNewestEvent(options: {
	rule: EventRule;
	fetchPage: FetchPage;
	sorted: boolean;
	pageSize: number;
	now: number;
	maxRequests: number;
	lookbacksMs?: number[];
}): Promise<IDataObject | undefined> {
	const { rule, fetchPage, sorted, pageSize, now, maxRequests } = options;
	const lookbacks = options.lookbacksMs ?? [86_400_000, 30 * 86_400_000, undefined];
	let requests = 0;
	if (sorted) {
		for (let offset = 0; requests < maxRequests; requests++) {
			const page = await fetchPage({ window: {}, offset, limit: pageSize, order: 'desc' });
			const match = page.items.find((item) => rule.eventTime(item) !== undefined);
			if (match) return match;
			offset += page.items.length;
			if (page.items.length === 0 || isComplete(page, offset - page.items.length, pageSize))
				return undefined;
		}
		return undefined;
	}
	for (const lookback of lookbacks) {
		const window: TimeWindow = lookback === undefined ? {} : { from: now - lookback };
		let best: { item: IDataObject; time: number } | undefined;
		for (let offset = 0; requests < maxRequests; ) {
			requests++;
			const page = await fetchPage({ window, offset, limit: pageSize });
			for (const item of page.items) {
				const time = rule.eventTime(item);
				if (time !== undefined && (best === undefined || time > best.time)) best = { item, time };
			}
			offset += page.items.length;
			if (page.items.length === 0 || isComplete(page, offset - page.items.length, pageSize)) break;
		}
		if (best) return best.item;
		if (requests >= maxRequests) break;
	}
	return undefined;
}
