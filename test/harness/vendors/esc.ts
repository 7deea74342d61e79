import { createHash } from 'node:crypto';

import { startEscSimulator } from '../../simulators/esc';
import type { VendorEnvironment } from './types';

interface EscInfo {
	url: string;
	baseUrl: string;
	username: string;
	password: string;
}

/** The demo trigger's webhook id (in test/demo/workflows/5-esc-service-alive.json) and its URL key. */
const DEMO_TRIGGER_WEBHOOK = '5d1c0b7e-6e2a-4f0b-8c3d-0e5c00de0001';
const DEMO_CALLBACK_KEY = createHash('sha256').update('esc-demo-callbacks').digest('hex').slice(0, 32);

export const escEnvironment: VendorEnvironment<EscInfo> = {
	key: 'esc',
	displayName: 'Cisco Elastic Services Controller',
	portVariable: 'ESC_SIM_PORT',
	defaultPort: 18084,
	nodeTypes: ['ciscoEsc', 'ciscoEscTrigger'],
	start: async ({ port }) => {
		const sim = await startEscSimulator({ port, callbackDelayMs: 1000, seeded: true });
		return { info: { url: sim.url, baseUrl: sim.baseUrl, username: sim.username, password: sim.password }, close: () => sim.close() };
	},
	credentials: (info) => [
		{ id: 'demoEscCred00001', name: 'Cisco ESC (simulator)', type: 'ciscoEscApi', data: { baseUrl: info.baseUrl, username: info.username, password: info.password, allowSelfSigned: false } },
	],
	placeholders: (info) => ({
		ESC_URL: info.baseUrl,
		ESC_CALLBACK_TOKEN: DEMO_CALLBACK_KEY,
		// The demo's n8n runs on DEMO_N8N_PORT (default 5678); ESC posts to its trigger there.
		ESC_CALLBACK_URL: `http://127.0.0.1:${process.env.DEMO_N8N_PORT ?? 5678}/webhook/${DEMO_TRIGGER_WEBHOOK}/esc?token=${DEMO_CALLBACK_KEY}`,
	}),
	activeDemoWorkflows: ['demoEscServiceUp1'],
};
