import { startGreenLakeSimulator } from '../../simulators/greenlake';
import { VIRT } from '../../simulators/greenlake/virtualization';
import { hpeOffsetTarget } from './hpe';

/** HPE GreenLake PCBE: Return All of the virtual machines, its largest listing. */
export const greenLakeTarget = hpeOffsetTarget({
	key: 'greenlake',
	title: 'HPE GreenLake Private Cloud Business Edition: Return All of the virtual machines',
	itemsLabel: 'virtual machines',
	start: async (items) => await startGreenLakeSimulator({ virtualMachines: items }),
	credential: { id: 'benchPcbeCred001', name: 'GreenLake simulator' },
	urlPlaceholder: 'GREENLAKE_URL',
	listNode: 'List VMs',
	workflowIds: { ourNode: 'benchPcbeNode001', httpRequestNode: 'benchPcbeHttp001' },
	listPath: `${VIRT}/virtual-machines`,
});
