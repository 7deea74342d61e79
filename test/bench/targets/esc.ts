import { randomUUID } from 'node:crypto';

import { startEscSimulator } from '../../simulators/esc';
import { benchSimulator } from './simulator';
import type { BenchTarget } from './types';

/**
 * Cisco ESC: List deployments, its largest listing. ESC answers it in one XML document (its REST
 * API does not page), so every variant makes one request and parses XML.
 */
export const escTarget: BenchTarget = {
	key: 'esc',
	title: 'Cisco Elastic Services Controller: List deployments (one XML document)',
	itemsLabel: 'deployments',
	defaultItems: 10_000,
	startSimulator: async (items) => {
		const sim = await startEscSimulator();
		for (let index = 1; index <= items; index++) {
			const name = `svc-${String(index).padStart(5, '0')}`;
			const group = `${name}-grp`;
			sim.deployments.set(name, {
				id: name,
				tenant: 'admin',
				name,
				state: 'SERVICE_ACTIVE_STATE',
				vmGroups: [group],
				vms: [{ name: `${name}_${group}_0_${randomUUID().slice(0, 8)}`, group, uuid: randomUUID(), state: 'VM_ALIVE_STATE' }],
				dataModel: '',
				groupDefinitions: new Map(),
			});
		}
		return benchSimulator(sim, { baseUrl: sim.baseUrl, username: sim.username, password: sim.password }, items);
	},
	// Basic authentication on every request: no sign-in.
	isLogin: () => false,
	credential: (info) => ({
		id: 'benchEscCred0001',
		name: 'ESC simulator',
		type: 'ciscoEscApi',
		data: { baseUrl: info.baseUrl, username: info.username, password: info.password, allowSelfSigned: false },
	}),
	placeholders: (info) => ({ ESC_URL: info.baseUrl }),
	ourNode: { id: 'benchEscNode0001', measuredNodes: ['List Deployments'], outputNode: 'List Deployments' },
	httpRequestNode: { id: 'benchEscHttp0001', measuredNodes: ['List Deployments', 'XML to JSON', 'Split Out Items'], outputNode: 'Split Out Items' },
	minimalClient: { script: 'esc.cjs', args: (info) => [info.baseUrl, info.username, info.password] },
};
