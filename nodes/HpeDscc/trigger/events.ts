import type { IDataObject } from 'n8n-workflow';

import type { Position, TaskStateMemory } from './cursor';
import { parseTime } from './cursor';

/**
 * What one trigger event is, read off the items a DSCC listing returns. No n8n context.
 *
 * The cursor moves over *versions* (an item at one value of the filtered timestamp). An event can
 * be older than the version that shows it: a task that ended at 10:00 is still "finished at 10:00"
 * when it is read again after a log line was added at 10:05. So each rule says when its event
 * happened, and an event is reported only if that time is not before the cursor.
 */
export interface EventRule {
	/** The timestamp the API filters on, of this version of the item. */
	versionTime(item: IDataObject): number | undefined;
	/** Identity of a version among the versions that share its timestamp. */
	versionKey(item: IDataObject): string | undefined;
	/** When the event this item shows happened, if the item is a matching event at all (cursor aside). */
	eventTime(item: IDataObject): number | undefined;
	/**
	 * Whether this version reports an event not reported before. Called once per version, in
	 * ascending version time, with the position before that version.
	 */
	isNew(item: IDataObject, before: Position, memory?: TaskStateMemory): boolean;
}

export const SUCCEEDED_STATES = ['SUCCEEDED'];
/** Task states that mean the task ended without success. */
export const FAILED_STATES = ['FAILED', 'TIMEDOUT', 'CANCELLED', 'CANCELED'];
export const FINISHED_STATES = [...SUCCEEDED_STATES, ...FAILED_STATES];

export type TaskOutcome = 'any' | 'succeeded' | 'failed';

export function outcomeStates(outcome: TaskOutcome): string[] {
	if (outcome === 'succeeded') return SUCCEEDED_STATES;
	if (outcome === 'failed') return FAILED_STATES;
	return FINISHED_STATES;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== ''
		? value
		: typeof value === 'number'
			? String(value)
			: undefined;
}

export function taskState(task: IDataObject): string {
	return (text(task.state) ?? 'UNSPECIFIED').toUpperCase();
}

function taskVersionTime(task: IDataObject): number | undefined {
	return parseTime(task.updatedAt) ?? parseTime(task.createdAt);
}

/** Within one timestamp, a task's versions differ by state: those are all that matter here. */
function taskVersionKey(task: IDataObject): string | undefined {
	const id = text(task.id);
	return id === undefined ? undefined : `${id}|${taskState(task)}`;
}

/** Not before the cursor, and if at it, not shown by a version already handled there. */
function notReportedYet(before: Position, eventTime: number, key: string): boolean {
	return eventTime > before.at || (eventTime === before.at && !before.keys.includes(key));
}

/** When the task ended (never later than the version showing it). */
function finishedAt(task: IDataObject): number | undefined {
	const version = taskVersionTime(task);
	if (version === undefined) return undefined;
	return Math.min(parseTime(task.endedAt) ?? version, version);
}

/** When the task entered its current state, as far as its timestamps tell. */
export function stateEnteredAt(task: IDataObject): number | undefined {
	const version = taskVersionTime(task);
	if (version === undefined) return undefined;
	const state = taskState(task);
	let entered: number | undefined;
	if (state === 'INITIALIZED') entered = parseTime(task.createdAt);
	else if (state === 'RUNNING') entered = parseTime(task.startedAt);
	else if (FINISHED_STATES.includes(state)) entered = parseTime(task.endedAt);
	// PAUSED and anything else carry no timestamp of their own: the version's time stands in.
	return Math.min(entered ?? version, version);
}

/** A task reaching one of `states`; reported once, even when the finished task is updated again. */
export function taskFinishedRule(outcome: TaskOutcome): EventRule {
	const states = outcomeStates(outcome);
	return {
		versionTime: taskVersionTime,
		versionKey: taskVersionKey,
		eventTime: (task) => (states.includes(taskState(task)) ? finishedAt(task) : undefined),
		isNew(task, before) {
			if (!states.includes(taskState(task))) return false;
			const ended = finishedAt(task);
			const key = taskVersionKey(task);
			return ended !== undefined && key !== undefined && notReportedYet(before, ended, key);
		},
	};
}

/**
 * A GreenLake async operation reaching one of the outcome's states, in one of `services` (its
 * `services` list; none given: any). Operations have the task's states and timestamps.
 */
export function operationFinishedRule(outcome: TaskOutcome, services: string[]): EventRule {
	const finished = taskFinishedRule(outcome);
	const wanted = services.map((service) => service.toLowerCase());
	const inService = (operation: IDataObject) =>
		wanted.length === 0 ||
		(Array.isArray(operation.services) &&
			operation.services.some((service) => wanted.includes(String(service).toLowerCase())));
	return {
		...finished,
		eventTime: (operation) => (inService(operation) ? finished.eventTime(operation) : undefined),
		isNew: (operation, before, memory) => inService(operation) && finished.isNew(operation, before, memory),
	};
}

/**
 * Each state a task is seen in, once. A task remembered in `memory` (unfinished, last state seen)
 * is reported when its state differs from that; an unknown task is reported when it entered its
 * current state at or after the cursor. Progress updates within one state report nothing.
 */
export function taskStateChangedRule(): EventRule {
	return {
		versionTime: taskVersionTime,
		versionKey: taskVersionKey,
		eventTime: stateEnteredAt,
		isNew(task, before, memory) {
			const id = text(task.id);
			const key = taskVersionKey(task);
			const entered = stateEnteredAt(task);
			if (id === undefined || key === undefined || entered === undefined) return false;
			const state = taskState(task);
			const previous = memory?.get(id);
			const isNew =
				previous !== undefined ? previous !== state : notReportedYet(before, entered, key);
			memory?.record(id, state, FINISHED_STATES.includes(state));
			return isNew;
		},
	};
}

/** Items that never change their timestamp (issues by `createdAt`, audit events by `occurredAt`). */
export function createdItemRule(options: {
	timeField: string;
	keyFields: string[];
	matches?: (item: IDataObject) => boolean;
}): EventRule {
	const { timeField, keyFields, matches = () => true } = options;
	const versionTime = (item: IDataObject) => parseTime(item[timeField]);
	return {
		versionTime,
		versionKey: (item) =>
			keyFields.map((field) => text(item[field])).find((key) => key !== undefined),
		eventTime: (item) => (matches(item) ? versionTime(item) : undefined),
		isNew: (item) => matches(item),
	};
}

/** Issue severities DSCC documents: CRITICAL, WARNING, INFO for issues; HIGH, MEDIUM, LOW for recommendations. */
export function issueRule(severities: string[]): EventRule {
	const wanted = severities.map((severity) => severity.toUpperCase());
	return createdItemRule({
		timeField: 'createdAt',
		keyFields: ['id'],
		matches: (issue) =>
			wanted.length === 0 || wanted.includes((text(issue.severity) ?? '').toUpperCase()),
	});
}

export function auditEventRule(): EventRule {
	return createdItemRule({ timeField: 'occurredAt', keyFields: ['id', 'uniqueId'] });
}
