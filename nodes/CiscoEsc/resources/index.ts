import type { ResourceDefinition } from '../../shared/operations';
import { configParameter } from './configParameter';
import { deployment } from './deployment';
import { deploymentOperation } from './deploymentOperation';
import { fileServer } from './fileServer';
import { flavor } from './flavor';
import { host } from './host';
import { image } from './image';
import { network } from './network';
import { operationMode } from './operationMode';
import { subnet } from './subnet';
import { systemState } from './systemState';
import { tenant } from './tenant';
import { truststore } from './truststore';
import { vimConnector } from './vimConnector';
import { vimUser } from './vimUser';
import { vm, vmOperation } from './vmOperation';
import { volume } from './volume';

/** Every resource of the node, in the order the Resource selector shows them. */
export const resources: ResourceDefinition[] = [
	deployment,
	vm,
	tenant,
	network,
	subnet,
	image,
	flavor,
	volume,
	vimConnector,
	vimUser,
	configParameter,
	operationMode,
	host,
	systemState,
	fileServer,
	truststore,
];

/**
 * Resources only nodes saved at version 1 show: their start, stop, reboot... are now operations of
 * Deployment and VM, and run the same code.
 */
export const firstVersionResources: ResourceDefinition[] = [deployment, deploymentOperation, vmOperation, ...resources.filter((resource) => resource !== deployment && resource !== vm)];
