import { benchTarget } from './targets';
import type { BenchSimulator } from './targets';
import type { SimulatorCommand, SimulatorMessage } from './simulator-remote';

/**
 * One vendor's bench simulator in a process of its own, so that serving pages does not share the
 * event loop (and the CPU time) of the client being measured. Started by `startSimulatorProcess`
 * with BENCH_TARGET and BENCH_ITEMS; answers its commands over the IPC channel and stops when the
 * parent disconnects.
 */
async function main(): Promise<void> {
	const send = (message: SimulatorMessage) => process.send!(message);
	const sim: BenchSimulator = await benchTarget(process.env.BENCH_TARGET ?? '').startSimulator(Number(process.env.BENCH_ITEMS));
	process.on('message', (command: SimulatorCommand) => {
		if (command.type === 'requestsSince') send({ id: command.id, requests: sim.requests().slice(command.from) });
		else if (command.type === 'setDelay') {
			sim.setDelay(command.delayMs);
			send({ id: command.id });
		}
	});
	process.on('disconnect', () => void sim.close().then(() => process.exit(0)));
	send({ id: 0, ready: { info: sim.info, items: sim.items } });
}

main().catch((error: Error) => {
	process.stderr.write(`Bench simulator failed: ${error.stack ?? error.message}\n`);
	process.exit(1);
});
