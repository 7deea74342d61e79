import type { IDataObject } from 'n8n-workflow';

import { HpeDscc } from '../../nodes/HpeDscc/HpeDscc.node';
import type { Parameters } from '../harness/context';
import { executeNode, greenLakeCredential } from '../harness/context';
import type { DsccSimulator } from '../simulators/dscc';
import { startDsccSimulator } from '../simulators/dscc';

const node = new HpeDscc();
let sim: DsccSimulator;

const PRIMERA = 'SGH029VBHV';
const NIMBLE = '2a0df0fe6f7dc7bb16000000000000000000004817';
const ALLETRA_MP = '7CE751P312';

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

/** Runs the node expecting it to fail; returns the error and how many requests it sent to paths matching `path`. */
async function failure(parameters: Parameters, path = /./): Promise<{ error: Error & { description?: string }; sent: number }> {
	const before = sim.requests().filter((request) => path.test(request.path)).length;
	const error = await executeNode({ nodeType: node, credentials: greenLakeCredential(sim), parameters }).then(
		() => {
			throw new Error('the node did not fail');
		},
		(caught: Error) => caught,
	);
	return { error, sent: sim.requests().filter((request) => path.test(request.path)).length - before };
}

function lastRequestTo(path: RegExp) {
	return sim.requests().filter((request) => path.test(request.path)).pop()!;
}

function seeded(collection: string, systemPath: string): IDataObject[] {
	return [...sim.context.collection(collection).values()].filter((record) => String(record.resourceUri ?? '').includes(systemPath)) as IDataObject[];
}

describe('storage system capacity and performance summaries', () => {
	it.each([
		[PRIMERA, 'device-type1'],
		[ALLETRA_MP, 'device-type4'],
	])('gives the capacity summary of %s, adding up to its disks', async (systemId, deviceType) => {
		const [summary] = await run({ resource: 'storageSystem', operation: 'getCapacitySummary', systemId });
		expect(lastRequestTo(/capacity-summary$/).path).toBe(`/api/v1/storage-systems/${deviceType}/${systemId}/capacity-summary`);
		const disks = seeded('disks', `/${systemId}/`);
		const totalOfDisks = disks.reduce((sum, disk) => sum + Number((disk.capacity as IDataObject).totalMiB), 0);
		const capacity = summary.capacitySummary as IDataObject;
		expect(capacity.total).toBe(totalOfDisks);
		expect(Number(capacity.free) + Number((capacity.allocated as IDataObject).total)).toBe(totalOfDisks);
		expect(capacity.freePercentage).toBeGreaterThan(0);
		expect((summary.utilizationSummary as IDataObject).capacityUsageData).toEqual({ usedSizeMiB: expect.any(Number), freeSizeMiB: capacity.free });
	});

	it('gives the space figures of a Nimble group, which has no capacity summary', async () => {
		const [summary] = await run({ resource: 'storageSystem', operation: 'getCapacitySummary', systemId: NIMBLE });
		const request = lastRequestTo(/^\/api\/v1\/storage-systems\/device-type2\/[^/]+$/);
		expect(request.query.select).toContain('usable_capacity_bytes');
		expect(summary.name).toBe('nimble-af40-prod');
		expect(Number(summary.usable_capacity_bytes)).toBeGreaterThan(Number(summary.usage));
		expect(Number(summary.usage) + Number(summary.free_space)).toBe(summary.usable_capacity_bytes);
		const disks = seeded('disks', `/device-type2/${NIMBLE}/`);
		expect(summary.raw_capacity).toBe(disks.reduce((sum, disk) => sum + Number(disk.size), 0));
		expect(summary).not.toHaveProperty('model');
	});

	it.each([
		[PRIMERA, 'device-type1'],
		[ALLETRA_MP, 'device-type4'],
	])('gives the performance statistics of %s', async (systemId, deviceType) => {
		const [summary] = await run({ resource: 'storageSystem', operation: 'getPerformanceSummary', systemId });
		expect(lastRequestTo(/performance-statistics$/).path).toBe(`/api/v1/storage-systems/${deviceType}/${systemId}/performance-statistics`);
		for (const metric of ['iops', 'latency', 'throughput']) {
			expect(summary[metric]).toEqual({
				avgOfLatest: expect.any(Number),
				avgOf1hour: expect.any(Number),
				avgOf8hours: expect.any(Number),
				avgOf1day: expect.any(Number),
			});
		}
		expect(Number((summary.iops as IDataObject).avgOfLatest)).toBeGreaterThan(1000);
	});

	it('gives the latest point of the performance history of a Nimble group', async () => {
		const [summary] = await run({ resource: 'storageSystem', operation: 'getPerformanceSummary', systemId: NIMBLE });
		const request = lastRequestTo(/performance-history$/);
		expect(request.path).toBe(`/api/v1/storage-systems/device-type2/${NIMBLE}/performance-history`);
		expect(request.query.range).toMatch(/^startTime eq \d+ and endTime eq \d+$/);
		expect(request.query.timeIntervalMin).toBe('5');
		const iops = summary.iops_metrics_data as IDataObject;
		expect(Number(iops.total_value)).toBe(Number(iops.read_value) + Number(iops.write_value));
		expect(Date.now() - Number(iops.timestampms)).toBeLessThan(10 * 60 * 1000);
		expect((summary.latency_metrics_data as IDataObject).timestampms).toBe(iops.timestampms);
		expect(summary.throughput_metrics_data).toEqual(expect.objectContaining({ total_value: expect.any(Number) }));
	});
});

