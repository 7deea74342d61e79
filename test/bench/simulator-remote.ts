import { fork } from 'node:child_process';
import * as path from 'node:path';

import type { LoggedRequest, SimulatorInfo } from './targets';

type SimulatorRequest = { type: 'requestsSince'; from: number } | { type: 'setDelay'; delayMs: number };
export type SimulatorCommand = SimulatorRequest & { id: number };

export interface SimulatorMessage {
	id: number;
	ready?: { info: SimulatorInfo; items: number };
	requests?: LoggedRequest[];
}

/** A bench simulator running in its own process (test/bench/simulator-process.ts). */
export interface RemoteSimulator {
	info: SimulatorInfo;
	items: number;
	/** Requests logged since the first `from` ones. */
	requestsSince(from: number): Promise<LoggedRequest[]>;
	setDelay(delayMs: number): Promise<void>;
	close(): Promise<void>;
}

/** Starts `target`'s simulator seeded with `items` in a child process and waits until it listens. */
export async function startSimulatorProcess(target: string, items: number): Promise<RemoteSimulator> {
	const child = fork(path.join(__dirname, 'simulator-process.ts'), [], {
		execArgv: ['--import', 'tsx'],
		env: { ...process.env, BENCH_TARGET: target, BENCH_ITEMS: String(items) },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const waiting = new Map<number, (message: SimulatorMessage) => void>();
	child.on('message', (message: SimulatorMessage) => {
		waiting.get(message.id)?.(message);
		waiting.delete(message.id);
	});
	const answer = (id: number) =>
		new Promise<SimulatorMessage>((resolve, reject) => {
			waiting.set(id, resolve);
			void exited.then(() => reject(new Error(`The ${target} simulator process ended`)));
		});
	const ready = (await answer(0)).ready!;
	let nextId = 1;
	const ask = async (command: SimulatorRequest): Promise<SimulatorMessage> => {
		const id = nextId++;
		const reply = answer(id);
		child.send({ ...command, id });
		return await reply;
	};
	return {
		...ready,
		requestsSince: async (from) => (await ask({ type: 'requestsSince', from })).requests ?? [],
		setDelay: async (delayMs) => void (await ask({ type: 'setDelay', delayMs })),
		close: async () => {
			child.disconnect();
			await exited;
		},
	};
}
