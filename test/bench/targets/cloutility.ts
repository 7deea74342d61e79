import { cloutilityCredential } from '../../e2e/harness/credentials';
import { startCloutilitySimulator } from '../../simulators/cloutility';
import { benchSimulator } from './simulator';
import type { BenchTarget } from './types';

/**
 * Cloutility: the consumption units (backup clients) of one business unit, its largest listing.
 * Cloutility answers the whole collection at once (paging is documented only for audit logs).
 */
export const cloutilityTarget: BenchTarget = {
	key: 'cloutility',
	title: 'Cloutility: Get many consumption units of a business unit (one response)',
	itemsLabel: 'consumption units',
	defaultItems: 10_000,
	startSimulator: async (items) => {
		const sim = await startCloutilitySimulator();
		const unit = sim.portal.addBusinessUnit({ parentId: sim.rootBusinessUnitId, name: 'Hosting customers' });
		for (let index = 1; index <= items; index++) sim.portal.addConsumer(unit.id, { name: `client-${String(index).padStart(5, '0')}` });
		const { url, clientId, origin, username, password } = sim;
		return benchSimulator(sim, { url, clientId, origin, username, password, businessUnitId: String(unit.id) }, items);
	},
	isLogin: (request) => request.path === '/v1/oauth',
	credential: (info) =>
		cloutilityCredential('benchClouCred001', 'Cloutility simulator', {
			url: info.url,
			clientId: info.clientId,
			origin: info.origin,
			username: info.username,
			password: info.password,
		}),
	placeholders: (info) => ({ CLOUTILITY_URL: info.url, CLOUTILITY_UNIT: info.businessUnitId }),
	ourNode: { id: 'benchClouNode001', measuredNodes: ['List Consumption Units'], outputNode: 'List Consumption Units' },
	httpRequestNode: { id: 'benchClouHttp001', measuredNodes: ['List Consumption Units', 'Split Out Items'], outputNode: 'Split Out Items' },
	minimalClient: {
		script: 'cloutility.cjs',
		args: (info) => [`${info.url}/v1`, info.clientId, info.origin, info.username, info.password, info.businessUnitId],
	},
};
