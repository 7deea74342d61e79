import { XMLParser } from 'fast-xml-parser';
import type { IDataObject, INodeProperties, INodeType } from 'n8n-workflow';

import { CiscoEsc } from '../../nodes/CiscoEsc/CiscoEsc.node';
import { Cloutility } from '../../nodes/Cloutility/Cloutility.node';
import { DciManager } from '../../nodes/DciManager/DciManager.node';
import { HpeDscc } from '../../nodes/HpeDscc/HpeDscc.node';
import { HpeGreenLakePcbe } from '../../nodes/HpeGreenLakePcbe/HpeGreenLakePcbe.node';
import type { CredentialStore, Parameters } from '../harness/context';
import { dciManagerCredential, executeNode, greenLakeCredential } from '../harness/context';
import { startCloutilitySimulator } from '../simulators/cloutility';
import { startDciSimulator } from '../simulators/dcimanager';
import { startDsccSimulator } from '../simulators/dscc';
import { startEscSimulator } from '../simulators/esc';
import type { RecordedRequest } from '../simulators/framework/server';
import { startGreenLakeSimulator } from '../simulators/greenlake';

/**
 * Injection, across the five action nodes, driven by their descriptions: every free-text field
 * (top-level strings, resource locators given By ID, and the text options of collections) of
 * every operation gets hostile text, one field at a time, the other fields their example values.
 * Wherever a run sends the text, it must arrive at the simulator as exactly one literal value: a
 * whole path segment, a whole query value, a whole JSON or XML value, or a quoted literal of a filter
 * expression (with `'`, `\`, `%` and `_` escaped as the platform reads them). The text carries a
 * marker; wherever the simulator sees the marker, the value around it must be a hostile text as
 * typed. A run may instead refuse before sending (IDs, names with characters a platform does not
 * take) or fail on another field's example value; neither sends the marker.
 */
const MARKER = 'Inj3ct';
const HOSTILE = [
	`${MARKER}'s "quoted" & <b>bold</b>`,
	`${MARKER}/../../admin`,
	`${MARKER}?limit=1&offset=9#frag`,
	`${MARKER}%2F..%2Fx`,
	`${MARKER}' or '1' eq '1' or name ne null`,
	`${MARKER}\nX-Injected: 1`,
];

interface Vendor {
	node: INodeType;
	credentials: () => CredentialStore;
	requests: () => RecordedRequest[];
	close: () => Promise<void>;
}

const vendors = new Map<string, Vendor>();

beforeAll(async () => {
	const [dci, cloutility, esc, dscc, greenLake] = await Promise.all([
		startDciSimulator(),
		startCloutilitySimulator(),
		startEscSimulator({ callbackDelayMs: 5 }),
		startDsccSimulator({ taskDurationMs: 10 }),
		startGreenLakeSimulator(),
	]);
	vendors.set('DCImanager', { node: new DciManager(), credentials: () => dciManagerCredential(dci), requests: dci.requests, close: dci.close });
	vendors.set('Cloutility', {
		node: new Cloutility(),
		credentials: () => ({
			cloutilityApi: { baseUrl: `${cloutility.url}/v1/`, clientId: cloutility.clientId, origin: cloutility.origin, username: cloutility.username, password: cloutility.password, ignoreSslIssues: false, accessToken: '', refreshToken: '', signedInAs: '' },
		}),
		requests: cloutility.requests,
		close: cloutility.close,
	});
	vendors.set('Cisco ESC', {
		node: new CiscoEsc(),
		credentials: () => ({ ciscoEscApi: { baseUrl: esc.baseUrl, username: esc.username, password: esc.password, allowSelfSigned: false } }),
		requests: esc.requests,
		close: esc.close,
	});
	vendors.set('HPE DSCC', { node: new HpeDscc(), credentials: () => greenLakeCredential(dscc), requests: dscc.requests, close: dscc.close });
	vendors.set('HPE PCBE', { node: new HpeGreenLakePcbe(), credentials: () => greenLakeCredential(greenLake), requests: greenLake.requests, close: greenLake.close });
}, 60_000);

afterAll(async () => {
	for (const vendor of vendors.values()) await vendor.close();
});

/** The text fields a user can type into, for one operation, and what the other fields get. */
interface Cell {
	resource: string;
	operation: string;
	field: string;
	label: string;
	/** Sets the hostile text into the parameters. */
	set: (parameters: Parameters, text: string) => void;
}

