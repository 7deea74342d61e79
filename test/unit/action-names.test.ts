import { actionsOf, packageNodes } from '../harness/package-nodes';
import { ACTION_WORDING } from './editor-allowlist';
import { actionsOffWording } from './editor-vocabulary';

/**
 * n8n renames a node after its operation changes only when its current name is the old action's
 * default name and does not already start with the new one (n8n-editor-ui 2.41.1: `if
 * (isDefaultNodeName(...)) { newName = makeNodeName(...); if (!name.startsWith(newName)) rename }`).
 * So within a node, no action may be a prefix of another, or the title goes stale
 * ("Create a host group" stays after switching to "Create a host"). Duplicates are the same fault.
 */
describe.each(packageNodes().map((entry) => [entry.node.description.displayName, entry] as const))(
	'action names of %s',
	(_name, entry) => {
		const node = entry.node;
		const actions = actionsOf(node.description.properties).map(({ action }) => action);

		// Issue 15: one vocabulary across the five nodes, n8n's own (exceptions: editor-allowlist.ts).
		it('follow n8n\'s wording: "Get many …", "Get a(n) …", "Create a(n) …", "Update …", "Delete …", never "List …"', () => {
			const offenders = actionsOffWording(entry);
			const allowlisted = Object.keys(ACTION_WORDING).filter((key) => key.startsWith(`${node.description.name}: `));
			expect({
				notAllowed: offenders.filter((key) => ACTION_WORDING[key] === undefined),
				staleAllowlistEntries: allowlisted.filter((key) => !offenders.includes(key)),
			}).toEqual({ notAllowed: [], staleAllowlistEntries: [] });
		});

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
