import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { simulatorSecrets } from '../../simulators/framework/secrets';

/** Credential fields whose values are secrets (password, clientSecret, apiToken, accessToken, ...). */
const SECRET_FIELD = /password|secret|token|apikey/i;
/** Fields whose name says token but that hold an address (the OAuth2 token endpoint), not a secret. */
const NOT_SECRET_FIELD = /url$/i;
/** Fields that say who signs in, paired with a password for the HTTP Basic form of both. */
const LOGIN_FIELD = /^(username|user|email|login|clientId)$/i;
/** Shorter values (an empty field, a flag) would match by chance. */
const MIN_SECRET_LENGTH = 6;

export interface SecretHit {
	/** Which secret, without its value: e.g. `password of credential "ESC simulator"`. */
	secret: string;
	/** The file (relative to the user folder) or the answer of n8n that contains it. */
	where: string;
}

/** A text n8n gave the harness (a REST answer, an error message); scanned with n8n's files. */
interface SeenText {
	where: string;
	text: string;
}

/**
 * The secret scan of one n8n instance: every password, client secret, API token and access token
 * the run used (the credentials given to n8n and what the simulators accepted or issued) is looked
 * for in every file n8n wrote in its user folder (its log, the event log, the database with the
 * execution data, execute-batch snapshots and summaries) and in every answer the harness got from
 * n8n's REST API. Before that, the scan proves on a planted secret that it would find one.
 */
export class SecretScan {
	private readonly labels = new Map<string, string>();
	private readonly seen: SeenText[] = [];

	/** Remembers the secrets of credential data given to n8n (import or REST), by field. */
	addCredential(name: string, data: unknown): void {
		const walk = (value: unknown, login: string | undefined): void => {
			if (typeof value !== 'object' || value === null) return;
			const entries = Object.entries(value as Record<string, unknown>);
			const user = entries.find(([key, field]) => LOGIN_FIELD.test(key) && typeof field === 'string' && field !== '');
			for (const [key, field] of entries) {
				if (typeof field === 'string' && SECRET_FIELD.test(key) && !NOT_SECRET_FIELD.test(key)) {
					this.add(field, `${key} of credential "${name}"`);
					const who = (user?.[1] as string | undefined) ?? login;
					// The same secret as an HTTP Basic header carries it (ESC, token requests).
					if (who && field.length >= MIN_SECRET_LENGTH) {
						this.add(Buffer.from(`${who}:${field}`).toString('base64'), `${key} of credential "${name}" in Basic form`);
					}
				} else {
					walk(field, (user?.[1] as string | undefined) ?? login);
				}
			}
		};
		walk(data, undefined);
	}

	add(value: string, label: string): void {
		if (value.length < MIN_SECRET_LENGTH || this.labels.has(value)) return;
		this.labels.set(value, label);
	}

	/** Remembers a text n8n answered, to be scanned at the end. */
	record(where: string, text: string): void {
		this.seen.push({ where, text });
	}

	/**
	 * Scans `userFolder` and the recorded answers for every secret; throws when one is found, or
	 * when the planted secret is not found (the scan could not be trusted).
	 */
	assertNoLeaks(userFolder: string): void {
		for (const secret of simulatorSecrets()) this.add(secret, 'a secret a simulator accepted or issued');
		const planted = `planted-${randomBytes(12).toString('hex')}`;
		const plantedFile = path.join(userFolder, 'secret-scan-planted.log');
		fs.writeFileSync(plantedFile, `${JSON.stringify({ level: 'error', message: `Bearer ${planted} refused` })}\n`);
		this.seen.push({ where: 'planted answer', text: JSON.stringify({ message: `token ${planted}` }) });
		let hits: SecretHit[];
		try {
			hits = scan(userFolder, this.seen, new Map([...this.labels, [planted, 'the planted secret']]));
		} finally {
			fs.rmSync(plantedFile, { force: true });
			this.seen.pop();
		}
		const plantedHits = hits.filter((hit) => hit.secret === 'the planted secret').map((hit) => hit.where);
		if (!plantedHits.includes('secret-scan-planted.log') || !plantedHits.includes('planted answer')) {
			throw new Error(
				`The secret scan did not find the secret it planted (found it in: ${plantedHits.join(', ') || 'nothing'}); its result cannot be trusted`,
			);
		}
		const leaks = hits.filter((hit) => hit.secret !== 'the planted secret');
		if (leaks.length > 0) {
			throw new Error(
				`n8n shows ${leaks.length} secret(s) of this run in plain text (user folder ${userFolder}):\n` +
					leaks.map((hit) => `- ${hit.secret} in ${hit.where}`).join('\n'),
			);
		}
	}
}

/** Every (secret, place) pair where a secret appears as is, JSON-escaped or URL-encoded. */
export function scan(userFolder: string, seen: SeenText[], secrets: Map<string, string>): SecretHit[] {
	const forms = [...secrets].map(([value, label]) => ({
		label,
		needles: [...new Set([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)])].map((form) => Buffer.from(form)),
	}));
	const hits: SecretHit[] = [];
	const look = (where: string, content: Buffer) => {
		for (const { label, needles } of forms) {
			if (needles.some((needle) => content.includes(needle))) hits.push({ secret: label, where });
		}
	};
	for (const file of filesOf(userFolder)) look(path.relative(userFolder, file), fs.readFileSync(file));
	for (const { where, text } of seen) look(where, Buffer.from(text));
	return hits;
}

/** The files n8n wrote: everything in the user folder but the installed package itself. */
function filesOf(folder: string): string[] {
	const files: string[] = [];
	for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
		const full = path.join(folder, entry.name);
		if (entry.isDirectory()) {
			if (entry.name === 'node_modules' || full.endsWith(path.join('.n8n', 'nodes'))) continue;
			files.push(...filesOf(full));
		} else if (entry.isFile()) {
			files.push(full);
		}
	}
	return files;
}
