import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptionsProperty } from '../shared/descriptions';
import { describeResources, runOperations } from '../shared/operations';
import { DSCC_CREDENTIAL } from './api';
import { listSearch } from './listSearch';
import { loadOptions } from './loadOptions';
import { resources } from './resources';

export class HpeDscc implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HPE Data Services Cloud Console',
		name: 'hpeDscc',
		icon: { light: 'file:hpeDscc.svg', dark: 'file:hpeDscc.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage HPE storage (Alletra, Primera, Nimble) through Data Services Cloud Console',
		defaults: { name: 'HPE DSCC' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: DSCC_CREDENTIAL, required: true }],
		properties: [...describeResources(resources), requestOptionsProperty()],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations(this, resources);
	}
}
