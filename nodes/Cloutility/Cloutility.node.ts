import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptionsProperty } from '../shared/descriptions';
import { describeResources, runOperations } from '../shared/operations';
import { CLOUTILITY_CREDENTIAL } from './api';
import { listSearch } from './listSearch';
import { loadOptions } from './loadOptions';
import { resources } from './resources';

export class Cloutility implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cloutility',
		name: 'cloutility',
		icon: { light: 'file:cloutility.svg', dark: 'file:cloutility.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Onboard, check and retire IBM Storage Protect backup clients through the Cloutility backup portal',
		defaults: { name: 'Cloutility' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CLOUTILITY_CREDENTIAL, required: true }],
		properties: [...describeResources(resources), requestOptionsProperty()],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations(this, resources);
	}
}
