import type { INodeProperties } from 'n8n-workflow';

import type { LocatorBasics } from '../shared/locators';
import { resourceLocator } from '../shared/locators';

import { INTERNAL_ID_PATTERN, NAME_IN_PATH_PATTERN } from './api';

function escLocator(options: LocatorBasics & { placeholder: string; description: string; pattern: RegExp }): INodeProperties {
	return resourceLocator({
		...options,
		idPlaceholder: options.placeholder,
		idPattern: options.pattern,
		idErrorMessage: 'Use letters, digits, "-", "." or "_" only',
	});
}

export const tenantLocator = escLocator({
	name: 'tenantId',
	displayName: 'Tenant',
	searchListMethod: 'searchTenants',
	placeholder: 'tenant-prod',
	description: 'The tenant, by its internal ID',
	pattern: INTERNAL_ID_PATTERN,
});

export const deploymentLocator = escLocator({
	name: 'deploymentId',
	displayName: 'Deployment',
	searchListMethod: 'searchDeployments',
	placeholder: 'dep-vpn-01',
	description: 'The deployment, by its internal ID',
	pattern: INTERNAL_ID_PATTERN,
});

export const vimConnectorLocator = escLocator({
	name: 'vimId',
	displayName: 'VIM Connector',
	searchListMethod: 'searchVimConnectors',
	placeholder: 'openstack-dc1',
	description: 'The VIM connector, by its ID',
	pattern: NAME_IN_PATH_PATTERN,
});
