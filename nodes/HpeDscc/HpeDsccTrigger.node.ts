import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { DSCC_CREDENTIAL } from './api';

export class HpeDsccTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HPE Data Services Cloud Console Trigger',
		name: 'hpeDsccTrigger',
		icon: { light: 'file:hpeDscc.svg', dark: 'file:hpeDscc.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts a workflow when a DSCC task finishes, a new issue appears or an audit event is recorded',
		defaults: { name: 'HPE DSCC Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: DSCC_CREDENTIAL, required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [{ name: 'Task Finished', value: 'taskFinished' }],
				default: 'taskFinished',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return null;
	}
}
