import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { PackageNode } from '../harness/package-nodes';
import { actionsOf, allParameters, resourcesOf } from '../harness/package-nodes';

/**
 * The rules the editor check of issue 15 asks of every node: what a field naming an ID must be,
 * how actions and display names are worded. Each returns the offenders as `<node>: <what>` keys,
 * the keys the allowlists in `editor-allowlist.ts` use.
 */

/** Field types that make the user look the value up elsewhere. */
const PLAIN_TYPES = new Set(['string', 'number']);
/** A parameter name that holds IDs: `volumeId`, `hostIds`, `location_id`. */
const ID_NAME = /(ID|Id|_id|Ids|IDs|_ids)$/;
/** What a display name may end with after the resource it names: "Storage Pool ID", "Host Names or IDs". */
const ID_SUFFIX = /\s+(IDs?|Names? or IDs?)$/;

/** The resources a vendor's nodes offer (their Resource options), in lower case: what can be listed. */
export function listableResources(nodes: PackageNode[]): Map<string, Set<string>> {
	const byVendor = new Map<string, Set<string>>();
	for (const { vendor, node } of nodes) {
		const names = byVendor.get(vendor) ?? new Set<string>();
		for (const resource of resourcesOf(node.description.properties)) {
			for (const part of resource.name.split(' / ')) names.add(part.toLowerCase());
		}
		byVendor.set(vendor, names);
	}
	return byVendor;
}

/**
 * Parameters a user fills in by hand although they name something the platform can list: a text
 * or number field whose name ends in ID / Ids, whose label says ID, or whose label is one of the
 * vendor's resources ("Network", "Storage Pool Name or ID").
 */
export function plainIdFields(node: PackageNode, listable: Set<string>): string[] {
	const offenders = new Set<string>();
	for (const { path, property } of allParameters(node.node.description.properties)) {
		if (!PLAIN_TYPES.has(property.type)) continue;
		const named = property.displayName.replace(ID_SUFFIX, '').toLowerCase();
		const namesResource = listable.has(named) || listable.has(named.replace(/s$/, ''));
		if (ID_NAME.test(property.name) || /\bIDs?\b/.test(property.displayName) || namesResource) {
			offenders.add(`${node.node.description.name}: ${path}`);
		}
	}
	return [...offenders];
}

/** n8n's wording of the common actions, by operation value; every other action is a sentence starting with its verb. */
const ACTION_WORDING: Record<string, RegExp> = {
	getAll: /^Get many [A-Za-z]/,
	get: /^Get (a|an|the) /,
	create: /^Create (a|an) /,
	update: /^Update /,
	delete: /^Delete /,
};

export function actionsOffWording(node: PackageNode): string[] {
	return actionsOf(node.node.description.properties)
		.filter(({ operation, action }) => {
			const wording = ACTION_WORDING[operation];
			if (wording && !wording.test(action)) return true;
			return /^List\b/.test(action) || !/^[A-Z][a-z]*( |$)/.test(action);
		})
		.map(({ action }) => `${node.node.description.name}: ${action}`);
}

/**
 * Lists a listing is read from (its storage system, its business unit) shown after Return All:
 * the parent comes first in the panel, as in n8n's own nodes.
 */
export function parentsAfterReturnAll(node: PackageNode): string[] {
	const properties = node.node.description.properties;
	const offenders: string[] = [];
	for (const operationProperty of properties.filter((property) => property.name === 'operation')) {
		const resource = operationProperty.displayOptions?.show?.resource?.[0] as string | undefined;
		for (const operation of (operationProperty.options ?? []) as INodePropertyOptions[]) {
			const shown = properties.filter((property) => {
				const show = property.displayOptions?.show ?? {};
				return (!show.resource || show.resource.includes(resource)) && (!show.operation || show.operation.includes(operation.value));
			});
			const returnAll = shown.findIndex((property) => property.name === 'returnAll');
			if (returnAll < 0) continue;
			for (const property of shown.slice(returnAll)) {
				if (property.type === 'resourceLocator' || property.typeOptions?.loadOptionsMethod) {
					offenders.push(`${node.node.description.name}: ${resource ?? ''} → ${String(operation.value)}: ${property.name}`);
				}
			}
		}
	}
	return offenders;
}

/** Words Title Case leaves in lower case inside a name. */
const MINOR_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'but', 'by', 'for', 'from', 'in', 'into', 'nor', 'of', 'on', 'or', 'per', 'than', 'the', 'to', 'via', 'vs', 'with']);

/**
 * Whether a name is in Title Case: every word capitalised but minor words inside it. A word with a
 * capital elsewhere ("iSCSI", "vCenter") or a digit ("x86") is a product's spelling and stays.
 */
export function isTitleCase(text: string): boolean {
	return text.split(/\s+/).every((raw, index) => {
		const word = raw.replace(/^[("'[]+|[)"'\],:;.!?]+$/g, '');
		if (word === '' || !/^[A-Za-z]/.test(word)) return true;
		if (index > 0 && MINOR_WORDS.has(word)) return true;
		return /[A-Z0-9]/.test(word);
	});
}

/** Display names of parameters, and the names of their options, that are not in Title Case (notices are sentences). */
export function namesOffTitleCase(node: PackageNode): string[] {
	const offenders = new Set<string>();
	const name = node.node.description.name;
	for (const { property } of allParameters(node.node.description.properties)) {
		if (property.type === 'notice') continue;
		if (!isTitleCase(property.displayName)) offenders.add(`${name}: ${property.displayName}`);
		for (const option of optionsOf(property)) {
			if (!isTitleCase(option.name)) offenders.add(`${name}: ${option.name}`);
		}
	}
	return [...offenders];
}

function optionsOf(property: INodeProperties): INodePropertyOptions[] {
	if (property.type !== 'options' && property.type !== 'multiOptions') return [];
	return ((property.options ?? []) as INodePropertyOptions[]).filter((option) => typeof option.name === 'string');
}
