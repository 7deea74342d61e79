import type { IDataObject } from 'n8n-workflow';

import { HpeDscc } from '../../nodes/HpeDscc/HpeDscc.node';
import type { Parameters } from '../harness/context';
import { executeNode, greenLakeCredential, loadOptionsContext } from '../harness/context';
import type { DsccSimulator } from '../simulators/dscc';
import { startDsccSimulator } from '../simulators/dscc';
import type { Record as SimRecord } from '../simulators/dscc/context';
import { SYSTEMS } from '../simulators/dscc/routes/core';

jest.setTimeout(60_000);

const node = new HpeDscc();
let sim: DsccSimulator;

const PRIMERA = SYSTEMS[0].id;
const NIMBLE = SYSTEMS[1].id;
const ALLETRA_MP = SYSTEMS[2].id;

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

async function failure(parameters: Parameters): Promise<Error & { description?: string }> {
	const error = await run(parameters).then(
		() => undefined,
		(e: Error) => e,
	);
	if (!error) throw new Error('The node succeeded where it should have failed');
	return error as Error & { description?: string };
}

const writes = () => sim.requests().filter((request) => request.method !== 'GET' && request.path.startsWith('/api/')).length;

/** Runs the node expecting it to refuse the input; `before` says which requests must not have been sent. */
async function refused(parameters: Parameters, message: RegExp, before: 'anyRequest' | 'anyChange' = 'anyRequest'): Promise<void> {
	const count = () => (before === 'anyRequest' ? sim.requestCount() : writes());
	const start = count();
	const error = await failure(parameters);
	expect(error.message).toMatch(message);
	expect(count()).toBe(start);
}

const sets = () => [...sim.context.collection('volumeSets').values()];
const setNamed = (name: string) => {
	const found = sets().filter((record) => record.name === name);
	if (found.length !== 1) throw new Error(`Expected one volume set named ${name}, found ${found.length}`);
	return found[0];
};
const memberIds = (name: string) => setNamed(name).volumeIds as string[];
/** Volumes of a system that are in no volume set, so tests can use them freely. */
function freeVolumes(systemId: string, count: number): SimRecord[] {
	const used = new Set(sets().flatMap((record) => record.volumeIds as string[]));
	const free = [...sim.context.collection('volumes').values()].filter((volume) => volume.systemId === systemId && !used.has(String(volume.id)));
	if (free.length < count) throw new Error(`Only ${free.length} free volumes on ${systemId}`);
	return free.slice(0, count);
}
const idsOf = (volumes: SimRecord[]) => volumes.map((volume) => String(volume.id)).join(', ');
const locator = (value: string) => ({ __rl: true, mode: 'id', value });
const wait = { waitForCompletion: true, waitTimeout: 30 };
const lastWrite = () => sim.requests().filter((request) => request.method !== 'GET' && request.path.startsWith('/api/')).pop()!;

describe('volume sets: read', () => {
	it('lists the volume sets of every system, then of one system', async () => {
		const all = await run({ resource: 'volumeSet', operation: 'getAll', returnAll: true });
		expect(all.map((set) => set.name)).toEqual(expect.arrayContaining(['sql-prod', 'exchange-dag', 'oracle-erp']));
		expect(new Set(all.map((set) => set.systemId))).toEqual(new Set([PRIMERA, NIMBLE, ALLETRA_MP]));
		const nimble = await run({ resource: 'volumeSet', operation: 'getAll', returnAll: true, listOptions: { filter: `systemId eq '${NIMBLE}'`, sort: 'name asc', select: 'id,name,members' } });
		expect(nimble.map((set) => set.name)).toEqual(['exchange-dag', 'file-shares', 'staging']);
		expect(nimble[0].members).toHaveLength(2);
	});

	it('gets one volume set picked from the searchable list', async () => {
		const search = await node.methods.listSearch.searchVolumeSets.call(loadOptionsContext({ nodeType: node, credentials: greenLakeCredential(sim) }), 'ORACLE');
		expect(search.results).toEqual([{ name: `oracle-erp (${SYSTEMS[2].name})`, value: setNamed('oracle-erp').id }]);
		expect(search.paginationToken).toBeUndefined();
		const [set] = await run({ resource: 'volumeSet', operation: 'get', volumeSetId: { __rl: true, mode: 'list', value: search.results[0].value } });
		expect(set).toMatchObject({ name: 'oracle-erp', systemId: ALLETRA_MP });
	});

	it('pages the volume set list by offset', async () => {
		const context = loadOptionsContext({ nodeType: node, credentials: greenLakeCredential(sim) });
		const first = await node.methods.listSearch.searchVolumeSets.call(context);
		expect(first.results.map((result) => result.name)).toEqual(
			expect.arrayContaining([`sql-prod (${SYSTEMS[0].name})`, `exchange-dag (${SYSTEMS[1].name})`, `oracle-erp (${SYSTEMS[2].name})`]),
		);
		expect(first.results).toHaveLength(sets().length);
		expect(first.paginationToken).toBeUndefined();
	});

	// Workflows saved before Volume Set became a resource locator hold the ID as plain text.
	it('gets one volume set by a plain ID, and names the one it cannot find', async () => {
		const stored = setNamed('oracle-erp');
		const [set] = await run({ resource: 'volumeSet', operation: 'get', volumeSetId: String(stored.id) });
		expect(set).toMatchObject({ name: 'oracle-erp', systemId: ALLETRA_MP, appType: 'Oracle Database', productFamily: 'deviceType4' });
		const error = await failure({ resource: 'volumeSet', operation: 'get', volumeSetId: 'fd3244ef7f1ab8bd16500c7a41bdf8f8' });
		expect(error.message).toBe('Volume set fd3244ef7f1ab8bd16500c7a41bdf8f8 was not found in HPE Data Services Cloud Console');
	});
});

