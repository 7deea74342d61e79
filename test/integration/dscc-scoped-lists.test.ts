import type { IDataObject, INodeListSearchResult } from 'n8n-workflow';

import { HpeDscc } from '../../nodes/HpeDscc/HpeDscc.node';
import type { Parameters } from '../harness/context';
import { executeNode, greenLakeCredential, loadOptionsContext } from '../harness/context';
import type { DsccSimulator } from '../simulators/dscc';
import { startDsccSimulator } from '../simulators/dscc';
import { SYSTEMS } from '../simulators/dscc/routes/core';

/**
 * The lists of the DSCC panel that depend on a field above them: the controllers, ports, enclosures,
 * disks, protection templates, storage pools and performance policies of the chosen storage system,
 * the snapshots of the chosen volume, the volumes of a volume set's system, the schedules of a
 * protection template, and the issue list. Each is searched, scoped by its parent, and what is picked
 * (or a plain ID saved before the field was a list) runs the operation.
 */
jest.setTimeout(60_000);

const node = new HpeDscc();
const [PRIMERA, NIMBLE, ALLETRA_MP] = SYSTEMS;
const { listSearch, loadOptions } = node.methods;

let sim: DsccSimulator;

beforeAll(async () => {
	sim = await startDsccSimulator({ taskDurationMs: 100 });
});
afterAll(async () => await sim.close());
afterEach(() => expect(sim.violations()).toEqual([]));

const locator = (value: string) => ({ __rl: true, mode: 'list', value });
const context = (parameters: Parameters = {}) => loadOptionsContext({ nodeType: node, credentials: greenLakeCredential(sim), parameters });
const records = (collection: string) => [...sim.context.collection(collection).values()];
const values = (result: INodeListSearchResult) => result.results.map((entry) => String(entry.value)).sort();
const names = (result: INodeListSearchResult) => result.results.map((entry) => entry.name);
const idsOf = (items: Array<{ id?: unknown }>) => items.map((item) => String(item.id)).sort();
const onSystem = (collection: string, systemId: string) => records(collection).filter((record) => record.systemId === systemId);

async function run(parameters: Parameters): Promise<IDataObject[]> {
	const items = await executeNode({ nodeType: node, credentials: greenLakeCredential(sim), parameters });
	return items.map((item) => item.json);
}

/** Reads every page of a list search (without search text). */
async function everything(search: (token?: string) => Promise<INodeListSearchResult>): Promise<INodeListSearchResult> {
	const results: INodeListSearchResult['results'] = [];
	let token: string | undefined;
	do {
		const page = await search(token);
		results.push(...page.results);
		token = page.paginationToken;
	} while (token !== undefined);
	return { results };
}

