import type { IDataObject } from 'n8n-workflow';

import { Cloutility } from '../../nodes/Cloutility/Cloutility.node';
import { CloutilityTrigger } from '../../nodes/Cloutility/CloutilityTrigger.node';
import type { CredentialStore, Parameters } from '../harness/context';
import { executeNode, pollNode } from '../harness/context';
import type { CloutilitySimulator } from '../simulators/cloutility';
import { startCloutilitySimulator } from '../simulators/cloutility';
import { errorBody } from '../simulators/cloutility/routes';

/**
 * Backup jobs and node reports read the way Cloutility's REST API documentation gives them
 * (safespring/docs `content/backup/automation/rest-api.md`): jobs of a window from
 * `…/jobs/first?startTime=&endTime=`, report status and warnings asked for with `status=true` and
 * `warnings=true`; and under the other reading of those two (filters), nothing is lost.
 */
const node = new Cloutility();
const trigger = new CloutilityTrigger();
let sim: CloutilitySimulator;

beforeAll(async () => {
	sim = await startCloutilitySimulator();
});
afterAll(async () => await sim.close());
afterEach(() => {
	sim.clearFaults();
	Object.assign(sim.behaviour, { reportQuery: 'switch', enumsAs: 'number', latestReportComplete: false });
});

const credential = (): CredentialStore => ({
	cloutilityApi: { baseUrl: sim.url, clientId: sim.clientId, origin: sim.origin, username: sim.username, password: sim.password, accessToken: '', refreshToken: '', signedInAs: '' },
});
const rl = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });
const unitNamed = (name: string) => [...sim.portal.consumers.values()].find((unit) => unit.name === name)!;

async function run(parameters: Parameters): Promise<IDataObject[]> {
	return (await executeNode({ nodeType: node, credentials: credential(), parameters })).map((item) => item.json);
}
async function poll(parameters: Parameters, staticData: IDataObject, mode: 'trigger' | 'manual' = 'trigger'): Promise<IDataObject[]> {
	const output = await pollNode({ nodeType: trigger, credentials: credential(), parameters, staticData, mode });
	return output ? output[0].map((item) => item.json) : [];
}
const pause = async () => await new Promise((resolve) => setTimeout(resolve, 5));

describe('jobs in a time window', () => {
	it('Get Jobs reads the window from the documented …/jobs/first?startTime=&endTime=, never from an undocumented …/jobs', async () => {
		const file = unitNamed('FILESRV01');
		sim.runBackupRound({ [file.id]: 'failed' });
		const before = sim.requests().length;
		const jobs = await run({ resource: 'backupResult', operation: 'getJobs', businessUnitId: rl(22), consumptionUnitId: rl(file.id), startTime: '2020-01-01T00:00:00Z', endTime: '' });
		expect(jobs.map((job) => job.id)).toEqual(file.jobs.map((job) => job.id));
		const sent = sim.requests().slice(before).filter((request) => request.path.includes('/jobs'));
		expect(sent.map((request) => request.path)).toEqual([`/v1/bunits/22/consumers/${file.id}/jobs/first`, `/v1/bunits/22/consumers/${file.id}/jobs/first`]);
		// The window starts at the first job (Cloutility refuses an earlier start) and ends now.
		expect(sent[1].query.startTime).toBe(new Date(String(file.jobs[0].completed)).toISOString());
		expect(Date.parse(sent[1].query.endTime)).toBeGreaterThanOrEqual(Date.parse(String(file.jobs.at(-1)!.completed)));
	});

	it('Get Jobs applies Return All and Limit; an empty start reads the last 24 hours', async () => {
		const file = unitNamed('FILESRV01');
		sim.runBackupRound({ [file.id]: 'success' });
		const base = { resource: 'backupResult', operation: 'getJobs', businessUnitId: rl(22), consumptionUnitId: rl(file.id), startTime: '', endTime: '' };
		const all = await run(base);
		expect(all.length).toBe(file.jobs.length);
		expect(await run({ ...base, returnAll: false, limit: 1 })).toEqual([all[0]]);
	});

	it('the default trigger (reports and jobs) survives its polls against the documented API and reports a failed job', async () => {
		const staticData: IDataObject = {};
		const hr = unitNamed('HR-SQL01');
		const parameters = { businessUnits: [], consumptionUnits: [`94:${hr.id}`], sources: ['reports', 'jobs'], problems: 'errorsAndWarnings' };
		expect(await poll(parameters, staticData)).toEqual([]);
		await pause();
		sim.runBackupRound({ [hr.id]: 'failed' });
		const found = await poll(parameters, staticData);
		expect(found.map((item) => [item.kind, item.problem]).sort()).toEqual([
			['job', 'failed'],
			['report', 'failed'],
		]);
		expect(sim.requestsTo('GET', /\/jobs$/)).toEqual([]);
	});

	it('a 404 for the job list of a unit that exists says so, instead of "Consumption unit … was not found"', async () => {
		const file = unitNamed('FILESRV01');
		// The first request (the first job) is answered; the window is not, as by a portal without that endpoint.
		sim.addFault({ method: 'GET', path: /\/jobs\/first$/, skip: 1, respond: { status: 404, body: errorBody(404, 'No HTTP resource was found that matches the request URI') } });
		const error = await run({ resource: 'backupResult', operation: 'getJobs', businessUnitId: rl(22), consumptionUnitId: rl(file.id), startTime: '', endTime: '' }).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toBe(`Cloutility found no job list for consumption unit "FILESRV01" (${file.id}), although the unit exists`);
		expect((error as { description?: string }).description).toContain(`GET /v1/bunits/22/consumers/${file.id}/jobs/first?startTime=…&endTime=…`);
	});

	it('a unit that does not exist is still named as not found', async () => {
		await expect(run({ resource: 'backupResult', operation: 'getReports', businessUnitId: rl(22), consumptionUnitId: rl(987654), startDate: '', endDate: '' })).rejects.toThrow(
			'Consumption unit 987654 of business unit 22 was not found in Cloutility',
		);
	});

	it('Fetch Test Event for a unit picked from the trigger\'s list names the real cause of a 404 below that unit', async () => {
		const laptop = unitNamed('MKT-LAPTOP-07');
		sim.addFault({ method: 'GET', path: /\/jobs\/first$/, skip: 1, respond: { status: 404, body: errorBody(404, 'Not found') } });
		const error = await poll({ businessUnits: [], consumptionUnits: [`76:${laptop.id}`], sources: ['jobs'], problems: 'errors' }, {}, 'manual').catch((e: Error) => e);
		expect((error as Error).message).toBe(`Cloutility found no job list for consumption unit "MKT-LAPTOP-07" (${laptop.id}), although the unit exists`);
	});
});

