import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { N8nInstance, loadWorkflow, loadWorkflows } from '../e2e/harness/n8n';
import { nodeTime } from './run-data';
import { startSimulatorProcess } from './simulator-remote';
import { benchTarget } from './targets';

/**
 * Where our node's Return All spends its time inside real n8n: runs a bench target's node workflow
 * in n8n with V8's CPU profiler on, then splits the samples taken while the node ran (from the first
 * to the last sample in this package's listing code) by where the CPU was: our package, n8n-core,
 * the HTTP client (axios, follow-redirects), Node's own http/streams, JSON parsing, garbage
 * collection, idle (waiting for the simulator). The simulator runs in a process of its own.
 *
 * PROFILE_TARGET=dscc (default) PROFILE_ROUNDS=3 npx tsx test/bench/profile-n8n.ts; writes bench/PROFILE-<target>.md.
 */
const TARGET = process.env.PROFILE_TARGET ?? 'dscc';
const ROUNDS = Number(process.env.PROFILE_ROUNDS ?? 3);
const BENCH_DIR = __dirname;
/** Categories below this share of the window are added up in one row. */
const MINOR_SHARE = 0.01;

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string };
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

/** This package as n8n loads it (n8n's own cache folder is named after the project too). */
const OURS = /node_modules[/\\]n8n-nodes-datacenter[/\\]/;
/** Our functions that run only while the node lists: they bound the window analysed. */
const RUNNING = new Set(['runOperations', 'fetchPages', 'fetchPage', 'launch', 'keep', 'apiRequest', 'readStreamedBody', 'parseBody']);

function category(frame: ProfileNode['callFrame']): string {
	const { url, functionName } = frame;
	if (url === '') {
		if (['(idle)', '(garbage collector)', '(program)'].includes(functionName)) return functionName;
		return functionName === 'parse' || functionName === 'stringify' ? `JSON.${functionName}` : `V8 built-in (${functionName || 'anonymous'})`;
	}
	if (OURS.test(url)) return 'our package';
	if (/[/\\]n8n-core[/\\]/.test(url)) return 'n8n-core';
	if (/[/\\]n8n-workflow[/\\]/.test(url)) return 'n8n-workflow';
	if (/[/\\](axios|follow-redirects|form-data|proxy-from-env|https?-proxy-agent|agent-base)[/\\]/.test(url)) return 'HTTP client (axios, follow-redirects)';
	if (url.startsWith('node:')) return 'Node.js internals (http, net, streams)';
	const module = /node_modules[/\\]((?:@[^/\\]+[/\\])?[^/\\]+)/.exec(url)?.[1];
	return module ? `other: ${module}` : `other: ${path.basename(url)}`;
}

/** Milliseconds per category, and per top function, between the first and last sample of our code. */
function analyse(profile: CpuProfile): { windowMs: number; categories: Map<string, number>; functions: Map<string, number> } {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const stackHasOurs = new Map<number, boolean>();
	const hasOurs = (id: number): boolean => {
		const known = stackHasOurs.get(id);
		if (known !== undefined) return known;
		const node = byId.get(id)!;
		const up = parent.get(id);
		const result = (OURS.test(node.callFrame.url) && RUNNING.has(node.callFrame.functionName)) || (up !== undefined && hasOurs(up));
		stackHasOurs.set(id, result);
		return result;
	};
	const marks = profile.samples.map((id, index) => (hasOurs(id) ? index : -1)).filter((index) => index >= 0);
	const categories = new Map<string, number>();
	const functions = new Map<string, number>();
	let windowMs = 0;
	if (marks.length === 0) return { windowMs, categories, functions };
	for (let index = marks[0]; index <= marks[marks.length - 1]; index++) {
		const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
		const frame = byId.get(profile.samples[index])!.callFrame;
		windowMs += ms;
		const name = category(frame);
		categories.set(name, (categories.get(name) ?? 0) + ms);
		const fn = `${frame.functionName || '(anonymous)'} ${frame.url ? path.basename(frame.url) : ''}`.trim();
		functions.set(fn, (functions.get(fn) ?? 0) + ms);
	}
	return { windowMs, categories, functions };
}

