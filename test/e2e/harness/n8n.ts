import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { N8nRuntime } from './build';
import { E2E_DIR, PACKAGE_NAME, ensureN8nInstalled, packPackage } from './build';
import type { CommandResult } from './processes';
import {
	freePort,
	isRunning,
	runCommand,
	startBackground,
	stopProcessGroup,
	tail,
	waitFor,
} from './processes';
import { SecretScan } from './secrets';
import type { Json, WorkflowFile, WorkflowRun } from './workflows';
import { parseFlatted, toWorkflowRun } from './workflows';

export { PACKAGE_NAME, ensureN8nInstalled, packPackage } from './build';
export type { Json, WorkflowFile, WorkflowRun } from './workflows';
export { loadWorkflow, loadWorkflows, parseFlatted } from './workflows';

/** Node types our package must register (a `usableAsTool` node also appears as `<name>Tool`). */
export const OUR_NODE_TYPES = [
	'hpeDscc',
	'hpeDsccTool',
	'hpeDsccTrigger',
	'hpeGreenLakePcbe',
	'hpeGreenLakePcbeTool',
	'hpeGreenLakePcbeTrigger',
	'dciManager',
	'dciManagerTool',
	'dciManagerTrigger',
	'ciscoEsc',
	'ciscoEscTool',
	'ciscoEscTrigger',
	'cloutility',
	'cloutilityTool',
	'cloutilityTrigger',
	'cloutilityBillingTrigger',
].map((name) => `${PACKAGE_NAME}.${name}`);
export const OUR_CREDENTIAL_TYPES = ['hpeGreenLakeOAuth2Api', 'dciManagerApi', 'ciscoEscApi', 'cloutilityApi'];

/** A boot of n8n takes 5-30 s here; the migrations of a fresh folder are part of the first one. */
const COMMAND_TIMEOUT_MS = 3 * 60_000;

export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	/** Plain values; `import:credentials` encrypts them. */
	data: Json;
}

export interface N8nInstanceOptions {
	/** Part of the user folder's name, for finding it while debugging. */
	name?: string;
	/** Where the user folder goes; default .e2e/instances/. */
	baseDir?: string;
	/** Extra environment for every n8n command of this instance. */
	env?: NodeJS.ProcessEnv;
	/** Fixed ports (the demo); free ones are picked otherwise. */
	port?: number;
	brokerPort?: number;
}

export interface OwnerAccount {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** An owner login for a throwaway instance; the password is new on every call (n8n wants a digit and a capital). */
export function newOwnerAccount(): OwnerAccount {
	return {
		email: 'owner@example.com',
		password: `Demo-${randomBytes(6).toString('hex')}-N8n`,
		firstName: 'Demo',
		lastName: 'Owner',
	};
}

/**
 * Log lines that mean a node or credential did not load. n8n logs these and carries on with the
 * rest, so a broken package would otherwise only show up as a missing node.
 */
const LOAD_ERROR =
	/failed to load|could not be found|is already loaded|unknown credential|skipping package|unrecognized (node|credential)|is not a constructor|cannot find module|failed to parse json/i;

/**
 * A real n8n with this package installed the way n8n installs a community package, in a throwaway
 * user folder. Each CLI command boots n8n (5-30 s); batch work into few commands.
 */
export class N8nInstance {
	/** The secrets this instance was given or saw; `cleanup` fails the run when n8n shows one. */
	readonly secrets = new SecretScan();

	private constructor(
		readonly runtime: N8nRuntime,
		readonly userFolder: string,
		readonly tarball: string,
		readonly port: number,
		readonly brokerPort: number,
		private readonly encryptionKey: string,
		private readonly extraEnv: NodeJS.ProcessEnv,
	) {}

	/** Installs n8n if needed, packs the package (once per source state) and installs it into a new user folder. */
	static async create(options: N8nInstanceOptions = {}): Promise<N8nInstance> {
		const [runtime, tarball] = await Promise.all([ensureN8nInstalled(), packPackage()]);
		const baseDir = options.baseDir ?? path.join(E2E_DIR, 'instances');
		fs.mkdirSync(baseDir, { recursive: true });
		const userFolder = fs.mkdtempSync(path.join(baseDir, `${options.name ?? 'n8n'}-`));
		const instance = new N8nInstance(
			runtime,
			userFolder,
			tarball,
			options.port ?? (await freePort()),
			options.brokerPort ?? (await freePort()),
			randomBytes(24).toString('hex'),
			options.env ?? {},
		);
		await instance.installPackage();
		return instance;
	}

