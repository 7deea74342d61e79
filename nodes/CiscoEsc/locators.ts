import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

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

/** An internal ID ESC lists: picked from the list or given by ID. */
function internalIdLocator(name: string, displayName: string, searchListMethod: string, placeholder: string, description: string): INodeProperties {
	return escLocator({ name, displayName, searchListMethod, placeholder, description, pattern: INTERNAL_ID_PATTERN });
}

export const tenantLocator = internalIdLocator('tenantId', 'Tenant', 'searchTenants', 'tenant-prod', 'The tenant, by its internal ID');

export const deploymentLocator = internalIdLocator('deploymentId', 'Deployment', 'searchDeployments', 'dep-vpn-01', 'The deployment, by its internal ID');

/** A network of the tenant above, by internal ID (Subnet → Create, Subnet → Get Many's filter). */
export const networkLocator = (name: string) => internalIdLocator(name, 'Network', 'searchNetworks', 'net-mgmt', 'The network, by its internal ID');

export const vimConnectorLocator = escLocator({
	name: 'vimId',
	displayName: 'VIM Connector',
	searchListMethod: 'searchVimConnectors',
	placeholder: 'openstack-dc1',
	description: 'The VIM connector, by its ID',
	pattern: NAME_IN_PATH_PATTERN,
});

export const vimUserLocator = escLocator({
	name: 'vimUserId',
	displayName: 'VIM User',
	searchListMethod: 'searchVimUsers',
	placeholder: 'admin',
	description: 'A user of the VIM connector above, by its user name on the VIM',
	pattern: NAME_IN_PATH_PATTERN,
});

/**
 * The deployment whose VMs the VM Name list shows. Only the list needs it (ESC names a VM by tenant
 * and VM name), so it is optional and VM operations saved before it existed keep running.
 */
export const vmDeploymentLocator: INodeProperties = {
	...deploymentLocator,
	required: false,
	description: 'The deployment the VM belongs to: the VM Name list shows its VMs. Not sent to ESC.',
};

/** A locator whose typed mode is a name (ESC data models refer to tenants, images, flavors and networks by name). */
function nameLocator(options: {
	name: string;
	displayName: string;
	searchListMethod: string;
	placeholder: string;
	description: string;
	required: boolean;
	defaultName?: string;
	/** What a typed name may be; by default anything but markup, up to 255 characters. */
	pattern?: RegExp;
	patternMessage?: string;
}): INodeProperties {
	const pattern = options.pattern ?? /^[^<>&]{1,255}$/;
	const locator = escLocator({ ...options, pattern });
	const modes = (locator.modes ?? []).map((mode): INodePropertyMode =>
		mode.name === 'id'
			? {
					...mode,
					displayName: 'By Name',
					name: 'name',
					validation: [{ type: 'regex', properties: { regex: pattern.source, errorMessage: options.patternMessage ?? 'Use 1 to 255 characters without <, > or &' } }],
				}
			: mode,
	);
	return {
		...locator,
		modes,
		required: options.required,
		default: options.defaultName === undefined ? locator.default : { __rl: true, mode: 'name', value: options.defaultName },
	};
}

/** The VM an operation acts on, listed from the deployment above; typed by the name ESC gave it. */
export const vmLocator = nameLocator({
	name: 'vmName',
	displayName: 'VM Name',
	searchListMethod: 'searchVms',
	placeholder: 'vpn-gw_csr_0_cfeefcee-a1fe-4e94-9ffc-81792b265788',
	description: 'The VM, by the name ESC gave it (vm_name in the deployment and in callbacks); the list shows the VMs of the deployment above',
	required: true,
	pattern: NAME_IN_PATH_PATTERN,
	patternMessage: 'Use letters, digits, "-", "." or "_" only',
});

/** The fields of a data model built from fields (Deployment Create, and Update with "Fields"). */
export const dataModelLocators = {
	tenant: nameLocator({
		name: 'tenantName',
		displayName: 'Tenant',
		searchListMethod: 'searchTenantNames',
		placeholder: 'admin',
		description: 'The tenant the deployment belongs to, by name (ESC\'s own tenant is "admin")',
		required: true,
		defaultName: 'admin',
	}),
	image: nameLocator({ name: 'image', displayName: 'Image', searchListMethod: 'searchImageNames', placeholder: 'csr-image', description: 'The image the VMs boot from, by name', required: true }),
	flavor: nameLocator({ name: 'flavor', displayName: 'Flavor', searchListMethod: 'searchFlavorNames', placeholder: 'flavor-small', description: 'The flavor (vCPUs, memory) of the VMs, by name', required: true }),
	network: nameLocator({
		name: 'network',
		displayName: 'Network',
		searchListMethod: 'searchNetworkNames',
		placeholder: 'net-mgmt',
		description: 'Network of the first interface, by name; the list shows the networks of the tenant above. Empty for none.',
		required: false,
	}),
};
