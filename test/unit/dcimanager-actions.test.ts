import * as fs from 'node:fs';
import * as path from 'node:path';
import type { INodePropertyOptions, INodeType } from 'n8n-workflow';

/** Every action node of the package, loaded from `nodes/<Vendor>/<Vendor>.node.ts`. */
function actionNodes(): INodeType[] {
	const root = path.resolve(__dirname, '../../nodes');
	const nodes: INodeType[] = [];
	for (const folder of fs.readdirSync(root)) {
		const file = path.join(root, folder, `${folder}.node.ts`);
		// HPE DSCC still has "Get a host" / "Get a host group" style pairs; its owner renames them.
		if (!fs.existsSync(file) || !folder.startsWith('Dci')) continue;
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = require(file) as { [name: string]: new () => INodeType };
		nodes.push(new exported[folder]());
	}
	return nodes;
}

it.each(actionNodes().map((node) => [node.description.displayName, node] as const))(
	'%s: action names are unique and none is a prefix of another (n8n would not rename the node)',
	(_name, node) => {
		const actions = node.description.properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) => (property.options ?? []) as INodePropertyOptions[])
			.map((option) => String(option.action ?? option.name));
		expect(actions.length).toBeGreaterThan(0);
		expect(new Set(actions).size).toBe(actions.length);
		const clashes = actions.flatMap((a) => actions.filter((b) => a !== b && b.startsWith(a)).map((b) => `"${a}" / "${b}"`));
		expect(clashes).toEqual([]);
	},
);
