import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { attempt, runCommand, sleep } from './processes';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
/** Build output of the e2e harness: packed tarballs and throwaway n8n user folders (gitignored). */
export const E2E_DIR = path.join(REPO_ROOT, '.e2e');

const PACKAGE_JSON = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
	name: string;
	version: string;
};
export const PACKAGE_NAME = PACKAGE_JSON.name;

/** The first install downloads about 3 GB and compiles two native modules. */
export const N8N_INSTALL_TIMEOUT_MS = 20 * 60_000;

export interface N8nRuntime {
	/** The cache folder install-n8n.sh printed. */
	installDir: string;
	/** Node 24, which n8n >= 2.36 requires. */
	nodeBinary: string;
	/** n8n's CLI entry point, run with `nodeBinary`. */
	n8nBin: string;
	/** Folder of `nodeBinary`, put first on n8n's PATH (n8n runs `node` and `npm` from there). */
	nodeBinDir: string;
	version: string;
}

let runtime: Promise<N8nRuntime> | undefined;

/**
 * Installs the pinned n8n with Node 24 (test/harness/install-n8n.sh; a no-op once done) and says
 * where it is. install-n8n.sh takes a lock, so parallel jest workers wait for one install.
 */
export async function ensureN8nInstalled(): Promise<N8nRuntime> {
	runtime ??= (async () => {
		const script = path.join(REPO_ROOT, 'test/harness/install-n8n.sh');
		const result = await runCommand('bash', [script], {
			cwd: REPO_ROOT,
			timeoutMs: N8N_INSTALL_TIMEOUT_MS,
		});
		const installDir = result.stdout.trim().split('\n').pop() ?? '';
		const nodeBinary = path.join(installDir, 'node_modules/.bin/node');
		const n8nBin = path.join(installDir, 'node_modules/n8n/bin/n8n');
		if (!fs.existsSync(nodeBinary) || !fs.existsSync(n8nBin)) {
			throw new Error(
				`install-n8n.sh printed "${installDir}", which holds no Node 24 / n8n install`,
			);
		}
		const version = (
			JSON.parse(
				fs.readFileSync(path.join(installDir, 'node_modules/n8n/package.json'), 'utf8'),
			) as { version: string }
		).version;
		return {
			installDir,
			nodeBinary: fs.realpathSync(nodeBinary),
			n8nBin,
			nodeBinDir: path.dirname(fs.realpathSync(nodeBinary)),
			version,
		};
	})();
	return await runtime;
}

/** Everything that ends up in the packed tarball; a change to any of it means a new build. */
const PACKAGE_INPUTS = [
	'package.json',
	'tsconfig.json',
	'gulpfile.js',
	'nodes',
	'credentials',
	'icons',
];

function hashPackageInputs(): string {
	const hash = createHash('sha256');
	const visit = (relative: string): void => {
		const absolute = path.join(REPO_ROOT, relative);
		if (!fs.existsSync(absolute)) return;
		const stat = fs.statSync(absolute);
		if (stat.isDirectory()) {
			for (const entry of fs.readdirSync(absolute).sort()) visit(path.join(relative, entry));
			return;
		}
		hash.update(relative).update('\0').update(fs.readFileSync(absolute)).update('\0');
	};
	PACKAGE_INPUTS.forEach(visit);
	return hash.digest('hex').slice(0, 16);
}

/**
 * Builds the package and `npm pack`s it into .e2e/pack/<hash of the sources>/, once per source
 * state: every test file of a run (and the demo) shares the tarball, and parallel jest workers wait
 * for the one that builds. `E2E_PACKAGE_TARBALL` uses a tarball built elsewhere (CI) instead.
 */
export async function packPackage(): Promise<string> {
	const prebuilt = process.env.E2E_PACKAGE_TARBALL;
	if (prebuilt) {
		if (!fs.existsSync(prebuilt)) throw new Error(`E2E_PACKAGE_TARBALL=${prebuilt} does not exist`);
		return path.resolve(prebuilt);
	}
	const packDir = path.join(E2E_DIR, 'pack', hashPackageInputs());
	const tarball = path.join(packDir, `${PACKAGE_NAME}-${PACKAGE_JSON.version}.tgz`);
	const lockDir = `${packDir}.lock`;
	fs.mkdirSync(path.dirname(packDir), { recursive: true });
	for (;;) {
		if (fs.existsSync(tarball)) return tarball;
		if (tryLock(lockDir)) break;
		await sleep(500);
	}
	try {
		if (fs.existsSync(tarball)) return tarball;
		const npmEnv = {
			...process.env,
			npm_config_yes: 'true',
			npm_config_update_notifier: 'false',
			npm_config_fund: 'false',
		};
		await runCommand('npm', ['run', 'build'], {
			cwd: REPO_ROOT,
			env: npmEnv,
			timeoutMs: 5 * 60_000,
		});
		const staging = `${packDir}.tmp-${process.pid}`;
		fs.rmSync(staging, { recursive: true, force: true });
		fs.mkdirSync(staging, { recursive: true });
		const packed = await runCommand('npm', ['pack', '--json', '--pack-destination', staging], {
			cwd: REPO_ROOT,
			env: npmEnv,
			timeoutMs: 2 * 60_000,
		});
		const [{ filename }] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as Array<{
			filename: string;
		}>;
		if (path.basename(filename) !== path.basename(tarball)) {
			throw new Error(`npm pack wrote ${filename}, expected ${path.basename(tarball)}`);
		}
		fs.rmSync(packDir, { recursive: true, force: true });
		fs.renameSync(staging, packDir);
		pruneOldPacks(path.dirname(packDir), 5);
		return tarball;
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

/** Keeps the `keep` newest packed builds (older source states are not needed again). */
function pruneOldPacks(root: string, keep: number): void {
	const builds = fs
		.readdirSync(root)
		.filter((name) => /^[0-9a-f]{16}$/.test(name))
		.map((name) => ({
			dir: path.join(root, name),
			mtime: fs.statSync(path.join(root, name)).mtimeMs,
		}))
		.sort((a, b) => b.mtime - a.mtime);
	for (const { dir } of builds.slice(keep)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A lock directory holding the owner's PID; a lock whose owner died is taken over. */
function tryLock(lockDir: string): boolean {
	const failure = attempt(() => fs.mkdirSync(lockDir));
	if (!failure) {
		fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
		return true;
	}
	if (failure.code !== 'EEXIST') throw failure;
	const owner = Number(readOrEmpty(path.join(lockDir, 'pid')));
	if (owner > 0 && !processAlive(owner)) {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
	return false;
}

function readOrEmpty(file: string): string {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
