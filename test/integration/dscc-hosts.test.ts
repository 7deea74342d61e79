import type { IDataObject } from 'n8n-workflow';

import { HpeDscc } from '../../nodes/HpeDscc/HpeDscc.node';
import type { Parameters } from '../harness/context';
import { executeNode, greenLakeCredential, loadOptionsContext } from '../harness/context';
import type { DsccSimulator } from '../simulators/dscc';
import { startDsccSimulator } from '../simulators/dscc';
import { exportsOfHostGroup } from '../simulators/dscc/exports';

jest.setTimeout(60_000);

const node = new HpeDscc();
let sim: DsccSimulator;

/** A fresh simulator per describe block: the blocks change hosts and groups the others rely on. */
function useSimulator(): void {
	beforeAll(async () => {
		sim = await startDsccSimulator({ taskDurationMs: 1200 });
	});
	afterAll(async () => await sim.close());
	afterEach(() => {
		sim.clearFaults();
		expect(sim.violations()).toEqual([]);
	});
}

async function run(parameters: Parameters, continueOnFail = false): Promise<IDataObject[]> {
	const items = await executeNode({ nodeType: node, credentials: greenLakeCredential(sim), parameters, continueOnFail });
	return items.map((item) => item.json);
}

/** Runs the node expecting it to fail; returns the error. */
async function failure(parameters: Parameters): Promise<Error & { description?: string }> {
	const error = await run(parameters).then(
		() => undefined,
		(e: Error) => e,
	);
	if (!error) throw new Error('The node succeeded where it should have failed');
	return error as Error & { description?: string };
}

/** Runs the node expecting it to refuse the input before sending any request. */
async function refusedLocally(parameters: Parameters, message: RegExp): Promise<void> {
	const before = sim.requestCount();
	const error = await failure(parameters);
	expect(error.message).toMatch(message);
	expect(sim.requestCount()).toBe(before);
}

const records = (name: string) => [...sim.context.collection(name).values()];
const byName = (collection: string, name: string) => records(collection).filter((record) => record.name === name);
const one = (collection: string, name: string) => {
	const found = byName(collection, name);
	if (found.length !== 1) throw new Error(`Expected one ${collection} record named ${name}, found ${found.length}`);
	return found[0];
};
const ids = (summaries: unknown) => ((summaries as IDataObject[]) ?? []).map((summary) => summary.id as string);
const locator = (value: unknown) => ({ __rl: true, mode: 'id', value });
const wait = { waitForCompletion: true, waitTimeout: 30 };

