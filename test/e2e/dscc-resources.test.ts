import * as path from 'node:path';

import type { DsccSimulator } from '../simulators/dscc';
import { startDsccSimulator } from '../simulators/dscc';
import type { Record } from '../simulators/dscc/context';
import { SYSTEMS } from '../simulators/dscc/routes/core';
import { greenLakeCredential } from './harness/credentials';
import type { Json, WorkflowRun } from './harness/n8n';
import { N8nInstance, loadWorkflows } from './harness/n8n';

/**
 * Every DSCC resource in a real n8n with the packed package, against the DSCC simulator running in
 * this jest worker: Get Many of each resource, the main changes, and waiting for tasks that succeed
 * or fail. Three boots of n8n run the workflows: the read-only one first (so its counts are the
 * seeded ones), then the independent changes in one batch, then the failing run on its own
 * (`n8n execute`, which keeps the error message; a batch reports only its description).
 */
const WORKFLOWS = path.join(__dirname, 'workflows', 'dscc-resources');

const LIST_ALL = 'e2eDsccListAll01';
const VOLUME_LIFECYCLE = 'e2eDsccVolFlow01';
const HOST_GROUP_AND_HOSTS = 'e2eDsccHostFlow01';
const VOLUME_DELETE = 'e2eDsccVolDelete01';
const WITHOUT_WAITING = 'e2eDsccNoWait01';
const FAILING_TASK = 'e2eDsccTaskFail01';
const FAILING_TASK_HANDLED = 'e2eDsccTaskFailOk01';

const systemOfType = (deviceType: string) =>
	SYSTEMS.find((system) => system.deviceType === deviceType)!;
const PRIMERA = systemOfType('device-type1');
const NIMBLE = systemOfType('device-type2');
/** Nimble object IDs start with the group's prefix; Nimble records carry no `systemId`. */
const NIMBLE_ID_PREFIX = NIMBLE.id.slice(0, 18);

/** The volume the oversized creates ask for, in the Primera CPG SSD_r6 (the workflows say 40 TiB). */
const OVERSIZED_MIB = 40 * 1024 * 1024;
const EXPORT_HOST_GROUP = 'esx-cluster-a';

