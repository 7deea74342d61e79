import * as fs from 'node:fs';
import * as path from 'node:path';
import type { INodeType } from 'n8n-workflow';

import { ONLY_EVENT, eventProperty, isTrigger } from './catalogue';
import { REPOSITORY } from './records';

/** Where the workflows the e2e tests run live. */
export const WORKFLOW_FOLDERS = ['test/e2e/workflows', 'test/demo/workflows'];
export const E2E_TESTS = 'test/e2e';
const PACKAGE_PREFIX = 'n8n-nodes-datacenter.';

export interface E2eCoverage {
	node: string;
	resource: string;
	operation: string;
	/** The e2e test file, relative to the repository. */
	testFile: string;
	/** The workflow file it runs, relative to the repository. */
	workflowFile: string;
}

interface WorkflowNode {
	type: string;
	disabled?: boolean;
	parameters?: { [name: string]: unknown };
}

function files(folder: string, suffix: string): string[] {
	const absolute = path.join(REPOSITORY, folder);
	if (!fs.existsSync(absolute)) return [];
	return fs
		.readdirSync(absolute, { recursive: true, encoding: 'utf8' })
		.filter((name) => name.endsWith(suffix))
		.sort()
		.map((name) => path.join(folder, name).split(path.sep).join('/'));
}

/** What one of our nodes in a workflow runs: its resource and operation, or the events its trigger reports. */
function picks(node: INodeType, parameters: { [name: string]: unknown }): Array<{ resource: string; operation: string }> {
	const properties = node.description.properties;
	if (isTrigger(node)) {
		const property = eventProperty(node);
		if (!property) return [{ resource: '', operation: ONLY_EVENT }];
		const value = parameters[property.name] ?? property.default;
		// A multi-event setting left empty reports every event: which ones a run sees is not in the workflow.
		return [value].flat().map((event) => ({ resource: '', operation: String(event) }));
	}
	const resource = String(parameters.resource ?? properties.find((property) => property.name === 'resource')?.default ?? '');
	const operationProperty = properties.find(
		(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
	);
	return [{ resource, operation: String(parameters.operation ?? operationProperty?.default ?? '') }];
}

export interface WorkflowRuns {
	/** Relative to the repository. */
	workflowFile: string;
	nodes: WorkflowNode[];
	/** The e2e test files that run it. */
	testFiles: string[];
}

/**
 * Each workflow file (test/e2e/workflows, test/demo/workflows) with the e2e test files that run it:
 * those naming the workflow's id in quotes (the tests run, activate or publish workflows by id).
 */
export function workflowRuns(): WorkflowRuns[] {
	const tests = files(E2E_TESTS, '.test.ts').map((file) => ({ file, source: fs.readFileSync(path.join(REPOSITORY, file), 'utf8') }));
	return WORKFLOW_FOLDERS.flatMap((folder) => files(folder, '.json')).flatMap((workflowFile) => {
		const workflow = JSON.parse(fs.readFileSync(path.join(REPOSITORY, workflowFile), 'utf8')) as { id?: string; nodes?: WorkflowNode[] };
		if (typeof workflow.id !== 'string' || !Array.isArray(workflow.nodes)) return [];
		const quoted = new RegExp(`['"\`]${workflow.id.replace(/[^\w]/g, '\\$&')}['"\`]`);
		return [{ workflowFile, nodes: workflow.nodes, testFiles: tests.filter((test) => quoted.test(test.source)).map((test) => test.file) }];
	});
}

/**
 * Which operations the e2e tests run in real n8n: for each workflow an e2e test file runs, the
 * resource and operation (or trigger events) its nodes of this package are set to. Disabled nodes
 * do not count.
 */
export function e2eCoverage(nodes: INodeType[]): E2eCoverage[] {
	const byType = new Map(nodes.map((node) => [`${PACKAGE_PREFIX}${node.description.name}`, node]));
	const coverage: E2eCoverage[] = [];
	for (const { workflowFile, nodes: workflowNodes, testFiles } of workflowRuns()) {
		for (const workflowNode of workflowNodes) {
			const node = byType.get(workflowNode.type);
			if (!node || workflowNode.disabled) continue;
			for (const pick of picks(node, workflowNode.parameters ?? {})) {
				for (const testFile of testFiles) coverage.push({ node: node.description.name, ...pick, testFile, workflowFile });
			}
		}
	}
	return coverage;
}
