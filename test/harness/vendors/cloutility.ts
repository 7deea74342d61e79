import type { CloutilityEndpoint } from '../../e2e/harness/credentials';
import { cloutilityCredential } from '../../e2e/harness/credentials';
import { startCloutilitySimulator } from '../../simulators/cloutility';
import type { VendorEnvironment } from './types';

interface CloutilityInfo extends CloutilityEndpoint {
	/** The business unit the credential's user sees at the top. */
	businessUnitId: number;
}

export const cloutilityEnvironment: VendorEnvironment<CloutilityInfo> = {
	key: 'cloutility',
	displayName: 'Cloutility backup portal',
	portVariable: 'CLOUTILITY_SIM_PORT',
	defaultPort: 18085,
	nodeTypes: ['cloutility', 'cloutilityTrigger', 'cloutilityBillingTrigger'],
	start: async ({ port }) => {
		// A backup round every two minutes, so the demo's failure trigger has something to report.
		const sim = await startCloutilitySimulator({ port, backupIntervalMs: 120_000 });
		const { url, clientId, origin, username, password, rootBusinessUnitId } = sim;
		return { info: { url, clientId, origin, username, password, businessUnitId: rootBusinessUnitId }, close: () => sim.close() };
	},
	credentials: (info) => [cloutilityCredential('demoClouCred0001', 'Cloutility (simulator)', info)],
	placeholders: (info) => ({ CLOUTILITY_URL: info.url, CLOUTILITY_BUSINESS_UNIT_ID: String(info.businessUnitId) }),
};
