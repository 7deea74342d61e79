
import { CiscoEsc } from '../../nodes/CiscoEsc/CiscoEsc.node';
import type { CredentialStore, Parameters } from '../harness/context';
import { executeNode } from '../harness/context';
import type { EscSimulator } from '../simulators/esc';
import { startEscSimulator } from '../simulators/esc';

/** Bad input is refused with a clear message before anything reaches ESC. */
const node = new CiscoEsc();
let sim: EscSimulator;
const CALLBACK = 'http://127.0.0.1:9/cb';

const credentials = (): CredentialStore => ({ ciscoEscApi: { baseUrl: sim.baseUrl, username: sim.username, password: sim.password, allowSelfSigned: false } });
const run = async (parameters: Parameters) => await executeNode({ nodeType: node, credentials: credentials(), parameters });

beforeAll(async () => {
	sim = await startEscSimulator({ callbackDelayMs: 5 });
});
afterAll(async () => await sim.close());

async function refusedBeforeSending(parameters: Parameters, message: RegExp | string): Promise<void> {
	const before = sim.requests().length;
	await expect(run(parameters)).rejects.toThrow(message);
	expect(sim.requests().length).toBe(before);
}

const tenantCreate = (extra: Parameters) => ({ resource: 'tenant', operation: 'create', newTenantId: 'ok-id', name: 'ok', managedResource: true, callbackUrl: CALLBACK, ...extra });

describe('bad input is refused before any request', () => {
	it.each([
		['with a tilde', 'ten~ant'],
		['with a slash', '../tenants'],
		['with a space', 'my tenant'],
		['of 73 characters', 'a'.repeat(73)],
		['with a query', 'x?y=1'],
	])('an internal id %s', async (_, id) => {
		await refusedBeforeSending(tenantCreate({ newTenantId: id }), `"Tenant ID" is not valid: ${JSON.stringify(id)}`);
	});

	it('accepts an id of exactly 72 allowed characters', async () => {
		const id = `${'a'.repeat(69)}-._`;
		const [item] = await run(tenantCreate({ newTenantId: id }));
		expect(item.json.statusCode).toBe(200);
		expect(sim.requestsTo('POST', new RegExp(`${id.replace('.', '\\.')}$`))).toHaveLength(1);
	});

	it.each([['bell\u0007'], ['two\nlines'], ['tab\there']])('a name with a control character: %j', async (name) => {
		await refusedBeforeSending(tenantCreate({ name }), '"Name" cannot contain control characters');
	});

	it('a name over 64 characters for a tenant', async () => {
		await refusedBeforeSending(tenantCreate({ name: 'n'.repeat(65) }), '"Name" is too long');
	});

	it.each([
		['R&D', 'amp-1'],
		['</name><x/>', 'amp-2'],
		[']]> & <!-- -->', 'amp-3'],
	])('a name with markup characters, %j, is escaped and reaches ESC as typed', async (name, id) => {
		const [item] = await run(tenantCreate({ newTenantId: id, name }));
		expect(item.json.statusCode).toBe(200);
		const [request] = sim.requestsTo('POST', new RegExp(`/v0/tenants/${id}$`));
		expect(request.status).toBe(200);
		expect(String(request.body)).toContain(`<name>${name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</name>`);
		await sim.settled();
		const [tenant] = await run({ resource: 'tenant', operation: 'get', tenantId: id });
		expect(tenant.json.name).toBe(name);
	});

	it('empty required fields', async () => {
		await refusedBeforeSending(tenantCreate({ name: '  ' }), '"Name" is required');
		await refusedBeforeSending(tenantCreate({ newTenantId: '' }), '"Tenant ID" is required');
		await refusedBeforeSending(tenantCreate({ callbackUrl: '' }), '"Callback URL" is required');
		await refusedBeforeSending({ resource: 'vmOperation', operation: 'stop', tenantId: 't1', vmName: '', callbackUrl: CALLBACK }, '"VM Name" is required');
		await refusedBeforeSending({ resource: 'vimConnector', operation: 'create', newVimId: 'v1', vimType: 'OPENSTACK', properties: {}, callbackUrl: CALLBACK }, 'Add at least one property');
	});

	it('a callback URL that is not one, or that would add a header', async () => {
		await refusedBeforeSending(tenantCreate({ callbackUrl: 'ftp://x' }), '"Callback URL" is not a valid URL');
		await refusedBeforeSending(tenantCreate({ callbackUrl: 'http://x/\r\nX-Evil: 1' }), '"Callback URL" is not a valid URL');
	});

	it('out-of-range numbers and malformed addresses', async () => {
		await refusedBeforeSending({ resource: 'flavor', operation: 'create', flavorId: 'f1', name: 'f', vcpus: 0, memoryMb: 2048, rootDiskMb: 0, ephemeralDiskMb: 0, swapDiskMb: 0, callbackUrl: CALLBACK }, '"vCPUs" is out of range: 0');
		const subnet = { resource: 'subnet', operation: 'create', tenantId: 't1', subnetId: 's1', name: 's', networkId: 'n1', ipVersion: 4, gateway: '', enableDhcp: true, callbackUrl: CALLBACK };
		await refusedBeforeSending({ ...subnet, cidr: '10.0.0.0/33' }, '"CIDR" is not a valid IPv4 range');
		await refusedBeforeSending({ ...subnet, cidr: '10.0.0.0/24', gateway: '10.0.0.256' }, '"Gateway" is not a valid IPv4 address');
		await refusedBeforeSending({ resource: 'image', operation: 'create', imageId: 'i1', name: 'i', src: 'not a url', diskBus: 'virtio', properties: {}, callbackUrl: CALLBACK }, '"Image Source URL" is not a valid URL');
		await refusedBeforeSending({ resource: 'configParameter', operation: 'change', category: 'LOG', key: 'LEVEL', value: 'a/b' }, '"Value" is not valid');
	});

	it('a data model that is not XML, carries a DTD, or is not an esc_datamodel', async () => {
		const xml = (dataModel: string) => ({ resource: 'deployment', operation: 'create', newDeploymentId: 'd1', definitionMode: 'xml', dataModel, callbackUrl: CALLBACK });
		await refusedBeforeSending(xml('<esc_datamodel><tenants></esc_datamodel>'), '"ESC Data Model (XML)" is not valid XML');
		await refusedBeforeSending(xml('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><esc_datamodel>&e;</esc_datamodel>'), '"ESC Data Model (XML)" is not valid XML');
		await refusedBeforeSending(xml('<tenant><name>x</name></tenant>'), 'must be an esc_datamodel document');
	});

	it('a wrong password gets a message naming the credential, without the password', async () => {
		const error = await executeNode({ nodeType: node, credentials: { ciscoEscApi: { ...credentials().ciscoEscApi, password: 'nope' } }, parameters: { resource: 'tenant', operation: 'getAll', returnAll: true } }).catch((e: Error) => e);
		expect((error as Error).message).toBe('Cisco ESC did not accept the credential');
		expect(JSON.stringify(error)).not.toContain(sim.password);
	});
});

