import * as fs from 'node:fs';
import * as path from 'node:path';

import type {
	ICredentialType,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { PACKAGE_NAME, REPO_ROOT } from './build';

/**
 * What the editor check walks through, read from the package itself: every node and credential
 * `package.json` lists in its `n8n` section (the same list n8n loads), with every resource and
 * operation of each node. A vendor added to the package is covered without editing the check.
 */

/** One state of a node's parameter panel: a resource and an operation picked in the dropdowns. */
export interface Panel {
	/** Shown in test names and used for the screenshot's file name. */
	label: string;
	resource?: { value: string; name: string };
	operation?: { value: string; name: string; action: string };
	/** The node name n8n gives the node in this state (the operation's action). */
	expectedNodeName: string;
}

export interface NodePlan {
	/** The type as n8n registers it: `<package>.<name>`. */
	type: string;
	displayName: string;
	version: number;
	credentialTypes: string[];
	/** Parameters whose `list` mode searches the vendor (resource locators). */
	listSearchParameters: Set<string>;
	/** Parameters whose options load live from the vendor (`loadOptionsMethod`). */
	loadOptionsParameters: Set<string>;
	panels: Panel[];
}

export interface CredentialPlan {
	name: string;
	displayName: string;
	/** Whether the type has a credential test the editor runs when it is saved. */
	hasTest: boolean;
}

interface PackageJsonN8n {
	n8n: { nodes: string[]; credentials: string[] };
}

function packageEntries(): PackageJsonN8n['n8n'] {
	const packageJson = JSON.parse(
		fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'),
	) as PackageJsonN8n;
	return packageJson.n8n;
}

/**
 * The class a `dist/...js` entry of package.json is built from, loaded from its TypeScript
 * source (so the plan never lags behind a stale `dist/`). n8n's loader names the class after the
 * file: `dist/nodes/X/Y.node.js` exports `Y`.
 */
function loadEntry<T>(distEntry: string): T {
	const source = path.join(REPO_ROOT, distEntry.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	const className = path.basename(distEntry).split('.')[0];
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const exported = (require(source) as { [name: string]: new () => T })[className];
	if (typeof exported !== 'function')
		throw new Error(`${distEntry}: its source ${source} exports no class ${className}`);
	return new exported();
}

export function nodePlans(): NodePlan[] {
	return packageEntries().nodes.map((entry) => planNode(loadEntry<INodeType>(entry).description));
}

export function credentialPlans(): CredentialPlan[] {
	// A node can test a credential for it (`testedBy`); n8n runs that test on save as it runs a `test`.
	const testedByNodes = new Set(
		packageEntries().nodes.flatMap((entry) =>
			(loadEntry<INodeType>(entry).description.credentials ?? [])
				.filter((credential) => credential.testedBy !== undefined)
				.map((credential) => credential.name),
		),
	);
	return packageEntries().credentials.map((entry) => {
		const credential = loadEntry<ICredentialType>(entry);
		return {
			name: credential.name,
			displayName: credential.displayName,
			hasTest: credential.test !== undefined || testedByNodes.has(credential.name),
		};
	});
}

function optionsOf(property: INodeProperties | undefined): INodePropertyOptions[] {
	return ((property?.options ?? []) as INodePropertyOptions[]).filter(
		(option) => option.value !== undefined && typeof option.name === 'string',
	);
}

function shownFor(property: INodeProperties, resource: string | undefined): boolean {
	const shown = property.displayOptions?.show?.resource;
	return resource === undefined || !shown || shown.includes(resource);
}

function planNode(description: INodeTypeDescription): NodePlan {
	const properties = description.properties;
	const operationPanels = (resource?: INodePropertyOptions): Panel[] => {
		const operationProperty = properties.find(
			(property) =>
				property.name === 'operation' &&
				property.type === 'options' &&
				shownFor(property, resource && String(resource.value)),
		);
		const operations = optionsOf(operationProperty);
		const resourcePart = resource ? { value: String(resource.value), name: resource.name } : undefined;
		if (operations.length === 0) {
			return [
				{
					label: resource?.name ?? 'parameters',
					resource: resourcePart,
					expectedNodeName: description.defaults.name ?? description.displayName,
				},
			];
		}
		return operations.map((operation) => ({
			label: resource ? `${resource.name} → ${operation.name}` : operation.name,
			resource: resourcePart,
			operation: {
				value: String(operation.value),
				name: operation.name,
				action: operation.action ?? operation.name,
			},
			expectedNodeName: operation.action ?? operation.name,
		}));
	};
	const resources = optionsOf(
		properties.find((property) => property.name === 'resource' && property.type === 'options'),
	);
	const panels =
		resources.length > 0 ? resources.flatMap((resource) => operationPanels(resource)) : operationPanels();

	const listSearchParameters = new Set<string>();
	const loadOptionsParameters = new Set<string>();
	// Only what a panel shows as soon as its resource and operation are picked; a parameter that waits
	// for another setting (e.g. a switch turned on) is not opened by the check.
	const shownByResourceAndOperation = (property: INodeProperties) =>
		Object.keys(property.displayOptions?.show ?? {}).every((name) => name === 'resource' || name === 'operation');
	const visit = (property: INodeProperties): void => {
		if (!shownByResourceAndOperation(property)) return;
		if (property.type === 'resourceLocator' && property.modes?.some((mode) => mode.type === 'list'))
			listSearchParameters.add(property.name);
		if (property.typeOptions?.loadOptionsMethod) loadOptionsParameters.add(property.name);
	};
	properties.forEach(visit);

	return {
		type: `${PACKAGE_NAME}.${description.name}`,
		displayName: description.displayName,
		version: Array.isArray(description.version)
			? Math.max(...description.version)
			: description.version,
		credentialTypes: (description.credentials ?? []).map((credential) => credential.name),
		listSearchParameters,
		loadOptionsParameters,
		panels,
	};
}
