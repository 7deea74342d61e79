import type { IDataObject, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';

import { pagingProperties, readWaitTimeout, waitProperties } from '../shared/descriptions';
import type { OperationDefinition } from '../shared/operations';
import type { ParameterReader } from '../shared/parameters';
import type { ApiResponse } from '../shared/transport';
import { waitForCompletion } from '../shared/transport';
import type { XmlObject } from '../shared/xml';
import { writeXml } from '../shared/xml';
import type { ResourceWatch } from './api';
import { markAsEventsUrl } from './trigger/event';
import {
	INTERNAL_ID_HINT,
	INTERNAL_ID_PATTERN,
	NAME_IN_PATH_HINT,
	NAME_IN_PATH_PATTERN,
	UnreadableEscBody,
	escRequest,
	resourceTracker,
	rootValue,
	transactionIdOf,
} from './api';

interface Basics {
	value: string;
	name: string;
	action: string;
	description: string;
	properties?: INodeProperties[];
}

type PathBuilder = (p: ParameterReader) => string;

const outputOptions: INodeProperties = {
	displayName: 'Output Options',
	name: 'outputOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Include Raw XML',
			name: 'includeRawXml',
			type: 'boolean',
			default: false,
			description: 'Whether to add the XML exactly as ESC sent it, under rawXml',
		},
	],
};

const SECRET_NAME = /password|passphrase|secret|token|private_?key/i;
const REDACTED = '[redacted]';

/**
 * ESC echoes VIM user credentials and file server passwords: they never reach the output. Redacts
 * in place (the value is a freshly read answer) and tests each distinct key name once: a listing of
 * thousands of deployments repeats the same few dozen names. Given the XML the value was read from,
 * skips the walk when no name in it can be a secret's (no secret word, no character reference).
 */
export function redactSecrets<T>(value: T, sourceXml?: string): T {
	if (sourceXml !== undefined && !SECRET_NAME.test(sourceXml) && !sourceXml.includes('&#')) return value;
	const secretKeys = new Map<string, boolean>();
	const isSecretKey = (key: string) => {
		let secret = secretKeys.get(key);
		if (secret === undefined) {
			secret = SECRET_NAME.test(key);
			secretKeys.set(key, secret);
		}
		return secret;
	};
	const redact = (node: unknown): void => {
		if (Array.isArray(node)) {
			for (const child of node) redact(child);
			return;
		}
		if (!node || typeof node !== 'object') return;
		const object = node as IDataObject;
		const secretProperty = typeof object.name === 'string' && SECRET_NAME.test(object.name);
		for (const key of Object.keys(object)) {
			const child = object[key];
			if (typeof child === 'string' || typeof child === 'number') {
				if (isSecretKey(key) || (secretProperty && key.endsWith('value'))) object[key] = REDACTED;
			} else {
				redact(child);
			}
		}
	};
	redact(value);
	return value;
}

export function redactXml(xml: string): string {
	return xml
		.replace(/<([\w:.-]*(?:password|passphrase|secret|token|private_?key)[\w.-]*)>[^<]*<\/\1>/gi, `<$1>${REDACTED}</$1>`)
		.replace(
			/(<name>[^<]*(?:password|passphrase|secret|token|private_?key)[^<]*<\/name>\s*<(\w*value)>)[^<]*(<\/\2>)/gi,
			`$1${REDACTED}$3`,
		);
}

function withRawXml(p: ParameterReader, json: IDataObject, response: ApiResponse): IDataObject {
	const output = redactSecrets(json);
	if (p.collection('outputOptions').includeRawXml === true) output.rawXml = redactXml(response.rawBody ?? '');
	return output;
}

function asObject(value: unknown): IDataObject {
	if (value && typeof value === 'object' && !Array.isArray(value)) return value as IDataObject;
	if (value === undefined || value === '') return {};
	return { value } as IDataObject;
}

/** Reads an internal id (a path segment ESC checks): clear error before any request. */
export function internalId(p: ParameterReader, name: string, label: string): string {
	return p.string(name, { label, pattern: INTERNAL_ID_PATTERN, patternHint: INTERNAL_ID_HINT });
}

/** A VM name, host name, VIM id, category or key in the path. */
export function nameInPath(p: ParameterReader, name: string, label: string): string {
	return p.string(name, { label, pattern: NAME_IN_PATH_PATTERN, patternHint: NAME_IN_PATH_HINT });
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F]/;

