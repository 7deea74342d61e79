import type { IDataObject } from 'n8n-workflow';

import { Cloutility } from '../../nodes/Cloutility/Cloutility.node';
import type { CredentialStore, Parameters, RequestLog } from '../harness/context';
import { executeNode, loadOptionsContext } from '../harness/context';
import type { CloutilitySimulator } from '../simulators/cloutility';
import { startCloutilitySimulator } from '../simulators/cloutility';

const node = new Cloutility();
let sim: CloutilitySimulator;

beforeAll(async () => {
	sim = await startCloutilitySimulator({ tokenTtlSeconds: 299 });
});
afterAll(async () => await sim.close());
afterEach(() => sim.clearFaults());

function credential(overrides: IDataObject = {}): CredentialStore {
	return {
		cloutilityApi: {
			baseUrl: `${sim.url}/v1/`,
			clientId: sim.clientId,
			origin: sim.origin,
			username: sim.username,
			password: sim.password,
			ignoreSslIssues: false,
			accessToken: '',
			refreshToken: '',
			signedInAs: '',
			...overrides,
		},
	};
}

const rl = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

async function run(parameters: Parameters, credentials = credential(), log?: RequestLog): Promise<IDataObject[]> {
	const items = await executeNode({ nodeType: node, credentials, parameters, log });
	return items.map((item) => item.json);
}

