import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { startFromOptions } from '../shared/polling';
import { DSCC_CREDENTIAL } from './api';
import { filterHint } from './profile';
import { operationFinishedProperties, pollEvents, readOperationSettings } from './trigger/poll';
import type { EventSettings, TriggerEvent } from './trigger/sources';
import { TRIGGER_EVENTS } from './trigger/sources';
import type { TaskOutcome } from './trigger/events';

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
			...operationFinishedProperties({ event: ['greenLakeOperationFinished'] }),
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
		return await pollEvents(this, event, readSettings(this, event));
	}
}

function readSettings(ctx: IPollFunctions, event: TriggerEvent): EventSettings {
	if (event === 'greenLakeOperationFinished') return readOperationSettings(ctx);
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

