import type { IDataObject } from 'n8n-workflow';

import { HpeGreenLakeOAuth2Api } from '../../credentials/HpeGreenLakeOAuth2Api.credentials';
import type { GreenLakeSimulator } from '../simulators/greenlake';
import { startGreenLakeSimulator } from '../simulators/greenlake';

/**
 * The credential test is declarative (one request whose address n8n works out from the credential's
 * fields with expressions). The expressions are plain JavaScript: evaluated here as n8n does, with
 * `$credentials`, then the request is sent to the GreenLake simulator as n8n would send it.
 */
const credential = new HpeGreenLakeOAuth2Api();

function evaluate(expression: unknown, credentials: IDataObject): string {
	const text = String(expression);
	if (!text.startsWith('={{')) return text;
	const body = text.slice(3, -2);
	return (new Function('$credentials', `return (${body});`) as (credentials: IDataObject) => string)(credentials);
}

function testRequest(credentials: IDataObject): { address: string } {
	const { baseURL, url } = credential.test.request;
	return { address: `${evaluate(baseURL, credentials)}${evaluate(url, credentials)}` };
}

let sim: GreenLakeSimulator;

beforeAll(async () => {
	sim = await startGreenLakeSimulator({ virtualMachines: 2 });
});
afterAll(async () => await sim.close());

async function tokenOf(): Promise<string> {
	const response = await fetch(sim.tokenUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sim.clientId, client_secret: sim.clientSecret }).toString(),
	});
	return String(((await response.json()) as IDataObject).access_token);
}

describe('the credential test of an API client made for Private Cloud Business Edition only', () => {
	it('"Test With: GreenLake Async Operations" reads one async operation, which every GreenLake API client may: the test passes where PCBE works', async () => {
		const { address } = testRequest({ region: 'us1', baseUrl: sim.url, testWith: 'greenlake' });
		expect(address).toBe(`${sim.url}/data-services/v1beta1/async-operations`);
		const response = await fetch(`${address}?limit=1`, { headers: { authorization: `Bearer ${await tokenOf()}` } });
		expect(response.status).toBe(200);
		expect(sim.violations()).toEqual([]);
	});

	it('goes to the GreenLake host of the region (not DSCC) without a Base URL override', () => {
		expect(testRequest({ region: 'us1', baseUrl: '', testWith: 'greenlake' }).address).toBe('https://us-west.api.greenlake.hpe.com/data-services/v1beta1/async-operations');
		expect(testRequest({ region: 'jp1', baseUrl: '', testWith: 'greenlake' }).address).toBe('https://ap-northeast.api.greenlake.hpe.com/data-services/v1beta1/async-operations');
		expect(testRequest({ region: 'eu-west', baseUrl: '' }).address).toBe('https://eu-west.api.greenlake.hpe.com/data-services/v1beta1/async-operations');
	});

	it('saved DSCC credentials (no "Test With") keep their test and its DSCC messages', () => {
		expect(testRequest({ region: 'eu1', baseUrl: '' }).address).toBe('https://eu1.data.cloud.hpe.com/api/v1/storage-systems');
		expect(testRequest({ region: 'us1', baseUrl: '', testWith: 'dscc' }).address).toBe('https://us1.data.cloud.hpe.com/api/v1/storage-systems');
		const messages = (credential.test.rules ?? []).map((rule) => String((rule.properties as IDataObject).message));
		expect(messages.join(' ')).toMatch(/DSCC refused the access token.*may not read storage systems.*No DSCC or GreenLake API at this address/);
		expect(credential.properties.find((property) => property.name === 'testWith')?.default).toBe('dscc');
	});
});
