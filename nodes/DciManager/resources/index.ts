import type { ResourceDefinition } from '../../shared/operations';
import { ipAddress, ipNetwork, location, networkSwitch, operation, osTemplate, rack } from './inventory';
import { server } from './server';
import { user } from './user';

/** Every resource of the node, in the order the Resource selector shows them. */
export const resources: ResourceDefinition[] = [server, user, location, rack, networkSwitch, ipAddress, ipNetwork, osTemplate, operation];
