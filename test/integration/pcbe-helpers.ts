import type { IDataObject } from 'n8n-workflow';

import { HpeGreenLakePcbe } from '../../nodes/HpeGreenLakePcbe/HpeGreenLakePcbe.node';
import { executeNode, greenLakeCredential, loadOptionsContext } from '../harness/context';
import type { Parameters } from '../harness/context';
import type { GreenLakeSimulator } from '../simulators/greenlake';
import type { Item } from '../simulators/greenlake/context';

export const node = new HpeGreenLakePcbe();

export const locator = (value: string) => ({ __rl: true, mode: 'id', value });

/** The version a new PCBE node gets. */
export const LATEST_VERSION = 1.1;

/** Runs the PCBE node (its latest version unless given) once against the simulator and returns its output items. */
export async function runNode(sim: GreenLakeSimulator, resource: string, parameters: Parameters, continueOnFail = false, typeVersion = LATEST_VERSION): Promise<IDataObject[]> {
	const items = await executeNode({ nodeType: node, credentials: greenLakeCredential(sim), parameters: { resource, ...parameters }, continueOnFail, typeVersion });
	return items.map((item) => item.json);
}

export function listSearchContext(sim: GreenLakeSimulator) {
	return loadOptionsContext({ nodeType: node, credentials: greenLakeCredential(sim) });
}

export function records(sim: GreenLakeSimulator, collection: string): Item[] {
	return [...sim.context.collection(collection).values()];
}

export function byName(sim: GreenLakeSimulator, collection: string, name: string): Item {
	const found = records(sim, collection).find((record) => record.name === name);
	if (!found) throw new Error(`No ${collection} named ${name} in the simulator`);
	return found;
}

/** API requests only (not the token endpoint). */
export function apiRequests(sim: GreenLakeSimulator) {
	return sim.requests().filter((request) => !request.path.startsWith('/as/'));
}
