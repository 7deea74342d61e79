import * as fs from 'node:fs';
import * as path from 'node:path';

import { REPO_ROOT } from '../e2e/harness/build';
import type { N8nServer } from '../e2e/harness/n8n';
import { N8nInstance, loadWorkflows, newOwnerAccount } from '../e2e/harness/n8n';
import {
	hasRunningProcesses,
	isRunning,
	portInUse,
	startBackground,
	stopAllProcesses,
	tail,
	waitFor,
} from '../e2e/harness/processes';
import { vendors } from './vendors';

/**
 * `npm run demo`: a real n8n with this package installed, the vendor simulators behind it, a
 * credential pointing at them, example workflows, and an owner login. Runs until Ctrl-C, then
 * stops everything it started.
 */
const DEMO_DIR = path.join(REPO_ROOT, '.demo');
const WORKFLOWS_DIR = path.join(REPO_ROOT, 'test/demo/workflows');
const N8N_PORT = Number(process.env.DEMO_N8N_PORT ?? 5678);
const BROKER_PORT = Number(process.env.DEMO_N8N_BROKER_PORT ?? 5679);
const simulatorPort = (vendor: (typeof vendors)[number]) =>
	Number(process.env[vendor.portVariable] ?? vendor.defaultPort);
/** Published (active) on start, so the triggers poll the simulators. */
const ACTIVE_WORKFLOWS = vendors.flatMap((vendor) => vendor.activeDemoWorkflows ?? []);

/** What `npm run simulators` prints: each vendor's simulator info by vendor key. */
type SimulatorInfo = Record<string, Record<string, unknown>>;

let stopping: Promise<void> | undefined;

function say(message: string): void {
	process.stdout.write(`${message}\n`);
}

async function main(): Promise<void> {
	await assertPortsFree();
	fs.mkdirSync(DEMO_DIR, { recursive: true });
	// The previous run's folder is kept until now, for its logs.
	for (const entry of fs.readdirSync(DEMO_DIR)) {
		if (entry.startsWith('n8n-') || entry === 'simulators.log')
			fs.rmSync(path.join(DEMO_DIR, entry), { recursive: true, force: true });
	}

	say('Starting the vendor simulators...');
	const simulators = await startSimulators();

	say('Building and packing the package, installing it into a fresh n8n user folder...');
	const n8n = await N8nInstance.create({
		name: 'n8n',
		baseDir: DEMO_DIR,
		port: N8N_PORT,
		brokerPort: BROKER_PORT,
		// Only reachable on this machine over plain HTTP; a secure cookie would need HTTPS elsewhere.
		env: { N8N_SECURE_COOKIE: 'false' },
	});

	say('Importing the simulator credentials and the example workflows...');
	await n8n.importCredentials(vendors.flatMap((vendor) => vendor.credentials(simulators.info[vendor.key])));
	const placeholders = Object.assign({}, ...vendors.map((vendor) => vendor.placeholders(simulators.info[vendor.key])));
	const workflows = loadWorkflows(WORKFLOWS_DIR, placeholders);
	await n8n.importWorkflows(workflows);

	say(`Starting n8n on port ${N8N_PORT} (10 to 30 seconds)...`);
	const server = await n8n.startServer({ timeoutMs: 180_000 });
	// A new password every run (the folder is new too); DEMO_OWNER_PASSWORD picks a fixed one.
	const owner = {
		...newOwnerAccount(),
		...(process.env.DEMO_OWNER_PASSWORD ? { password: process.env.DEMO_OWNER_PASSWORD } : {}),
	};
	await server.setupOwner(owner);
	for (const id of ACTIVE_WORKFLOWS) {
		try {
			await server.activateWorkflow(id);
		} catch (error) {
			say(`Warning: could not activate workflow ${id}: ${(error as Error).message}`);
		}
	}

	const url = `http://localhost:${N8N_PORT}`;
	say('');
	say('==================================================================');
	say(` n8n is running:  ${url}`);
	say(` Log in with:     ${owner.email}`);
	say(` Password:        ${owner.password}`);
	say('');
	for (const vendor of vendors) {
		const credentials = vendor.credentials(simulators.info[vendor.key]).map((credential) => `"${credential.name}"`);
		say(` ${vendor.displayName} simulator: ${String(simulators.info[vendor.key].url)} (credential ${credentials.join(', ')})`);
	}
	say(' Workflows:');
	for (const workflow of workflows) {
		say(
			`   - ${workflow.name}${ACTIVE_WORKFLOWS.includes(workflow.id) ? ' (active)' : ''}: ${url}/workflow/${workflow.id}`,
		);
	}
	say(
		` Logs:            ${path.relative(REPO_ROOT, n8n.userFolder)}/server.log, .demo/simulators.log`,
	);
	say('');
	say(' Press Ctrl-C to stop.');
	say('==================================================================');

	await watch(server, simulators.process);
}

