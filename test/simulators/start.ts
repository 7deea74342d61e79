import type { RunningSimulator } from '../harness/vendors';
import { vendors } from '../harness/vendors';

/**
 * Starts every vendor simulator for the demo, prints their addresses and logins as one JSON line
 * (`{"simulators": {"dscc": {...}, ...}}`), and runs until interrupted. Each vendor's port comes
 * from its own variable (DSCC_SIM_PORT, ...), else its default.
 */
async function main(): Promise<void> {
	const running: RunningSimulator<unknown>[] = [];
	const info: Record<string, unknown> = {};
	for (const vendor of vendors) {
		const port = Number(process.env[vendor.portVariable] ?? vendor.defaultPort);
		const simulator = await vendor.start({ port });
		running.push(simulator);
		info[vendor.key] = simulator.info;
	}
	process.stdout.write(JSON.stringify({ simulators: info }) + '\n');
	const stop = async () => {
		await Promise.all(running.map((simulator) => simulator.close()));
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
	process.stderr.write(`Simulators failed to start: ${error.message}\n`);
	process.exit(1);
});
