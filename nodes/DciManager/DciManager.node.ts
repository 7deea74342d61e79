import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptionsProperty } from '../shared/descriptions';
import { describeResources, runOperations } from '../shared/operations';
import { DCI_CREDENTIAL } from './api';
import { listSearch } from './listSearch';
import { loadOptions } from './loadOptions';
import { resources } from './resources';

export class DciManager implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DCImanager',
		name: 'dciManager',
		icon: { light: 'file:dcimanager.svg', dark: 'file:dcimanager.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Run bare-metal servers with ISPsystem DCImanager 6: power, OS installs, owners, racks, switches, IPs',
		defaults: { name: 'DCImanager' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: DCI_CREDENTIAL, required: true }],
		properties: [...describeResources(resources), requestOptionsProperty()],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations(this, resources);
	}
}
