import { greenLakeCredential } from '../../e2e/harness/credentials';
import { SSO_PATH, startDsccSimulator } from '../../simulators/dscc';
import { benchSimulator } from './simulator';
import type { BenchTarget } from './types';

/** HPE DSCC: Return All of the volumes, the listing storage teams run largest. */
export const dsccTarget: BenchTarget = {
	key: 'dscc',
	title: 'HPE Data Services Cloud Console: Return All of the volumes',
	itemsLabel: 'volumes',
	defaultItems: 10_000,
	startSimulator: async (items) => {
		const sim = await startDsccSimulator({ volumes: items });
		const { url, tokenUrl, clientId, clientSecret, otherClient } = sim;
		return benchSimulator(
			sim,
			// The minimal client signs in as a second API client, so its tokens do not revoke n8n's.
			{ url, tokenUrl, clientId, clientSecret, otherClientId: otherClient.clientId, otherClientSecret: otherClient.clientSecret },
			items,
		);
	},
	isLogin: (request) => request.path === SSO_PATH,
	credential: (info) =>
		greenLakeCredential('benchDsccCred001', 'DSCC simulator', { url: info.url, tokenUrl: info.tokenUrl, clientId: info.clientId, clientSecret: info.clientSecret }),
	placeholders: (info) => ({ DSCC_URL: info.url }),
	ourNode: { id: 'benchDsccNode001', measuredNodes: ['List Volumes'], outputNode: 'List Volumes' },
	httpRequestNode: { id: 'benchDsccHttp001', measuredNodes: ['List Volumes', 'Split Out Items'], outputNode: 'Split Out Items' },
	minimalClient: {
		script: 'greenlake-offset.cjs',
		args: (info) => [info.tokenUrl, `${info.url}/api/v1/volumes`, info.otherClientId, info.otherClientSecret],
	},
};
