import type { ResourceDefinition } from '../../shared/operations';
import { storageSystem } from './storageSystem';
import { auditEvent } from './auditEvent';
import { controller } from './controller';
import { disk } from './disk';
import { enclosure } from './enclosure';
import { issue } from './issue';
import { port } from './port';
import { protectionTemplate } from './protectionTemplate';
import { task } from './task';
import { hostGroup } from './hostGroup';
import { host } from './host';
import { initiator } from './initiator';
import { volumeSet } from './volumeSet';
import { volume } from './volume';
import { snapshot } from './snapshot';
import { storagePool } from './storagePool';

/** Every resource of the node, in the order the Resource selector shows them. */
export const resources: ResourceDefinition[] = [storageSystem, task, controller, port, enclosure, disk, protectionTemplate, issue, auditEvent, hostGroup, host, initiator, volumeSet, volume, snapshot, storagePool];
