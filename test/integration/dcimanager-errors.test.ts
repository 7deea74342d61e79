import type { NodeApiError } from 'n8n-workflow';

import { DciManager } from '../../nodes/DciManager/DciManager.node';
import { authenticatedRequester, credentialType, dciManagerCredential, executeNode } from '../harness/context';
import type { DciSimulator } from '../simulators/dcimanager';
import { startDciSimulator } from '../simulators/dcimanager';

const node = new DciManager();
let sim: DciSimulator;
/** A platform whose paths for a server and a switch differ from the node's. */
let other: DciSimulator;

beforeAll(async () => {
	sim = await startDciSimulator({ serversPerRack: 2 });
	other = await startDciSimulator({ serversPerRack: 2, lacking: ['GET /dci/v3/server/{id}', 'GET /dci/v3/switch/{id}'] });
});
afterAll(async () => {
	await sim.close();
	await other.close();
});
afterEach(() => {
	sim.clearFaults();
	expect(sim.violations()).toEqual([]);
});

const server = (id: number) => ({ __rl: true, mode: 'id', value: String(id) });
const run = async (target: DciSimulator, parameters: Record<string, unknown>, continueOnFail = false) =>
	await executeNode({ nodeType: node, credentials: dciManagerCredential(target), parameters, continueOnFail });
const failureOf = async (promise: Promise<unknown>): Promise<NodeApiError> => {
	const error = await promise.then(
		() => undefined,
		(thrown: unknown) => thrown,
	);
	if (!error) throw new Error('Expected the node to fail');
	return error as NodeApiError;
};

describe('a path the platform does not have (error 3002 "Unknown API function")', () => {
	it('the simulator answers an unknown path with 3002 in the documented error envelope', async () => {
		const response = await fetch(`${other.apiUrl}/dci/v3/no_such_function`);
		expect(response.status).toBe(404);
		expect(await response.json()).toEqual({ error: { code: 3002, msg: 'Unknown API function' } });
	});

	it('says the platform does not know the endpoint, names method and path, and points to the README table and the HTTP Request node', async () => {
		const error = await failureOf(run(other, { resource: 'server', operation: 'get', serverId: server(3) }));
		expect(error.message).toBe('This DCImanager 6 does not know the endpoint GET /dci/v3/server/3');
		expect(error.message).not.toMatch(/not found/i);
		expect(error.description).toContain("The node calls serverGet at /dci/v3/server/{id}, a path printed in ISPsystem's documentation.");
		expect(error.description).toContain('#dcimanager-6-endpoints-and-choices-where-the-documentation-is-silent');
		expect(error.description).toContain("n8n's HTTP Request node");
		expect(error.description).toContain('Error code: 3002');
		expect(error.description).toContain('Request: GET /dci/v3/server/3');
	});

	it('says when the path the node called is inferred', async () => {
		const error = await failureOf(run(other, { resource: 'switch', operation: 'get', switchId: { __rl: true, mode: 'id', value: '1' } }));
		expect(error.message).toBe('This DCImanager 6 does not know the endpoint GET /dci/v3/switch/1');
		expect(error.description).toContain("switchGet at /dci/v3/switch/{id}, a path inferred from the platform's conventions, in no public source");
	});

	it('still reports a missing object on a path the platform has as not found', async () => {
		const error = await failureOf(run(sim, { resource: 'server', operation: 'get', serverId: server(999) }));
		expect(error.message).toBe('Server 999 was not found in DCImanager 6');
	});
});

describe('continue on fail keeps what a stopped node shows', () => {
	it("keeps the platform's error code, the HTTP status and the explanation in the error item", async () => {
		// Alice owns servers: DCImanager refuses to delete her.
		const [item] = await run(sim, { resource: 'user', operation: 'delete', userId: { __rl: true, mode: 'id', value: '2' } }, true);
		expect(item.json.error).toMatch(/^DCImanager 6 rejected the request: A user who owns servers cannot be deleted/);
		expect(item.json.details).toMatchObject({ httpStatus: 400, errorCode: '1000' });
		expect((item.json.details as { description: string }).description).toContain('Request: DELETE /dci/v3/user/2');
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('keeps code 3002 and the advice for a path the platform does not have', async () => {
		const [item] = await run(other, { resource: 'server', operation: 'get', serverId: server(3) }, true);
		expect(item.json.error).toBe('This DCImanager 6 does not know the endpoint GET /dci/v3/server/3');
		// 405: this platform serves other methods on the path.
		expect(item.json.details).toMatchObject({ httpStatus: 405, errorCode: '3002' });
		expect((item.json.details as { description: string }).description).toContain('HTTP Request node');
	});

	it('keeps the explanation of input refused before sending', async () => {
		const [item] = await run(sim, { resource: 'server', operation: 'get', serverId: server(1).value + 'x' }, true);
		expect(item.json.error).toBe('"1x" is not a valid Server');
		expect((item.json.details as { description: string }).description).toMatch(/Pick the item from the list/);
	});
});

/**
 * What n8n 2.41.1's credential test shows when its request fails (CredentialsTesterService
 * .runRequestTest): for an error caused by an HTTP answer only that answer's status text, for a
 * network error its code, otherwise the error's message.
 */
function credentialTestMessage(error: NodeApiError): string {
	const cause = error.cause as { response?: { status?: number; statusText?: string }; code?: unknown } | undefined;
	if (cause?.response) return cause.response.statusText || `Received HTTP status code: ${cause.response.status}`;
	if (cause?.code) return String(cause.code);
	return error.message;
}

describe('the credential', () => {
	const testRequest = async (password: string) => {
		const store = dciManagerCredential(sim, { password });
		const log = { tokenRequests: 0, apiRequests: 0 };
		// The credential's own test request, sent the way n8n sends it (sign-in first).
		const error = await failureOf(authenticatedRequester(store, log)('dciManagerApi', { method: 'GET', url: `${sim.apiUrl}/dci/v3/server`, qs: { limit: '0,1' } }));
		return { error, log };
	};

	it('a wrong password says which fields to check, signs in once, and never shows the password', async () => {
		const logins = sim.requestsTo('POST', /\/auth\/v4\/public\/token$/).length;
		const { error } = await testRequest('wrong-password');
		const shown = credentialTestMessage(error);
		expect(shown).toBe(
			'DCImanager 6 refused the email or password (HTTP 401: Invalid email or password). Check Email and Password in the credential, and that this user may sign in to DCImanager.',
		);
		expect(shown).not.toContain('wrong-password');
		// A refused password is not tried again (n8n would sign in once more after a 401).
		expect(sim.requestsTo('POST', /\/auth\/v4\/public\/token$/).length - logins).toBe(1);
	});

	it('the node still says the credential was refused, with the platform message and what to check', async () => {
		const error = await failureOf(
			executeNode({ nodeType: node, credentials: dciManagerCredential(sim, { password: 'wrong-password' }), parameters: { resource: 'server', operation: 'getAll', returnAll: false, limit: 1 } }),
		);
		expect(error.message).toBe('DCImanager 6 did not accept the credential');
		expect(error.description).toContain('Invalid email or password');
		expect(error.description).toContain('HTTP status: 401');
	});

	it('marks Email and Password required when signing in with them, and API Token when using a token', () => {
		const properties = credentialType('dciManagerApi').properties;
		for (const [name, mode] of [['email', 'password'], ['password', 'password'], ['apiToken', 'apiToken']]) {
			expect(properties.find((property) => property.name === name)).toMatchObject({ required: true, displayOptions: { show: { authMode: [mode] } } });
		}
	});
});