async function main(): Promise<void> {
	const target = benchTarget(TARGET);
	const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cpu-profile-'));
	const sim = await startSimulatorProcess(target.key, Number(process.env.BENCH_ITEMS ?? target.defaultItems));
	const n8n = await N8nInstance.create({ name: 'profile', env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` } });
	const totals = new Map<string, number[]>();
	const functionTotals = new Map<string, number>();
	const windows: number[] = [];
	const nodeTimes: number[] = [];
	try {
		await n8n.importCredentials([target.credential(sim.info)]);
		await n8n.importWorkflows([
			loadWorkflow(path.join(BENCH_DIR, 'workflows', 'idle.json')),
			...loadWorkflows(path.join(BENCH_DIR, 'workflows', target.key), target.placeholders(sim.info)),
		]);
		for (let round = 0; round <= ROUNDS; round++) {
			for (const file of fs.readdirSync(profileDir)) fs.rmSync(path.join(profileDir, file));
			const run = (await n8n.executeWorkflows([target.ourNode.id], { timeoutMs: 600_000 })).get(target.ourNode.id)!;
			if (run.status !== 'success') throw new Error(`${target.ourNode.id} failed: ${run.errorMessage ?? run.status}`);
			if (round === 0) continue; // the first run signs in
			const profiles = fs
				.readdirSync(profileDir)
				.map((file) => JSON.parse(fs.readFileSync(path.join(profileDir, file), 'utf8')) as CpuProfile)
				.map(analyse)
				.filter((result) => result.windowMs > 0);
			if (profiles.length !== 1) throw new Error(`expected one profile with our code in it, found ${profiles.length}`);
			const [{ windowMs, categories, functions }] = profiles;
			windows.push(windowMs);
			nodeTimes.push(nodeTime(run, target.ourNode.measuredNodes));
			for (const [name, ms] of categories) totals.set(name, [...(totals.get(name) ?? []), ms]);
			for (const [name, ms] of functions) functionTotals.set(name, (functionTotals.get(name) ?? 0) + ms / ROUNDS);
		}
	} finally {
		await sim.close();
		n8n.cleanup();
	}
	const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / ROUNDS;
	const window = mean(windows);
	const rows = [...totals].map(([name, values]) => [name, mean(values)] as const).sort((a, b) => b[1] - a[1]);
	const major = rows.filter(([, ms]) => ms >= window * MINOR_SHARE);
	const minor = rows.filter(([, ms]) => ms < window * MINOR_SHARE);
	const minorMs = minor.reduce((sum, [, ms]) => sum + ms, 0);
	const share = (ms: number) => `${((ms / window) * 100).toFixed(1)}%`;
	const top = [...functionTotals].sort((a, b) => b[1] - a[1]).slice(0, 15);
	const markdown = [
		`# Where our ${target.key} node spends its time inside n8n`,
		'',
		'Latest `npx tsx test/bench/profile-n8n.ts` (see its header); rerun it after a change to the transport.',
		'',
		`- Date: ${new Date().toISOString()}; load average (1 / 5 / 15 min) ${os.loadavg().map((value) => value.toFixed(1)).join(' / ')}`,
		`- ${target.title}: ${sim.items} ${target.itemsLabel}, our node inside n8n with V8's CPU profiler on, mean of ${ROUNDS} runs after one that signs in`,
		`- n8n's execution time of the node: ${Math.round(mean(nodeTimes))} ms (the profiler slows it); window analysed (first to last sample in our listing code): ${Math.round(window)} ms`,
		'',
		'| Where the CPU was | ms | Share of the window |',
		'| --- | --- | --- |',
		...major.map(([name, ms]) => `| ${name} | ${Math.round(ms)} | ${share(ms)} |`),
		...(minor.length > 0 ? [`| ${minor.length} others, each below ${MINOR_SHARE * 100}% | ${Math.round(minorMs)} | ${share(minorMs)} |`] : []),
		'',
		'`(idle)`: waiting for the simulator (another process). Our package\'s self time includes `JSON.parse` of',
		'each page (V8 counts it in `parseBody`). `other: n8n`, `@n8n/typeorm`, `sqlite3`, `ws`: n8n\'s own work',
		'in the same process while the node runs (database, task-runner broker).',
		'',
		'| Top functions (self time) | ms |',
		'| --- | --- |',
		...top.map(([name, ms]) => `| ${name} | ${Math.round(ms)} |`),
		'',
	].join('\n');
	process.stdout.write(markdown);
	fs.writeFileSync(path.resolve(__dirname, `../../bench/PROFILE-${target.key}.md`), markdown);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
