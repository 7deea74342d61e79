import { randomBytes } from 'node:crypto';
import type { IDataObject, INodeExecutionData, INodeType, IWebhookFunctions } from 'n8n-workflow';

import { CiscoEscTrigger } from '../../nodes/CiscoEsc/CiscoEscTrigger.node';
import { CloutilityBillingTrigger } from '../../nodes/Cloutility/CloutilityBillingTrigger.node';
import { runWebhook } from '../harness/context';

/**
 * The two webhook triggers (ESC callbacks, Cloutility billing notices) against hostile calls: each
 * is refused with its status, starts no workflow and answers nothing the caller sent. The request
 * is handed over as n8n does: query, lower-case headers, the raw body and the body n8n parsed.
 * test/e2e/security.test.ts sends the same calls to a real n8n.
 */
const TOKEN = randomBytes(16).toString('hex');
/** Put in every hostile body: the answer must never contain it. */
const MARKER = 'Zq7Marker';

interface Call {
	query?: IDataObject;
	ip?: string;
	contentType: string;
	body: string | Buffer;
	/** What n8n parsed from the body (JSON only; n8n answers 422 itself when that fails). */
	parsed?: unknown;
}

interface Answer {
	status?: number;
	body?: unknown;
	started: INodeExecutionData[] | undefined;
}

async function call(node: INodeType, parameters: IDataObject, request: Call): Promise<Answer> {
	const sent: { status?: number; body?: unknown } = {};
	const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body);
	const context = {
		getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getRequestObject: () => ({
			query: request.query ?? { token: TOKEN },
			ip: request.ip ?? '127.0.0.1',
			headers: { 'content-type': request.contentType, 'content-length': String(raw.length), 'esc-transaction-id': 'tx-1', 'esc-status-code': '200' },
			rawBody: raw,
		}),
		getResponseObject: () => ({
			status(code: number) {
				sent.status = code;
				return { json: (payload: unknown) => (sent.body = payload) };
			},
		}),
		getBodyData: () => request.parsed ?? {},
		getNode: () => ({ name: 'Trigger', type: node.description.name, typeVersion: 1, parameters }),
		helpers: { returnJsonArray: (items: IDataObject[]) => items.map((json) => ({ json })) },
	} as unknown as IWebhookFunctions;
	const result = await runWebhook(node, context);
	return { ...sent, started: result.workflowData?.[0] };
}

const ESC_CALLBACK = `<?xml version="1.0" encoding="UTF-8"?><esc_event xmlns="urn:ietf:params:xml:ns:netconf:notification:1.0"><status>SUCCESS</status><deployment_name>web</deployment_name><tenant>admin</tenant><depName>web</depName><event><type>SERVICE_ALIVE</type></event></esc_event>`;
const BILLING_NOTICE = { trigger: 'new billing data available' };

const billionLaughs = `<?xml version="1.0"?><!DOCTYPE ${MARKER} [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY ${MARKER}x "&lol2;&lol2;&lol2;&lol2;">]><esc_event><status>&${MARKER}x;</status></esc_event>`;
const externalEntity = `<?xml version="1.0"?><!DOCTYPE esc_event [<!ENTITY ${MARKER} SYSTEM "file:///etc/passwd">]><esc_event><status>&${MARKER};</status></esc_event>`;
const undeclaredEntity = `<esc_event><status>&${MARKER};</status></esc_event>`;
const mismatched = `<esc_event><${MARKER}>x</wrong${MARKER}></esc_event>`;

const triggers: Array<{ name: string; node: INodeType; parameters: IDataObject; valid: Call }> = [
	{
		name: 'ESC Trigger',
		node: new CiscoEscTrigger(),
		parameters: { secretToken: TOKEN, allowedIps: '127.0.0.1, ::1', events: [], outcome: 'any', options: {} },
		valid: { contentType: 'application/xml', body: ESC_CALLBACK },
	},
	{
		name: 'Cloutility Billing Trigger',
		node: new CloutilityBillingTrigger(),
		parameters: { secretToken: TOKEN, allowedIps: '127.0.0.1, ::1', fetchBillingData: false },
		valid: { contentType: 'application/json', body: JSON.stringify(BILLING_NOTICE), parsed: BILLING_NOTICE },
	},
];

describe.each(triggers)('the $name refuses hostile calls', ({ node, parameters, valid }) => {
	const isEsc = node.description.name === 'ciscoEscTrigger';

	async function expectRefused(request: Call, status: number): Promise<Answer> {
		const answer = await call(node, parameters, request);
		expect({ status: answer.status, started: answer.started }).toEqual({ status, started: undefined });
		expect(JSON.stringify(answer.body)).not.toContain(MARKER);
		expect(JSON.stringify(answer.body)).not.toContain(TOKEN);
		return answer;
	}

	test('a valid call starts the workflow (the refusals below are not a broken trigger)', async () => {
		const answer = await call(node, parameters, valid);
		expect(answer.started).toHaveLength(1);
	});

	test('no token, a wrong token, or the token in another parameter: 401', async () => {
		await expectRefused({ ...valid, query: {} }, 401);
		await expectRefused({ ...valid, query: { token: `${TOKEN.slice(0, -1)}x` } }, 401);
		await expectRefused({ ...valid, query: { token: [TOKEN, TOKEN] } as unknown as IDataObject }, 401);
		await expectRefused({ ...valid, query: { secretToken: TOKEN } }, 401);
	});

	test('a caller outside the allowed addresses: 403', async () => {
		await expectRefused({ ...valid, ip: '10.1.2.3' }, 403);
		await expectRefused({ ...valid, ip: '::ffff:192.168.0.1' }, 403);
	});

	test('a body over the limit: 413, whatever it contains', async () => {
		const padding = `<!-- ${MARKER} ${'x'.repeat(2 * 1024 * 1024)} -->`;
		const big = isEsc ? ESC_CALLBACK.replace('<status>', `${padding}<status>`) : JSON.stringify({ ...BILLING_NOTICE, padding });
		const answer = await expectRefused({ ...valid, body: big, parsed: isEsc ? undefined : JSON.parse(big) }, 413);
		expect(answer.body).toEqual({ message: expect.stringMatching(/^The body is larger than the \d+ KB this webhook accepts$/) });
	});

	test('malformed XML, entity expansion, an external entity: refused without a word of the body', async () => {
		for (const body of [mismatched, undeclaredEntity, billionLaughs, externalEntity, `<esc_event>${MARKER}`]) {
			// n8n parses an XML body into an object before the node sees it; the trigger must not trust it.
			await expectRefused({ contentType: 'application/xml', body, parsed: { esc_event: { status: MARKER } } }, isEsc ? 400 : 415);
		}
	});

	test('malformed JSON, a JSON list or a bare value: refused', async () => {
		for (const body of [`{"trigger": "${MARKER}"`, `["${MARKER}"]`, `"${MARKER}"`]) {
			await expectRefused({ contentType: isEsc ? 'application/xml' : 'text/plain', body }, 400);
		}
	});
});
