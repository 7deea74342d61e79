import { HpeDscc } from '../../nodes/HpeDscc/HpeDscc.node';
import type { RequestLog } from '../harness/context';
import { executeNode, greenLakeCredential } from '../harness/context';
import type { DsccSimulator } from '../simulators/dscc';
import { startDsccSimulator } from '../simulators/dscc';

jest.setTimeout(60_000);

const node = new HpeDscc();
const VOLUMES = 4500;
let sim: DsccSimulator;

beforeAll(async () => {
	sim = await startDsccSimulator({ volumes: VOLUMES });
});
afterAll(async () => await sim.close());
afterEach(() => {
	sim.clearFaults();
	expect(sim.violations()).toEqual([]);
});

const listAll = { resource: 'volume', operation: 'getAll', scope: 'all', returnAll: true };
const volumePages = () => sim.requestsTo('GET', /^\/api\/v1\/volumes$/);
const tokenRequests = () => sim.requestsTo('POST', /\/token\.oauth2$/).length;

/** The collection in the API's own order, read by a plain sequential client with the second API client. */
async function volumeIdsInApiOrder(): Promise<string[]> {
	const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: sim.otherClient.clientId, client_secret: sim.otherClient.clientSecret });
	const { access_token: token } = (await (await fetch(sim.tokenUrl, { method: 'POST', body: form })).json()) as { access_token: string };
	const ids: string[] = [];
	for (;;) {
		const response = await fetch(`${sim.url}/api/v1/volumes?offset=${ids.length}&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
		const page = (await response.json()) as { items: Array<{ id: string }>; total: number };
		ids.push(...page.items.map((item) => item.id));
		if (page.items.length === 0 || ids.length >= page.total) return ids;
	}
}

describe('Return All with pages fetched concurrently', () => {
	it('returns every volume once, in the API order, with no more requests than one page after another', async () => {
		const expected = await volumeIdsInApiOrder();
		const before = volumePages().length;
		const items = await executeNode({ nodeType: node, credentials: greenLakeCredential(sim), parameters: listAll });
		expect(items.map((item) => item.json.id)).toEqual(expected);
		expect(volumePages().length - before).toBe(Math.ceil(VOLUMES / 1000));
	});

	it('fetches exactly one new token when every token expires in the middle of a listing, and misses nothing', async () => {
		const credentials = greenLakeCredential(sim);
		const log: RequestLog = { tokenRequests: 0, apiRequests: 0 };
		await executeNode({ nodeType: node, credentials, log, parameters: { ...listAll, returnAll: false, limit: 1 } });
		expect(log.tokenRequests).toBe(1);
		const tokensBefore = tokenRequests();
		// The second page request expires every token: it and the pages sent with it are refused.
		sim.addFault({ path: /^\/api\/v1\/volumes$/, skip: 1, times: 1, sideEffect: () => sim.expireTokens() });
		const items = await executeNode({ nodeType: node, credentials, log, parameters: listAll });
		expect(tokenRequests() - tokensBefore).toBe(1);
		expect(log.tokenRequests).toBe(2);
		const ids = items.map((item) => String(item.json.id));
		expect(new Set(ids).size).toBe(VOLUMES);
		expect(ids).toEqual(await volumeIdsInApiOrder());
	});

	it('finishes one page at a time after a 429, with every volume once', async () => {
		sim.addFault({ path: /^\/api\/v1\/volumes$/, skip: 1, times: 1, respond: { status: 429, headers: { 'retry-after': '0' }, body: { message: 'Too many requests', errorCode: 'TOO_MANY_REQUESTS' } } });
		const items = await executeNode({ nodeType: node, credentials: greenLakeCredential(sim), parameters: listAll });
		expect(new Set(items.map((item) => item.json.id)).size).toBe(VOLUMES);
		expect(items).toHaveLength(VOLUMES);
	});
});

describe('requests that never answer', () => {
	// One second instead of the default 30 or 60. Whether a dropped stream was our timeout or the
	// server's doing is told by how long it had been silent, so the bound must exceed test jitter.
	const fast = { requestOptions: { timeout: 1 } };
	const getVolume = async () => {
		const volume = [...sim.context.collection('volumes').values()][0];
		return { id: String(volume.id), parameters: { resource: 'volume', operation: 'get', volumeId: { __rl: true, mode: 'id', value: String(volume.id) }, ...fast } };
	};
	const locate = { resource: 'storageSystem', operation: 'locate', systemId: { __rl: true, mode: 'id', value: 'SGH029VBHV' }, locateEnabled: true, waitForCompletion: false, ...fast };
	const locateRequests = () => sim.requestsTo('POST', /^\/api\/v1\/storage-systems\//).length;
	const failureOf = async (parameters: Record<string, unknown>) =>
		(await executeNode({ nodeType: node, credentials: greenLakeCredential(sim), parameters }).catch((error: Error) => error)) as Error & { description?: string };

	it('gives up on a GET that gets no answer and sends it again', async () => {
		const { id, parameters } = await getVolume();
		sim.addFault({ method: 'GET', path: /^\/api\/v1\/volumes\//, times: 1, hang: true });
		const before = sim.requestsTo('GET', /^\/api\/v1\/volumes\//).length;
		const [item] = await executeNode({ nodeType: node, credentials: greenLakeCredential(sim), parameters });
		expect(item.json.id).toBe(id);
		expect(sim.requestsTo('GET', /^\/api\/v1\/volumes\//).length - before).toBe(2);
	});

	it('sends a GET again when the connection drops in the middle of the answer', async () => {
		const { id, parameters } = await getVolume();
		sim.addFault({ method: 'GET', path: /^\/api\/v1\/volumes\//, times: 1, cutBody: true });
		const before = sim.requestsTo('GET', /^\/api\/v1\/volumes\//).length;
		const [item] = await executeNode({ nodeType: node, credentials: greenLakeCredential(sim), parameters });
		expect(item.json.id).toBe(id);
		expect(sim.requestsTo('GET', /^\/api\/v1\/volumes\//).length - before).toBe(2);
	});

	it('bounds an answer that trickles in, then reads the page again', async () => {
		sim.addFault({ method: 'GET', path: /^\/api\/v1\/volumes$/, times: 1, trickleMs: 20 });
		const before = volumePages().length;
		const items = await executeNode({ nodeType: node, credentials: greenLakeCredential(sim), parameters: { ...listAll, returnAll: false, limit: 200, ...fast } });
		expect(items).toHaveLength(200);
		expect(volumePages().length - before).toBe(2);
	});

	it('does not send a POST again that got no answer, says the outcome is unknown and where to look', async () => {
		sim.addFault({ method: 'POST', path: /^\/api\/v1\/storage-systems\//, times: 1, hang: true });
		const before = locateRequests();
		const error = await failureOf(locate);
		expect(error.message).toBe('HPE Data Services Cloud Console did not answer within 1 second: whether the change was made is unknown');
		expect(error.description).toContain('task list');
		expect(error.description).toMatch(/Request: POST \/api\/v1\/storage-systems\/device-type1\/SGH029VBHV/);
		expect(locateRequests() - before).toBe(1);
	});

	it('does not send a POST again whose answer was cut off or trickled past the timeout', async () => {
		sim.addFault({ method: 'POST', path: /^\/api\/v1\/storage-systems\//, times: 1, cutBody: true });
		const before = locateRequests();
		const cut = await failureOf(locate);
		expect(cut.message).toBe('The connection to HPE Data Services Cloud Console dropped before the answer was complete: whether the change was made is unknown');
		sim.addFault({ method: 'POST', path: /^\/api\/v1\/storage-systems\//, times: 1, trickleMs: 200 });
		const trickled = await failureOf(locate);
		expect(trickled.message).toMatch(/did not answer within 1 second: whether the change was made is unknown/);
		expect(locateRequests() - before).toBe(2);
	});
});
