import { DciManager } from '../../nodes/DciManager/DciManager.node';
import { dciManagerCredential, executeNode } from '../harness/context';
import type { DciSimulator } from '../simulators/dcimanager';
import { startDciSimulator } from '../simulators/dcimanager';

jest.setTimeout(30_000);

const node = new DciManager();
let sim: DciSimulator;

beforeAll(async () => {
	sim = await startDciSimulator({ serversPerRack: 3, operationDurationMs: 500 });
});
afterAll(async () => await sim.close());
afterEach(() => {
	sim.clearFaults();
	expect(sim.violations()).toEqual([]);
});

const run = async (parameters: Record<string, unknown>) =>
	await executeNode({ nodeType: node, credentials: dciManagerCredential(sim), parameters });

describe('users', () => {
	it('creates, reads, updates and deletes a user without echoing the password', async () => {
		const [created] = await run({ resource: 'user', operation: 'create', email: 'bob@example.com', password: 'b0b-secret', role: '@user', additionalFields: { full_name: 'Bob Builder' } });
		const id = created.json.id as number;
		expect(created.json).toEqual({ id, email: 'bob@example.com' });
		expect(sim.requestsTo('POST', /\/dci\/v3\/user$/).pop()!.body).toEqual({ email: 'bob@example.com', password: 'b0b-secret', role: '@user', full_name: 'Bob Builder' });
		const [read] = await run({ resource: 'user', operation: 'get', userId: { __rl: true, mode: 'id', value: String(id) } });
		expect(read.json).toMatchObject({ id, email: 'bob@example.com', full_name: 'Bob Builder', roles: ['@user'] });
		expect(read.json.password).toBeUndefined();
		await run({ resource: 'user', operation: 'update', userId: { __rl: true, mode: 'id', value: String(id) }, updateFields: { phone_number: '+31 6 1234', role: '@admin' } });
		expect(sim.state.users.find((u) => u.id === id)).toMatchObject({ phone_number: '+31 6 1234', roles: ['@admin'] });
		const [deleted] = await run({ resource: 'user', operation: 'delete', userId: { __rl: true, mode: 'id', value: String(id) } });
		expect(deleted.json).toEqual({ id, deleted: true });
		await expect(run({ resource: 'user', operation: 'get', userId: { __rl: true, mode: 'id', value: String(id) } })).rejects.toThrow(/User \d+ was not found/);
	});

	it('refuses a bad email before sending, and reports a duplicate from the platform', async () => {
		const before = sim.requests().length;
		await expect(run({ resource: 'user', operation: 'create', email: 'not-an-email', password: 'x' })).rejects.toThrow(/"Email" is not valid/);
		expect(sim.requests().length).toBe(before);
		await expect(run({ resource: 'user', operation: 'create', email: 'alice@example.com', password: 'x' })).rejects.toThrow(
			/DCImanager 6 rejected the request: A user with this email already exists/,
		);
	});

	it('reports that a user who owns servers cannot be deleted, and keeps the user', async () => {
		const alice = sim.state.users.find((u) => u.email === 'alice@example.com')!;
		await expect(run({ resource: 'user', operation: 'delete', userId: { __rl: true, mode: 'id', value: String(alice.id) } })).rejects.toThrow(
			/DCImanager 6 rejected the request: A user who owns servers cannot be deleted/,
		);
		expect(sim.state.users).toContain(alice);
	});

	it('lists users sorted by email', async () => {
		const items = await run({ resource: 'user', operation: 'getAll', returnAll: true, listOptions: { sortField: 'email', sortDirection: 'asc' } });
		expect(items.map((item) => item.json.email)).toEqual(['admin@example.com', 'alice@example.com', "o'brien@example.com"]);
	});
});

describe('inventory', () => {
	it.each([
		['location', 3, 'Amsterdam AMS1'],
		['rack', 6, 'R1-1'],
		['switch', 3, 'core-sw-1'],
		['ipAddress', 18, '10.1.0.11'],
		['ipNetwork', 3, '10.1.0.0/24'],
		['osTemplate', 3, 'Ubuntu 22.04'],
	])('lists every %s and gets the first by ID', async (resource, count, firstName) => {
		const items = await run({ resource, operation: 'getAll', returnAll: true, listOptions: { sortField: 'id', sortDirection: 'asc' } });
		expect(items).toHaveLength(count);
		expect(items[0].json.name).toBe(firstName);
		const idName = `${resource}Id`;
		const [one] = await run({ resource, operation: 'get', [idName]: resource === 'location' ? { __rl: true, mode: 'list', value: String(items[0].json.id) } : String(items[0].json.id) });
		expect(one.json).toEqual(items[0].json);
	});

	it('lists the ports of a switch, filtered', async () => {
		const items = await run({ resource: 'switch', operation: 'getPorts', switchId: '1', returnAll: true, filters: { conditions: [{ field: 'oper_status', operator: 'equals', value: 'down' }] } });
		expect(items.map((item) => item.json.description)).toEqual(['GigabitEthernet1/0/5']);
		await expect(run({ resource: 'switch', operation: 'getPorts', switchId: '77', returnAll: true })).rejects.toThrow(/Switch 77 was not found/);
	});

	it('lists the IP addresses of a network that are not free', async () => {
		const items = await run({
			resource: 'ipAddress',
			operation: 'getAll',
			returnAll: true,
			filters: { conditions: [{ field: 'ipnet', operator: 'equals', value: '1' }, { field: 'status', operator: 'notEquals', value: 'free' }] },
		});
		expect(items.map((item) => item.json.server_id)).toEqual([3, 6]);
	});

	it('lists finished operations and gets one', async () => {
		await run({ resource: 'server', operation: 'powerOff', serverId: { __rl: true, mode: 'id', value: '1' }, waitTimeout: 30 });
		const items = await run({ resource: 'operation', operation: 'getAll', returnAll: true, filters: { conditions: [{ field: 'server_id', operator: 'equals', value: '1' }] } });
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ name: 'power_off', status: 'complete', server_id: 1 });
		const [one] = await run({ resource: 'operation', operation: 'get', operationId: String(items[0].json.id) });
		expect(one.json.id).toBe(items[0].json.id);
	});
});
