import { startEscSimulator } from '../../simulators/esc';
import type { VendorEnvironment } from './types';

interface EscInfo {
	baseUrl: string;
	username: string;
	password: string;
}

export const escEnvironment: VendorEnvironment<EscInfo> = {
	key: 'esc',
	displayName: 'Cisco Elastic Services Controller',
	portVariable: 'ESC_SIM_PORT',
	defaultPort: 18082,
	start: async ({ port }) => {
		const sim = await startEscSimulator({ port, callbackDelayMs: 1000 });
		return { info: { baseUrl: sim.baseUrl, username: sim.username, password: sim.password }, close: () => sim.close() };
	},
	credentials: (info) => [
		{ id: 'demoEscCred00001', name: 'Cisco ESC (simulator)', type: 'ciscoEscApi', data: { baseUrl: info.baseUrl, username: info.username, password: info.password, allowSelfSigned: false } },
	],
	placeholders: (info) => ({ ESC_URL: info.baseUrl }),
	activeDemoWorkflows: ['demoEscServiceUp1'],
};
