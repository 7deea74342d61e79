import type { INodePropertyOptions } from 'n8n-workflow';

import { loadNodes } from '../harness/operations-reference';

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

describe.each(loadNodes().map((node) => [node.description.displayName, node] as const))(
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
