import type { ResourceDefinition } from '../../shared/operations';
import { backupNode } from './backupNode';
import { backupResult } from './backupResult';
import { billing } from './billing';
import { businessUnit } from './businessUnit';
import { consumptionUnit } from './consumptionUnit';
import { system } from './system';

/** Every resource of the node, in the order the Resource selector shows them. */
export const resources: ResourceDefinition[] = [businessUnit, consumptionUnit, backupNode, backupResult, billing, system];
