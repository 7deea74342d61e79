import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Certificate {
	key: string;
	cert: string;
}

let made: Certificate | undefined;

/**
 * A self-signed certificate for 127.0.0.1, as an appliance ships with: made at test time with
 * openssl (Debian's), nothing is committed or downloaded. No client trusts it.
 */
export function selfSignedCertificate(): Certificate {
	if (made) return made;
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-tls-'));
	try {
		const key = path.join(folder, 'key.pem');
		const cert = path.join(folder, 'cert.pem');
		execFileSync(
			'openssl',
			['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert],
			{ stdio: 'pipe' },
		);
		made = { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
		return made;
	} finally {
		fs.rmSync(folder, { recursive: true, force: true });
	}
}
