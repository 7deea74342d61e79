import { cloutilityEnvironment } from './cloutility';
import { dciManagerEnvironment } from './dcimanager';
import { dsccEnvironment } from './dscc';
import { escEnvironment } from './esc';
import { greenLakeEnvironment } from './greenlake';
import { chatModelEnvironment } from './openai';
import type { VendorEnvironment } from './types';

export type { RunningSimulator, VendorEnvironment } from './types';

/**
 * Every vendor the demo, `npm run simulators` and the editor check start a simulator for, and the
 * chat model the AI agent demo workflow asks.
 */
export const vendors: VendorEnvironment[] = [
	dsccEnvironment as unknown as VendorEnvironment,
	cloutilityEnvironment as unknown as VendorEnvironment,
	greenLakeEnvironment as unknown as VendorEnvironment,
	dciManagerEnvironment as unknown as VendorEnvironment,
	escEnvironment as unknown as VendorEnvironment,
	chatModelEnvironment as unknown as VendorEnvironment,
];
