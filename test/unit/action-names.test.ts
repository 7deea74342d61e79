import * as fs from 'node:fs';
import * as path from 'node:path';
import type { INodePropertyOptions, INodeType } from 'n8n-workflow';

const ROOT = path.resolve(__dirname, '../..');

/** Every node the package lists (dist/nodes/X/Y.node.js), loaded from its source nodes/X/Y.node.ts. */
function packageNodes(): INodeType[] {
	const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
	return packageJson.n8n.nodes.map((file) => {
		const source = path.join(ROOT, file.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = require(source) as { [name: string]: new () => INodeType };
		return new exported[path.basename(source, '.node.ts')]();
	});
}

/**
 * n8n renames a node after its operation changes only when its current name is the old action's
 * default name and does not already start with the new one (n8n-editor-ui 2.41.1: `if
 * (isDefaultNodeName(...)) { newName = makeNodeName(...); if (!name.startsWith(newName)) rename }`).
 * So within a node, no action may be a prefix of another, or the title goes stale
 * ("Create a host group" stays after switching to "Create a host"). Duplicates are the same fault.
 */
function actionsOf(description: { properties: Array<{ name: string; options?: unknown[] }> }): string[] {
	return description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) => (property.options ?? []) as INodePropertyOptions[])
		.map((option) => option.action)
		.filter((action): action is string => typeof action === 'string');
}

describe.each(packageNodes().map((node) => [node.description.displayName, node] as const))(
	'action names of %s',
	(_name, node) => {
		const actions = actionsOf(node.description);

		it('are all distinct', () => {
			const seen = new Set<string>();
			const duplicates = actions.filter((action) => (seen.has(action) ? true : (seen.add(action), false)));
			expect(duplicates).toEqual([]);
		});

		it('are never a prefix of one another', () => {
			const prefixPairs = actions.flatMap((short, i) =>
				actions.filter((long, j) => i !== j && long !== short && long.startsWith(short)).map((long) => `"${short}" / "${long}"`),
			);
			expect(prefixPairs).toEqual([]);
		});
	},
);
