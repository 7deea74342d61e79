import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * n8n's verification scanner ignores `eslint-disable` comments, so a package that silences an
 * `@n8n` rule passes our lint and is refused by n8n. `npm test` runs the scanner's own rules on the
 * packed tarball (test/harness/scan-package.mjs); these tests prove that run can fail.
 */
const ROOT = path.resolve(__dirname, '../..');
const SCAN = path.join(ROOT, 'test/harness/scan-package.mjs');

const SILENCED_DEPRECATED_CALL = `
export async function probe(this: { helpers: { request(o: object): Promise<unknown> } }) {
	// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
	return await this.helpers.request({ uri: 'https://example.com' });
}
`;

function fixturePackage(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-fixture-'));
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({
			name: 'n8n-nodes-scan-fixture',
			version: '0.0.1',
			keywords: ['n8n-community-node-package'],
			files: ['dist'],
			n8n: { n8nNodesApiVersion: 1, strict: true, credentials: [], nodes: [] },
			peerDependencies: { 'n8n-workflow': '*' },
		}),
	);
	fs.mkdirSync(path.join(dir, 'nodes/Probe'), { recursive: true });
	fs.writeFileSync(path.join(dir, 'nodes/Probe/probe.ts'), SILENCED_DEPRECATED_CALL);
	fs.mkdirSync(path.join(dir, 'dist/nodes/Probe'), { recursive: true });
	fs.writeFileSync(
		path.join(dir, 'dist/nodes/Probe/probe.js'),
		'// eslint-disable-next-line\nexports.probe = async function () { return await this.helpers.request({ uri: "x" }); };\n',
	);
	return dir;
}

describe("n8n's verification scanner, run offline", () => {
	it('refuses a deprecated helper even when an eslint-disable comment silences it, in the source and in the tarball', () => {
		const dir = fixturePackage();
		try {
			const packed = execFileSync('npm', ['pack', '--silent'], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop()!;
			const run = spawnSync(process.execPath, [SCAN, '--source', dir, path.join(dir, packed)], { encoding: 'utf8' });
			expect(run.status).toBe(1);
			expect(run.stdout).toMatch(/scanner, source: ESLint violations found[\s\S]*nodes\/Probe\/probe\.ts[\s\S]*no-deprecated-workflow-functions/);
			expect(run.stdout).toMatch(/scanner, tarball: ESLint violations found[\s\S]*dist\/nodes\/Probe\/probe\.js[\s\S]*no-deprecated-workflow-functions/);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	}, 120_000);

	it('finds no comment in the shipped code that disables an @n8n rule', () => {
		const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'nodes', 'credentials'], {
			cwd: ROOT,
			encoding: 'utf8',
		});
		const offenders = listed
			.split('\n')
			.filter((file) => /\.ts$/.test(file) && fs.existsSync(path.join(ROOT, file)))
			.flatMap((file) =>
				fs
					.readFileSync(path.join(ROOT, file), 'utf8')
					.split('\n')
					.map((line, index) => ({ file, line: index + 1, text: line }))
					.filter(({ text }) => /eslint-disable[^\n]*@n8n\//.test(text))
					.map(({ file, line }) => `${file}:${line}`),
			);
		expect(offenders).toEqual([]);
	});
});
