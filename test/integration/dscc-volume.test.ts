import type { IDataObject } from 'n8n-workflow';

import { HpeDscc } from '../../nodes/HpeDscc/HpeDscc.node';
import { executeNode, greenLakeCredential, loadOptionsContext } from '../harness/context';
import type { Parameters } from '../harness/context';
import type { DsccSimulator } from '../simulators/dscc';
import { startDsccSimulator } from '../simulators/dscc';
import type { Record } from '../simulators/dscc/context';
import { exportsOfVolume } from '../simulators/dscc/exports';

jest.setTimeout(60_000);

const node = new HpeDscc();
const PRIMERA = 'SGH029VBHV';
const NIMBLE = '2a0df0fe6f7dc7bb16000000000000000000004817';
const ALLETRA_MP = '7CE751P312';
const HOST_GROUP = 'a8c087fa6e95dd22cdf0a1b2c3d4e5f6';
const OTHER_HOST_GROUP = 'b9d198fb7fa6ee33de01b2c3d4e5f607';

let sim: DsccSimulator;

beforeAll(async () => {
	sim = await startDsccSimulator({ taskDurationMs: 800 });
	for (const [id, name] of [
		[HOST_GROUP, 'esx-cluster-a'],
		[OTHER_HOST_GROUP, 'sql-cluster'],
	]) {
		if (!sim.context.collection('hostGroups').has(id)) {
			sim.context.add('hostGroups', { id, name, type: 'host-initiator-groups', customerId: 'c1', generation: 1, hosts: [], systems: [PRIMERA, NIMBLE, ALLETRA_MP], userCreated: true });
		}
	}
});
afterAll(async () => await sim.close());
afterEach(() => {
	sim.clearFaults();
	expect(sim.violations()).toEqual([]);
});

const locator = (value: string) => ({ __rl: true, mode: 'id', value });
const hostGroups = (...ids: string[]) => ({ hostGroup: ids.map((id) => ({ hostGroupId: { __rl: true, mode: 'list', value: id } })) });

async function run(parameters: Parameters, continueOnFail = false): Promise<IDataObject[]> {
	const items = await executeNode({ nodeType: node, credentials: greenLakeCredential(sim), parameters, continueOnFail });
	return items.map((item) => item.json);
}

async function runOne(parameters: Parameters): Promise<IDataObject> {
	const [item] = await run({ waitForCompletion: true, waitTimeout: 30, ...parameters });
	return item;
}

function volumes(): Record[] {
	return [...sim.context.collection('volumes').values()];
}

function volumeNamed(name: string): Record | undefined {
	return volumes().find((volume) => volume.name === name);
}

function poolOf(volumeId: string): Record {
	const uri = (volumes().find((volume) => volume.id === volumeId)!.associatedLinks as Array<{ type: string; resourceUri: string }>)[0].resourceUri;
	return [...sim.context.collection('pools').values()].find((pool) => pool.resourceUri === uri)!;
}

function snapshotsOf(volume: Record): Record[] {
	return [...sim.context.collection('snapshots').values()].filter((snapshot) =>
		snapshot.vol_id !== undefined ? snapshot.vol_id === volume.id : String(snapshot.resourceUri).startsWith(`${String(volume.resourceUri)}/`),
	);
}

/** Whether a volume is exported to a host group (the simulator seeds some exports). */
function exported(volume: Record): boolean {
	return exportsOfVolume(sim.context, String(volume.id)).length > 0;
}

/** A seeded volume of a system, matching a condition. */
function seeded(systemId: string, condition: (volume: Record) => boolean = () => true): Record {
	const found = volumes().find((volume) => volume.systemId === systemId && condition(volume));
	if (!found) throw new Error(`No seeded volume on ${systemId} matches`);
	return found;
}

/** Requests to the DSCC API, leaving out token requests. */
function apiRequests() {
	return sim.requests().filter((request) => request.path.startsWith('/api/'));
}

/** Runs and expects a failure before the request that matters: none to the given method, or none at all. */
async function expectRejectedBefore(parameters: Parameters, message: RegExp, method?: string): Promise<void> {
	const count = () => apiRequests().filter((request) => !method || request.method === method).length;
	const before = count();
	await expect(run(parameters)).rejects.toThrow(message);
	const after = count();
	expect(after).toBe(before);
}

function lastRequest(method: string): { path: string; query: { [key: string]: string }; body: IDataObject } {
	const request = apiRequests().filter((candidate) => candidate.method === method).pop()!;
	return { path: request.path, query: request.query, body: request.body as IDataObject };
}

