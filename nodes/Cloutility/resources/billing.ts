import { listOperation } from '../../shared/kinds';
import type { ResourceDefinition } from '../../shared/operations';
import { businessUnitPath, cloutility } from '../api';
import { businessUnitLocator, readId } from '../locators';

export const billing: ResourceDefinition = {
	value: 'billing',
	name: 'Billing',
	operations: [
		listOperation(cloutility, {
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many billing data entries',
			description: 'Read the billing data of a reseller business unit, e.g. after the Cloutility Billing Trigger announces new data',
			itemName: 'billing data entries',
			properties: [businessUnitLocator('businessUnitId', 'Business Unit', 'The reseller business unit whose billing data to read')],
			request: (p) => {
				const id = readId(p, 'businessUnitId', 'Business Unit');
				return { method: 'GET', path: `${businessUnitPath(id)}/billing`, subject: `Billing data of business unit ${id}` };
			},
		}),
	],
};