describe('host groups', () => {
	useSimulator();

	it('lists host groups with their hosts, filtered by name', async () => {
		const all = await run({ resource: 'hostGroup', operation: 'getAll', returnAll: true });
		expect(all.map((group) => group.name)).toEqual(expect.arrayContaining(['esx-cluster-a', 'esx-cluster-b', 'sql-cluster', 'oracle-rac']));
		const [group] = await run({ resource: 'hostGroup', operation: 'getAll', returnAll: true, listOptions: { filter: "name eq 'esx-cluster-a'" } });
		expect((group.hosts as IDataObject[]).map((host) => host.name).sort()).toEqual(['esx-a-01', 'esx-a-02', 'esx-a-03', 'esx-a-04']);
		expect(sim.requestsTo('GET', /^\/api\/v1\/host-initiator-groups$/).pop()!.query.filter).toBe("name eq 'esx-cluster-a'");
	});

	it('gets one host group picked from the searchable list', async () => {
		const search = await node.methods.listSearch.searchHostGroups.call(loadOptionsContext({ nodeType: node, credentials: greenLakeCredential(sim) }), 'oracle');
		expect(search.results.map((result) => result.name)).toEqual(['oracle-rac']);
		const [group] = await run({ resource: 'hostGroup', operation: 'get', hostGroupId: { __rl: true, mode: 'list', value: search.results[0].value } });
		expect(group.name).toBe('oracle-rac');
		const initiators = (group.hosts as IDataObject[]).flatMap((host) => host.initiators as IDataObject[]);
		expect(initiators.every((initiator) => initiator.protocol === 'iSCSI')).toBe(true);
	});

	it('creates a host group with new hosts and their initiators in one step', async () => {
		const [group] = await run({
			resource: 'hostGroup',
			operation: 'create',
			name: 'esx-cluster-c',
			hostsToCreate: {
				host: [
					{ name: 'esx-c-01', operatingSystem: 'VMware (ESXi)', protocol: 'FC', initiatorAddresses: '10:00:00:10:9b:c0:01:01, 10:00:00:10:9b:c0:01:02' },
					{ name: 'esx-c-02', operatingSystem: 'VMware (ESXi)', protocol: 'FC', initiatorAddresses: '100000109BC00201\n100000109BC00202' },
				],
			},
			additionalFields: { comment: 'Lab cluster' },
		});
		expect(group.name).toBe('esx-cluster-c');
		expect(group.comment).toBe('Lab cluster');
		expect((group.hosts as IDataObject[]).map((host) => host.name).sort()).toEqual(['esx-c-01', 'esx-c-02']);

		const stored = one('hostGroups', 'esx-cluster-c');
		const host = one('hosts', 'esx-c-02');
		expect(ids(host.hostGroups)).toEqual([stored.id]);
		expect((host.initiators as IDataObject[]).map((initiator) => initiator.address)).toEqual(['100000109BC00201', '100000109BC00202']);
		expect(records('initiators').filter((initiator) => String(initiator.address).startsWith('10:00:00:10:9b:c0:01'))).toHaveLength(2);
		const sent = sim.requestsTo('POST', /^\/api\/v1\/host-initiator-groups$/).pop()!.body as IDataObject;
		expect(sent).toEqual({
			name: 'esx-cluster-c',
			comment: 'Lab cluster',
			hostsToCreate: [
				{ name: 'esx-c-01', operatingSystem: 'VMware (ESXi)', protocol: 'FC', initiatorsToCreate: [{ address: '10:00:00:10:9b:c0:01:01', protocol: 'FC' }, { address: '10:00:00:10:9b:c0:01:02', protocol: 'FC' }] },
				{ name: 'esx-c-02', operatingSystem: 'VMware (ESXi)', protocol: 'FC', initiatorsToCreate: [{ address: '100000109BC00201', protocol: 'FC' }, { address: '100000109BC00202', protocol: 'FC' }] },
			],
		});
	});

	it('creates a host group from existing hosts', async () => {
		const backup = one('hosts', 'backup-srv-01');
		const [group] = await run({ resource: 'hostGroup', operation: 'create', name: 'backup-servers', hostIds: String(backup.id) });
		expect((group.hosts as IDataObject[]).map((host) => host.id)).toEqual([backup.id]);
		expect(ids(one('hosts', 'backup-srv-01').hostGroups)).toEqual([group.id]);
	});

	it('shows DSCC’s own message when the name is taken', async () => {
		const error = await failure({ resource: 'hostGroup', operation: 'create', name: 'ESX-Cluster-A' });
		expect(error.message).toBe('HPE Data Services Cloud Console rejected the request: A host group named "ESX-Cluster-A" already exists');
		expect(error.description).toMatch(/HTTP status: 400/);
		expect(byName('hostGroups', 'ESX-Cluster-A')).toHaveLength(0);
	});

	it('shows DSCC’s message when a new initiator address is already known', async () => {
		const taken = String(records('initiators').find((initiator) => initiator.protocol === 'FC')!.address);
		const error = await failure({
			resource: 'hostGroup',
			operation: 'create',
			name: 'new-group',
			hostsToCreate: { host: [{ name: 'new-host-01', operatingSystem: 'Windows Server', protocol: 'FC', initiatorAddresses: taken.replace(/:/g, '').toUpperCase() }] },
		});
		expect(error.message).toMatch(/An initiator with address [0-9A-F]{16} already exists/);
		expect(byName('hostGroups', 'new-group')).toHaveLength(0);
		expect(byName('hosts', 'new-host-01')).toHaveLength(0);
	});

	it('refuses hosts of different protocols in one group', async () => {
		const error = await failure({
			resource: 'hostGroup',
			operation: 'create',
			name: 'mixed',
			hostsToCreate: {
				host: [
					{ name: 'mixed-01', operatingSystem: 'Ubuntu', protocol: 'FC', initiatorAddresses: '10:00:00:10:9b:d0:00:01' },
					{ name: 'mixed-02', operatingSystem: 'Ubuntu', protocol: 'iSCSI', initiatorAddresses: 'iqn.1993-08.org.debian:01:mixed-02' },
				],
			},
		});
		expect(error.message).toMatch(/same protocol \(found FC and iSCSI\)/);
	});

	it('rejects bad input before sending anything', async () => {
		await refusedLocally({ resource: 'hostGroup', operation: 'create', name: '   ' }, /"Name" is required/);
		await refusedLocally(
			{ resource: 'hostGroup', operation: 'create', name: 'g1', hostsToCreate: { host: [{ name: 'h1', operatingSystem: 'Ubuntu', protocol: 'FC', initiatorAddresses: '10:00:00:10:9b:1c:2d' }] } },
			/Host 1 in "Hosts to Create": "10:00:00:10:9b:1c:2d" is not a valid FC initiator address/,
		);
		await refusedLocally(
			{ resource: 'hostGroup', operation: 'create', name: 'g1', hostsToCreate: { host: [{ name: '', operatingSystem: 'Ubuntu', protocol: 'FC' }] } },
			/Host 1 in "Hosts to Create": Name" is required/,
		);
		await refusedLocally(
			{ resource: 'hostGroup', operation: 'create', name: 'g1', hostsToCreate: { host: [{ name: 'h1', operatingSystem: 'Ubuntu', protocol: 'iSCSI', initiatorAddresses: 'iqn.2020-13.com.example:h1' }] } },
			/not a valid iSCSI initiator address/,
		);
		await refusedLocally({ resource: 'hostGroup', operation: 'create', name: 'g1', hostIds: 'abc, ../../tasks' }, /"..\/..\/tasks" in "Existing Hosts" is not a valid ID/);
		await refusedLocally({ resource: 'hostGroup', operation: 'get', hostGroupId: locator('x y') }, /"x y" is not a valid Host Group/);
		await refusedLocally({ resource: 'hostGroup', operation: 'update', hostGroupId: locator(one('hostGroups', 'sql-cluster').id) }, /Nothing to update/);
	});

	it('renames a group, adds and removes hosts once the task completes', async () => {
		const group = one('hostGroups', 'sql-cluster');
		const leaving = one('hosts', 'sql-node-02');
		const joining = one('hosts', 'backup-srv-01');
		const [accepted] = await run({
			resource: 'hostGroup',
			operation: 'update',
			hostGroupId: locator(group.id),
			updateFields: { name: 'sql-cluster-prod', hostsToAdd: String(joining.id), hostsToRemove: String(leaving.id) },
			waitForCompletion: false,
		});
		expect(accepted.taskId).toEqual(expect.any(String));
		expect(group.name).toBe('sql-cluster');

		const [task] = await run({ resource: 'task', operation: 'waitForCompletion', taskId: accepted.taskId, waitTimeout: 30 });
		expect(task.state).toBe('SUCCEEDED');
		expect(group.name).toBe('sql-cluster-prod');
		expect((group.hosts as IDataObject[]).map((host) => host.name).sort()).toEqual(['backup-srv-01', 'sql-node-01']);
		expect(ids(leaving.hostGroups)).toEqual([]);
		expect(sim.requestsTo('PUT', /host-initiator-groups/).pop()!.body).toEqual({ name: 'sql-cluster-prod', updatedHosts: [joining.id], removedHosts: [leaving.id] });
	});

	it('creates new hosts in an existing group and returns the updated group', async () => {
		const group = one('hostGroups', 'oracle-rac');
		const [task] = await run({
			resource: 'hostGroup',
			operation: 'update',
			hostGroupId: locator(group.id),
			hostsToCreate: { host: [{ name: 'ora-db-03', operatingSystem: 'RHE Linux', protocol: 'iSCSI', initiatorAddresses: 'iqn.1994-05.com.redhat:ora-db-03' }] },
			...wait,
		});
		expect(task.state).toBe('SUCCEEDED');
		expect(((task.resource as IDataObject).hosts as IDataObject[]).map((host) => host.name).sort()).toEqual(['ora-db-01', 'ora-db-02', 'ora-db-03']);
	});

	it('refuses a host listed both to add and to remove', async () => {
		const host = one('hosts', 'esx-a-01');
		await refusedLocally(
			{ resource: 'hostGroup', operation: 'update', hostGroupId: locator(one('hostGroups', 'esx-cluster-a').id), updateFields: { hostsToAdd: String(host.id), hostsToRemove: String(host.id) } },
			/listed both to add and to remove/,
		);
	});

	it('refuses to delete a group with exported volumes, and deletes it with force', async () => {
		const group = one('hostGroups', 'esx-cluster-a');
		expect(exportsOfHostGroup(sim.context, String(group.id)).length).toBeGreaterThan(0);
		const error = await failure({ resource: 'hostGroup', operation: 'delete', hostGroupId: locator(group.id), ...wait });
		expect(error.message).toMatch(/Host group "esx-cluster-a" cannot be deleted: \d+ volume\(s\) are exported to it \(.+\)\. Unexport them first, or delete with force/);
		expect(sim.context.collection('hostGroups').has(String(group.id))).toBe(true);

		const [task] = await run({ resource: 'hostGroup', operation: 'delete', hostGroupId: locator(group.id), force: true, ...wait });
		expect(task.state).toBe('SUCCEEDED');
		expect(sim.context.collection('hostGroups').has(String(group.id))).toBe(false);
		expect(exportsOfHostGroup(sim.context, String(group.id))).toEqual([]);
		expect(ids(one('hosts', 'esx-a-01').hostGroups)).toEqual([]);
		expect(sim.requestsTo('DELETE', /host-initiator-groups/).pop()!.query).toEqual({ force: 'true' });
	});

	it('says which host group was not found', async () => {
		const error = await failure({ resource: 'hostGroup', operation: 'get', hostGroupId: locator('0123456789abcdef0123456789abcdef') });
		expect(error.message).toBe('Host group 0123456789abcdef0123456789abcdef was not found in HPE Data Services Cloud Console');
	});

	it('lists duplicate host groups and merges every duplicate found', async () => {
		const duplicates = await run({ resource: 'hostGroup', operation: 'getDuplicates' });
		expect(duplicates).toHaveLength(1);
		expect(duplicates[0]).toMatchObject({ name: 'vdi-cluster', duplicateIds: expect.arrayContaining(byName('hostGroups', 'vdi-cluster').map((group) => group.id)) });

		const [result] = await run({ resource: 'hostGroup', operation: 'mergeDuplicates', mergeMode: 'allFound' });
		expect(result).toMatchObject({ mergedCount: 1, notDuplicated: [], merged: [{ name: 'vdi-cluster', duplicateIds: duplicates[0].duplicateIds }] });
		const merged = one('hostGroups', 'vdi-cluster');
		expect(merged.id).toBe((result.merged as IDataObject[])[0].id);
		expect(merged.userCreated).toBe(true);
		expect((merged.hosts as IDataObject[])).toHaveLength(4);
		expect(await run({ resource: 'hostGroup', operation: 'getDuplicates' })).toEqual([]);

		const [nothing] = await run({ resource: 'hostGroup', operation: 'mergeDuplicates', mergeMode: 'allFound' });
		expect(nothing).toEqual({ mergedCount: 0, merged: [], notDuplicated: [] });
	});

	it('merges chosen host groups into a new one and waits for the task', async () => {
		const first = await run({ resource: 'hostGroup', operation: 'create', name: 'k8s-a', hostIds: String(one('hosts', 'k8s-worker-01').id) });
		const second = await run({ resource: 'hostGroup', operation: 'create', name: 'k8s-b' });
		await refusedLocally({ resource: 'hostGroup', operation: 'mergeDuplicates', mergeMode: 'selected', mergeIds: String(first[0].id), mergedName: 'k8s' }, /at least two host groups/);
		const mixed = await failure({
			resource: 'hostGroup',
			operation: 'mergeDuplicates',
			mergeMode: 'selected',
			mergeIds: `${String(first[0].id)}, ${String(one('hostGroups', 'esx-cluster-b').id)}`,
			mergedName: 'k8s',
			...wait,
		});
		expect(mixed.message).toMatch(/All hosts of the merged host group must use initiators of the same protocol \(found (NVMe and iSCSI|iSCSI and NVMe)\)/);
		const [task] = await run({
			resource: 'hostGroup',
			operation: 'mergeDuplicates',
			mergeMode: 'selected',
			mergeIds: `${String(first[0].id)}, ${String(second[0].id)}`,
			mergedName: 'k8s',
			...wait,
		});
		expect(task.state).toBe('SUCCEEDED');
		expect((task.resource as IDataObject).name).toBe('k8s');
		expect(byName('hostGroups', 'k8s-a')).toHaveLength(0);
		expect(ids(one('hosts', 'k8s-worker-01').hostGroups)).toEqual([one('hostGroups', 'k8s').id]);
	});
});

