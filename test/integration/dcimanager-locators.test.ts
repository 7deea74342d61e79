import type { INodeProperties } from 'n8n-workflow';

import { DciManager } from '../../nodes/DciManager/DciManager.node';
import { dciManagerCredential, executeNode, loadOptionsContext } from '../harness/context';
import type { DciSimulator } from '../simulators/dcimanager';
import { startDciSimulator } from '../simulators/dcimanager';

const node = new DciManager();
let sim: DciSimulator;

beforeAll(async () => {
	sim = await startDciSimulator({ serversPerRack: 3, operationDurationMs: 300 });
});
afterAll(async () => await sim.close());
afterEach(() => {
	sim.clearFaults();
	expect(sim.violations()).toEqual([]);
});

const run = async (parameters: Record<string, unknown>) =>
	await executeNode({ nodeType: node, credentials: dciManagerCredential(sim), parameters });
const picked = (value: string) => ({ __rl: true, mode: 'list', value });
const search = async (method: keyof typeof node.methods.listSearch, filter?: string) =>
	await node.methods.listSearch[method].call(loadOptionsContext({ nodeType: node, credentials: dciManagerCredential(sim) }), filter);

/** The parameters shown for one operation, in the order the panel shows them. */
const panel = (resource: string, operation: string): INodeProperties[] =>
	node.description.properties.filter((property) => {
		const show = property.displayOptions?.show;
		return show?.resource?.includes(resource) && show.operation?.includes(operation);
	});