describe('volumes: listing and reading', () => {
	it('lists every volume of the fleet, with its system and size', async () => {
		const items = await run({ resource: 'volume', operation: 'getAll', scope: 'all', returnAll: true });
		expect(items).toHaveLength(volumes().length);
		expect(new Set(items.map((item) => item.systemId))).toEqual(new Set([PRIMERA, NIMBLE, ALLETRA_MP]));
		expect(items.every((item) => typeof item.sizeMiB === 'number' && typeof item.name === 'string')).toBe(true);
	});

	it('lists the volumes of one system, filtered and sorted as asked', async () => {
		const items = await run({
			resource: 'volume',
			operation: 'getAll',
			scope: 'system',
			systemId: locator(NIMBLE),
			returnAll: true,
			listOptions: { filter: 'sizeMiB ge 102400', sort: 'sizeMiB desc', select: 'id,name,sizeMiB,systemId' },
		});
		const expected = volumes().filter((volume) => volume.systemId === NIMBLE && (volume.sizeMiB as number) >= 102400);
		expect(items.map((item) => item.id).sort()).toEqual(expected.map((volume) => volume.id).sort());
		expect(items.map((item) => item.sizeMiB)).toEqual([...items.map((item) => item.sizeMiB as number)].sort((a, b) => b - a));
		expect(Object.keys(items[0]).sort()).toEqual(['id', 'name', 'sizeMiB', 'systemId']);
		expect(lastRequest('GET').path).toBe(`/api/v1/storage-systems/${NIMBLE}/volumes`);
	});

	it('gets one volume by ID', async () => {
		const volume = seeded(ALLETRA_MP);
		const item = await runOne({ resource: 'volume', operation: 'get', volumeId: locator(String(volume.id)) });
		expect(item).toMatchObject({ id: volume.id, name: volume.name, systemId: ALLETRA_MP, sizeMiB: volume.sizeMiB });
	});

	it('says in plain words that a volume does not exist', async () => {
		await expect(run({ resource: 'volume', operation: 'get', volumeId: locator('0123456789abcdef0123456789abcdef') })).rejects.toThrow(
			'Volume 0123456789abcdef0123456789abcdef was not found in HPE Data Services Cloud Console',
		);
	});

	it('finds volumes by name in the resource locator, labelled with their storage system', async () => {
		const volume = seeded(PRIMERA);
		const context = loadOptionsContext({ nodeType: node, credentials: greenLakeCredential(sim) });
		const result = await node.methods.listSearch.searchVolumes.call(context, String(volume.name));
		expect(result.results).toContainEqual({ name: `${String(volume.name)} (primera-650-lab)`, value: volume.id });
	});

	it('rejects IDs that would leave the URL path before any request', async () => {
		await expectRejectedBefore({ resource: 'volume', operation: 'get', volumeId: locator('../x') }, /is not a valid Volume/);
		await expectRejectedBefore({ resource: 'volume', operation: 'getAll', scope: 'system', systemId: locator('../x'), returnAll: true }, /is not a valid Storage System/);
		await expectRejectedBefore({ resource: 'volume', operation: 'delete', volumeId: locator('a/b'), force: false, cascade: false }, /is not a valid Volume/);
	});
});

describe('volumes: Return All across many pages', () => {
	let big: DsccSimulator;
	beforeAll(async () => {
		big = await startDsccSimulator({ volumes: 2500, taskDurationMs: 800 });
	});
	afterAll(async () => await big.close());

	it('returns each of 2,500 volumes exactly once, a page of 1,000 at a time', async () => {
		const items = await executeNode({ nodeType: node, credentials: greenLakeCredential(big), parameters: { resource: 'volume', operation: 'getAll', scope: 'all', returnAll: true } });
		const ids = items.map((item) => item.json.id);
		expect(ids).toHaveLength(2500);
		expect(new Set(ids).size).toBe(2500);
		const pages = big.requestsTo('GET', /^\/api\/v1\/volumes$/);
		expect(pages.map((page) => [page.query.offset, page.query.limit])).toEqual([
			['0', '1000'],
			['1000', '1000'],
			['2000', '1000'],
		]);
		expect(big.violations()).toEqual([]);
	});
});

