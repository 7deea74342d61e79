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
	/** Every `listSearch` and `loadOptions` method of the node, with a parameter that uses it. */
	methods: MethodUse[];
}

/** A list the editor loads, as n8n's REST API asks for it. */
export interface ListCall {
	kind: 'listSearch' | 'loadOptions';
	method: string;
	/** The parameter's path in the node's parameters, e.g. `additionalFields.performancePolicyId`. */
	parameterPath: string;
	type: string;
}

/**
 * Where a method of the node is used: the panel (resource and operation), the parameter, and the
 * lists above it in that panel a user picks first (the storage system before its pools).
 * `parameterPath` is undefined for a method no parameter uses.
 */
export interface MethodUse extends Partial<ListCall> {
	kind: 'listSearch' | 'loadOptions';
	method: string;
	resource?: string;
	operation?: string;
	/** Other settings the parameter is shown for (e.g. `fetchBillingData: true`): n8n hands out the credential only then. */
	settings: { [name: string]: unknown };
	parents: ListCall[];
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
	return packageEntries().nodes.map((entry) => {
		const node = loadEntry<INodeType>(entry);
		return planNode(node.description, node.methods ?? {});
	});
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

/** The list a parameter loads, if any. */
function listCallOf(property: INodeProperties, parameterPath: string): ListCall | undefined {
	const search = property.modes?.find((mode) => mode.type === 'list')?.typeOptions?.searchListMethod;
	if (property.type === 'resourceLocator' && search) return { kind: 'listSearch', method: search, parameterPath, type: property.type };
	const load = property.typeOptions?.loadOptionsMethod;
	if (load) return { kind: 'loadOptions', method: load, parameterPath, type: property.type };
	return undefined;
}

/** The lists a property loads, its own and those of the fields of a collection it holds. */
function listCallsIn(property: INodeProperties, prefix = ''): ListCall[] {
	const path = `${prefix}${property.name}`;
	const own = listCallOf(property, path);
	const inner =
		property.type === 'collection'
			? ((property.options ?? []) as INodeProperties[]).flatMap((child) => listCallsIn(child, `${path}.`))
			: property.type === 'fixedCollection'
				? ((property.options ?? []) as Array<{ name: string; values?: INodeProperties[] }>).flatMap((group) =>
						(group.values ?? []).flatMap((child) => listCallsIn(child, `${path}.${group.name}.`)),
					)
				: [];
	return own ? [own, ...inner] : inner;
}

/** For every method of the node, the first panel and parameter that use it, with the lists above it there. */
function methodUses(description: INodeTypeDescription, methods: INodeType['methods'] & object): MethodUse[] {
	const declared = [
		...Object.keys(methods.listSearch ?? {}).map((method) => ({ kind: 'listSearch' as const, method })),
		...Object.keys(methods.loadOptions ?? {}).map((method) => ({ kind: 'loadOptions' as const, method })),
	];
	const uses = new Map<string, MethodUse>();
	const resources = optionsOf(description.properties.find((property) => property.name === 'resource' && property.type === 'options'));
	const panels = (resources.length > 0 ? resources : [undefined]).flatMap((resource) => {
		const resourceValue = resource && String(resource.value);
		const operations = description.properties
			.filter((property) => property.name === 'operation' && shownFor(property, resourceValue))
			.flatMap((property) => optionsOf(property).map((option) => String(option.value)));
		return (operations.length > 0 ? operations : [undefined]).map((operation) => ({ resource: resourceValue, operation }));
	});
	for (const { resource, operation } of panels) {
		const shown = description.properties.filter((property) => {
			const show = property.displayOptions?.show ?? {};
			return (
				(resource === undefined || !show.resource || show.resource.includes(resource)) &&
				(operation === undefined || !show.operation || show.operation.includes(operation))
			);
		});
		const parents: ListCall[] = [];
		for (const property of shown) {
			for (const call of listCallsIn(property)) {
				if (!uses.has(call.method)) uses.set(call.method, { ...call, resource, operation, settings: settingsShowing(property), parents: [...parents] });
			}
			const own = listCallOf(property, property.name);
			if (own) parents.push(own);
		}
	}
	return declared.map(({ kind, method }) => uses.get(method) ?? { kind, method, settings: {}, parents: [] });
}

/** The first value of each setting, other than resource and operation, a property is shown for. */
function settingsShowing(property: INodeProperties): { [name: string]: unknown } {
	const show = property.displayOptions?.show ?? {};
	return Object.fromEntries(
		Object.entries(show)
			.filter(([name, values]) => name !== 'resource' && name !== 'operation' && Array.isArray(values) && values.length > 0)
			.map(([name, values]) => [name, (values as unknown[])[0]]),
	);
}

function planNode(description: INodeTypeDescription, nodeMethods: INodeType['methods'] & object): NodePlan {
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
		methods: methodUses(description, nodeMethods),
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
