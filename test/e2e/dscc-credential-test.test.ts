import { randomBytes } from 'node:crypto';

import type { DsccSimulator } from '../simulators/dscc';
import { startDsccSimulator } from '../simulators/dscc';
import { greenLakeCredential } from './harness/credentials';
import type { N8nServer } from './harness/n8n';
import { N8nInstance, newOwnerAccount } from './harness/n8n';

/**
 * What the editor shows when a user saves an HPE GreenLake credential: it saves the credential
 * (POST /rest/credentials) and then calls n8n's credential test (POST /rest/credentials/test) with
 * the form's data, in a running n8n against the DSCC simulator.
 */
interface TestResult {
	status: 'OK' | 'Error';
	message: string;
}

describe('the HPE GreenLake credential test in a running n8n', () => {
	let sim: DsccSimulator;
	let n8n: N8nInstance;
	let server: N8nServer | undefined;

	beforeAll(async () => {
		sim = await startDsccSimulator();
		n8n = await N8nInstance.create({ name: 'dscc-credential' });
		server = await n8n.startServer();
		await server.setupOwner(newOwnerAccount());
	}, 30 * 60_000);

	afterAll(async () => {
		await server?.stop();
		n8n?.cleanup();
		await sim?.close();
	}, 60_000);

	afterEach(() => {
		expect(sim.violations()).toEqual([]);
	});

	/** Saves a credential as the editor's Save button does, then runs the test the editor runs next. */
	async function saveAndTest(name: string, secret: string): Promise<TestResult> {
		const { type, data } = greenLakeCredential('unused', name, { ...sim, clientSecret: secret });
		const saved = await server!.rest<{ id: string }>('POST', '/credentials', { name, type, data });
		return await server!.rest<TestResult>('POST', '/credentials/test', {
			credentials: { id: saved.id, name, type, data },
		});
	}

	test('the right client secret: the connection tested successfully, with a token from the token endpoint', async () => {
		const tokensBefore = sim.requestsTo('POST', /^\/as\/token\.oauth2$/).length;
		const result = await saveAndTest('GreenLake (right secret)', sim.clientSecret);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sim.requestsTo('POST', /^\/as\/token\.oauth2$/).length).toBe(tokensBefore + 1);
		expect(sim.requestsTo('GET', /^\/api\/v1\/storage-systems$/).length).toBeGreaterThan(0);
	}, 60_000);

	test('a wrong client secret: the test fails and says the token endpoint refused the client', async () => {
		const wrongSecret = randomBytes(16).toString('hex');
		const result = await saveAndTest('GreenLake (wrong secret)', wrongSecret);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/client authentication failed/i);
		expect(result.message).not.toContain(wrongSecret);
	}, 60_000);

	test('a secret changed to a wrong one after a token was stored: the test still fails', async () => {
		const name = 'GreenLake (secret changed)';
		const { type, data } = greenLakeCredential('unused', name, sim);
		const saved = await server!.rest<{ id: string }>('POST', '/credentials', { name, type, data });
		const first = await server!.rest<TestResult>('POST', '/credentials/test', {
			credentials: { id: saved.id, name, type, data },
		});
		expect(first.status).toBe('OK');

		const changed = { ...data, clientSecret: randomBytes(16).toString('hex') };
		await server!.rest('PATCH', `/credentials/${saved.id}`, { name, type, data: changed });
		const second = await server!.rest<TestResult>('POST', '/credentials/test', {
			credentials: { id: saved.id, name, type, data: changed },
		});
		expect(second.status).toBe('Error');
		expect(second.message).toMatch(/client authentication failed/i);
	}, 60_000);
});
