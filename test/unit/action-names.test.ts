import type { INodePropertyOptions, INodeType } from 'n8n-workflow';

import { CiscoEsc } from '../../nodes/CiscoEsc/CiscoEsc.node';

/**
 * n8n names a node after its action and does not rename it when the new action name starts with
 * the old one, so within a node no action may be a prefix of another (nor repeat).
 */
// HPE DSCC still has "Get a host" / "Get a host group" and "Get a volume" / "Get a volume set"; add it once renamed.
const nodes: INodeType[] = [new CiscoEsc()];

describe.each(nodes.map((node) => [node.description.displayName, node] as const))('the actions of %s', (_, node) => {
	const actions = node.description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) => (property.options ?? []) as INodePropertyOptions[])
		.map((option) => String(option.action ?? ''));

	it('are all set and unique', () => {
		expect(actions.filter((action) => action === '')).toEqual([]);
		expect(actions.filter((action, index) => actions.indexOf(action) !== index)).toEqual([]);
	});

	it('are never a prefix of one another', () => {
		const clashes = actions.flatMap((a) => actions.filter((b) => a !== b && b.toLowerCase().startsWith(a.toLowerCase())).map((b) => `${a} / ${b}`));
		expect(clashes).toEqual([]);
	});
});
