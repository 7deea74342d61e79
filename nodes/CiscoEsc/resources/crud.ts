import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition, ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { tenantLocator } from '../locators';
import { resourceLocator } from '../../shared/locators';
import { INTERNAL_ID_PATTERN } from '../api';
import { escGet, escList, escWrite, internalId } from '../operations';

/** A resource ESC creates under an internal ID: list, get, create, (update), delete. */
export interface CrudResource {
	value: string;
	name: string;
	/** Lower-case singular and plural, for sentences: "network", "networks". */
	singular: string;
	plural: string;
	/** Path segment and XML element of one item: `networks`, `network`. */
	segment: string;
	itemName: string;
	/** Lives under a tenant: `/v0/{tenant}/networks/{id}`. */
	tenantScoped: boolean;
	idPlaceholder: string;
	/** The `listSearch` method listing them (scoped to the chosen tenant where ESC scopes them). */
	searchListMethod: string;
	fields: INodeProperties[];
	body(p: ParameterReader): string;
	update?: boolean;
	listProperties?: INodeProperties[];
	listHeaders?(p: ParameterReader): Record<string, string>;
}

function title(text: string): string {
	return text.replace(/\b\w/g, (letter) => letter.toUpperCase());
}

/** "a network", "an image". */
export function withArticle(noun: string): string {
	return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

export function crudResource(spec: CrudResource): ResourceDefinition {
	const idName = `${spec.value}Id`;
	const idLabel = title(spec.singular);
	/** Create: the ID the user chooses for the new item. */
	const newIdProperty: INodeProperties = {
		displayName: `${idLabel} ID`,
		name: idName,
		type: 'string',
		default: '',
		required: true,
		placeholder: spec.idPlaceholder,
		description: `Internal ID you choose for the ${spec.singular}: 1 to 72 letters, digits, "-", "." or "_", unique across ESC`,
	};
	/** Get, Update, Delete: an existing item, from the list or by ID (a saved plain ID still works). */
	const idProperty = resourceLocator({
		name: idName,
		displayName: idLabel,
		searchListMethod: spec.searchListMethod,
		description: `The ${spec.singular}, by its internal ID${spec.tenantScoped ? '; the list shows those of the tenant above' : ''}`,
		idPlaceholder: spec.idPlaceholder,
		idPattern: INTERNAL_ID_PATTERN,
		idErrorMessage: 'Use 1 to 72 letters, digits, "-", "." or "_"',
	});
	const scope = spec.tenantScoped ? [tenantLocator] : [];
	const base = (p: ParameterReader) =>
		spec.tenantScoped ? `/v0/${encodeURIComponent(internalId(p, 'tenantId', 'Tenant'))}/${spec.segment}` : `/v0/${spec.segment}`;
	const itemPath = (p: ParameterReader) => `${base(p)}/${encodeURIComponent(internalId(p, idName, idLabel))}`;
	const subject = (p: ParameterReader) => `${title(spec.singular)} "${String(p.raw(idName))}"`;
	const watchPath = (p: ParameterReader) => {
		const tenant = spec.tenantScoped ? `/${encodeURIComponent(String(p.raw('tenantId')))}` : '';
		return `/v0${tenant}/${spec.segment}/${encodeURIComponent(String(p.raw(idName)))}`;
	};
	const operations: OperationDefinition[] = [
		escList({
			value: 'getAll',
			name: 'Get Many',
			action: `Get many ${spec.plural}`,
			description: `List the ${spec.plural}${spec.tenantScoped ? ' of a tenant' : ''}`,
			itemName: spec.itemName,
			itemsLabel: spec.plural,
			properties: [...scope, ...(spec.listProperties ?? [])],
			path: base,
			headers: spec.listHeaders,
		}),
		escGet({
			value: 'get',
			name: 'Get',
			action: `Get ${withArticle(spec.singular)}`,
			description: `Get one ${spec.singular} created through ESC`,
			properties: [...scope, idProperty],
			path: itemPath,
			subject,
		}),
		escWrite({
			value: 'create',
			name: 'Create',
			action: `Create ${withArticle(spec.singular)}`,
			description: `Create ${withArticle(spec.singular)}`,
			method: 'POST',
			properties: [...scope, newIdProperty, ...spec.fields],
			path: itemPath,
			body: spec.body,
			callbacks: 'callback',
			watch: (p) => ({ label: `${spec.singular} "${String(p.raw(idName))}"`, path: watchPath(p) }),
		}),
	];
	if (spec.update) {
		operations.push(
			escWrite({
				value: 'update',
				name: 'Update',
				action: `Update ${withArticle(spec.singular)}`,
				description: `Change ${withArticle(spec.singular)}`,
				method: 'PUT',
				properties: [...scope, idProperty, ...spec.fields],
				path: itemPath,
				body: spec.body,
				callbacks: 'callback',
				subject,
			}),
		);
	}
	operations.push(
		escWrite({
			value: 'delete',
			name: 'Delete',
			action: `Delete ${withArticle(spec.singular)}`,
			description: `Delete ${withArticle(spec.singular)}`,
			method: 'DELETE',
			properties: [...scope, idProperty],
			path: itemPath,
			callbacks: 'callback',
			subject,
			watch: (p) => ({ label: `${spec.singular} "${String(p.raw(idName))}"`, path: watchPath(p), gone: true }),
		}),
	);
	return { value: spec.value, name: spec.name, operations };
}
