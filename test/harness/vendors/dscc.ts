import { greenLakeCredential } from '../../e2e/harness/credentials';
import { startDsccSimulator } from '../../simulators/dscc';
import type { VendorEnvironment } from './types';

interface DsccInfo {
	url: string;
	tokenUrl: string;
	clientId: string;
	clientSecret: string;
}

export const dsccEnvironment: VendorEnvironment<DsccInfo> = {
	key: 'dscc',
	displayName: 'HPE Data Services Cloud Console',
	portVariable: 'DSCC_SIM_PORT',
	defaultPort: 18081,
	nodeTypes: ['hpeDscc', 'hpeDsccTrigger'],
	start: async ({ port }) => {
		const sim = await startDsccSimulator({ port, volumes: Number(process.env.DSCC_SIM_VOLUMES ?? 60) });
		const { url, tokenUrl, clientId, clientSecret } = sim;
		return { info: { url, tokenUrl, clientId, clientSecret }, close: () => sim.close() };
	},
	credentials: (info) => [greenLakeCredential('demoDsccCred0001', 'HPE GreenLake (DSCC simulator)', info)],
	placeholders: (info) => ({ DSCC_URL: info.url }),
	activeDemoWorkflows: ['demoDsccTaskDone1'],
};