describe('secrets ESC echoes back', () => {
	it('never reach the output, in JSON or raw XML', async () => {
		await run({ resource: 'vimConnector', operation: 'create', newVimId: 'sec-vim', vimType: 'OPENSTACK', properties: { property: [{ name: 'os_auth_url', value: 'https://keystone/v3' }] }, callbackUrl: CALLBACK });
		await sim.settled();
		const vim = { vimId: 'sec-vim' };
		const [created] = await run({ resource: 'vimUser', operation: 'create', ...vim, vimUserId: 'admin', properties: { property: [{ name: 'os_password', value: 'Hunter2-secret' }] }, callbackUrl: CALLBACK, outputOptions: { includeRawXml: true } });
		await sim.settled();
		const [got] = await run({ resource: 'vimUser', operation: 'get', ...vim, vimUserId: 'admin', outputOptions: { includeRawXml: true } });
		const listed = await run({ resource: 'vimUser', operation: 'getAll', ...vim, returnAll: true });
		for (const output of [created.json, got.json, ...listed.map((item) => item.json)]) expect(JSON.stringify(output)).not.toContain('Hunter2');
		expect(got.json).toMatchObject({ credentials: { properties: { property: [{ name: 'os_password', value: '[redacted]' }] } } });
		expect(String(got.json.rawXml)).toContain('<value>[redacted]</value>');
		await run({ resource: 'fileServer', operation: 'create', fileServerId: 'sec-fs', baseUrl: 'https://files/share', fileServerUser: 'u', fileServerPassword: 'Hunter2-secret', serverTimeout: 60, callbackUrl: CALLBACK });
		await sim.settled();
		const [server] = await run({ resource: 'fileServer', operation: 'get', fileServerId: 'sec-fs', outputOptions: { includeRawXml: true } });
		expect(JSON.stringify(server.json)).not.toContain('Hunter2');
		expect(server.json.file_server_password).toBe('[redacted]');
	});
});

describe('faults on the way to ESC', () => {
	afterEach(() => sim.clearFaults());

	it('retries a read ESC could not serve, and succeeds', async () => {
		sim.addFault({ method: 'GET', path: /\/v0\/tenants$/, times: 1, respond: { status: 503, body: '<error><error_message>busy</error_message></error>', headers: { 'content-type': 'application/xml', 'retry-after': '0' } } });
		const before = sim.requestsTo('GET', /\/v0\/tenants$/).length;
		await run({ resource: 'tenant', operation: 'getAll', returnAll: true });
		expect(sim.requestsTo('GET', /\/v0\/tenants$/).length - before).toBe(2);
	});

	it('never sends a write twice when the connection drops', async () => {
		sim.addFault({ method: 'POST', path: /\/v0\/tenants\/dropped$/, resetConnection: true });
		await expect(run(tenantCreate({ newTenantId: 'dropped' }))).rejects.toThrow('The connection to Cisco ESC dropped before the answer was complete: whether the change was made is unknown');
		expect(sim.requestsTo('POST', /\/v0\/tenants\/dropped$/)).toHaveLength(1);
	});

	it("explains ESC's refusal with ESC's own message", async () => {
		const error = await run(tenantCreate({ newTenantId: 'dup-tenant' }))
			.then(async () => await run(tenantCreate({ newTenantId: 'dup-tenant' })))
			.catch((e: Error & { description?: string }) => e);
		expect((error as Error).message).toBe("Cisco ESC reports a conflict: Internal id 'dup-tenant' is already in use");
		expect((error as { description: string }).description).toContain('HTTP status: 409');
	});
});

