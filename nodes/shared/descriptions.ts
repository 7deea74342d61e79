import type { INodeProperties } from 'n8n-workflow';

import type { ParameterReader } from './parameters';

/** Return All / Limit, shown on every listing. */
export function pagingProperties(itemName: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
			hint: `How many ${itemName} to return at most`,
		},
	];
}

/**
 * Return All / Limit with Return All on: for a listing that returned everything before it had
 * these fields, so workflows saved then keep getting every item.
 */
export function pagingPropertiesReturningAll(itemName: string): INodeProperties[] {
	return pagingProperties(itemName).map((property) => (property.name === 'returnAll' ? { ...property, default: true } : property));
}

/** The items Return All / Limit ask for, from a listing the API returns whole. */
export function limitedItems<T>(p: ParameterReader, items: T[], returnAllByDefault = false): T[] {
	if (p.boolean('returnAll', returnAllByDefault)) return items;
	return items.slice(0, p.integer('limit', { label: 'Limit', min: 1 }));
}

/** "Wait for Completion" and its timeout, shown on every asynchronous write. */
export function waitProperties(defaultTimeoutSeconds = 600): INodeProperties[] {
	return [
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: true,
			description:
				'Whether to wait until the operation has finished and return its final state, instead of returning as soon as it is accepted',
		},
		{
			...waitTimeoutProperty(defaultTimeoutSeconds, 'How long to wait for the operation to finish before the node fails'),
			displayOptions: { show: { waitForCompletion: [true] } },
		},
	];
}

const WAIT_TIMEOUT_MAX_SECONDS = 86400;

/** How long to wait for asynchronous work to finish, in seconds; read it with `readWaitTimeout`. */
export function waitTimeoutProperty(defaultSeconds: number, description: string): INodeProperties {
	return {
		displayName: 'Timeout (Seconds)',
		name: 'waitTimeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: WAIT_TIMEOUT_MAX_SECONDS },
		default: defaultSeconds,
		description,
	};
}

export function readWaitTimeout(p: ParameterReader): number {
	return p.integer('waitTimeout', { label: 'Timeout (Seconds)', min: 1, max: WAIT_TIMEOUT_MAX_SECONDS });
}

/**
 * Node-level "Request Options", shown under every operation: the transport reads the timeout
 * (`REQUEST_TIMEOUT_PARAMETER`) for every request the node sends.
 */
export function requestOptionsProperty(): INodeProperties {
	return {
		displayName: 'Request Options',
		name: 'requestOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 3600 },
				default: 60,
				description:
					'How long to wait for each answer from the service before giving up. Without it, reads wait 30 seconds and changes and list pages 60.',
			},
		],
	};
}
