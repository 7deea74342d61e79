import { startDsccSimulator } from '../simulators/dscc';

/**
 * The DSCC simulator in a process of its own, for profiling the client side alone: prints its
 * address and logins as one JSON line and serves until its parent closes stdin.
 */
async function main(): Promise<void> {
	const sim = await startDsccSimulator({ volumes: Number(process.env.SIM_VOLUMES ?? 10_000) });
	const delayMs = Number(process.env.SIM_DELAY_MS ?? 0);
	if (delayMs > 0) sim.addFault({ delayMs });
	process.stdout.write(JSON.stringify({ url: sim.url, tokenUrl: sim.tokenUrl, clientId: sim.clientId, clientSecret: sim.clientSecret }) + '\n');
	process.stdin.resume();
	process.stdin.on('end', () => void sim.close().then(() => process.exit(0)));
}

void main();
