import { startDsccSimulator } from '../../simulators/dscc';
import { hpeOffsetTarget } from './hpe';

/** HPE DSCC: Return All of the volumes, the listing storage teams run largest. */
export const dsccTarget = hpeOffsetTarget({
	key: 'dscc',
	title: 'HPE Data Services Cloud Console: Return All of the volumes',
	itemsLabel: 'volumes',
	start: async (items) => await startDsccSimulator({ volumes: items }),
	credential: { id: 'benchDsccCred001', name: 'DSCC simulator' },
	urlPlaceholder: 'DSCC_URL',
	listNode: 'List Volumes',
	workflowIds: { ourNode: 'benchDsccNode001', httpRequestNode: 'benchDsccHttp001' },
	listPath: '/api/v1/volumes',
});
