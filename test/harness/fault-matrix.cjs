#!/usr/bin/env node
/**
 * Prints the fault matrix the integration tests wrote (test/integration/fault-matrix*.test.ts, one
 * JSON file per vendor in .fault-matrix/): one row per vendor and fault, one column per phase, then
 * the totals, the cells that failed and why, and the reasons cells do not apply.
 * Usage: node test/harness/fault-matrix.cjs [.fault-matrix]
 */
const fs = require('fs');
const path = require('path');

const dir = path.resolve(process.argv[2] || '.fault-matrix');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.json')).sort() : [];
if (files.length === 0) {
	console.log('\nfault matrix: no results (the fault-matrix tests did not run)');
	process.exit(0);
}
const cells = files.flatMap((name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')));
const phases = [...new Set(cells.map((cell) => cell.phase))];
const mark = { passed: 'pass', failed: 'FAIL', 'not applicable': 'n/a' };
const rowLabel = (cell) => `${cell.vendor} | ${cell.fault}`;
const rows = [...new Set(cells.map(rowLabel))];
const width = Math.max(...rows.map((row) => row.length));
const columns = phases.map((phase) => Math.max(phase.length, 4));

console.log('\nFault matrix (vendor | fault × phase): pass = succeeded after bounded retries or failed with a message naming the fault; n/a = does not apply');
console.log(`${''.padEnd(width)}  ${phases.map((phase, index) => phase.padEnd(columns[index])).join('  ')}`);
for (const row of rows) {
	const line = phases.map((phase, index) => {
		const cell = cells.find((candidate) => rowLabel(candidate) === row && candidate.phase === phase);
		return (cell ? mark[cell.result] : '').padEnd(columns[index]);
	});
	console.log(`${row.padEnd(width)}  ${line.join('  ')}`);
}
const count = (result) => cells.filter((cell) => cell.result === result).length;
console.log(`\nfault matrix: ${count('passed')} passed, ${count('failed')} failed, ${count('not applicable')} not applicable (${cells.length} cells, ${files.length} vendors)`);
for (const cell of cells.filter((candidate) => candidate.result === 'failed')) {
	console.log(`  FAIL ${cell.vendor} | ${cell.fault} | ${cell.phase}: ${cell.detail}`);
}
const reasons = new Map();
for (const cell of cells.filter((candidate) => candidate.result === 'not applicable')) {
	const key = `${cell.vendor}: ${cell.detail}`;
	reasons.set(key, (reasons.get(key) || 0) + 1);
}
if (reasons.size > 0) console.log('not applicable:');
for (const [reason, times] of reasons) console.log(`  ${reason} (${times})`);