describe('signing in', () => {
	it('gets a token with the password grant, sending the origin, and calls the API with Bearer and Origin', async () => {
		const credentials = credential();
		const [item] = await run({ resource: 'system', operation: 'getVersion' }, credentials);
		expect(item).toEqual({ version: '1.0.4480.0' });
		const signIn = sim.requestsTo('POST', /^\/v1\/oauth$/).pop()!;
		expect(signIn.headers.origin).toBe(sim.origin);
		expect(signIn.body).toMatchObject({ grant_type: 'password', client_id: sim.clientId, username: sim.username });
		const call = sim.requestsTo('GET', /^\/v1\/fullVersion$/).pop()!;
		expect(call.headers.origin).toBe(sim.origin);
		expect(call.headers.authorization).toBe(`Bearer ${String(credentials.cloutilityApi.accessToken)}`);
		expect(credentials.cloutilityApi.refreshToken).not.toBe('');
	});

	it('uses the refresh token when the access token has expired, and the password only when the refresh token is refused', async () => {
		const credentials = credential();
		await run({ resource: 'system', operation: 'getVersion' }, credentials);
		const grants = sim.issuer.grants.length;
		sim.expireAccessTokens();
		await run({ resource: 'system', operation: 'getVersion' }, credentials);
		expect(sim.issuer.grants.slice(grants)).toEqual(['refresh_token']);

		sim.expireAccessTokens();
		sim.revokeRefreshTokens();
		const [item] = await run({ resource: 'system', operation: 'getVersion' }, credentials);
		expect(item.version).toBe('1.0.4480.0');
		expect(sim.issuer.grants.slice(grants + 1)).toEqual(['refused:refresh_token', 'password']);
	});

	it('signs in with an edited password instead of refreshing the old sign-in, so a wrong one fails (the credential test)', async () => {
		const credentials = credential();
		await run({ resource: 'system', operation: 'getVersion' }, credentials);
		const grants = sim.issuer.grants.length;
		// What n8n's credential test does after the user saves a new password: sign in again.
		credentials.cloutilityApi.password = 'not-the-password';
		sim.expireAccessTokens();
		const error = await run({ resource: 'system', operation: 'getVersion' }, credentials).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect(sim.issuer.grants.slice(grants)).not.toContain('refresh_token');
		expect(`${(error as Error).message} ${String((error as { description?: string }).description ?? '')}`).not.toContain('not-the-password');
	});

	it('does not send a still valid token once the password is edited: a wrong one fails, the right one works again', async () => {
		const credentials = credential();
		await run({ resource: 'system', operation: 'getVersion' }, credentials);
		const validToken = String(credentials.cloutilityApi.accessToken);
		// The editor saves the new password with the token n8n stored, and tests the credential.
		credentials.cloutilityApi.password = 'not-the-password';
		const calls = sim.requestsTo('GET', /^\/v1\/fullVersion$/).length;
		const error = await run({ resource: 'system', operation: 'getVersion' }, credentials).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect(`${(error as Error).message} ${String((error as { description?: string }).description ?? '')}`).toMatch(/username and password/);
		const sent = sim.requestsTo('GET', /^\/v1\/fullVersion$/).slice(calls);
		expect(sent.map((request) => request.headers.authorization)).not.toContain(`Bearer ${validToken}`);

		credentials.cloutilityApi.password = sim.password;
		const [item] = await run({ resource: 'system', operation: 'getVersion' }, credentials);
		expect(item.version).toBe('1.0.4480.0');
	});

	it('says clearly when the origin is not the one registered for the client, without the password', async () => {
		const error = await run({ resource: 'system', operation: 'getVersion' }, credential({ origin: 'https://elsewhere.example.com' })).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		const text = `${(error as Error).message} ${String((error as { description?: string }).description ?? '')}`;
		expect(text).toMatch(/origin 'https:\/\/elsewhere\.example\.com' is not registered/);
		expect(text).toMatch(/Origin is exactly the origin registered/);
		expect(text).not.toContain(sim.password);
	});

	it('the simulator refuses API calls without the origin, or with another one, even with a valid token', async () => {
		const credentials = credential();
		await run({ resource: 'system', operation: 'getVersion' }, credentials);
		const authorization = `Bearer ${String(credentials.cloutilityApi.accessToken)}`;
		const call = async (headers: Record<string, string>) => (await fetch(`${sim.url}/v1/bunits`, { headers: { authorization, ...headers } })).status;
		expect(await call({ origin: sim.origin })).toBe(200);
		expect(await call({})).toBe(403);
		expect(await call({ origin: 'https://elsewhere.example.com' })).toBe(403);
	});

	it('refuses an empty origin or an origin with a path before any request', async () => {
		const before = sim.requests().length;
		await expect(run({ resource: 'system', operation: 'getVersion' }, credential({ origin: '' }))).rejects.toThrow(/missing: Origin/);
		await expect(run({ resource: 'system', operation: 'getVersion' }, credential({ origin: 'https://n8n.example.com/app' }))).rejects.toThrow(/without a path/);
		expect(sim.requests().length).toBe(before);
	});

	it('reports a wrong password once, without retrying it and without the password in the message', async () => {
		const before = sim.requestsTo('POST', /^\/v1\/oauth$/).length;
		const error = (await run({ resource: 'system', operation: 'getVersion' }, credential({ password: 'wrong-Secret-9' })).catch((e: Error) => e)) as Error;
		expect(error.message).toMatch(/user name or password is incorrect/);
		expect(error.message).not.toContain('wrong-Secret-9');
		expect(sim.requestsTo('POST', /^\/v1\/oauth$/).length - before).toBe(1);
	});
});