async function assertPortsFree(): Promise<void> {
	const ports: Array<[number, string, string]> = [
		[N8N_PORT, 'n8n', 'DEMO_N8N_PORT'],
		[BROKER_PORT, "n8n's task runner broker", 'DEMO_N8N_BROKER_PORT'],
		...vendors.map((vendor): [number, string, string] => [
			simulatorPort(vendor),
			`the ${vendor.displayName} simulator`,
			vendor.portVariable,
		]),
	];
	for (const [port, what, variable] of ports) {
		if (await portInUse(port)) {
			throw new Error(
				`Port ${port} (for ${what}) is already in use. Stop whatever listens on it (another n8n or demo?), or choose another port with ${variable}=<port>.`,
			);
		}
	}
}

async function startSimulators(): Promise<{
	info: SimulatorInfo;
	process: ReturnType<typeof startBackground>;
}> {
	const logFile = path.join(DEMO_DIR, 'simulators.log');
	const child = startBackground(
		path.join(REPO_ROOT, 'node_modules/.bin/tsx'),
		['test/simulators/start.ts'],
		{
			cwd: REPO_ROOT,
			env: {
				...process.env,
				...Object.fromEntries(vendors.map((vendor) => [vendor.portVariable, String(simulatorPort(vendor))])),
			},
			logFile,
		},
	);
	const info = await waitFor(
		'the simulators to print their addresses',
		async () => {
			if (!isRunning(child))
				throw new Error(`the simulators exited:\n${tail(fs.readFileSync(logFile, 'utf8'))}`);
			const line = fs
				.readFileSync(logFile, 'utf8')
				.split('\n')
				.find((text) => text.startsWith('{"simulators"'));
			return line ? (JSON.parse(line) as { simulators: SimulatorInfo }).simulators : undefined;
		},
		{ timeoutMs: 60_000, intervalMs: 200, onTimeout: () => tail(fs.readFileSync(logFile, 'utf8')) },
	);
	return { info, process: child };
}

/** Returns when n8n or the simulators die on their own (Ctrl-C is handled by the signal handlers). */
async function watch(
	server: N8nServer,
	simulators: ReturnType<typeof startBackground>,
): Promise<void> {
	await new Promise<void>((resolve) => {
		const died = (what: string, logHint: string) => () => {
			if (stopping) return;
			say(`\n${what} stopped unexpectedly; see ${logHint}. Stopping the demo.`);
			process.exitCode = 1;
			resolve();
		};
		server.process.once('exit', died('n8n', server.logFile));
		simulators.once('exit', died('The simulators', '.demo/simulators.log'));
	});
	await shutdown();
}

async function shutdown(): Promise<void> {
	stopping ??= (async () => {
		if (!hasRunningProcesses()) return;
		say('Stopping n8n and the simulators...');
		await stopAllProcesses();
		say('Stopped.');
	})();
	await stopping;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.on(signal, () => {
		if (stopping) return;
		void shutdown().then(() => process.exit(process.exitCode ?? 0));
	});
}

main().catch(async (error: Error) => {
	process.stderr.write(`\nThe demo could not start: ${error.message}\n`);
	await shutdown();
	process.exit(1);
});
