import * as fs from 'node:fs';
import * as path from 'node:path';

export type Json = { [key: string]: unknown };

/** A workflow as n8n's `import:workflow` reads it. */
export interface WorkflowFile extends Json {
	id: string;
	name: string;
	nodes: Array<Json & { name: string; type: string }>;
	connections: Json;
}

/** `{{NAME}}` in a workflow file, filled in by the harness; n8n's own `{{ $json.x }}` never matches. */
const PLACEHOLDER = /\{\{([A-Z][A-Z0-9_]*)\}\}/g;

/** Reads a workflow file and fills in its `{{NAME}}` placeholders; an unknown placeholder is an error. */
export function loadWorkflow(file: string, values: { [name: string]: string } = {}): WorkflowFile {
	const text = fs.readFileSync(file, 'utf8').replace(PLACEHOLDER, (match: string, name: string) => {
		if (!(name in values))
			throw new Error(`${path.basename(file)}: no value for placeholder ${match}`);
		// The value lands inside a JSON string.
		return JSON.stringify(values[name]).slice(1, -1);
	});
	const workflow = JSON.parse(text) as WorkflowFile;
	if (typeof workflow.id !== 'string' || !/\d/.test(workflow.id) || workflow.id.length > 21) {
		// `n8n execute-batch` only takes IDs containing a digit; n8n truncates IDs over 21 characters.
		throw new Error(
			`${path.basename(file)}: the workflow needs a fixed "id" of at most 21 characters with a digit in it`,
		);
	}
	return workflow;
}

/** Every `*.json` workflow in a folder, placeholders filled in, by file name. */
export function loadWorkflows(
	dir: string,
	values: { [name: string]: string } = {},
): WorkflowFile[] {
	return fs
		.readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => loadWorkflow(path.join(dir, name), values));
}

/** What a finished execution shows a user: its status, each node's output items and the error. */
export interface WorkflowRun {
	workflowId: string;
	/** n8n's execution status: 'success', 'error', 'canceled', 'crashed', ... */
	status: string;
	/** The workflow error as the editor shows it, if the execution failed. */
	errorMessage?: string;
	errorDescription?: string;
	/** The node the error came from, if n8n names it. */
	errorNode?: string;
	lastNodeExecuted?: string;
	/** JSON of every item each executed node put on its first output, over all its runs. */
	nodeOutputs: { [nodeName: string]: Json[] };
	/** The error each failed node reports. */
	nodeErrors: { [nodeName: string]: string };
	/** The whole execution (an IRun), when n8n gave it. */
	execution?: Json;
}

interface TaskData {
	data?: { main?: Array<Array<{ json?: Json }> | null> };
	error?: { message?: string; description?: string };
}

/** Turns an IRun (as `n8n execute` prints it, or the REST API returns it parsed) into a WorkflowRun. */
export function toWorkflowRun(workflowId: string, execution: Json): WorkflowRun {
	const data = (execution.data ?? {}) as Json;
	const resultData = (data.resultData ?? {}) as Json;
	const runData = (resultData.runData ?? {}) as { [node: string]: TaskData[] };
	const error = resultData.error as (Json & { node?: { name?: string } }) | undefined;
	const nodeOutputs: WorkflowRun['nodeOutputs'] = {};
	const nodeErrors: WorkflowRun['nodeErrors'] = {};
	for (const [nodeName, tasks] of Object.entries(runData)) {
		nodeOutputs[nodeName] = tasks.flatMap((task) =>
			(task.data?.main?.[0] ?? []).map((item) => item.json ?? {}),
		);
		const nodeError = tasks.find((task) => task.error)?.error;
		if (nodeError) nodeErrors[nodeName] = String(nodeError.message ?? 'error');
	}
	const status =
		typeof execution.status === 'string' ? execution.status : error ? 'error' : 'success';
	return {
		workflowId,
		status,
		errorMessage: error ? String(error.message ?? '') : undefined,
		errorDescription: typeof error?.description === 'string' ? error.description : undefined,
		errorNode: error?.node?.name,
		lastNodeExecuted:
			typeof resultData.lastNodeExecuted === 'string' ? resultData.lastNodeExecuted : undefined,
		nodeOutputs,
		nodeErrors,
		execution,
	};
}

/**
 * Parses the `flatted` encoding n8n uses for stored execution data (REST `GET /rest/executions/:id`
 * returns `data` in it): a JSON array whose first entry is the root and in which every string
 * inside an object or array is the index of the entry holding the real value.
 */
export function parseFlatted(text: string): unknown {
	const entries = JSON.parse(text) as unknown[];
	const revived = new Set<number>();
	const revive = (index: number): unknown => {
		const value = entries[index];
		if (value === null || typeof value !== 'object' || revived.has(index)) return value;
		revived.add(index);
		const container = value as { [key: string]: unknown };
		for (const key of Object.keys(container)) {
			const ref = container[key];
			if (typeof ref === 'string') container[key] = revive(Number(ref));
		}
		return value;
	};
	return revive(0);
}