describe('report status and warnings', () => {
	const file = () => unitNamed('FILESRV01');
	const reportsOf = async (filters: IDataObject = {}) =>
		await run({ resource: 'backupResult', operation: 'getReports', businessUnitId: rl(22), consumptionUnitId: rl(file().id), startDate: '', endDate: '', filters });

	it('asks for status and warnings (status=true&warnings=true) where Cloutility adds them only on request, as documented', async () => {
		sim.runBackupRound({ [file().id]: 'failed' });
		const before = sim.requests().length;
		const reports = await reportsOf();
		expect(reports.length).toBe(file().reports.length);
		expect(reports.every((report) => !String(report.statusName).startsWith('Unknown'))).toBe(true);
		const failed = reports.at(-1)!;
		expect(failed).toMatchObject({ statusName: 'Error', warnings: [{ typeName: 'Missed schedule', statusName: 'Error' }, { typeName: 'No backup activity' }] });
		const queries = sim.requests().slice(before).filter((request) => request.path.endsWith('/reports')).map((request) => request.query);
		expect(queries.at(-1)).toMatchObject({ status: 'true', warnings: 'true' });
	});

	it('where status= and warnings= are filters (the fields always there), sends neither and loses no report', async () => {
		sim.behaviour.reportQuery = 'filter';
		sim.runBackupRound({ [file().id]: 'warning' });
		const before = sim.requests().length;
		const reports = await reportsOf();
		expect(reports.map((report) => report.id)).toEqual(file().reports.map((report) => report.id));
		expect(new Set(reports.map((report) => report.statusName))).toEqual(new Set(['Ok', 'Error', 'Warning']));
		const queries = sim.requests().slice(before).filter((request) => request.path.endsWith('/reports')).map((request) => request.query);
		expect(queries.every((query) => query.status === undefined && query.warnings === undefined)).toBe(true);
	});

	it('the Status and Only With Warnings filters work under both readings; a saved number (2) still means Error', async () => {
		sim.runBackupRound({ [file().id]: 'failed' });
		for (const reading of ['switch', 'filter'] as const) {
			sim.behaviour.reportQuery = reading;
			const failed = await reportsOf({ status: 'Error' });
			expect(failed.length).toBe(file().reports.filter((report) => report.status === 3).length);
			expect(failed.every((report) => report.statusName === 'Error')).toBe(true);
			expect(await reportsOf({ status: 2 })).toEqual(failed);
			const withWarnings = await reportsOf({ warnings: true });
			expect(withWarnings.length).toBe(file().reports.filter((report) => (report.warnings as unknown[]).length > 0).length);
		}
	});

	it('the trigger sees a failed report under both readings', async () => {
		const hr = unitNamed('HR-SQL01');
		for (const reading of ['switch', 'filter'] as const) {
			sim.behaviour.reportQuery = reading;
			const staticData: IDataObject = {};
			const parameters = { businessUnits: [], consumptionUnits: [`94:${hr.id}`], sources: ['reports'], problems: 'errors' };
			await poll(parameters, staticData);
			await pause();
			sim.runBackupRound({ [hr.id]: 'failed' });
			const found = await poll(parameters, staticData);
			expect(found).toEqual([expect.objectContaining({ kind: 'report', problem: 'failed', statusName: 'Error', consumptionUnitName: 'HR-SQL01' })]);
		}
	});

	it('Get Latest Report gives the status and warnings whether or not Cloutility includes them in the latest report', async () => {
		sim.runBackupRound({ [file().id]: 'failed' });
		const before = sim.requests().length;
		const parameters = { resource: 'backupResult', operation: 'getLatestReport', businessUnitId: rl(22), consumptionUnitId: rl(file().id) };
		const [latest] = await run(parameters);
		expect(latest).toMatchObject({ id: file().reports.at(-1)!.id, statusName: 'Error', warnings: [{ typeName: 'Missed schedule' }, { typeName: 'No backup activity' }] });
		expect(sim.requests().slice(before).some((request) => request.path.endsWith('/reports') && request.query.status === 'true')).toBe(true);
		sim.behaviour.latestReportComplete = true;
		const afterSwitch = sim.requests().length;
		expect((await run(parameters))[0]).toMatchObject({ id: latest.id, statusName: 'Error' });
		expect(sim.requests().slice(afterSwitch).some((request) => request.path.endsWith('/reports'))).toBe(false);
	});

	it('decodes all six statuses, as numbers and as names', async () => {
		const names = ['Ok', 'OkWithWarnings', 'Warning', 'Error', 'Ignored', 'Pending'];
		const unit = unitNamed('JennysWS');
		sim.runBackupRound({ [unit.id]: 'success' });
		const recent = unit.reports.slice(-1)[0];
		const copies = names.map((_, status) => ({ ...recent, id: 900_000 + status, status, warnings: [] }));
		unit.reports.push(...copies);
		for (const enumsAs of ['number', 'name'] as const) {
			sim.behaviour.enumsAs = enumsAs;
			const reports = await run({ resource: 'backupResult', operation: 'getReports', businessUnitId: rl(76), consumptionUnitId: rl(unit.id), startDate: '', endDate: '' });
			const decoded = reports.filter((report) => Number(report.id) >= 900_000).map((report) => report.statusName);
			expect(decoded).toEqual(names);
		}
		unit.reports.splice(unit.reports.length - copies.length);
	});

	it('the trigger reports a report whose status comes as the name "Error", and OkWithWarnings as a warning', async () => {
		sim.behaviour.enumsAs = 'name';
		const hr = unitNamed('HR-SQL01');
		const staticData: IDataObject = {};
		const parameters = { businessUnits: [], consumptionUnits: [`94:${hr.id}`], sources: ['reports'], problems: 'errorsAndWarnings' };
		await poll(parameters, staticData);
		await pause();
		sim.runBackupRound({ [hr.id]: 'failed' });
		const latest = hr.reports.at(-1)!;
		hr.reports.push({ ...latest, id: 900_100, status: 1, warnings: [], reportDate: new Date(Date.parse(String(latest.reportDate)) + 1).toISOString() });
		const found = await poll(parameters, staticData);
		expect(found.map((item) => [item.problem, item.statusName])).toEqual([
			['failed', 'Error'],
			['warning', 'OkWithWarnings'],
		]);
	});
});

