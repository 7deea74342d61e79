import type { IDataObject } from 'n8n-workflow';

import type { GreenLakeSimulator } from '../simulators/greenlake';
import { startGreenLakeSimulator } from '../simulators/greenlake';
import { CATALOG_VERSIONS } from '../simulators/greenlake/pcbe';
import { apiRequests, byName, listSearchContext, locator, node, records, runNode } from './pcbe-helpers';

// Every write waits for its operation, polled at most once a second.
jest.setTimeout(30_000);

let sim: GreenLakeSimulator;

beforeAll(async () => {
	sim = await startGreenLakeSimulator({ operationDurationMs: 600, systems: 123, virtualMachines: 10 });
});
afterAll(async () => await sim.close());
afterEach(() => {
	sim.clearOperationRules();
	expect(sim.violations()).toEqual([]);
});

const run = (parameters: IDataObject) => runNode(sim, 'system', parameters);
const siteA = () => byName(sim, 'systems', 'dhci-site-a');
const siteB = () => byName(sim, 'systems', 'dhci-site-b');

describe('systems', () => {
	it('returns all 123 systems in pages of 100, the most the systems listing allows', async () => {
		const before = apiRequests(sim).length;
		const items = await run({ operation: 'getAll', returnAll: true });
		expect(items).toHaveLength(123);
		expect(apiRequests(sim).slice(before).map((request) => [request.query.offset, request.query.limit])).toEqual([
			['0', '100'],
			['100', '100'],
		]);
	});

	it('asks for the smallest page the API accepts (10) when the limit is 3, and returns 3', async () => {
		const items = await run({ operation: 'getAll', returnAll: false, limit: 3, listOptions: { sort: 'name asc' } });
		expect(items.map((item) => item.name)).toEqual(['dhci-edge-003', 'dhci-edge-004', 'dhci-edge-005']);
		expect(apiRequests(sim).pop()!.query).toMatchObject({ limit: '10', offset: '0', sort: 'name asc' });
	});

	it('gets a system with selected properties, and offers systems in the locator', async () => {
		const [item] = await run({ operation: 'get', systemId: locator(String(siteA().id)), getOptions: { select: 'id,name,health' } });
		expect(item).toEqual({ id: siteA().id, name: 'dhci-site-a', health: siteA().health });
		const found = await node.methods.listSearch.searchSystems.call(listSearchContext(sim), 'site-b');
		expect(found.results).toEqual([{ name: 'dhci-site-b', value: siteB().id }]);
	});

	it('updates the location with a merge patch: only the fields given change', async () => {
		const [item] = await run({ operation: 'updateLocation', systemId: locator(String(siteA().id)), location: { city: 'Austin', zipCode: '73301' } });
		expect(item.location).toEqual({ city: 'Austin', stateCode: 'TX', countryCode: 'US', zipCode: '73301' });
		const patch = sim.requestsTo('PATCH', /\/systems\//).pop()!;
		expect(patch.headers['content-type']).toMatch(/^application\/merge-patch\+json/);
		expect(patch.body).toEqual({ location: { city: 'Austin', zipCode: '73301' } });
	});

	it('lists and gets the servers of a system', async () => {
		const servers = await run({ operation: 'getServers', systemId: locator(String(siteA().id)), returnAll: true });
		expect(servers.map((server) => server.name)).toEqual(['dhci-site-a-srv1', 'dhci-site-a-srv2', 'dhci-site-a-srv3', 'dhci-site-a-srv4']);
		const filtered = await run({ operation: 'getServers', systemId: locator(String(siteA().id)), returnAll: false, limit: 2, listOptions: { filter: "health/overallServerHealth eq 'OK'" } });
		expect(filtered).toHaveLength(2);
		expect(apiRequests(sim).pop()!.query.limit).toBe('10');
		const [server] = await run({ operation: 'getServer', systemId: locator(String(siteA().id)), serverId: String(servers[1].id) });
		expect(server).toMatchObject({ id: servers[1].id, model: 'HPE ProLiant DL380 Gen11' });
		await expect(run({ operation: 'getServer', systemId: locator(String(siteB().id)), serverId: String(servers[1].id) })).rejects.toThrow(
			`Server ${String(servers[1].id)} of system ${String(siteB().id)} was not found in HPE GreenLake`,
		);
	});

	it('adds a hypervisor cluster and returns it', async () => {
		const [result] = await run({ operation: 'addHypervisorCluster', systemId: locator(String(siteB().id)), hypervisorClusterName: 'cluster-b2', vsphereDatacenterName: 'dc-b', configureVds: true });
		expect(result).toMatchObject({ state: 'SUCCEEDED', resource: { name: 'cluster-b2', clusterType: 'ESX_CLUSTER' } });
		expect((siteB().hypervisorClusters as IDataObject[]).map((cluster) => cluster.name)).toContain('cluster-b2');
	});

	it('runs a software precheck, and refuses a second one while it runs (409 surfaced clearly)', async () => {
		const systemId = locator(String(siteA().id));
		sim.setOperationDuration(/^Software precheck to 3.30/, 60_000);
		const [accepted] = await run({ operation: 'runPrecheck', systemId, catalogVersion: '3.30', waitForCompletion: false });
		expect(accepted.operationId).toEqual(expect.any(String));
		await expect(run({ operation: 'runPrecheck', systemId, catalogVersion: '3.30' })).rejects.toThrow(
			'HPE GreenLake reports a conflict: A software precheck or update operation is already in progress on system dhci-site-a ("Software precheck to 3.30 on dhci-site-a")',
		);
		await expect(run({ operation: 'startUpdate', systemId, catalogVersion: '3.30' })).rejects.toThrow(/already in progress/);
		sim.context.operations.finishNow(String(accepted.operationId));
		const [done] = await runNode(sim, 'asyncOperation', { operation: 'waitForCompletion', operationId: accepted.operationId, waitTimeout: 30 });
		expect(done).toMatchObject({ state: 'SUCCEEDED', resource: { id: siteA().id } });
		expect(sim.requestsTo('POST', /software-prechecks$/).pop()!.body).toEqual({ catalogVersion: '3.30' });
	});

	it('sends the chosen clusters with a precheck, and fails with the reason when there is no update path', async () => {
		const cluster = (siteA().hypervisorClusters as IDataObject[])[0];
		await expect(run({ operation: 'runPrecheck', systemId: locator(String(siteA().id)), catalogVersion: '2.90', hypervisorClusterIds: String(cluster.id) })).rejects.toThrow(
			/ended in state FAILED: System dhci-site-a already runs 2.96: there is no update path to 2.90/,
		);
		expect(sim.requestsTo('POST', /software-prechecks$/).pop()!.body).toEqual({ catalogVersion: '2.90', hypervisorClusterIds: [cluster.id] });
	});

	it('updates the software, and resumes an update that stopped', async () => {
		const systemId = locator(String(siteB().id));
		sim.forceOutcome(/Software update to 3.20 on dhci-site-b/, 'FAILED');
		await expect(run({ operation: 'startUpdate', systemId, catalogVersion: '3.20' })).rejects.toThrow(/ended in state FAILED/);
		(siteB().softwareInfo as IDataObject).currentUpdateStatus = { catalogVersion: '3.20', state: 'FAILED', percentage: 40 };
		const [resumed] = await run({ operation: 'resumeUpdate', systemId });
		expect(resumed.state).toBe('SUCCEEDED');
		expect(((resumed.resource as IDataObject).softwareInfo as IDataObject).currentUpdateStatus).toMatchObject({ catalogVersion: '3.20', state: 'SUCCEEDED' });
		await expect(run({ operation: 'resumeUpdate', systemId })).rejects.toThrow('HPE GreenLake reports a conflict: System dhci-site-b has no stopped software update to resume');
		const [updated] = await run({ operation: 'startUpdate', systemId, catalogVersion: '3.30' });
		expect(updated.state).toBe('SUCCEEDED');
	});

	it('refreshes the software version', async () => {
		const [result] = await run({ operation: 'refreshSoftwareVersion', systemId: locator(String(siteA().id)) });
		expect(result).toMatchObject({ state: 'SUCCEEDED', services: ['private-cloud-business-edition'] });
		expect(sim.requestsTo('POST', /software-version-refresh$/)).toHaveLength(1);
	});
});

describe('software catalogs', () => {
	const runCatalog = (parameters: IDataObject) => runNode(sim, 'softwareCatalog', parameters);

	it('lists every catalog in one request of 100 (the listing has no offset), or up to a limit', async () => {
		const all = await runCatalog({ operation: 'getAll', returnAll: true });
		expect(all.map((catalog) => catalog.version)).toEqual(CATALOG_VERSIONS);
		expect(apiRequests(sim).pop()!.query).toEqual({ limit: '100' });
		const two = await runCatalog({ operation: 'getAll', returnAll: false, limit: 2 });
		expect(two).toHaveLength(2);
		expect(apiRequests(sim).pop()!.query).toEqual({ limit: '10' });
		const filtered = await runCatalog({ operation: 'getAll', returnAll: true, listOptions: { filter: "version eq '2.98'", select: 'version,eula' } });
		expect(filtered).toEqual([{ version: '2.98', eula: 'https://update.nimblestorage.com/catalog/download/eula-rel-2.98.html' }]);
	});

	it('gets a catalog, its EULA and the systems with an update path to it', async () => {
		const catalog = byName(sim, 'catalogs', '3.00');
		const [item] = await runCatalog({ operation: 'get', catalogId: String(catalog.id) });
		expect(item).toMatchObject({ id: catalog.id, version: '3.00', hypervisor: { name: 'ESXi 8.0U2' } });
		const [eula] = await runCatalog({ operation: 'getEula', catalogVersion: '3.00' });
		expect(eula).toEqual({ version: '3.00', eula: 'https://update.nimblestorage.com/catalog/download/eula-rel-3.00.html' });
		expect(apiRequests(sim).pop()!.query).toEqual({ select: 'eula', filter: "version eq '3.00'", limit: '10' });
		const [paths] = await runCatalog({ operation: 'getUpdatePaths', catalogVersion: '3.00' });
		expect((paths.systemsWithUpdatePath as IDataObject[]).map((system) => system.name)).toEqual(expect.arrayContaining(['dhci-edge-003']));
		await expect(runCatalog({ operation: 'getEula', catalogVersion: '9.99' })).rejects.toThrow('There is no software catalog with version 9.99');
	});
});

describe('configuration analysis reports', () => {
	const runReport = (parameters: IDataObject) => runNode(sim, 'configurationAnalysisReport', parameters);

	it('creates a report for a system, then lists and gets it', async () => {
		const [created] = await runReport({ operation: 'create', systemId: locator(String(siteA().id)) });
		expect(created).toMatchObject({ state: 'SUCCEEDED', resource: { systemId: siteA().id, totalPassed: 2, totalWarning: 1 } });
		expect(sim.requestsTo('POST', /configuration-analysis-reports$/).pop()!.body).toEqual({ systemId: siteA().id });
		const listed = await runReport({ operation: 'getAll', returnAll: true, listOptions: { filter: "systemName eq 'dhci-site-a'" } });
		expect(listed.map((report) => report.id)).toEqual([(created.resource as IDataObject).id]);
		const [got] = await runReport({ operation: 'get', reportId: String((created.resource as IDataObject).id) });
		expect((got.results as IDataObject[]).map((result) => result.status)).toEqual(['PASSED', 'PASSED', 'WARNING']);
	});
});

describe('errors the API returns', () => {
	it('turns the unified error body into a clear message with its code and debug ID', async () => {
		sim.addFault({ method: 'GET', path: /\/systems$/, times: 1, respond: { status: 403, body: { httpStatusCode: 403, message: 'Forbidden: missing permission private-cloud-business.system.read', errorCode: 'HPE_GL_ERROR_FORBIDDEN', debugId: 'f57dcca3e06c9e25b8e24a8c2d1a49ac' } } });
		const error = await run({ operation: 'getAll', returnAll: false, limit: 10 }).catch((caught: Error & { description?: string }) => caught);
		sim.clearFaults();
		expect((error as Error).message).toBe('The HPE GreenLake account in this credential is not allowed to do this');
		expect((error as { description?: string }).description).toContain('Forbidden: missing permission private-cloud-business.system.read');
		expect((error as { description?: string }).description).toContain('Error code: HPE_GL_ERROR_FORBIDDEN');
		expect((error as { description?: string }).description).toContain('Trace ID: f57dcca3e06c9e25b8e24a8c2d1a49ac');
	});

	it('retries a listing after a 503 but never repeats a write blindly', async () => {
		sim.addFault({ method: 'GET', path: /\/systems$/, times: 1, respond: { status: 503, body: { httpStatusCode: 503, message: 'Service unavailable', errorCode: 'UNAVAILABLE', debugId: 'x' } } });
		expect(await run({ operation: 'getAll', returnAll: false, limit: 10 })).toHaveLength(10);
		sim.clearFaults();
		sim.addFault({ method: 'POST', path: /software-version-refresh$/, times: 1, respond: { status: 500, body: { httpStatusCode: 500, message: 'Internal error', errorCode: 'INTERNAL', debugId: 'y' } } });
		const before = sim.requestsTo('POST', /software-version-refresh$/).length;
		await expect(run({ operation: 'refreshSoftwareVersion', systemId: locator(String(siteB().id)) })).rejects.toThrow('HPE GreenLake had an internal error (HTTP 500)');
		sim.clearFaults();
		expect(sim.requestsTo('POST', /software-version-refresh$/).length - before).toBe(1);
	});

	it('fetches a new token when the old one expired', async () => {
		sim.expireTokens();
		expect(records(sim, 'systems').length).toBe(123);
		expect(await run({ operation: 'get', systemId: locator(String(siteA().id)) })).toHaveLength(1);
	});
});
