import * as path from 'node:path';

import type { DciSimulator } from '../simulators/dcimanager';
import { startDciSimulator } from '../simulators/dcimanager';
import { dciManagerCredential } from './harness/credentials';
import type { WorkflowRun } from './harness/n8n';
import { N8nInstance, loadWorkflow, loadWorkflows } from './harness/n8n';

/**
 * DCImanager 6 workflows in a real n8n with the packed package, against the DCImanager simulator
 * running in this jest worker: login, a session ending in the middle of a paged listing, 503 bursts,
 * power and OS install with waiting, filters with hostile values, and n8n's HTTP Request node using
 * our credential.
 */
const WORKFLOWS = path.join(__dirname, 'workflows', 'dcimanager');
/** 3 locations x 2 racks x 200: two pages of 1000. */
const SERVERS_PER_RACK = 200;
const SERVER_COUNT = 3 * 2 * SERVERS_PER_RACK;

const SERVERS = 'e2eDciServers001';
const INSTALL = 'e2eDciInstall001';
const FILTERS = 'e2eDciFilters001';
const HTTP_REQUEST = 'e2eDciHttpReq001';
const DEMO_FILE = path.join(__dirname, '../demo/workflows/4-dcimanager-provision-free-server.json');
const DEMO_PROVISION = 'demoDciProvision1';
const SESSION_ENDED_3001 = 'e2eDciExpiry3001';