describe('every ID the platform can list is picked from a list', () => {
	it.each([
		['rack', 'rackId', 'searchRacks'],
		['switch', 'switchId', 'searchSwitches'],
		['ipAddress', 'ipAddressId', 'searchIpAddresses'],
		['ipNetwork', 'ipNetworkId', 'searchIpNetworks'],
		['osTemplate', 'osTemplateId', 'searchOsTemplates'],
		['operation', 'operationId', 'searchOperations'],
	] as const)('%s → Get: a list searched on the platform, or an ID', async (resource, name, method) => {
		const [locator] = panel(resource, 'get');
		expect(locator).toMatchObject({ name, type: 'resourceLocator', required: true });
		expect(locator.modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
		expect(locator.modes?.[0].typeOptions?.searchListMethod).toBe(method);
		expect(typeof node.methods.listSearch[method]).toBe('function');
	});

	it('Install OS picks the OS template from a list; OS Template → Get uses the same parameter, of the same type', async () => {
		const installOs = panel('server', 'installOs').find((property) => property.name === 'osTemplateId');
		expect(installOs).toMatchObject({ type: 'resourceLocator', required: true });
		expect(installOs?.modes?.[0].typeOptions?.searchListMethod).toBe('searchOsTemplates');
		// n8n keeps a parameter's value across operations by name: one name must have one type everywhere.
		const typesByName = new Map<string, Set<string>>();
		for (const property of node.description.properties) {
			typesByName.set(property.name, (typesByName.get(property.name) ?? new Set()).add(property.type));
		}
		const mixed = [...typesByName].filter(([, types]) => types.size > 1).map(([name, types]) => `${name}: ${[...types].join(', ')}`);
		expect(mixed).toEqual([]);
	});

	it('Switch → Get Ports asks for the switch before Return All and Limit', () => {
		const names = panel('switch', 'getPorts').map((property) => property.name);
		expect(names.slice(0, 3)).toEqual(['switchId', 'returnAll', 'limit']);
	});

	it('searches racks, switches, networks and templates by name, addresses by address, quoting the text', async () => {
		expect((await search('searchRacks', 'R2')).results).toEqual([
			{ name: 'R2-1 (21)', value: '21' },
			{ name: 'R2-2 (22)', value: '22' },
		]);
		expect((await search('searchSwitches')).results.map((entry) => entry.name)).toEqual(['core-sw-1 (1)', 'core-sw-2 (2)', 'core-sw-3 (3)']);
		expect((await search('searchIpNetworks', '10.2.')).results).toEqual([{ name: '10.2.0.0/24 (2)', value: '2' }]);
		expect((await search('searchOsTemplates', 'alma')).results).toEqual([{ name: 'AlmaLinux 9 (8)', value: '8' }]);
		const addresses = await search('searchIpAddresses', '10.1.0.13');
		expect(addresses.results).toEqual([{ name: '10.1.0.13 srv3.example.com (5003)', value: '5003' }]);
		expect((await search('searchOsTemplates', "' OR name CP '%")).results).toEqual([]);
	});

	it('lists operations newest first, with their status and server', async () => {
		await run({ resource: 'server', operation: 'powerOff', serverId: picked('2'), waitTimeout: 30 });
		await run({ resource: 'server', operation: 'reset', serverId: picked('4'), waitForCompletion: false });
		const { results } = await search('searchOperations');
		expect(results.map((entry) => entry.name)).toEqual([
			expect.stringMatching(/^power_reset, running, server 4 \(\d+\)$/),
			expect.stringMatching(/^power_off, complete, server 2 \(\d+\)$/),
		]);
		const [operation] = await run({ resource: 'operation', operation: 'get', operationId: picked(String(results[1].value)) });
		expect(operation.json).toMatchObject({ name: 'power_off', server_id: 2 });
	});
});

describe('a location inside Update Fields', () => {
	it('is a dropdown of the locations by name, and a picked or saved ID moves the server', async () => {
		const updateFields = panel('server', 'update').find((property) => property.name === 'updateFields');
		const location = (updateFields?.options as INodeProperties[]).find((option) => option.name === 'location_id');
		expect(location).toMatchObject({ displayName: 'Location Name or ID', type: 'options', typeOptions: { loadOptionsMethod: 'getLocations' } });
		const options = await node.methods.loadOptions.getLocations.call(loadOptionsContext({ nodeType: node, credentials: dciManagerCredential(sim) }));
		expect(options).toEqual([
			{ name: 'Amsterdam AMS1', value: '1' },
			{ name: 'Frankfurt FRA2', value: '2' },
			{ name: "Lab (test) 100% 'old'", value: '3' },
		]);
		const [moved] = await run({ resource: 'server', operation: 'update', serverId: picked('3'), updateFields: { location_id: options[2].value } });
		expect(moved.json).toMatchObject({ id: 3, location_id: 3, location: { name: "Lab (test) 100% 'old'" } });
	});
});

describe('picked items and saved IDs both work', () => {
	it.each([
		['rack', 'rackId', '12', 'R1-2'],
		['switch', 'switchId', '3', 'core-sw-3'],
		['ipAddress', 'ipAddressId', '5001', '10.1.0.11'],
		['ipNetwork', 'ipNetworkId', '2', '10.2.0.0/24'],
		['osTemplate', 'osTemplateId', '9', 'Windows Server 2022'],
	])('%s → Get with an item from the list, by ID, and as a plain ID saved before the list existed', async (resource, name, id, label) => {
		for (const value of [picked(id), { __rl: true, mode: 'id', value: id }, id]) {
			const [item] = await run({ resource, operation: 'get', [name]: value });
			expect(item.json).toMatchObject({ id: Number(id), name: label });
		}
	});

	it('Install OS with a template picked from the list, and with a plain saved ID', async () => {
		const [fromList] = await run({ resource: 'server', operation: 'installOs', serverId: picked('5'), osTemplateId: picked('9'), waitTimeout: 30 });
		expect(fromList.json).toMatchObject({ id: 5, os_template: { id: 9 } });
		expect(sim.requestsTo('POST', /\/server\/5\/reinstall$/).pop()!.body).toEqual({ os: 9 });
		const [saved] = await run({ resource: 'server', operation: 'installOs', serverId: picked('7'), osTemplateId: '8', waitTimeout: 30 });
		expect(saved.json).toMatchObject({ id: 7, os_template: { id: 8 } });
	});

	it('Switch → Get Ports with a switch from the list', async () => {
		const items = await run({ resource: 'switch', operation: 'getPorts', switchId: picked('2'), returnAll: true });
		expect(items).toHaveLength(6);
		expect(items.every((item) => item.json.switch_id === 2)).toBe(true);
	});

	it('refuses an ID that is not a number before any request', async () => {
		const before = sim.requests().length;
		await expect(run({ resource: 'rack', operation: 'get', rackId: { __rl: true, mode: 'id', value: '12/../1' } })).rejects.toThrow(/"12\/\.\.\/1" is not a valid Rack/);
		expect(sim.requests().length).toBe(before);
	});
});
