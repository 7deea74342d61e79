// n8n's verification scanner (@n8n/scan-community-package), run offline on what we would publish.
//
// The published scanner downloads the package from the registry, fetches the source its npm
// provenance names, and lints both: the source files (`package.json`, `nodes/`, `credentials/`)
// with every rule, and the tarball's compiled `.js` and `package.json`. We run the same two legs
// with the same rule set (its own `analyzePackage`, which ignores `eslint-disable` comments), on
// this checkout and on the tarball `npm pack` makes of it. Any finding fails.
//
// Usage: node test/harness/scan-package.mjs [--source DIR] [path/to/package.tgz]
//   --source DIR  the source checkout to lint (default: this repository)
//   package.tgz   the tarball to lint (default: `npm pack` of the source checkout, which must be built)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scanner = await import(
	path.join(repoRoot, 'node_modules/@n8n/scan-community-package/scanner/scanner.mjs')
);

const args = process.argv.slice(2);
const sourceFlag = args.indexOf('--source');
const sourceDir = sourceFlag === -1 ? repoRoot : path.resolve(args.splice(sourceFlag, 2)[1]);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-'));
try {
	let tarball = args[0] ? path.resolve(args[0]) : undefined;
	if (!tarball) {
		const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
			cwd: sourceDir,
			encoding: 'utf8',
		});
		tarball = path.join(work, packed.trim().split('\n').pop());
	}
	const unpacked = path.join(work, 'package');
	fs.mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);

	const legs = [
		['source', await scanner.analyzePackage(sourceDir, scanner.SOURCE_FILE_PATTERNS)],
		['tarball', await scanner.analyzePackage(unpacked, ['**/*.js', 'package.json'])],
	];
	let failed = false;
	for (const [leg, result] of legs) {
		if (result.passed) {
			console.log(`scanner, ${leg}: no finding`);
		} else {
			failed = true;
			console.log(`scanner, ${leg}: ${result.message}`);
			if (result.details) console.log(result.details);
		}
	}
	process.exitCode = failed ? 1 : 0;
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