describe('volume sets: create', () => {
	it('creates a Primera application set with volumes, sent by name, once the task completes', async () => {
		const volumes = freeVolumes(PRIMERA, 2);
		const [task] = await run({
			resource: 'volumeSet',
			operation: 'create',
			systemId: locator(PRIMERA),
			name: 'sap-prod',
			appType: 'MICROSOFT_SQL_SERVER',
			volumeIds: idsOf(volumes),
			additionalFields: { description: 'SAP on SQL Server', importance: 'HIGH', businessUnit: 'Finance' },
			...wait,
		});
		expect(task.state).toBe('SUCCEEDED');
		expect(task.resource).toMatchObject({ appSetName: 'sap-prod', appSetImportance: 'HIGH', appSetType: 'Microsoft SQL Server', members: volumes.map((volume) => volume.name) });
		expect(lastWrite()).toMatchObject({
			method: 'POST',
			path: `/api/v1/storage-systems/device-type1/${PRIMERA}/applicationsets`,
			body: {
				appSetName: 'sap-prod',
				appSetType: 'MICROSOFT_SQL_SERVER',
				appSetComments: 'SAP on SQL Server',
				appSetImportance: 'HIGH',
				appSetBusinessUnit: 'Finance',
				members: volumes.map((volume) => volume.name),
			},
		});
		expect(memberIds('sap-prod')).toEqual(volumes.map((volume) => volume.id));
	});

	it('creates a Nimble volume collection with volumes, sent by ID in snake_case', async () => {
		const volumes = freeVolumes(NIMBLE, 2);
		const [task] = await run({ resource: 'volumeSet', operation: 'create', systemId: locator(NIMBLE), name: 'web-tier', volumeIds: idsOf(volumes), additionalFields: { description: 'Web servers' }, ...wait });
		expect(task.state).toBe('SUCCEEDED');
		expect(task.resource).toMatchObject({ name: 'web-tier', description: 'Web servers', volume_count: 2 });
		expect(lastWrite()).toMatchObject({
			path: `/api/v1/storage-systems/device-type2/${NIMBLE}/volume-collections`,
			body: { name: 'web-tier', description: 'Web servers', volume_list: volumes.map((volume) => volume.id) },
		});
	});

	it('creates an Alletra MP application set of a custom type', async () => {
		const [task] = await run({ resource: 'volumeSet', operation: 'create', systemId: locator(ALLETRA_MP), name: 'billing', appType: 'CUSTOM', additionalFields: { customAppType: 'Billing' }, ...wait });
		expect(task.state).toBe('SUCCEEDED');
		expect(task.resource).toMatchObject({ appSetName: 'billing', appSetType: 'Billing', appSetTypeEnum: 'CUSTOM', members: [] });
	});

	it('shows the array’s message when the name is taken on that system', async () => {
		const error = await failure({ resource: 'volumeSet', operation: 'create', systemId: locator(PRIMERA), name: 'SQL-PROD', ...wait });
		expect(error.message).toMatch(/ended in state FAILED: Application set "SQL-PROD" already exists on primera-650-lab/);
		expect(sets().filter((record) => record.name === 'SQL-PROD')).toHaveLength(0);
	});

	it('rejects bad input before sending anything', async () => {
		await refused({ resource: 'volumeSet', operation: 'create', systemId: locator(PRIMERA), name: ' ' }, /"Name" is required/);
		await refused({ resource: 'volumeSet', operation: 'create', systemId: locator(PRIMERA), name: 'bad name' }, /"Name" is not valid/);
		await refused({ resource: 'volumeSet', operation: 'create', systemId: locator(PRIMERA), name: 'ok', volumeIds: 'vol1, ../x' }, /"..\/x" in "Volumes" is not a valid ID/);
		await refused({ resource: 'volumeSet', operation: 'create', systemId: locator(''), name: 'ok' }, /"Storage System" is required/);
	});

	it('rejects what the device type does not accept before creating anything', async () => {
		const base = { resource: 'volumeSet', operation: 'create' };
		await refused({ ...base, systemId: locator(NIMBLE), name: 'my_set' }, /"Name" is not valid on Storage system "nimble-af40-prod"/, 'anyChange');
		await refused({ ...base, systemId: locator(PRIMERA), name: 'a-very-long-volume-set-name-over-31' }, /"Name" is not valid on Storage system "primera-650-lab"/, 'anyChange');
		await refused({ ...base, systemId: locator(NIMBLE), name: 'ok', additionalFields: { importance: 'HIGH' } }, /"Importance" does not apply to Storage system "nimble-af40-prod"/, 'anyChange');
		await refused({ ...base, systemId: locator(NIMBLE), name: 'ok', appType: 'ORACLE_DATA' }, /"Application Type" does not apply/, 'anyChange');
		await refused({ ...base, systemId: locator(PRIMERA), name: 'ok', appType: 'CUSTOM' }, /"Custom Application Type" is required/, 'anyChange');
		await refused({ ...base, systemId: locator(PRIMERA), name: 'ok', volumeIds: idsOf(freeVolumes(NIMBLE, 1)) }, /is on another storage system than Storage system "primera-650-lab"/, 'anyChange');
	});
});

