import type { IDataObject, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { refuseCall, refuseOversizedBody, refuseUnauthorisedCall, unregisteredWebhookMethods, webhookSecurityProperties } from '../shared/webhook';
import { redactSecrets, redactXml } from './operations';
import type { EventFilter } from './trigger/event';
import { KNOWN_EVENTS, eventLabel, isEventsCopy, passes, readCallback } from './trigger/event';

interface RequestWithRawBody {
	rawBody?: Buffer;
	query?: Record<string, unknown>;
	readRawBody?: () => Promise<void>;
	headers: Record<string, unknown>;
}

/** ESC's callbacks describe one deployment: a few kilobytes; a larger body is refused with 413. */
const MAX_CALLBACK_BYTES = 1024 * 1024;

export class CiscoEscTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cisco ESC Trigger',
		name: 'ciscoEscTrigger',
		icon: { light: 'file:ciscoEsc.svg', dark: 'file:ciscoEsc.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["finalOnly"] ? "Final events" : "Every event"}}',
		description: 'Starts the workflow when Cisco ESC reports on an operation (VM_DEPLOYED, VM_ALIVE, SERVICE_ALIVE...)',
		defaults: { name: 'Cisco ESC Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'esc' }],
		properties: [
			{
				displayName:
					'ESC has no API to register callbacks: give this webhook\'s Production URL, followed by ?token= and the Secret Token below, as the Callback URL of each request in the Cisco ESC node, and leave its Events Callback URL empty: each stage then starts one execution. Another client sending both callbacks here adds &escCallback=events to its events URL. Activate the workflow first.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			...webhookSecurityProperties('ESC'),
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				default: [],
				options: KNOWN_EVENTS.map((event) => ({ name: eventLabel(event), value: event, description: `ESC reports ${event}` })),
				description: 'Only these notifications start the workflow; none selected lets every notification through',
			},
			{
				displayName: 'Outcome',
				name: 'outcome',
				type: 'options',
				default: 'any',
				options: [
					{ name: 'Any', value: 'any' },
					{ name: 'Failure Only', value: 'failure', description: 'ESC-Status-Code other than 2xx' },
					{ name: 'Success Only', value: 'success', description: 'ESC-Status-Code 2xx' },
				],
			},
			{
				displayName: 'Tenant ID',
				name: 'tenantId',
				type: 'string',
				default: '',
				placeholder: 'admin',
				description:
					'Only notifications about this tenant: matched exactly against the internal tenant ID ESC puts in the notification (internal_tenant_id; the tenant name in events that carry no ID). Empty lets every tenant through.',
			},
			{
				displayName: 'Deployment ID',
				name: 'deploymentId',
				type: 'string',
				default: '',
				placeholder: 'dep-vpn-01',
				description:
					'Only notifications about this deployment: matched exactly against the internal deployment ID in the notification (internal_deployment_id, as in the Cisco ESC node\'s Deployment field), not its name. Empty lets every deployment through.',
			},
			{
				displayName: 'Final Events Only',
				name: 'finalOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to skip per-VM progress (VM_DEPLOYED, VM_ALIVE...) and start only on the last notification of an operation (SERVICE_ALIVE, SERVICE_UPDATED, ..._COMPLETE)',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{ displayName: 'Include Raw XML', name: 'includeRawXml', type: 'boolean', default: false, description: 'Whether to add the callback body exactly as ESC sent it, under rawXml' },
				],
			},
		],
	};

	/** ESC has no API to register a callback URL: it is given with each request, so there is nothing to create or delete. */
	webhookMethods = unregisteredWebhookMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const refused = refuseUnauthorisedCall(this) ?? refuseOversizedBody(this, MAX_CALLBACK_BYTES);
		if (refused) return refused;
		const request = this.getRequestObject() as unknown as RequestWithRawBody;
		if (!request.rawBody && request.readRawBody) await request.readRawBody();
		const bodyData = this.getBodyData() as unknown;
		const raw = request.rawBody ?? (typeof bodyData === 'string' ? bodyData : Buffer.alloc(0));
		const event = readCallback(request.headers, raw);
		if ('problem' in event) return refuseCall(this, 400, `Not an ESC callback: ${event.problem}`);
		// The same stage already came (or comes) to this trigger as the deployment document.
		if (isEventsCopy(request.query, event)) return { webhookResponse: { received: true, started: false } };
		const filter: EventFilter = {
			events: this.getNodeParameter('events', []) as string[],
			outcome: this.getNodeParameter('outcome', 'any') as EventFilter['outcome'],
			tenantId: String(this.getNodeParameter('tenantId', '') ?? '').trim() || undefined,
			deploymentId: String(this.getNodeParameter('deploymentId', '') ?? '').trim() || undefined,
			finalOnly: this.getNodeParameter('finalOnly', false) as boolean,
		};
		if (!passes(event, filter)) return { webhookResponse: { received: true, started: false } };
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const json: IDataObject = { ...event, body: redactSecrets(event.body), receivedAt: new Date().toISOString() };
		if (options.includeRawXml === true) json.rawXml = redactXml(Buffer.isBuffer(raw) ? raw.toString('utf8') : raw);
		return { workflowData: [this.helpers.returnJsonArray([json])] };
	}
}
