import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A clone of this repository must work with nothing beside it: no file may point at a path outside
 * the repository (a sibling reference folder, a developer's home, an absolute machine path).
 */
const ROOT = path.resolve(__dirname, '../..');
const TEXT_FILE = /\.(ts|js|cjs|mjs|json|sh|ya?ml|md)$|^\.ci\/run$/;
/** Relative paths written in a file: `../x`, `../../y/z`, also when built with path.join(__dirname, '..', ...). */
const RELATIVE_PATH = /(?:\.\.\/)+[\w.@-][\w.@/-]*/g;
const ABSOLUTE_MACHINE_PATH = /(?:^|[\s'"`(=])(\/(?:work|root|home|tmp\/bash_jobs)\/[\w.-]+)/g;

function trackedFiles(): string[] {
	const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
		cwd: ROOT,
		encoding: 'utf8',
	});
	return listed
		.split('\n')
		.filter((file) => file !== '' && file !== 'package-lock.json' && TEXT_FILE.test(file))
		.filter((file) => fs.existsSync(path.join(ROOT, file)));
}

function isInside(file: string, reference: string): boolean {
	const resolved = path.resolve(ROOT, path.dirname(file), reference);
	return resolved === ROOT || resolved.startsWith(ROOT + path.sep);
}

describe('the repository stands alone', () => {
	const files = trackedFiles();

	it('finds the files it checks', () => {
		expect(files).toEqual(expect.arrayContaining(['package.json', 'test/simulators/dscc/index.ts', 'README.md']));
	});

	it('has no file that refers to a path outside the repository', () => {
		const outside: string[] = [];
		for (const file of files) {
			const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
			for (const match of text.matchAll(RELATIVE_PATH)) {
				if (!isInside(file, match[0])) outside.push(`${file}: ${match[0]}`);
			}
			for (const match of text.matchAll(ABSOLUTE_MACHINE_PATH)) outside.push(`${file}: ${match[1]}`);
			if (/\bshared\/(vendor-specs|vendor-docs|research|notes)\//.test(text)) {
				outside.push(`${file}: the reference folder shared/`);
			}
		}
		expect(outside).toEqual([]);
	});

	it('keeps every vendor document the simulators validate against, with its source', () => {
		const specs = fs.readdirSync(path.join(ROOT, 'test/specs')).filter((file) => file !== 'README.md');
		const readme = fs.readFileSync(path.join(ROOT, 'test/specs/README.md'), 'utf8');
		expect(specs.length).toBeGreaterThan(0);
		for (const spec of specs) expect(readme).toContain(`\`${spec}\``);
	});

	it('has a lockfile that `npm ci` accepts on any platform: every optional dependency is listed', () => {
		// npm 11 can write a lockfile that drops the other platforms' variants of optional packages
		// (when it updates one over an existing node_modules); `npm ci` then refuses it as out of sync.
		// Regenerate it with: rm -rf node_modules package-lock.json && npm install
		const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
			packages: Record<string, { optionalDependencies?: Record<string, string> }>;
		};
		const missing: string[] = [];
		for (const [location, entry] of Object.entries(lock.packages)) {
			for (const dependency of Object.keys(entry.optionalDependencies ?? {})) {
				const parents = location.split('/node_modules/');
				const resolvable = parents.some((_, depth) => {
					const prefix = parents.slice(0, parents.length - depth).join('/node_modules/');
					return lock.packages[`${prefix ? `${prefix}/` : ''}node_modules/${dependency}`] !== undefined;
				}) || lock.packages[`node_modules/${dependency}`] !== undefined;
				if (!resolvable) missing.push(`${location || 'package.json'} → ${dependency}`);
			}
		}
		expect(missing).toEqual([]);
	});
});
