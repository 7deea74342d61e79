import type { DsccContext } from '../context';
import { registerCore, seedCore } from './core';
import { registerStorage, seedStorage } from './storage';
import { hardwareRoutes } from './hardware';
import { registerHosts, seedHosts } from './hosts';
import { registerVolumeSets, seedVolumeSets } from './volumeSets';

/** A group of DSCC endpoints: its seeded data and its routes. */
export interface DsccRouteModule {
	seed?(context: DsccContext): void;
	register(context: DsccContext): void;
}

/** Every endpoint group of the simulator; seeded in this order (later groups may use earlier data). */
export const routeModules: DsccRouteModule[] = [{ seed: seedCore, register: registerCore }, { seed: seedStorage, register: registerStorage }, hardwareRoutes, { seed: seedHosts, register: registerHosts }, { seed: seedVolumeSets, register: registerVolumeSets }];
