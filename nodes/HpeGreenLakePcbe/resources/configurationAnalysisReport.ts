import type { IDataObject } from 'n8n-workflow';

import { pagingProperties } from '../../shared/descriptions';
import { getOperation, writeOperation } from '../../shared/kinds';
import type { ResourceDefinition } from '../../shared/operations';
import { fillPath } from '../../shared/parameters';
import { apiRequest } from '../../shared/transport';
import { PCBE_PATH, greenLakeApi } from '../api';
import { readId, reportLocator, systemLocator } from '../locators';
import { greenLake, listQuery, listQueryOptions } from '../profile';

const REPORTS = `${PCBE_PATH}/configuration-analysis-reports`;

export const configurationAnalysisReport: ResourceDefinition = {
	value: 'configurationAnalysisReport',
	name: 'Configuration Analysis Report',
	operations: [
		writeOperation(greenLake, {
			value: 'create',
			name: 'Create',
			action: 'Create a configuration analysis report',
			description: 'Run the configuration analysis rules on a system',
			creates: 'configuration-analysis-reports',
			properties: [systemLocator],
			request: (p) => ({ method: 'POST', path: REPORTS, body: { systemId: readId(p, 'systemId', 'System', { uuid: true }) } }),
		}),
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many configuration analysis reports',
			description: 'List the configuration analysis reports (passed, failed and warning rules per system)',
			properties: [...pagingProperties('reports'), listQueryOptions({ filterExample: "systemName eq 'dhci-site-a'", select: false })],
			run: async (p) => {
				const returnAll = p.boolean('returnAll');
				const limit = returnAll ? undefined : p.integer('limit', { label: 'Limit', min: 1 });
				// This listing takes no offset or limit: it answers with every report at once.
				const { body } = await apiRequest<IDataObject>(p.ctx, greenLakeApi, { method: 'GET', path: REPORTS, qs: listQuery(p), itemIndex: p.itemIndex });
				const items = Array.isArray(body.items) ? (body.items as IDataObject[]) : [];
				return limit === undefined ? items : items.slice(0, limit);
			},
		},
		getOperation(greenLake, {
			value: 'get',
			name: 'Get',
			action: 'Get a configuration analysis report',
			description: 'Get one configuration analysis report with the result of every rule',
			properties: [reportLocator],
			request: (p) => {
				const id = readId(p, 'reportId', 'Report', { uuid: true });
				return { method: 'GET', path: fillPath(`${REPORTS}/{id}`, { id }), subject: `Configuration analysis report ${id}` };
			},
		}),
	],
};
