// Prints what the queue-mode test measured (.e2e/queue-mode.json) as tables, then the closing line
// from jest's JSON result: `queue mode: N passed, N failed, N skipped`.
const fs = require('node:fs');

const [reportFile, jestFile] = process.argv.slice(2);
const report = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, 'utf8')) : {};

function table(title, rows) {
	if (!rows || rows.length === 0) return;
	const columns = Object.keys(rows[0]);
	const cells = [columns, ...rows.map((row) => columns.map((column) => String(row[column] ?? '')))];
	const widths = columns.map((_, index) => Math.max(...cells.map((line) => line[index].length)));
	const line = (values) => `| ${values.map((value, index) => value.padEnd(widths[index])).join(' | ')} |`;
	console.log(`\n${title}`);
	console.log(line(cells[0]));
	console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
	for (const values of cells.slice(1)) console.log(line(values));
}

const vendors = report.vendors;
if (vendors) {
	table(
		`Every vendor at once: ${vendors.perVendor} executions per vendor, ${Math.round(vendors.elapsedMs / 1000)} s for all`,
		Object.entries(vendors.executions).map(([vendor, counts]) => ({ vendor, ...counts })),
	);
	table('Writes the simulators received', Object.entries(vendors.writes).map(([write, count]) => ({ write, count })));
	table('Polling triggers on the main process', Object.entries(vendors.polling).map(([trigger, counts]) => ({ trigger, ...counts })));
}
table(
	'Webhooks through the webhook process',
	(report.webhooks ?? []).map((row) => ({
		receiver: row.receiver,
		calls: row.calls,
		executions: row.executions,
		'refused calls': row.refused,
		'executions from refused': row.startedByRefused,
		'calls/s': row.perSecond,
		'p50 ms': row.p50Ms,
		'p99 ms': row.p99Ms,
		'all done after s': (row.drainedMs / 1000).toFixed(1),
	})),
);
if (report.coldStarts) {
	const byVendor = new Map();
	for (const row of report.coldStarts) {
		const entry = byVendor.get(row.vendor) ?? { vendor: row.vendor, rounds: 0, executions: 0, failed: 0, 'sign-ins per cold start': [] };
		entry.rounds++;
		entry.executions += row.executions;
		entry.failed += row.failed;
		entry['sign-ins per cold start'].push(row.signIns);
		byVendor.set(row.vendor, entry);
	}
	table('Cold starts (tokens or sessions fetched per round of 20 executions at once)', [...byVendor.values()].map((entry) => ({ ...entry, 'sign-ins per cold start': entry['sign-ins per cold start'].join(', ') })));
}

let passed = 0;
let failed = 0;
let skipped = 0;
if (jestFile && fs.existsSync(jestFile)) {
	const result = JSON.parse(fs.readFileSync(jestFile, 'utf8'));
	passed = result.numPassedTests;
	failed = result.numFailedTests + result.numRuntimeErrorTestSuites;
	skipped = result.numPendingTests + result.numTodoTests;
} else {
	failed = 1;
}
console.log(`\nqueue: ${passed} passed, ${failed} failed, ${skipped} skipped`);
