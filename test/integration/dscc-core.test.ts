import { HpeDscc } from '../../nodes/HpeDscc/HpeDscc.node';
import { executeNode, greenLakeCredential, loadOptionsContext } from '../harness/context';
import type { DsccSimulator } from '../simulators/dscc';
import { startDsccSimulator } from '../simulators/dscc';

const node = new HpeDscc();
let sim: DsccSimulator;

beforeAll(async () => {
	sim = await startDsccSimulator({ taskDurationMs: 1500 });
});
afterAll(async () => await sim.close());
afterEach(() => {
	sim.clearFaults();
	expect(sim.violations()).toEqual([]);
});

describe('storage systems', () => {
	it('lists every system after fetching a token with the client credentials', async () => {
		const credentials = greenLakeCredential(sim);
		const items = await executeNode({ nodeType: node, credentials, parameters: { resource: 'storageSystem', operation: 'getAll', returnAll: true } });
		expect(items.map((item) => item.json.name).sort()).toEqual(['alletra-mp-b10k', 'nimble-af40-prod', 'primera-650-lab']);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('sends client credentials as Basic auth when the credential says so', async () => {
		const credentials = greenLakeCredential(sim, 'header');
		const items = await executeNode({ nodeType: node, credentials, parameters: { resource: 'storageSystem', operation: 'getAll', returnAll: false, limit: 2 } });
		expect(items).toHaveLength(2);
		const tokenCall = sim.requests().filter((r) => r.path === '/as/token.oauth2').pop()!;
		expect(String(tokenCall.headers.authorization)).toMatch(/^Basic /);
	});

	it('applies an OData filter the user typed, URL-encoded on the way', async () => {
		const items = await executeNode({
			nodeType: node,
			credentials: greenLakeCredential(sim),
			parameters: { resource: 'storageSystem', operation: 'getAll', returnAll: true, listOptions: { filter: "name eq 'nimble-af40-prod'", select: 'id,name' } },
		});
		expect(items.map((item) => item.json)).toEqual([{ id: '2a0df0fe6f7dc7bb16000000000000000000004817', name: 'nimble-af40-prod' }]);
	});

	it('gets the one system the user gives by ID, with its model and software version', async () => {
		const items = await executeNode({
			nodeType: node,
			credentials: greenLakeCredential(sim),
			parameters: { resource: 'storageSystem', operation: 'get', systemId: { __rl: true, mode: 'id', value: '7CE751P312' } },
		});
		expect(items.map((item) => item.json)).toEqual([
			expect.objectContaining({ id: '7CE751P312', name: 'alletra-mp-b10k', model: 'HPE Alletra Storage MP B10000', softwareVersion: '10.4.0' }),
		]);
	});

	it('turns the locate beacon on and returns the finished task', async () => {
		const [item] = await executeNode({
			nodeType: node,
			credentials: greenLakeCredential(sim),
			parameters: { resource: 'storageSystem', operation: 'locate', systemId: { __rl: true, mode: 'id', value: 'SGH029VBHV' }, locateEnabled: true, waitForCompletion: true, waitTimeout: 30 },
		});
		expect(item.json.state).toBe('SUCCEEDED');
		expect((item.json.resource as { locateEnabled: boolean }).locateEnabled).toBe(true);
	});

	it('refuses locate on a Nimble system before sending anything', async () => {
		const before = sim.requestsTo('POST', /device-type2/).length;
		await expect(
			executeNode({
				nodeType: node,
				credentials: greenLakeCredential(sim),
				parameters: { resource: 'storageSystem', operation: 'locate', systemId: '2a0df0fe6f7dc7bb16000000000000000000004817', locateEnabled: true },
			}),
		).rejects.toThrow(/not available for Storage system "nimble-af40-prod"/);
		expect(sim.requestsTo('POST', /device-type2/).length).toBe(before);
	});

	it('rejects an ID that would escape the URL path', async () => {
		await expect(
			executeNode({ nodeType: node, credentials: greenLakeCredential(sim), parameters: { resource: 'storageSystem', operation: 'get', systemId: '../tasks?x=1' } }),
		).rejects.toThrow(/is not a valid Storage System/);
	});

	it('explains a missing system in plain words with the trace ID', async () => {
		const error = await executeNode({
			nodeType: node,
			credentials: greenLakeCredential(sim),
			parameters: { resource: 'storageSystem', operation: 'get', systemId: 'NOSUCHSYSTEM' },
		}).catch((e: Error & { description?: string }) => e);
		expect((error as Error).message).toBe('Storage system NOSUCHSYSTEM was not found in HPE Data Services Cloud Console');
		expect((error as { description: string }).description).toMatch(/Trace ID: [0-9a-f]+/);
	});

	it('lists systems in a resource locator search', async () => {
		const context = loadOptionsContext({ nodeType: node, credentials: greenLakeCredential(sim) });
		const result = await node.methods.listSearch.searchStorageSystems.call(context, 'nimble');
		expect(result.results).toEqual([{ name: 'nimble-af40-prod', value: '2a0df0fe6f7dc7bb16000000000000000000004817' }]);
	});
});

describe('tasks and resilience', () => {
	it('renews the token when it expired mid-way and carries on', async () => {
		const credentials = greenLakeCredential(sim);
		await executeNode({ nodeType: node, credentials, parameters: { resource: 'task', operation: 'getAll', returnAll: true } });
		sim.expireTokens();
		const items = await executeNode({ nodeType: node, credentials, parameters: { resource: 'task', operation: 'getAll', returnAll: true } });
		expect(items.length).toBeGreaterThanOrEqual(4);
	});

	it('waits out a 429 that says Retry-After and still returns the data', async () => {
		sim.addFault({ path: /^\/api\/v1\/tasks$/, times: 1, respond: { status: 429, headers: { 'retry-after': '1' }, body: { error: 'Too many requests', errorCode: 'TOO_MANY_REQUESTS', traceId: 'x' } } });
		const items = await executeNode({ nodeType: node, credentials: greenLakeCredential(sim), parameters: { resource: 'task', operation: 'getAll', returnAll: false, limit: 1 } });
		expect(items).toHaveLength(1);
	});

	it('reports a failed task with its own error message, or returns it when continuing on fail', async () => {
		const failed = [...sim.context.collection('tasks').values()].find((task) => task.state === 'FAILED')!;
		const parameters = { resource: 'task', operation: 'waitForCompletion', taskId: String(failed.id), waitTimeout: 5 };
		await expect(executeNode({ nodeType: node, credentials: greenLakeCredential(sim), parameters })).rejects.toThrow(
			/ended in state FAILED: Snapshot is exported to a host/,
		);
		const [item] = await executeNode({ nodeType: node, credentials: greenLakeCredential(sim), parameters, continueOnFail: true });
		expect(item.json.error).toMatch(/Snapshot is exported to a host/);
		expect((item.json.details as { task: { id: string } }).task.id).toBe(failed.id);
	});
});
