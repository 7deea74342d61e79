// Jest's own order, with the operation-coverage check last: it waits for the records of every other
// integration test file of the run. Notes which integration test files this run holds, for that check.
const fs = require('node:fs');
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

const REPOSITORY = path.resolve(__dirname, '../../..');
const COVERAGE_DIR = path.join(REPOSITORY, '.e2e', 'operation-coverage');
const CHECK = path.join('test', 'integration', 'operation-coverage.test.ts');

class CoverageLastSequencer extends Sequencer {
	sort(tests) {
		const sorted = [...super.sort(tests)];
		const integrationFiles = sorted
			.filter((test) => test.context.config.displayName?.name === 'integration')
			.map((test) => path.relative(REPOSITORY, test.path).split(path.sep).join('/'));
		if (integrationFiles.length > 0) {
			fs.mkdirSync(COVERAGE_DIR, { recursive: true });
			fs.writeFileSync(path.join(COVERAGE_DIR, 'run.json'), `${JSON.stringify({ startedAt: Date.now(), integrationFiles }, null, '\t')}\n`);
		}
		const isCheck = (test) => test.path.endsWith(CHECK);
		return [...sorted.filter((test) => !isCheck(test)), ...sorted.filter(isCheck)];
	}
}

module.exports = CoverageLastSequencer;