describe('volume sets: membership', () => {
	it('adds volumes to a Primera application set by name, applied when the task completes', async () => {
		const set = setNamed('scratch');
		const volumes = freeVolumes(PRIMERA, 2);
		const [accepted] = await run({ resource: 'volumeSet', operation: 'addVolumes', volumeSetId: String(set.id), volumeIds: idsOf(volumes), waitForCompletion: false });
		expect(lastWrite()).toMatchObject({ method: 'PUT', path: `/api/v1/storage-systems/device-type1/${PRIMERA}/applicationsets/${String(set.id)}`, body: { addMembers: volumes.map((volume) => volume.name) } });
		expect(memberIds('scratch')).toEqual([]);
		const [task] = await run({ resource: 'task', operation: 'waitForCompletion', taskId: accepted.taskId, waitTimeout: 30 });
		expect(task.state).toBe('SUCCEEDED');
		expect(memberIds('scratch')).toEqual(volumes.map((volume) => volume.id));
	});

	it('removes a volume from a Primera application set and keeps the volume', async () => {
		const [first, second] = memberIds('sql-prod');
		const [task] = await run({ resource: 'volumeSet', operation: 'removeVolumes', volumeSetId: String(setNamed('sql-prod').id), volumeIds: first, ...wait });
		expect(task.state).toBe('SUCCEEDED');
		expect((task.resource as IDataObject).members).not.toContain(sim.context.collection('volumes').get(first)!.name);
		expect(memberIds('sql-prod')).toContain(second);
		expect(memberIds('sql-prod')).not.toContain(first);
		expect(sim.context.collection('volumes').has(first)).toBe(true);
	});

	it('shows the array’s message when removing a volume that is not a member', async () => {
		const outsider = freeVolumes(ALLETRA_MP, 1)[0];
		const error = await failure({ resource: 'volumeSet', operation: 'removeVolumes', volumeSetId: String(setNamed('vdi-gold').id), volumeIds: String(outsider.id), ...wait });
		expect(error.message).toMatch(new RegExp(`FAILED: Volume "${String(outsider.name)}" is not a member of vdi-gold`));
	});

	it('adds and removes volumes of a Nimble volume collection through its actions', async () => {
		const set = setNamed('staging');
		const volumes = freeVolumes(NIMBLE, 2);
		const [added] = await run({ resource: 'volumeSet', operation: 'addVolumes', volumeSetId: String(set.id), volumeIds: idsOf(volumes), ...wait });
		expect(added.state).toBe('SUCCEEDED');
		expect(lastWrite()).toMatchObject({
			method: 'POST',
			path: `/api/v1/storage-systems/device-type2/${NIMBLE}/volume-collections/${String(set.id)}/actions/add-volumes`,
			body: { volume_ids: volumes.map((volume) => volume.id) },
		});
		expect((added.resource as IDataObject).volume_count).toBe(2);

		const [removed] = await run({ resource: 'volumeSet', operation: 'removeVolumes', volumeSetId: String(set.id), volumeIds: String(volumes[0].id), ...wait });
		expect(removed.state).toBe('SUCCEEDED');
		expect(lastWrite().path).toMatch(/\/actions\/remove-volumes$/);
		expect(memberIds('staging')).toEqual([volumes[1].id]);
	});

	it('shows the array’s message when a Nimble volume is already in another collection', async () => {
		const taken = memberIds('exchange-dag')[0];
		const error = await failure({ resource: 'volumeSet', operation: 'addVolumes', volumeSetId: String(setNamed('file-shares').id), volumeIds: taken, ...wait });
		expect(error.message).toMatch(/already belongs to volume collection exchange-dag; a volume can be in one volume collection only/);
		expect(memberIds('file-shares')).not.toContain(taken);
	});

	it('refuses volumes of another system or no volumes before changing anything', async () => {
		const set = setNamed('oracle-erp');
		await refused({ resource: 'volumeSet', operation: 'addVolumes', volumeSetId: String(set.id), volumeIds: '' }, /"Volumes" needs at least one ID/);
		await refused({ resource: 'volumeSet', operation: 'addVolumes', volumeSetId: 'a b', volumeIds: 'x' }, /"a b" is not a valid Volume Set$/);
		await refused(
			{ resource: 'volumeSet', operation: 'addVolumes', volumeSetId: String(set.id), volumeIds: idsOf(freeVolumes(PRIMERA, 1)) },
			/is on another storage system than Storage system "alletra-mp-b10k"/,
			'anyChange',
		);
	});
});

