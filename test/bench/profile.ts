import { Readable } from 'node:stream';

import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { dsccApi, dsccEnvelope } from '../../nodes/HpeDscc/api';
import { fetchPages } from '../../nodes/shared/transport';
import { executeNode, greenLakeCredential } from '../harness/context';
import { startSimulatorProcess } from './simulator-remote';

/**
 * Where Return All of 10,000 volumes spends its time and memory on the client side (our transport
 * without n8n around it; the simulator in a process of its own): per page, the request until the
 * answer's headers, streaming the body, JSON parsing, and the rest (our own work: paging,
 * de-duplication, building requests). Run with `node --expose-gc --import tsx test/bench/profile.ts`.
 */
const VOLUMES = 10_000;
const ROUNDS = Number(process.env.PROFILE_ROUNDS ?? 5);
const DELAY_MS = Number(process.env.BENCH_DELAY_MS ?? 0);

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface Phases {
	requestMs: number;
	bodyMs: number;
	parseMs: number;
	bytes: number;
	pages: number;
}

async function main(): Promise<void> {
	const sim = await startSimulatorProcess('dscc', VOLUMES);
	await sim.setDelay(DELAY_MS);
	const { url, tokenUrl, clientId, clientSecret } = sim.info;
	const credentials = greenLakeCredential({ url, tokenUrl, clientId, clientSecret });
	// A context like the node's, kept from a throwaway execution.
	const contexts: IExecuteFunctions[] = [];
	await executeNode({
		nodeType: {
			description: { displayName: 'Profile', name: 'profile', defaults: { name: 'Profile' }, properties: [] },
			execute: async function (this: IExecuteFunctions) {
				contexts.push(this);
				return [[]];
			},
		} as never,
		credentials,
		parameters: {},
	});
	const [ctx] = contexts;
	await fetchPages(ctx, dsccApi, { method: 'GET', path: '/api/v1/volumes' }, dsccEnvelope, { returnAll: false, limit: 1 });

	// Time spent in n8n's request until the headers, and streaming each body.
	const phases: Phases = { requestMs: 0, bodyMs: 0, parseMs: 0, bytes: 0, pages: 0 };
	const send = ctx.helpers.httpRequestWithAuthentication;
	ctx.helpers.httpRequestWithAuthentication = async function (this: unknown, type: string, options: IHttpRequestOptions, extra?: unknown) {
		const started = performance.now();
		const response = (await send.call(ctx, type, options, extra as never)) as { body: AsyncIterable<Buffer> };
		phases.requestMs += performance.now() - started;
		phases.pages++;
		const source = response.body;
		async function* timed() {
			const bodyStarted = performance.now();
			for await (const chunk of source) {
				phases.bytes += chunk.length;
				yield chunk;
			}
			phases.bodyMs += performance.now() - bodyStarted;
		}
		return { ...response, body: Readable.from(timed(), { objectMode: false }) };
	} as never;
	const parse = JSON.parse;
	JSON.parse = ((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
		const started = performance.now();
		try {
			return parse(text, reviver);
		} finally {
			phases.parseMs += performance.now() - started;
		}
	}) as typeof JSON.parse;

	const rows: string[] = [];
	for (const concurrency of [1, 4]) {
		const runs: Array<Phases & { totalMs: number; heapMiB: number }> = [];
		for (let round = 0; round < ROUNDS; round++) {
			Object.assign(phases, { requestMs: 0, bodyMs: 0, parseMs: 0, bytes: 0, pages: 0 });
			gc();
			const heapBefore = process.memoryUsage().heapUsed;
			let peakHeap = heapBefore;
			const started = performance.now();
			const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 5);
			let items: IDataObject[] | undefined = await fetchPages(ctx, dsccApi, { method: 'GET', path: '/api/v1/volumes' }, dsccEnvelope, {
				returnAll: true,
				concurrency,
			});
			const totalMs = performance.now() - started;
			clearInterval(sampler);
			if (items.length !== VOLUMES) throw new Error(`got ${items.length} volumes`);
			items = undefined;
			runs.push({ ...phases, totalMs, heapMiB: mib(peakHeap - heapBefore) });
		}
		const m = (key: keyof (typeof runs)[0]) => median(runs.map((run) => run[key]));
		const pages = m('pages');
			const ours = m('totalMs') - (concurrency === 1 ? m('requestMs') + m('bodyMs') + m('parseMs') : 0);
		rows.push(
			`| ${concurrency} | ${pages} | ${mib(m('bytes') / pages)} | ${Math.round(m('totalMs'))} | ${(m('requestMs') / pages).toFixed(1)} | ${(m('bodyMs') / pages).toFixed(1)} | ${(m('parseMs') / pages).toFixed(1)} | ${concurrency === 1 ? (ours / pages).toFixed(1) : 'n/a'} | ${m('heapMiB')} |`,
		);
	}
	JSON.parse = parse;
	await sim.close();
	process.stdout.write(
		[
			`Return All of ${VOLUMES} volumes in-process, median of ${ROUNDS} rounds${DELAY_MS ? `, ${DELAY_MS} ms added to every response` : ''}. Per page: request until headers, body streaming, JSON parsing, the rest (ours).`,
			'',
			'| Pages at once | Pages | MiB per page | Total (ms) | Request (ms/page) | Body (ms/page) | Parse (ms/page) | Ours (ms/page) | Peak heap above start (MiB) |',
			'| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
			...rows,
		].join('\n') + '\n',
	);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
