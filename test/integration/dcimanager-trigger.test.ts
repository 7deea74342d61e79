import type { IDataObject } from 'n8n-workflow';

import { DciManager } from '../../nodes/DciManager/DciManager.node';
import { DciManagerTrigger } from '../../nodes/DciManager/DciManagerTrigger.node';
import { decodeIdRanges, encodeIdRanges } from '../../nodes/shared/idRanges';
import { dciManagerCredential, executeNode, pollNode } from '../harness/context';
import type { DciSimulator } from '../simulators/dcimanager';
import { startDciSimulator } from '../simulators/dcimanager';

jest.setTimeout(30_000);

const trigger = new DciManagerTrigger();
const node = new DciManager();
let sim: DciSimulator;

beforeAll(async () => {
	sim = await startDciSimulator({ serversPerRack: 5, operationDurationMs: 400 });
});
afterAll(async () => await sim.close());
afterEach(() => expect(sim.violations()).toEqual([]));

const poll = async (parameters: Record<string, unknown>, staticData: IDataObject, mode: 'manual' | 'trigger' = 'trigger') =>
	await pollNode({ nodeType: trigger, credentials: dciManagerCredential(sim), parameters, staticData, mode });
const act = async (parameters: Record<string, unknown>) =>
	await executeNode({ nodeType: node, credentials: dciManagerCredential(sim), parameters });
const events = (result: Awaited<ReturnType<typeof poll>>) => (result?.[0] ?? []).map((item) => item.json);
const waitFor = async (serverId: number) =>
	await act({ resource: 'server', operation: 'waitForOperation', serverId: { __rl: true, mode: 'id', value: String(serverId) }, waitTimeout: 20 });

describe('operation finished', () => {
	it('reports each finished operation once, with its outcome, and only those after activation', async () => {
		const staticData: IDataObject = {};
		const parameters = { event: 'operationFinished', kinds: [], outcome: 'any', where: '' };
		expect(await poll(parameters, staticData)).toBeNull();
		await act({ resource: 'server', operation: 'installOs', serverId: { __rl: true, mode: 'id', value: '1' }, osTemplateId: '7', waitForCompletion: false });
		sim.state.failNext.set(2, 'IPMI not reachable');
		await act({ resource: 'server', operation: 'powerOff', serverId: { __rl: true, mode: 'id', value: '2' }, waitForCompletion: false });
		// A poll while both run: nothing yet.
		expect(await poll(parameters, staticData)).toBeNull();
		await waitFor(1);
		await waitFor(2).catch(() => undefined);
		const first = events(await poll(parameters, staticData));
		expect(first.map((event) => [event.serverId, event.kind, event.outcome])).toEqual([
			[1, 'osInstall', 'succeeded'],
			[2, 'power', 'failed'],
		]);
		expect((first[1].operation as IDataObject).status_info).toEqual({ msg: 'IPMI not reachable' });
		expect(await poll(parameters, staticData)).toBeNull();
		expect(JSON.stringify(staticData).length).toBeLessThan(200);
	});

	it('catches an operation that started and finished between two polls, filtered by kind and outcome', async () => {
		const staticData: IDataObject = {};
		const installsSucceeded = { event: 'operationFinished', kinds: ['osInstall'], outcome: 'succeeded', where: '' };
		await poll(installsSucceeded, staticData);
		await act({ resource: 'server', operation: 'reset', serverId: { __rl: true, mode: 'id', value: '3' }, waitTimeout: 20 });
		await act({ resource: 'server', operation: 'installOs', serverId: { __rl: true, mode: 'id', value: '4' }, osTemplateId: '9', waitTimeout: 20 });
		const found = events(await poll(installsSucceeded, staticData));
		expect(found.map((event) => event.serverId)).toEqual([4]);
		expect(found[0].server).toMatchObject({ id: 4, os_template: { name: 'Windows Server 2022' } });
	});

	it('fetches a real finished operation as the test event, and explains when there is none', async () => {
		const [[item]] = (await poll({ event: 'operationFinished', kinds: ['osInstall'], outcome: 'any', where: '' }, {}, 'manual'))!;
		expect(item.json).toMatchObject({ event: 'operationFinished', kind: 'osInstall', operation: { status: expect.any(String) } });
		await expect(poll({ event: 'operationFinished', kinds: ['diagnostics'], outcome: 'any', where: '' }, {}, 'manual')).rejects.toThrow(
			/nothing to show for this event yet/,
		);
	});
});

describe('server state and ownership', () => {
	it('reports a state change once, filtered by the new state', async () => {
		const staticData: IDataObject = {};
		const parameters = { event: 'serverStateChanged', states: 'off', where: 'location_id EQ 2' };
		await poll(parameters, staticData);
		await act({ resource: 'server', operation: 'powerOff', serverId: { __rl: true, mode: 'id', value: '12' }, waitTimeout: 20 });
		const found = events(await poll(parameters, staticData));
		expect(found).toEqual([expect.objectContaining({ serverId: 12, previousState: 'active', state: 'off' })]);
		expect(await poll(parameters, staticData)).toBeNull();
	});

	it('reports a server that became free once', async () => {
		const staticData: IDataObject = {};
		const parameters = { event: 'serverBecameFree', where: '' };
		await poll(parameters, staticData);
		await act({ resource: 'server', operation: 'release', serverId: { __rl: true, mode: 'id', value: '6' } });
		const found = events(await poll(parameters, staticData));
		expect(found.map((event) => event.serverId)).toEqual([6]);
		expect(await poll(parameters, staticData)).toBeNull();
	});

	it('refuses a server filter that is not balanced', async () => {
		await expect(poll({ event: 'serverBecameFree', where: "name EQ 'x" }, {})).rejects.toThrow(/server filter is not valid/);
	});
});

describe('ID ranges', () => {
	it('round-trip and stay short for contiguous fleets', () => {
		const ids = [...Array.from({ length: 500 }, (_, i) => i + 1), 700, 702, 703];
		expect(encodeIdRanges(ids)).toBe('1-500,700,702-703');
		expect([...decodeIdRanges(encodeIdRanges(ids))]).toEqual(ids);
		expect([...decodeIdRanges('3,x,5-4,7')]).toEqual([3, 7]);
	});
});
