import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { firstPollLookbackMs, isActivationPoll, startFromOption, startFromOptions } from '../shared/polling';
import { apiRequest, headerValue } from '../shared/transport';
import { greenLakeApi } from '../HpeGreenLakePcbe/api';
import { DSCC_CREDENTIAL, dsccApi, dsccEnvelope } from './api';
import { filterHint } from './profile';
import type { FetchPage } from './trigger/collect';
import { collectEvents, findNewestEvent, startingPosition } from './trigger/collect';
import type { Position } from './trigger/cursor';
import { TaskStateMemory, readCursor, writeCursor } from './trigger/cursor';
import type { TaskOutcome } from './trigger/events';
import type { EventSettings, TriggerEvent } from './trigger/sources';
import { EVENT_SOURCES, TRIGGER_EVENTS, listQuery, ruleFor } from './trigger/sources';

/** Items per request: DSCC's largest page. */
const PAGE_SIZE = dsccEnvelope.maxPageSize;
/** Hard cap on requests in one poll; the rest waits for the next poll. */
const MAX_REQUESTS_PER_POLL = 20;
/** Requests "Fetch Test Event" may make to find the most recent event. */
const MAX_TEST_REQUESTS = 10;
const FILTER_MAX_LENGTH = 2000;

const TASK_EVENTS: TriggerEvent[] = ['taskFinished', 'taskStateChanged'];

