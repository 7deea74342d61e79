import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IDataObject, INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { REPOSITORY } from './records';

/** One thing a user can pick in a node: an operation of a resource, or an event of a trigger. */
export interface CatalogueEntry {
	resource: string;
	resourceName: string;
	operation: string;
	operationName: string;
}

export interface NodeCatalogue {
	/** `description.name`, e.g. `hpeDscc`. */
	name: string;
	displayName: string;
	trigger: boolean;
	entries: CatalogueEntry[];
}

/** The event a trigger without an event setting has: each call of its webhook, each poll that finds something. */
export const ONLY_EVENT = 'default';

/**
 * Every node package.json's `n8n` section lists, from its TypeScript source (the dist path with
 * `nodes/…/X.node.ts`): the `.node.json` codex beside each node would win a plain require outside jest.
 */
export function packageNodes(): INodeType[] {
	const manifest = JSON.parse(fs.readFileSync(path.join(REPOSITORY, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
	return manifest.n8n.nodes.map((distPath) => {
		const source = path.join(REPOSITORY, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = require(source) as { [name: string]: new () => INodeType };
		const Type = exported[path.basename(source, '.node.ts')];
		if (typeof Type !== 'function') throw new Error(`${distPath}: no node class ${path.basename(source, '.node.ts')}`);
		return new Type();
	});
}

export function isTrigger(node: INodeType): boolean {
	return node.description.group.includes('trigger') || typeof node.poll === 'function' || typeof node.webhook === 'function';
}

/** The trigger's setting that chooses what it reports (`event`, `events` or `sources`), if it has one. */
export function eventProperty(node: INodeType): INodeProperties | undefined {
	return node.description.properties.find(
		(property) => ['event', 'events', 'sources'].includes(property.name) && (property.type === 'options' || property.type === 'multiOptions'),
	);
}

/** Which event an emitted item is, for triggers whose event setting picks several (it filters, the item says which). */
const EVENT_OF_ITEM: { [node: string]: (item: IDataObject) => string } = {
	ciscoEscTrigger: (item) => String(item.event),
	cloutilityTrigger: (item) => `${String(item.kind)}s`,
};

/** The events a trigger run emitted, given its parameters and the items it emitted. */
export function emittedEvents(node: INodeType, parameter: (name: string) => unknown, items: IDataObject[]): string[] {
	if (items.length === 0) return [];
	const property = eventProperty(node);
	if (!property) return [ONLY_EVENT];
	if (property.type === 'options') return [String(parameter(property.name) ?? property.default)];
	const ofItem = EVENT_OF_ITEM[node.description.name];
	if (!ofItem) throw new Error(`${node.description.name}: say in EVENT_OF_ITEM which event an emitted item is`);
	return [...new Set(items.map(ofItem))];
}

function options(property: INodeProperties | undefined): INodePropertyOptions[] {
	return ((property?.options ?? []) as INodePropertyOptions[]).filter((option) => 'value' in option);
}

/** Every operation (per resource) of an action node, or every event of a trigger. */
export function catalogue(node: INodeType): NodeCatalogue {
	const { name, displayName, properties } = node.description;
	const trigger = isTrigger(node);
	const entries: CatalogueEntry[] = [];
	if (trigger) {
		const property = eventProperty(node);
		if (!property) entries.push({ resource: '', resourceName: '', operation: ONLY_EVENT, operationName: `${displayName} fires` });
		for (const option of options(property)) {
			entries.push({ resource: '', resourceName: '', operation: String(option.value), operationName: option.name });
		}
	} else {
		for (const resource of options(properties.find((property) => property.name === 'resource'))) {
			const operations = properties.find(
				(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource.value),
			);
			for (const operation of options(operations)) {
				entries.push({ resource: String(resource.value), resourceName: resource.name, operation: String(operation.value), operationName: operation.name });
			}
		}
	}
	return { name, displayName, trigger, entries };
}
