import { greenLakeCredential } from '../../e2e/harness/credentials';
import { startGreenLakeSimulator } from '../../simulators/greenlake';
import { PCBE } from '../../simulators/greenlake/pcbe';
import type { VendorEnvironment } from './types';

interface GreenLakeInfo {
	url: string;
	tokenUrl: string;
	clientId: string;
	clientSecret: string;
}

/**
 * Runs one configuration analysis through the simulator's API, as a user would have, so the
 * editor's lists of reports and async operations show an item (the report appears once it ends).
 */
async function analyseFirstSystem(sim: { url: string; tokenUrl: string; clientId: string; clientSecret: string }): Promise<void> {
	const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: sim.clientId, client_secret: sim.clientSecret });
	const { access_token: token } = (await (await fetch(sim.tokenUrl, { method: 'POST', body: form })).json()) as { access_token: string };
	const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
	const systems = (await (await fetch(`${sim.url}${PCBE}/systems?limit=10`, { headers })).json()) as { items: Array<{ id: string }> };
	const started = await fetch(`${sim.url}${PCBE}/configuration-analysis-reports`, { method: 'POST', headers, body: JSON.stringify({ systemId: systems.items[0].id }) });
	if (!started.ok) throw new Error(`The simulator refused the seed analysis: HTTP ${started.status} ${await started.text()}`);
}

export const greenLakeEnvironment: VendorEnvironment<GreenLakeInfo> = {
	key: 'greenlake',
	displayName: 'HPE GreenLake Private Cloud Business Edition',
	portVariable: 'GREENLAKE_SIM_PORT',
	defaultPort: 18082,
	nodeTypes: ['hpeGreenLakePcbe'],
	start: async ({ port }) => {
		const sim = await startGreenLakeSimulator({ port, operationDurationMs: Number(process.env.GREENLAKE_SIM_OPERATION_MS ?? 5000) });
		await analyseFirstSystem(sim);
		const { url, tokenUrl, clientId, clientSecret } = sim;
		return { info: { url, tokenUrl, clientId, clientSecret }, close: () => sim.close() };
	},
	credentials: (info) => [greenLakeCredential('demoPcbeCred0001', 'HPE GreenLake (PCBE simulator)', info)],
	placeholders: (info) => ({ GREENLAKE_URL: info.url }),
};