export class HpeDsccTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HPE Data Services Cloud Console Trigger',
		name: 'hpeDsccTrigger',
		icon: { light: 'file:hpeDscc.svg', dark: 'file:hpeDscc.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ {"taskFinished": "Task Finished", "taskStateChanged": "Task State Changed", "newIssue": "New Issue", "newAuditEvent": "New Audit Event", "greenLakeOperationFinished": "GreenLake Async Operation Finished"}[$parameter["event"]] }}',
		description:
			'Starts the workflow when an HPE Data Services Cloud Console task finishes or changes state, an issue is raised, an audit event is recorded, or an HPE GreenLake async operation finishes',
		defaults: { name: 'HPE DSCC Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: DSCC_CREDENTIAL, required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'GreenLake Async Operation Finished',
						value: 'greenLakeOperationFinished',
						description:
							'An HPE GreenLake async operation (Private Cloud Business Edition, virtualization, ...) ends: succeeded, failed, timed out or cancelled',
					},
					{
						name: 'New Audit Event',
						value: 'newAuditEvent',
						description:
							'An audit event is recorded: who did what, on which resource, and whether it worked',
					},
					{
						name: 'New Issue',
						value: 'newIssue',
						description: 'DSCC raises an issue or a recommendation',
					},
					{
						name: 'Task Finished',
						value: 'taskFinished',
						description: 'An asynchronous task ends: succeeded, failed, timed out or cancelled',
					},
					{
						name: 'Task State Changed',
						value: 'taskStateChanged',
						description: 'A task is seen in a new state (initialized, running, paused, finished)',
					},
				],
				default: 'taskFinished',
				hint: 'Reports events from the moment the workflow is activated. To also report older ones, set Options → Start From.',
			},
			{
				displayName: 'Outcome',
				name: 'outcome',
				type: 'options',
				options: [
					{ name: 'Any', value: 'any', description: 'Every finished task' },
					{
						name: 'Failed, Timed Out or Cancelled',
						value: 'failed',
						description: 'Tasks in state FAILED, TIMEDOUT or CANCELLED',
					},
					{ name: 'Succeeded', value: 'succeeded', description: 'Tasks in state SUCCEEDED' },
				],
				default: 'any',
				description: 'Which finished tasks start the workflow',
				displayOptions: { show: { event: ['taskFinished'] } },
			},
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
				displayOptions: { show: { event: ['greenLakeOperationFinished'] } },
			},
			{
				displayName: 'Services',
				name: 'operationServices',
				type: 'string',
				default: '',
				placeholder: 'private-cloud-business-edition',
				description:
					'Only operations of these GreenLake services (comma-separated, as in the operation\'s "services") start the workflow. Empty: all.',
				displayOptions: { show: { event: ['greenLakeOperationFinished'] } },
			},
			{
				displayName: 'Severities',
				name: 'severities',
				type: 'multiOptions',
				options: [
					{ name: 'Critical', value: 'CRITICAL' },
					{ name: 'High (Recommendation)', value: 'HIGH' },
					{ name: 'Info', value: 'INFO' },
					{ name: 'Low (Recommendation)', value: 'LOW' },
					{ name: 'Medium (Recommendation)', value: 'MEDIUM' },
					{ name: 'Warning', value: 'WARNING' },
				],
				default: [],
				description:
					'Only issues of these severities start the workflow. None selected: all. Issues are CRITICAL, WARNING or INFO; recommendations HIGH, MEDIUM or LOW.',
				displayOptions: { show: { event: ['newIssue'] } },
			},
			{
				displayName: 'Filter',
				name: 'taskFilter',
				type: 'string',
				default: '',
				placeholder: "userId eq 'fred@example.com'",
				description:
					'Optional OData filter tasks must also match (property, operator, value; combine with "and"). Added to the time filter of the trigger.',
				hint: filterHint("userId eq 'fred@example.com'"),
				displayOptions: { show: { event: ['taskFinished', 'taskStateChanged'] } },
			},
			{
				displayName: 'Filter',
				name: 'auditFilter',
				type: 'string',
				default: '',
				placeholder: 'state eq Failure',
				description:
					'Optional OData filter audit events must also match, e.g. state eq Failure. Added to the time filter of the trigger.',
				hint: filterHint('state eq Failure', 'eq, gt'),
				displayOptions: { show: { event: ['newAuditEvent'] } },
			},
			startFromOptions(
				'When the trigger has no saved position yet (first activation, or after changing Event), report events from this time on. Empty: from activation on.',
			),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as TriggerEvent;
		if (!TRIGGER_EVENTS.includes(event)) {
			throw new NodeOperationError(this.getNode(), `Unknown event "${String(event)}"`, {
				description: 'Pick an event from the list.',
			});
		}
		const settings = readSettings(this, event);
		const source = EVENT_SOURCES[event];
		const rule = ruleFor(event, settings);
		const fetchPage = sourcePages(this, event, settings);

		if (this.getMode() === 'manual') {
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
					this.getNode(),
					`There is no ${describeWanted(event, settings)} in ${source.api === 'greenLake' ? 'HPE GreenLake' : 'HPE Data Services Cloud Console'} yet`,
					{
						description:
							'The test event is the most recent real one. Once there is one, fetch again; an active workflow reports new ones as they happen.',
					},
				);
			}
			return [[{ json: newest }]];
		}

		const staticData = this.getWorkflowStaticData('node');
		const stored = readCursor(staticData, event);
		const memory =
			event === 'taskStateChanged' ? new TaskStateMemory(stored?.taskStates) : undefined;
		const budgetMs = typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : 300_000;
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
			const startFrom = startFromOption(this);
			if (startFrom === undefined) {
				// No cursor yet. At activation: start at the server's "now" and report nothing older.
				// Later (n8n did not keep what the activation poll stored): cover the time since then.
				const activation = isActivationPoll(this);
				const start = await startingPosition({
					...reading,
					lookbackMs: activation ? 0 : firstPollLookbackMs(this),
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
}

function readSettings(ctx: IPollFunctions, event: TriggerEvent): EventSettings {
	if (event === 'greenLakeOperationFinished') {
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
	if (event === 'newIssue') {
		const severities = ctx.getNodeParameter('severities', []) as string[];
		return { severities: Array.isArray(severities) ? severities.map(String) : [] };
	}
	const filterName = TASK_EVENTS.includes(event) ? 'taskFilter' : 'auditFilter';
	const filter = String(ctx.getNodeParameter(filterName, '') ?? '').trim();
	if (filter.length > FILTER_MAX_LENGTH || /[\r\n\0]/.test(filter)) {
		throw new NodeOperationError(ctx.getNode(), 'The filter is not valid', {
			description: `Use a single line of at most ${FILTER_MAX_LENGTH} characters.`,
		});
	}
	const settings: EventSettings = { filter: filter || undefined };
	if (event === 'taskFinished')
		settings.outcome = ctx.getNodeParameter('outcome', 'any') as TaskOutcome;
	return settings;
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
