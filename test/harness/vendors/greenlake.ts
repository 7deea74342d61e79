import { greenLakeCredential } from '../../e2e/harness/credentials';
import { startGreenLakeSimulator } from '../../simulators/greenlake';
import type { VendorEnvironment } from './types';

interface GreenLakeInfo {
	url: string;
	tokenUrl: string;
	clientId: string;
	clientSecret: string;
}

export const greenLakeEnvironment: VendorEnvironment<GreenLakeInfo> = {
	key: 'greenlake',
	displayName: 'HPE GreenLake Private Cloud Business Edition',
	portVariable: 'GREENLAKE_SIM_PORT',
	defaultPort: 18082,
	nodeTypes: ['hpeGreenLakePcbe'],
	start: async ({ port }) => {
		const sim = await startGreenLakeSimulator({ port, operationDurationMs: Number(process.env.GREENLAKE_SIM_OPERATION_MS ?? 5000) });
		const { url, tokenUrl, clientId, clientSecret } = sim;
		return { info: { url, tokenUrl, clientId, clientSecret }, close: () => sim.close() };
	},
	credentials: (info) => [greenLakeCredential('demoPcbeCred0001', 'HPE GreenLake (PCBE simulator)', info)],
	placeholders: (info) => ({ GREENLAKE_URL: info.url }),
};
