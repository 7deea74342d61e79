import type { IDataObject } from 'n8n-workflow';

import { Cloutility } from '../../nodes/Cloutility/Cloutility.node';
import { CloutilityTrigger } from '../../nodes/Cloutility/CloutilityTrigger.node';
import { cloutilityApi } from '../../nodes/Cloutility/api';
import { startCloutilitySimulator } from '../simulators/cloutility';
import { errorBody } from '../simulators/cloutility/routes';
import { locator, runAction, runTrigger } from './fault-matrix/hpe';
import { describeMatrix } from './fault-matrix/matrix';

jest.setTimeout(120_000);
// Back-off and polling waits shortened: the matrix counts requests, it does not time them.
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	return { ...actual, sleep: async (ms: number) => await actual.sleep(Math.min(ms, 50)) };
});

const node = new Cloutility();
const trigger = new CloutilityTrigger();
let created = 0;
const shape = (output: unknown) => (output as IDataObject[]).map((item) => Object.keys(item).sort());

describeMatrix('Cloutility', async () => {
	const sim = await startCloutilitySimulator();
	return {
		close: async () => await sim.close(),
		rig: {
			vendor: 'Cloutility',
			sim,
			freshCredentials: () => ({
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
				},
			}),
			signIn: { method: 'POST', path: /^\/v1\/oauth$/ },
			expire: () => sim.expireAccessTokens(),
			errorBody: (status, message) => errorBody(status, message),
			malformed: { body: '{"id": 22, "name": "Hea', contentType: 'application/json; charset=utf-8' },
			notApplicable: (fault) =>
				fault === 'token or session superseded' ? 'Cloutility keeps earlier access tokens valid when it issues a new one' : undefined,
			phases: {
				'first request': {
					method: 'GET',
					path: /^\/v1\/bunits\/22$/,
					run: async (credentials) => await runAction(node, credentials, { resource: 'businessUnit', operation: 'get', businessUnitId: locator('22') }),
				},
				'paged listing': 'Cloutility documents paging only for audit logs: a listing is one answer, covered by "first request"',
				'async wait': 'every Cloutility call is synchronous',
				write: {
					method: 'POST',
					path: /^\/v1\/bunits\/22\/bunits$/,
					isWrite: true,
					run: async (credentials) =>
						await runAction(node, credentials, { resource: 'businessUnit', operation: 'create', businessUnitId: locator('22'), name: `Matrix ${++created}`, timeZoneId: 4 }),
					compare: shape,
				},
				'trigger poll': {
					method: 'GET',
					path: /^\/v1\/bunits\//,
					run: async (credentials) =>
						await runTrigger(trigger, cloutilityApi, credentials, { businessUnits: ['94'], sources: ['reports'], problems: 'errors' }),
					compare: shape,
				},
			},
		},
	};
});
