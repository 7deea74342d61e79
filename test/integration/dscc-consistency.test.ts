import type { IDataObject } from 'n8n-workflow';

import { HpeDscc } from '../../nodes/HpeDscc/HpeDscc.node';
import type { Parameters } from '../harness/context';
import { executeNode, greenLakeCredential } from '../harness/context';
import type { DsccSimulator } from '../simulators/dscc';
import { startDsccSimulator } from '../simulators/dscc';
import type { Record as SimRecord } from '../simulators/dscc/context';
import { exportsOfHostGroup, exportsOfVolume } from '../simulators/dscc/exports';
import { SYSTEMS } from '../simulators/dscc/routes/core';

/**
 * What the Volume resource changes, the Host and Host Group resources see, and the other way round:
 * exports made through volumes show under hosts and block host-group deletes; exports the simulator
 * seeded show on volumes; merging host groups keeps their exports.
 */

jest.setTimeout(60_000);

const node = new HpeDscc();
const PRIMERA = SYSTEMS[0].id;
const NIMBLE = SYSTEMS[1].id;
const ALLETRA_MP = SYSTEMS[2].id;
const REJECTED = 'HPE Data Services Cloud Console rejected the request: ';

let sim: DsccSimulator;

beforeAll(async () => {
	sim = await startDsccSimulator({ taskDurationMs: 1200 });
});
afterAll(async () => await sim.close());
afterEach(() => {
	sim.clearFaults();
	expect(sim.violations()).toEqual([]);
});

async function run(parameters: Parameters): Promise<IDataObject[]> {
	const items = await executeNode({ nodeType: node, credentials: greenLakeCredential(sim), parameters });
	return items.map((item) => item.json);
}

/** Runs a write operation and waits for its task. */
async function runTask(parameters: Parameters): Promise<IDataObject> {
	const [task] = await run({ waitForCompletion: true, waitTimeout: 30, ...parameters });
	return task;
}

async function failure(parameters: Parameters): Promise<Error> {
	const error = await run({ waitForCompletion: true, waitTimeout: 30, ...parameters }).then(
		() => undefined,
		(e: Error) => e,
	);
	if (!error) throw new Error('The node succeeded where it should have failed');
	return error;
}

const locator = (value: unknown) => ({ __rl: true, mode: 'list', value: String(value) });
const hostGroups = (...ids: unknown[]) => ({ hostGroup: ids.map((id) => ({ hostGroupId: locator(id) })) });
const records = (collection: string) => [...sim.context.collection(collection).values()];
const named = (collection: string, name: string): SimRecord[] => records(collection).filter((record) => record.name === name);
function one(collection: string, name: string): SimRecord {
	const found = named(collection, name);
	if (found.length !== 1) throw new Error(`Expected one ${collection} record named ${name}, found ${found.length}`);
	return found[0];
}
/** A volume of a system that is exported nowhere. */
function unexportedVolume(systemId: string, except: unknown[] = []): SimRecord {
	const found = records('volumes').find((volume) => volume.systemId === systemId && !except.includes(volume.id) && exportsOfVolume(sim.context, String(volume.id)).length === 0);
	if (!found) throw new Error(`No unexported volume on ${systemId}`);
	return found;
}
const volumesOfHost = async (host: SimRecord) => await run({ resource: 'host', operation: 'getVolumes', hostId: locator(host.id) });

