import { DciManager } from '../../nodes/DciManager/DciManager.node';
import { dciManagerCredential, executeNode, loadOptionsContext } from '../harness/context';
import type { DciSimulator } from '../simulators/dcimanager';
import { startDciSimulator } from '../simulators/dcimanager';

const node = new DciManager();
let sim: DciSimulator;

beforeAll(async () => {
	sim = await startDciSimulator({ serversPerRack: 8 });
});
afterAll(async () => await sim.close());
afterEach(() => {
	sim.clearFaults();
	expect(sim.violations()).toEqual([]);
});

const listServers = (extra: Record<string, unknown> = {}) => ({ resource: 'server', operation: 'getAll', returnAll: true, ...extra });
const tokenCalls = () => sim.requestsTo('POST', /\/auth\/v4\/public\/token$/);

describe('login and sessions', () => {
	it('logs in once with email and password and sends the token three ways on every call', async () => {
		const credentials = dciManagerCredential(sim);
		const before = tokenCalls().length;
		const items = await executeNode({ nodeType: node, credentials, parameters: listServers() });
		expect(items).toHaveLength(48);
		expect(tokenCalls().length - before).toBe(1);
		const token = String(credentials.dciManagerApi.sessionToken);
		expect(token).toMatch(/^1-/);
		const call = sim.requestsTo('GET', /\/api\/dci\/v3\/server$/).pop()!;
		expect(call.headers['x-xsrf-token']).toBe(token);
		expect(call.headers.cookie).toBe(`ses6=${token}`);
		expect(call.headers['isp-box-instance']).toBe('true');
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('keeps the token for the next execution instead of logging in again', async () => {
		const credentials = dciManagerCredential(sim);
		await executeNode({ nodeType: node, credentials, parameters: listServers({ returnAll: false, limit: 1 }) });
		const before = tokenCalls().length;
		await executeNode({ nodeType: node, credentials, parameters: listServers({ returnAll: false, limit: 1 }) });
		expect(tokenCalls().length).toBe(before);
	});

	it('does not send a still valid session once the password is edited: a wrong one fails, the right one works again', async () => {
		const credentials = dciManagerCredential(sim);
		await executeNode({ nodeType: node, credentials, parameters: listServers({ returnAll: false, limit: 1 }) });
		const validToken = String(credentials.dciManagerApi.sessionToken);
		const password = String(credentials.dciManagerApi.password);
		// The editor saves the new password with the session n8n stored, and tests the credential.
		credentials.dciManagerApi.password = 'not-the-password';
		const calls = sim.requestsTo('GET', /\/api\/dci\/v3\/server$/).length;
		const error = await executeNode({ nodeType: node, credentials, parameters: listServers({ returnAll: false, limit: 1 }) }).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect(`${(error as Error).message} ${String((error as { description?: string }).description ?? '')}`).not.toContain('not-the-password');
		const sent = sim.requestsTo('GET', /\/api\/dci\/v3\/server$/).slice(calls);
		expect(sent.map((request) => request.headers['x-xsrf-token'])).not.toContain(validToken);

		credentials.dciManagerApi.password = password;
		const items = await executeNode({ nodeType: node, credentials, parameters: listServers({ returnAll: false, limit: 1 }) });
		expect(items).toHaveLength(1);
	});

	it('logs in again once when the session expired in the middle of a paged listing, and misses nothing', async () => {
		// 3 locations x 2 racks x 200 servers: two pages of DCI_PAGE_SIZE.
		const large = await startDciSimulator({ serversPerRack: 200 });
		try {
			const credentials = dciManagerCredential(large);
			// The second page finds the session gone.
			large.addFault({ method: 'GET', path: /\/dci\/v3\/server$/, skip: 1, times: 1, sideEffect: () => large.expireSessions() });
			const items = await executeNode({ nodeType: node, credentials, parameters: listServers() });
			expect(items.map((item) => item.json.id)).toEqual(Array.from({ length: 1200 }, (_, index) => index + 1));
			expect(large.requestsTo('POST', /public\/token$/)).toHaveLength(2);
			const pages = large.requestsTo('GET', /\/dci\/v3\/server$/);
			// Pages after the first go out several at a time and never log in themselves; the refused page
			// is sent again alone, and n8n logs in once for it.
			expect(pages.map((page) => [page.query.limit, page.status])).toEqual([
				['0,1000', 200],
				['1000,1000', 401],
				['1000,1000', 401],
				['1000,1000', 200],
			]);
		} finally {
			await large.close();
		}
	});

	it('logs in again when the platform ends the session with code 3001 and a status other than 401', async () => {
		const other = await startDciSimulator({ serversPerRack: 1, unauthorizedStatus: 403 });
		try {
			const credentials = dciManagerCredential(other);
			await executeNode({ nodeType: node, credentials, parameters: listServers() });
			const first = String(credentials.dciManagerApi.sessionToken);
			other.expireSessions();
			const items = await executeNode({ nodeType: node, credentials, parameters: listServers() });
			expect(items).toHaveLength(6);
			expect(String(credentials.dciManagerApi.sessionToken)).not.toBe(first);
			expect(other.requestsTo('POST', /public\/token$/)).toHaveLength(2);
		} finally {
			await other.close();
		}
	});

	it('says the credential was refused when the password is wrong, without leaking it', async () => {
		const credentials = dciManagerCredential(sim, { password: 'wrong-password' });
		const error = await executeNode({ nodeType: node, credentials, parameters: listServers() }).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(/DCImanager 6 did not accept the credential/);
		expect(JSON.stringify(error)).not.toContain('wrong-password');
	});

	it('uses a long-lived API token directly, with no login', async () => {
		const token = sim.createApiToken();
		const credentials = dciManagerCredential(sim, { authMode: 'apiToken', apiToken: token, email: '', password: '' });
		const before = tokenCalls().length;
		const items = await executeNode({ nodeType: node, credentials, parameters: listServers({ returnAll: false, limit: 3 }) });
		expect(items).toHaveLength(3);
		expect(tokenCalls().length).toBe(before);
		expect(sim.requestsTo('GET', /\/dci\/v3\/server$/).pop()!.headers['x-xsrf-token']).toBe(token);
	});

	it('reports an expired API token as a refused credential', async () => {
		const token = sim.createApiToken(Date.now() - 1000);
		const credentials = dciManagerCredential(sim, { authMode: 'apiToken', apiToken: token });
		await expect(executeNode({ nodeType: node, credentials, parameters: listServers() })).rejects.toThrow(/did not accept the credential/);
	});

	it('honours an API prefix given without the leading slash or with a trailing one', async () => {
		const credentials = dciManagerCredential(sim, { apiPrefix: 'api/', baseUrl: `${sim.url}/` });
		const items = await executeNode({ nodeType: node, credentials, parameters: listServers({ returnAll: false, limit: 2 }) });
		expect(items).toHaveLength(2);
	});
});

describe('503 while the platform wakes up', () => {
	it('retries the login through a burst of 503s', async () => {
		sim.addFault({ method: 'POST', path: /public\/token$/, times: 3, respond: { status: 503, body: 'Service Unavailable' } });
		const before = tokenCalls().length;
		const items = await executeNode({ nodeType: node, credentials: dciManagerCredential(sim), parameters: listServers({ returnAll: false, limit: 5 }) });
		expect(items).toHaveLength(5);
		expect(tokenCalls().length - before).toBe(4);
	});

	it('retries calls, writes included, through a burst of 503s', async () => {
		const credentials = dciManagerCredential(sim);
		sim.addFault({ path: /\/dci\/v3\/(server|user)/, times: 3, respond: { status: 503, body: '' } });
		const items = await executeNode({ nodeType: node, credentials, parameters: listServers({ returnAll: false, limit: 5 }) });
		expect(items).toHaveLength(5);
		sim.addFault({ method: 'POST', path: /\/dci\/v3\/user$/, times: 2, respond: { status: 503, body: '' } });
		const [created] = await executeNode({ nodeType: node, credentials, parameters: { resource: 'user', operation: 'create', email: 'burst@example.com', password: 'x1-secret', role: '@user' } });
		expect(created.json.id).toEqual(expect.any(Number));
		expect(sim.state.users.filter((u) => u.email === 'burst@example.com')).toHaveLength(1);
	});

	it('gives up after a bounded number of attempts with a clear message', async () => {
		sim.addFault({ path: /\/dci\/v3\/rack$/, respond: { status: 503, body: '' } });
		const started = sim.requestsTo('GET', /\/dci\/v3\/rack$/).length;
		await expect(
			executeNode({ nodeType: node, credentials: dciManagerCredential(sim), parameters: { resource: 'rack', operation: 'getAll', returnAll: true } }),
		).rejects.toThrow(/DCImanager 6 is unavailable right now \(HTTP 503\)/);
		expect(sim.requestsTo('GET', /\/dci\/v3\/rack$/).length - started).toBe(8);
	}, 90_000);
});

describe('lists', () => {
	it('pages with limit=offset,count and stops at the limit', async () => {
		const before = sim.requestsTo('GET', /\/dci\/v3\/server$/).length;
		const items = await executeNode({ nodeType: node, credentials: dciManagerCredential(sim), parameters: listServers({ returnAll: false, limit: 7 }) });
		expect(items).toHaveLength(7);
		const calls = sim.requestsTo('GET', /\/dci\/v3\/server$/).slice(before);
		expect(calls.map((call) => call.query.limit)).toEqual(['0,7']);
	});

	it('sorts through orderby', async () => {
		const items = await executeNode({
			nodeType: node,
			credentials: dciManagerCredential(sim),
			parameters: listServers({ returnAll: false, limit: 3, listOptions: { sortField: 'id', sortDirection: 'desc' } }),
		});
		expect(items.map((item) => item.json.id)).toEqual([48, 47, 46]);
		expect(sim.requestsTo('GET', /\/dci\/v3\/server$/).pop()!.query.orderby).toBe('id desc');
	});

	it('finds the free servers of a location with picked conditions (AND)', async () => {
		const items = await executeNode({
			nodeType: node,
			credentials: dciManagerCredential(sim),
			parameters: listServers({
				filters: { conditions: [{ field: 'owner_email', operator: 'isEmpty' }, { field: 'location_id', operator: 'equals', value: '2' }] },
			}),
		});
		const expected = sim.state.servers.filter((s) => s.owner_email === null && s.location_id === 2).map((s) => s.id);
		expect(items.map((item) => item.json.id)).toEqual(expected);
		expect(expected.length).toBeGreaterThan(0);
		expect(sim.requestsTo('GET', /\/dci\/v3\/server$/).pop()!.query.where).toBe('(owner_email IS null) AND (location_id EQ 2)');
	});

	it('combines conditions with OR and a raw where', async () => {
		const items = await executeNode({
			nodeType: node,
			credentials: dciManagerCredential(sim),
			parameters: listServers({
				filters: { conditions: [{ field: 'name', operator: 'equals', value: 'srv-001' }, { field: 'name', operator: 'equals', value: 'srv-002' }] },
				filterCombinator: 'OR',
				listOptions: { where: 'NOT location_id EQ 2' },
			}),
		});
		expect(items.map((item) => item.json.name)).toEqual(['srv-001', 'srv-002']);
	});

	it.each([
		["o'brien@example.com", 1],
		["' OR '1'='1", 0],
		["x') OR (id NE 0", 0],
		['%', 0],
		['\\', 0],
		["\\' OR 1 EQ 1 OR email EQ \\'", 0],
	])('matches the hostile value %j literally (%i users)', async (value, count) => {
		const items = await executeNode({
			nodeType: node,
			credentials: dciManagerCredential(sim),
			parameters: { resource: 'user', operation: 'getAll', returnAll: true, filters: { conditions: [{ field: 'email', operator: 'equals', value }] } },
		});
		expect(items).toHaveLength(count);
	});

	it.each([
		['100%', ["Lab (test) 100% 'old'"]],
		["(test) 100% 'old'", ["Lab (test) 100% 'old'"]],
		['10%0', []],
		['_', []],
		["') OR (name CP '", []],
	])('contains %j matches literally, wildcards and quotes included', async (value, names) => {
		const items = await executeNode({
			nodeType: node,
			credentials: dciManagerCredential(sim),
			parameters: { resource: 'location', operation: 'getAll', returnAll: true, filters: { conditions: [{ field: 'name', operator: 'contains', value }] } },
		});
		expect(items.map((item) => item.json.name)).toEqual(names);
	});

	it('refuses a raw where that would swallow the built conditions, before any request', async () => {
		const before = sim.requests().length;
		await expect(
			executeNode({
				nodeType: node,
				credentials: dciManagerCredential(sim),
				parameters: listServers({ listOptions: { where: "name EQ 'a') OR (id NE 0" }, filters: { conditions: [{ field: 'location_id', operator: 'equals', value: '1' }] } }),
			}),
		).rejects.toThrow(/The filter is not valid/);
		expect(sim.requests().length).toBe(before);
	});

	it('turns the platform refusing a raw where into a clear error with its message', async () => {
		await expect(
			executeNode({ nodeType: node, credentials: dciManagerCredential(sim), parameters: listServers({ listOptions: { where: 'name LIKE 3' } }) }),
		).rejects.toThrow(/DCImanager 6 rejected the request: Invalid query/);
	});
});

describe('resource locators', () => {
	it('searches servers by name, quoting the search text', async () => {
		const context = loadOptionsContext({ nodeType: node, credentials: dciManagerCredential(sim) });
		const result = await node.methods.listSearch.searchServers.call(context, 'srv-01');
		expect(result.results.map((entry) => entry.value)).toEqual(['10', '11', '12', '13', '14', '15', '16', '17', '18', '19']);
		expect(result.results[0].name).toBe('srv-010 (10)');
		const hostile = await node.methods.listSearch.searchServers.call(context, "' OR name CP '%");
		expect(hostile.results).toEqual([]);
	});

	it('pages the user list and searches locations', async () => {
		const context = loadOptionsContext({ nodeType: node, credentials: dciManagerCredential(sim) });
		const users = await node.methods.listSearch.searchUsers.call(context);
		expect(users.results.map((entry) => entry.name)).toContain('alice@example.com (2)');
		const locations = await node.methods.listSearch.searchLocations.call(context, 'frank');
		expect(locations.results).toEqual([{ name: 'Frankfurt FRA2 (2)', value: '2' }]);
	});
});