	/** `<user folder>/.n8n/nodes`, where n8n keeps community packages. */
	get nodesDir(): string {
		return path.join(this.userFolder, '.n8n', 'nodes');
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/**
	 * What n8n's community package installer does (CommunityPackagesService.downloadPackage in
	 * n8n 2.41.1): unpack into nodes/node_modules/<name>, drop dev/peer/optional dependencies,
	 * `npm install` there without scripts, and record the package in nodes/package.json.
	 */
	private async installPackage(): Promise<void> {
		const packageDir = path.join(this.nodesDir, 'node_modules', PACKAGE_NAME);
		fs.mkdirSync(packageDir, { recursive: true });
		await runCommand('tar', ['-xzf', this.tarball, '-C', packageDir, '--strip-components=1']);
		const packageJsonPath = path.join(packageDir, 'package.json');
		const packageJson = JSON.parse(fs.readFileSync(packageJsonPath, 'utf8')) as Json & {
			version: string;
		};
		for (const key of ['devDependencies', 'peerDependencies', 'optionalDependencies'])
			delete packageJson[key];
		fs.writeFileSync(packageJsonPath, JSON.stringify(packageJson, null, 2));
		await runCommand(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
			],
			{
				cwd: packageDir,
				env: { ...process.env, PATH: this.pathWithNode24(), npm_config_update_notifier: 'false' },
				timeoutMs: 5 * 60_000,
			},
		);
		fs.writeFileSync(
			path.join(this.nodesDir, 'package.json'),
			JSON.stringify(
				{
					name: 'installed-nodes',
					private: true,
					dependencies: { [PACKAGE_NAME]: packageJson.version },
				},
				null,
				2,
			),
		);
	}

	private pathWithNode24(): string {
		return `${this.runtime.nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}`;
	}

