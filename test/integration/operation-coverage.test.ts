import * as fs from 'node:fs';
import { sleep } from 'n8n-workflow';

import { readRunInfo, recordFileOf } from '../harness/operation-coverage/records';
import { operationCoverage, unrecordedIntegrationFiles } from '../harness/operation-coverage/report';

/**
 * Every operation of every node in package.json, and every event of every trigger, is run by an
 * integration test and gives a result there. The test sequencer runs this file last and notes the
 * integration test files of the run; this test waits for each of them to write its records. It
 * checks only in a run of every integration test file (a run of some files proves nothing).
 */
const THIS_FILE = 'test/integration/operation-coverage.test.ts';
const run = readRunInfo();
const everyFile = fs
	.readdirSync(__dirname)
	.filter((name) => name.endsWith('.test.ts'))
	.map((name) => `test/integration/${name}`);
const fullRun = run !== undefined && everyFile.every((file) => run.integrationFiles.includes(file));

async function recordsOfThisRun(files: string[], startedAt: number): Promise<void> {
	const pending = () => files.filter((file) => !fs.existsSync(recordFileOf(file)) || fs.statSync(recordFileOf(file)).mtimeMs < startedAt);
	while (pending().length > 0) await sleep(250);
}

jest.setTimeout(10 * 60_000);

describe('operation coverage', () => {
	(fullRun ? it : it.skip)('every operation and trigger event of every node gives a result in some integration test', async () => {
		await recordsOfThisRun(everyFile.filter((file) => file !== THIS_FILE), run!.startedAt - 1000);
		expect(unrecordedIntegrationFiles().filter((file) => file !== THIS_FILE)).toEqual([]);
		const uncovered = operationCoverage()
			.filter((coverage) => coverage.integration.length === 0)
			.map(({ node, entry }) => `${node.name}: ${entry.resource ? `${entry.resource}.` : ''}${entry.operation}`);
		expect(uncovered).toEqual([]);
	});
});