function shownFor(property: INodeProperties, resource: string, operation: string): boolean {
	const show = property.displayOptions?.show;
	if (show?.resource && !show.resource.includes(resource)) return false;
	if (show?.operation && !show.operation.includes(operation)) return false;
	const hide = property.displayOptions?.hide;
	if (hide?.resource?.includes(resource) || hide?.operation?.includes(operation)) return false;
	return true;
}

function operationsOf(node: INodeType): Array<{ resource: string; operation: string; properties: INodeProperties[] }> {
	const properties = node.description.properties;
	const resources = (properties.find((property) => property.name === 'resource')?.options ?? []) as Array<{ value: string }>;
	const result: Array<{ resource: string; operation: string; properties: INodeProperties[] }> = [];
	for (const { value: resource } of resources) {
		const operationProperty = properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource));
		for (const { value: operation } of (operationProperty?.options ?? []) as Array<{ value: string }>) {
			const shown = properties.filter((property) => !['resource', 'operation'].includes(property.name) && shownFor(property, resource, operation));
			result.push({ resource, operation, properties: shown });
		}
	}
	return result;
}

/** An example value a user would type: the field's placeholder when it is one, else its default. */
function example(property: INodeProperties): unknown {
	if (property.type === 'resourceLocator') {
		const byId = property.modes?.find((mode) => mode.name === 'id');
		return { __rl: true, mode: 'id', value: byId?.placeholder ?? 'example-1' };
	}
	if (property.type === 'string' && property.required && !property.default) return property.placeholder ?? 'example-1';
	return property.default;
}

function cellsOf(node: INodeType): Array<Cell & { base: Parameters }> {
	const cells: Array<Cell & { base: Parameters }> = [];
	for (const { resource, operation, properties } of operationsOf(node)) {
		const base: Parameters = { resource, operation };
		for (const property of properties) base[property.name] = example(property);
		for (const property of properties) {
			const common = { resource, operation, base, field: property.name, label: property.displayName };
			if (property.type === 'string' && !property.typeOptions?.password) {
				cells.push({ ...common, set: (parameters, text) => (parameters[property.name] = text) });
			} else if (property.type === 'resourceLocator') {
				cells.push({ ...common, set: (parameters, text) => (parameters[property.name] = { __rl: true, mode: 'id', value: text }) });
			} else if (property.type === 'fixedCollection') {
				const multiple = property.typeOptions?.multipleValues === true;
				for (const group of (property.options ?? []) as Array<{ name: string; values?: INodeProperties[] }>) {
					const children = group.values ?? [];
					const defaults = Object.fromEntries(children.map((child) => [child.name, example(child)]));
					for (const child of children) {
						if (child.type !== 'string' || child.typeOptions?.password) continue;
						cells.push({
							...common,
							field: `${property.name}.${group.name}.${child.name}`,
							label: child.displayName,
							set: (parameters, text) => {
								const entry = { ...defaults, [child.name]: text };
								parameters[property.name] = { [group.name]: multiple ? [entry] : entry };
							},
						});
					}
				}
			} else if (property.type === 'collection') {
				for (const option of (property.options ?? []) as INodeProperties[]) {
					if (option.type !== 'string' || option.typeOptions?.password) continue;
					cells.push({
						...common,
						field: `${property.name}.${option.name}`,
						label: option.displayName,
						set: (parameters, text) => (parameters[property.name] = { ...((parameters[property.name] as IDataObject | undefined) ?? {}), [option.name]: text }),
					});
				}
			}
		}
	}
	return cells;
}

/** The quoted literals of a filter expression: `'...'` with `''` or a backslash escaping a character. */
function literalsOf(expression: string): { literals: string[]; outside: string } {
	const literals: string[] = [];
	let outside = '';
	for (let index = 0; index < expression.length; index++) {
		if (expression[index] !== "'") {
			outside += expression[index];
			continue;
		}
		let text = '';
		for (index++; index < expression.length; index++) {
			const char = expression[index];
			if (char === '\\') text += expression[++index] ?? '';
			else if (char === "'" && expression[index + 1] === "'") text += expression[++index];
			else if (char === "'") break;
			else text += char;
		}
		literals.push(text);
	}
	return { literals, outside };
}

