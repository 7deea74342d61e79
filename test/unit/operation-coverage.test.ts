import * as fs from 'node:fs';
import * as path from 'node:path';

import { catalogue, emittedEvents, eventProperty, isTrigger, packageNodes } from '../harness/operation-coverage/catalogue';
import { e2eCoverage, workflowRuns } from '../harness/operation-coverage/e2e';

/** The parts of the operation-coverage report (docs/operation-coverage.md) that need no test run. */
const nodes = packageNodes();
const catalogues = nodes.map(catalogue);
const e2e = e2eCoverage(nodes);

describe('operation coverage: catalogue and e2e workflows', () => {
	it('lists operations or events for every node in package.json', () => {
		expect(catalogues.map((node) => node.name)).toHaveLength(JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')).n8n.nodes.length);
		expect(catalogues.filter((node) => node.entries.length === 0).map((node) => node.name)).toEqual([]);
		expect(catalogues.filter((node) => !node.trigger).map((node) => node.name).sort()).toEqual(['ciscoEsc', 'cloutility', 'dciManager', 'hpeDscc', 'hpeGreenLakePcbe']);
	});

	it('knows which event an emitted item is, for every trigger whose events are picked several at a time', () => {
		const multi = nodes.filter((node) => isTrigger(node) && eventProperty(node)?.type === 'multiOptions');
		expect(multi.length).toBeGreaterThan(0);
		for (const node of multi) expect(() => emittedEvents(node, () => undefined, [{}])).not.toThrow();
	});

	it('finds the e2e test running each workflow in test/e2e/workflows', () => {
		const e2eWorkflows = workflowRuns().filter((workflow) => workflow.workflowFile.startsWith('test/e2e/'));
		expect(e2eWorkflows.length).toBeGreaterThan(10);
		expect(e2eWorkflows.filter((workflow) => workflow.testFiles.length === 0).map((workflow) => workflow.workflowFile)).toEqual([]);
	});

	it('maps every node of an e2e workflow to an operation or event the node offers', () => {
		const offered = new Set(catalogues.flatMap((node) => node.entries.map((entry) => `${node.name} ${entry.resource} ${entry.operation}`)));
		expect(e2e.filter((entry) => !offered.has(`${entry.node} ${entry.resource} ${entry.operation}`))).toEqual([]);
	});
});
