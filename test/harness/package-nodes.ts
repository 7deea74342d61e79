import * as fs from 'node:fs';
import * as path from 'node:path';
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeType } from 'n8n-workflow';

const ROOT = path.resolve(__dirname, '../..');

export interface PackageNode {
	/** The vendor folder, e.g. `HpeDscc`. */
	vendor: string;
	node: INodeType;
}

/** Every node the package lists (dist/nodes/X/Y.node.js), loaded from its source nodes/X/Y.node.ts. */
export function packageNodes(): PackageNode[] {
	const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
	return packageJson.n8n.nodes.map((file) => {
		const source = path.join(ROOT, file.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = require(source) as { [name: string]: new () => INodeType };
		return { vendor: path.basename(path.dirname(source)), node: new exported[path.basename(source, '.node.ts')]() };
	});
}

/** A parameter anywhere in a node's panel, with its path through collections (`additionalFields.poolId`). */
export interface PanelParameter {
	path: string;
	property: INodeProperties;
}

/** Every parameter of a node, those inside collections and fixed collections included. */
export function allParameters(properties: INodeProperties[], prefix = ''): PanelParameter[] {
	return properties.flatMap((property) => {
		const here = `${prefix}${property.name}`;
		const own: PanelParameter = { path: here, property };
		if (property.type === 'collection') return [own, ...allParameters((property.options ?? []) as INodeProperties[], `${here}.`)];
		if (property.type === 'fixedCollection') {
			const groups = (property.options ?? []) as INodePropertyCollection[];
			return [own, ...groups.flatMap((group) => allParameters(group.values ?? [], `${here}.${group.name}.`))];
		}
		return [own];
	});
}

/** The actions of a node's operations, with the operation value they belong to. */
export function actionsOf(properties: INodeProperties[]): Array<{ operation: string; action: string }> {
	return properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) => (property.options ?? []) as INodePropertyOptions[])
		.filter((option) => typeof option.action === 'string')
		.map((option) => ({ operation: String(option.value), action: option.action as string }));
}

/** The resources a node offers (the options of its Resource field). */
export function resourcesOf(properties: INodeProperties[]): INodePropertyOptions[] {
	return properties
		.filter((property) => property.name === 'resource' && property.type === 'options')
		.flatMap((property) => (property.options ?? []) as INodePropertyOptions[]);
}