/** Whether a filter literal means the text: itself, or a "contains" pattern of it (LIKE `%...%` with `\` escapes). */
function literalMeans(literal: string, text: string): boolean {
	if (literal === text) return true;
	const contains = /^%([\s\S]*)%$/.exec(literal);
	return contains !== null && contains[1].replace(/\\([\\%_])/g, '$1') === text;
}

/**
 * Every place a request carries the marker where the value around it is not one hostile text as
 * typed (the current one, or one an earlier run stored in the simulator and a read-modify-write
 * sends back).
 */
function misreadings(request: RecordedRequest): string[] {
	const problems: string[] = [];
	const where = `${request.method} ${request.rawPath ?? request.path}`;
	for (const segment of (request.rawPath ?? '').split('/')) {
		let decoded: string;
		try {
			decoded = decodeURIComponent(segment);
		} catch {
			decoded = segment;
		}
		if (decoded.includes(MARKER) && !HOSTILE.includes(decoded)) problems.push(`${where}: path segment ${JSON.stringify(decoded)}`);
	}
	for (const [key, value] of new URLSearchParams(request.rawQuery ?? '')) {
		if (key.includes(MARKER)) problems.push(`${where}: query key ${JSON.stringify(key)}`);
		if (!value.includes(MARKER) || HOSTILE.includes(value)) continue;
		const { literals, outside } = literalsOf(value);
		if (outside.includes(MARKER) || !literals.some((literal) => HOSTILE.some((text) => literalMeans(literal, text)))) problems.push(`${where}: query ${key}=${JSON.stringify(value)}`);
	}
	const raw = request.rawBody ?? '';
	if (raw.includes(MARKER) || raw.includes(MARKER.replace('3', '\\u0033'))) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(raw);
		} catch {
			parsed = new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: false, parseTagValue: false, trimValues: false }).parse(raw);
		}
		const walk = (value: unknown, at: string): void => {
			if (typeof value === 'string') {
				if (value.includes(MARKER) && !HOSTILE.includes(value) && !literalsOf(value).literals.some((literal) => HOSTILE.some((text) => literalMeans(literal, text)))) problems.push(`${where}: body ${at} = ${JSON.stringify(value)}`);
			} else if (typeof value === 'object' && value !== null) {
				for (const [key, child] of Object.entries(value)) {
					if (key.includes(MARKER)) problems.push(`${where}: body key ${JSON.stringify(key)}`);
					walk(child, `${at}.${key}`);
				}
			}
		};
		walk(parsed, '$');
	}
	for (const [name, value] of Object.entries(request.headers)) {
		if (String(value).includes(MARKER)) problems.push(`${where}: header ${name}`);
	}
	return problems;
}

describe.each(['DCImanager', 'Cloutility', 'Cisco ESC', 'HPE DSCC', 'HPE PCBE'])('%s: hostile text in every free-text field', (name) => {
	test('wherever it is sent, it arrives as exactly the one literal value typed', async () => {
		const vendor = vendors.get(name)!;
		const cells = cellsOf(vendor.node);
		expect(cells.length).toBeGreaterThan(0);
		const defects: string[] = [];
		let sentLiterally = 0;
		let refused = 0;
		for (const cell of cells) {
			for (const text of HOSTILE) {
				const parameters: Parameters = JSON.parse(JSON.stringify(cell.base)) as Parameters;
				cell.set(parameters, text);
				const before = vendor.requests().length;
				let error: Error | undefined;
				try {
					await executeNode({ nodeType: vendor.node, credentials: vendor.credentials(), parameters });
				} catch (caught) {
					error = caught as Error;
				}
				const carrying = vendor.requests().slice(before).filter((request) => JSON.stringify(request).includes(MARKER));
				for (const request of carrying) defects.push(...misreadings(request).map((problem) => `${cell.resource}/${cell.operation} ${cell.field} ← ${JSON.stringify(text)}: ${problem}`));
				if (carrying.length > 0) sentLiterally++;
				else if (error?.message.toLowerCase().includes(cell.label.toLowerCase())) refused++;
			}
		}
		// Both outcomes occur: the fields are really exercised (other cells fail on their example values).
		expect(sentLiterally).toBeGreaterThan(0);
		expect(refused).toBeGreaterThan(0);
		expect(defects).toEqual([]);
	}, 600_000);
});
