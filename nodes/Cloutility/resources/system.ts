import type { IDataObject } from 'n8n-workflow';

import type { ResourceDefinition } from '../../shared/operations';
import { apiRequest } from '../../shared/transport';
import { cloutilityApi } from '../api';

export const system: ResourceDefinition = {
	value: 'system',
	name: 'System',
	operations: [
		{
			value: 'getVersion',
			name: 'Get API Version',
			action: 'Get the API version',
			description: 'Get the full version of the Cloutility API, e.g. 1.0.4480.0',
			properties: [],
			run: async (p) => {
				const { body } = await apiRequest<unknown>(p.ctx, cloutilityApi, { method: 'GET', path: '/v1/fullVersion', itemIndex: p.itemIndex });
				return { version: typeof body === 'string' ? body.replace(/^"|"$/g, '') : (body as IDataObject) };
			},
		},
	],
};
