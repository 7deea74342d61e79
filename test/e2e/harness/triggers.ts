import type { CredentialImport, N8nInstance, N8nServer } from './n8n';
import { newOwnerAccount } from './n8n';
import { sleep, tail } from './processes';
import type { Json, WorkflowFile, WorkflowRun } from './workflows';

/** Imports the credentials and workflows into `n8n`, starts it (`n8n start`) and signs up the owner. */
export async function startServerWith(
	n8n: N8nInstance,
	setup: { credentials?: CredentialImport[]; workflows?: WorkflowFile[] },
): Promise<N8nServer> {
	if (setup.credentials) await n8n.importCredentials(setup.credentials);
	if (setup.workflows) await n8n.importWorkflows(setup.workflows);
	const server = await n8n.startServer();
	await server.setupOwner(newOwnerAccount());
	return server;
}

/** Stops what a test file started, the n8n server first; each may be missing when its start failed. */
export async function stopAll(server: N8nServer | undefined, n8n: N8nInstance | undefined, simulator: { close(): Promise<void> } | undefined): Promise<void> {
	try {
		await server?.stop();
		// Fails the run when n8n shows a secret of it (the harness's secret scan).
		n8n?.cleanup();
	} finally {
		await simulator?.close();
	}
}

/** The items a node put out over the runs, one entry per item. */
export function outputOf(runs: WorkflowRun[], nodeName: string): Json[] {
	return runs.flatMap((run) => run.nodeOutputs[nodeName] ?? []);
}

/** Polls `done` every two seconds until it holds; after `timeoutMs` fails with the end of n8n's log. */
export async function waitUntil(server: N8nServer, what: string, done: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await done())) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}:\n${tail(server.log())}`);
		await sleep(2_000);
	}
}

/** The finished executions of active workflows, oldest first, each read once (with its node data) as they come. */
export class FinishedExecutions {
	private readonly seen = new Map<string, WorkflowRun>();

	/** `server` is asked for at each read: test files start it in `beforeAll`. */
	constructor(private readonly server: () => N8nServer) {}

	async of(workflowId: string): Promise<WorkflowRun[]> {
		const server = this.server();
		for (const summary of await server.listExecutions(workflowId)) {
			if (this.seen.has(summary.id) || summary.status === 'running' || summary.status === 'new') continue;
			this.seen.set(summary.id, await server.getExecution(summary.id));
		}
		return [...this.seen.entries()]
			.filter(([, run]) => run.workflowId === workflowId)
			.sort(([a], [b]) => Number(a) - Number(b))
			.map(([, run]) => run);
	}

	/**
	 * Waits until `done` holds for the workflow's finished executions and returns them; fails as soon
	 * as one of them did not succeed, or after `timeoutMs` saying what was awaited (`what`).
	 */
	async waitFor(workflowId: string, done: (runs: WorkflowRun[]) => boolean, options: { timeoutMs: number; what: (runs: WorkflowRun[]) => string }): Promise<WorkflowRun[]> {
		const deadline = Date.now() + options.timeoutMs;
		for (;;) {
			const runs = await this.of(workflowId);
			const failed = runs.find((run) => run.status !== 'success');
			if (failed) throw new Error(`An execution of workflow ${workflowId} ended ${failed.status}: ${failed.errorMessage ?? ''}`);
			if (done(runs)) return runs;
			if (Date.now() > deadline) {
				throw new Error(`${options.what(runs)} did not arrive within ${options.timeoutMs} ms:\n${tail(this.server().log())}`);
			}
			await sleep(2_000);
		}
	}

	/** Waits until the trigger node has emitted an item with each of these IDs. */
	async waitForEmitted(workflowId: string, trigger: string, ids: string[], options: { timeoutMs: number; context?: () => string }): Promise<WorkflowRun[]> {
		const emittedIds = (runs: WorkflowRun[]) => new Set(outputOf(runs, trigger).map((item) => String(item.id)));
		return await this.waitFor(workflowId, (runs) => ids.every((id) => emittedIds(runs).has(id)), {
			timeoutMs: options.timeoutMs,
			what: (runs) =>
				`The emission of ${ids.join(', ')} by "${trigger}" (emitted: ${[...emittedIds(runs)].join(', ') || 'nothing'}${options.context ? `; ${options.context()}` : ''})`,
		});
	}
}

/** Runs the trigger as the editor's "Fetch Test Event" button does and waits (a minute at most) for the run. */
export async function fetchTestEvent(
	server: N8nServer,
	workflowId: string,
	trigger: string,
): Promise<{ executionId: string | undefined; run: WorkflowRun | undefined }> {
	const started = await server.rest<{ executionId?: string }>('POST', `/workflows/${workflowId}/run`, {
		triggerToStartFrom: { name: trigger },
		destinationNode: { nodeName: trigger, mode: 'inclusive' },
	});
	if (started.executionId === undefined) return { executionId: undefined, run: undefined };
	let run: WorkflowRun | undefined;
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		run = await server.getExecution(started.executionId);
		if (run.status !== 'running' && run.status !== 'new') break;
		await sleep(500);
	}
	return { executionId: started.executionId, run };
}
