import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { XMLParser } from 'fast-xml-parser';

import { CiscoEscTrigger } from '../../nodes/CiscoEsc/CiscoEscTrigger.node';
import { runWebhook } from '../harness/context';

/**
 * The ESC Trigger behind a local HTTP server, receiving the simulator's real callbacks. It hands
 * each request to `webhook()` as n8n does: header names lower-cased, the raw body on `rawBody`, the
 * body already parsed for `getBodyData()` (n8n uses xml2js; the trigger reads the raw body instead).
 */
export interface EscTriggerReceiver {
	/** The webhook's URL, without the token. */
	url: string;
	/** The trigger's settings besides the defaults; change them between tests. */
	parameters: IDataObject;
	/** The events that started the workflow, in order. */
	started: IDataObject[];
	/** What the webhook answered each call. */
	answers: Array<{ status: number; body: unknown }>;
	close(): Promise<void>;
}

export async function startEscTriggerReceiver(secretToken: string): Promise<EscTriggerReceiver> {
	const trigger = new CiscoEscTrigger();
	const receiver: EscTriggerReceiver = { url: '', parameters: {}, started: [], answers: [], close: async () => {} };

	async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		const url = new URL(req.url ?? '/', 'http://n8n');
		let parsed: unknown = {};
		try {
			parsed = new XMLParser().parse(rawBody.toString('utf8')) as unknown;
		} catch {
			parsed = {};
		}
		let status = 200;
		let sent: unknown;
		const response = {
			status(code: number) {
				status = code;
				return response;
			},
			json(body: unknown) {
				sent = body;
			},
		};
		const request = { headers: req.headers, query: Object.fromEntries(url.searchParams), rawBody, ip: req.socket.remoteAddress, socket: req.socket };
		const all = { secretToken, allowedIps: '', events: [], outcome: 'any', tenantId: '', deploymentId: '', finalOnly: false, options: {}, ...receiver.parameters };
		const ctx = {
			getRequestObject: () => request,
			getResponseObject: () => response,
			getBodyData: () => parsed,
			getHeaderData: () => req.headers,
			getNodeParameter: (name: string, fallback?: unknown) => (all as IDataObject)[name] ?? fallback,
			helpers: { returnJsonArray: (data: IDataObject | IDataObject[]) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })) },
		} as unknown as IWebhookFunctions;
		const result: IWebhookResponseData = await runWebhook(trigger, ctx);
		if (result.workflowData) receiver.started.push(...result.workflowData[0].map((item) => item.json));
		if (!result.noWebhookResponse) sent = result.webhookResponse ?? { message: 'Workflow was started' };
		receiver.answers.push({ status, body: sent });
		res.writeHead(status, { 'content-type': 'application/json' });
		res.end(JSON.stringify(sent ?? {}));
	}

	const server = http.createServer((req, res) => void handle(req, res));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/esc`;
	receiver.close = async () => await new Promise<void>((resolve) => server.close(() => resolve()));
	return receiver;
}