describe('DCImanager 6 workflows in a real n8n', () => {
	let sim: DciSimulator;
	/** A platform that ends sessions with code 3001 and HTTP 403, which n8n itself does not renew. */
	let sim403: DciSimulator;
	let n8n: N8nInstance;
	let runs: Map<string, WorkflowRun>;

	beforeAll(async () => {
		sim = await startDciSimulator({ serversPerRack: SERVERS_PER_RACK, operationDurationMs: 1500 });
		sim403 = await startDciSimulator({ serversPerRack: 1, unauthorizedStatus: 403 });
		n8n = await N8nInstance.create({ name: 'dcimanager' });
		await n8n.importCredentials([
			dciManagerCredential('e2eDciCred000001', 'DCImanager simulator', sim, {
				allowedHttpRequestDomains: 'domains',
				allowedDomains: new URL(sim.url).hostname,
			}),
			// The one the demo workflow uses.
			dciManagerCredential('demoDciCred00001', 'DCImanager 6 (simulator)', sim),
			dciManagerCredential('e2eDciCred403001', 'DCImanager simulator (3001 with 403)', sim403),
		]);
		await n8n.importWorkflows([...loadWorkflows(WORKFLOWS, { DCI_URL: sim.url }), loadWorkflow(DEMO_FILE, {})]);
		// The platform wakes up: the first two logins and two rack listings get 503.
		sim.addFault({ method: 'POST', path: /\/auth\/v4\/public\/token$/, times: 2, respond: { status: 503, body: '' } });
		sim.addFault({ method: 'GET', path: /\/dci\/v3\/rack$/, times: 2, respond: { status: 503, body: '' } });
		// The session ends between the first and second page of the server listing.
		sim.addFault({ method: 'GET', path: /\/dci\/v3\/server$/, skip: 1, times: 1, sideEffect: () => sim.expireSessions() });
		// Its session ends just before the first rack listing is answered.
		sim403.addFault({ method: 'GET', path: /\/dci\/v3\/rack$/, times: 1, sideEffect: () => sim403.expireSessions() });
		runs = await n8n.executeWorkflows([SERVERS, INSTALL, FILTERS, HTTP_REQUEST, SESSION_ENDED_3001]);
		// The demo lists servers too: it runs after the faults above are spent.
		for (const [id, run] of await n8n.executeWorkflows([DEMO_PROVISION])) runs.set(id, run);
	}, 30 * 60_000);

	afterAll(async () => {
		await sim?.close();
		await sim403?.close();
		// Last: fails the run when n8n shows a secret of it (the harness's secret scan).
		n8n?.cleanup();
	});

	function succeeded(id: string): WorkflowRun {
		const run = runs.get(id);
		expect({ id, status: run?.status, error: run?.errorMessage, errorNode: run?.errorNode }).toEqual({
			id,
			status: 'success',
			error: undefined,
			errorNode: undefined,
		});
		return run!;
	}

	test('logs in through 503s, sends the session three ways, and pages every server once though the session ended mid-way', () => {
		const run = succeeded(SERVERS);
		const servers = run.nodeOutputs['All Servers'];
		expect(servers.length).toBe(SERVER_COUNT);
		expect(new Set(servers.map((server) => server.id)).size).toBe(SERVER_COUNT);
		const logins = sim.requestsTo('POST', /\/auth\/v4\/public\/token$/);
		expect(logins.slice(0, 3).map((login) => login.status)).toEqual([503, 503, 201]);
		expect(logins.filter((login) => login.status === 201).length).toBeGreaterThanOrEqual(2);
		// The unfiltered listing (the demo's filtered one runs later).
		const pages = sim.requestsTo('GET', /\/dci\/v3\/server$/).filter((page) => page.query.where === undefined);
		// Pages after the first go out several at a time and never log in themselves: the refused page is
		// sent again alone, and n8n logs in once for it.
		expect(pages.map((page) => [page.query.limit, page.status])).toEqual([
			['0,1000', 200],
			['1000,1000', 401],
			['1000,1000', 401],
			['1000,1000', 200],
		]);
		for (const request of sim.requests().filter((r) => r.status !== 503 && !r.path.endsWith('/public/token'))) {
			expect(request.headers['isp-box-instance']).toBe('true');
			expect(request.headers.cookie).toBe(`ses6=${String(request.headers['x-xsrf-token'])}`);
		}
		expect(run.nodeOutputs.Racks).toHaveLength(6);
		expect(sim.requestsTo('GET', /\/dci\/v3\/rack$/).map((r) => r.status)).toEqual([503, 503, 200]);
	});

	test('powers a server off, installs an OS waiting for it, and assigns it to a user', () => {
		const run = succeeded(INSTALL);
		expect(run.nodeOutputs['Power Off'][0]).toMatchObject({ id: 5, power_status: 'off', operation: { name: 'power_off', status: 'complete' } });
		expect(run.nodeOutputs['Install OS'][0]).toMatchObject({ id: 5, os_template: { name: 'AlmaLinux 9' }, operation: { name: 'os_install', status: 'complete' } });
		expect(run.nodeOutputs.Assign[0]).toMatchObject({ id: 5, owner_email: 'alice@example.com' });
		expect(JSON.stringify(run.nodeOutputs)).not.toContain('e2e-Pa55word');
	});

	test('hostile filter values match literally', () => {
		const run = succeeded(FILTERS);
		expect(run.nodeOutputs['Quote In Value'].map((user) => user.email)).toEqual(["o'brien@example.com"]);
		// alwaysOutputData: an empty result shows as one empty item.
		expect(run.nodeOutputs['Injection Attempt']).toEqual([{}]);
		expect(run.nodeOutputs['Percent And Parentheses'].map((location) => location.name)).toEqual(["Lab (test) 100% 'old'"]);
		expect(run.nodeOutputs['Wildcard Literal']).toEqual([{}]);
		const wheres = sim.requestsTo('GET', /\/dci\/v3\/user$/).map((r) => r.query.where).filter(Boolean);
		expect(wheres).toContain("(email EQ 'x\\' OR email CP \\'%')");
	});

	test("n8n's HTTP Request node authenticates with the DCImanager credential", () => {
		const run = succeeded(HTTP_REQUEST);
		const [response] = run.nodeOutputs['HTTP Request'];
		expect((response.list as Array<{ email: string }>).map((user) => user.email)).toEqual(['admin@example.com', 'alice@example.com', "o'brien@example.com"]);
		expect(response.size).toBe(3);
	});

	test('the demo workflow installs an OS on the first free Amsterdam server and hands it to a customer', () => {
		const run = succeeded(DEMO_PROVISION);
		const [found] = run.nodeOutputs['Find a Free Server in Amsterdam'];
		expect(found).toMatchObject({ id: 1, owner_email: null, location_id: 1 });
		expect(run.nodeOutputs['Install Ubuntu'][0]).toMatchObject({ id: 1, os_template: { name: 'Ubuntu 22.04' }, operation: { status: 'complete' } });
		expect(run.nodeOutputs['Assign to Customer'][0]).toMatchObject({ id: 1, owner_email: 'alice@example.com' });
	});

	test('a session the platform ends with code 3001 and HTTP 403 is renewed once and the request repeated', () => {
		const run = succeeded(SESSION_ENDED_3001);
		expect(run.nodeOutputs.Racks).toHaveLength(6);
		expect(sim403.requestsTo('GET', /\/dci\/v3\/rack$/).map((r) => r.status)).toEqual([403, 200]);
		expect(sim403.requestsTo('POST', /\/auth\/v4\/public\/token$/).map((r) => r.status)).toEqual([201, 201]);
	});

	test('no request went to a path the simulator does not serve', () => {
		expect(sim.violations()).toEqual([]);
		expect(sim403.violations()).toEqual([]);
	});
});
