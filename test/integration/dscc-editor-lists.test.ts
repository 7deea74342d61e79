import type { IDataObject, INodeListSearchResult } from 'n8n-workflow';

import { HpeDscc } from '../../nodes/HpeDscc/HpeDscc.node';
import type { Parameters } from '../harness/context';
import { executeNode, greenLakeCredential, loadOptionsContext } from '../harness/context';
import type { DsccSimulator } from '../simulators/dscc';
import { startDsccSimulator } from '../simulators/dscc';
import { SYSTEMS } from '../simulators/dscc/routes/core';

/**
 * What the editor loads live, against the simulator: the multi-selects of hosts, host groups and
 * initiators, the pools of the chosen system, the task list, and list searches that find an item
 * far beyond the first page.
 */
jest.setTimeout(60_000);

const node = new HpeDscc();
const [PRIMERA, NIMBLE] = SYSTEMS;
const systemNameOf = new Map<string, string>(SYSTEMS.map((system) => [system.id, system.name]));

let sim: DsccSimulator;

beforeAll(async () => {
	sim = await startDsccSimulator({ taskDurationMs: 300 });
});
afterAll(async () => await sim.close());
afterEach(() => expect(sim.violations()).toEqual([]));

const context = (parameters: Parameters = {}, simulator = sim) =>
	loadOptionsContext({ nodeType: node, credentials: greenLakeCredential(simulator), parameters });
const records = (name: string, simulator = sim) => [...simulator.context.collection(name).values()];
const named = (collection: string, name: string) => records(collection).find((record) => record.name === name)!;
const ids = (summaries: unknown) => ((summaries as IDataObject[]) ?? []).map((summary) => String(summary.id));

async function run(parameters: Parameters): Promise<IDataObject[]> {
	const items = await executeNode({ nodeType: node, credentials: greenLakeCredential(sim), parameters });
	return items.map((item) => item.json);
}

describe('multi-selects loaded live', () => {
	it('lists every host, host group and initiator, by name or by address', async () => {
		const hosts = await node.methods.loadOptions.getHosts.call(context());
		expect(hosts.map((option) => option.name)).toEqual(expect.arrayContaining(['esx-a-01', 'backup-srv-01', 'k8s-worker-01']));
		expect(hosts).toHaveLength(records('hosts').length);
		expect(hosts.find((option) => option.name === 'backup-srv-01')!.value).toBe(named('hosts', 'backup-srv-01').id);

		const groups = await node.methods.loadOptions.getHostGroups.call(context());
		expect(groups.map((option) => option.name)).toEqual(expect.arrayContaining(['esx-cluster-a', 'oracle-rac']));

		const initiators = await node.methods.loadOptions.getInitiators.call(context());
		const nvme = named('initiators', 'k8s-worker-01 nvme');
		expect(initiators).toContainEqual({ name: `${String(nvme.address)} (k8s-worker-01 nvme)`, value: nvme.id });
	});

	it('creates a host group from hosts picked in the multi-select', async () => {
		const hosts = await node.methods.loadOptions.getHosts.call(context());
		const picked = hosts.filter((option) => ['esx-a-01', 'backup-srv-01'].includes(option.name)).map((option) => option.value);
		const [group] = await run({ resource: 'hostGroup', operation: 'create', name: 'picked-hosts', hostIds: picked });
		expect(ids(group.hosts).sort()).toEqual([...picked].sort());
		expect(sim.requestsTo('POST', /^\/api\/v1\/host-initiator-groups$/).pop()!.body).toEqual({ name: 'picked-hosts', hostIds: picked });
	});

	it('creates a host with an initiator and a host group picked from the lists', async () => {
		const free = named('initiators', 'new HBA port 1');
		const initiators = await node.methods.loadOptions.getInitiators.call(context());
		const initiator = initiators.find((option) => option.value === free.id)!;
		const groups = await node.methods.loadOptions.getHostGroups.call(context());
		const group = groups.find((option) => option.name === 'esx-cluster-a')!;
		const [host] = await run({
			resource: 'host',
			operation: 'create',
			name: 'esx-picked-01',
			operatingSystem: 'VMware (ESXi)',
			protocol: 'FC',
			initiatorIds: [initiator.value],
			hostGroupIds: [group.value],
		});
		expect(ids(host.initiators)).toEqual([free.id]);
		expect(ids(host.hostGroups)).toEqual([group.value]);
	});

	it('still takes IDs an expression gives as comma-separated text, as fields saved before the lists did', async () => {
		const [one, two] = [named('hosts', 'esx-a-02'), named('hosts', 'esx-a-03')];
		const [group] = await run({ resource: 'hostGroup', operation: 'create', name: 'from-text', hostIds: `${String(one.id)}, ${String(two.id)}` });
		expect(ids(group.hosts).sort()).toEqual([String(one.id), String(two.id)].sort());
	});
});

