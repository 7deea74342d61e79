import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { freePort, isRunning, runCommand, startBackground, stopProcessGroup, tail, waitFor } from '../e2e/harness/processes';

/**
 * The two services n8n's queue mode needs, from Debian's packages (test/harness/install-queue-services.sh
 * installs them): a throwaway PostgreSQL cluster and a Redis without persistence, both on loopback
 * ports picked at start, both gone when stopped.
 */
export interface QueueServices {
	postgres: { host: string; port: number; database: string; user: string };
	redis: { host: string; port: number };
	/** Runs one SQL query on n8n's database and returns the rows, tab-separated. */
	sql(query: string): Promise<string[][]>;
	stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const DATABASE = 'n8n';
const USER = 'n8n';

function postgresBin(): string {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
	const found = versions.map((version) => path.join(root, version, 'bin')).find((dir) => fs.existsSync(path.join(dir, 'postgres')));
	if (!found) throw new Error('PostgreSQL is not installed: run test/harness/install-queue-services.sh');
	return found;
}

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user Debian creates. */
function asPostgres(file: string, args: string[]): [string, string[]] {
	return os.userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

export async function startQueueServices(workDir: string): Promise<QueueServices> {
	const bin = postgresBin();
	// Outside the repository: the postgres user must be able to reach it.
	const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-pg-'));
	if (os.userInfo().uid === 0) execFileSync('chown', ['postgres:postgres', pgDir]);
	const dataDir = path.join(pgDir, 'data');
	await runCommand(...asPostgres(path.join(bin, 'initdb'), ['-D', dataDir, '-U', USER, '-A', 'trust', '-E', 'UTF8', '--no-sync']), { timeoutMs: 120_000 });

	const pgPort = await freePort();
	const pgLog = path.join(workDir, 'postgres.log');
	const postgres = startBackground(
		...asPostgres(path.join(bin, 'postgres'), [
			'-D', dataDir, '-p', String(pgPort), '-k', pgDir,
			'-c', `listen_addresses=${HOST}`, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300',
		]),
		{ logFile: pgLog },
	);
	const psql = (database: string, query: string) =>
		runCommand('psql', ['-h', HOST, '-p', String(pgPort), '-U', USER, '-d', database, '-v', 'ON_ERROR_STOP=1', '-At', '-F', '\t', '-c', query], {
			timeoutMs: 60_000,
			env: { ...process.env, PGCONNECT_TIMEOUT: '5' },
		});
	await waitFor(
		'PostgreSQL to accept connections',
		async () => {
			if (!isRunning(postgres)) throw new Error(`PostgreSQL exited:\n${tail(fs.readFileSync(pgLog, 'utf8'))}`);
			return (await psql('postgres', 'select 1').catch(() => undefined)) ? true : undefined;
		},
		{ timeoutMs: 60_000, intervalMs: 300 },
	);
	await psql('postgres', `create database ${DATABASE}`);

	const redisPort = await freePort();
	const redisLog = path.join(workDir, 'redis.log');
	const redis = startBackground('redis-server', ['--port', String(redisPort), '--bind', HOST, '--save', '', '--appendonly', 'no', '--protected-mode', 'no'], {
		logFile: redisLog,
	});
	await waitFor(
		'Redis to answer PING',
		async () => {
			if (!isRunning(redis)) throw new Error(`Redis exited:\n${tail(fs.readFileSync(redisLog, 'utf8'))}`);
			const pong = await runCommand('redis-cli', ['-h', HOST, '-p', String(redisPort), 'ping'], { allowFailure: true, timeoutMs: 5_000 }).catch(() => undefined);
			return pong?.stdout.trim() === 'PONG' ? true : undefined;
		},
		{ timeoutMs: 30_000, intervalMs: 200 },
	);

	return {
		postgres: { host: HOST, port: pgPort, database: DATABASE, user: USER },
		redis: { host: HOST, port: redisPort },
		sql: async (query) => {
			const { stdout } = await psql(DATABASE, query);
			return stdout.split('\n').filter((line) => line !== '').map((line) => line.split('\t'));
		},
		stop: async () => {
			await Promise.all([stopProcessGroup(redis), stopProcessGroup(postgres)]);
			fs.rmSync(pgDir, { recursive: true, force: true });
		},
	};
}
