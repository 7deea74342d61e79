import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptionsProperty } from '../shared/descriptions';
import { describeResources, runOperations } from '../shared/operations';
import { testEscCredential } from './credentialTest';
import { listSearch } from './listSearch';
import { resources } from './resources';

export class CiscoEsc implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cisco ESC',
		name: 'ciscoEsc',
		icon: { light: 'file:ciscoEsc.svg', dark: 'file:ciscoEsc.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Deploy and operate virtual network functions with Cisco Elastic Services Controller',
		defaults: { name: 'Cisco ESC' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ciscoEscApi', required: true, testedBy: 'testEscCredential' }],
		properties: [...describeResources(resources), requestOptionsProperty()],
	};

	methods = { listSearch, credentialTest: { testEscCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations(this, resources);
	}
}
