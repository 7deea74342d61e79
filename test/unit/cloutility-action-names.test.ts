import * as fs from 'node:fs';
import * as path from 'node:path';
import type { INodePropertyOptions, INodeType } from 'n8n-workflow';

/**
 * n8n does not rename a node whose new action name starts with the old one ("Create a host" →
 * "Create a host group"), so within one node no action name may be a prefix of another.
 * Checked for the Cloutility nodes; the DSCC node still has such pairs (host / host group).
 */
const NODES_DIR = path.resolve(__dirname, '../../nodes');
const nodeFiles = fs
	.readdirSync(path.join(NODES_DIR, 'Cloutility'))
	.filter((file) => file.endsWith('.node.ts'))
	.map((file) => path.join('Cloutility', file));

describe.each(nodeFiles)('%s', (file) => {
	it('has unique action names, none a prefix of another', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = require(path.join(NODES_DIR, file)) as { [name: string]: new () => INodeType };
		const node = new exported[path.basename(file, '.node.ts')]();
		const actions = node.description.properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) => (property.options ?? []) as INodePropertyOptions[])
			.map((option) => option.action)
			.filter((action): action is string => typeof action === 'string');
		const clashes = actions.flatMap((action, index) =>
			actions.filter((other, otherIndex) => otherIndex !== index && other.startsWith(action)).map((other) => `${action} / ${other}`),
		);
		expect(clashes).toEqual([]);
	});
});
