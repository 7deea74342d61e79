import { DciManager } from '../../nodes/DciManager/DciManager.node';
import { dciManagerCredential, executeNode } from '../harness/context';
import type { DciSimulator } from '../simulators/dcimanager';
import { startDciSimulator } from '../simulators/dcimanager';

jest.setTimeout(30_000);

const node = new DciManager();
let sim: DciSimulator;

beforeAll(async () => {
	sim = await startDciSimulator({ serversPerRack: 4, operationDurationMs: 1200 });
});
afterAll(async () => await sim.close());
afterEach(() => {
	sim.clearFaults();
	expect(sim.violations()).toEqual([]);
});

const server = (id: number) => ({ __rl: true, mode: 'list', value: String(id) });
const run = async (parameters: Record<string, unknown>, continueOnFail = false) =>
	await executeNode({ nodeType: node, credentials: dciManagerCredential(sim), parameters, continueOnFail });
const serverRow = (id: number) => sim.state.servers.find((s) => s.id === id)!;

describe('server power', () => {
	it('powers a server off and on, waiting for each operation', async () => {
		const [off] = await run({ resource: 'server', operation: 'powerOff', serverId: server(1), waitTimeout: 30 });
		expect(off.json).toMatchObject({ id: 1, power_status: 'off', state: 'off', operation: { name: 'power_off', status: 'complete' } });
		const [on] = await run({ resource: 'server', operation: 'powerOn', serverId: server(1), waitTimeout: 30 });
		expect(on.json).toMatchObject({ power_status: 'on', state: 'active', operation: { name: 'power_on', status: 'complete' } });
		// n8n drops an empty JSON body before sending; the platform takes the action from the path.
		expect(sim.requestsTo('POST', /\/server\/1\/power_on$/)).toHaveLength(1);
	});

	it('resets without waiting, then reads the running operation and waits for it', async () => {
		const [started] = await run({ resource: 'server', operation: 'reset', serverId: server(2), waitForCompletion: false });
		expect(started.json).toMatchObject({ serverId: 2 });
		const [running] = await run({ resource: 'server', operation: 'getOperation', serverId: server(2) });
		expect(running.json).toMatchObject({ serverId: 2, running: true, operation: { name: 'power_reset', status: 'running' } });
		const [done] = await run({ resource: 'server', operation: 'waitForOperation', serverId: server(2), waitTimeout: 30 });
		expect(done.json).toMatchObject({ id: 2, operation: { status: 'complete' } });
		const [after] = await run({ resource: 'server', operation: 'getOperation', serverId: server(2) });
		expect(after.json.running).toBe(false);
	});

	it('reports the platform refusing to power on a server that is on, and starts nothing', async () => {
		expect(serverRow(13).power_status).toBe('on');
		await expect(run({ resource: 'server', operation: 'powerOn', serverId: server(13) })).rejects.toThrow(
			/DCImanager 6 rejected the request: power_on can be executed only if the server is powered off/,
		);
		expect(serverRow(13).operation).toBeNull();
	});

	it('refuses a second operation while one runs, with the platform message', async () => {
		await run({ resource: 'server', operation: 'powerOff', serverId: server(3), waitForCompletion: false });
		await expect(run({ resource: 'server', operation: 'powerOn', serverId: server(3) })).rejects.toThrow(
			/DCImanager 6 rejected the request: The server has an operation in progress/,
		);
		await run({ resource: 'server', operation: 'waitForOperation', serverId: server(3), waitTimeout: 30 });
	});

	it('fails clearly when waiting times out, and the operation goes on', async () => {
		await expect(run({ resource: 'server', operation: 'powerOff', serverId: server(4), waitTimeout: 1 })).rejects.toThrow(
			/operation "power_off" on server 4 is still running after 1 seconds/,
		);
		await run({ resource: 'server', operation: 'waitForOperation', serverId: server(4), waitTimeout: 30 });
		expect(serverRow(4).power_status).toBe('off');
	});
});

