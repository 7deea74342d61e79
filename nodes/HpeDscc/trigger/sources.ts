import type { IDataObject } from 'n8n-workflow';

import type { PageRequest, TimeWindow } from './collect';
import { formatTime } from './cursor';
import type { EventRule, TaskOutcome } from './events';
import {
	auditEventRule,
	issueRule,
	operationFinishedRule,
	taskFinishedRule,
	taskStateChangedRule,
} from './events';

/** Values of the trigger's Event parameter (stored in workflows: never rename). */
export type TriggerEvent =
	| 'taskFinished'
	| 'taskStateChanged'
	| 'newIssue'
	| 'newAuditEvent'
	| 'greenLakeOperationFinished';

export const TRIGGER_EVENTS: TriggerEvent[] = [
	'taskFinished',
	'taskStateChanged',
	'newIssue',
	'newAuditEvent',
	'greenLakeOperationFinished',
];

/** One listing the trigger reads, as its OpenAPI document describes it. */
export interface EventSource {
	/** Which API serves it: DSCC (`/api/v1`) or the GreenLake APIs (`*.api.greenlake.hpe.com`). */
	api: 'dscc' | 'greenLake';
	path: string;
	/** The timestamp filtered on (and sorted by, where the listing sorts). */
	timeField: string;
	/** Whether the listing takes `sort`: `/api/v1/tasks` does not. */
	sorted: boolean;
	/** What the event is called in messages, e.g. "finished task". */
	noun: string;
}

export const EVENT_SOURCES: { [event in TriggerEvent]: EventSource } = {
	// Tasks: offset, limit and filter only. `updatedAt` moves on every change (state, progress).
	taskFinished: {
		api: 'dscc',
		path: '/api/v1/tasks',
		timeField: 'updatedAt',
		sorted: false,
		noun: 'finished task',
	},
	taskStateChanged: { api: 'dscc', path: '/api/v1/tasks', timeField: 'updatedAt', sorted: false, noun: 'task' },
	// Issues filter on `createdAt` (not `updatedAt`) with eq, gt, lt and in; sort takes one property.
	newIssue: { api: 'dscc', path: '/api/v1/issues', timeField: 'createdAt', sorted: true, noun: 'issue' },
	// Audit events: `occurredAt`; sort "only 1 property per request".
	newAuditEvent: {
		api: 'dscc',
		path: '/api/v1/audit-events',
		timeField: 'occurredAt',
		sorted: true,
		noun: 'audit event',
	},
	// GreenLake data-services async operations (PCBE, virtualization, ...): offset, limit, filter and
	// sort; `updatedAt` moves on every change, like DSCC tasks.
	greenLakeOperationFinished: {
		api: 'greenLake',
		path: '/data-services/v1beta1/async-operations',
		timeField: 'updatedAt',
		sorted: true,
		noun: 'finished GreenLake async operation',
	},
};

export interface EventSettings {
	outcome?: TaskOutcome;
	severities?: string[];
	/** OData filter the user typed (tasks, audit events). */
	filter?: string;
	/** GreenLake services an async operation must belong to (its `services`); none: all. */
	services?: string[];
}

export function ruleFor(event: TriggerEvent, settings: EventSettings): EventRule {
	switch (event) {
		case 'taskFinished':
			return taskFinishedRule(settings.outcome ?? 'any');
		case 'taskStateChanged':
			return taskStateChangedRule();
		case 'newIssue':
			return issueRule(settings.severities ?? []);
		case 'newAuditEvent':
			return auditEventRule();
		case 'greenLakeOperationFinished':
			return operationFinishedRule(settings.outcome ?? 'any', settings.services ?? []);
	}
}

/**
 * The filter for a time window. Only `gt` and `lt` (what the issues listing documents; the
 * audit example uses `gt`). The lower bound is widened to the previous whole second when the
 * window starts on one, which matches exactly when the API keeps whole seconds (as DSCC does)
 * and otherwise asks for a little more: items outside the window are dropped after reading.
 */
export function windowFilter(timeField: string, window: TimeWindow): string[] {
	const clauses: string[] = [];
	if (window.from !== undefined) {
		const after = window.from % 1000 === 0 ? window.from - 1000 : window.from - 1;
		clauses.push(`${timeField} gt ${formatTime(after)}`);
	}
	if (window.to !== undefined) clauses.push(`${timeField} lt ${formatTime(window.to)}`);
	return clauses;
}

function quote(value: string): string {
	return `'${value.replace(/'/g, "''")}'`;
}

/** `filter` and `sort` of one page request: window, the event's own filter, the user's filter. */
export function listQuery(
	event: TriggerEvent,
	settings: EventSettings,
	request: PageRequest,
): IDataObject {
	const source = EVENT_SOURCES[event];
	const clauses = windowFilter(source.timeField, request.window);
	const severities = event === 'newIssue' ? (settings.severities ?? []) : [];
	if (severities.length > 0) clauses.push(`severity in (${severities.map(quote).join(',')})`);
	const userFilter = settings.filter?.trim();
	// "a and b or c" would escape the window: a filter with "or" is kept in parentheses.
	if (userFilter) clauses.push(/\bor\b/i.test(userFilter) ? `(${userFilter})` : userFilter);
	const query: IDataObject = {};
	if (clauses.length > 0) query.filter = clauses.join(' and ');
	if (source.sorted && request.order) query.sort = `${source.timeField} ${request.order}`;
	return query;
}
