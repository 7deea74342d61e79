import { dciManagerCredential } from '../../e2e/harness/credentials';
import { startDciSimulator } from '../../simulators/dcimanager';
import type { VendorEnvironment } from './types';

interface DciInfo {
	url: string;
	email: string;
	password: string;
}

export const dciManagerEnvironment: VendorEnvironment<DciInfo> = {
	key: 'dcimanager',
	displayName: 'ISPsystem DCImanager 6',
	portVariable: 'DCI_SIM_PORT',
	defaultPort: 18083,
	nodeTypes: ['dciManager', 'dciManagerTrigger'],
	start: async ({ port }) => {
		const sim = await startDciSimulator({ port, serversPerRack: Number(process.env.DCI_SIM_SERVERS_PER_RACK ?? 8), operationDurationMs: 5000 });
		// One power reset on the last server, so the editor's list of operations shows an item.
		sim.state.startOperation(sim.state.servers[sim.state.servers.length - 1], 'power_reset');
		const { url, email, password } = sim;
		return { info: { url, email, password }, close: () => sim.close() };
	},
	credentials: (info) => [dciManagerCredential('demoDciCred00001', 'DCImanager 6 (simulator)', info)],
	placeholders: (info) => ({ DCI_URL: info.url, DCI_EMAIL: info.email, DCI_PASSWORD: info.password }),
};