describe('hosts', () => {
	useSimulator();

	it('lists hosts filtered by operating system', async () => {
		const hosts = await run({ resource: 'host', operation: 'getAll', returnAll: true, listOptions: { filter: "operatingSystem eq 'Windows Server'", sort: 'name asc' } });
		expect(hosts.map((host) => host.name)).toEqual(['backup-srv-01', 'sql-node-01', 'sql-node-02']);
	});

	it('gets a host with its initiators and host groups', async () => {
		const stored = one('hosts', 'esx-b-01');
		const [host] = await run({ resource: 'host', operation: 'get', hostId: locator(stored.id) });
		expect(host).toMatchObject({ name: 'esx-b-01', operatingSystem: 'VMware (ESXi)', protocol: 'iSCSI' });
		expect((host.hostGroups as IDataObject[]).map((group) => group.name)).toEqual(['esx-cluster-b']);
		expect(String((host.initiators as IDataObject[])[0].address)).toMatch(/^iqn\.1998-01\.com\.vmware:esx-b-01-/);
	});

	it('creates a host with a new and an existing initiator, in a host group', async () => {
		const free = records('initiators').find((initiator) => initiator.name === 'file-srv-02 iSCSI')!;
		const group = one('hostGroups', 'oracle-rac');
		const [host] = await run({
			resource: 'host',
			operation: 'create',
			name: 'file-srv-02',
			operatingSystem: 'Windows Server',
			protocol: 'iSCSI',
			initiatorAddresses: 'eui.02004567A425678D',
			initiatorIds: String(free.id),
			hostGroupIds: String(group.id),
			additionalFields: { fqdn: 'file-srv-02.corp.example.com', ipAddress: '10.20.30.52', location: 'DC1 rack B4' },
		});
		expect(host).toMatchObject({ name: 'file-srv-02', protocol: 'iSCSI', fqdn: 'file-srv-02.corp.example.com', location: 'DC1 rack B4' });
		expect((host.initiators as IDataObject[]).map((initiator) => initiator.address).sort()).toEqual(['eui.02004567A425678D', free.address]);
		expect((group.hosts as IDataObject[]).map((member) => member.name)).toContain('file-srv-02');
		expect((free.hosts as IDataObject[]).map((owner) => owner.name)).toEqual(['file-srv-02']);
	});

	it('shows DSCC’s message for a taken name or an initiator of another host', async () => {
		const taken = await failure({ resource: 'host', operation: 'create', name: 'esx-a-01', operatingSystem: 'VMware (ESXi)', protocol: 'FC' });
		expect(taken.message).toBe('HPE Data Services Cloud Console rejected the request: A host named "esx-a-01" already exists');
		const used = ((one('hosts', 'sql-node-01').initiators as IDataObject[])[0]);
		const error = await failure({ resource: 'host', operation: 'create', name: 'thief', operatingSystem: 'Windows Server', protocol: 'FC', initiatorIds: String(used.id) });
		expect(error.message).toMatch(/Initiator .+ is already used by host "sql-node-01"/);
		expect(byName('hosts', 'thief')).toHaveLength(0);
	});

	it('rejects bad input before sending anything', async () => {
		await refusedLocally({ resource: 'host', operation: 'create', name: '', operatingSystem: 'Ubuntu', protocol: 'FC' }, /"Name" is required/);
		await refusedLocally(
			{ resource: 'host', operation: 'create', name: 'h1', operatingSystem: 'Ubuntu', protocol: 'FC', initiatorAddresses: 'iqn.1993-08.org.debian:01:h1' },
			/New Initiator Addresses: "iqn.1993-08.org.debian:01:h1" is not a valid FC initiator address/,
		);
		await refusedLocally(
			{ resource: 'host', operation: 'create', name: 'h1', operatingSystem: 'Ubuntu', protocol: 'NVMe', initiatorAddresses: 'nqn.2014-08.org nvmexpress:uuid:1' },
			/not a valid NVMe initiator address/,
		);
		await refusedLocally(
			{ resource: 'host', operation: 'create', name: 'h1', operatingSystem: 'Ubuntu', protocol: 'FC', initiatorAddresses: '10:00:00:10:9b:aa:bb:cc, 100000109BAABBCC' },
			/the address 100000109BAABBCC is listed twice/,
		);
		await refusedLocally({ resource: 'host', operation: 'create', name: 'h1', operatingSystem: 'Linux', protocol: 'FC' }, /"Operating System" must be one of the listed operating systems/);
		await refusedLocally({ resource: 'host', operation: 'create', name: 'h1', operatingSystem: 'Ubuntu', protocol: 'FC', additionalFields: { ipAddress: '10.0.0.300' } }, /"IP Address" is not a valid IP address/);
		await refusedLocally({ resource: 'host', operation: 'update', hostId: locator(one('hosts', 'esx-a-01').id), updateFields: { initiatorAddresses: '10:00:00:10:9b:aa:bb:cd' } }, /Add "New Initiator Protocol"/);
		await refusedLocally({ resource: 'host', operation: 'update', hostId: locator(one('hosts', 'esx-a-01').id), updateFields: { initiatorIds: ' ' } }, /"Initiators \(Replace All\)" needs at least one ID/);
		await refusedLocally({ resource: 'host', operation: 'getVolumes', hostId: locator('') }, /"Host" is required/);
	});

	it('renames a host and gives it a new initiator once the task completes', async () => {
		const host = one('hosts', 'backup-srv-01');
		const [task] = await run({
			resource: 'host',
			operation: 'update',
			hostId: locator(host.id),
			updateFields: { name: 'backup-srv-01a', initiatorAddresses: '21:00:00:24:ff:7a:00:02', initiatorProtocol: 'FC' },
			...wait,
		});
		expect(task.state).toBe('SUCCEEDED');
		const resource = task.resource as IDataObject;
		expect(resource.name).toBe('backup-srv-01a');
		expect((resource.initiators as IDataObject[]).map((initiator) => initiator.address)).toContain('21:00:00:24:ff:7a:00:02');
		expect((resource.initiators as IDataObject[])).toHaveLength(2);
	});

	it('replaces the initiators of a host', async () => {
		const host = one('hosts', 'k8s-worker-01');
		const spare = await run({ resource: 'initiator', operation: 'create', protocol: 'NVMe', address: 'nqn.2014-08.org.nvmexpress:uuid:11111111-2222-3333-4444-555555555555' });
		const [task] = await run({ resource: 'host', operation: 'update', hostId: locator(host.id), updateFields: { initiatorIds: String(spare[0].id) }, ...wait });
		expect(ids((task.resource as IDataObject).initiators)).toEqual([spare[0].id]);
	});

	it('lists the volumes a host can access through its host groups', async () => {
		const host = one('hosts', 'esx-a-01');
		const group = one('hostGroups', 'esx-cluster-a');
		const volumes = await run({ resource: 'host', operation: 'getVolumes', hostId: locator(host.id) });
		const exported = exportsOfHostGroup(sim.context, String(group.id));
		expect(exported.length).toBeGreaterThan(0);
		expect(volumes).toHaveLength(exported.length);
		expect(volumes.map((volume) => volume.lunId).sort()).toEqual(exported.map((entry) => entry.lun).sort());
		const names = exported.map((entry) => sim.context.collection('volumes').get(entry.volumeId)!.name);
		expect(volumes.map((volume) => volume.volumeName).sort()).toEqual(names.sort());
		expect(volumes[0]).toMatchObject({ systemId: expect.any(String), pathCount: 4, iops: expect.any(Number) });
	});

	it('refuses to delete a host whose group has exported volumes, and deletes it with force', async () => {
		const host = one('hosts', 'esx-a-02');
		const initiatorIds = ids(host.initiators);
		const error = await failure({ resource: 'host', operation: 'delete', hostId: locator(host.id), ...wait });
		expect(error.message).toMatch(/Host "esx-a-02" cannot be deleted: it is in host group "esx-cluster-a", which has volumes exported to it/);
		const [task] = await run({ resource: 'host', operation: 'delete', hostId: locator(host.id), force: true, ...wait });
		expect(task.state).toBe('SUCCEEDED');
		expect(task.resource).toBeUndefined();
		expect(byName('hosts', 'esx-a-02')).toHaveLength(0);
		expect(initiatorIds.every((id) => sim.context.collection('initiators').has(id))).toBe(true);
		expect((one('hostGroups', 'esx-cluster-a').hosts as IDataObject[])).toHaveLength(3);
	});

	it('finds duplicate hosts and merges only the names asked for', async () => {
		const duplicates = await run({ resource: 'host', operation: 'getDuplicates' });
		expect(duplicates.map((candidate) => candidate.name).sort()).toEqual(['vdi-01', 'vdi-02']);
		const copies = byName('hosts', 'vdi-01');
		expect(copies.every((copy) => copy.isMergable === true)).toBe(true);

		const [result] = await run({ resource: 'host', operation: 'mergeDuplicates', mergeMode: 'allFound', onlyNames: 'VDI-01, no-such-host' });
		expect(result).toMatchObject({ mergedCount: 1, notDuplicated: ['no-such-host'] });
		const merged = one('hosts', 'vdi-01');
		expect(merged).toMatchObject({ userCreated: true, isMergable: false, systems: [...new Set(copies.flatMap((copy) => copy.systems as string[]))].sort() });
		expect(ids(merged.hostGroups).sort()).toEqual(byName('hostGroups', 'vdi-cluster').map((group) => group.id).sort());
		expect(byName('hosts', 'vdi-02')).toHaveLength(2);
		expect((sim.requestsTo('POST', /host-initiators\/bulkmerge/).pop()!.body as IDataObject).items).toHaveLength(1);
	});

	it('merges chosen hosts into one host of the given operating system', async () => {
		const copies = byName('hosts', 'vdi-02').map((host) => String(host.id));
		const [task] = await run({
			resource: 'host',
			operation: 'mergeDuplicates',
			mergeMode: 'selected',
			mergeIds: copies.join(','),
			mergedName: 'vdi-02',
			mergedOperatingSystem: 'VMware (ESXi)',
			...wait,
		});
		expect(task.state).toBe('SUCCEEDED');
		expect((task.resource as IDataObject).name).toBe('vdi-02');
		expect(sim.requestsTo('POST', /host-initiators\/merge/).pop()!.body).toEqual({ name: 'vdi-02', hostIds: copies, operatingSystem: 'VMware (ESXi)' });
		expect(await run({ resource: 'host', operation: 'getDuplicates' })).toEqual([]);
	});
});