describe('business units', () => {
	it('gets the tree as one item per unit with its path, or as the tree', async () => {
		const flat = await run({ resource: 'businessUnit', operation: 'getTree', output: 'flat' });
		expect(flat.map((unit) => unit.path)).toEqual([
			'Company AB',
			'Company AB / Marketing Department',
			'Company AB / HR Department',
			'Company AB / HR Department / HR Payroll',
		]);
		const [tree] = await run({ resource: 'businessUnit', operation: 'getTree', output: 'tree' });
		expect((tree.businessUnits as IDataObject[]).map((unit) => unit.name)).toEqual(['Marketing Department', 'HR Department']);
	});

	it('gets a unit, its sub-units and its users from the users endpoint (the unit itself only links them)', async () => {
		const [unit] = await run({ resource: 'businessUnit', operation: 'get', businessUnitId: rl(22) });
		expect(unit).toMatchObject({ id: 22, name: 'Company AB', users: { total: 0, items: [] } });
		const children = await run({ resource: 'businessUnit', operation: 'getChildren', businessUnitId: rl(22), returnAll: true });
		expect(children.map((child) => child.name)).toEqual(['Marketing Department', 'HR Department']);
		const limited = await run({ resource: 'businessUnit', operation: 'getChildren', businessUnitId: rl(22), returnAll: false, limit: 1 });
		expect(limited).toHaveLength(1);
		const users = await run({ resource: 'businessUnit', operation: 'getUsers', businessUnitId: rl(22), returnAll: true });
		expect(users.map((user) => user.name)).toEqual(['api-user', 'jenny']);
	});

	it('creates a unit with a time zone, updates it keeping other fields, and deletes it', async () => {
		const [created] = await run({
			resource: 'businessUnit',
			operation: 'create',
			businessUnitId: rl(94),
			name: 'HR Recruiting',
			timeZoneId: 7,
			additionalFields: { registrationNumber: 'SE-77' },
		});
		expect(created).toMatchObject({ name: 'HR Recruiting', registrationNumber: 'SE-77', timeZone: { id: 7 } });
		const [updated] = await run({ resource: 'businessUnit', operation: 'update', businessUnitId: rl(created.id as number), updateFields: { note: 'Hiring team', timeZoneId: 4 } });
		expect(updated).toMatchObject({ name: 'HR Recruiting', registrationNumber: 'SE-77', note: 'Hiring team', timeZone: { id: 4 } });
		const [deleted] = await run({ resource: 'businessUnit', operation: 'delete', businessUnitId: rl(created.id as number) });
		expect(deleted).toEqual({ deleted: true, id: created.id });
		expect(sim.portal.businessUnits.has(created.id as number)).toBe(false);
	});

	it('refuses bad input before any request', async () => {
		const before = sim.requests().length;
		await expect(run({ resource: 'businessUnit', operation: 'get', businessUnitId: rl('22/../1') })).rejects.toThrow(/not a valid Business Unit/);
		await expect(run({ resource: 'businessUnit', operation: 'create', businessUnitId: rl(22), name: '  ', timeZoneId: 4 })).rejects.toThrow(/"Name" is required/);
		await expect(run({ resource: 'businessUnit', operation: 'create', businessUnitId: rl(22), name: 'X', timeZoneId: '' })).rejects.toThrow(/"Time Zone" is required/);
		await expect(run({ resource: 'businessUnit', operation: 'update', businessUnitId: rl(22), updateFields: {} })).rejects.toThrow(/Nothing to update/);
		expect(sim.requests().length).toBe(before);
	});
});