describe('exports: volumes and host groups', () => {
	it('shows an export made through the volume under the hosts of the group, refuses to delete the group, then deletes it once unexported', async () => {
		const host = one('hosts', 'backup-srv-01');
		const [group] = await run({ resource: 'hostGroup', operation: 'create', name: 'backup-cluster', hostIds: String(host.id) });
		expect(await volumesOfHost(host)).toEqual([]);

		const volume = unexportedVolume(PRIMERA);
		const exported = await runTask({ resource: 'volume', operation: 'export', volumeId: locator(volume.id), hostGroups: hostGroups(group.id) });
		expect(exported.state).toBe('SUCCEEDED');

		const visible = await volumesOfHost(host);
		expect(visible).toEqual([expect.objectContaining({ volumeName: volume.name, systemId: PRIMERA, resourceUri: volume.resourceUri, lunId: 1, pathCount: 2 })]);

		const refused = await failure({ resource: 'hostGroup', operation: 'delete', hostGroupId: locator(group.id) });
		expect(refused.message).toBe(
			`${REJECTED}Host group "backup-cluster" cannot be deleted: 1 volume(s) are exported to it (${String(volume.name)}). Unexport them first, or delete with force.`,
		);
		const hostRefused = await failure({ resource: 'host', operation: 'delete', hostId: locator(host.id) });
		expect(hostRefused.message).toMatch(/Host "backup-srv-01" cannot be deleted: it is in host group "backup-cluster", which has volumes exported to it/);
		expect(sim.context.collection('hostGroups').has(String(group.id))).toBe(true);

		const unexported = await runTask({ resource: 'volume', operation: 'unexport', volumeId: locator(volume.id), hostGroups: hostGroups(group.id) });
		expect(unexported.state).toBe('SUCCEEDED');
		expect(await volumesOfHost(host)).toEqual([]);

		const deleted = await runTask({ resource: 'hostGroup', operation: 'delete', hostGroupId: locator(group.id) });
		expect(deleted.state).toBe('SUCCEEDED');
		expect(sim.context.collection('hostGroups').has(String(group.id))).toBe(false);
		expect(sim.requestsTo('DELETE', /host-initiator-groups/).pop()!.query).toEqual({});
	});

	it('gives the next free LUN of the host group, whichever resource made the exports before', async () => {
		const group = one('hostGroups', 'sql-cluster');
		const seededLuns = exportsOfHostGroup(sim.context, String(group.id)).map((entry) => entry.lun);
		expect(seededLuns.length).toBeGreaterThan(0);
		const volume = unexportedVolume(PRIMERA);
		await runTask({ resource: 'volume', operation: 'export', volumeId: locator(volume.id), hostGroups: hostGroups(group.id) });

		const visible = await volumesOfHost(one('hosts', 'sql-node-01'));
		expect(visible).toHaveLength(seededLuns.length + 1);
		expect(visible.find((entry) => entry.volumeName === volume.name)!.lunId).toBe(Math.max(...seededLuns) + 1);
		await runTask({ resource: 'volume', operation: 'unexport', volumeId: locator(volume.id), hostGroups: hostGroups(group.id) });
		expect(await volumesOfHost(one('hosts', 'sql-node-01'))).toHaveLength(seededLuns.length);
	});

	it('knows on the volume side the exports seeded with the host groups', async () => {
		const group = one('hostGroups', 'esx-cluster-b');
		const host = one('hosts', 'esx-b-01');
		const before = await volumesOfHost(host);
		expect(before.length).toBeGreaterThan(1);
		const [first] = before;
		const volume = records('volumes').find((candidate) => candidate.name === first.volumeName)!;
		expect(volume.systemId).toBe(NIMBLE);

		const again = await failure({ resource: 'volume', operation: 'export', volumeId: locator(volume.id), hostGroups: hostGroups(group.id) });
		expect(again.message).toMatch(new RegExp(`Volume ${String(volume.name)} is already exported to host group esx-cluster-b`));

		const unexported = await runTask({ resource: 'volume', operation: 'unexport', volumeId: locator(volume.id), hostGroups: hostGroups(group.id) });
		expect(unexported.state).toBe('SUCCEEDED');
		expect((unexported.resource as IDataObject).access_control_records).toEqual([]);
		const after = await volumesOfHost(host);
		expect(after.map((entry) => entry.volumeName)).toEqual(before.slice(1).map((entry) => entry.volumeName));

		const exported = await runTask({ resource: 'volume', operation: 'export', volumeId: locator(volume.id), hostGroups: hostGroups(group.id), exportOptions: { lun: 40 } });
		expect((exported.resource as IDataObject).access_control_records).toEqual([
			expect.objectContaining({ initiator_group_id: group.id, initiator_group_name: 'esx-cluster-b', lun: 40 }),
		]);
		expect((await volumesOfHost(host)).find((entry) => entry.volumeName === volume.name)).toMatchObject({ lunId: 40 });
	});

	it('refuses to delete a volume exported by the seed, and with Force removes it from the hosts too', async () => {
		const group = one('hostGroups', 'esx-cluster-a');
		const host = one('hosts', 'esx-a-01');
		const entry = exportsOfHostGroup(sim.context, String(group.id)).find((candidate) => sim.context.collection('volumes').get(candidate.volumeId)!.systemId === ALLETRA_MP)!;
		const volume = sim.context.collection('volumes').get(entry.volumeId)!;
		const count = (await volumesOfHost(host)).length;

		const refused = await failure({ resource: 'volume', operation: 'delete', volumeId: locator(volume.id), force: false, cascade: true });
		expect(refused.message).toMatch(new RegExp(`Volume ${String(volume.name)} is exported to host groups esx-cluster-a; un-export it first`));

		const deleted = await runTask({ resource: 'volume', operation: 'delete', volumeId: locator(volume.id), force: true, cascade: true });
		expect(deleted.state).toBe('SUCCEEDED');
		const after = await volumesOfHost(host);
		expect(after).toHaveLength(count - 1);
		expect(after.map((visible) => visible.volumeName)).not.toContain(volume.name);
	});

	it('moves the exports of merged host groups to the merged group', async () => {
		const duplicates = named('hostGroups', 'vdi-cluster');
		expect(duplicates).toHaveLength(2);
		const first = unexportedVolume(PRIMERA);
		const second = unexportedVolume(PRIMERA, [first.id]);
		await runTask({ resource: 'volume', operation: 'export', volumeId: locator(first.id), hostGroups: hostGroups(duplicates[0].id) });
		await runTask({ resource: 'volume', operation: 'export', volumeId: locator(second.id), hostGroups: hostGroups(duplicates[1].id) });

		const [result] = await run({ resource: 'hostGroup', operation: 'mergeDuplicates', mergeMode: 'allFound' });
		expect(result).toMatchObject({ mergedCount: 1 });
		const merged = one('hostGroups', 'vdi-cluster');
		expect(duplicates.map((group) => exportsOfHostGroup(sim.context, String(group.id)))).toEqual([[], []]);

		for (const host of named('hosts', 'vdi-01')) {
			expect((await volumesOfHost(host)).map((entry) => entry.volumeName).sort()).toEqual([first.name, second.name].sort());
		}
		const luns = exportsOfHostGroup(sim.context, String(merged.id)).map((entry) => entry.lun);
		expect(new Set(luns).size).toBe(2);

		const refused = await failure({ resource: 'hostGroup', operation: 'delete', hostGroupId: locator(merged.id) });
		expect(refused.message).toMatch(/Host group "vdi-cluster" cannot be deleted: 2 volume\(s\) are exported to it/);
		const unexported = await runTask({ resource: 'volume', operation: 'unexport', volumeId: locator(first.id), hostGroups: hostGroups(merged.id) });
		expect(unexported.state).toBe('SUCCEEDED');
		const deleted = await runTask({ resource: 'hostGroup', operation: 'delete', hostGroupId: locator(merged.id), force: true });
		expect(deleted.state).toBe('SUCCEEDED');
		expect(exportsOfVolume(sim.context, String(second.id))).toEqual([]);
	});
});
