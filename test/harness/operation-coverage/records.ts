import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Which operations and trigger events the integration tests run. The test harness records every
 * run (test/harness/context.ts); each test file writes its records once, after its last test
 * (`setup.ts`), to its own file, so running one test file again replaces only its own records.
 */
export const REPOSITORY = path.resolve(__dirname, '../../..');
export const COVERAGE_DIR = path.join(REPOSITORY, '.e2e', 'operation-coverage');
export const RECORDS_DIR = path.join(COVERAGE_DIR, 'integration');
/** Written by the test sequencer: when the run started and which integration test files it runs. */
export const RUN_FILE = path.join(COVERAGE_DIR, 'run.json');

export interface CoverageRecord {
	/** `description.name` of the node, e.g. `hpeDscc`. */
	node: string;
	/** Empty for a trigger event. */
	resource: string;
	/** The operation, or the trigger event. */
	operation: string;
	/** Test file, relative to the repository, with `/`. */
	testFile: string;
	/** Full name of the test (describe blocks and test), or `(beforeAll)` outside any test. */
	testName: string;
	/** The operation gave a result (no error) / the trigger emitted the event. */
	succeeded: boolean;
}

export interface RunInfo {
	startedAt: number;
	integrationFiles: string[];
}

const records = new Map<string, CoverageRecord>();
let currentFile: string | undefined;
/** Set once the test file's records are written: what runs after (a late callback) is not a test's. */
let flushed = false;

function currentTest(): { testFile: string; testName: string } | undefined {
	if (flushed || typeof expect === 'undefined') return undefined;
	const { testPath, currentTestName } = expect.getState();
	if (!testPath) return undefined;
	return {
		testFile: path.relative(REPOSITORY, testPath).split(path.sep).join('/'),
		testName: currentTestName ?? '(beforeAll)',
	};
}

/** Notes that the running test ran `operation` of `resource` (or, for a trigger, emitted an event). */
export function recordRun(node: string, resource: string, operation: string, succeeded: boolean): void {
	const test = currentTest();
	if (!test) return;
	currentFile = test.testFile;
	const record: CoverageRecord = { node, resource, operation, ...test, succeeded };
	const key = JSON.stringify({ ...record, succeeded: undefined });
	const known = records.get(key);
	if (!known || (succeeded && !known.succeeded)) records.set(key, record);
}

export function recordFileOf(testFile: string): string {
	return path.join(RECORDS_DIR, `${testFile.replace(/[\\/]/g, '__')}.json`);
}

/** Writes this test file's records (an empty list too: the file no longer runs any operation). */
export function flushRecords(): void {
	const testFile = currentFile ?? currentTest()?.testFile;
	if (!testFile) return;
	fs.mkdirSync(RECORDS_DIR, { recursive: true });
	fs.writeFileSync(recordFileOf(testFile), `${JSON.stringify([...records.values()], null, '\t')}\n`);
	flushed = true;
}

/** Every record written, of test files that still exist. */
export function readRecords(): CoverageRecord[] {
	if (!fs.existsSync(RECORDS_DIR)) return [];
	return fs
		.readdirSync(RECORDS_DIR)
		.filter((name) => name.endsWith('.json'))
		.flatMap((name) => JSON.parse(fs.readFileSync(path.join(RECORDS_DIR, name), 'utf8')) as CoverageRecord[])
		.filter((record) => fs.existsSync(path.join(REPOSITORY, record.testFile)));
}

export function readRunInfo(): RunInfo | undefined {
	return fs.existsSync(RUN_FILE) ? (JSON.parse(fs.readFileSync(RUN_FILE, 'utf8')) as RunInfo) : undefined;
}