describe('a 2xx answer that is not an ESC document fails the item with the reason', () => {
	afterEach(() => sim.clearFaults());
	const answer = (path: RegExp, body: string | Buffer, contentType = 'application/xml') =>
		sim.addFault({ method: 'GET', path, respond: { status: 200, body, headers: { 'content-type': contentType } } });
	const deepXml = `<deployments>${'<a>'.repeat(70)}x${'</a>'.repeat(70)}</deployments>`;

	it.each([
		['a DTD', '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "x">]><deployments>&e;</deployments>', /has a document type declaration \(DTD\), which is refused/],
		['an entity', '<deployments><deployment><name>&e;</name></deployment></deployments>', /uses the entity &e; which is refused/],
		['nesting past the limit', deepXml, /is nested deeper than 64 levels/],
		['an HTML page', '<!DOCTYPE html><html><body>Please log in</body></html>', /The answer is an HTML page, not XML/],
		['text', 'Service Unavailable', /The answer is not XML \(it starts with "Service Unavailable"\)/],
		['invalid UTF-8', Buffer.from([0x3c, 0x64, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x64, 0x3e]), /The answer is not valid UTF-8/],
		['an empty body', '', /The answer is empty/],
	])('Get Many with %s', async (_, body, reason) => {
		answer(/\/v0\/deployments$/, body);
		const error = (await run({ resource: 'deployment', operation: 'getAll', returnAll: true }).catch((e: Error) => e)) as Error & { description?: string };
		expect(error).toBeInstanceOf(Error);
		expect(error.message).toMatch(/^Cisco ESC answered GET \/v0\/deployments \(HTTP 200\) with a body that cannot be read: /);
		expect(error.message).toMatch(reason);
		expect(error.description).toContain('check it ends with /ESCManager');
	});

	it('Get of one deployment fails instead of returning the raw text under "value"', async () => {
		answer(/\/v0\/deployments\/dep-x$/, '<html><body>Gateway login</body></html>', 'text/html');
		await expect(run({ resource: 'deployment', operation: 'get', deploymentId: 'dep-x' })).rejects.toThrow(
			'Cisco ESC answered GET /v0/deployments/dep-x (HTTP 200) with a body that cannot be read: The answer is an HTML page, not XML',
		);
	});

	it('an answer over the size limit names the limit; a listing of 60,000 deployments (about 20 MB) is read', async () => {
		const deployment = (i: number) =>
			`<deployment><deployment_name>dep-${i}</deployment_name><internal_deployment_id>dep-${i}</internal_deployment_id><internal_tenant_id>admin</internal_tenant_id><service_state_machine_state>SERVICE_ACTIVE_STATE</service_state_machine_state><vm_group><name>group-a</name></vm_group><deployment_details><vm_name>dep-${i}_group-a_0_0b6f3c1e-5c2d-4b7a-9e51-e5c0000e2e01</vm_name><vm_state_machine_state>VM_ALIVE_STATE</vm_state_machine_state></deployment_details></deployment>`;
		const large = `<deployments>${Array.from({ length: 60_000 }, (_, i) => deployment(i)).join('')}</deployments>`;
		expect(large.length).toBeGreaterThan(20_000_000);
		answer(/\/v0\/deployments$/, large);
		const items = await run({ resource: 'deployment', operation: 'getAll', returnAll: true });
		expect(items).toHaveLength(60_000);
		expect(items[59_999].json.internal_deployment_id).toBe('dep-59999');
		sim.clearFaults();
		answer(/\/v0\/deployments$/, `<deployments>${' '.repeat(64 * 1024 * 1024)}</deployments>`);
		await expect(run({ resource: 'deployment', operation: 'getAll', returnAll: true })).rejects.toThrow(
			/with a body that cannot be read: The XML document is larger than 67108864 characters \(64 MB\), the most that is read/,
		);
	}, 120_000);

	it('an error answer that is an HTML page still reports the HTTP status', async () => {
		sim.addFault({ method: 'GET', path: /\/v0\/tenants$/, respond: { status: 404, body: '<html><body>Not Found</body></html>', headers: { 'content-type': 'text/html' } } });
		await expect(run({ resource: 'tenant', operation: 'getAll', returnAll: true })).rejects.toThrow(/not found|404/i);
	});
});
