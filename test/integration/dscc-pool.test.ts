import type { IDataObject } from 'n8n-workflow';

import { HpeDscc } from '../../nodes/HpeDscc/HpeDscc.node';
import { executeNode, greenLakeCredential } from '../harness/context';
import type { Parameters } from '../harness/context';
import type { DsccSimulator } from '../simulators/dscc';
import { startDsccSimulator } from '../simulators/dscc';
import type { Record } from '../simulators/dscc/context';

const node = new HpeDscc();
const PRIMERA = 'SGH029VBHV';
const NIMBLE = '2a0df0fe6f7dc7bb16000000000000000000004817';
const ALLETRA_MP = '7CE751P312';

let sim: DsccSimulator;

beforeAll(async () => {
	sim = await startDsccSimulator({ taskDurationMs: 800, volumes: 300 });
});
afterAll(async () => await sim.close());
afterEach(() => expect(sim.violations()).toEqual([]));

const locator = (value: string) => ({ __rl: true, mode: 'id', value });

async function run(parameters: Parameters): Promise<IDataObject[]> {
	const items = await executeNode({ nodeType: node, credentials: greenLakeCredential(sim), parameters: { resource: 'storagePool', ...parameters } });
	return items.map((item) => item.json);
}

function poolsOf(systemId: string): Record[] {
	return [...sim.context.collection('pools').values()].filter((pool) => pool.systemId === systemId);
}

function apiRequests() {
	return sim.requests().filter((request) => request.path.startsWith('/api/'));
}

describe('storage pools', () => {
	it('lists the CPGs of a Primera system with their capacity', async () => {
		const items = await run({ operation: 'getAll', systemId: locator(PRIMERA), returnAll: true });
		expect(items.map((item) => item.name).sort()).toEqual(['SSD_r1', 'SSD_r6']);
		for (const item of items) {
			expect(item.totalSizeMiB as number).toBeGreaterThan(item.freeSizeMiB as number);
			expect(item.freeSizeMiB as number).toBeGreaterThan(0);
		}
		expect(apiRequests().pop()!.path).toBe(`/api/v1/storage-systems/device-type1/${PRIMERA}/storage-pools`);
	});

	it('lists the pools of a Nimble system, filtered by name', async () => {
		const items = await run({ operation: 'getAll', systemId: locator(NIMBLE), returnAll: false, limit: 5, listOptions: { filter: "name eq 'default'" } });
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ name: 'default', is_default: true });
		expect(items[0].capacity as number).toBeGreaterThan(items[0].free_space as number);
		expect(apiRequests().pop()!.path).toBe(`/api/v1/storage-systems/device-type2/${NIMBLE}/storage-pools`);
	});

	it('gets one pool of an Alletra MP system', async () => {
		const pool = poolsOf(ALLETRA_MP)[0];
		const [item] = await run({ operation: 'get', systemId: locator(ALLETRA_MP), poolId: String(pool.id) });
		expect(item).toMatchObject({ id: pool.id, name: pool.name, systemId: ALLETRA_MP, totalSizeMiB: pool.totalSizeMiB });
	});

	it('lists exactly the volumes of a pool, up to the limit asked', async () => {
		const pool = poolsOf(NIMBLE).find((candidate) => candidate.name === 'pool-fast')!;
		const all = await run({ operation: 'getVolumes', systemId: locator(NIMBLE), poolId: String(pool.id), returnAll: true });
		expect(all).toHaveLength(pool.vol_count as number);
		const inPool = [...sim.context.collection('volumes').values()].filter((volume) =>
			(volume.associatedLinks as Array<{ resourceUri: string }>)[0].resourceUri === pool.resourceUri,
		);
		expect(all.map((volume) => volume.id).sort()).toEqual(inPool.map((volume) => volume.id).sort());
		expect(all.every((volume) => volume.systemId === NIMBLE)).toBe(true);
		const some = await run({ operation: 'getVolumes', systemId: locator(NIMBLE), poolId: String(pool.id), returnAll: false, limit: 3 });
		expect(some).toHaveLength(3);
	});

	it('says in plain words that a pool does not exist', async () => {
		await expect(run({ operation: 'get', systemId: locator(PRIMERA), poolId: 'ffffffffffffffffffffffffffffffff' })).rejects.toThrow(
			'Storage pool ffffffffffffffffffffffffffffffff was not found in HPE Data Services Cloud Console',
		);
	});

	it('rejects invalid pool and system IDs before any request', async () => {
		const before = apiRequests().length;
		await expect(run({ operation: 'get', systemId: locator(PRIMERA), poolId: '../../volumes' })).rejects.toThrow(/is not a valid Storage Pool/);
		await expect(run({ operation: 'getVolumes', systemId: locator(PRIMERA), poolId: '', returnAll: true })).rejects.toThrow(/"Storage Pool" is required/);
		await expect(run({ operation: 'getAll', systemId: locator('a b'), returnAll: true })).rejects.toThrow(/is not a valid Storage System/);
		expect(apiRequests().length).toBe(before);
	});
});
