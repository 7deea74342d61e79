import { cloutilityTarget } from './cloutility';
import { dciManagerTarget } from './dcimanager';
import { dsccTarget } from './dscc';
import { escTarget } from './esc';
import { greenLakeTarget } from './greenlake';
import type { BenchTarget } from './types';

export type { BenchSimulator, BenchTarget, BenchWorkflow, LoggedRequest, SimulatorInfo } from './types';

/** Every vendor `npm run bench` measures, in report order. */
export const benchTargets: BenchTarget[] = [dsccTarget, greenLakeTarget, dciManagerTarget, escTarget, cloutilityTarget];

export function benchTarget(key: string): BenchTarget {
	const target = benchTargets.find((candidate) => candidate.key === key);
	if (!target) throw new Error(`No bench target "${key}"; known: ${benchTargets.map((candidate) => candidate.key).join(', ')}`);
	return target;
}
