import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { nodeTime } from '../bench/run-data';
import { startSimulatorProcess } from '../bench/simulator-remote';
import type { RemoteSimulator } from '../bench/simulator-remote';
import { benchTargets } from '../bench/targets';
import type { BenchTarget, BenchWorkflow } from '../bench/targets';
import type { WorkflowRun } from '../e2e/harness/n8n';
import { N8nInstance, loadWorkflow, loadWorkflows } from '../e2e/harness/n8n';
import { runCommand } from '../e2e/harness/processes';

/**
 * `npm run bench`: each vendor's largest listing (test/bench/targets/), three ways in one run, each
 * repeated: this package's node and n8n's HTTP Request node (our credential as a predefined
 * credential, n8n's pagination where the API pages, then Split Out) inside the same real n8n, and a
 * minimal hand-written client (test/bench/clients/). Twice: on the bare simulator, and with a
 * round-trip delay added to every response, as a cloud API has. Each simulator runs in a process of
 * its own (test/bench/simulator-process.ts), so serving does not slow the client measured. Reports
 * API and sign-in requests, wall time of the listing and peak memory above an idle baseline, as
 * ratios; writes the tables to bench/RESULTS.md.
 *
 * BENCH_VENDORS=dscc,esc picks vendors (default: all); BENCH_REPEATS (3), BENCH_DELAY_MS (100),
 * BENCH_ITEMS (each target's default, 10,000) tune the run.
 */
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const DELAY_MS = Number(process.env.BENCH_DELAY_MS ?? 100);
const ITEMS = process.env.BENCH_ITEMS ? Number(process.env.BENCH_ITEMS) : undefined;
const BENCH_DIR = path.resolve(__dirname, '../bench');
const PEAK_PRELOAD = path.join(BENCH_DIR, 'peak-rss.cjs');
const RESULTS_DIR = path.resolve(__dirname, '../../bench-results');
const RESULTS_FILE = path.resolve(__dirname, '../../bench/RESULTS.md');
const VARIANTS = ['node', 'httpRequestNode', 'minimalClient'] as const;
type Variant = (typeof VARIANTS)[number];

interface Sample {
	apiRequests: number;
	loginRequests: number;
	wallMs: number;
	peakKiB: number;
	items: number;
}

interface Result {
	items: number;
	apiRequests: number;
	loginRequests: number;
	wallMs: number;
	peakMiBAboveIdle: number;
}

type Summary = Record<Variant, Result>;

interface ScenarioReport {
	title: string;
	delayMs: number;
	summary: Summary;
	samples: Record<Variant, Sample[]>;
}

