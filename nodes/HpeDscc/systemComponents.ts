import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { pagingProperties } from '../shared/descriptions';
import type { OperationDefinition } from '../shared/operations';
import type { ParameterReader } from '../shared/parameters';
import { fillPath } from '../shared/parameters';
import type { PageEnvelope } from '../shared/transport';
import { apiRequest, fetchPages } from '../shared/transport';
import { DSCC_ID_PATTERN, dsccApi, dsccEnvelope } from './api';
import type { DeviceType, ResolvedSystem } from './deviceType';
import { resolveSystem } from './deviceType';
import { storageSystemLocator } from './locators';
import { listQuery, listQueryOptions } from './profile';

/**
 * Where a collection of one storage system lives for each device type, below
 * `/api/v1/storage-systems/{deviceType}/{systemId}/`, e.g. `{ 'device-type1': 'nodes', 'device-type2': 'controllers' }`.
 * Device types left out do not have the collection.
 */
export type PathsByDeviceType = Partial<Record<DeviceType, string>>;

/** Device types whose listing is not wrapped in the usual `{items, total}` envelope. */
export type EnvelopesByDeviceType = Partial<Record<DeviceType, PageEnvelope>>;

/** The URL path of something that belongs to a storage system, filling `{name}` placeholders of `relativePath`. */
export function systemPath(system: ResolvedSystem, relativePath: string, values: Record<string, string> = {}): string {
	return fillPath(`/api/v1/storage-systems/{deviceType}/{systemId}/${relativePath}`, {
		...values,
		deviceType: system.deviceType,
		systemId: system.id,
	});
}

function deviceTypesOf(paths: PathsByDeviceType): DeviceType[] {
	return Object.keys(paths) as DeviceType[];
}

/** Joins OData filter conditions with "and", leaving out empty ones. */
export function andFilter(...conditions: Array<string | undefined>): string | undefined {
	const parts = conditions.filter((condition): condition is string => condition !== undefined && condition !== '');
	return parts.length > 0 ? parts.join(' and ') : undefined;
}

/** Return All / Limit as the user set them. */
export function pageSelection(p: ParameterReader): { returnAll: boolean; limit?: number } {
	const returnAll = p.boolean('returnAll');
	return { returnAll, limit: returnAll ? undefined : p.integer('limit', { label: 'Limit', min: 1 }) };
}

/** Fetches a collection of a storage system page by page, honouring Return All / Limit (or the `limit` given). */
export async function fetchSystemCollection(
	p: ParameterReader,
	request: { path: string; qs?: IDataObject; subject: string },
	selection: { returnAll: boolean; limit?: number },
	envelope: PageEnvelope = dsccEnvelope,
): Promise<IDataObject[]> {
	return await fetchPages(
		p.ctx,
		dsccApi,
		{ method: 'GET', path: request.path, qs: request.qs, subject: request.subject, itemIndex: p.itemIndex },
		envelope,
		selection,
	);
}

interface ComponentBasics {
	value: string;
	name: string;
	action: string;
	description: string;
}

/** A text parameter holding the ID of a component of a storage system. */
export function componentIdProperty(options: {
	name: string;
	displayName: string;
	description: string;
	placeholder?: string;
	required?: boolean;
}): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'string',
		default: '',
		required: options.required ?? true,
		placeholder: options.placeholder ?? 'e9d353bf98fc1a6bdb90b824e3ca14b5',
		description: options.description,
	};
}

/**
 * Lists a collection of the chosen storage system (controllers, ports, …) on the path of its
 * device type, with Return All / Limit and Filter / Sort / Select.
 */
export function systemCollectionListOperation(
	definition: ComponentBasics & {
		/** The Storage System field, where the list offers only the systems that have the collection. */
		systemLocator?: INodeProperties;
		itemName: string;
		paths: PathsByDeviceType;
		filterExample: string;
		sortExample?: string;
		envelopes?: EnvelopesByDeviceType;
	},
): OperationDefinition {
	const { itemName, paths, filterExample, sortExample, envelopes, systemLocator = storageSystemLocator, ...basics } = definition;
	return {
		...basics,
		properties: [systemLocator, ...pagingProperties(itemName), listQueryOptions({ filterExample, sortExample })],
		run: async (p) => {
			const system = await resolveSystem(p, deviceTypesOf(paths));
			return await fetchSystemCollection(
				p,
				{ path: systemPath(system, paths[system.deviceType]!), qs: listQuery(p), subject: system.subject },
				pageSelection(p),
				envelopes?.[system.deviceType],
			);
		},
	};
}

/** Gets one component of the chosen storage system; `paths` name the component's ID as `{id}`. */
export function systemComponentGetOperation(
	definition: ComponentBasics & {
		systemLocator?: INodeProperties;
		paths: PathsByDeviceType;
		idProperty: INodeProperties;
		/** The component as users name it, e.g. "Controller". */
		label: string;
	},
): OperationDefinition {
	const { paths, idProperty, label, systemLocator = storageSystemLocator, ...basics } = definition;
	return {
		...basics,
		properties: [systemLocator, idProperty],
		run: async (p) => {
			const system = await resolveSystem(p, deviceTypesOf(paths));
			const id = p.id(idProperty.name, { label: idProperty.displayName, pattern: DSCC_ID_PATTERN });
			const { body } = await apiRequest<IDataObject>(p.ctx, dsccApi, {
				method: 'GET',
				path: systemPath(system, paths[system.deviceType]!, { id }),
				subject: `${label} ${id} of ${system.subject}`,
				itemIndex: p.itemIndex,
			});
			return body;
		},
	};
}
