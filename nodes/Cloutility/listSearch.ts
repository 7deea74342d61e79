import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { apiRequest } from '../shared/transport';
import { CLOUTILITY_ID_PATTERN, cloutilityApi, currentBusinessUnit } from './api';

/** Every unit of a `/v1/bunits` tree, each named by its path from the top. */
export function flattenTree(root: IDataObject, path: string[] = [], depth = 0): IDataObject[] {
	const name = String(root.name ?? root.id);
	const here = [...path, name];
	const children = Array.isArray(root.businessUnits) ? (root.businessUnits as IDataObject[]) : [];
	const unit = { ...root };
	delete unit.businessUnits;
	return [
		{ ...unit, path: here.join(' / '), depth },
		...children.flatMap((child) => flattenTree(child, here, depth + 1)),
	];
}

function matches(search: string | undefined, ...texts: string[]): boolean {
	const wanted = search?.trim().toLowerCase();
	return !wanted || texts.some((text) => text.toLowerCase().includes(wanted));
}

export const listSearch = {
	async searchBusinessUnits(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const { body } = await apiRequest<IDataObject>(this, cloutilityApi, { method: 'GET', path: '/v1/bunits' });
		return {
			results: flattenTree(body)
				.map((unit) => ({ name: String(unit.path), value: String(unit.id) }))
				.filter((entry) => matches(filter, entry.name, entry.value)),
		};
	},

	async searchConsumptionUnits(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const businessUnitId = currentBusinessUnit(this);
		if (!CLOUTILITY_ID_PATTERN.test(businessUnitId)) return { results: [] };
		const { body } = await apiRequest<IDataObject>(this, cloutilityApi, {
			method: 'GET',
			path: `/v1/bunits/${businessUnitId}/consumers`,
		});
		const items = Array.isArray(body.items) ? (body.items as IDataObject[]) : [];
		return {
			results: items
				.map((item) => ({ name: String(item.name ?? item.id), value: String(item.id) }))
				.filter((entry) => matches(filter, entry.name, entry.value)),
		};
	},
};