describe('volumes: create', () => {
	it('creates a volume on Primera in the named CPG, converting GiB to MiB', async () => {
		const item = await runOne({ resource: 'volume', operation: 'create', systemId: locator(PRIMERA), name: 'app-data-01', size: 2, sizeUnit: 'GiB', pool: 'SSD_r1', additionalFields: { comment: 'For the app team', dataReduction: true } });
		expect(item.state).toBe('SUCCEEDED');
		expect(item.resource).toMatchObject({ name: 'app-data-01', sizeMiB: 2048, userCpgName: 'SSD_r1', comment: 'For the app team', dataReduction: 'Enabled' });
		expect(lastRequest('POST')).toMatchObject({
			path: `/api/v1/storage-systems/device-type1/${PRIMERA}/volumes`,
			body: { name: 'app-data-01', sizeMib: 2048, userCpg: 'SSD_r1', comments: 'For the app team', dataReduction: true },
		});
		expect(volumeNamed('app-data-01')).toMatchObject({ systemId: PRIMERA, sizeMiB: 2048 });
	});

	it('creates a volume on Nimble in the pool named, sending its pool_id in MiB', async () => {
		const pool = [...sim.context.collection('pools').values()].find((candidate) => candidate.systemId === NIMBLE && candidate.name === 'pool-fast')!;
		const freeBefore = pool.free_space as number;
		const item = await runOne({ resource: 'volume', operation: 'create', systemId: locator(NIMBLE), name: 'web-logs:2026', size: 1, sizeUnit: 'TiB', pool: 'pool-fast', additionalFields: { dataReduction: false, limitIops: 5000, comment: 'Web logs' } });
		expect(item.state).toBe('SUCCEEDED');
		expect(lastRequest('POST').body).toEqual({ name: 'web-logs:2026', size: 1048576, pool_id: pool.id, description: 'Web logs', dedupe_enabled: false, limit_iops: 5000 });
		expect(item.resource).toMatchObject({ name: 'web-logs:2026', size: 1048576, pool_name: 'pool-fast', limit_iops: 5000, online: true });
		expect(freeBefore - (pool.free_space as number)).toBe(1024 ** 4);
	});

	it('creates several volumes at once on Alletra MP with Count', async () => {
		const item = await runOne({ resource: 'volume', operation: 'create', systemId: locator(ALLETRA_MP), name: 'k8s-batch', size: 512, sizeUnit: 'MiB', pool: 'SSD_r6', additionalFields: { count: 3 } });
		expect(item.state).toBe('SUCCEEDED');
		expect(lastRequest('POST').body).toEqual({ name: 'k8s-batch', sizeMib: 512, userCpg: 'SSD_r6', count: 3 });
		expect(['k8s-batch.0', 'k8s-batch.1', 'k8s-batch.2'].map((name) => volumeNamed(name)?.sizeMiB)).toEqual([512, 512, 512]);
	});

	it('returns the task reference at once when not waiting', async () => {
		const [item] = await run({ resource: 'volume', operation: 'create', systemId: locator(ALLETRA_MP), name: 'no-wait-01', size: 10, sizeUnit: 'GiB', pool: 'SSD_r6', waitForCompletion: false });
		expect(item).toMatchObject({ status: 'SUBMITTED', taskUri: expect.stringMatching(/^\/api\/v1\/tasks\//) });
		expect(volumeNamed('no-wait-01')).toBeUndefined();
	});

	it('surfaces the array message when the pool lacks free space', async () => {
		const pool = [...sim.context.collection('pools').values()].find((candidate) => candidate.systemId === PRIMERA && candidate.name === 'SSD_r6')!;
		const freeTiB = (pool.freeSizeMiB as number) / 1024 ** 2;
		const size = Math.min(64, Math.ceil(freeTiB) + 1);
		expect(size).toBeGreaterThan(freeTiB);
		await expect(
			runOne({ resource: 'volume', operation: 'create', systemId: locator(PRIMERA), name: 'too-big-01', size, sizeUnit: 'TiB', pool: 'SSD_r6' }),
		).rejects.toThrow(/ended in state FAILED: Not enough free space in CPG SSD_r6 on primera-650-lab to create too-big-01: \d+ TiB requested, [\d.]+ TiB available/);
		const [item] = await run({ resource: 'volume', operation: 'create', systemId: locator(PRIMERA), name: 'too-big-01', size, sizeUnit: 'TiB', pool: 'SSD_r6', waitForCompletion: true, waitTimeout: 30 }, true);
		expect(((item.details as IDataObject).task as IDataObject).state).toBe('FAILED');
		expect(volumeNamed('too-big-01')).toBeUndefined();
	});

	it('surfaces the array message when the name is taken on that system', async () => {
		const existing = seeded(NIMBLE);
		await expect(
			runOne({ resource: 'volume', operation: 'create', systemId: locator(NIMBLE), name: String(existing.name), size: 10, sizeUnit: 'GiB', pool: 'default' }),
		).rejects.toThrow(`A volume named ${String(existing.name)} already exists on nimble-af40-prod`);
	});

	it('names the pools of the system when the pool does not exist, before creating anything', async () => {
		await expectRejectedBefore(
			{ resource: 'volume', operation: 'create', systemId: locator(PRIMERA), name: 'typo-01', size: 10, sizeUnit: 'GiB', pool: 'SSD_r5' },
			/Storage system "primera-650-lab" has no storage pool "SSD_r5"/,
			'POST',
		);
		const error = await run({ resource: 'volume', operation: 'create', systemId: locator(PRIMERA), name: 'typo-01', size: 10, sizeUnit: 'GiB', pool: 'SSD_r5' }).catch((e: { description?: string }) => e);
		expect((error as { description: string }).description).toBe('Its pools are: SSD_r1, SSD_r6.');
	});

	it.each([
		[{ size: 0 }, /"Size" must be at least 1 MiB/],
		[{ size: -5 }, /"Size" must be at least 1 MiB/],
		[{ size: 200, sizeUnit: 'TiB' }, /"Size" is too large: 200 TiB/],
		[{ size: 0.3, sizeUnit: 'MiB' }, /must be at least 1 MiB/],
		[{ size: 1.0001, sizeUnit: 'GiB' }, /must be a whole number of MiB/],
		[{ name: '' }, /"Name" is required/],
		[{ name: '   ' }, /"Name" is required/],
		[{ name: 'bad name' }, /"Name" is not valid/],
		[{ name: '../etc' }, /"Name" is not valid/],
		[{ name: "x';drop" }, /"Name" is not valid/],
		[{ name: '-leading-dash' }, /"Name" is not valid/],
		[{ name: 'a'.repeat(216) }, /"Name" is too long/],
		[{ pool: '' }, /"Storage Pool" is required/],
		[{ systemId: locator('') }, /"Storage System" is required/],
		[{ systemId: locator('SGH/../x') }, /is not a valid Storage System/],
		[{ additionalFields: { count: 0 } }, /"Count" is out of range/],
		[{ additionalFields: { limitIops: 100 } }, /"IOPS Limit" is out of range: 100/],
		[{ sizeUnit: 'PiB' }, /size unit "PiB" is not valid/],
	])('rejects bad input %j before any request', async (change, message) => {
		await expectRejectedBefore({ resource: 'volume', operation: 'create', systemId: locator(PRIMERA), name: 'ok-01', size: 10, sizeUnit: 'GiB', pool: 'SSD_r6', ...change }, message);
	});

	it.each([
		[PRIMERA, { name: 'name-longer-than-thirty-one-chars' }, /"Name" is not valid on Storage system "primera-650-lab"/],
		[ALLETRA_MP, { name: 'has:colon' }, /"Name" is not valid on Storage system "alletra-mp-b10k"/],
		[NIMBLE, { name: 'under_score' }, /"Name" is not valid on Storage system "nimble-af40-prod"/],
		[PRIMERA, { size: 100, sizeUnit: 'TiB' }, /"Size" is too large for Storage system "primera-650-lab": 100 TiB/],
		[NIMBLE, { additionalFields: { snapshotPool: 'SSD_r6' } }, /"Snapshot Pool" does not apply to Storage system "nimble-af40-prod"/],
		[PRIMERA, { additionalFields: { limitMbps: 100 } }, /"Throughput Limit \(MB\/s\)" does not apply to Storage system "primera-650-lab"/],
	])('rejects what the device type does not accept before creating (%s)', async (systemId, change, message) => {
		await expectRejectedBefore({ resource: 'volume', operation: 'create', systemId: locator(systemId), name: 'ok-01', size: 10, sizeUnit: 'GiB', pool: systemId === NIMBLE ? 'default' : 'SSD_r6', ...change }, message, 'POST');
	});
});

describe('volumes: update', () => {
	it('renames and grows a Primera volume', async () => {
		const volume = seeded(PRIMERA, (candidate) => (candidate.sizeMiB as number) < 2048 * 1024);
		const item = await runOne({ resource: 'volume', operation: 'update', volumeId: locator(String(volume.id)), updateFields: { name: 'renamed-01', size: 3, sizeUnit: 'TiB', allocationWarning: 90 } });
		expect(item.state).toBe('SUCCEEDED');
		expect(lastRequest('PUT')).toEqual({ path: `/api/v1/storage-systems/device-type1/${PRIMERA}/volumes/${String(volume.id)}`, query: {}, body: { name: 'renamed-01', sizeMib: 3145728, userAllocWarning: 90 } });
		expect(volume).toMatchObject({ name: 'renamed-01', sizeMiB: 3145728 });
		expect(item.resource).toMatchObject({ name: 'renamed-01', sizeMiB: 3145728, userAllocWarning: 90 });
	});

	it('moves an Alletra MP volume to another CPG, taking its space there', async () => {
		const volume = seeded(ALLETRA_MP, (candidate) => poolOf(String(candidate.id)).name === 'SSD_r6');
		const target = [...sim.context.collection('pools').values()].find((pool) => pool.systemId === ALLETRA_MP && pool.name === 'SSD_r1')!;
		const freeBefore = target.freeSizeMiB as number;
		const item = await runOne({ resource: 'volume', operation: 'update', volumeId: locator(String(volume.id)), updateFields: { pool: 'SSD_r1', dataReduction: false } });
		expect(item.resource).toMatchObject({ userCpgName: 'SSD_r1', dataReduction: 'Disabled' });
		expect(lastRequest('PUT').body).toEqual({ dataReduction: false, userCpgName: 'SSD_r1' });
		expect(freeBefore - (target.freeSizeMiB as number)).toBe(volume.sizeMiB);
	});

	it('refuses to shrink a Primera volume, which can only grow, before sending anything', async () => {
		const volume = seeded(PRIMERA, (candidate) => (candidate.sizeMiB as number) > 1024);
		await expectRejectedBefore(
			{ resource: 'volume', operation: 'update', volumeId: locator(String(volume.id)), updateFields: { size: 1, sizeUnit: 'GiB' } },
			/cannot shrink from .* to 1 GiB/,
			'PUT',
		);
	});

	it('shrinks a Nimble volume only with Force, and takes it offline', async () => {
		const volume = seeded(NIMBLE, (candidate) => (candidate.sizeMiB as number) >= 32 * 1024);
		await expectRejectedBefore(
			{ resource: 'volume', operation: 'update', volumeId: locator(String(volume.id)), updateFields: { size: 8, sizeUnit: 'GiB' } },
			/needs Force/,
			'PUT',
		);
		const item = await runOne({ resource: 'volume', operation: 'update', volumeId: locator(String(volume.id)), updateFields: { size: 8, sizeUnit: 'GiB', force: true, online: false, description: 'shrunk' } });
		expect(lastRequest('PUT').body).toEqual({ size: 8192, description: 'shrunk', online: false, force: true });
		expect(item.resource).toMatchObject({ size: 8192, online: false, vol_state: 'offline', description: 'shrunk' });
	});

	it('asks for at least one field, and refuses fields of another device type', async () => {
		const volume = seeded(PRIMERA);
		await expectRejectedBefore({ resource: 'volume', operation: 'update', volumeId: locator(String(volume.id)), updateFields: {} }, /Nothing to update/);
		await expectRejectedBefore({ resource: 'volume', operation: 'update', volumeId: locator(String(volume.id)), updateFields: { online: false } }, /"Online" does not apply/, 'PUT');
		await expectRejectedBefore({ resource: 'volume', operation: 'update', volumeId: locator(String(volume.id)), updateFields: { name: 'white space' } }, /"New Name" is not valid/);
	});
});

describe('volumes: export, unexport, clone', () => {
	it('exports a Primera volume to host groups picked from the list, then unexports it', async () => {
		const volume = seeded(PRIMERA, (candidate) => snapshotsOf(candidate).length === 0 && !exported(candidate));
		const item = await runOne({ resource: 'volume', operation: 'export', volumeId: locator(String(volume.id)), hostGroups: hostGroups(HOST_GROUP, OTHER_HOST_GROUP), exportOptions: { proximity: 'PRIMARY' } });
		expect(item.state).toBe('SUCCEEDED');
		expect(lastRequest('POST')).toMatchObject({
			path: `/api/v1/storage-systems/device-type1/${PRIMERA}/volumes/${String(volume.id)}/export`,
			body: { hostGroupIds: [HOST_GROUP, OTHER_HOST_GROUP], autoLun: true, proximity: 'PRIMARY' },
		});
		expect((item.resource as IDataObject).id).toBe(volume.id);

		const again = await run({ resource: 'volume', operation: 'export', volumeId: locator(String(volume.id)), hostGroups: hostGroups(HOST_GROUP), waitForCompletion: true, waitTimeout: 30 }, true);
		expect(again[0].error).toMatch(/already exported to host group esx-cluster-a/);

		const unexported = await runOne({ resource: 'volume', operation: 'unexport', volumeId: locator(String(volume.id)), hostGroups: hostGroups(OTHER_HOST_GROUP) });
		expect(unexported.state).toBe('SUCCEEDED');
		expect(lastRequest('POST')).toMatchObject({ path: expect.stringMatching(/\/un-export$/), body: { hostGroupIds: [OTHER_HOST_GROUP] } });
		await expect(runOne({ resource: 'volume', operation: 'unexport', volumeId: locator(String(volume.id)), hostGroups: hostGroups(OTHER_HOST_GROUP) })).rejects.toThrow(
			/is not exported to host group sql-cluster/,
		);
	});

	it('exports a Nimble volume with a LUN as access for host groups', async () => {
		const volume = seeded(NIMBLE, (candidate) => candidate.name !== 'web-logs:2026' && !exported(candidate));
		const item = await runOne({ resource: 'volume', operation: 'export', volumeId: locator(String(volume.id)), hostGroups: hostGroups(HOST_GROUP), exportOptions: { lun: 12 } });
		expect(lastRequest('POST')).toMatchObject({
			path: `/api/v1/storage-systems/device-type2/${NIMBLE}/volumes/${String(volume.id)}/export`,
			body: { host_groups: [{ host_group_id: HOST_GROUP, lun: 12 }] },
		});
		expect((item.resource as IDataObject).access_control_records).toEqual([expect.objectContaining({ initiator_group_id: HOST_GROUP, lun: 12 })]);
		await runOne({ resource: 'volume', operation: 'unexport', volumeId: locator(String(volume.id)), hostGroups: hostGroups(HOST_GROUP) });
		expect(lastRequest('POST').body).toEqual({ host_groups: [{ host_group_id: HOST_GROUP }] });
	});

	it('fails the export with the array message when a host group does not exist', async () => {
		const volume = seeded(ALLETRA_MP);
		await expect(runOne({ resource: 'volume', operation: 'export', volumeId: locator(String(volume.id)), hostGroups: hostGroups('ffffffffffffffffffffffffffffffff') })).rejects.toThrow(
			/Host group ffffffffffffffffffffffffffffffff does not exist/,
		);
	});

	it('rejects empty or invalid host groups, and options of another device type, before sending', async () => {
		const volume = seeded(ALLETRA_MP);
		await expectRejectedBefore({ resource: 'volume', operation: 'export', volumeId: locator(String(volume.id)), hostGroups: {} }, /needs at least one host group/);
		await expectRejectedBefore({ resource: 'volume', operation: 'export', volumeId: locator(String(volume.id)), hostGroups: hostGroups('../x') }, /is not a valid host group ID/);
		await expectRejectedBefore({ resource: 'volume', operation: 'export', volumeId: locator(String(volume.id)), hostGroups: hostGroups(HOST_GROUP), exportOptions: { lun: 3 } }, /"LUN" does not apply/, 'POST');
	});

	it('clones a Primera volume into another CPG', async () => {
		const volume = seeded(PRIMERA, (candidate) => poolOf(String(candidate.id)).name === 'SSD_r6');
		const item = await runOne({ resource: 'volume', operation: 'clone', volumeId: locator(String(volume.id)), cloneName: 'clone-of-01', cloneOptions: { pool: 'SSD_r1', priority: 'PRIORITYTYPE_HIGH' } });
		expect(lastRequest('POST').body).toEqual({ destinationVolume: 'clone-of-01', online: true, onlineClone: { destinationCpg: 'SSD_r1' }, priority: 'PRIORITYTYPE_HIGH' });
		expect(item.resource).toMatchObject({ name: 'clone-of-01', sizeMiB: volume.sizeMiB, userCpgName: 'SSD_r1', physicalCopy: true });
	});

	it('clones a Nimble volume', async () => {
		const volume = seeded(NIMBLE);
		const item = await runOne({ resource: 'volume', operation: 'clone', volumeId: locator(String(volume.id)), cloneName: 'nimble-clone-01', cloneOptions: {} });
		expect(lastRequest('POST').body).toEqual({ clone_volume_name: 'nimble-clone-01' });
		expect(item.resource).toMatchObject({ name: 'nimble-clone-01', clone: true, parent_vol_id: volume.id });
		await expectRejectedBefore({ resource: 'volume', operation: 'clone', volumeId: locator(String(volume.id)), cloneName: 'x', cloneOptions: { pool: 'default' } }, /"Destination Storage Pool" does not apply/, 'POST');
	});
});

describe('volumes: delete', () => {
	it('does not delete a Primera volume with snapshots without Cascade, then does with it', async () => {
		const volume = seeded(PRIMERA, (candidate) => snapshotsOf(candidate).length > 0 && !exported(candidate));
		const count = snapshotsOf(volume).length;
		await expect(runOne({ resource: 'volume', operation: 'delete', volumeId: locator(String(volume.id)), force: false, cascade: false })).rejects.toThrow(
			`Volume ${String(volume.name)} has ${count} snapshot(s); delete them first or delete with cascade`,
		);
		const item = await runOne({ resource: 'volume', operation: 'delete', volumeId: locator(String(volume.id)), force: false, cascade: true });
		expect(item.state).toBe('SUCCEEDED');
		expect(lastRequest('DELETE').query).toEqual({ cascade: 'true' });
		expect(volumeNamed(String(volume.name))).toBeUndefined();
		expect(snapshotsOf(volume)).toEqual([]);
	});

	it('does not delete an exported Alletra MP volume without Force, which un-exports it first', async () => {
		const volume = seeded(ALLETRA_MP, (candidate) => snapshotsOf(candidate).length === 0 && !String(candidate.name).startsWith('k8s-batch') && !exported(candidate));
		const pool = poolOf(String(volume.id));
		const freeBefore = pool.freeSizeMiB as number;
		await runOne({ resource: 'volume', operation: 'export', volumeId: locator(String(volume.id)), hostGroups: hostGroups(HOST_GROUP) });
		await expect(runOne({ resource: 'volume', operation: 'delete', volumeId: locator(String(volume.id)), force: false, cascade: false })).rejects.toThrow(
			/is exported to host groups esx-cluster-a; un-export it first/,
		);
		await runOne({ resource: 'volume', operation: 'delete', volumeId: locator(String(volume.id)), force: true, cascade: false });
		expect(lastRequest('DELETE')).toEqual({ path: `/api/v1/storage-systems/device-type4/${ALLETRA_MP}/volumes/${String(volume.id)}`, query: { unExport: 'true' }, body: undefined });
		expect(volumeNamed(String(volume.name))).toBeUndefined();
		expect((pool.freeSizeMiB as number) - freeBefore).toBe(volume.sizeMiB);
	});

	it('refuses to delete an online Nimble volume without Force before sending the delete', async () => {
		const volume = seeded(NIMBLE, (candidate) => candidate.name !== 'web-logs:2026');
		await runOne({ resource: 'volume', operation: 'update', volumeId: locator(String(volume.id)), updateFields: { online: true } });
		await expectRejectedBefore(
			{ resource: 'volume', operation: 'delete', volumeId: locator(String(volume.id)), force: false, cascade: false },
			/is online, and Storage system "nimble-af40-prod" deletes only offline volumes/,
			'DELETE',
		);
		const item = await runOne({ resource: 'volume', operation: 'delete', volumeId: locator(String(volume.id)), force: true, cascade: false });
		expect(item.state).toBe('SUCCEEDED');
		expect(lastRequest('DELETE').query).toEqual({ force: 'true' });
		expect(volumeNamed(String(volume.name))).toBeUndefined();
	});

	it('deletes an offline Nimble volume without Force', async () => {
		const volume = seeded(NIMBLE, (candidate) => candidate.name !== 'web-logs:2026' && !exported(candidate));
		await runOne({ resource: 'volume', operation: 'update', volumeId: locator(String(volume.id)), updateFields: { online: false } });
		await runOne({ resource: 'volume', operation: 'delete', volumeId: locator(String(volume.id)), force: false, cascade: false });
		expect(lastRequest('DELETE').query).toEqual({});
		expect(volumeNamed(String(volume.name))).toBeUndefined();
	});
});

describe('snapshots', () => {
	it('takes a Primera snapshot named after the volume and time, with expiry and retention', async () => {
		const volume = seeded(PRIMERA, (candidate) => snapshotsOf(candidate).length === 0);
		const item = await runOne({ resource: 'snapshot', operation: 'create', volumeId: locator(String(volume.id)), snapshotName: '', snapshotOptions: { expireAfterHours: 48, retainForHours: 24, writable: false, comment: 'before upgrade' } });
		expect(lastRequest('POST')).toEqual({
			path: `/api/v1/storage-systems/device-type1/${PRIMERA}/volumes/${String(volume.id)}/snapshots`,
			query: {},
			body: { namePattern: 'PARENT_TIMESTAMP', comment: 'before upgrade', expireSecs: 172800, retainSecs: 86400, readOnly: true },
		});
		expect(item.resource).toMatchObject({ name: expect.stringMatching(new RegExp(`^${String(volume.name)}\\.\\d{14}$`)), readOnly: true, comment: 'before upgrade' });
		const snapshotId = String((item.resource as IDataObject).id);

		const listed = await run({ resource: 'snapshot', operation: 'getAll', volumeId: locator(String(volume.id)), returnAll: true });
		expect(listed.map((snapshot) => snapshot.id)).toEqual([snapshotId]);
		const one = await runOne({ resource: 'snapshot', operation: 'get', volumeId: locator(String(volume.id)), snapshotId });
		expect(one.id).toBe(snapshotId);

		await expect(runOne({ resource: 'snapshot', operation: 'delete', volumeId: locator(String(volume.id)), snapshotId, force: true })).rejects.toThrow(/is retained until .* and cannot be deleted before/);
	});

	it('takes a named Alletra MP snapshot and deletes it', async () => {
		const volume = seeded(ALLETRA_MP);
		const item = await runOne({ resource: 'snapshot', operation: 'create', volumeId: locator(String(volume.id)), snapshotName: 'pre-patch', snapshotOptions: {} });
		expect(lastRequest('POST').body).toEqual({ namePattern: 'CUSTOM', customName: 'pre-patch' });
		const snapshotId = String((item.resource as IDataObject).id);
		const deleted = await runOne({ resource: 'snapshot', operation: 'delete', volumeId: locator(String(volume.id)), snapshotId, force: false });
		expect(deleted.state).toBe('SUCCEEDED');
		expect(lastRequest('DELETE').path).toBe(`/api/v1/storage-systems/device-type4/${ALLETRA_MP}/volumes/${String(volume.id)}/snapshots/${snapshotId}`);
		expect(sim.context.collection('snapshots').has(snapshotId)).toBe(false);
	});

	it('takes an online Nimble snapshot, which is deleted only with Force', async () => {
		const volume = seeded(NIMBLE);
		await expectRejectedBefore({ resource: 'snapshot', operation: 'create', volumeId: locator(String(volume.id)), snapshotName: '', snapshotOptions: {} }, /"Snapshot Name" is required on Storage system "nimble-af40-prod"/, 'POST');
		await expectRejectedBefore({ resource: 'snapshot', operation: 'create', volumeId: locator(String(volume.id)), snapshotName: 'x', snapshotOptions: { expireAfterHours: 5 } }, /"Expire After \(Hours\)" does not apply/, 'POST');
		const item = await runOne({ resource: 'snapshot', operation: 'create', volumeId: locator(String(volume.id)), snapshotName: 'restore-point.1', snapshotOptions: { online: true, writable: true, comment: 'restore' } });
		expect(lastRequest('POST').body).toEqual({ name: 'restore-point.1', description: 'restore', online: true, writable: true });
		expect(item.resource).toMatchObject({ name: 'restore-point.1', vol_id: volume.id, online: true, writable: true });
		const snapshotId = String((item.resource as IDataObject).id);
		await expect(runOne({ resource: 'snapshot', operation: 'delete', volumeId: locator(String(volume.id)), snapshotId, force: false })).rejects.toThrow(/is online; take it offline first or delete with force/);
		await runOne({ resource: 'snapshot', operation: 'delete', volumeId: locator(String(volume.id)), snapshotId, force: true });
		expect(lastRequest('DELETE').query).toEqual({ force: 'true' });
		expect(sim.context.collection('snapshots').has(snapshotId)).toBe(false);
	});

	it('lists seeded snapshots of a Nimble volume with a filter', async () => {
		const volume = seeded(NIMBLE, (candidate) => snapshotsOf(candidate).length > 1);
		const first = snapshotsOf(volume)[0];
		const items = await run({ resource: 'snapshot', operation: 'getAll', volumeId: locator(String(volume.id)), returnAll: false, limit: 10, listOptions: { filter: `name eq '${String(first.name)}'` } });
		expect(items.map((item) => item.id)).toEqual([first.id]);
	});

	it('rejects bad snapshot input before any request', async () => {
		const volume = seeded(PRIMERA);
		await expectRejectedBefore({ resource: 'snapshot', operation: 'create', volumeId: locator(String(volume.id)), snapshotName: 'a b', snapshotOptions: {} }, /"Snapshot Name" is not valid/);
		await expectRejectedBefore({ resource: 'snapshot', operation: 'create', volumeId: locator(String(volume.id)), snapshotName: '', snapshotOptions: { expireAfterHours: 2, retainForHours: 5 } }, /longer than "Expire After/);
		await expectRejectedBefore({ resource: 'snapshot', operation: 'delete', volumeId: locator(String(volume.id)), snapshotId: '../../x', force: false }, /is not a valid Snapshot/);
	});
});
