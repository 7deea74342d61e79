import type { INodeProperties } from 'n8n-workflow';

import type { ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { escGet, escList, escWrite, nameInPath } from '../operations';

const category: INodeProperties = { displayName: 'Category', name: 'category', type: 'string', default: '', required: true, placeholder: 'LOG', description: 'Parameter category, e.g. DEFAULT, LOG, OPENSTACK, AFFINITY' };
const key: INodeProperties = { displayName: 'Key', name: 'key', type: 'string', default: '', required: true, placeholder: 'LEVEL', description: 'Parameter name within the category' };
const value: INodeProperties = { displayName: 'Value', name: 'value', type: 'string', default: '', required: true, placeholder: 'DEBUG' };

const keyPath = (p: ParameterReader) =>
	`/v0/config/${encodeURIComponent(nameInPath(p, 'category', 'Category'))}/${encodeURIComponent(nameInPath(p, 'key', 'Key'))}`;

export const configParameter: ResourceDefinition = {
	value: 'configParameter',
	name: 'Configuration Parameter',
	operations: [
		escList({ value: 'getAll', name: 'Get Many', action: 'Get many configuration parameters', description: 'Get every ESC configuration parameter', itemName: 'escconfigparameter', itemsLabel: 'parameters', path: () => '/v0/config' }),
		escList({
			value: 'getCategory',
			name: 'Get Category',
			action: 'Get the parameters of a configuration category',
			description: 'Get every parameter of one category',
			itemName: 'escconfigparameter',
			itemsLabel: 'parameters',
			properties: [category],
			path: (p) => `/v0/config/${encodeURIComponent(nameInPath(p, 'category', 'Category'))}`,
		}),
		escGet({ value: 'get', name: 'Get', action: 'Get a configuration parameter', description: 'Get one parameter by category and key', properties: [category, key], path: keyPath, subject: (p) => `Parameter ${String(p.raw('category'))}/${String(p.raw('key'))}` }),
		escWrite({
			value: 'create',
			name: 'Create',
			action: 'Create a configuration parameter',
			description: 'Add a new key to a category',
			method: 'POST',
			properties: [category, key, value],
			path: keyPath,
			// ESC documents this one body as JSON: the value, as a JSON string.
			body: (p) => JSON.stringify(p.string('value', { label: 'Value', maxLength: 4096 })),
			contentType: 'application/json',
			callbacks: 'none',
		}),
		escWrite({
			value: 'change',
			name: 'Change',
			action: 'Change a configuration parameter',
			description: 'Set the value of an existing parameter',
			method: 'PUT',
			properties: [category, key, value],
			path: (p) => `${keyPath(p)}/${encodeURIComponent(p.string('value', { label: 'Value', maxLength: 1024, pattern: /^[^/\\\r\n]+$/, patternHint: 'The value travels in the URL path: it cannot contain "/", "\\" or line breaks.' }))}`,
			callbacks: 'none',
			subject: (p) => `Parameter ${String(p.raw('category'))}/${String(p.raw('key'))}`,
		}),
	],
};
