import { randomBytes } from 'node:crypto';

import type { DsccSimulator } from '../simulators/dscc';
import { startDsccSimulator } from '../simulators/dscc';
import { SYSTEMS } from '../simulators/dscc/routes/core';
import { greenLakeCredential } from './harness/credentials';
import type { N8nServer } from './harness/n8n';
import { N8nInstance } from './harness/n8n';
import { startServerWith, stopAll } from './harness/triggers';

/**
 * What the editor asks a running n8n's REST API, against the DSCC simulator: when a user saves an
 * HPE GreenLake credential, it saves it (POST /rest/credentials) and then runs n8n's credential test
 * (POST /rest/credentials/test) with the form's data; a parameter panel loads its dropdowns and list
 * searches through /rest/dynamic-node-parameters.
 */
interface TestResult {
	status: 'OK' | 'Error';
	message: string;
}

describe('the editor of a running n8n with the HPE DSCC package', () => {
	let sim: DsccSimulator;
	let n8n: N8nInstance;
	let server: N8nServer | undefined;

	beforeAll(async () => {
		sim = await startDsccSimulator();
		n8n = await N8nInstance.create({ name: 'dscc-credential' });
		server = await startServerWith(n8n, {});
	}, 30 * 60_000);

	afterAll(async () => await stopAll(server, n8n, sim), 60_000);

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

	test('the pools of the chosen system and a volume search load through n8n itself', async () => {
		const name = 'GreenLake (lists)';
		const { type, data } = greenLakeCredential('unused', name, sim);
		const saved = await server!.rest<{ id: string }>('POST', '/credentials', { name, type, data });
		const nimble = SYSTEMS[1];
		const request = {
			nodeTypeAndVersion: { name: 'n8n-nodes-datacenter.hpeDscc', version: 1 },
			credentials: { [type]: { id: saved.id, name } },
			currentNodeParameters: {
				resource: 'volume',
				operation: 'create',
				systemId: { __rl: true, mode: 'list', value: nimble.id },
			},
		};
		const pools = await server!.rest<Array<{ name: string; value: string }>>('POST', '/dynamic-node-parameters/options', {
			...request,
			path: 'parameters.pool',
			methodName: 'getStoragePools',
		});
		expect(pools.map((pool) => pool.value)).toEqual(['default', 'pool-fast']);

		const volume = [...sim.context.collection('volumes').values()].find((record) => record.systemId === nimble.id)!;
		const search = await server!.rest<{ results: Array<{ name: string; value: string }> }>(
			'POST',
			'/dynamic-node-parameters/resource-locator-results',
			{ ...request, path: 'parameters.volumeId', methodName: 'searchVolumes', filter: String(volume.name) },
		);
		expect(search.results[0]).toEqual({ name: `${String(volume.name)} (${nimble.name})`, value: volume.id });
	}, 60_000);
});
