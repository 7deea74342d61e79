import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { CredentialTestContext } from 'n8n-core';
import type { ICredentialTestFunctions } from 'n8n-workflow';

import { CiscoEsc } from '../../nodes/CiscoEsc/CiscoEsc.node';
import { testEscCredential } from '../../nodes/CiscoEsc/credentialTest';
import type { CredentialStore, Parameters } from '../harness/context';
import { executeNode } from '../harness/context';
import type { EscSimulator } from '../simulators/esc';
import { startEscSimulator } from '../simulators/esc';

/** Bad input is refused with a clear message before anything reaches ESC; the credential test names the wrong part. */
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

	it.each([['</name><x/>'], [']]>'], ['a & b'], ['bell\u0007']])('a name carrying markup: %j', async (name) => {
		await refusedBeforeSending(tenantCreate({ name }), '"Name" cannot contain <, >, & or control characters');
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

describe('the credential test', () => {
	const context = () => new CredentialTestContext({} as never) as unknown as ICredentialTestFunctions;
	const test = async (data: Record<string, unknown>) =>
		await testEscCredential.call(context(), { id: '1', name: 'ESC', type: 'ciscoEscApi', data: { username: sim.username, password: sim.password, allowSelfSigned: false, ...data } as never });

	it('succeeds by listing tenants', async () => {
		expect(await test({ baseUrl: sim.baseUrl })).toEqual({ status: 'OK', message: 'Connected: ESC listed its tenants with this login' });
	});

	it('names the password, the path and the address', async () => {
		expect((await test({ baseUrl: sim.baseUrl, password: 'wrong' })).message).toBe('ESC refused the username or password (HTTP 401)');
		expect((await test({ baseUrl: sim.url })).message).toMatch(/check that the base URL ends with \/ESCManager/);
		expect((await test({ baseUrl: 'http://127.0.0.1:9/ESCManager' })).message).toMatch(/^Cannot reach ESC at this address \(ECONNREFUSED\)/);
		expect((await test({ baseUrl: 'esc.example.com' })).message).toMatch(/The base URL is not valid/);
	});

	it('names the certificate when ESC uses its self-signed one, and connects when allowed', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esc-cert-'));
		execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
		const server = https.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) }, (req, res) => {
			const target = new URL(req.url ?? '/', sim.url);
			void fetch(target, { headers: { authorization: String(req.headers.authorization ?? '') } }).then(async (response) => {
				res.writeHead(response.status, { 'content-type': 'application/xml' });
				res.end(await response.text());
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/ESCManager`;
		try {
			expect((await test({ baseUrl: url })).message).toMatch(/certificate of ESC is not trusted.*Allow Self-Signed Certificate/);
			expect((await test({ baseUrl: url, allowSelfSigned: true })).status).toBe('OK');
		} finally {
			server.close();
			fs.rmSync(dir, { recursive: true, force: true });
		}
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
