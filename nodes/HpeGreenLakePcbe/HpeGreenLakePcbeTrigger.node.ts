import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationFinishedProperties, pollEvents, readOperationSettings } from '../HpeDscc/trigger/poll';
import { startFromOptions } from '../shared/polling';
import { GREENLAKE_CREDENTIAL } from './api';

/**
 * "An async operation finished", where PCBE users look for it. The same polling and cursor as the
 * DSCC trigger's "GreenLake Async Operation Finished" event, which keeps working for saved workflows.
 */
export class HpeGreenLakePcbeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HPE GreenLake Private Cloud Business Edition Trigger',
		name: 'hpeGreenLakePcbeTrigger',
		icon: { light: 'file:hpeGreenLakePcbe.svg', dark: 'file:hpeGreenLakePcbe.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Async Operation Finished',
		description:
			'Starts the workflow when an HPE GreenLake async operation finishes: a VM deploy, a software update, a datastore create, ... (succeeded, failed, timed out or cancelled)',
		defaults: { name: 'HPE GreenLake PCBE Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: GREENLAKE_CREDENTIAL, required: true }],
		properties: [
			{
				displayName:
					'Starts when an async operation of Private Cloud Business Edition, virtualization or another GreenLake data service finishes. Reports operations from the moment the workflow is activated; to also report older ones, set Options → Start From.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			...operationFinishedProperties(undefined),
			startFromOptions(
				'When the trigger has no saved position yet (first activation), report operations that finished from this time on. Empty: from activation on.',
			),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollEvents(this, 'greenLakeOperationFinished', readOperationSettings(this));
	}
}