describe('controllers', () => {
	it.each([
		[PRIMERA, 'nodes', ['node0', 'node1']],
		[ALLETRA_MP, 'nodes', ['node0', 'node1']],
		[NIMBLE, 'controllers', ['A', 'B']],
	])('lists the controllers of %s from its %s', async (systemId, collection, names) => {
		const controllers = await run({ resource: 'controller', operation: 'getAll', systemId, returnAll: true });
		expect(controllers.map((controller) => controller.name).sort()).toEqual(names);
		expect(lastRequestTo(new RegExp(`/${collection}$`)).path).toMatch(new RegExp(`/${systemId}/${collection}$`));
	});

	it('gets one Nimble controller and one Primera node', async () => {
		const [nimbleA] = await run({ resource: 'controller', operation: 'getAll', systemId: NIMBLE, returnAll: true, listOptions: { filter: "name eq 'A'" } });
		const [controller] = await run({ resource: 'controller', operation: 'get', systemId: NIMBLE, controllerId: String(nimbleA.id) });
		expect(controller).toEqual(expect.objectContaining({ ctrlr_side: 'A', state: 'active' }));

		const [primeraNode] = await run({ resource: 'controller', operation: 'getAll', systemId: PRIMERA, returnAll: false, limit: 1 });
		const [fetched] = await run({ resource: 'controller', operation: 'get', systemId: PRIMERA, controllerId: String(primeraNode.id) });
		expect(fetched.id).toBe(primeraNode.id);
		expect((fetched.state as IDataObject).overall).toBe('STATE_NORMAL');
		expect(lastRequestTo(/\/nodes\/[^/]+$/).path).toBe(`/api/v1/storage-systems/device-type1/${PRIMERA}/nodes/${String(primeraNode.id)}`);
	});

	it('says which controller of which system was not found', async () => {
		const { error } = await failure({ resource: 'controller', operation: 'get', systemId: PRIMERA, controllerId: 'deadbeefdeadbeefdeadbeefdeadbeef' });
		expect(error.message).toBe(
			'Controller deadbeefdeadbeefdeadbeefdeadbeef of Storage system "primera-650-lab" was not found in HPE Data Services Cloud Console',
		);
	});

	it('rejects an empty or path-escaping controller ID before asking for it', async () => {
		const empty = await failure({ resource: 'controller', operation: 'get', systemId: PRIMERA, controllerId: ' ' }, /\/nodes/);
		expect(empty.error.message).toBe('"Controller" is required');
		expect(empty.sent).toBe(0);
		const escaping = await failure({ resource: 'controller', operation: 'get', systemId: PRIMERA, controllerId: '../ports' }, /\/(nodes|ports)/);
		expect(escaping.error.message).toMatch(/is not a valid Controller/);
		expect(escaping.sent).toBe(0);
	});
});

