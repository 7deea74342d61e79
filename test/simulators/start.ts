import { startDsccSimulator } from './dscc';

/**
 * Starts every vendor simulator for the demo and benchmarks, prints their addresses and logins as
 * one JSON line, and runs until interrupted. Ports: DSCC_SIM_PORT (default 18081).
 */
async function main(): Promise<void> {
	const volumes = Number(process.env.DSCC_SIM_VOLUMES ?? 60);
	const dscc = await startDsccSimulator({ port: Number(process.env.DSCC_SIM_PORT ?? 18081), volumes });
	process.stdout.write(
		JSON.stringify({ dscc: { url: dscc.url, tokenUrl: dscc.tokenUrl, clientId: dscc.clientId, clientSecret: dscc.clientSecret } }) + '\n',
	);
	const stop = async () => {
		await dscc.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
	process.stderr.write(`Simulators failed to start: ${error.message}\n`);
	process.exit(1);
});