describe('consumption units and backup nodes', () => {
	it('onboards a backup client: consumption unit, node from the live lists, activation', async () => {
		const context = loadOptionsContext({ nodeType: node, credentials: credential(), parameters: { businessUnitId: { __rl: true, mode: 'list', value: '76' } } });
		const osList = await node.methods.loadOptions.getNodeOperatingSystems.call(context);
		const types = await node.methods.loadOptions.getNodeTypes.call(context);
		const domains = await node.methods.loadOptions.getDomains.call(context);
		const optionSets = await node.methods.loadOptions.getClientOptionSets.call(context);
		const zones = await node.methods.loadOptions.getTimeZones.call(context);
		expect(osList.map((os) => os.name)).toContain('Linux');
		expect(domains.map((domain) => domain.name)).toEqual(['STANDARD_30D', 'LONGTERM_365D']);
		expect(zones.length).toBeGreaterThan(3);

		const [consumer] = await run({ resource: 'consumptionUnit', operation: 'create', businessUnitId: rl(76), name: 'LisasWS', additionalFields: { note: 'Lisa' } });
		expect(consumer).toMatchObject({ name: 'LisasWS', note: 'Lisa' });
		const consumerId = consumer.id as number;
		const linux = osList.find((os) => os.name === 'Linux')!.value;
		const [created] = await run({
			resource: 'backupNode',
			operation: 'create',
			businessUnitId: rl(76),
			consumptionUnitId: rl(consumerId),
			operatingSystemId: linux,
			nodeTypeId: types[1].value,
			domainId: domains[1].value,
			clientOptionSetId: optionSets[1].value,
			additionalFields: { contact: 'lisa@company.example', cpuCount: 2 },
		});
		expect(created).toMatchObject({ operatingSystem: { name: 'Linux' }, domain: { name: 'LONGTERM_365D' }, clientOptionSet: { name: 'LAPTOP' }, cpuCount: 2 });
		const post = sim.requestsTo('POST', new RegExp(`/consumers/${consumerId}/node$`)).pop()!;
		expect(post.body).toMatchObject({ server: { id: 1 }, operatingSystem: { id: linux } });

		const [activated] = await run({ resource: 'backupNode', operation: 'activate', businessUnitId: rl(76), consumptionUnitId: rl(consumerId), tsmName: 'lisas-ws' });
		expect(activated).toMatchObject({ activated: true, tsmName: 'LISAS-WS', message: 'Node LISAS-WS was registered on SP01' });
		const [got] = await run({ resource: 'backupNode', operation: 'get', businessUnitId: rl(76), consumptionUnitId: rl(consumerId) });
		expect(got).toMatchObject({ tsmName: 'LISAS-WS', contact: 'lisa@company.example', tsmPasswordSet: true });
		expect(got.tsmPassword).toBeUndefined();
		const [updated] = await run({ resource: 'backupNode', operation: 'update', businessUnitId: rl(76), consumptionUnitId: rl(consumerId), updateFields: { cpuCount: 4 } });
		expect(updated).toMatchObject({ cpuCount: 4, contact: 'lisa@company.example', domain: { name: 'LONGTERM_365D' } });
		const put = sim.requestsTo('PUT', new RegExp(`/consumers/${consumerId}/node$`)).pop()!;
		expect(put.body).not.toHaveProperty('tsmPassword');
	});

	it('onboarding without a node name activates under the name Cloutility suggests (…/node/spname), also readable on its own', async () => {
		const [consumer] = await run({ resource: 'consumptionUnit', operation: 'create', businessUnitId: rl(76), name: 'Kims Mac' });
		const consumerId = consumer.id as number;
		await run({ resource: 'backupNode', operation: 'create', businessUnitId: rl(76), consumptionUnitId: rl(consumerId), operatingSystemId: 3, nodeTypeId: 2, domainId: 11, clientOptionSetId: 22 });
		const [suggested] = await run({ resource: 'backupNode', operation: 'getSuggestedName', businessUnitId: rl(76), consumptionUnitId: rl(consumerId) });
		expect(suggested).toEqual({ consumptionUnitId: consumerId, suggestedName: 'KIMS_MAC' });
		const [activated] = await run({ resource: 'backupNode', operation: 'activate', businessUnitId: rl(76), consumptionUnitId: rl(consumerId), tsmName: '' });
		expect(activated).toMatchObject({ activated: true, tsmName: 'KIMS_MAC', nameSuggestedByCloutility: true });
		expect(sim.requestsTo('GET', new RegExp(`/consumers/${consumerId}/node/activate$`)).pop()!.query.tsmName).toBe('KIMS_MAC');
		expect(sim.portal.consumers.get(consumerId)!.node!.tsmName).toBe('KIMS_MAC');
	});

	it('sets a backup node\'s password (POST …/node/password with tsmPassword) and never shows it', async () => {
		const jenny = [...sim.portal.consumers.values()].find((unit) => unit.name === 'JennysWS')!;
		const base = { resource: 'backupNode', operation: 'setPassword', businessUnitId: rl(76), consumptionUnitId: rl(jenny.id) };
		const newPassword = `Nw-${Date.now()}-pass`;
		const [result] = await run({ ...base, password: newPassword });
		expect(result).toMatchObject({ passwordChanged: true, consumptionUnitId: jenny.id, tsmPasswordSet: true, tsmName: 'JENNYSWS' });
		expect(JSON.stringify(result)).not.toContain(newPassword);
		expect(sim.requestsTo('POST', new RegExp(`/consumers/${jenny.id}/node/password$`)).pop()!.body).toEqual({ tsmPassword: newPassword });
		expect(sim.portal.consumers.get(jenny.id)!.node!.password).toBe(newPassword);

		const before = sim.requests().length;
		await expect(run({ ...base, password: '' })).rejects.toThrow(/"New Password" is required/);
		await expect(run({ ...base, password: 'x'.repeat(65) })).rejects.toThrow(/"New Password" is too long/);
		await expect(run({ ...base, password: 'line\nbreak' })).rejects.toThrow(/control character/);
		expect(sim.requests().length).toBe(before);
		const refused = (await run({ ...base, password: 'short' }).then(
			() => new Error('no error'),
			(error: Error) => error,
		)) as Error & { description?: string };
		expect(refused.message).toMatch(/8 to 64 characters/);
		expect(`${refused.message} ${String(refused.description)}`).not.toContain('short');
		expect(sim.requestsTo('POST', /\/node\/password$/).filter((request) => request.body && (request.body as IDataObject).tsmPassword === 'short')).toHaveLength(1);
	});

	it('refuses node names IBM Storage Protect does not accept, before any request', async () => {
		const before = sim.requests().length;
		for (const name of ['LISA WS', '-LISA', 'A'.repeat(65), 'lisa/ws', 'x?tsmName=y']) {
			await expect(run({ resource: 'backupNode', operation: 'activate', businessUnitId: rl(76), consumptionUnitId: rl(1001), tsmName: name })).rejects.toThrow(/not a valid IBM Storage Protect node name/);
		}
		await expect(
			run({ resource: 'backupNode', operation: 'create', businessUnitId: rl(76), consumptionUnitId: rl(1001), operatingSystemId: '', nodeTypeId: 1, domainId: 11, clientOptionSetId: 21 }),
		).rejects.toThrow(/"Operating System" is required/);
		expect(sim.requests().length).toBe(before);
	});

	it('lists, gets and updates consumption units (listing returns partial units)', async () => {
		const listed = await run({ resource: 'consumptionUnit', operation: 'getAll', businessUnitId: rl(76), returnAll: true });
		expect(listed.map((unit) => unit.name)).toEqual(expect.arrayContaining(['JennysWS', 'MKT-LAPTOP-07']));
		expect(listed[0].businessUnit).toBeUndefined();
		const jenny = listed.find((unit) => unit.name === 'JennysWS')!;
		const [full] = await run({ resource: 'consumptionUnit', operation: 'get', businessUnitId: rl(76), consumptionUnitId: rl(jenny.id as number) });
		expect(full).toMatchObject({ note: "Jenny's workstation.", businessUnit: { id: 76 } });
		const [updated] = await run({ resource: 'consumptionUnit', operation: 'update', businessUnitId: rl(76), consumptionUnitId: rl(jenny.id as number), updateFields: { externalReference: 'ASSET-4411', limitHighStorage: 200 } });
		expect(updated).toMatchObject({ name: 'JennysWS', note: "Jenny's workstation.", externalReference: 'ASSET-4411', limitHighStorage: 200 });
	});

	it('reads the audit log by type, window, limit and offset', async () => {
		const consumer = [...sim.portal.consumers.values()].find((unit) => unit.name === 'JennysWS')!;
		const parameters = { resource: 'consumptionUnit', operation: 'getAuditLog', businessUnitId: rl(76), consumptionUnitId: rl(consumer.id) };
		const creates = await run({ ...parameters, types: [100], limit: 50, offset: 0 });
		expect(creates.length).toBeGreaterThan(0);
		expect(creates.every((entry) => entry.type === 100)).toBe(true);
		const modifies = await run({ ...parameters, types: [200, 300], limit: 50, offset: 0 });
		expect(modifies.every((entry) => entry.type === 200)).toBe(true);
		const all = await run({ ...parameters, types: [], limit: 50, offset: 0 });
		const page = await run({ ...parameters, types: [], limit: 1, offset: 1 });
		expect(page).toEqual([all[1]]);
		const future = await run({ ...parameters, types: [], limit: 50, offset: 0, startTime: '2099-01-01T00:00:00Z' });
		expect(future).toEqual([]);
		await expect(run({ ...parameters, limit: 50, offset: 0, startTime: 'yesterday-ish' })).rejects.toThrow(/not a valid date/);
	});

	it('manages proxy agents and targets from either side', async () => {
		const [file, laptop] = ['FILESRV01', 'MKT-LAPTOP-07'].map((name) => [...sim.portal.consumers.values()].find((unit) => unit.name === name)!);
		const jenny = [...sim.portal.consumers.values()].find((unit) => unit.name === 'JennysWS')!;
		const base = { resource: 'backupNode', businessUnitId: rl(76), consumptionUnitId: rl(jenny.id) };
		const possible = await run({ ...base, operation: 'getPossibleProxyNodes', returnAll: true });
		expect(possible.map((candidate) => candidate.name)).toEqual(expect.arrayContaining(['FILESRV01', 'MKT-LAPTOP-07']));
		const [withAgent] = await run({ ...base, operation: 'addProxyAgent', otherConsumptionUnitId: rl(laptop.id) });
		expect(withAgent.proxyAgents).toEqual([{ id: laptop.id, name: 'MKT-LAPTOP-07' }]);
		const [withTarget] = await run({ ...base, operation: 'addProxyTarget', otherConsumptionUnitId: rl(file.id) });
		expect(withTarget.proxyTargets).toEqual([{ id: file.id, name: 'FILESRV01' }]);
		expect(sim.portal.consumers.get(file.id)!.node!.proxyAgents).toContain(jenny.id);
		await run({ ...base, operation: 'removeProxyAgent', otherConsumptionUnitId: rl(laptop.id) });
		await run({ ...base, operation: 'removeProxyTarget', otherConsumptionUnitId: rl(file.id) });
		expect(sim.portal.consumers.get(jenny.id)!.node).toMatchObject({ proxyAgents: [], proxyTargets: [] });
		await expect(run({ ...base, operation: 'addProxyAgent', otherConsumptionUnitId: rl(jenny.id) })).rejects.toThrow(/cannot be its own/);
	});

	it('lists filespaces as last seen, or after synchronising with the backup server', async () => {
		const jenny = [...sim.portal.consumers.values()].find((unit) => unit.name === 'JennysWS')!;
		const base = { resource: 'backupNode', operation: 'getFilespaces', businessUnitId: rl(76), consumptionUnitId: rl(jenny.id) };
		expect(await run({ ...base, tsmSync: false })).toEqual([]);
		const synced = await run({ ...base, tsmSync: true });
		expect(synced.length).toBeGreaterThan(0);
		expect(await run({ ...base, tsmSync: false })).toEqual(synced);
	});

	it('deletes a consumption unit with its associations and comment; a node delete removes its unit', async () => {
		const [unit] = await run({ resource: 'consumptionUnit', operation: 'create', businessUnitId: rl(94), name: 'RETIRED-01' });
		await run({ resource: 'backupNode', operation: 'create', businessUnitId: rl(94), consumptionUnitId: rl(unit.id as number), operatingSystemId: 1, nodeTypeId: 1, domainId: 11, clientOptionSetId: 21 });
		await expect(run({ resource: 'consumptionUnit', operation: 'delete', businessUnitId: rl(94), consumptionUnitId: rl(unit.id as number), deleteAssociations: false })).rejects.toThrow(/has a backup node/);
		const [deleted] = await run({ resource: 'consumptionUnit', operation: 'delete', businessUnitId: rl(94), consumptionUnitId: rl(unit.id as number), deleteAssociations: true, deletionComment: 'Laptop returned' });
		expect(deleted).toEqual({ deleted: true, id: unit.id });
		expect(sim.deletions.pop()).toEqual({ consumerId: unit.id, deleteAssociations: true, comment: 'Laptop returned' });

		const [other] = await run({ resource: 'consumptionUnit', operation: 'create', businessUnitId: rl(94), name: 'RETIRED-02' });
		await run({ resource: 'backupNode', operation: 'create', businessUnitId: rl(94), consumptionUnitId: rl(other.id as number), operatingSystemId: 1, nodeTypeId: 1, domainId: 11, clientOptionSetId: 21 });
		const [nodeDeleted] = await run({ resource: 'backupNode', operation: 'delete', businessUnitId: rl(94), consumptionUnitId: rl(other.id as number), deleteAssociations: true });
		expect(nodeDeleted).toEqual({ deleted: true, consumptionUnitId: other.id });
		expect(sim.portal.consumers.has(other.id as number)).toBe(false);
	});

	it('finds business units and consumption units for the resource locators', async () => {
		const context = loadOptionsContext({ nodeType: node, credentials: credential(), parameters: { businessUnitId: { __rl: true, mode: 'list', value: '76' } } });
		const units = await node.methods.listSearch.searchBusinessUnits.call(context, 'payroll');
		expect(units.results).toEqual([{ name: 'Company AB / HR Department / HR Payroll', value: '95' }]);
		const consumers = await node.methods.listSearch.searchConsumptionUnits.call(context, 'jenny');
		expect(consumers.results.map((entry) => entry.name)).toEqual(['JennysWS']);
	});
});

