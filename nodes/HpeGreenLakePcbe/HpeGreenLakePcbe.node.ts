import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptionsProperty } from '../shared/descriptions';
import { describeResources, runOperations } from '../shared/operations';
import { GREENLAKE_CREDENTIAL } from './api';
import { listSearch, loadOptions } from './listSearch';
import { resources } from './resources';

export class HpeGreenLakePcbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HPE GreenLake Private Cloud Business Edition',
		name: 'hpeGreenLakePcbe',
		icon: { light: 'file:hpeGreenLakePcbe.svg', dark: 'file:hpeGreenLakePcbe.dark.svg' },
		group: ['transform'],
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Provision and operate virtual machines and keep HPE Private Cloud Business Edition systems updated',
		defaults: { name: 'HPE GreenLake PCBE' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: GREENLAKE_CREDENTIAL, required: true }],
		properties: [...describeResources(resources), requestOptionsProperty()],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations(this, resources);
	}
}
