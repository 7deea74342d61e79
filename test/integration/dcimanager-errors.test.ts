import type { NodeApiError } from 'n8n-workflow';

import { DciManager } from '../../nodes/DciManager/DciManager.node';
import { dciManagerCredential, executeNode } from '../harness/context';
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
