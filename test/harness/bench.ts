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
 * inside the same real n8n, and a minimal hand-written client with its own API client (so its
 * tokens do not revoke the node's). Twice: on the bare simulator, and with a round-trip delay added
 * to every response, as a cloud API has. Reports API requests, wall time of the listing and peak
 * memory above an idle baseline, as ratios; writes the table to bench/RESULTS.md.
 */
const VOLUMES = 10_000;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const DELAY_MS = Number(process.env.BENCH_DELAY_MS ?? 100);
const BENCH_DIR = path.resolve(__dirname, '../bench');
const PEAK_PRELOAD = path.join(BENCH_DIR, 'peak-rss.cjs');
const RESULTS_DIR = path.resolve(__dirname, '../../bench-results');
const RESULTS_FILE = path.resolve(__dirname, '../../bench/RESULTS.md');

type Summary = { [variant: string]: { items: number; apiRequests: number; tokenRequests: number; wallMs: number; peakMiBAboveIdle: number } };

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
	const scenarios = [
		{ title: 'Bare simulator (loopback, no delay)', delayMs: 0 },
		{ title: `Every response delayed by ${DELAY_MS} ms (a cloud API's round trip)`, delayMs: DELAY_MS },
	];
	const report: Array<{ title: string; summary: Summary; samples: { [variant: string]: Sample[] } }> = [];
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

		for (const scenario of scenarios) {
			sim.clearFaults();
			if (scenario.delayMs > 0) sim.addFault({ delayMs: scenario.delayMs });
			const samples: { [variant: string]: Sample[] } = { node: [], httpRequestNode: [], minimalClient: [] };
			const idle: { n8n: number[]; node: number[] } = { n8n: [], node: [] };
			for (let repeat = 1; repeat <= REPEATS; repeat++) {
				process.stderr.write(`${scenario.title}: round ${repeat} of ${REPEATS}...\n`);
				idle.n8n.push((await measure(() => execute('benchIdle0000001'))).peakKiB);
				samples.node.push(await inN8n('benchOurNode0001', ['List Volumes'], 'List Volumes'));
				samples.httpRequestNode.push(await inN8n('benchHttpNode001', ['List Volumes', 'Split Out Items'], 'Split Out Items'));

				const env = { ...process.env, NODE_OPTIONS: `--require ${PEAK_PRELOAD}`, PEAK_RSS_DIR: peakDir };
				idle.node.push((await measure(() => runCommand(n8n.runtime.nodeBinary, ['-e', ''], { env }))).peakKiB);
				const { clientId, clientSecret } = sim.otherClient;
				const client = await measure(() =>
					runCommand(n8n.runtime.nodeBinary, [path.join(BENCH_DIR, 'minimal-client.cjs'), sim.tokenUrl, sim.url, clientId, clientSecret], { env }),
				);
				const output = JSON.parse(client.result.stdout.trim()) as { items: number; ms: number };
				samples.minimalClient.push({ ...client, wallMs: output.ms, items: output.items });
			}
			report.push({ title: scenario.title, summary: summarise(samples, idle), samples });
		}
	} finally {
		await sim.close();
		n8n.cleanup();
	}

	const sections = report.map(({ title, summary }) => [`### ${title}`, '', ...table(summary)].join('\n'));
	process.stdout.write(sections.join('\n\n') + '\n');
	fs.mkdirSync(RESULTS_DIR, { recursive: true });
	fs.writeFileSync(path.join(RESULTS_DIR, 'bench.json'), JSON.stringify(report, null, 2));
	fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
	fs.writeFileSync(RESULTS_FILE, await resultsMarkdown(sections, n8n.runtime.nodeBinary));
}

function summarise(samples: { [variant: string]: Sample[] }, idle: { n8n: number[]; node: number[] }): Summary {
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
	) as Summary;
	for (const [variant, result] of Object.entries(summary)) {
		if (result.items !== VOLUMES) throw new Error(`${variant} returned ${result.items} volumes, not ${VOLUMES}`);
	}
	return summary;
}

function table(summary: Summary): string[] {
	const ours = summary.node;
	const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
	return [
		`Return All of ${VOLUMES} volumes, median of ${REPEATS} runs (memory: peak RSS above an idle process of the same kind; token requests: all runs together)`,
		'',
		'| Variant | Items | API requests | Token requests | Wall time (ms) | Peak memory (MiB) |',
		'| --- | --- | --- | --- | --- | --- |',
		...Object.entries(summary).map(
			([variant, r]) => `| ${variant} | ${r.items} | ${r.apiRequests} | ${r.tokenRequests} | ${r.wallMs} | ${r.peakMiBAboveIdle} |`,
		),
		'',
		'| This node against | Requests | Wall time | Peak memory |',
		'| --- | --- | --- | --- |',
		...(['minimalClient', 'httpRequestNode'] as const).map(
			(other) =>
				`| ${other} | ${ratio(ours.apiRequests, summary[other].apiRequests)} | ${ratio(ours.wallMs, summary[other].wallMs)} | ${ratio(ours.peakMiBAboveIdle, summary[other].peakMiBAboveIdle)} |`,
		),
	];
}

async function resultsMarkdown(sections: string[], nodeBinary: string): Promise<string> {
	const output = async (file: string, args: string[]) => {
		try {
			return (await runCommand(file, args, { cwd: path.resolve(__dirname, '../..') })).stdout.trim();
		} catch {
			return 'unknown';
		}
	};
	const commit = await output('git', ['rev-parse', '--short', 'HEAD']);
	const dirty = (await output('git', ['status', '--porcelain', '--', 'nodes', 'credentials', 'test'])) !== '';
	const nodeVersion = await output(nodeBinary, ['--version']);
	const cpus = os.cpus();
	return [
		'# Benchmark results',
		'',
		'Latest `npm run bench` (test/harness/bench.ts); rerun it to compare a change. Wall time of our node and',
		"of the HTTP Request node is n8n's own execution time of those nodes; the minimal client times itself.",
		'',
		`- Date: ${new Date().toISOString()}`,
		`- Commit: ${commit}${dirty ? ' (with uncommitted changes)' : ''}`,
		`- Machine: ${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, load average ${os.loadavg()[0].toFixed(1)}`,
		`- Node.js ${nodeVersion}; n8n from test/harness/install-n8n.sh`,
		'',
		...sections.flatMap((section) => [section, '']),
	].join('\n');
}

main().catch((error: Error) => {
	process.stderr.write(`Benchmark failed: ${error.stack ?? error.message}\n`);
	process.exit(1);
});
