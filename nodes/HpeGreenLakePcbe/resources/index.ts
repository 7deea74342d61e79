import type { ResourceDefinition } from '../../shared/operations';
import { asyncOperation } from './asyncOperation';
import { configurationAnalysisReport } from './configurationAnalysisReport';
import { datastore, hypervisorCluster, hypervisorHost, hypervisorManager } from './infrastructure';
import { softwareCatalog } from './softwareCatalog';
import { system } from './system';
import { virtualMachine } from './virtualMachine';
import { vmProvisioningPolicy } from './vmProvisioningPolicy';

/** Every resource of the node, in the order the Resource selector shows them. */
export const resources: ResourceDefinition[] = [
	virtualMachine,
	system,
	softwareCatalog,
	vmProvisioningPolicy,
	configurationAnalysisReport,
	datastore,
	hypervisorCluster,
	hypervisorHost,
	hypervisorManager,
	asyncOperation,
];
