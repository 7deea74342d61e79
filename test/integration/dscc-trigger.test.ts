import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { HpeDsccTrigger } from '../../nodes/HpeDscc/HpeDsccTrigger.node';
import type { CredentialStore, Parameters } from '../harness/context';
import { greenLakeCredential, pollNode } from '../harness/context';
import type { DsccSimulator } from '../simulators/dscc';
import { startDsccSimulator } from '../simulators/dscc';
import { CUSTOMER_ID, timestamp } from '../simulators/dscc/context';
import { TaskFailure } from '../simulators/dscc/tasks';

const trigger = new HpeDsccTrigger();

function events(output: INodeExecutionData[][] | null): IDataObject[] {
	return output ? output[0].map((item) => item.json) : [];
}

function issue(id: string, createdAt: string, severity: string): IDataObject {
	return {
		id,
		name: `Issue ${id}`,
		type: 'issue',
		resourceUri: `/api/v1/issues/${id}`,
		customerId: CUSTOMER_ID,
		generation: 1,
		createdAt,
		lastOccurredAt: createdAt,
		issueType: 'ISSUE',
		category: 'CAPACITY',
		severity,
		state: 'CREATED',
		title: `Issue ${id}`,
		occurrenceCount: 1,
	};
}

describe('DSCC trigger', () => {
	let sim: DsccSimulator;
	let credentials: CredentialStore;
	const poll = async (
		parameters: Parameters,
		staticData: IDataObject,
		mode: 'trigger' | 'manual' = 'trigger',
	) => await pollNode({ nodeType: trigger, credentials, parameters, staticData, mode });

	beforeAll(async () => {
		sim = await startDsccSimulator({ taskDurationMs: 1000 });
		credentials = greenLakeCredential(sim);
	});
	afterAll(async () => await sim.close());
	afterEach(() => {
		sim.clearFaults();
		expect(sim.violations()).toEqual([]);
	});

	describe('task finished', () => {
		it('notes where to start on the first poll, then reports a task that finishes afterwards, once', async () => {
			const staticData: IDataObject = {};
			expect(await poll({ event: 'taskFinished' }, staticData)).toBeNull();
			const cursor = staticData.cursor as IDataObject;
			expect(cursor).toMatchObject({ version: 1, event: 'taskFinished' });
			// Seeded tasks finished days ago: never reported.
			expect(Date.now() - Date.parse(String(cursor.at))).toBeLessThan(60_000);

			const task = sim.context.tasks.start({
				displayName: 'Create volume trigger-1',
				complete: () => undefined,
				durationMs: 300,
			});
			await sleep(400);
			const reported = events(await poll({ event: 'taskFinished' }, staticData));
			expect(reported.map((item) => item.id)).toEqual([task.id]);
			expect(reported[0]).toMatchObject({
				state: 'SUCCEEDED',
				progressPercent: 100,
				displayName: 'Create volume trigger-1',
			});
			expect(await poll({ event: 'taskFinished' }, staticData)).toBeNull();

			const listings = sim.requestsTo('GET', /^\/api\/v1\/tasks$/);
			const last = listings[listings.length - 1].query;
			expect(last.filter).toMatch(/^updatedAt gt \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
			expect(last.sort).toBeUndefined(); // the tasks listing takes no sort
		});

		it('reports, on the first scheduled poll with no position, what finished since one polling interval ago, once', async () => {
			// n8n did not keep the position its poll at activation noted: the scheduled poll finds none.
			const staticData: IDataObject = {};
			const parameters = { event: 'taskFinished', pollTimes: { item: [{ mode: 'everyMinute' }] } };
			const task = sim.context.tasks.start({
				displayName: 'Create volume right-after-activation',
				complete: () => undefined,
				durationMs: 200,
			});
			await sleep(300);
			const scheduled = async () =>
				events(await pollNode({ nodeType: trigger, credentials, parameters, staticData, activation: 'update' }));
			const reported = await scheduled();
			expect(reported.filter((item) => item.id === task.id)).toHaveLength(1);
			// Seeded tasks finished days ago, before the look-back: never reported (earlier tests' may be).
			for (const item of reported) expect(Date.now() - Date.parse(String(item.updatedAt))).toBeLessThan(200_000);
			expect(staticData.cursor).toMatchObject({ event: 'taskFinished' });
			expect(await scheduled()).toEqual([]);
		});

		it('reports failed tasks to "failed" and not to "succeeded", with a user filter applied by DSCC', async () => {
			const failed: IDataObject = {};
			const succeeded: IDataObject = {};
			await poll({ event: 'taskFinished', outcome: 'failed' }, failed);
			await poll({ event: 'taskFinished', outcome: 'succeeded' }, succeeded);
			const bad = sim.context.tasks.start({
				displayName: 'Create volume too-big',
				complete: () => {
					throw new TaskFailure('Not enough free capacity in pool SSD_r6', 'INSUFFICIENT_CAPACITY');
				},
				durationMs: 200,
			});
			const good = sim.context.tasks.start({
				displayName: 'Create volume fits',
				complete: () => undefined,
				durationMs: 200,
			});
			await sleep(300);
			const failures = events(await poll({ event: 'taskFinished', outcome: 'failed' }, failed));
			expect(failures.map((item) => item.id)).toEqual([bad.id]);
			expect(failures[0]).toMatchObject({
				state: 'FAILED',
				error: { errorCode: 'INSUFFICIENT_CAPACITY' },
			});
			const successes = events(
				await poll({ event: 'taskFinished', outcome: 'succeeded' }, succeeded),
			);
			expect(successes.map((item) => item.id)).toEqual([good.id]);

			const filtered: IDataObject = {};
			const parameters = {
				event: 'taskFinished',
				taskFilter: "displayName eq 'Create volume wanted'",
			};
			await poll(parameters, filtered);
			const other = sim.context.tasks.start({
				displayName: 'Create volume other',
				complete: () => undefined,
				durationMs: 100,
			});
			const wanted = sim.context.tasks.start({
				displayName: 'Create volume wanted',
				complete: () => undefined,
				durationMs: 100,
			});
			await sleep(200);
			expect(events(await poll(parameters, filtered)).map((item) => item.id)).toEqual([wanted.id]);
			expect(other.id).not.toEqual(wanted.id);
		});

		it('"Fetch Test Event" returns the most recent matching task and leaves the cursor alone', async () => {
			const staticData: IDataObject = {};
			const output = await poll({ event: 'taskFinished', outcome: 'failed' }, staticData, 'manual');
			const [item] = events(output);
			expect(output![0]).toHaveLength(1);
			expect(item.state).toBe('FAILED');
			expect(item.displayName).toBe('Create volume too-big'); // newer than the seeded failed task
			expect(staticData).toEqual({});
		});
	});

	describe('task state changed', () => {
		it('reports each state of a task once while progress updates come and go', async () => {
			const staticData: IDataObject = {};
			await poll({ event: 'taskStateChanged' }, staticData);
			const task = sim.context.tasks.start({
				displayName: 'Export volume sql-data',
				complete: () => undefined,
				durationMs: 3000,
			});
			const seen: string[] = [];
			for (let i = 0; i < 20 && !seen.includes('SUCCEEDED'); i++) {
				for (const item of events(await poll({ event: 'taskStateChanged' }, staticData))) {
					if (item.id === task.id) seen.push(String(item.state));
				}
				await sleep(250);
			}
			expect(seen).toEqual(['INITIALIZED', 'RUNNING', 'SUCCEEDED']);
			// Several RUNNING updates (progress) happened; none was reported again.
			expect(Number(task.generation)).toBeGreaterThan(3);
			expect((staticData.cursor as IDataObject).taskStates).toEqual([]);
		});
	});

	describe('new issue', () => {
		it('reports new issues of the chosen severities only, filtered by DSCC', async () => {
			const staticData: IDataObject = {};
			const parameters = { event: 'newIssue', severities: ['CRITICAL', 'WARNING'] };
			expect(await poll(parameters, staticData)).toBeNull();
			const now = timestamp();
			sim.context.add('issues', issue('issue-critical', now, 'CRITICAL'));
			sim.context.add('issues', issue('issue-info', now, 'INFO'));
			sim.context.add('issues', issue('issue-warning', now, 'WARNING'));
			const reported = events(await poll(parameters, staticData));
			expect(reported.map((item) => item.id).sort()).toEqual(['issue-critical', 'issue-warning']);
			expect(await poll(parameters, staticData)).toBeNull();
			const listings = sim.requestsTo('GET', /^\/api\/v1\/issues$/);
			expect(listings[listings.length - 1].query).toMatchObject({
				filter: expect.stringMatching(
					/^createdAt gt \S+Z and severity in \('CRITICAL','WARNING'\)$/,
				),
				sort: 'createdAt asc',
			});
		});

		it('says plainly when there is no such issue to fetch as a test event', async () => {
			await expect(poll({ event: 'newIssue', severities: ['LOW'] }, {}, 'manual')).rejects.toThrow(
				'There is no issue of severity LOW in HPE Data Services Cloud Console yet',
			);
			const [newest] = events(await poll({ event: 'newIssue', severities: [] }, {}, 'manual'));
			expect(newest.id).toMatch(/^issue-/);
		});
	});

	describe('new audit event', () => {
		it('reports 1500 audit events recorded in one second once each, with those recorded later in that second', async () => {
			const staticData: IDataObject = {};
			await poll({ event: 'newAuditEvent' }, staticData);
			const resource = { id: 'SGH029VBHV', name: 'primera-650-lab', type: 'storage-system' };
			const before = new Set(sim.context.collection('auditEvents').keys());
			for (let i = 0; i < 1500; i++)
				sim.context.audit(`Volume vol-${i} created`, 'volume.create', resource);
			// While that second (DSCC keeps whole seconds) can still get events, a second this full
			// is left to the next poll: the cursor could not list them all.
			const reported = events(await poll({ event: 'newAuditEvent' }, staticData)).map((item) =>
				String(item.id),
			);
			sim.context.audit('Volume vol-late created', 'volume.create', resource);
			const added = [...sim.context.collection('auditEvents').keys()].filter(
				(id) => !before.has(id),
			);
			await sleep(2100);
			reported.push(
				...events(await poll({ event: 'newAuditEvent' }, staticData)).map((item) =>
					String(item.id),
				),
			);
			expect(reported).toHaveLength(1501);
			expect(new Set(reported)).toEqual(new Set(added));
			expect(await poll({ event: 'newAuditEvent' }, staticData)).toBeNull();
			const cursor = staticData.cursor as { keys: string[] };
			expect(cursor.keys.length).toBeLessThanOrEqual(200);
			// Each second above a page was read by offset; everything else by time window.
			const listings = sim.requestsTo('GET', /^\/api\/v1\/audit-events$/);
			expect(listings[listings.length - 1].query).toMatchObject({
				sort: 'occurredAt asc',
				offset: '0',
			});
		});

		it('applies the audit filter typed by the user', async () => {
			const staticData: IDataObject = {};
			const parameters = { event: 'newAuditEvent', auditFilter: 'state eq Failure' };
			await poll(parameters, staticData);
			const resource = { id: '7CE751P312', name: 'alletra-mp-b10k', type: 'storage-system' };
			sim.context.audit('Volume vol-ok created', 'volume.create', resource, undefined, 'Success');
			sim.context.audit(
				'Volume vol-denied not created',
				'volume.create',
				resource,
				undefined,
				'Failure',
			);
			expect(events(await poll(parameters, staticData)).map((item) => item.message)).toEqual([
				'Volume vol-denied not created',
			]);
		});
	});
});

describe('DSCC trigger with a backlog', () => {
	let sim: DsccSimulator;
	let credentials: CredentialStore;

	beforeAll(async () => {
		sim = await startDsccSimulator();
		credentials = greenLakeCredential(sim);
	});
	afterAll(async () => await sim.close());
	afterEach(() => expect(sim.violations()).toEqual([]));

	it('reads a 2500-issue backlog from "Start From" while issues are closed and raised between its pages', async () => {
		const issues = sim.context.collection('issues');
		const base = Date.now() - 3_600_000;
		const backlog: string[] = [];
		for (let i = 0; i < 2500; i++) {
			const id = `backlog-${String(i).padStart(4, '0')}`;
			backlog.push(id);
			sim.context.add('issues', issue(id, timestamp(new Date(base + i * 1000)), 'WARNING'));
		}
		// Before every listing after the first: the oldest backlog issue still open is closed
		// (everything behind it shifts back one place) and a new issue is raised.
		let raised = 0;
		sim.addFault({
			method: 'GET',
			path: /^\/api\/v1\/issues$/,
			skip: 1,
			sideEffect: () => {
				const oldest = [...issues.keys()].find((id) => id.startsWith('backlog-'));
				if (oldest) issues.delete(oldest);
				sim.context.add('issues', issue(`raised-${raised++}`, timestamp(), 'CRITICAL'));
			},
		});
		const staticData: IDataObject = {};
		const parameters = {
			event: 'newIssue',
			options: { startFrom: new Date(base - 60_000).toISOString() },
		};
		const reported = events(await poll(parameters, staticData)).map((item) => String(item.id));
		sim.clearFaults();
		reported.push(...events(await poll(parameters, staticData)).map((item) => String(item.id)));

		expect(new Set(reported).size).toBe(reported.length);
		expect(reported.filter((id) => id.startsWith('backlog-'))).toEqual(backlog);
		expect(reported.filter((id) => id.startsWith('raised-')).sort()).toEqual(
			Array.from({ length: raised }, (_, i) => `raised-${i}`).sort(),
		);
		// Keyset paging: each request starts after the last timestamp read, never at an offset.
		const listings = sim.requestsTo('GET', /^\/api\/v1\/issues$/);
		expect(listings.length).toBeGreaterThan(2);
		expect(listings.every((request) => request.query.offset === '0')).toBe(true);
	});

	async function poll(parameters: Parameters, staticData: IDataObject) {
		return await pollNode({ nodeType: trigger, credentials, parameters, staticData });
	}
});
