import type { IDataObject, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { refuseCall, refuseOversizedBody, refuseUnauthorisedCall, unregisteredWebhookMethods, webhookSecurityProperties } from '../shared/webhook';
import { apiRequest } from '../shared/transport';
import { CLOUTILITY_CREDENTIAL, CLOUTILITY_ID_PATTERN, cloutilityApi } from './api';
import { listSearch } from './listSearch';
import { businessUnitLocator } from './locators';

/** Cloutility's test POST from the subscriber settings says so in its `trigger` text. */
export function isTestNotice(body: IDataObject): boolean {
	return typeof body.trigger === 'string' && /\btest\b/i.test(body.trigger);
}

const VERSION_1 = { '@version': [1] };
/** A billing notice is one short JSON object; a larger body is refused with 413. */
const MAX_NOTICE_BYTES = 64 * 1024;

/**
 * The notice as a JSON object, from the body as sent when n8n kept it, else as n8n parsed it;
 * undefined for anything else (malformed JSON, XML, a list, a bare value).
 */
function readNotice(request: { rawBody?: unknown; headers?: Record<string, unknown> }, parsed: unknown): IDataObject | undefined {
	let value: unknown = parsed;
	if (Buffer.isBuffer(request.rawBody) && request.rawBody.length > 0) {
		try {
			value = JSON.parse(request.rawBody.toString('utf8')) as unknown;
		} catch {
			return undefined;
		}
	} else if (!/json/i.test(String(request.headers?.['content-type'] ?? 'application/json'))) {
		return undefined;
	}
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as IDataObject) : undefined;
}

/**
 * Receives Cloutility's notice that new billing data is available (Settings → Billing →
 * Subscribers → Post URL). Version 2 answers the notice at once and emits it with the business
 * unit to read; the workflow reads the billing data with the Cloutility node (Billing → Get Many),
 * where a failure is visible and can be retried. Version 1 read the billing data before answering.
 */
export class CloutilityBillingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cloutility Billing Trigger',
		name: 'cloutilityBillingTrigger',
		icon: { light: 'file:cloutility.svg', dark: 'file:cloutility.dark.svg' },
		group: ['trigger'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: 'New billing data',
		description: 'Starts the workflow when Cloutility announces new billing data',
		defaults: { name: 'Cloutility Billing Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// Version 2 always uses it (the business unit list); version 1 only to fetch billing data.
		credentials: [{ name: CLOUTILITY_CREDENTIAL, required: true, displayOptions: { hide: { fetchBillingData: [false] } } }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'cloutility-billing' }],
		properties: [
			{
				displayName:
					'In Cloutility, open Settings → Billing → Subscribers in the reseller business unit and enter the webhook URL above as Post URL, followed by ?token= and the secret token below',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			...webhookSecurityProperties('Cloutility'),
			{
				...businessUnitLocator(
					'businessUnitId',
					'Business Unit',
					'The reseller business unit whose billing data is announced. The notice carries its ID as businessUnitId, for a Cloutility node (Billing → Get Many) that reads the data next.',
				),
				required: false,
				displayOptions: { hide: VERSION_1 },
			},
			{
				displayName:
					'The notice is answered at once. To read the billing data, add a Cloutility node after this trigger: Billing → Get Many, with the business unit from the notice (businessUnitId).',
				name: 'billingDataNotice',
				type: 'notice',
				default: '',
				displayOptions: { hide: VERSION_1 },
			},
			{
				displayName: 'Fetch Billing Data',
				name: 'fetchBillingData',
				type: 'boolean',
				default: false,
				description: 'Whether to read the billing data of a business unit when a notice arrives (test notices excepted)',
				displayOptions: { show: VERSION_1 },
			},
			{
				...businessUnitLocator('businessUnitId', 'Business Unit', 'The reseller business unit whose billing data to read'),
				displayOptions: { show: { ...VERSION_1, fetchBillingData: [true] } },
			},
		],
	};

	methods = { listSearch };

	/** Cloutility has no API to register subscribers: the user enters the URL in the portal, so there is nothing to create or remove. */
	webhookMethods = unregisteredWebhookMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const refused = refuseUnauthorisedCall(this) ?? refuseOversizedBody(this, MAX_NOTICE_BYTES);
		if (refused) return refused;
		const request = this.getRequestObject() as { rawBody?: unknown; headers?: Record<string, unknown> };
		const body = readNotice(request, this.getBodyData());
		if (!body) {
			const xml = /xml/i.test(String(request.headers?.['content-type'] ?? ''));
			return xml
				? refuseCall(this, 415, 'Cloutility sends billing notices as JSON; this call is XML')
				: refuseCall(this, 400, 'Not a Cloutility billing notice: the body is not a JSON object');
		}
		const notice: IDataObject = { ...body, isTestNotice: isTestNotice(body), receivedAt: new Date().toISOString() };
		if (this.getNode().typeVersion >= 2) {
			// Nothing is read here: the notice is acknowledged whatever the billing API does.
			const businessUnitId = String(this.getNodeParameter('businessUnitId', '', { extractValue: true }) ?? '').trim();
			if (CLOUTILITY_ID_PATTERN.test(businessUnitId)) notice.businessUnitId = Number(businessUnitId);
			return { webhookResponse: { received: true }, workflowData: [this.helpers.returnJsonArray([notice])] };
		}
		if (this.getNodeParameter('fetchBillingData', false) === true && !notice.isTestNotice) {
			const businessUnitId = String(this.getNodeParameter('businessUnitId', '', { extractValue: true }) ?? '').trim();
			if (!CLOUTILITY_ID_PATTERN.test(businessUnitId)) {
				throw new NodeOperationError(this.getNode(), `"${businessUnitId}" is not a valid Business Unit`, {
					description: 'Pick the business unit whose billing data to read, or turn off "Fetch Billing Data".',
				});
			}
			const { body: billing } = await apiRequest<IDataObject>(this, cloutilityApi, {
				method: 'GET',
				path: `/v1/bunits/${businessUnitId}/billing`,
				subject: `Billing data of business unit ${businessUnitId}`,
			});
			notice.billingData = Array.isArray(billing.items) ? billing.items : [];
		}
		return { webhookResponse: { received: true }, workflowData: [this.helpers.returnJsonArray([notice])] };
	}
}