describe('ports', () => {
	it('lists the Fibre Channel ports of a Primera with a filter', async () => {
		const ports = await run({ resource: 'port', operation: 'getAll', systemId: PRIMERA, returnAll: true, listOptions: { filter: "protocol eq 'FC'" } });
		expect(ports).toHaveLength(4);
		expect(ports.every((port) => port.protocol === 'FC' && typeof (port.fcData as IDataObject).portWWN === 'string')).toBe(true);
	});

	it('lists the iSCSI ports of an Alletra MP with their addresses', async () => {
		const ports = await run({ resource: 'port', operation: 'getAll', systemId: ALLETRA_MP, returnAll: true, listOptions: { filter: "protocol eq 'ISCSI'", select: 'name,iscsiData.ipAddress' } });
		expect(ports).toHaveLength(4);
		expect(ports[0]).toEqual({ name: expect.stringMatching(/^\d:3:\d$/), iscsiData: { ipAddress: expect.stringMatching(/^10\.30\./) } });
		expect(lastRequestTo(/\/ports$/).path).toBe(`/api/v1/storage-systems/device-type4/${ALLETRA_MP}/ports`);
	});

	it('lists the Fibre Channel and network interfaces of a Nimble as one list', async () => {
		const ports = await run({ resource: 'port', operation: 'getAll', systemId: NIMBLE, returnAll: true });
		expect(ports).toHaveLength(10);
		expect(ports.slice(0, 4).every((port) => typeof port.wwpn === 'string')).toBe(true);
		expect(ports.slice(4).every((port) => typeof port.mac === 'string')).toBe(true);
		const firstThree = await run({ resource: 'port', operation: 'getAll', systemId: NIMBLE, returnAll: false, limit: 3 });
		expect(firstThree.map((port) => port.id)).toEqual(ports.slice(0, 3).map((port) => port.id));
		const controllerB = await run({ resource: 'port', operation: 'getAll', systemId: NIMBLE, returnAll: true, listOptions: { filter: "controller_name eq 'B'" } });
		expect(controllerB.map((port) => port.name)).toEqual(['fc1a.1', 'fc1b.1', 'eth1', 'tg1a', 'tg1b']);
	});

	it('gets one Nimble port by ID', async () => {
		const [first] = await run({ resource: 'port', operation: 'getAll', systemId: NIMBLE, returnAll: false, limit: 1 });
		const [port] = await run({ resource: 'port', operation: 'get', systemId: NIMBLE, portId: String(first.id) });
		expect(port.name).toBe(first.name);
		expect(lastRequestTo(/\/ports\/[^/]+$/).path).toBe(`/api/v1/storage-systems/device-type2/${NIMBLE}/ports/${String(first.id)}`);
	});
});

describe('enclosures and shelves', () => {
	it('lists the enclosures of a Primera and the shelves of a Nimble', async () => {
		const enclosures = await run({ resource: 'enclosure', operation: 'getAll', systemId: PRIMERA, returnAll: true, listOptions: { sort: 'name desc' } });
		expect(enclosures.map((enclosure) => enclosure.name)).toEqual(['cage1', 'cage0']);
		const shelves = await run({ resource: 'enclosure', operation: 'getAll', systemId: NIMBLE, returnAll: true });
		expect(shelves.map((shelf) => shelf.model)).toEqual(['AF40', 'ES3']);
		expect(lastRequestTo(/\/shelves$/).path).toBe(`/api/v1/storage-systems/device-type2/${NIMBLE}/shelves`);
	});

	it('gets one enclosure of an Alletra MP', async () => {
		const [first] = await run({ resource: 'enclosure', operation: 'getAll', systemId: ALLETRA_MP, returnAll: true });
		const [enclosure] = await run({ resource: 'enclosure', operation: 'get', systemId: ALLETRA_MP, enclosureId: String(first.id) });
		expect(enclosure).toEqual(expect.objectContaining({ id: first.id, name: 'cage0', state: { overall: 'STATE_NORMAL', detailed: 'normal' } }));
		expect(lastRequestTo(/\/enclosures\/[^/]+$/).path).toBe(`/api/v1/storage-systems/device-type4/${ALLETRA_MP}/enclosures/${String(first.id)}`);
	});
});