/**
 * A resource name: required, 1 to 64 (tenants) or 255 characters as ESC documents, and on one
 * line. `&`, `<` and `>` are fine: the XML writer escapes them, so "R&D" reaches ESC as typed.
 */
export function resourceName(p: ParameterReader, name: string, label: string, maxLength = 255): string {
	const value = p.string(name, { label, maxLength });
	if (CONTROL_CHARACTERS.test(value)) {
		p.fail(`"${label}" cannot contain control characters (line breaks, tabs...)`, `ESC and the cloud below it refuse such names: ${JSON.stringify(value)}`);
	}
	return value;
}

/** Writes a request body, turning a value XML cannot carry into a clear error. */
export function xmlBody(p: ParameterReader, root: string, value: XmlObject, namespace: string): string {
	try {
		return writeXml(root, value, { namespace });
	} catch (error) {
		return p.fail(`The request body cannot be written: ${(error as Error).message}`);
	}
}

/** GET one resource. */
export function escGet(definition: Basics & { path: PathBuilder; subject?: (p: ParameterReader) => string }): OperationDefinition {
	return {
		...definition,
		properties: [...(definition.properties ?? []), outputOptions],
		run: async (p) => {
			const path = definition.path(p);
			const response = await escRequest(p.ctx, { method: 'GET', path, subject: definition.subject?.(p), itemIndex: p.itemIndex });
			return withRawXml(p, asObject(rootValue(response.body) ?? response.body), response);
		},
	};
}

/** GET a collection: one output item per element, whether ESC lists one or many. */
export function escList(
	definition: Basics & { path: PathBuilder; itemName: string; itemsLabel: string; headers?: (p: ParameterReader) => Record<string, string> },
): OperationDefinition {
	return {
		...definition,
		properties: [...(definition.properties ?? []), ...pagingProperties(definition.itemsLabel)],
		run: async (p) => {
			const path = definition.path(p);
			const headers = definition.headers?.(p);
			const response = await escRequest(p.ctx, { method: 'GET', path, headers, itemIndex: p.itemIndex });
			const items = redactSecrets(listItems(response.body, definition.itemName), response.rawBody);
			if (p.boolean('returnAll')) return items;
			return items.slice(0, p.integer('limit', { label: 'Limit', min: 1 }));
		},
	};
}

/** The elements named `itemName` of a listing, wherever ESC wraps them. */
export function listItems(body: unknown, itemName: string): IDataObject[] {
	if (body instanceof UnreadableEscBody) throw new Error(`Cisco ESC's answer cannot be read: ${body.reason}`);
	if (!body || typeof body !== 'object') return [];
	const [rootName] = Object.keys(body);
	const root = (body as IDataObject)[rootName];
	if (rootName === itemName) return [asObject(root)];
	const entries = root && typeof root === 'object' ? (root as IDataObject)[itemName] : undefined;
	if (entries === undefined) return [];
	return (Array.isArray(entries) ? entries : [entries]).map(asObject);
}

export type CallbackUse = 'none' | 'callback' | 'events' | 'both';

const URL_PATTERN = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

const CALLBACK_HINT = 'The Production URL of a Cisco ESC Trigger, with ?token= and its Secret Token, starts a workflow on each notification';

function callbackProperties(use: CallbackUse): INodeProperties[] {
	const properties: INodeProperties[] = [];
	if (use === 'callback' || use === 'both') {
		properties.push({
			displayName: 'Callback URL',
			name: 'callbackUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://n8n.example.com/webhook/…/esc?token=…',
			hint: CALLBACK_HINT,
			description:
				'Where ESC posts the outcome of this request (sent as the Callback header). ESC requires one and refuses the request without it. The node itself does not read it: with Wait for Completion on, the node asks ESC for the result until it is done; with it off, the callback (for example to an ESC Trigger) is how you learn the outcome.',
		});
	}
	if (use === 'events' || use === 'both') {
		properties.push({
			displayName: 'Events Callback URL',
			name: 'eventsCallbackUrl',
			type: 'string',
			default: '',
			required: use === 'events',
			placeholder: 'https://n8n.example.com/webhook/…/esc?token=…',
			hint: use === 'events' ? CALLBACK_HINT : undefined,
			description:
				use === 'both'
					? 'Where ESC posts the lifecycle events of this request (sent as the Callback-ESC-Events header). Empty uses the Callback URL, marked so that an ESC Trigger starts once per stage.'
					: 'Where ESC posts the events of this action (sent as the Callback-ESC-Events header). ESC requires one and refuses the request without it.',
		});
	}
	return properties;
}