interface TargetReport {
	target: BenchTarget;
	items: number;
	scenarios: ScenarioReport[];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function selectedTargets(): BenchTarget[] {
	const wanted = (process.env.BENCH_VENDORS ?? '').split(',').map((key) => key.trim()).filter(Boolean);
	if (wanted.length === 0) return benchTargets;
	const unknown = wanted.filter((key) => !benchTargets.some((target) => target.key === key));
	if (unknown.length > 0) throw new Error(`BENCH_VENDORS: no target ${unknown.join(', ')}; known: ${benchTargets.map((target) => target.key).join(', ')}`);
	return benchTargets.filter((target) => wanted.includes(target.key));
}

function peakOf(dir: string): number {
	const values = fs.readdirSync(dir).map((file) => Number(fs.readFileSync(path.join(dir, file), 'utf8')));
	for (const file of fs.readdirSync(dir)) fs.rmSync(path.join(dir, file));
	return Math.max(0, ...values);
}

async function main(): Promise<void> {
	const targets = selectedTargets();
	const loadBefore = os.loadavg();
	const peakDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-peak-'));
	const measuredEnv = { NODE_OPTIONS: `--require ${PEAK_PRELOAD}`, PEAK_RSS_DIR: peakDir };
	const n8n = await N8nInstance.create({ name: 'bench', env: measuredEnv });
	const reports: TargetReport[] = [];
	try {
		await n8n.importWorkflows([loadWorkflow(path.join(BENCH_DIR, 'workflows', 'idle.json'))]);
		for (const target of targets) {
			process.stderr.write(`${target.title}: starting the simulator...\n`);
			const sim = await startSimulatorProcess(target.key, ITEMS ?? target.defaultItems);
			try {
				reports.push(await benchTarget(target, sim, n8n, peakDir, measuredEnv));
			} finally {
				await sim.close();
			}
		}
	} finally {
		n8n.cleanup();
	}

	const markdown = await resultsMarkdown(reports, n8n.runtime.nodeBinary, loadBefore);
	process.stdout.write(markdown);
	fs.mkdirSync(RESULTS_DIR, { recursive: true });
	fs.writeFileSync(
		path.join(RESULTS_DIR, 'bench.json'),
		JSON.stringify(reports.map(({ target, ...report }) => ({ target: target.key, ...report })), null, 2),
	);
	fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
	fs.writeFileSync(RESULTS_FILE, markdown);
}

async function benchTarget(
	target: BenchTarget,
	sim: RemoteSimulator,
	n8n: N8nInstance,
	peakDir: string,
	measuredEnv: NodeJS.ProcessEnv,
): Promise<TargetReport> {
	await n8n.importCredentials([target.credential(sim.info)]);
	await n8n.importWorkflows(loadWorkflows(path.join(BENCH_DIR, 'workflows', target.key), target.placeholders(sim.info)));

	let seen = (await sim.requestsSince(0)).length;
	const measure = async <T>(work: () => Promise<T>) => {
		const result = await work();
		const requests = await sim.requestsSince(seen);
		seen += requests.length;
		const loginRequests = requests.filter((request) => target.isLogin(request)).length;
		return { result, loginRequests, apiRequests: requests.length - loginRequests, peakKiB: peakOf(peakDir) };
	};
	// `execute-batch` writes the execution to a file: `execute --rawOutput` prints 10,000 items to
	// stdout, which n8n does not always flush before it exits.
	const execute = async (workflowId: string): Promise<WorkflowRun> =>
		(await n8n.executeWorkflows([workflowId], { timeoutMs: 600_000 })).get(workflowId)!;
	const inN8n = async (workflow: BenchWorkflow): Promise<Sample> => {
		const { result: run, ...counts } = await measure(() => execute(workflow.id));
		if (run.status !== 'success') throw new Error(`${workflow.id} failed: ${run.errorMessage ?? run.status}`);
		return { ...counts, wallMs: nodeTime(run, workflow.measuredNodes), items: run.nodeOutputs[workflow.outputNode]?.length ?? 0 };
	};
	const env = { ...process.env, ...measuredEnv };
	const clientScript = path.join(BENCH_DIR, 'clients', target.minimalClient.script);

	const scenarios = [
		{ title: 'Bare simulator (loopback, no delay)', delayMs: 0 },
		{ title: `Every response delayed by ${DELAY_MS} ms (a cloud API's round trip)`, delayMs: DELAY_MS },
	];
	const reports: ScenarioReport[] = [];
	for (const scenario of scenarios) {
		await sim.setDelay(scenario.delayMs);
		const samples: Record<Variant, Sample[]> = { node: [], httpRequestNode: [], minimalClient: [] };
		const idle: { n8n: number[]; node: number[] } = { n8n: [], node: [] };
		for (let repeat = 1; repeat <= REPEATS; repeat++) {
			process.stderr.write(`${target.key}, ${scenario.title}: round ${repeat} of ${REPEATS}...\n`);
			idle.n8n.push((await measure(() => execute('benchIdle0000001'))).peakKiB);
			samples.node.push(await inN8n(target.ourNode));
			samples.httpRequestNode.push(await inN8n(target.httpRequestNode));

			idle.node.push((await measure(() => runCommand(n8n.runtime.nodeBinary, ['-e', ''], { env }))).peakKiB);
			const client = await measure(() => runCommand(n8n.runtime.nodeBinary, [clientScript, ...target.minimalClient.args(sim.info)], { env }));
			const output = JSON.parse(client.result.stdout.trim()) as { items: number; ms: number };
			samples.minimalClient.push({ ...client, wallMs: output.ms, items: output.items });
		}
		reports.push({ ...scenario, summary: summarise(samples, idle, sim.items, target), samples });
	}
	return { target, items: sim.items, scenarios: reports };
}

function summarise(samples: Record<Variant, Sample[]>, idle: { n8n: number[]; node: number[] }, items: number, target: BenchTarget): Summary {
	const summary = Object.fromEntries(
		VARIANTS.map((variant) => {
			const runs = samples[variant];
			const baseline = median(variant === 'minimalClient' ? idle.node : idle.n8n);
			const result: Result = {
				items: median(runs.map((run) => run.items)),
				apiRequests: median(runs.map((run) => run.apiRequests)),
				loginRequests: runs.reduce((sum, run) => sum + run.loginRequests, 0),
				wallMs: Math.round(median(runs.map((run) => run.wallMs))),
				peakMiBAboveIdle: Math.max(1, Math.round((median(runs.map((run) => run.peakKiB)) - baseline) / 1024)),
			};
			return [variant, result];
		}),
	) as Summary;
	for (const variant of VARIANTS) {
		if (summary[variant].items !== items) throw new Error(`${target.key}: ${variant} returned ${summary[variant].items} ${target.itemsLabel}, not ${items}`);
	}
	return summary;
}

const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

function table(report: TargetReport, scenario: ScenarioReport): string[] {
	const { summary } = scenario;
	const ours = summary.node;
	return [
		`Return All of ${report.items} ${report.target.itemsLabel}, median of ${REPEATS} runs (memory: peak RSS above an idle process of the same kind; sign-in requests: all runs together)`,
		'',
		'| Variant | Items | API requests | Sign-in requests | Wall time (ms) | Peak memory (MiB) |',
		'| --- | --- | --- | --- | --- | --- |',
		...VARIANTS.map((variant) => {
			const r = summary[variant];
			return `| ${variant} | ${r.items} | ${r.apiRequests} | ${r.loginRequests} | ${r.wallMs} | ${r.peakMiBAboveIdle} |`;
		}),
		'',
		'| This node against | Requests | Wall time | Peak memory |',
		'| --- | --- | --- | --- |',
		...(['minimalClient', 'httpRequestNode'] as const).map(
			(other) =>
				`| ${other} | ${ratio(ours.apiRequests, summary[other].apiRequests)} | ${ratio(ours.wallMs, summary[other].wallMs)} | ${ratio(ours.peakMiBAboveIdle, summary[other].peakMiBAboveIdle)} |`,
		),
	];
}

/** One line per vendor: our node's wall time against the other two, bare and delayed. */
function overview(reports: TargetReport[]): string[] {
	const cell = (scenario: ScenarioReport | undefined, other: Variant) =>
		scenario ? ratio(scenario.summary.node.wallMs, scenario.summary[other].wallMs) : 'n/a';
	return [
		'Wall time of our node divided by the other variant\'s (below 1.00x: ours is faster).',
		'',
		`| Vendor: listing | Items | Bare: vs minimal client | Bare: vs HTTP Request node | ${DELAY_MS} ms delay: vs minimal client | ${DELAY_MS} ms delay: vs HTTP Request node |`,
		'| --- | --- | --- | --- | --- | --- |',
		...reports.map(({ target, items, scenarios: [bare, delayed] }) =>
			`| ${target.title} | ${items} | ${cell(bare, 'minimalClient')} | ${cell(bare, 'httpRequestNode')} | ${cell(delayed, 'minimalClient')} | ${cell(delayed, 'httpRequestNode')} |`,
		),
	];
}

async function resultsMarkdown(reports: TargetReport[], nodeBinary: string, loadBefore: number[]): Promise<string> {
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
	const load = (values: number[]) => values.map((value) => value.toFixed(1)).join(' / ');
	return [
		'# Benchmark results',
		'',
		'Latest `npm run bench` (test/harness/bench.ts, one target per vendor in test/bench/targets/); rerun it to',
		"compare a change. Wall time of our node and of the HTTP Request node is n8n's own execution time of those",
		'nodes (for the HTTP Request variant: the request node plus XML/Split Out); the minimal client times itself,',
		'sign-in included. Each simulator runs in a process of its own. Where our node spends its time inside n8n:',
		'bench/PROFILE-<vendor>.md (`PROFILE_TARGET=<vendor> npx tsx test/bench/profile-n8n.ts`).',
		'',
		`- Date: ${new Date().toISOString()}`,
		`- Commit: ${commit}${dirty ? ' (with uncommitted changes)' : ''}`,
		`- Machine: ${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}`,
		`- Load average (1 / 5 / 15 min): ${load(loadBefore)} before the run, ${load(os.loadavg())} at its end (shared machine)`,
		`- Node.js ${nodeVersion} (n8n and the minimal clients); n8n from test/harness/install-n8n.sh`,
		'',
		'## Overview',
		'',
		...overview(reports),
		'',
		...reports.flatMap((report) => [
			`## ${report.target.title}`,
			'',
			...report.scenarios.flatMap((scenario) => [`### ${scenario.title}`, '', ...table(report, scenario), '']),
		]),
	].join('\n');
}

main().catch((error: Error) => {
	process.stderr.write(`Benchmark failed: ${error.stack ?? error.message}\n`);
	process.exit(1);
});