describe('Return All and Limit on every Cloutility listing', () => {
	it('Reports, Filespaces and Audit Log return all, or up to the limit', async () => {
		const jenny = unitNamed('JennysWS');
		sim.runBackupRound({ [jenny.id]: 'warning' });
		const base = { businessUnitId: rl(76), consumptionUnitId: rl(jenny.id) };
		const reports = await run({ ...base, resource: 'backupResult', operation: 'getReports', startDate: '', endDate: '' });
		expect(reports.length).toBeGreaterThan(1);
		expect(await run({ ...base, resource: 'backupResult', operation: 'getReports', startDate: '', endDate: '', returnAll: false, limit: 1 })).toEqual([reports[0]]);

		const windows = { businessUnitId: rl(22), consumptionUnitId: rl(unitNamed('FILESRV01').id), resource: 'backupNode', operation: 'getFilespaces' };
		const filespaces = await run({ ...windows, tsmSync: true });
		expect(filespaces.length).toBeGreaterThan(1);
		expect(await run({ ...windows, tsmSync: false, returnAll: false, limit: 1 })).toEqual([filespaces[0]]);

		const audit = { ...base, resource: 'consumptionUnit', operation: 'getAuditLog', types: [] };
		const all = await run({ ...audit, returnAll: true, offset: 0 });
		expect(all.length).toBe(jenny.auditLogs.length);
		expect(await run({ ...audit, returnAll: false, limit: 2, offset: 1 })).toEqual(all.slice(1, 3));
	});
});
