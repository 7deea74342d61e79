import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { fetchPages } from '../shared/transport';
import { dciApi, dciEnvelope, endpointPath } from './api';

/** Dropdowns inside collections, where n8n offers no resource locator. */
export const loadOptions = {
	/** Every location, by name; a platform has a handful. */
	async getLocations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const locations = await fetchPages(this, dciApi, { method: 'GET', path: endpointPath('locationList'), qs: { orderby: 'name asc' } }, dciEnvelope, {
			returnAll: true,
		});
		return locations.map((location) => ({
			name: typeof location.name === 'string' && location.name !== '' ? location.name : `#${String(location.id)}`,
			value: String(location.id),
		}));
	},
};
