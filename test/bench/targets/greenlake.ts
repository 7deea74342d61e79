import { greenLakeCredential } from '../../e2e/harness/credentials';
import { SSO_PATH, startGreenLakeSimulator } from '../../simulators/greenlake';
import { VIRT } from '../../simulators/greenlake/virtualization';
import { benchSimulator } from './simulator';
import type { BenchTarget } from './types';

/** HPE GreenLake PCBE: Return All of the virtual machines, its largest listing. */
export const greenLakeTarget: BenchTarget = {
	key: 'greenlake',
	title: 'HPE GreenLake Private Cloud Business Edition: Return All of the virtual machines',
	itemsLabel: 'virtual machines',
	defaultItems: 10_000,
	startSimulator: async (items) => {
		const sim = await startGreenLakeSimulator({ virtualMachines: items });
		const { url, tokenUrl, clientId, clientSecret, otherClient } = sim;
		return benchSimulator(
			sim,
			{ url, tokenUrl, clientId, clientSecret, otherClientId: otherClient.clientId, otherClientSecret: otherClient.clientSecret },
			items,
		);
	},
	isLogin: (request) => request.path === SSO_PATH,
	credential: (info) =>
		greenLakeCredential('benchPcbeCred001', 'GreenLake simulator', { url: info.url, tokenUrl: info.tokenUrl, clientId: info.clientId, clientSecret: info.clientSecret }),
	placeholders: (info) => ({ GREENLAKE_URL: info.url }),
	ourNode: { id: 'benchPcbeNode001', measuredNodes: ['List VMs'], outputNode: 'List VMs' },
	httpRequestNode: { id: 'benchPcbeHttp001', measuredNodes: ['List VMs', 'Split Out Items'], outputNode: 'Split Out Items' },
	minimalClient: {
		script: 'greenlake-offset.cjs',
		args: (info) => [info.tokenUrl, `${info.url}${VIRT}/virtual-machines`, info.otherClientId, info.otherClientSecret],
	},
};
