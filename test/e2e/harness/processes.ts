import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';

/** Every process this module started that may still run, for `stopAllProcesses`. */
const started = new Set<ChildProcess>();

function track(child: ChildProcess): ChildProcess {
	started.add(child);
	// Forgotten once its whole process group is gone; a task runner may outlive n8n's main process.
	child.once('exit', () => {
		if (child.pid === undefined || !groupExists(child.pid)) started.delete(child);
	});
	return child;
}

export function hasRunningProcesses(): boolean {
	return started.size > 0;
}

/** Stops everything started here that still runs (on Ctrl-C in the demo, or a failed setup). */
export async function stopAllProcesses(): Promise<void> {
	await Promise.all([...started].map(async (child) => await stopProcessGroup(child)));
}

/**
 * Sends SIGTERM to everything started here that still runs, synchronously: for `process.on('exit')`,
 * where nothing asynchronous runs any more (a crash must not leave n8n or a simulator behind).
 */
export function signalAllProcessesNow(): void {
	for (const child of started) {
		if (child.pid !== undefined) signalGroup(child.pid, 'SIGTERM');
	}
}

// Nothing started here may outlive the process that started it (a crashed demo, a killed jest worker).
process.once('exit', signalAllProcessesNow);

export interface CommandResult {
	command: string;
	exitCode: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	durationMs: number;
}

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	timeoutMs?: number;
	/** Resolve instead of rejecting when the command exits with a non-zero code. */
	allowFailure?: boolean;
	/** Written to the command's stdin, which is then closed. */
	input?: string;
}

/**
 * Runs a command in its own process group, so a timeout can stop it together with everything it
 * started (n8n starts task-runner processes).
 */
export async function runCommand(
	file: string,
	args: string[],
	options: RunOptions = {},
): Promise<CommandResult> {
	const command = [file, ...args].join(' ');
	const startedAt = Date.now();
	const child = track(
		spawn(file, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			detached: true,
			stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
		}),
	);
	const stdout: Buffer[] = [];
	const stderr: Buffer[] = [];
	child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
	child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
	if (child.stdin) {
		// A command that exits without reading its input must not crash us with EPIPE.
		child.stdin.on('error', () => undefined);
		child.stdin.end(options.input);
	}

	let timedOut = false;
	const timer =
		options.timeoutMs === undefined
			? undefined
			: setTimeout(() => {
					timedOut = true;
					void stopProcessGroup(child);
				}, options.timeoutMs);

	const { code, signal } = await new Promise<{
		code: number | null;
		signal: NodeJS.Signals | null;
	}>((resolve, reject) => {
		child.once('error', reject);
		child.once('close', (exitCode, exitSignal) => resolve({ code: exitCode, signal: exitSignal }));
	});
	if (timer) clearTimeout(timer);
	const result: CommandResult = {
		command,
		exitCode: code,
		signal,
		stdout: Buffer.concat(stdout).toString('utf8'),
		stderr: Buffer.concat(stderr).toString('utf8'),
		durationMs: Date.now() - startedAt,
	};
	if (timedOut) {
		throw new Error(
			`Timed out after ${options.timeoutMs} ms: ${command}\n${tail(result.stdout + result.stderr)}`,
		);
	}
	if (code !== 0 && !options.allowFailure) {
		throw new Error(
			`Exit code ${code ?? signal}: ${command}\n${tail(result.stdout + result.stderr)}`,
		);
	}
	return result;
}

/** Starts a long-running command in its own process group, its output appended to `logFile`. */
export function startBackground(
	file: string,
	args: string[],
	options: SpawnOptions & { logFile: string },
): ChildProcess {
	const log = fs.openSync(options.logFile, 'a');
	try {
		return track(spawn(file, args, { ...options, detached: true, stdio: ['ignore', log, log] }));
	} finally {
		fs.closeSync(log);
	}
}

export function isRunning(child: ChildProcess): boolean {
	return child.exitCode === null && child.signalCode === null;
}

/**
 * Stops a process started by `runCommand` / `startBackground` and everything in its process group:
 * SIGTERM first (n8n shuts down cleanly on it), SIGKILL after `graceMs`.
 */
export async function stopProcessGroup(child: ChildProcess, graceMs = 20_000): Promise<void> {
	const pid = child.pid;
	if (pid === undefined) return;
	const exited = isRunning(child)
		? new Promise<void>((resolve) => child.once('exit', () => resolve()))
		: Promise.resolve();
	signalGroup(pid, 'SIGTERM');
	const killer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
	await exited;
	clearTimeout(killer);
	// Children that outlive the leader (a task runner mid-shutdown) still belong to the group.
	if (await groupAlive(pid, 5_000)) signalGroup(pid, 'SIGKILL');
	started.delete(child);
}

function groupExists(pid: number): boolean {
	const failure = attempt(() => process.kill(-pid, 0));
	return !failure || failure.code === 'EPERM';
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
	const failure = attempt(() => process.kill(-pid, signal));
	if (failure && failure.code !== 'ESRCH') throw failure;
}

/** Runs `action`; returns the error it threw, if any (for callers that expect some error codes). */
export function attempt(action: () => unknown): NodeJS.ErrnoException | undefined {
	try {
		action();
		return undefined;
	} catch (error) {
		return error as NodeJS.ErrnoException;
	}
}

/** Whether any process of the group is still alive after waiting up to `waitMs` for it to empty. */
async function groupAlive(pid: number, waitMs: number): Promise<boolean> {
	const deadline = Date.now() + waitMs;
	for (;;) {
		if (!groupExists(pid)) return false;
		if (Date.now() >= deadline) return true;
		await sleep(100);
	}
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** Whether something accepts connections on 127.0.0.1:`port`. */
export async function portInUse(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = net.connect({ port, host: '127.0.0.1' });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

export async function sleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
	description: string,
	check: () => Promise<T | undefined>,
	options: { timeoutMs: number; intervalMs?: number; onTimeout?: () => string },
): Promise<T> {
	const deadline = Date.now() + options.timeoutMs;
	let lastError: unknown;
	for (;;) {
		try {
			const value = await check();
			if (value !== undefined) return value;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() >= deadline) {
			const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
			throw new Error(
				`Timed out after ${options.timeoutMs} ms waiting for ${description}${reason}${options.onTimeout ? `\n${options.onTimeout()}` : ''}`,
			);
		}
		await sleep(options.intervalMs ?? 250);
	}
}

/** The last `lines` lines of a text, for error messages. */
export function tail(text: string, lines = 40): string {
	return text.trimEnd().split('\n').slice(-lines).join('\n');
}