describe('OS install', () => {
	it('installs an OS from a template and waits until it is done', async () => {
		const [item] = await run({ resource: 'server', operation: 'installOs', serverId: server(5), osTemplateId: '8', password: 'S3cret!pass', waitTimeout: 60 });
		expect(item.json).toMatchObject({ id: 5, state: 'active', os_template: { id: 8, name: 'AlmaLinux 9' }, operation: { name: 'os_install', status: 'complete' } });
		expect(sim.requestsTo('POST', /\/server\/5\/reinstall$/).pop()!.body).toEqual({ os: 8, password: 'S3cret!pass' });
		expect(JSON.stringify(item.json)).not.toContain('S3cret!pass');
	});

	it('reports a failed install with the platform reason, and keeps the server under continue-on-fail', async () => {
		sim.state.failNext.set(6, 'Disk /dev/sda not found');
		await expect(run({ resource: 'server', operation: 'installOs', serverId: server(6), osTemplateId: '7', waitTimeout: 60 })).rejects.toThrow(
			/operation "os_install" on server 6 ended in state failed: Disk \/dev\/sda not found/,
		);
		sim.state.failNext.set(7, 'PXE boot timed out');
		const [item] = await run({ resource: 'server', operation: 'installOs', serverId: server(7), osTemplateId: '7', waitTimeout: 60 }, true);
		expect(item.json.error).toMatch(/PXE boot timed out/);
		expect((item.json.details as { task: { id: number; state: string } }).task).toMatchObject({ id: 7, state: 'error' });
	});

	it('checks the template ID before sending anything', async () => {
		const before = sim.requests().length;
		await expect(run({ resource: 'server', operation: 'installOs', serverId: server(8), osTemplateId: '7; DROP' })).rejects.toThrow(
			/"7; DROP" is not a valid OS Template/,
		);
		await expect(run({ resource: 'server', operation: 'installOs', serverId: server(8), osTemplateId: '7', installJson: '[1,2' })).rejects.toThrow(
			/must be a JSON object/,
		);
		expect(sim.requests().length).toBe(before);
	});

	it('says which template the platform does not know', async () => {
		await expect(run({ resource: 'server', operation: 'installOs', serverId: server(8), osTemplateId: '999' })).rejects.toThrow(/OS template not found/);
	});
});

describe('server records', () => {
	it('gets one server, and says plainly when it does not exist', async () => {
		const [item] = await run({ resource: 'server', operation: 'get', serverId: server(9) });
		expect(item.json).toMatchObject({ id: 9, name: 'srv-009', rack: { name: expect.any(String) } });
		await expect(run({ resource: 'server', operation: 'get', serverId: { __rl: true, mode: 'id', value: '4242' } })).rejects.toThrow(
			/Server 4242 was not found in DCImanager 6/,
		);
	});

	it('refuses an ID that is not a number before any request', async () => {
		const before = sim.requests().length;
		await expect(run({ resource: 'server', operation: 'get', serverId: { __rl: true, mode: 'id', value: '../user/1' } })).rejects.toThrow(
			/is not a valid Server/,
		);
		expect(sim.requests().length).toBe(before);
	});

	it('counts the free servers of each configuration, one item per configuration', async () => {
		const items = await run({ resource: 'server', operation: 'getFreeCounts' });
		const expected = [...new Set(sim.state.servers.map((s) => String(s.configuration)))].map((configuration) => ({
			configuration,
			free_server_count: sim.state.servers.filter((s) => s.configuration === configuration && s.owner_email === null).length,
		}));
		expect(items.map((item) => item.json)).toEqual(expected);
		expect(expected.map((entry) => entry.free_server_count).every((count) => count > 0)).toBe(true);
		expect(sim.requestsTo('GET', /\/api\/dci\/v3\/server\/configuration$/)).toHaveLength(1);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('updates a server and returns it as it now is', async () => {
		const [item] = await run({ resource: 'server', operation: 'update', serverId: server(10), updateFields: { name: 'web-10', comment: 'customer rack', location_id: '2', json: '{"barcode": "A-0010"}' } });
		expect(item.json).toMatchObject({ id: 10, name: 'web-10', comment: 'customer rack', location_id: 2, barcode: 'A-0010' });
		await expect(run({ resource: 'server', operation: 'update', serverId: server(10), updateFields: {} })).rejects.toThrow(/Nothing to update/);
	});

	it('assigns a free server to a user and releases it again', async () => {
		const [assigned] = await run({ resource: 'server', operation: 'assign', serverId: server(11), userId: { __rl: true, mode: 'id', value: '2' } });
		expect(assigned.json).toMatchObject({ id: 11, owner_email: 'alice@example.com' });
		expect(sim.requestsTo('POST', /\/server\/11\/owner$/).pop()!.body).toEqual({ owner: 2 });
		const [released] = await run({ resource: 'server', operation: 'release', serverId: server(11) });
		expect(released.json.owner_email).toBeNull();
	});

	it('deletes a server', async () => {
		const [item] = await run({ resource: 'server', operation: 'delete', serverId: server(24) });
		expect(item.json).toEqual({ id: 24, deleted: true });
		expect(sim.state.servers.find((s) => s.id === 24)).toBeUndefined();
	});

	it('returns one output item per input item, each paired', async () => {
		const items = await executeNode({
			nodeType: node,
			credentials: dciManagerCredential(sim),
			items: [{ json: { id: 12 } }, { json: { id: 13 } }],
			parameters: (index) => ({ resource: 'server', operation: 'get', serverId: { __rl: true, mode: 'id', value: String(12 + index) } }),
		});
		expect(items.map((item) => [item.json.id, item.pairedItem])).toEqual([
			[12, { item: 0 }],
			[13, { item: 1 }],
		]);
	});
});