describe('hardware of the chosen storage system', () => {
	it('lists the controllers of the picked system only, and gets the one picked or given as a plain ID', async () => {
		const primera = await listSearch.searchControllers.call(context({ systemId: locator(PRIMERA.id) }));
		const nimble = await listSearch.searchControllers.call(context({ systemId: locator(NIMBLE.id) }));
		expect(values(primera)).toEqual(idsOf(onSystem('controllers', PRIMERA.id)));
		expect(names(primera)).toEqual(expect.arrayContaining(['node0', 'node1']));
		expect(names(nimble).sort()).toEqual(['A', 'B']);
		expect(sim.requestsTo('GET', /^\/api\/v1\/storage-systems\/device-type2\/[^/]+\/controllers$/)).not.toHaveLength(0);

		const searched = await listSearch.searchControllers.call(context({ systemId: locator(PRIMERA.id) }), 'node1');
		expect(names(searched)).toEqual(['node1']);

		const [picked] = await run({ resource: 'controller', operation: 'get', systemId: locator(PRIMERA.id), controllerId: locator(String(searched.results[0].value)) });
		expect(picked.name).toBe('node1');
		const [plain] = await run({ resource: 'controller', operation: 'get', systemId: PRIMERA.id, controllerId: String(searched.results[0].value) });
		expect(plain.name).toBe('node1');
	});

	it('lists nothing, and sends nothing, while no storage system is picked', async () => {
		const before = sim.requestCount();
		for (const method of ['searchControllers', 'searchPorts', 'searchEnclosures', 'searchDisks', 'searchProtectionTemplates', 'searchStoragePools'] as const) {
			await expect(listSearch[method].call(context({ systemId: locator('') }))).resolves.toEqual({ results: [] });
		}
		expect(sim.requestCount()).toBe(before);
	});

	it('lists the ports of a Nimble system from both sections of its listing, and of a Primera system', async () => {
		const getMany = async (systemId: string) => idsOf(await run({ resource: 'port', operation: 'getAll', systemId: locator(systemId), returnAll: true }));
		const nimble = await everything((token) => listSearch.searchPorts.call(context({ systemId: locator(NIMBLE.id) }), undefined, token));
		expect(values(nimble)).toEqual(await getMany(NIMBLE.id));
		expect(names(nimble)).toEqual(expect.arrayContaining(['fc1a.1 (controller A)', 'fc1a.1 (controller B)', 'eth1 (controller A)']));
		const primera = await listSearch.searchPorts.call(context({ systemId: locator(PRIMERA.id) }));
		expect(values(primera)).toEqual(await getMany(PRIMERA.id));
		expect(values(primera)).not.toEqual(expect.arrayContaining([nimble.results[0].value]));

		const [picked] = await run({ resource: 'port', operation: 'get', systemId: locator(NIMBLE.id), portId: locator(String(nimble.results[0].value)) });
		expect(picked.id).toBe(nimble.results[0].value);
	});

	it('lists enclosures (shelves on Nimble) of the picked system, then the disks of the picked enclosure', async () => {
		const enclosures = await listSearch.searchEnclosures.call(context({ systemId: locator(PRIMERA.id) }));
		expect(names(enclosures)).toEqual(['cage0', 'cage1']);
		const cage1 = String(enclosures.results[1].value);

		// Primera lists disks per enclosure: no enclosure picked, no disks and no request.
		const diskReads = () => sim.requestsTo('GET', /\/disks$/).length;
		const before = diskReads();
		expect(await listSearch.searchDisks.call(context({ systemId: locator(PRIMERA.id), enclosureId: locator('') }))).toEqual({ results: [] });
		expect(diskReads()).toBe(before);

		const disks = await listSearch.searchDisks.call(context({ systemId: locator(PRIMERA.id), enclosureId: locator(cage1) }));
		expect(names(disks)).toHaveLength(12);
		expect(names(disks).every((name) => name.startsWith('Disk 1:'))).toBe(true);
		const searched = await listSearch.searchDisks.call(context({ systemId: locator(PRIMERA.id), enclosureId: locator(cage1) }), 'Disk 1:7');
		expect(names(searched)).toEqual(['Disk 1:7']);
		const [disk] = await run({ resource: 'disk', operation: 'get', systemId: locator(PRIMERA.id), enclosureId: locator(cage1), diskId: locator(String(searched.results[0].value)) });
		expect(disk.displayname).toBe('Disk 1:7');

		const shelves = await listSearch.searchEnclosures.call(context({ systemId: locator(NIMBLE.id) }));
		expect(values(shelves)).toEqual(idsOf(await run({ resource: 'enclosure', operation: 'getAll', systemId: locator(NIMBLE.id), returnAll: true })));
		const allNimbleDisks = await everything((token) => listSearch.searchDisks.call(context({ systemId: locator(NIMBLE.id), enclosureId: locator('') }), undefined, token));
		expect(allNimbleDisks.results).toHaveLength(24);
		const shelf = String(shelves.results[1].value);
		const onShelf = await listSearch.searchDisks.call(context({ systemId: locator(NIMBLE.id), enclosureId: locator(shelf) }));
		expect(onShelf.results).toHaveLength(12);
		expect(onShelf.results.every((entry) => /^Slot \d+, shelf A\.1 \(S5/.test(entry.name))).toBe(true);
		const [nimbleDisk] = await run({ resource: 'disk', operation: 'get', systemId: locator(NIMBLE.id), diskId: String(onShelf.results[0].value) });
		expect(nimbleDisk.shelf_id).toBe(shelf);
	});
});

describe('protection templates', () => {
	it('offers only Nimble systems, then the templates of the picked one and the schedules of the picked template', async () => {
		const systems = await listSearch.searchNimbleSystems.call(context());
		expect(systems.results).toEqual([{ name: NIMBLE.name, value: NIMBLE.id }]);

		const templates = await listSearch.searchProtectionTemplates.call(context({ systemId: locator(NIMBLE.id) }), 'Hourly');
		expect(names(templates)).toEqual(['Retain-48Hourly-30Daily-52Weekly']);
		const templateId = String(templates.results[0].value);

		const schedules = await loadOptions.getProtectionTemplateSchedules.call(context({ systemId: locator(NIMBLE.id), protectionTemplateId: locator(templateId) }));
		expect(schedules.map((option) => option.name)).toEqual(['daily', 'hourly', 'weekly']);

		const hourly = schedules.find((option) => option.name === 'hourly')!;
		const weekly = schedules.find((option) => option.name === 'weekly')!;
		await run({
			resource: 'protectionTemplate',
			operation: 'update',
			systemId: locator(NIMBLE.id),
			protectionTemplateId: locator(templateId),
			editSchedules: { schedule: [{ scheduleId: hourly.value, changes: { numRetain: 24 } }] },
			removeScheduleIds: [weekly.value],
			waitForCompletion: false,
		});
		const sent = sim.requestsTo('PUT', /\/protection-templates\/[^/]+$/).pop()!.body as IDataObject;
		expect(sent).toMatchObject({ editSchedules: [{ id: hourly.value, num_retain: 24 }], removeSchedules: [{ id: weekly.value }] });
	});

	it('says why a Primera system has no templates to list', async () => {
		await expect(listSearch.searchProtectionTemplates.call(context({ systemId: locator(PRIMERA.id) }))).rejects.toThrow(
			'Storage system "primera-650-lab" (HPE Primera / Alletra 9000) has no protection templates',
		);
	});
});

describe('issues', () => {
	it('lists issues by title and severity, finds one by part of its title, and gets it', async () => {
		const all = await listSearch.searchIssues.call(context());
		expect(names(all)).toEqual(expect.arrayContaining(['Storage pool SSD_r6 is 95% full · CRITICAL', 'Firmware update available · INFO']));
		const found = await listSearch.searchIssues.call(context(), 'partner');
		expect(names(found)).toEqual(['Replication partner unreachable · WARNING']);
		const [issue] = await run({ resource: 'issue', operation: 'get', issueId: locator(String(found.results[0].value)) });
		expect(issue.title).toBe('Replication partner unreachable');
	});
});

describe('storage pools', () => {
	it('lists the pools of the picked system for Storage Pool, and gets the one picked or given as a plain ID', async () => {
		const pools = await listSearch.searchStoragePools.call(context({ systemId: locator(NIMBLE.id) }));
		expect(names(pools).sort()).toEqual(['default', 'pool-fast']);
		const fast = String(pools.results.find((entry) => entry.name === 'pool-fast')!.value);
		const [picked] = await run({ resource: 'storagePool', operation: 'get', systemId: locator(NIMBLE.id), poolId: locator(fast) });
		expect(picked.name).toBe('pool-fast');
		const [plain] = await run({ resource: 'storagePool', operation: 'get', systemId: NIMBLE.id, poolId: fast });
		expect(plain.name).toBe('pool-fast');
	});

	it('lists the pools of the picked volume’s system for the pool fields of Update and Clone', async () => {
		const volume = onSystem('volumes', PRIMERA.id)[0];
		const pools = await loadOptions.getStoragePools.call(context({ volumeId: locator(String(volume.id)) }));
		const primeraPools = (await listSearch.searchStoragePools.call(context({ systemId: locator(PRIMERA.id) }))).results.map((entry) => entry.name);
		expect(pools.map((option) => option.value).sort()).toEqual([...primeraPools].sort());
	});
});

describe('performance policies', () => {
	it('lists the policies of the picked Nimble system, and creates a volume with the one picked', async () => {
		const policies = await listSearch.searchPerformancePolicies.call(context({ systemId: locator(NIMBLE.id) }));
		expect(names(policies)).toEqual(['default', 'SQL Server', 'VMware ESX', 'Backup Repository']);
		const sql = String(policies.results[1].value);
		await run({
			resource: 'volume',
			operation: 'create',
			systemId: locator(NIMBLE.id),
			name: 'sql-policy-01',
			size: 1,
			sizeUnit: 'GiB',
			pool: 'default',
			additionalFields: { performancePolicyId: locator(sql) },
			waitForCompletion: false,
		});
		expect(sim.requestsTo('POST', /\/device-type2\/[^/]+\/volumes$/).pop()!.body).toMatchObject({ perfpolicy_id: sql });
	});

	it('lists the policies of the picked volume’s system when updating a volume', async () => {
		const volume = onSystem('volumes', NIMBLE.id)[0];
		const policies = await listSearch.searchPerformancePolicies.call(context({ volumeId: locator(String(volume.id)) }), 'vmware');
		expect(names(policies)).toEqual(['VMware ESX']);
	});

	it('says that only Nimble systems have performance policies', async () => {
		await expect(listSearch.searchPerformancePolicies.call(context({ systemId: locator(ALLETRA_MP.id) }))).rejects.toThrow(
			'Storage system "alletra-mp-b10k" (HPE Alletra Storage MP) has no performance policies',
		);
	});
});

describe('snapshots of the chosen volume', () => {
	it('lists the snapshots of the picked volume only, and gets the one picked', async () => {
		const [first, second] = onSystem('volumes', PRIMERA.id);
		for (const [volume, name] of [[first, 'before-upgrade'], [first, 'nightly-01'], [second, 'other-volume-snap']] as const) {
			await run({ resource: 'snapshot', operation: 'create', volumeId: locator(String(volume.id)), snapshotName: name, waitForCompletion: true, waitTimeout: 30 });
		}
		const listed = await listSearch.searchSnapshots.call(context({ volumeId: locator(String(first.id)) }));
		const seeded = (await run({ resource: 'snapshot', operation: 'getAll', volumeId: locator(String(first.id)), returnAll: true })).map((item) => String(item.name));
		expect(names(listed).sort()).toEqual([...seeded].sort());
		expect(names(listed)).toEqual(expect.arrayContaining(['before-upgrade', 'nightly-01']));
		expect(names(listed)).not.toContain('other-volume-snap');
		const found = await listSearch.searchSnapshots.call(context({ volumeId: locator(String(first.id)) }), 'upgrade');
		expect(names(found)).toEqual(['before-upgrade']);
		const [snapshot] = await run({ resource: 'snapshot', operation: 'get', volumeId: locator(String(first.id)), snapshotId: locator(String(found.results[0].value)) });
		expect(snapshot.name).toBe('before-upgrade');
		expect(await listSearch.searchSnapshots.call(context({ volumeId: locator('') }))).toEqual({ results: [] });
	});
});

describe('volumes of a volume set', () => {
	it('offers the volumes of the picked system, or of the picked volume set’s system, and creates a set of the picked ones', async () => {
		const options = await loadOptions.getSystemVolumes.call(context({ systemId: locator(ALLETRA_MP.id) }));
		expect(options.map((option) => option.value).sort()).toEqual(idsOf(onSystem('volumes', ALLETRA_MP.id)));
		const picked = options.slice(0, 2).map((option) => option.value);
		const [created] = await run({
			resource: 'volumeSet',
			operation: 'create',
			systemId: locator(ALLETRA_MP.id),
			name: 'picked-set',
			appType: 'OTHER',
			volumeIds: picked,
			waitForCompletion: true,
			waitTimeout: 30,
		});
		expect(created.state).toBe('SUCCEEDED');
		const set = records('volumeSets').find((record) => record.name === 'picked-set')!;
		const fromSet = await loadOptions.getSystemVolumes.call(context({ volumeSetId: locator(String(set.id)) }));
		expect(fromSet.map((option) => option.value).sort()).toEqual(idsOf(onSystem('volumes', ALLETRA_MP.id)));
	});
});