describe('volume sets: update and delete', () => {
	it('renames an Alletra MP application set and changes its importance', async () => {
		const set = setNamed('vdi-gold');
		const [task] = await run({ resource: 'volumeSet', operation: 'update', volumeSetId: String(set.id), updateFields: { name: 'vdi-golden', importance: 'LOW' }, ...wait });
		expect(task.state).toBe('SUCCEEDED');
		expect(lastWrite()).toMatchObject({ method: 'PUT', body: { appSetName: 'vdi-golden', appSetImportance: 'LOW' } });
		expect(task.resource).toMatchObject({ appSetName: 'vdi-golden', appSetImportance: 'LOW' });
	});

	it('renames a Nimble volume collection and refuses Primera-only fields for it', async () => {
		const set = setNamed('file-shares');
		const [task] = await run({ resource: 'volumeSet', operation: 'update', volumeSetId: String(set.id), updateFields: { name: 'file-shares-2', description: 'Moved' }, ...wait });
		expect(task.state).toBe('SUCCEEDED');
		expect(lastWrite().body).toEqual({ name: 'file-shares-2', description: 'Moved' });
		expect(set.name).toBe('file-shares-2');
		await refused({ resource: 'volumeSet', operation: 'update', volumeSetId: String(set.id), updateFields: { businessUnit: 'IT' } }, /"Business Unit" does not apply/, 'anyChange');
		await refused({ resource: 'volumeSet', operation: 'update', volumeSetId: String(set.id), updateFields: {} }, /Nothing to update/);
	});

	it('deletes a Primera application set and keeps its volumes', async () => {
		const set = setNamed('vmfs-datastores');
		const volumes = memberIds('vmfs-datastores');
		await refused({ resource: 'volumeSet', operation: 'delete', volumeSetId: String(set.id), force: true }, /"Force" does not exist for Storage system "primera-650-lab"/, 'anyChange');
		const [task] = await run({ resource: 'volumeSet', operation: 'delete', volumeSetId: String(set.id), ...wait });
		expect(task.state).toBe('SUCCEEDED');
		expect(lastWrite()).toMatchObject({ method: 'DELETE', path: `/api/v1/storage-systems/device-type1/${PRIMERA}/applicationsets/${String(set.id)}`, query: {} });
		expect(sim.context.collection('volumeSets').has(String(set.id))).toBe(false);
		expect(volumes.every((id) => sim.context.collection('volumes').has(id))).toBe(true);
	});

	it('deletes a Nimble volume collection that holds volumes only with Force', async () => {
		const set = setNamed('exchange-dag');
		const error = await failure({ resource: 'volumeSet', operation: 'delete', volumeSetId: String(set.id), ...wait });
		expect(error.message).toMatch(/FAILED: Volume collection exchange-dag still contains 2 volume\(s\)\. Remove them first, or delete with force\./);
		expect(sim.context.collection('volumeSets').has(String(set.id))).toBe(true);
		const [task] = await run({ resource: 'volumeSet', operation: 'delete', volumeSetId: String(set.id), force: true, ...wait });
		expect(task.state).toBe('SUCCEEDED');
		expect(lastWrite().query).toEqual({ force: 'true' });
		expect(sim.context.collection('volumeSets').has(String(set.id))).toBe(false);
	});
});
