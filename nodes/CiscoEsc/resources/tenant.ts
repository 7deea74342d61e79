import type { ResourceDefinition } from '../../shared/operations';
import { NETCONF_NS } from '../api';
import { tenantLocator } from '../locators';
import { escGet, escList, escWrite, internalId, resourceName, xmlBody } from '../operations';

const newTenantId = {
	displayName: 'Tenant ID',
	name: 'newTenantId',
	type: 'string' as const,
	default: '',
	required: true,
	placeholder: 'tenant-prod',
	description: 'Internal ID you choose for the tenant: 1 to 72 letters, digits, "-", "." or "_", unique across ESC',
};

const tenantFields = [
	{ displayName: 'Name', name: 'name', type: 'string' as const, default: '', required: true, description: 'Tenant name in the cloud (1 to 64 characters)' },
	{
		displayName: 'Managed by ESC',
		name: 'managedResource',
		type: 'boolean' as const,
		default: true,
		description: 'Whether ESC creates the tenant in the cloud (true) or only registers an existing one (false)',
	},
];

const tenantPath = (id: string) => `/v0/tenants/${encodeURIComponent(id)}`;

export const tenant: ResourceDefinition = {
	value: 'tenant',
	name: 'Tenant',
	operations: [
		escList({ value: 'getAll', name: 'Get Many', action: 'Get many tenants', description: 'List every tenant ESC manages', itemName: 'tenant', itemsLabel: 'tenants', path: () => '/v0/tenants' }),
		escGet({
			value: 'get',
			name: 'Get',
			action: 'Get a tenant',
			description: 'Get one tenant created through ESC',
			properties: [tenantLocator],
			path: (p) => tenantPath(internalId(p, 'tenantId', 'Tenant')),
			subject: (p) => `Tenant "${String(p.raw('tenantId'))}"`,
		}),
		escWrite({
			value: 'create',
			name: 'Create',
			action: 'Create a tenant',
			description: 'Create a tenant managed by ESC',
			method: 'POST',
			properties: [newTenantId, ...tenantFields],
			path: (p) => tenantPath(internalId(p, 'newTenantId', 'Tenant ID')),
			body: (p) => xmlBody(p, 'tenant', { name: resourceName(p, 'name', 'Name', 64), managed_resource: p.boolean('managedResource', true) }, NETCONF_NS),
			callbacks: 'callback',
			watch: (p) => ({ label: `tenant "${String(p.raw('newTenantId'))}"`, path: tenantPath(String(p.raw('newTenantId'))) }),
		}),
		escWrite({
			value: 'update',
			name: 'Update',
			action: 'Update a tenant',
			description: 'Change a tenant',
			method: 'PUT',
			properties: [tenantLocator, ...tenantFields],
			path: (p) => tenantPath(internalId(p, 'tenantId', 'Tenant')),
			body: (p) => xmlBody(p, 'tenant', { name: resourceName(p, 'name', 'Name', 64), managed_resource: p.boolean('managedResource', true) }, NETCONF_NS),
			callbacks: 'callback',
			subject: (p) => `Tenant "${String(p.raw('tenantId'))}"`,
		}),
		escWrite({
			value: 'delete',
			name: 'Delete',
			action: 'Delete a tenant',
			description: 'Delete a tenant',
			method: 'DELETE',
			properties: [tenantLocator],
			path: (p) => tenantPath(internalId(p, 'tenantId', 'Tenant')),
			callbacks: 'callback',
			subject: (p) => `Tenant "${String(p.raw('tenantId'))}"`,
			watch: (p) => ({ label: `tenant "${String(p.raw('tenantId'))}"`, path: tenantPath(String(p.raw('tenantId'))), gone: true }),
		}),
	],
};