describe('initiators', () => {
	useSimulator();

	it('lists initiators by protocol and gets one', async () => {
		const nvme = await run({ resource: 'initiator', operation: 'getAll', returnAll: true, listOptions: { filter: "protocol eq 'NVMe'" } });
		expect(nvme).toHaveLength(1);
		expect(String(nvme[0].address)).toMatch(/^nqn\.2014-08\.org\.nvmexpress:uuid:/);
		const [initiator] = await run({ resource: 'initiator', operation: 'get', initiatorId: nvme[0].id });
		expect((initiator.hosts as IDataObject[]).map((host) => host.name)).toEqual(['k8s-worker-01']);
	});

	it('picks an initiator from the searchable list, labelled by its address, by address or name', async () => {
		const context = loadOptionsContext({ nodeType: node, credentials: greenLakeCredential(sim) });
		const stored = records('initiators').find((initiator) => initiator.name === 'k8s-worker-01 nvme')!;
		const byName = await node.methods.listSearch.searchInitiators.call(context, 'k8s-worker');
		expect(byName.results).toEqual([{ name: `${String(stored.address)} (k8s-worker-01 nvme)`, value: stored.id }]);
		const byAddress = await node.methods.listSearch.searchInitiators.call(context, String(stored.address).slice(-12).toUpperCase());
		expect(byAddress.results.map((result) => result.value)).toEqual([stored.id]);
		expect(byAddress.paginationToken).toBeUndefined();

		const [initiator] = await run({ resource: 'initiator', operation: 'get', initiatorId: { __rl: true, mode: 'list', value: byName.results[0].value } });
		expect(initiator).toMatchObject({ id: stored.id, address: stored.address, protocol: 'NVMe' });
	});

	it('labels an initiator without a name of its own by its address alone', async () => {
		const address = 'iqn.1991-05.com.microsoft:unnamed-srv.corp.example.com';
		const [created] = await run({ resource: 'initiator', operation: 'create', protocol: 'iSCSI', address });
		const search = await node.methods.listSearch.searchInitiators.call(loadOptionsContext({ nodeType: node, credentials: greenLakeCredential(sim) }), 'unnamed-srv');
		expect(search.results).toEqual([{ name: address, value: created.id }]);
	});

	it('creates FC, iSCSI and NVMe initiators', async () => {
		const created = await executeNode({
			nodeType: node,
			credentials: greenLakeCredential(sim),
			items: [{ json: {} }, { json: {} }, { json: {} }],
			parameters: (index) =>
				[
					{ resource: 'initiator', operation: 'create', protocol: 'FC', address: '10:00:00:10:9b:ee:00:01', additionalFields: { name: 'esx-d-01 port 1', hostSpeed: 32000, vendor: 'HPE' } },
					{ resource: 'initiator', operation: 'create', protocol: 'iSCSI', address: 'iqn.1991-05.com.microsoft:app-srv-07.corp.example.com' },
					{ resource: 'initiator', operation: 'create', protocol: 'NVMe', address: 'nqn.2014-08.com.example:nvme:host-7' },
				][index],
		});
		expect(created.map((item) => item.json.protocol)).toEqual(['FC', 'iSCSI', 'NVMe']);
		expect(created[0].json).toMatchObject({ name: 'esx-d-01 port 1', hostSpeed: 32000, vendor: 'HPE', hosts: [] });
		expect(sim.context.collection('initiators').has(String(created[2].json.id))).toBe(true);
	});

	it('shows DSCC’s message for an address that already exists, however it is written', async () => {
		const existing = records('initiators').find((initiator) => initiator.protocol === 'FC')!;
		const address = String(existing.address).replace(/:/g, '').toUpperCase();
		const error = await failure({ resource: 'initiator', operation: 'create', protocol: 'FC', address });
		expect(error.message).toBe(`HPE Data Services Cloud Console rejected the request: An initiator with address ${address} already exists (id ${String(existing.id)})`);
	});

	it('rejects malformed addresses before sending anything', async () => {
		const cases: Array<[string, string]> = [
			['FC', '10:00:00:10:9b:1c:2d'],
			['FC', '10-00-00-10-9b-1c-2d-3e'],
			['FC', 'zz00000109b1c2d3e'],
			['iSCSI', 'iqn.20-01.com.example:x'],
			['iSCSI', 'iqn.2020-01.com.example:bad name'],
			['iSCSI', 'eui.1234'],
			['NVMe', 'nqn.2014-08'],
			['NVMe', 'iqn.2014-08.org.nvmexpress:uuid:1'],
			['NVMe', `nqn.2014-08.com.example:${'x'.repeat(220)}`],
		];
		for (const [protocol, address] of cases) {
			await refusedLocally({ resource: 'initiator', operation: 'create', protocol, address }, new RegExp(`is not a valid ${protocol} initiator address`));
		}
		await refusedLocally({ resource: 'initiator', operation: 'create', protocol: 'SAS', address: '5000c50012345678' }, /"Protocol" must be FC, iSCSI or NVMe/);
		await refusedLocally({ resource: 'initiator', operation: 'create', protocol: 'FC', address: ' ' }, /"Address" is required/);
		await refusedLocally(
			{ resource: 'initiator', operation: 'create', protocol: 'iSCSI', address: 'iqn.1994-05.com.redhat:web-01', additionalFields: { ipAddress: '10.1.2' } },
			/"IP Address" is not a valid IP address: 10.1.2/,
		);
		await refusedLocally({ resource: 'initiator', operation: 'delete', initiatorId: 'a/b' }, /"a\/b" is not a valid Initiator$/);
	});

	it('deletes an unused initiator and refuses one a host uses', async () => {
		const free = records('initiators').find((initiator) => initiator.name === 'new HBA port 1')!;
		const [deleted] = await run({ resource: 'initiator', operation: 'delete', initiatorId: locator(free.id) });
		expect(deleted).toEqual({ deleteInitiator: true });
		expect(sim.context.collection('initiators').has(String(free.id))).toBe(false);

		const used = (one('hosts', 'ora-db-01').initiators as IDataObject[])[0];
		const [item] = await run({ resource: 'initiator', operation: 'delete', initiatorId: used.id }, true);
		expect(item.error).toMatch(/Initiator .+ is used by host "ora-db-01"\. Remove it from the host first\./);
		expect(sim.context.collection('initiators').has(String(used.id))).toBe(true);
	});
});
