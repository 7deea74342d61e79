import { NETCONF_NS } from '../api';
import { resourceName, xmlBody } from '../operations';
import { crudResource } from './crud';

export const flavor = crudResource({
	value: 'flavor',
	name: 'Flavor',
	singular: 'flavor',
	plural: 'flavors',
	segment: 'flavors',
	itemName: 'flavor',
	tenantScoped: false,
	searchListMethod: 'searchFlavors',
	idPlaceholder: 'flavor-small',
	fields: [
		{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, description: 'Flavor name in the cloud (1 to 255 characters)' },
		{ displayName: 'vCPUs', name: 'vcpus', type: 'number', typeOptions: { minValue: 1, maxValue: 1024 }, default: 2, description: 'Virtual CPUs of each VM' },
		{ displayName: 'Memory (MB)', name: 'memoryMb', type: 'number', typeOptions: { minValue: 64 }, default: 2048, description: 'Memory of each VM in megabytes' },
		{ displayName: 'Root Disk (MB)', name: 'rootDiskMb', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'Root disk size in megabytes; 0 uses the image size' },
		{ displayName: 'Ephemeral Disk (MB)', name: 'ephemeralDiskMb', type: 'number', typeOptions: { minValue: 0 }, default: 0 },
		{ displayName: 'Swap Disk (MB)', name: 'swapDiskMb', type: 'number', typeOptions: { minValue: 0 }, default: 0 },
	],
	body: (p) =>
		xmlBody(
			p,
			'flavor',
			{
				name: resourceName(p, 'name', 'Name'),
				vcpus: p.integer('vcpus', { label: 'vCPUs', min: 1, max: 1024 }),
				memory_mb: p.integer('memoryMb', { label: 'Memory (MB)', min: 64, max: 16_777_216 }),
				root_disk_mb: p.integer('rootDiskMb', { label: 'Root Disk (MB)', min: 0, max: 1_073_741_824 }),
				ephemeral_disk_mb: p.integer('ephemeralDiskMb', { label: 'Ephemeral Disk (MB)', min: 0, max: 1_073_741_824 }),
				swap_disk_mb: p.integer('swapDiskMb', { label: 'Swap Disk (MB)', min: 0, max: 1_073_741_824 }),
			},
			NETCONF_NS,
		),
});