describe('backup results', () => {
	const fileServer = () => [...sim.portal.consumers.values()].find((unit) => unit.name === 'FILESRV01')!;

	it('gets the first job and the jobs of a window, starting at the first job when the window begins earlier', async () => {
		const base = { resource: 'backupResult', businessUnitId: rl(22), consumptionUnitId: rl(fileServer().id) };
		const [first] = await run({ ...base, operation: 'getFirstJob' });
		expect(first).toMatchObject({ consumerId: fileServer().id, name: 'DAILY_INCR' });
		sim.runBackupRound({ [fileServer().id]: 'failed' });
		const jobs = await run({ ...base, operation: 'getJobs', startTime: '2020-01-01T00:00:00Z', endTime: '' });
		expect(jobs.length).toBe(fileServer().jobs.length);
		expect(jobs.pop()).toMatchObject({ result: 12, status: { name: 'Failed' } });
	});

	it('gets the latest report and reports of a date range with status and warnings in words', async () => {
		const base = { resource: 'backupResult', businessUnitId: rl(22), consumptionUnitId: rl(fileServer().id) };
		sim.runBackupRound({ [fileServer().id]: 'warning' });
		const [latest] = await run({ ...base, operation: 'getLatestReport' });
		expect(latest).toMatchObject({ statusName: 'Warning', warnings: [{ typeName: 'Failed files above limit', statusName: 'Warning' }] });
		const failed = await run({ ...base, operation: 'getReports', startDate: '', endDate: '', filters: { status: 2 } });
		expect(failed.length).toBeGreaterThan(0);
		expect(failed.every((report) => report.statusName === 'Error')).toBe(true);
		expect((failed[0].warnings as IDataObject[]).map((warning) => warning.typeName)).toEqual(['Missed schedule', 'No backup activity']);
		await expect(run({ ...base, operation: 'getReports', startDate: '2026-02-01', endDate: '2026-01-01' })).rejects.toThrow(/start is after the end/);
	});
});
