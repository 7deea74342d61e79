import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptionsProperty } from '../shared/descriptions';
import type { ResourceVersion } from '../shared/operations';
import { allResources, describeVersionedResources, runOperations } from '../shared/operations';
import { listSearch, loadOptions } from './listSearch';
import { firstVersionResources, resources } from './resources';

/**
 * Version 2: start, stop, reboot... under Deployment and VM, and Wait for Completion on by
 * default. Version 1 nodes keep their resources and defaults.
 */
const versions: ResourceVersion[] = [
	{ versions: [2], resources },
	{ versions: [1], resources: firstVersionResources },
];

export class CiscoEsc implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cisco ESC',
		name: 'ciscoEsc',
		icon: { light: 'file:ciscoEsc.svg', dark: 'file:ciscoEsc.dark.svg' },
		group: ['transform'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Deploy and operate virtual network functions with Cisco Elastic Services Controller',
		defaults: { name: 'Cisco ESC' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ciscoEscApi', required: true }],
		properties: [...describeVersionedResources(versions), requestOptionsProperty()],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations(this, allResources(versions));
	}
}
