import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition, ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { tenantLocator } from '../locators';
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
	fields: INodeProperties[];
	body(p: ParameterReader): string;
	update?: boolean;
	listProperties?: INodeProperties[];
	listHeaders?(p: ParameterReader): Record<string, string>;
}

function title(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

export function crudResource(spec: CrudResource): ResourceDefinition {
	const idName = `${spec.value}Id`;
	const idLabel = `${title(spec.singular)} ID`;
	const idProperty: INodeProperties = {
		displayName: idLabel,
		name: idName,
		type: 'string',
		default: '',
		required: true,
		placeholder: spec.idPlaceholder,
		description: `Internal ID of the ${spec.singular}: 1 to 72 letters, digits, "-", "." or "_", unique across ESC`,
	};
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
			action: `List ${spec.plural}`,
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
			action: `Get ${spec.singular}`,
			description: `Get one ${spec.singular} created through ESC`,
			properties: [...scope, idProperty],
			path: itemPath,
			subject,
		}),
		escWrite({
			value: 'create',
			name: 'Create',
			action: `Create ${spec.singular}`,
			description: `Create a ${spec.singular}`,
			method: 'POST',
			properties: [...scope, idProperty, ...spec.fields],
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
				action: `Update ${spec.singular}`,
				description: `Change a ${spec.singular}`,
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
			action: `Delete ${spec.singular}`,
			description: `Delete a ${spec.singular}`,
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
