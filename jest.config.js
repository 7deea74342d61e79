/** Five projects: `unit` (fast, in-process), `integration` (node code against in-process vendor
 * simulators), `e2e` (the packed package inside a real n8n), `editor` (that n8n's editor in
 * headless Chromium), `queue` (the packed package in n8n's queue mode). */
const common = {
	testEnvironment: 'node',
	// One dependency of the OpenAPI validator ships only ES modules; compile it like our own code.
	transform: { '^.+\\.[tj]s$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	transformIgnorePatterns: ['/node_modules/(?!@apidevtools/json-schema-ref-parser/)'],
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.e2e/', '<rootDir>/.demo/'],
	// A busy 2-core CI machine: no test asserts on time, so a slow one is given room to finish.
	testTimeout: 30_000,
};

module.exports = {
	// Jest reads testTimeout from the top level only, not from a project.
	testTimeout: common.testTimeout,
	testSequencer: '<rootDir>/test/harness/operation-coverage/sequencer.cjs',
	projects: [
		{ ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{
			...common,
			displayName: 'integration',
			testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
			// Records which operations and trigger events each test file runs (docs/operation-coverage.md).
			setupFilesAfterEnv: ['<rootDir>/test/harness/operation-coverage/setup.ts'],
		},
		{
			...common,
			displayName: 'e2e',
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/editor.test.ts'],
		},
		{ ...common, displayName: 'editor', testMatch: ['<rootDir>/test/e2e/editor.test.ts'] },
		// n8n in queue mode with PostgreSQL and Redis (npm run test:queue, after npm test in CI).
		{ ...common, displayName: 'queue', testMatch: ['<rootDir>/test/queue/**/*.test.ts'] },
	],
};