describe('every HPE DSCC resource in a real n8n', () => {
	let sim: DsccSimulator;
	let n8n: N8nInstance;
	let runs: Map<string, WorkflowRun>;
	/** The simulator's records as they were before anything ran. */
	let seeded: { [collection: string]: Record[] };
	/** Requests the read-only workflow sent (everything before the first change). */
	let listingRequests: ReturnType<DsccSimulator['requests']>;
	let snapshotVolume: Record;
	let volumeToDelete: Record;
	let exportGroup: Record;

	beforeAll(async () => {
		sim = await startDsccSimulator({ taskDurationMs: 1200 });
		seeded = Object.fromEntries(
			[...sim.context.collections].map(([name, records]) => [
				name,
				[...records.values()].map((record) => structuredClone(record)),
			]),
		);
		exportGroup = seeded.hostGroups.find((group) => group.name === EXPORT_HOST_GROUP)!;
		snapshotVolume = [...seeded.volumes].sort(
			(a, b) => snapshotsOfVolume(b).length - snapshotsOfVolume(a).length,
		)[0];
		const exported = new Set(seeded.volumeExports.map((entry) => entry.volumeId));
		const deletable = seeded.volumes.find(
			(volume) =>
				volume.systemId === PRIMERA.id &&
				!exported.has(volume.id) &&
				snapshotsOfVolume(volume).length === 0,
		);
		if (!deletable)
			throw new Error(`No seeded volume of ${PRIMERA.name} is unexported and without snapshots`);
		volumeToDelete = deletable;
		// The failing creates only fail if the CPG cannot hold them.
		const cpg = seeded.pools.find((pool) => pool.systemId === PRIMERA.id && pool.name === 'SSD_r6');
		if (!cpg || !((cpg.freeSizeMiB as number) < OVERSIZED_MIB)) {
			throw new Error(`The seeded CPG SSD_r6 of ${PRIMERA.name} must have less than 40 TiB free`);
		}

		n8n = await N8nInstance.create({ name: 'dscc-resources' });
		await n8n.importCredentials([
			greenLakeCredential('e2eResCred0001', 'DSCC simulator (resources)', sim),
		]);
		await n8n.importWorkflows(
			loadWorkflows(WORKFLOWS, {
				PRIMERA: PRIMERA.id,
				NIMBLE: NIMBLE.id,
				SNAPSHOT_VOLUME_ID: String(snapshotVolume.id),
				HOST_GROUP_ID: String(exportGroup.id),
				HOST_GROUP_NAME: String(exportGroup.name),
				DELETE_VOLUME_ID: String(volumeToDelete.id),
			}),
		);
		runs = await n8n.executeWorkflows([LIST_ALL]);
		listingRequests = sim.requests();
		const changes = await n8n.executeWorkflows([
			VOLUME_LIFECYCLE,
			HOST_GROUP_AND_HOSTS,
			VOLUME_DELETE,
			WITHOUT_WAITING,
			FAILING_TASK_HANDLED,
		]);
		for (const [id, run] of changes) runs.set(id, run);
		runs.set(FAILING_TASK, await n8n.executeWorkflow(FAILING_TASK));
	}, 30 * 60_000);

	afterAll(async () => {
		await sim?.close();
		// Last: fails the run when n8n shows a secret of it (the harness's secret scan).
		n8n?.cleanup();
	});

	afterEach(() => {
		expect(sim.violations()).toEqual([]);
	});

	function snapshotsOfVolume(volume: Record): Record[] {
		return seeded.snapshots.filter((snapshot) =>
			String(snapshot.resourceUri).startsWith(`${String(volume.resourceUri)}/snapshots/`),
		);
	}

	/** The run, after checking it succeeded (the failure shows the error a user would see). */
	function succeeded(id: string): WorkflowRun {
		const run = runs.get(id);
		expect({
			id,
			status: run?.status,
			error: run?.errorMessage,
			errorNode: run?.errorNode,
		}).toEqual({ id, status: 'success', error: undefined, errorNode: undefined });
		return run!;
	}

	/** What one node of the read-only workflow put out. */
	function listed(node: string): Json[] {
		const output = succeeded(LIST_ALL).nodeOutputs[node];
		expect({ node, ran: Array.isArray(output) }).toEqual({ node, ran: true });
		return output;
	}

	const names = (records: Array<{ [key: string]: unknown }>) =>
		records.map((record) => String(record.name)).sort();
	const ids = (records: Array<{ [key: string]: unknown }>) =>
		records.map((record) => String(record.id)).sort();
	const current = (collection: string) => [...sim.context.collection(collection).values()];
	const taskNamed = (displayName: string) =>
		current('tasks').find((task) => task.displayName === displayName);

	describe('Get Many of every resource', () => {
		test('the read-only workflow sent no change', () => {
			const changes = listingRequests.filter(
				(request) => request.path.startsWith('/api/') && request.method !== 'GET',
			);
			expect(changes).toEqual([]);
			succeeded(LIST_ALL);
		});

		test('Storage System and Volume: all systems, every volume of one system, the largest five', () => {
			expect(names(listed('Storage Systems'))).toEqual(names([...SYSTEMS]));

			const nimbleVolumes = listed('Nimble Volumes');
			const expectedNimble = seeded.volumes.filter((volume) => volume.systemId === NIMBLE.id);
			expect(nimbleVolumes.length).toBeGreaterThan(0);
			expect(ids(nimbleVolumes)).toEqual(ids(expectedNimble));
			expect(nimbleVolumes.every((volume) => volume.systemId === NIMBLE.id)).toBe(true);

			const largest = listed('Largest Volumes');
			const expectedSizes = seeded.volumes
				.map((volume) => volume.sizeMiB as number)
				.sort((a, b) => b - a)
				.slice(0, 5);
			expect(largest.map((volume) => volume.sizeMiB)).toEqual(expectedSizes);
			// Select: only the fields asked for.
			for (const volume of largest) {
				expect(Object.keys(volume).sort()).toEqual(['id', 'name', 'sizeMiB', 'systemId']);
			}
		});

		test('Snapshot, Storage Pool and Volume Set', () => {
			const expectedSnapshots = snapshotsOfVolume(snapshotVolume);
			expect(expectedSnapshots.length).toBeGreaterThan(1);
			expect(names(listed('Snapshots'))).toEqual(names(expectedSnapshots));

			const pools = listed('Storage Pools');
			expect(names(pools)).toEqual(
				names(seeded.pools.filter((pool) => pool.systemId === PRIMERA.id)),
			);
			expect(pools.every((pool) => typeof pool.freeSizeMiB === 'number')).toBe(true);

			expect(names(listed('Volume Sets'))).toEqual(names(seeded.volumeSets));
		});

		test('Host Group, Host and Initiator', () => {
			const groups = listed('Host Groups');
			expect(groups).toHaveLength(seeded.hostGroups.length);
			expect(ids(groups)).toEqual(ids(seeded.hostGroups));
			expect(groups.find((group) => group.name === EXPORT_HOST_GROUP)?.hosts).toHaveLength(
				(exportGroup.hosts as unknown[]).length,
			);

			expect(names(listed('Hosts'))).toEqual(names(seeded.hosts));
			const initiators = listed('Initiators');
			expect(initiators).toHaveLength(seeded.initiators.length);
			expect(initiators.map((initiator) => initiator.address).sort()).toEqual(
				seeded.initiators.map((initiator) => initiator.address).sort(),
			);
		});

		test('Controller, Port, Enclosure, Disk and Protection Template of a system', () => {
			const ofNimble = (collection: string) =>
				seeded[collection].filter((record) => String(record.id).startsWith(NIMBLE_ID_PREFIX));
			const ofPrimera = (collection: string) =>
				seeded[collection].filter((record) => record.systemId === PRIMERA.id);

			expect(names(listed('Controllers'))).toEqual(['A', 'B']);
			expect(ids(listed('Controllers'))).toEqual(ids(ofNimble('controllers')));

			// Nimble lists Fibre Channel and network interfaces in two sections: FC first, then network.
			const ports = listed('Ports');
			expect(ids(ports)).toEqual(ids(ofNimble('ports')));
			const lastFc = ports.map((port) => 'wwpn' in port).lastIndexOf(true);
			const firstNetwork = ports.findIndex((port) => 'ip_list' in port);
			expect(lastFc).toBeGreaterThanOrEqual(0);
			expect(firstNetwork).toBeGreaterThan(lastFc);

			expect(names(listed('Enclosures'))).toEqual(names(ofPrimera('enclosures')));
			// Primera lists disks per enclosure: the node reads every enclosure's.
			const disks = listed('Disks');
			expect(disks).toHaveLength(ofPrimera('disks').length);
			expect(ids(disks)).toEqual(ids(ofPrimera('disks')));
			expect(ofPrimera('enclosures').length).toBeGreaterThan(1);

			expect(names(listed('Protection Templates'))).toEqual(names(seeded.protectionTemplates));
		});

		test('Task, Issue (critical only) and Audit Event', () => {
			const tasks = listed('Tasks');
			expect(tasks.map((task) => [task.displayName, task.state]).sort()).toEqual(
				seeded.tasks.map((task) => [task.displayName, task.state]).sort(),
			);
			expect(tasks.filter((task) => task.state === 'FAILED')).toHaveLength(1);

			const issues = listed('Critical Issues');
			const critical = seeded.issues.filter((issue) => issue.severity === 'CRITICAL');
			expect(critical.length).toBeGreaterThan(0);
			expect(issues.map((issue) => issue.title)).toEqual(critical.map((issue) => issue.title));

			const auditEvents = listed('Audit Events');
			expect(ids(auditEvents)).toEqual(ids(seeded.auditEvents));
			const times = auditEvents.map((event) => String(event.occurredAt));
			expect(times).toEqual([...times].sort().reverse());
		});
	});

	describe('changes', () => {
		test('Volume > Create waits and returns the new volume; Update, Export and Snapshot > Create follow it', () => {
			const run = succeeded(VOLUME_LIFECYCLE);
			const [created] = run.nodeOutputs['Create Volume'];
			expect(created).toMatchObject({
				state: 'SUCCEEDED',
				displayName: 'Create volume e2e-app-01',
				resource: { name: 'e2e-app-01', sizeMiB: 8 * 1024, userCpgName: 'SSD_r6' },
			});
			const volumeId = String((created.resource as Json).id);

			const [updated] = run.nodeOutputs['Grow and Rename'];
			expect(updated).toMatchObject({
				state: 'SUCCEEDED',
				resource: { id: volumeId, name: 'e2e-app-01-data', sizeMiB: 16 * 1024 },
			});
			const [exported] = run.nodeOutputs['Export to Host Group'];
			expect(exported).toMatchObject({
				state: 'SUCCEEDED',
				displayName: 'Export volume e2e-app-01-data',
			});
			const [snapshot] = run.nodeOutputs['Take Snapshot'];
			expect(snapshot).toMatchObject({
				state: 'SUCCEEDED',
				resource: { name: 'e2e-app-01-before-upgrade', comment: 'Before the application upgrade' },
			});

			// What the simulator now holds.
			const volume = sim.context.collection('volumes').get(volumeId);
			expect(volume).toMatchObject({
				name: 'e2e-app-01-data',
				sizeMiB: 16 * 1024,
				systemId: PRIMERA.id,
			});
			const snapshots = current('snapshots').filter((record) =>
				String(record.resourceUri).startsWith(`${String(volume!.resourceUri)}/snapshots/`),
			);
			expect(names(snapshots)).toEqual(['e2e-app-01-before-upgrade']);
			const exportEvents = current('auditEvents').filter(
				(event) =>
					event.code === 'volume.export' && (event.associatedResource as Json).id === volumeId,
			);
			expect(exportEvents.map((event) => event.message)).toEqual([
				`Volume e2e-app-01-data exported to host group ${EXPORT_HOST_GROUP}`,
			]);
		});

		test('Host Group > Create with a new host, then Host > Create into that group', () => {
			const run = succeeded(HOST_GROUP_AND_HOSTS);
			const [group] = run.nodeOutputs['Create Host Group'];
			expect(group).toMatchObject({ name: 'e2e-esx-cluster-c', comment: 'vSphere cluster C' });
			expect(names(group.hosts as Json[])).toEqual(['esx-c-01']);
			const [host] = run.nodeOutputs['Create Host'];
			expect(host).toMatchObject({
				name: 'esx-c-02',
				operatingSystem: 'VMware (ESXi)',
				fqdn: 'esx-c-02.dc1.example.com',
				hostGroups: [expect.objectContaining({ id: group.id })],
			});

			const storedGroup = sim.context.collection('hostGroups').get(String(group.id));
			expect(names(storedGroup!.hosts as Record[])).toEqual(['esx-c-01', 'esx-c-02']);
			const addresses = current('initiators').map((initiator) => String(initiator.address));
			for (const last of ['01', '02', '03', '04']) {
				expect(addresses).toContain(`10:00:00:10:9b:e2:e0:${last}`);
			}
			expect(current('hosts')).toHaveLength(seeded.hosts.length + 2);
		});

		test('Volume > Delete waits for the task; the volume is gone', () => {
			const run = succeeded(VOLUME_DELETE);
			const [deleted] = run.nodeOutputs['Delete Volume'];
			expect(deleted).toMatchObject({
				state: 'SUCCEEDED',
				displayName: `Delete volume ${String(volumeToDelete.name)}`,
			});
			expect(deleted.resource).toBeUndefined();
			expect(sim.context.collection('volumes').has(String(volumeToDelete.id))).toBe(false);
			expect(
				current('auditEvents').filter(
					(event) =>
						event.code === 'volume.delete' &&
						(event.associatedResource as Json).id === volumeToDelete.id,
				),
			).toHaveLength(1);
		});
	});

	describe('waiting for tasks', () => {
		/** The simulator's own explanation of the failed create of `name`. */
		function failureOf(name: string): { task: Record; message: string } {
			const task = taskNamed(`Create volume ${name}`);
			expect(task).toMatchObject({
				state: 'FAILED',
				error: { errorCode: 'INSUFFICIENT_CAPACITY' },
			});
			const message = String((task!.error as Json).error);
			expect(message).toMatch(
				new RegExp(
					`^Not enough free space in CPG SSD_r6 on ${PRIMERA.name} to create ${name}: 40 TiB requested`,
				),
			);
			expect(current('volumes').some((volume) => volume.name === name)).toBe(false);
			return { task: task!, message };
		}

		test('a task that fails stops the workflow with the task’s own message', () => {
			const { task, message } = failureOf('e2e-too-big-01');
			const run = runs.get(FAILING_TASK)!;
			expect(run.status).toBe('error');
			expect(run.errorNode).toBe('Create Oversized Volume');
			expect(run.errorMessage).toContain(message);
			expect(run.errorMessage).toContain(String(task.id));
			expect(run.errorMessage).toMatch(/ended in state FAILED/);
			expect(run.nodeErrors['Create Oversized Volume']).toContain(message);
		});

		test('On Error "Continue (using error output)": the item goes to the error output with the task’s message', () => {
			const { message } = failureOf('e2e-too-big-02');
			const run = succeeded(FAILING_TASK_HANDLED);
			expect(run.nodeOutputs.Created).toBeUndefined();
			const failed = run.nodeOutputs['Creation Failed'];
			expect(failed).toHaveLength(1);
			expect(String(failed[0].error)).toContain(message);
		});

		test('On Error "Continue": the item carries the task’s message', () => {
			const { message } = failureOf('e2e-too-big-03');
			const [item] = succeeded(FAILING_TASK_HANDLED).nodeOutputs['After Create'];
			expect(String(item.error)).toContain(message);
		});

		/**
		 * Known node bug: the router returns `{error, task}` on an item that also carries `error`, and
		 * n8n (WorkflowExecute.normalizeNodeErrors, 2.41.1) replaces the JSON of every such item with
		 * `{error: message}`, so the failed task never reaches the user. Remove `.failing` once fixed.
		 */
		test('the continued items carry the failed task', () => {
			const run = succeeded(FAILING_TASK_HANDLED);
			const [viaErrorOutput] = run.nodeOutputs['Creation Failed'];
			expect(viaErrorOutput).toMatchObject({
				details: { task: { id: failureOf('e2e-too-big-02').task.id, state: 'FAILED' } },
			});
			const [continued] = run.nodeOutputs['After Create'];
			expect(continued).toMatchObject({
				details: { task: { id: failureOf('e2e-too-big-03').task.id, state: 'FAILED' } },
			});
		});

		test('Wait for Completion off: the task reference at once; Task > Get and Wait for Completion follow it', () => {
			const run = succeeded(WITHOUT_WAITING);
			const [reference] = run.nodeOutputs['Create Without Waiting'];
			expect(reference).toEqual({
				taskId: expect.stringMatching(/^[0-9a-f-]{36}$/),
				taskUri: `/api/v1/tasks/${String(reference.taskId)}`,
				status: 'SUBMITTED',
				message: expect.any(String),
			});
			const [seen] = run.nodeOutputs['Look at Task'];
			expect(seen.id).toBe(reference.taskId);
			expect(['INITIALIZED', 'RUNNING']).toContain(seen.state);
			const [finished] = run.nodeOutputs['Wait for Task'];
			expect(finished).toMatchObject({
				id: reference.taskId,
				state: 'SUCCEEDED',
				displayName: 'Create volume e2e-nowait-01',
			});
			expect(
				current('volumes').filter(
					(volume) => volume.name === 'e2e-nowait-01' && volume.systemId === NIMBLE.id,
				),
			).toHaveLength(1);
		});
	});

	test('every request n8n sent matched the DSCC OpenAPI description', () => {
		expect(sim.requestCount()).toBeGreaterThan(0);
		expect(sim.violations()).toEqual([]);
	});
});