describe('storage pools of the chosen system', () => {
	it('lists the pools of the picked system by name, and creates a volume in the one chosen', async () => {
		const pools = await node.methods.loadOptions.getStoragePools.call(context({ systemId: { __rl: true, mode: 'list', value: NIMBLE.id } }));
		expect(pools.map((option) => option.value)).toEqual(['default', 'pool-fast']);
		const [volume] = await run({
			resource: 'volume',
			operation: 'create',
			systemId: { __rl: true, mode: 'list', value: NIMBLE.id },
			name: 'picked-pool-01',
			size: 1,
			sizeUnit: 'GiB',
			pool: pools[1].value,
			waitForCompletion: true,
			waitTimeout: 30,
		});
		expect(volume.state).toBe('SUCCEEDED');
		expect(volume.resource).toMatchObject({ name: 'picked-pool-01', pool_name: 'pool-fast' });
	});

	it('lists no pools, and sends nothing, while no storage system is picked', async () => {
		const before = sim.requestCount();
		await expect(node.methods.loadOptions.getStoragePools.call(context({ systemId: { __rl: true, mode: 'list', value: '' } }))).resolves.toEqual([]);
		expect(sim.requestCount()).toBe(before);
	});
});

describe('the task locator', () => {
	it('lists tasks by what they do and their state, and gets the one picked or given by a plain ID', async () => {
		const task = sim.context.tasks.start({ displayName: 'Create volume picked-task-01', durationMs: 100, complete: () => undefined });
		const search = await node.methods.listSearch.searchTasks.call(context(), 'picked-task');
		expect(search.results).toHaveLength(1);
		expect(search.results[0].value).toBe(task.id);
		expect(search.results[0].name).toMatch(/^Create volume picked-task-01 · (INITIALIZED|RUNNING|SUCCEEDED) · \d{4}-\d\d-\d\d \d\d:\d\d$/);

		const [picked] = await run({ resource: 'task', operation: 'get', taskId: { __rl: true, mode: 'list', value: search.results[0].value } });
		expect(picked.id).toBe(task.id);
		// Workflows saved while Task ID was a text field hold the plain ID.
		const [plain] = await run({ resource: 'task', operation: 'get', taskId: String(task.id) });
		expect(plain.id).toBe(task.id);
	});
});

describe('list searches in a large fleet', () => {
	let big: DsccSimulator;
	beforeAll(async () => {
		big = await startDsccSimulator({ volumes: 2500 });
	});
	afterAll(async () => await big.close());
	afterEach(() => expect(big.violations()).toEqual([]));

	const volumes = () => records('volumes', big);
	const label = (volume: { name?: unknown; systemId?: unknown }) => `${String(volume.name)} (${systemNameOf.get(String(volume.systemId))})`;
	const search = async (text?: string, token?: string): Promise<INodeListSearchResult> =>
		await node.methods.listSearch.searchVolumes.call(context({}, big), text, token);

	it('shows the storage system of every volume in the list', async () => {
		const page = await search();
		const first = volumes()[0];
		expect(page.results[0]).toEqual({ name: label(first), value: first.id });
		expect(page.results.map((result) => result.name)).toEqual(expect.arrayContaining([`${String(first.name)} (${PRIMERA.name})`]));
		expect(page.paginationToken).toBe('100');
	});

	it('finds a volume by part of its name far beyond the first page', async () => {
		const last = volumes()[volumes().length - 1];
		const result = await search(String(last.name).slice(-6));
		expect(result.results).toContainEqual({ name: label(last), value: last.id });
	});

	it('asks DSCC for the exact name first, so an exact match comes first and is listed once', async () => {
		const target = volumes()[2222];
		const result = await search(String(target.name));
		expect(result.results[0]).toEqual({ name: label(target), value: target.id });
		expect(result.results.filter((entry) => entry.value === target.id)).toHaveLength(1);
		const filters = big.requestsTo('GET', /^\/api\/v1\/volumes$/).map((request) => request.query.filter);
		expect(filters).toContain(`name eq '${String(target.name)}'`);
	});

	it('keeps a quote in the search text inside the filter value', async () => {
		const result = await search("x' or name ne 'y");
		expect(result.results).toEqual([]);
		const filters = big.requestsTo('GET', /^\/api\/v1\/volumes$/).map((request) => request.query.filter);
		expect(filters).toContain("name eq 'x'' or name ne ''y'");
	});

	it('offers more matches page by page, each volume once, until the end', async () => {
		const matching = volumes().filter((volume) => String(volume.name).startsWith('sql-log'));
		const seen: string[] = [];
		let token: string | undefined;
		let calls = 0;
		do {
			const result = await search('sql-log', token);
			seen.push(...result.results.map((entry) => String(entry.value)));
			token = result.paginationToken;
			calls++;
		} while (token !== undefined && calls < 20);
		expect(token).toBeUndefined();
		expect(calls).toBeGreaterThan(1);
		expect(new Set(seen).size).toBe(seen.length);
		expect([...seen].sort()).toEqual(matching.map((volume) => String(volume.id)).sort());
	});

	it('still finds the item, by reading pages, when DSCC refuses the exact-name filter', async () => {
		const target = volumes()[2400];
		big.addFault({ method: 'GET', path: /^\/api\/v1\/volumes$/, times: 1, respond: { status: 400, body: { errorCode: 'BAD_FILTER', message: 'Unsupported filter' } } });
		const found: string[] = [];
		let token: string | undefined;
		let calls = 0;
		do {
			const result = await search(String(target.name), token);
			found.push(...result.results.map((entry) => String(entry.value)));
			token = result.paginationToken;
			calls++;
		} while (token !== undefined && calls < 5);
		big.clearFaults();
		expect(found.filter((id) => id === target.id)).toHaveLength(1);
	});

	it('finds a storage system by a part of its name', async () => {
		const result = await node.methods.listSearch.searchStorageSystems.call(context({}, big), 'NIMBLE');
		expect(result.results).toEqual([{ name: NIMBLE.name, value: NIMBLE.id }]);
	});
});
