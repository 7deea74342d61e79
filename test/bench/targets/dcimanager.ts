import { dciManagerCredential } from '../../e2e/harness/credentials';
import { DCI_PREFIX, startDciSimulator } from '../../simulators/dcimanager';
import { benchSimulator } from './simulator';
import type { BenchTarget } from './types';

/** The simulator seeds three locations of two racks each. */
const RACKS = 6;

/** ISPsystem DCImanager 6: Return All of the servers, the listing a hosting provider runs largest. */
export const dciManagerTarget: BenchTarget = {
	key: 'dcimanager',
	title: 'ISPsystem DCImanager 6: Return All of the servers',
	itemsLabel: 'servers',
	defaultItems: 10_000,
	startSimulator: async (items) => {
		const serversPerRack = Math.ceil(items / RACKS);
		const sim = await startDciSimulator({ serversPerRack });
		const { url, email, password } = sim;
		return benchSimulator(sim, { url, apiUrl: sim.apiUrl, email, password }, serversPerRack * RACKS);
	},
	isLogin: (request) => request.path === `${DCI_PREFIX}/auth/v4/public/token`,
	credential: (info) => dciManagerCredential('benchDciCred0001', 'DCImanager simulator', { url: info.url, email: info.email, password: info.password }),
	placeholders: (info) => ({ DCI_URL: info.url }),
	ourNode: { id: 'benchDciNode0001', measuredNodes: ['List Servers'], outputNode: 'List Servers' },
	httpRequestNode: { id: 'benchDciHttp0001', measuredNodes: ['List Servers', 'Split Out Items'], outputNode: 'Split Out Items' },
	minimalClient: { script: 'dcimanager.cjs', args: (info) => [info.apiUrl, info.email, info.password] },
};
