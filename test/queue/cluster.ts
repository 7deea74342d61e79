import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { CredentialImport, N8nServer, WorkflowFile } from '../e2e/harness/n8n';
import { N8nInstance, newOwnerAccount } from '../e2e/harness/n8n';
import { freePort, isRunning, startBackground, stopProcessGroup, tail, waitFor } from '../e2e/harness/processes';
import type { QueueServices } from './services';

/**
 * n8n in queue mode as the README tells operators to run it: one main process (editor, REST API,
 * polling triggers), workers that run the executions, and a webhook process that takes production
 * webhook calls, all sharing PostgreSQL and Redis and one `.n8n/nodes` folder with the packed
 * package installed (one volume every process mounts).
 */
export interface QueueClusterOptions {
	workers: number;
	/** Executions one worker runs at once (`n8n worker --concurrency`). */
	workerConcurrency: number;
	/** The webhook process's port, when the caller needs its URL before the start (callback URLs). */
	webhookPort?: number;
}

interface Sidecar {
	role: string;
	url?: string;
	process: ChildProcess;
	logFile: string;
}

export class QueueCluster {
	private constructor(
		readonly n8n: N8nInstance,
		readonly main: N8nServer,
		readonly webhookUrl: string,
		private readonly sidecars: Sidecar[],
	) {}

	static async start(
		services: QueueServices,
		setup: { credentials: CredentialImport[]; workflows: WorkflowFile[]; active: string[] },
		options: QueueClusterOptions,
	): Promise<QueueCluster> {
		const webhookPort = options.webhookPort ?? (await freePort());
		const webhookUrl = `http://127.0.0.1:${webhookPort}`;
		const n8n = await N8nInstance.create({
			name: 'queue',
			env: {
				EXECUTIONS_MODE: 'queue',
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: services.postgres.host,
				DB_POSTGRESDB_PORT: String(services.postgres.port),
				DB_POSTGRESDB_DATABASE: services.postgres.database,
				DB_POSTGRESDB_USER: services.postgres.user,
				DB_POSTGRESDB_PASSWORD: '',
				DB_POSTGRESDB_POOL_SIZE: '10',
				QUEUE_BULL_REDIS_HOST: services.redis.host,
				QUEUE_BULL_REDIS_PORT: String(services.redis.port),
				OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
				// Production webhook URLs the editor shows point at the webhook process.
				N8N_WEBHOOK_URL: `${webhookUrl}/`,
				// Keep every execution, to count them.
				EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
				EXECUTIONS_DATA_PRUNE: 'false',
			},
		});
		if (setup.credentials.length) await n8n.importCredentials(setup.credentials);
		if (setup.workflows.length) await n8n.importWorkflows(setup.workflows);

		const sidecars: Sidecar[] = [];
		const sidecar = async (role: string, args: string[], port?: number): Promise<Sidecar> => {
			const logFile = path.join(n8n.userFolder, `${role}.log`);
			const env = n8n.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...(port ? { N8N_PORT: String(port) } : {}) });
			const child = startBackground(n8n.runtime.nodeBinary, [n8n.runtime.n8nBin, ...args], { cwd: n8n.userFolder, env, logFile });
			const started = { role, process: child, logFile, url: port ? `http://127.0.0.1:${port}` : undefined };
			sidecars.push(started);
			return started;
		};

		// The main process runs the database migrations; the others start once it is up.
		const main = await n8n.startServer({ timeoutMs: 240_000 });
		let ready = false;
		try {
			await main.setupOwner(newOwnerAccount());
			// Activated as the editor's Publish button does (the CLI's publish boots n8n once per workflow).
			for (const id of setup.active) await main.activateWorkflow(id, { timeoutMs: 120_000 });
			const workers = await Promise.all(
				Array.from({ length: options.workers }, (_, index) => sidecar(`worker-${index + 1}`, ['worker', `--concurrency=${options.workerConcurrency}`])),
			);
			const webhook = await sidecar('webhook', ['webhook'], webhookPort);
			await Promise.all([
				...workers.map((worker) => waitForLog(worker, /n8n worker is now ready/)),
				waitForLog(webhook, /Webhook listener waiting for requests/),
			]);
			ready = true;
		} finally {
			if (!ready) await Promise.all([...sidecars.map((s) => stopProcessGroup(s.process)), main.stop()]);
		}
		return new QueueCluster(n8n, main, webhookUrl, sidecars);
	}

	/** The log of each worker, the webhook process and the main process, by role. */
	logs(): Record<string, string> {
		const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
		return {
			main: this.main.log(),
			...Object.fromEntries(this.sidecars.map((s) => [s.role, read(s.logFile)])),
		};
	}

	/** Processes that died on their way, with the end of their log. */
	deadProcesses(): string[] {
		return [
			...(isRunning(this.main.process) ? [] : [`main:\n${tail(this.main.log())}`]),
			...this.sidecars.filter((s) => !isRunning(s.process)).map((s) => `${s.role}:\n${tail(fs.readFileSync(s.logFile, 'utf8'))}`),
		];
	}

	async stop(): Promise<void> {
		await Promise.all([...this.sidecars.map((s) => stopProcessGroup(s.process)), this.main.stop()]);
	}
}

async function waitForLog(process: Sidecar, ready: RegExp): Promise<void> {
	await waitFor(
		`the ${process.role} process to start`,
		async () => {
			const log = fs.existsSync(process.logFile) ? fs.readFileSync(process.logFile, 'utf8') : '';
			if (!isRunning(process.process)) throw new Error(`n8n ${process.role} exited:\n${tail(log)}`);
			return ready.test(log) ? true : undefined;
		},
		{ timeoutMs: 240_000, intervalMs: 500, onTimeout: () => tail(fs.readFileSync(process.logFile, 'utf8')) },
	);
}