describe('disks', () => {
	it('lists the disks of every enclosure of a Primera', async () => {
		const before = sim.requestsTo('GET', /\/enclosures\/[^/]+\/disks$/).length;
		const disks = await run({ resource: 'disk', operation: 'getAll', systemId: PRIMERA, returnAll: true });
		expect(disks).toHaveLength(24);
		expect(new Set(disks.map((disk) => (disk.positionNow as IDataObject).cage))).toEqual(new Set([0, 1]));
		expect(sim.requestsTo('GET', /\/enclosures\/[^/]+\/disks$/).length - before).toBe(2);
	});

	it('stops at the limit across enclosures', async () => {
		const before = sim.requestsTo('GET', /\/enclosures\/[^/]+\/disks$/).length;
		const disks = await run({ resource: 'disk', operation: 'getAll', systemId: PRIMERA, returnAll: false, limit: 5 });
		expect(disks).toHaveLength(5);
		expect(sim.requestsTo('GET', /\/enclosures\/[^/]+\/disks$/).length - before).toBe(1);
	});

	it('lists the disks of one enclosure, and gets one of them', async () => {
		const [cage1] = await run({ resource: 'enclosure', operation: 'getAll', systemId: PRIMERA, returnAll: true, listOptions: { filter: "name eq 'cage1'" } });
		const disks = await run({ resource: 'disk', operation: 'getAll', systemId: PRIMERA, enclosureId: String(cage1.id), returnAll: true });
		expect(disks).toHaveLength(12);
		expect(disks.every((disk) => (disk.positionNow as IDataObject).cage === 1)).toBe(true);
		const [disk] = await run({ resource: 'disk', operation: 'get', systemId: PRIMERA, enclosureId: String(cage1.id), diskId: String(disks[3].id) });
		expect(disk.wwn).toBe(disks[3].wwn);
		expect(lastRequestTo(/\/disks\/[^/]+$/).path).toBe(`/api/v1/storage-systems/device-type1/${PRIMERA}/enclosures/${String(cage1.id)}/disks/${String(disks[3].id)}`);
	});

	it('lists the disks of one Nimble shelf through a shelf_id filter', async () => {
		const all = await run({ resource: 'disk', operation: 'getAll', systemId: NIMBLE, returnAll: true });
		expect(all).toHaveLength(24);
		const [, expansion] = await run({ resource: 'enclosure', operation: 'getAll', systemId: NIMBLE, returnAll: true });
		const disks = await run({ resource: 'disk', operation: 'getAll', systemId: NIMBLE, enclosureId: String(expansion.id), returnAll: true, listOptions: { filter: "state eq 'in use'" } });
		expect(disks).toHaveLength(12);
		expect(disks.every((disk) => disk.shelf_id === expansion.id)).toBe(true);
		expect(lastRequestTo(/\/disks$/).query.filter).toBe(`state eq 'in use' and shelf_id eq '${String(expansion.id)}'`);
		const [disk] = await run({ resource: 'disk', operation: 'get', systemId: NIMBLE, diskId: String(disks[0].id) });
		expect(disk.serial).toBe(disks[0].serial);
	});

	it('asks for the enclosure when getting a disk of an Alletra MP, before asking for the disk', async () => {
		const { error, sent } = await failure({ resource: 'disk', operation: 'get', systemId: ALLETRA_MP, diskId: 'd4b13e70924d29afdb77d932f7563ea6' }, /\/disks/);
		expect(error.message).toBe('"Enclosure / Shelf" is required for Storage system "alletra-mp-b10k"');
		expect(sent).toBe(0);
	});
});

