import type { INodeExecutionData, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { firstPollLookbackMs, isActivationPoll, startFromOption } from '../../shared/polling';
import { apiRequest, headerValue } from '../../shared/transport';
import { greenLakeApi } from '../../HpeGreenLakePcbe/api';
import { dsccApi, dsccEnvelope } from '../api';
import type { FetchPage } from './collect';
import { collectEvents, findNewestEvent, startingPosition } from './collect';
import type { Position } from './cursor';
import { TaskStateMemory, readCursor, writeCursor } from './cursor';
import type { TaskOutcome } from './events';
import type { EventSettings, TriggerEvent } from './sources';
import { EVENT_SOURCES, listQuery, ruleFor } from './sources';

/**
 * The polling shared by the HPE triggers: the DSCC trigger (tasks, issues, audit events, GreenLake
 * async operations) and the PCBE trigger (GreenLake async operations). Both keep their cursor per
 * event in the workflow's static data.
 */

/** Items per request: DSCC's largest page. */
const PAGE_SIZE = dsccEnvelope.maxPageSize;
/** Hard cap on requests in one poll; the rest waits for the next poll. */
const MAX_REQUESTS_PER_POLL = 20;
/** Requests "Fetch Test Event" may make to find the most recent event. */
const MAX_TEST_REQUESTS = 10;

/** The settings of "GreenLake async operation finished", shown under `show` (e.g. for that event only). */
export function operationFinishedProperties(show: { [name: string]: string[] } | undefined): INodeProperties[] {
	const displayOptions = show ? { displayOptions: { show } } : {};
	return [
		{
			displayName: 'Outcome',
			name: 'operationOutcome',
			type: 'options',
			options: [
				{ name: 'Any', value: 'any', description: 'Every finished operation' },
				{
					name: 'Failed, Timed Out or Cancelled',
					value: 'failed',
					description: 'Operations in state FAILED, TIMEDOUT or CANCELLED',
				},
				{ name: 'Succeeded', value: 'succeeded', description: 'Operations in state SUCCEEDED' },
			],
			default: 'any',
			description: 'Which finished operations start the workflow',
			...displayOptions,
		},
		{
			displayName: 'Services',
			name: 'operationServices',
			type: 'string',
			default: '',
			placeholder: 'private-cloud-business-edition',
			description:
				'Only operations of these GreenLake services (comma-separated, as in the operation\'s "services") start the workflow. Empty: all.',
			...displayOptions,
		},
	];
}

export function readOperationSettings(ctx: IPollFunctions): EventSettings {
	const services = String(ctx.getNodeParameter('operationServices', '') ?? '')
		.split(',')
		.map((service) => service.trim())
		.filter((service) => service !== '');
	const invalid = services.find((service) => !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(service));
	if (invalid !== undefined) {
		throw new NodeOperationError(ctx.getNode(), `"${invalid}" in "Services" is not a service name`, {
			description: 'Service names are like private-cloud-business-edition, separated by commas.',
		});
	}
	return { outcome: ctx.getNodeParameter('operationOutcome', 'any') as TaskOutcome, services };
}

/** One poll of `event`: the newest event for "Fetch Test Event", else the new events since the cursor. */
export async function pollEvents(ctx: IPollFunctions, event: TriggerEvent, settings: EventSettings): Promise<INodeExecutionData[][] | null> {
	const source = EVENT_SOURCES[event];
	const rule = ruleFor(event, settings);
	const fetchPage = sourcePages(ctx, event, settings);

	if (ctx.getMode() === 'manual') {
		const newest = await findNewestEvent({
			rule,
			fetchPage,
			sorted: source.sorted,
			pageSize: PAGE_SIZE,
			now: Date.now(),
			maxRequests: MAX_TEST_REQUESTS,
		});
		if (!newest) {
			throw new NodeOperationError(
				ctx.getNode(),
				`There is no ${describeWanted(event, settings)} in ${source.api === 'greenLake' ? 'HPE GreenLake' : 'HPE Data Services Cloud Console'} yet`,
				{
					description:
						'The test event is the most recent real one. Once there is one, fetch again; an active workflow reports new ones as they happen.',
				},
			);
		}
		return [[{ json: newest }]];
	}

	const staticData = ctx.getWorkflowStaticData('node');
	const stored = readCursor(staticData, event);
	const memory =
		event === 'taskStateChanged' ? new TaskStateMemory(stored?.taskStates) : undefined;
	const budgetMs = typeof ctx.getPollBudgetMs === 'function' ? ctx.getPollBudgetMs() : 300_000;
	const deadline = Date.now() + budgetMs / 2;
	const reading = {
		rule,
		memory,
		fetchPage,
		sorted: source.sorted,
		pageSize: PAGE_SIZE,
		maxRequests: MAX_REQUESTS_PER_POLL,
		outOfTime: () => Date.now() > deadline,
		now: Date.now(),
	};

	let position: Position;
	if (stored) {
		position = stored.position;
	} else {
		const startFrom = startFromOption(ctx);
		if (startFrom === undefined) {
			// No cursor yet. At activation: start at the server's "now" and report nothing older.
			// Later (n8n did not keep what the activation poll stored): cover the time since then.
			const activation = isActivationPoll(ctx);
			const start = await startingPosition({
				...reading,
				lookbackMs: activation ? 0 : firstPollLookbackMs(ctx),
			});
			writeCursor(staticData, event, {
				position: start.position,
				taskStates: memory?.entries(),
				windowMs: start.nextWindowMs,
			});
			if (activation || start.events.length === 0) return null;
			return [start.events.map((json) => ({ json }))];
		}
		position = { at: startFrom, keys: [] };
	}

	const result = await collectEvents({ ...reading, position, windowMs: stored?.windowMs });
	writeCursor(staticData, event, {
		position: result.position,
		taskStates: memory?.entries(),
		windowMs: result.nextWindowMs,
	});
	if (result.events.length === 0) return null;
	return [result.events.map((json) => ({ json }))];
}

function describeWanted(event: TriggerEvent, settings: EventSettings): string {
	const noun = EVENT_SOURCES[event].noun;
	if (event === 'greenLakeOperationFinished') {
		const outcome = settings.outcome === 'succeeded' ? 'succeeded ' : settings.outcome === 'failed' ? 'failed, timed-out or cancelled ' : 'finished ';
		const services = settings.services?.length ? ` of ${settings.services.join(' or ')}` : '';
		return `${outcome}async operation${services}`;
	}
	if (event === 'taskFinished' && settings.outcome === 'succeeded') return 'succeeded task';
	if (event === 'taskFinished' && settings.outcome === 'failed')
		return 'failed, timed-out or cancelled task';
	if (event === 'newIssue' && settings.severities?.length)
		return `issue of severity ${settings.severities.join(' or ')}`;
	if (settings.filter) return `${noun} matching the filter`;
	return noun;
}

/** Reads one page of the event's listing (DSCC or GreenLake, same envelope) through the shared transport. */
function sourcePages(ctx: IPollFunctions, event: TriggerEvent, settings: EventSettings): FetchPage {
	const source = EVENT_SOURCES[event];
	const api = source.api === 'greenLake' ? greenLakeApi : dsccApi;
	return async (request) => {
		const response = await apiRequest(ctx, api, {
			method: 'GET',
			path: source.path,
			qs: {
				...listQuery(event, settings, request),
				...dsccEnvelope.pageQuery(request.offset, request.limit),
			},
		});
		const date = headerValue(response.headers, 'date');
		const serverTime = date !== undefined ? Date.parse(date) : Number.NaN;
		return {
			items: dsccEnvelope.items(response.body),
			total: dsccEnvelope.total(response.body),
			serverTime: Number.isFinite(serverTime) ? serverTime : undefined,
		};
	};
}
