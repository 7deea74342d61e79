import type { INodePropertyOptions } from 'n8n-workflow';

import { loadNodes } from '../harness/operations-reference';

/**
 * n8n does not rename a node when the new action name starts with the old one, so within a node
 * no action may be a prefix of another ("Create a host" / "Create a host group").
 * The DSCC node still has such pairs (host / host group, volume / volume set): renamed separately.
 */
const CHECKED = loadNodes().filter((node) => node.description.name !== 'hpeDscc');

describe.each(CHECKED.map((node) => [node.description.displayName, node] as const))('%s', (_, node) => {
	const actions = node.description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) => (property.options ?? []) as INodePropertyOptions[])
		.map((option) => option.action)
		.filter((action): action is string => typeof action === 'string');

	it('has unique action names, none a prefix of another', () => {
		expect(new Set(actions).size).toBe(actions.length);
		const prefixes = actions.flatMap((action) => actions.filter((other) => other !== action && other.startsWith(action)).map((other) => `${action} / ${other}`));
		expect(prefixes).toEqual([]);
	});
});