describe('protection templates', () => {
	const createParameters = (name: string, schedules: IDataObject[], additionalFields: IDataObject = {}): Parameters => ({
		resource: 'protectionTemplate',
		operation: 'create',
		systemId: NIMBLE,
		name,
		schedules: { schedule: schedules },
		additionalFields,
		waitForCompletion: true,
		waitTimeout: 30,
	});

	it('lists the built-in templates of a Nimble and gets one', async () => {
		const templates = await run({ resource: 'protectionTemplate', operation: 'getAll', systemId: NIMBLE, returnAll: true, listOptions: { sort: 'name asc' } });
		expect(templates.map((template) => template.name)).toEqual(['Retain-30Daily', 'Retain-48Hourly-30Daily-52Weekly', 'Retain-90Daily']);
		const [template] = await run({ resource: 'protectionTemplate', operation: 'get', systemId: NIMBLE, protectionTemplateId: String(templates[1].id) });
		expect((template.schedule_list as IDataObject[]).map((schedule) => schedule.name)).toEqual(['hourly', 'daily', 'weekly']);
	});

	it('creates a template with schedules and returns it once the task succeeded', async () => {
		const [result] = await run(
			createParameters(
				'sql-protect',
				[
					{ name: 'hourly', numRetain: 24, period: 2, periodUnit: 'hours', atTime: '06:00', days: ['friday', 'monday'], options: { untilTime: '20:30' } },
					{ name: 'nightly', numRetain: 14, period: 1, periodUnit: 'days', atTime: '22:00', days: [], options: { downstreamPartner: 'dr-site', numRetainReplica: 30 } },
				],
				{ description: 'SQL Server volumes', appSync: 'vss', appId: 'sql2017', appServer: 'sql01.example.com' },
			),
		);
		const post = sim.requestsTo('POST', /\/protection-templates$/).pop()!;
		expect(post.body).toEqual({
			name: 'sql-protect',
			description: 'SQL Server volumes',
			app_sync: 'vss',
			app_id: 'sql2017',
			app_server: 'sql01.example.com',
			schedules: [
				{ name: 'hourly', num_retain: 24, period: 2, period_unit: 'hours', at_time: 21_600, days: 'monday,friday', until_time: 73_800 },
				{ name: 'nightly', num_retain: 14, period: 1, period_unit: 'days', at_time: 79_200, downstream_partner: 'dr-site', num_retain_replica: 30 },
			],
		});
		expect(result.state).toBe('SUCCEEDED');
		const template = result.resource as IDataObject;
		expect(template.name).toBe('sql-protect');
		expect((template.schedule_list as IDataObject[]).map((schedule) => [schedule.name, schedule.at_time, schedule.days])).toEqual([
			['hourly', 21_600, 'monday,friday'],
			['nightly', 79_200, 'all'],
		]);
		expect(seeded('protectionTemplates', `/device-type2/${NIMBLE}/`).some((record) => record.name === 'sql-protect')).toBe(true);
	});

	it('reports the failed task when the name is already taken', async () => {
		const items = await executeNode({
			nodeType: node,
			credentials: greenLakeCredential(sim),
			parameters: createParameters('Retain-30Daily', [{ name: 'daily', numRetain: 3 }]),
			continueOnFail: true,
		});
		expect(items[0].json.error).toMatch(/A protection template named 'Retain-30Daily' already exists/);
		expect(((items[0].json.details as IDataObject).task as IDataObject).state).toBe('FAILED');
	});

	it('refuses a Primera before sending anything to create', async () => {
		const { error, sent } = await failure({ ...createParameters('nope', []), systemId: PRIMERA }, /protection-templates/);
		expect(error.message).toBe('This operation is not available for Storage system "primera-650-lab" (HPE Primera / Alletra 9000)');
		expect(sent).toBe(0);
	});

	it.each([
		['an invalid name', createParameters('sql protect!', []), /"Name" is not valid/],
		['a schedule without name', createParameters('ok-name', [{ name: '', numRetain: 3 }]), /Schedule 1: "Schedule Name" is required/],
		['a start time out of range', createParameters('ok-name', [{ name: 'daily', numRetain: 3, atTime: '25:00' }]), /Schedule 1: "Start Time" must be a time of day as HH:MM/],
		['no snapshots to retain', createParameters('ok-name', [{ name: 'daily', numRetain: 0 }]), /"Snapshots to Retain" must be a whole number of at least 1/],
		['two schedules of one name', createParameters('ok-name', [{ name: 'daily', numRetain: 3 }, { name: 'Daily', numRetain: 4 }]), /Two schedules are named "daily"/],
		['an application without VSS', createParameters('ok-name', [], { appId: 'sql2017' }), /"Application" needs Application Synchronization VSS/],
	])('rejects %s before any request', async (_case, parameters, message) => {
		const { error, sent } = await failure(parameters);
		expect(error.message).toMatch(message);
		expect(sent).toBe(0);
	});

	it('renames a template and adds, changes and removes schedules in one update', async () => {
		const [created] = await run(createParameters('vm-protect', [{ name: 'daily', numRetain: 7 }, { name: 'weekly', numRetain: 4, days: ['sunday'] }]));
		const template = created.resource as IDataObject;
		const [daily, weekly] = template.schedule_list as IDataObject[];
		const [result] = await run({
			resource: 'protectionTemplate',
			operation: 'update',
			systemId: NIMBLE,
			protectionTemplateId: String(template.id),
			updateFields: { name: 'vm-protect-v2', description: 'VMware datastores' },
			addSchedules: { schedule: [{ name: 'hourly', numRetain: 12, period: 1, periodUnit: 'hours' }] },
			editSchedules: { schedule: [{ scheduleId: String(daily.id), changes: { numRetain: 10, atTime: '23:15' } }] },
			removeScheduleIds: String(weekly.id),
			waitForCompletion: true,
			waitTimeout: 30,
		});
		const put = sim.requestsTo('PUT', /\/protection-templates\/[^/]+$/).pop()!;
		expect(put.body).toEqual({
			name: 'vm-protect-v2',
			description: 'VMware datastores',
			addSchedules: [{ name: 'hourly', num_retain: 12, period: 1, period_unit: 'hours' }],
			editSchedules: [{ id: daily.id, num_retain: 10, at_time: 83_700 }],
			removeSchedules: [{ id: weekly.id }],
		});
		expect(result.state).toBe('SUCCEEDED');
		const updated = result.resource as IDataObject;
		expect(updated.name).toBe('vm-protect-v2');
		expect((updated.schedule_list as IDataObject[]).map((schedule) => [schedule.name, schedule.num_retain])).toEqual([
			['daily', 10],
			['hourly', 12],
		]);
	});

	it('refuses an update with nothing to change, or a schedule change without settings', async () => {
		const nothing = await failure({ resource: 'protectionTemplate', operation: 'update', systemId: NIMBLE, protectionTemplateId: '2a0df0fe6f7dc7bb12000000000000000000001001' });
		expect(nothing.error.message).toBe('Nothing to update');
		expect(nothing.sent).toBe(0);
		const empty = await failure({
			resource: 'protectionTemplate',
			operation: 'update',
			systemId: NIMBLE,
			protectionTemplateId: '2a0df0fe6f7dc7bb12000000000000000000001001',
			editSchedules: { schedule: [{ scheduleId: '2a0df0fe6f7dc7bb0d000000000000000000001001', changes: {} }] },
		});
		expect(empty.error.message).toBe('Schedule to change 1: add at least one setting to change');
		expect(empty.sent).toBe(0);
	});
});