	/** The environment every n8n process of this instance gets. */
	env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
		const inherited: NodeJS.ProcessEnv = {};
		for (const [key, value] of Object.entries(process.env)) {
			// Host n8n settings must not leak in; jest's NODE_ENV=test switches n8n into its own test mode.
			if (
				/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$|NODE_ENV$|NODE_OPTIONS$|GENERIC_TIMEZONE$)/.test(
					key,
				)
			)
				continue;
			inherited[key] = value;
		}
		return {
			...inherited,
			PATH: this.pathWithNode24(),
			NODE_ENV: 'production',
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(this.port),
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			// Structured logs, so load errors and execution results can be read reliably.
			N8N_LOG_FORMAT: 'json',
			N8N_LOG_LEVEL: 'info',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			// SSRF protection is off by default in 2.41.1 (on by default from 3.0). It is switched on
			// here, as a hardened instance would run, and the loopback simulators are allowed
			// explicitly: our nodes and the OAuth2 token request must work under it.
			N8N_SSRF_PROTECTION_ENABLED: 'true',
			N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.0/8',
			// Activation of published workflows is asynchronous in 2.x; poll the outbox quickly.
			N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS: '1000',
			N8N_WORKFLOW_PUBLICATION_RECONCILE_INTERVAL_SECONDS: '2',
			GENERIC_TIMEZONE: 'UTC',
			...this.extraEnv,
			...extra,
		};
	}

	/**
	 * Runs one n8n CLI command (one boot of n8n). Fails on a non-zero exit and on any node or
	 * credential load error n8n logs.
	 */
	async cli(
		args: string[],
		options: { timeoutMs?: number; allowFailure?: boolean } = {},
	): Promise<CommandResult> {
		const result = await runCommand(this.runtime.nodeBinary, [this.runtime.n8nBin, ...args], {
			cwd: this.userFolder,
			env: this.env(),
			timeoutMs: options.timeoutMs ?? COMMAND_TIMEOUT_MS,
			allowFailure: true,
		});
		fs.appendFileSync(
			path.join(this.userFolder, 'cli.log'),
			`\n$ n8n ${args.join(' ')}  (exit ${result.exitCode}, ${result.durationMs} ms)\n${result.stdout}${result.stderr}`,
		);
		assertNoLoadErrors(result.stdout + result.stderr, `n8n ${args[0]}`);
		if (result.exitCode !== 0 && !options.allowFailure) {
			throw new Error(
				`n8n ${args.join(' ')} exited with ${result.exitCode ?? result.signal}:\n${tail(result.stdout + result.stderr)}`,
			);
		}
		return result;
	}

	/** Every node type this n8n loaded (`n8n export:nodes`), by name. */
	async exportNodeTypes(): Promise<Map<string, Json>> {
		const file = path.join(this.userFolder, 'node-types.json');
		await this.cli(['export:nodes', `--output=${file}`]);
		const types = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<Json & { name: string }>;
		return new Map(types.map((type) => [type.name, type]));
	}

	/** Fails unless n8n loaded every node type of the package. */
	async assertPackageLoaded(): Promise<Map<string, Json>> {
		const types = await this.exportNodeTypes();
		const missing = OUR_NODE_TYPES.filter((name) => !types.has(name));
		if (missing.length > 0) {
			const ours = [...types.keys()].filter((name) => name.startsWith(`${PACKAGE_NAME}.`));
			throw new Error(
				`n8n did not load ${missing.join(', ')} (it loaded: ${ours.join(', ') || 'none of ours'}); see ${this.userFolder}/cli.log`,
			);
		}
		return types;
	}

	async importCredentials(credentials: CredentialImport[]): Promise<void> {
		for (const credential of credentials) this.secrets.addCredential(credential.name, credential.data);
		const file = path.join(this.userFolder, `credentials-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
		try {
			const result = await this.cli(['import:credentials', `--input=${file}`]);
			if (!/imported \d+ credential/i.test(result.stdout)) {
				throw new Error(`import:credentials did not report an import:\n${tail(result.stdout)}`);
			}
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	/** Imports workflows (placeholders already filled in) in one boot of n8n. */
	async importWorkflows(workflows: WorkflowFile[]): Promise<void> {
		const file = path.join(this.userFolder, `workflows-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(workflows, null, 2));
		const result = await this.cli(['import:workflow', `--input=${file}`]);
		const imported = /Successfully imported (\d+) workflow/.exec(result.stdout);
		if (!imported || Number(imported[1]) !== workflows.length) {
			throw new Error(
				`import:workflow imported ${imported?.[1] ?? 'no'} of ${workflows.length} workflows:\n${tail(result.stdout)}`,
			);
		}
	}

	/** Marks workflows to be activated when `n8n start` next starts (activation is asynchronous). */
	async publishWorkflows(ids: string[]): Promise<void> {
		for (const id of ids) await this.cli(['publish:workflow', `--id=${id}`]);
	}

	/**
	 * Runs workflows from their trigger (`n8n execute-batch`: all of them in one boot of n8n, one
	 * after the other, no retries) and returns what each run shows. The order is n8n's (database
	 * order), not that of `ids`: workflows of one batch must not depend on each other. A successful
	 * run carries every node's output; for a failed one, n8n's batch runner reports only the error
	 * (its description when it has one, else its message); use `executeWorkflow` when a failing
	 * run's node data matters.
	 */
	async executeWorkflows(
		ids: string[],
		options: { timeoutMs?: number } = {},
	): Promise<Map<string, WorkflowRun>> {
		const workDir = fs.mkdtempSync(path.join(this.userFolder, 'batch-'));
		const outputFile = path.join(workDir, 'summary.json');
		await this.cli(
			[
				'execute-batch',
				`--ids=${ids.join(',')}`,
				'--retries=0',
				'--concurrency=1',
				`--snapshot=${workDir}`,
				`--output=${outputFile}`,
			],
			{ allowFailure: true, timeoutMs: options.timeoutMs },
		);
		if (!fs.existsSync(outputFile))
			throw new Error(`n8n execute-batch wrote no summary; see ${this.userFolder}/cli.log`);
		const summary = JSON.parse(fs.readFileSync(outputFile, 'utf8')) as {
			executions: Array<{ workflowId: string; executionStatus: string; error?: string }>;
		};
		const runs = new Map<string, WorkflowRun>();
		for (const id of ids) {
			const entry = summary.executions.find((execution) => execution.workflowId === id);
			if (!entry)
				throw new Error(
					`Workflow ${id} did not run (is it imported?); see ${this.userFolder}/cli.log`,
				);
			const snapshot = path.join(workDir, `${id}-snapshot.json`);
			if (entry.executionStatus === 'success' && fs.existsSync(snapshot)) {
				runs.set(id, toWorkflowRun(id, JSON.parse(fs.readFileSync(snapshot, 'utf8')) as Json));
				continue;
			}
			// "<message> on node <name>" is how execute-batch reports a failed run.
			const match = /^([\s\S]*?)(?: on node (.+))?$/.exec(entry.error ?? '');
			runs.set(id, {
				workflowId: id,
				status: 'error',
				errorMessage: match?.[1] ?? entry.error,
				errorNode: match?.[2],
				lastNodeExecuted: match?.[2],
				nodeOutputs: {},
				nodeErrors: match?.[2] ? { [match[2]]: match[1] } : {},
			});
		}
		return runs;
	}

	/** Runs one workflow (`n8n execute --id`, one boot of n8n) and returns the whole run, failed or not. */
	async executeWorkflow(id: string, options: { timeoutMs?: number } = {}): Promise<WorkflowRun> {
		const result = await this.cli(['execute', `--id=${id}`, '--rawOutput'], {
			allowFailure: true,
			timeoutMs: options.timeoutMs,
		});
		const execution = readExecutionFromOutput(result.stdout);
		if (!execution) {
			throw new Error(
				`n8n execute --id=${id} printed no execution (exit ${result.exitCode}):\n${tail(result.stdout + result.stderr)}`,
			);
		}
		return toWorkflowRun(id, execution);
	}

	/** Starts `n8n start` (editor, REST API, triggers) and waits until it answers /healthz. */
	async startServer(
		options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
	): Promise<N8nServer> {
		const logFile = path.join(this.userFolder, 'server.log');
		const child = startBackground(this.runtime.nodeBinary, [this.runtime.n8nBin, 'start'], {
			cwd: this.userFolder,
			env: this.env(options.env),
			logFile,
		});
		const server = new N8nServer(this.url, child, logFile, this.secrets);
		let failure: unknown;
		try {
			await waitFor(
				`n8n to answer ${this.url}/healthz`,
				async () => {
					if (!isRunning(child))
						throw new ServerExitedError(
							`n8n start exited with ${child.exitCode ?? child.signalCode}`,
						);
					const response = await fetch(`${this.url}/healthz`).catch(() => undefined);
					return response?.ok ? true : undefined;
				},
				{
					timeoutMs: options.timeoutMs ?? 120_000,
					intervalMs: 500,
					onTimeout: () => tail(server.log()),
				},
			);
			// /healthz answers before the editor's REST routes are mounted, and until they are, every
			// path answers 200 "n8n is starting up. Please wait" as text.
			await waitFor(
				`n8n REST API at ${this.url}`,
				async () => {
					const response = await fetch(`${this.url}/rest/settings`);
					const json = response.headers.get('content-type')?.includes('application/json');
					return response.ok && json ? true : undefined;
				},
				// As long as the start itself: on a busy 2-core machine the routes come a minute later.
				{
					timeoutMs: options.timeoutMs ?? 120_000,
					intervalMs: 500,
					onTimeout: () => tail(server.log()),
				},
			);
			assertNoLoadErrors(server.log(), 'n8n start');
		} catch (error) {
			failure = error;
		}
		if (failure) {
			await server.stop();
			throw failure instanceof ServerExitedError
				? new Error(`${failure.message}:\n${tail(server.log())}`)
				: failure;
		}
		return server;
	}

	/**
	 * Scans what n8n wrote and answered for the secrets of the run (see SecretScan) and fails on
	 * one, keeping the user folder to look at; otherwise deletes the user folder unless
	 * N8N_E2E_KEEP is set (to look at logs and the database). Call it after the server stopped.
	 */
	cleanup(): void {
		this.secrets.assertNoLeaks(this.userFolder);
		if (process.env.N8N_E2E_KEEP) return;
		fs.rmSync(this.userFolder, { recursive: true, force: true });
	}
}

