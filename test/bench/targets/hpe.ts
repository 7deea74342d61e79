import { greenLakeCredential } from '../../e2e/harness/credentials';
import { SSO_PATH } from '../../simulators/dscc';
import { benchSimulator } from './simulator';
import type { BenchTarget, SimulatorInfo } from './types';

interface HpeSimulator {
	url: string;
	tokenUrl: string;
	clientId: string;
	clientSecret: string;
	otherClient: { clientId: string; clientSecret: string };
}

/**
 * A Return All over an HPE GreenLake API (client-credentials token, offset paging). The minimal
 * client signs in as a second API client, so its tokens do not revoke n8n's.
 */
export function hpeOffsetTarget(target: {
	key: string;
	title: string;
	itemsLabel: string;
	start(items: number): Promise<HpeSimulator & Parameters<typeof benchSimulator>[0]>;
	credential: { id: string; name: string };
	urlPlaceholder: string;
	/** The listing node's name in both workflows, and the IDs of those workflows. */
	listNode: string;
	workflowIds: { ourNode: string; httpRequestNode: string };
	listPath: string;
}): BenchTarget {
	return {
		key: target.key,
		title: target.title,
		itemsLabel: target.itemsLabel,
		defaultItems: 10_000,
		startSimulator: async (items) => {
			const sim = await target.start(items);
			const { url, tokenUrl, clientId, clientSecret, otherClient } = sim;
			const info: SimulatorInfo = { url, tokenUrl, clientId, clientSecret, otherClientId: otherClient.clientId, otherClientSecret: otherClient.clientSecret };
			return benchSimulator(sim, info, items);
		},
		isLogin: (request) => request.path === SSO_PATH,
		credential: (info) =>
			greenLakeCredential(target.credential.id, target.credential.name, { url: info.url, tokenUrl: info.tokenUrl, clientId: info.clientId, clientSecret: info.clientSecret }),
		placeholders: (info) => ({ [target.urlPlaceholder]: info.url }),
		ourNode: { id: target.workflowIds.ourNode, measuredNodes: [target.listNode], outputNode: target.listNode },
		httpRequestNode: { id: target.workflowIds.httpRequestNode, measuredNodes: [target.listNode, 'Split Out Items'], outputNode: 'Split Out Items' },
		minimalClient: {
			script: 'greenlake-offset.cjs',
			args: (info) => [info.tokenUrl, `${info.url}${target.listPath}`, info.otherClientId, info.otherClientSecret],
		},
	};
}
