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
import { vmOperation } from './vmOperation';
import { volume } from './volume';

/** Every resource of the node, in the order the Resource selector shows them. */
export const resources: ResourceDefinition[] = [
	deployment,
	deploymentOperation,
	vmOperation,
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
