import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { fetchPages } from '../shared/transport';
import { DCI_CREDENTIAL, dciApi, dciEnvelope, endpointPath } from './api';
import type { Cursor, DciTriggerEvent, EventSettings, OperationKind, OperationOutcome } from './trigger/events';
import { DCI_TRIGGER_EVENTS, diff, sampleEvent, snapshot } from './trigger/events';
import { checkRawWhere } from './where';

/** Pages of servers one poll may read (1000 servers each). */
const MAX_PAGES_PER_POLL = 20;

export class DciManagerTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DCImanager Trigger',
		name: 'dciManagerTrigger',
		icon: { light: 'file:dcimanager.svg', dark: 'file:dcimanager.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ {"operationFinished": "Operation Finished", "serverStateChanged": "Server State Changed", "serverBecameFree": "Server Became Free"}[$parameter["event"]] }}',
		description: 'Starts the workflow when a DCImanager 6 server operation finishes, a server changes state or a server becomes free',
		defaults: { name: 'DCImanager Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: DCI_CREDENTIAL, required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Operation Finished',
						value: 'operationFinished',
						description: "A server's operation ends: OS install or reinstall, power change, diagnostics",
					},
					{ name: 'Server Became Free', value: 'serverBecameFree', description: 'A server that had an owner has none any more' },
					{ name: 'Server State Changed', value: 'serverStateChanged', description: 'A server is seen in a new state' },
				],
				default: 'operationFinished',
				hint: 'The first poll after activation notes how things stand: only what changes after it is reported',
			},
			{
				displayName: 'Operations',
				name: 'kinds',
				type: 'multiOptions',
				options: [
					{ name: 'Diagnostics', value: 'diagnostics' },
					{ name: 'OS Install or Reinstall', value: 'osInstall' },
					{ name: 'Power On, Off or Reset', value: 'power' },
				],
				default: [],
				description: 'Which operations start the workflow. None selected: all.',
				displayOptions: { show: { event: ['operationFinished'] } },
			},
			{
				displayName: 'Outcome',
				name: 'outcome',
				type: 'options',
				options: [
					{ name: 'Any', value: 'any' },
					{ name: 'Failed', value: 'failed' },
					{ name: 'Succeeded', value: 'succeeded' },
				],
				default: 'any',
				displayOptions: { show: { event: ['operationFinished'] } },
			},
			{
				displayName: 'New States',
				name: 'states',
				type: 'string',
				default: '',
				placeholder: 'active, off',
				description: 'Comma-separated states; only changes into one of them start the workflow. Empty: every change.',
				displayOptions: { show: { event: ['serverStateChanged'] } },
			},
			{
				displayName: 'Only Servers Matching (Where)',
				name: 'where',
				type: 'string',
				default: '',
				placeholder: 'location_id EQ 3',
				description: 'A DCImanager where expression limiting the servers watched, e.g. to one location',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as DciTriggerEvent;
		if (!DCI_TRIGGER_EVENTS.includes(event)) {
			throw new NodeOperationError(this.getNode(), `Unknown event "${String(event)}"`, { description: 'Pick an event from the list.' });
		}
		const settings = readSettings(this);
		const where = String(this.getNodeParameter('where', '') ?? '').trim();
		try {
			if (where !== '') checkRawWhere(where);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), `The server filter is not valid: ${(error as Error).message}`);
		}
		const servers = await fetchPages(
			this,
			dciApi,
			{ method: 'GET', path: endpointPath('serverList'), qs: { where, orderby: 'id asc' } },
			dciEnvelope,
			{ returnAll: true, maxPages: MAX_PAGES_PER_POLL },
		);

		if (this.getMode() === 'manual') {
			const sample = sampleEvent(event, settings, servers);
			if (!sample) {
				throw new NodeOperationError(this.getNode(), 'DCImanager has nothing to show for this event yet', {
					description:
						'The test event is built from a real server: a finished operation of the chosen kind and outcome, a server in one of the states, or a free server. Once there is one, fetch again.',
				});
			}
			return [[{ json: sample }]];
		}

		const staticData = this.getWorkflowStaticData('node');
		const stored = staticData.cursor as Cursor | undefined;
		if (!stored || stored.event !== event) {
			staticData.cursor = snapshot(event, servers) as unknown as IDataObject;
			return null;
		}
		const { events, cursor } = diff(event, settings, stored, servers);
		staticData.cursor = cursor as unknown as IDataObject;
		if (events.length === 0) return null;
		return [events.map((json) => ({ json }))];
	}
}

function readSettings(ctx: IPollFunctions): EventSettings {
	const kinds = ctx.getNodeParameter('kinds', []) as OperationKind[];
	const states = String(ctx.getNodeParameter('states', '') ?? '')
		.split(',')
		.map((state) => state.trim())
		.filter(Boolean);
	return {
		kinds: Array.isArray(kinds) ? kinds : [],
		outcome: ctx.getNodeParameter('outcome', 'any') as OperationOutcome,
		states,
	};
}
