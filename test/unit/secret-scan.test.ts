import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { SecretScan } from '../e2e/harness/secrets';
import { rememberSecret } from '../simulators/framework/secrets';

/** The secret scan every end-to-end run ends with (N8nInstance.cleanup): it must find what it looks for. */
describe('the secret scan of an n8n user folder', () => {
	let folder: string;
	beforeEach(() => {
		folder = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-scan-'));
		fs.mkdirSync(path.join(folder, '.n8n', 'nodes', 'node_modules'), { recursive: true });
		fs.writeFileSync(path.join(folder, '.n8n', 'database.sqlite'), Buffer.from('SQLite format 3\0 executions: {"ok":true}'));
		fs.writeFileSync(path.join(folder, 'server.log'), '{"level":"info","message":"n8n ready"}\n');
	});
	afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

	function scanWith(setup: (scan: SecretScan) => void): Error | undefined {
		const scan = new SecretScan();
		setup(scan);
		try {
			scan.assertNoLeaks(folder);
			return undefined;
		} catch (error) {
			return error as Error;
		}
	}

	test('a clean folder passes, and the planted secret is removed again', () => {
		expect(scanWith((scan) => scan.addCredential('ESC', { username: 'admin', password: 'p@ss "word" 1' }))).toBeUndefined();
		expect(fs.readdirSync(folder).sort()).toEqual(['.n8n', 'server.log']);
	});

	test('a credential password in the execution data fails the run, named by field and credential but not shown', () => {
		fs.appendFileSync(path.join(folder, '.n8n', 'database.sqlite'), '{"error":"login p@ss \\"word\\" 1 refused"}');
		const error = scanWith((scan) => scan.addCredential('ESC', { username: 'admin', password: 'p@ss "word" 1' }));
		expect(error?.message).toMatch(/password of credential "ESC" in \.n8n\/database\.sqlite/);
		expect(error?.message).not.toContain('p@ss');
	});

	test('the Basic form of a login, an OAuth2 token nested in the data and a URL-encoded secret are found', () => {
		const basic = Buffer.from('admin:cisco-secret').toString('base64');
		fs.appendFileSync(path.join(folder, 'server.log'), `{"headers":{"authorization":"Basic ${basic}"}}\n`);
		fs.mkdirSync(path.join(folder, 'batch-1'));
		fs.writeFileSync(path.join(folder, 'batch-1', 'summary.json'), '{"error":"token eyJabc123def refused; secret a%2Fb%3Fc%26d"}');
		const error = scanWith((scan) => {
			scan.addCredential('ESC', { username: 'admin', password: 'cisco-secret' });
			scan.addCredential('GreenLake', { clientId: 'c', clientSecret: 'a/b?c&d', oauthTokenData: { access_token: 'eyJabc123def' } });
		});
		expect(error?.message).toContain('password of credential "ESC" in Basic form in server.log');
		expect(error?.message).toContain('access_token of credential "GreenLake" in batch-1/summary.json');
		expect(error?.message).toContain('clientSecret of credential "GreenLake" in batch-1/summary.json');
	});

	test('tokens a simulator issued and answers n8n gave the harness are scanned; the installed package is not', () => {
		const issued = rememberSecret('sim-issued-token-42');
		fs.writeFileSync(path.join(folder, '.n8n', 'nodes', 'node_modules', 'code.js'), `const example = "${issued}";`);
		expect(scanWith(() => undefined)).toBeUndefined();
		const error = scanWith((scan) => scan.record('the answer to POST /rest/credentials/test', `{"message":"${issued} expired"}`));
		expect(error?.message).toContain('a secret a simulator accepted or issued in the answer to POST /rest/credentials/test');
	});

	test('a scan that cannot read the folder fails instead of passing', () => {
		fs.rmSync(folder, { recursive: true, force: true });
		expect(scanWith(() => undefined)?.message).toMatch(/ENOENT|did not find the secret it planted/);
		fs.mkdirSync(folder);
	});
});
