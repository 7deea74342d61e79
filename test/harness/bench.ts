import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { greenLakeCredential } from '../e2e/harness/credentials';
import type { Json, WorkflowRun } from '../e2e/harness/n8n';
import { N8nInstance, loadWorkflows } from '../e2e/harness/n8n';
import { runCommand } from '../e2e/harness/processes';
import { startDsccSimulator } from '../simulators/dscc';

/**
 * `npm run bench`: Return All of 10,000 volumes from the DSCC simulator, three ways in one run,
 * each repeated: this package's node and n8n's HTTP Request node (with pagination, then Split Out)
 * inside the same real n8n, and a minimal hand-written client. Reports API requests, wall time of
 * the listing and peak memory above an idle baseline, as ratios.
 */
const VOLUMES = 10_000;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const BENCH_DIR = path.resolve(__dirname, '../bench');
const PEAK_PRELOAD = path.join(BENCH_DIR, 'peak-rss.cjs');
const RESULTS_DIR = path.resolve(__dirname, '../../bench-results');

interface Sample {
	apiRequests: number;
	tokenRequests: number;
	wallMs: number;
	peakKiB: number;
	items: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function peakOf(dir: string): number {
	const values = fs.readdirSync(dir).map((file) => Number(fs.readFileSync(path.join(dir, file), 'utf8')));
	for (const file of fs.readdirSync(dir)) fs.rmSync(path.join(dir, file));
	return Math.max(0, ...values);
}

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

function nodeTime(run: WorkflowRun, nodes: string[]): number {
	const runData = findRunData(run.execution);
	return nodes.reduce((sum, node) => sum + (runData?.[node]?.[0]?.executionTime ?? 0), 0);
}

async function main(): Promise<void> {
	const peakDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-peak-'));
	const sim = await startDsccSimulator({ volumes: VOLUMES });
	const n8n = await N8nInstance.create({
		name: 'bench',
		env: { NODE_OPTIONS: `--require ${PEAK_PRELOAD}`, PEAK_RSS_DIR: peakDir },
	});
	const samples: { [variant: string]: Sample[] } = { node: [], httpRequestNode: [], minimalClient: [] };
	const idle: { n8n: number[]; node: number[] } = { n8n: [], node: [] };
	try {
		await n8n.importCredentials([greenLakeCredential('benchCredential1', 'DSCC simulator', sim)]);
		await n8n.importWorkflows(loadWorkflows(path.join(BENCH_DIR, 'workflows'), { DSCC_URL: sim.url }));

		const measure = async <T>(work: () => Promise<T>) => {
			const before = sim.requestCount();
			const result = await work();
			const requests = sim.requests().slice(before);
			const tokenRequests = requests.filter((request) => request.path.endsWith('/token.oauth2')).length;
			return { result, tokenRequests, apiRequests: requests.length - tokenRequests, peakKiB: peakOf(peakDir) };
		};
		// `execute-batch` writes the execution to a file: `execute --rawOutput` prints 10,000 items to
		// stdout, which n8n does not always flush before it exits.
		const execute = async (workflowId: string): Promise<WorkflowRun> =>
			(await n8n.executeWorkflows([workflowId], { timeoutMs: 600_000 })).get(workflowId)!;
		const inN8n = async (workflowId: string, measuredNodes: string[], lastNode: string): Promise<Sample> => {
			const { result: run, ...counts } = await measure(() => execute(workflowId));
			if (run.status !== 'success') throw new Error(`${workflowId} failed: ${run.errorMessage ?? run.status}`);
			return { ...counts, wallMs: nodeTime(run, measuredNodes), items: run.nodeOutputs[lastNode]?.length ?? 0 };
		};

		for (let repeat = 1; repeat <= REPEATS; repeat++) {
			process.stderr.write(`Round ${repeat} of ${REPEATS}...\n`);
			idle.n8n.push((await measure(() => execute('benchIdle0000001'))).peakKiB);
			samples.node.push(await inN8n('benchOurNode0001', ['List Volumes'], 'List Volumes'));
			samples.httpRequestNode.push(await inN8n('benchHttpNode001', ['List Volumes', 'Split Out Items'], 'Split Out Items'));

			const env = { ...process.env, NODE_OPTIONS: `--require ${PEAK_PRELOAD}`, PEAK_RSS_DIR: peakDir };
			idle.node.push((await measure(() => runCommand(n8n.runtime.nodeBinary, ['-e', ''], { env }))).peakKiB);
			const client = await measure(() =>
				runCommand(n8n.runtime.nodeBinary, [path.join(BENCH_DIR, 'minimal-client.cjs'), sim.tokenUrl, sim.url, sim.clientId, sim.clientSecret], { env }),
			);
			const output = JSON.parse(client.result.stdout.trim()) as { items: number; ms: number };
			samples.minimalClient.push({ ...client, wallMs: output.ms, items: output.items });
		}
	} finally {
		await sim.close();
		n8n.cleanup();
	}

	const summary = Object.fromEntries(
		Object.entries(samples).map(([variant, runs]) => {
			const baseline = median(variant === 'minimalClient' ? idle.node : idle.n8n);
			return [
				variant,
				{
					items: median(runs.map((run) => run.items)),
					apiRequests: median(runs.map((run) => run.apiRequests)),
					tokenRequests: runs.reduce((sum, run) => sum + run.tokenRequests, 0),
					wallMs: Math.round(median(runs.map((run) => run.wallMs))),
					peakMiBAboveIdle: Math.max(1, Math.round((median(runs.map((run) => run.peakKiB)) - baseline) / 1024)),
				},
			];
		}),
	) as { [variant: string]: { items: number; apiRequests: number; tokenRequests: number; wallMs: number; peakMiBAboveIdle: number } };
	for (const [variant, result] of Object.entries(summary)) {
		if (result.items !== VOLUMES) throw new Error(`${variant} returned ${result.items} volumes, not ${VOLUMES}`);
	}

	const ours = summary.node;
	const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
	const lines = [
		`Return All of ${VOLUMES} volumes, median of ${REPEATS} runs (memory: peak RSS above an idle process of the same kind)`,
		'',
		'| Variant | Items | API requests | Wall time (ms) | Peak memory (MiB) |',
		'| --- | --- | --- | --- | --- |',
		...Object.entries(summary).map(
			([variant, r]) => `| ${variant} | ${r.items} | ${r.apiRequests} | ${r.wallMs} | ${r.peakMiBAboveIdle} |`,
		),
		'',
		'| This node against | Requests | Wall time | Peak memory |',
		'| --- | --- | --- | --- |',
		...(['minimalClient', 'httpRequestNode'] as const).map(
			(other) =>
				`| ${other} | ${ratio(ours.apiRequests, summary[other].apiRequests)} | ${ratio(ours.wallMs, summary[other].wallMs)} | ${ratio(ours.peakMiBAboveIdle, summary[other].peakMiBAboveIdle)} |`,
		),
	];
	process.stdout.write(lines.join('\n') + '\n');
	fs.mkdirSync(RESULTS_DIR, { recursive: true });
	fs.writeFileSync(path.join(RESULTS_DIR, 'bench.json'), JSON.stringify({ summary, samples, idle }, null, 2));
}

main().catch((error: Error) => {
	process.stderr.write(`Benchmark failed: ${error.stack ?? error.message}\n`);
	process.exit(1);
});
