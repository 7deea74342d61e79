import type { ResourceDefinition } from '../../shared/operations';
import { storageSystem } from './storageSystem';
import { task } from './task';

/** Every resource of the node, in the order the Resource selector shows them. */
export const resources: ResourceDefinition[] = [storageSystem, task];
