import type { IDataObject } from 'n8n-workflow';

import { CiscoEsc } from '../../nodes/CiscoEsc/CiscoEsc.node';
import { startEscSimulator } from '../simulators/esc';
import { runAction } from './fault-matrix/hpe';
import { describeMatrix } from './fault-matrix/matrix';

jest.setTimeout(120_000);
// Back-off and polling waits shortened: the matrix counts requests, it does not time them.
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	return { ...actual, sleep: async (ms: number) => await actual.sleep(Math.min(ms, 50)) };
});

const node = new CiscoEsc();
let created = 0;
const shape = (output: unknown) =>
	(output as IDataObject[]).map((item) => Object.keys(item).sort());
const errorXml = (status: number, message: string) =>
	`<?xml version="1.0" encoding="UTF-8"?><error xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><error_code>${status}</error_code><error_message>${message}</error_message></error>`;

describeMatrix('Cisco ESC', async () => {
	const sim = await startEscSimulator({ callbackDelayMs: 5, seeded: true });
	const createTenant = (wait: boolean) => ({
		resource: 'tenant',
		operation: 'create',
		newTenantId: `matrix-${++created}`,
		name: 'Matrix',
		managedResource: true,
		// ESC posts its notifications there; nothing listens (the matrix is about the node's requests).
		callbackUrl: 'http://127.0.0.1:9/esc-callback',
		waitForCompletion: wait,
		waitTimeout: 30,
	});
	return {
		close: async () => await sim.close(),
		rig: {
			vendor: 'Cisco ESC',
			sim,
			freshCredentials: () => ({
				ciscoEscApi: {
					baseUrl: sim.baseUrl,
					username: sim.username,
					password: sim.password,
					allowSelfSigned: false,
				},
			}),
			errorBody: errorXml,
			malformed: {
				body: '<?xml version="1.0"?><tenants><tenant><name>adm',
				contentType: 'application/xml',
			},
			notApplicable: (fault) =>
				fault === 'token or session expired' || fault === 'token or session superseded'
					? 'ESC takes the user name and password with every request (HTTP Basic): there is no token or session'
					: undefined,
			phases: {
				'first request': {
					method: 'GET',
					path: /\/v0\/tenants\/admin$/,
					run: async (credentials) =>
						await runAction(node, credentials, {
							resource: 'tenant',
							operation: 'get',
							tenantId: { __rl: true, mode: 'id', value: 'admin' },
						}),
				},
				'paged listing':
					'ESC answers a whole collection at once: a listing is one answer, covered by "first request"',
				'async wait': {
					method: 'GET',
					path: /\/v0\/tenants\/matrix-\d+$/,
					run: async (credentials) => await runAction(node, credentials, createTenant(true)),
					compare: shape,
				},
				write: {
					method: 'POST',
					path: /\/v0\/tenants\/matrix-\d+$/,
					isWrite: true,
					run: async (credentials) => await runAction(node, credentials, createTenant(false)),
					compare: shape,
				},
				'trigger poll':
					"the ESC Trigger only receives ESC's callbacks (a webhook): it sends no request to fault",
			},
		},
	};
});
