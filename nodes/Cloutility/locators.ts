import type { INodeProperties } from 'n8n-workflow';

import type { LocatorBasics } from '../shared/locators';
import { resourceLocator } from '../shared/locators';

import type { ParameterReader } from '../shared/parameters';
import { CLOUTILITY_ID_PATTERN } from './api';

function locator(options: LocatorBasics & { placeholder: string; description: string }): INodeProperties {
	return resourceLocator({
		...options,
		idPlaceholder: options.placeholder,
		idPattern: CLOUTILITY_ID_PATTERN,
		idErrorMessage: 'Not a valid ID: a whole number',
	});
}

export function businessUnitLocator(
	name = 'businessUnitId',
	displayName = 'Business Unit',
	description = 'The business unit, from the tree your user can see',
): INodeProperties {
	return locator({ name, displayName, searchListMethod: 'searchBusinessUnits', placeholder: '22', description });
}

export function consumptionUnitLocator(
	name = 'consumptionUnitId',
	displayName = 'Consumption Unit',
	description = 'The consumption unit (one backup client) of the business unit above',
): INodeProperties {
	return locator({ name, displayName, searchListMethod: 'searchConsumptionUnits', placeholder: '408', description });
}

export function readId(p: ParameterReader, name: string, label: string): string {
	return p.id(name, { label, pattern: CLOUTILITY_ID_PATTERN });
}
