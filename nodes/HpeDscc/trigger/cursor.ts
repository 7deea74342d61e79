/**
 * Where a polling trigger stands in a time-ordered collection, with no n8n context, so the rules
 * that decide "already reported or not" are unit-testable.
 *
 * Every item the trigger reads is a *version*: an item at one value of the timestamp the API
 * filters on (e.g. a task at one `updatedAt`). A position says which versions are handled:
 * every version older than `at`, and the versions at exactly `at` whose keys are in `keys`.
 * That is all that is stored: one timestamp and the keys seen at that timestamp, capped.
 */

export type { Position } from '../../shared/trigger/position';
export { BOUNDARY_KEY_CAP, advance, bounded, isAfter } from '../../shared/trigger/position';
import type { Position } from '../../shared/trigger/position';
import { BOUNDARY_KEY_CAP, bounded } from '../../shared/trigger/position';

/** At most this many unfinished tasks are remembered with their last state ("task state changed"). */
export const TASK_STATE_CAP = 200;

/** The last state seen of unfinished tasks, oldest first; bounded. */
export class TaskStateMemory {
	private readonly states = new Map<string, string>();

	constructor(
		entries: Array<[string, string]> = [],
		private readonly cap = TASK_STATE_CAP,
	) {
		for (const [id, state] of entries) this.states.set(id, state);
		this.trim();
	}

	get(id: string): string | undefined {
		return this.states.get(id);
	}

	/** Remembers an unfinished task's state (most recent last); forgets a finished one. */
	record(id: string, state: string, finished: boolean): void {
		this.states.delete(id);
		if (!finished) this.states.set(id, state);
		this.trim();
	}

	entries(): Array<[string, string]> {
		return [...this.states.entries()];
	}

	private trim(): void {
		while (this.states.size > this.cap) {
			const oldest = this.states.keys().next().value as string;
			this.states.delete(oldest);
		}
	}
}

/** The trigger's cursor as kept in the workflow's static data. */
export interface StoredCursor {
	version: 1;
	/** The event the cursor belongs to: a cursor of another event is not reused. */
	event: string;
	/** ISO 8601 timestamp of `Position.at`. */
	at: string;
	keys: string[];
	/** "Task state changed" only: `[taskId, state]` of unfinished tasks. */
	taskStates?: Array<[string, string]>;
	/** Set only when a cap stopped a poll mid-search: the time window to go on with. */
	windowMs?: number;
}

/** What a poll needs from the stored cursor. */
export interface CursorState {
	position: Position;
	taskStates: Array<[string, string]>;
	windowMs?: number;
}

const CURSOR_FIELD = 'cursor';

/** Reads the cursor of `event` from static data; anything missing, malformed or foreign is no cursor. */
export function readCursor(
	staticData: { [key: string]: unknown },
	event: string,
): CursorState | undefined {
	const stored = staticData[CURSOR_FIELD] as Partial<StoredCursor> | undefined;
	if (!stored || typeof stored !== 'object' || stored.version !== 1 || stored.event !== event)
		return undefined;
	const at = typeof stored.at === 'string' ? Date.parse(stored.at) : Number.NaN;
	if (!Number.isFinite(at)) return undefined;
	const keys = Array.isArray(stored.keys)
		? stored.keys.filter((key): key is string => typeof key === 'string')
		: [];
	const taskStates = Array.isArray(stored.taskStates)
		? stored.taskStates.filter(
				(entry): entry is [string, string] =>
					Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string',
			)
		: [];
	const state: CursorState = {
		position: bounded({ at, keys: keys.slice(0, BOUNDARY_KEY_CAP + 1) }),
		taskStates,
	};
	if (
		typeof stored.windowMs === 'number' &&
		stored.windowMs > 0 &&
		Number.isFinite(stored.windowMs)
	) {
		state.windowMs = stored.windowMs;
	}
	return state;
}

/** Writes the cursor into static data, in place (n8n stages and commits that object). */
export function writeCursor(
	staticData: { [key: string]: unknown },
	event: string,
	state: { position: Position; taskStates?: Array<[string, string]>; windowMs?: number },
): void {
	const stored = bounded(state.position);
	const cursor: StoredCursor = {
		version: 1,
		event,
		at: new Date(stored.at).toISOString(),
		keys: stored.keys,
	};
	if (state.taskStates) cursor.taskStates = state.taskStates;
	if (state.windowMs !== undefined) cursor.windowMs = state.windowMs;
	staticData[CURSOR_FIELD] = cursor;
}

/** Epoch ms of an ISO 8601 value, or undefined. */
export function parseTime(value: unknown): number | undefined {
	if (typeof value !== 'string' || value === '') return undefined;
	const time = Date.parse(value);
	return Number.isFinite(time) ? time : undefined;
}

/**
 * A timestamp as DSCC writes them: `2026-11-23T09:30:00Z`, with milliseconds only when there
 * are some. Same-format values compare the same as text and as times.
 */
export function formatTime(time: number): string {
	const iso = new Date(time).toISOString();
	return time % 1000 === 0 ? iso.replace(/\.000Z$/, 'Z') : iso;
}
