import type { Fault, RecordedRequest } from '../../simulators/framework/server';
import type { BenchSimulator, SimulatorInfo } from './types';

/** The parts every vendor simulator shares that the bench uses. */
interface AnySimulator {
	requests(): RecordedRequest[];
	addFault(fault: Fault): void;
	clearFaults(): void;
	close(): Promise<void>;
}

/** A started vendor simulator, as the bench drives it. */
export function benchSimulator(sim: AnySimulator, info: SimulatorInfo, items: number): BenchSimulator {
	return {
		info,
		items,
		requests: () => sim.requests().map(({ method, path }) => ({ method, path })),
		setDelay: (delayMs) => {
			sim.clearFaults();
			if (delayMs > 0) sim.addFault({ delayMs });
		},
		close: () => sim.close(),
	};
}
