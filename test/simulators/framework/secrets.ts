/**
 * Every password, client secret and token a simulator of this test process accepts or issued, so
 * an end-to-end run can scan n8n for them (test/e2e/harness/secrets.ts). Jest gives each test file
 * its own module registry, so this is per test file.
 */
const secrets = new Set<string>();

/** Remembers a secret a simulator accepts or hands out; returns it, to wrap where it is made. */
export function rememberSecret<T extends string | undefined>(value: T): T {
	if (value) secrets.add(value);
	return value;
}

export function simulatorSecrets(): string[] {
	return [...secrets];
}