class ServerExitedError extends Error {}

/** A running `n8n start`, with a small client for its REST API (the one the editor uses). */
export class N8nServer {
	private cookie: string | undefined;

	constructor(
		readonly url: string,
		readonly process: ChildProcess,
		readonly logFile: string,
		private readonly secrets: SecretScan = new SecretScan(),
	) {}

	get pid(): number | undefined {
		return this.process.pid;
	}

	log(): string {
		return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8') : '';
	}

	/** Stops n8n and every process it started (its process group). */
	async stop(): Promise<void> {
		await stopProcessGroup(this.process);
	}

	/** Creates the owner account (POST /rest/owner/setup, once per instance) and signs in as it. */
	async setupOwner(owner: OwnerAccount): Promise<void> {
		const response = await fetch(`${this.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(owner),
		});
		if (!response.ok)
			throw new Error(`Owner setup failed: HTTP ${response.status} ${await response.text()}`);
		this.cookie = authCookie(response);
	}

	/** Signs in as a user (POST /rest/login), as the editor's login form does. */
	async login(email: string, password: string): Promise<Json> {
		const response = await fetch(`${this.url}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: email, password }),
		});
		if (!response.ok)
			throw new Error(`Login as ${email} failed: HTTP ${response.status} ${await response.text()}`);
		this.cookie = authCookie(response);
		return ((await response.json()) as { data: Json }).data;
	}

	/** GETs any path of the server (editor assets, /types/*.json, /icons/...) as the signed-in user. */
	async get(urlPath: string): Promise<Response> {
		return await fetchOnFreshSocket(`${this.url}${urlPath}`, {
			headers: this.cookie ? { cookie: this.cookie } : {},
		});
	}

	/** Calls the REST API as the signed-in user; returns the `data` of the answer. */
	async rest<T = Json>(method: string, restPath: string, body?: unknown): Promise<T> {
		if (!this.cookie) throw new Error('Sign in first (setupOwner or login)');
		const response = await fetchOnFreshSocket(`${this.url}/rest${restPath}`, {
			method,
			headers: {
				cookie: this.cookie,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		this.secrets.record(`the answer to ${method} /rest${restPath}`, text);
		if (restPath.startsWith('/credentials') && typeof body === 'object' && body !== null) {
			const sent = body as { name?: string; data?: Json; credentials?: { name?: string; data?: Json } };
			const credential = sent.credentials ?? sent;
			this.secrets.addCredential(String(credential.name), credential.data);
		}
		if (!response.ok)
			throw new Error(`${method} /rest${restPath}: HTTP ${response.status} ${text.slice(0, 500)}`);
		return (text ? (JSON.parse(text) as { data: T }).data : undefined) as T;
	}

	/**
	 * Publishes (activates) a workflow as the editor's Publish button does, and waits until its
	 * triggers are active.
	 */
	async activateWorkflow(workflowId: string, options: { timeoutMs?: number } = {}): Promise<void> {
		const workflow = await this.rest<{ versionId: string }>('GET', `/workflows/${workflowId}`);
		await this.rest('POST', `/workflows/${workflowId}/activate`, { versionId: workflow.versionId });
		await this.waitUntilPublished(workflowId, options);
	}

	/** Waits until n8n reports every trigger of a published workflow as active. */
	async waitUntilPublished(
		workflowId: string,
		options: { timeoutMs?: number } = {},
	): Promise<void> {
		await waitFor(
			`workflow ${workflowId} to be published`,
			async () => {
				const status = await this.rest<{
					status: string;
					triggers: Array<{ status: string; errorMessage?: string }>;
				}>('GET', `/workflows/${workflowId}/publication-status`);
				if (status.status === 'failed' || status.status === 'partial') {
					throw new Error(
						`Publishing workflow ${workflowId} failed: ${JSON.stringify(status.triggers)}`,
					);
				}
				return status.status === 'published' ? true : undefined;
			},
			{ timeoutMs: options.timeoutMs ?? 60_000, intervalMs: 500 },
		);
	}

	/** The executions of a workflow, newest first (summaries, without node data). */
	async listExecutions(workflowId: string): Promise<Array<Json & { id: string; status: string }>> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const page = await this.rest<{ results: Array<Json & { id: string; status: string }> }>(
			'GET',
			`/executions?filter=${filter}`,
		);
		return page.results;
	}

	/** One execution with its node data. */
	async getExecution(executionId: string): Promise<WorkflowRun> {
		const execution = await this.rest<Json & { workflowId: string; data: string | Json }>(
			'GET',
			`/executions/${executionId}`,
		);
		const data = typeof execution.data === 'string' ? parseFlatted(execution.data) : execution.data;
		return toWorkflowRun(String(execution.workflowId), { ...execution, data });
	}
}

function authCookie(response: Response): string {
	const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
	const auth = cookies.find((cookie) => cookie.startsWith('n8n-auth='));
	if (!auth) throw new Error('n8n set no n8n-auth cookie');
	return auth;
}

/** The load errors in n8n's (JSON) log output, one line each. */
export function findLoadErrors(output: string): string[] {
	const errors: string[] = [];
	for (const line of output.split('\n')) {
		const trimmed = line.trim();
		if (trimmed === '') continue;
		let entry:
			| {
					level?: string;
					message?: string;
					metadata?: { error?: { message?: string; cause?: unknown } };
			  }
			| undefined;
		try {
			entry = JSON.parse(trimmed) as typeof entry;
		} catch {
			entry = undefined;
		}
		if (entry && typeof entry === 'object' && typeof entry.level === 'string') {
			if (entry.level !== 'error' && entry.level !== 'warn') continue;
			const message = String(entry.message ?? '');
			const mentionsUs = message.includes(PACKAGE_NAME) && /load|install|package/i.test(message);
			if (!LOAD_ERROR.test(message) && !mentionsUs) continue;
			const cause = entry.metadata?.error?.cause ?? entry.metadata?.error?.message;
			errors.push(cause ? `${message}: ${String(cause)}` : message);
		} else if (trimmed.includes(PACKAGE_NAME) && LOAD_ERROR.test(trimmed)) {
			errors.push(trimmed);
		}
	}
	return errors;
}

function assertNoLoadErrors(output: string, source: string): void {
	const errors = findLoadErrors(output);
	if (errors.length > 0) throw new Error(`${source} reported load errors:\n${errors.join('\n')}`);
}

/**
 * `n8n execute --rawOutput` prints a successful run as pretty JSON between its log lines, and logs a
 * failed one (as a JSON string) in an info line.
 */
function readExecutionFromOutput(stdout: string): Json | undefined {
	const plain: string[] = [];
	for (const line of stdout.split('\n')) {
		let entry: { level?: string; message?: unknown } | undefined;
		try {
			entry = JSON.parse(line) as typeof entry;
		} catch {
			plain.push(line);
			continue;
		}
		if (entry && typeof entry === 'object' && typeof entry.level === 'string') {
			const message = typeof entry.message === 'string' ? entry.message.trim() : '';
			if (message.startsWith('{') && message.includes('"resultData"'))
				return JSON.parse(message) as Json;
		} else {
			plain.push(line);
		}
	}
	const text = plain.join('\n');
	const start = text.indexOf('{');
	if (start === -1) return undefined;
	try {
		return JSON.parse(text.slice(start)) as Json;
	} catch {
		return undefined;
	}
}

/**
 * fetch, sent once more when the kept-alive connection it reused was already closed by n8n before
 * any answer (n8n closes idle connections after 5 s; on a busy machine the test's event loop can
 * be blocked past that, e.g. by openssl, and reuse the closed one). Nothing reached n8n then, so
 * sending again is safe; if n8n itself went away, the second attempt fails the same way.
 */
async function fetchOnFreshSocket(url: string, init: RequestInit): Promise<Response> {
	const first = await fetch(url, init).catch((error: unknown) => error);
	if (first instanceof Response) return first;
	const cause = (first as { cause?: { code?: string; message?: string } }).cause;
	if (cause?.code === 'UND_ERR_SOCKET' && cause.message === 'other side closed') return await fetch(url, init);
	throw first;
}