function callbackHeaders(p: ParameterReader, use: CallbackUse): IDataObject {
	const headers: IDataObject = {};
	const read = (name: string, label: string, required: boolean) => {
		const value = required ? p.string(name, { label, maxLength: 2048 }) : p.optionalString(name, { label, maxLength: 2048 });
		if (value !== undefined && !URL_PATTERN.test(value)) {
			p.fail(`"${label}" is not a valid URL: ${JSON.stringify(value)}`, 'Enter an address starting with http:// or https://.');
		}
		return value;
	};
	if (use === 'callback' || use === 'both') headers.Callback = read('callbackUrl', 'Callback URL', true);
	if (use === 'events') headers['Callback-ESC-Events'] = read('eventsCallbackUrl', 'Events Callback URL', true);
	if (use === 'both') {
		const events = read('eventsCallbackUrl', 'Events Callback URL', false);
		// One URL for both: ESC posts each deployment stage to each header. The marker lets the ESC
		// Trigger skip the events copy, so one stage starts one execution.
		headers['Callback-ESC-Events'] = events === undefined || events === headers.Callback ? markAsEventsUrl(String(headers.Callback)) : events;
	}
	return headers;
}

/**
 * "Wait for Completion" is on by default, as in every node of the package. Nodes saved at version 1
 * were made when it was off by default and stored no value for it: they keep not waiting.
 */
const escWaitProperties: INodeProperties[] = waitProperties(600).flatMap((property) =>
	property.name === 'waitForCompletion'
		? [
				{
					...property,
					description:
						'Whether to ask ESC for the result until the change is done (and fail when it ends in an error state), instead of returning as soon as ESC accepts it',
					displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
				},
				{ ...property, default: false, displayOptions: { show: { '@version': [1] } } },
			]
		: [property],
);

/**
 * An asynchronous change: ESC accepts it at once and reports the outcome to the callback URLs.
 * Returns the transaction id and ESC's immediate answer; with "Wait for Completion", polls the
 * resource until its end state.
 */
export function escWrite(
	definition: Basics & {
		method: IHttpRequestMethods;
		path: PathBuilder;
		body?: (p: ParameterReader) => string | undefined | Promise<string>;
		/** Defaults to the XML media type. */
		contentType?: string;
		callbacks: CallbackUse;
		watch?: (p: ParameterReader) => ResourceWatch;
		subject?: (p: ParameterReader) => string;
	},
): OperationDefinition {
	return {
		...definition,
		properties: [
			...(definition.properties ?? []),
			...callbackProperties(definition.callbacks),
			...(definition.watch ? escWaitProperties : []),
			outputOptions,
		],
		run: async (p) => {
			const path = definition.path(p);
			const body = await definition.body?.(p);
			const headers = callbackHeaders(p, definition.callbacks);
			const watch = definition.watch?.(p);
			const wait = watch !== undefined && p.boolean('waitForCompletion', p.ctx.getNode().typeVersion >= 2);
			const timeoutSeconds = wait ? readWaitTimeout(p) : 0;
			if (definition.contentType && body !== undefined) headers['Content-Type'] = definition.contentType;
			const response = await escRequest(
				p.ctx,
				{
					method: definition.method,
					path,
					body,
					headers,
					subject: definition.subject?.(p),
					// ESC starts the work on the first POST: never send one twice.
					idempotent: definition.method === 'POST' ? false : undefined,
					itemIndex: p.itemIndex,
				},
				'documentOrEmpty',
			);
			const json = withRawXml(
				p,
				{ transactionId: transactionIdOf(response.headers) ?? null, statusCode: response.statusCode, response: asObject(rootValue(response.body) ?? response.body) },
				response,
			);
			if (!wait || !watch) return json;
			const final = await waitForCompletion(p.ctx, resourceTracker(p.ctx, watch, p.itemIndex), {
				timeoutSeconds,
				defaultIntervalSeconds: 3,
				itemIndex: p.itemIndex,
			});
			return { ...json, completed: true, resource: watch.gone ? null : redactSecrets(final) };
		},
	};
}
