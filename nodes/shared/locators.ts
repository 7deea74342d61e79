import type { ILoadOptionsFunctions, INodeProperties } from 'n8n-workflow';

/**
 * The value picked in a resource locator the list depends on ('' when none). Read raw: n8n's
 * `extractValue` throws "Could not find property" when the editor reloads a list just as the
 * operation changes and the locator is no longer shown.
 */
export function pickedLocatorValue(ctx: ILoadOptionsFunctions, name: string): string {
	const value = ctx.getCurrentNodeParameter(name) as unknown;
	const picked = typeof value === 'object' && value !== null ? (value as { value?: unknown }).value : value;
	return typeof picked === 'string' || typeof picked === 'number' ? String(picked).trim() : '';
}

/** What every resource locator names: its parameter, its label, its list search and what it is for. */
export interface LocatorBasics {
	name: string;
	displayName: string;
	/** A method of the node's `listSearch`. */
	searchListMethod: string;
	description?: string;
}

/**
 * A resource locator: pick the item from a searchable list (a method of the node's `listSearch`),
 * or give its ID, checked against the vendor's ID shape as it is typed.
 */
export function resourceLocator(options: LocatorBasics & {
	/** What the list asks for, e.g. "Choose a storage system…". */
	listPlaceholder?: string;
	idPlaceholder: string;
	idPattern: RegExp;
	idErrorMessage?: string;
}): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: options.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: options.listPlaceholder,
				typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: options.idPlaceholder,
				validation: [
					{
						type: 'regex',
						properties: { regex: options.idPattern.source, errorMessage: options.idErrorMessage ?? 'Not a valid ID' },
					},
				],
			},
		],
	};
}
