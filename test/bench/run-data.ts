import type { Json, WorkflowRun } from '../e2e/harness/n8n';

/** Finds `runData` in an execution, whichever envelope the CLI command wrapped it in. */
function findRunData(value: unknown, depth = 0): { [node: string]: Array<{ executionTime?: number }> } | undefined {
	if (!value || typeof value !== 'object' || depth > 4) return undefined;
	const record = value as Json;
	if (record.runData && typeof record.runData === 'object') return record.runData as ReturnType<typeof findRunData>;
	for (const child of Object.values(record)) {
		const found = findRunData(child, depth + 1);
		if (found) return found;
	}
	return undefined;
}

/** n8n's own execution time of these nodes in a finished run, added up (ms). */
export function nodeTime(run: WorkflowRun, nodes: string[]): number {
	const runData = findRunData(run.execution);
	return nodes.reduce((sum, node) => sum + (runData?.[node]?.[0]?.executionTime ?? 0), 0);
}
