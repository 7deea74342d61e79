import type { XmlObject } from '../../shared/xml';
import { NETCONF_NS } from '../api';
import { resourceName, xmlBody } from '../operations';
import { crudResource } from './crud';

export const network = crudResource({
	value: 'network',
	name: 'Network',
	singular: 'network',
	plural: 'networks',
	segment: 'networks',
	itemName: 'network',
	tenantScoped: true,
	searchListMethod: 'searchNetworks',
	idPlaceholder: 'net-mgmt',
	fields: [
		{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, description: 'Network name in the cloud (1 to 255 characters)' },
		{ displayName: 'Shared', name: 'shared', type: 'boolean', default: false, description: 'Whether other tenants may use the network' },
		{ displayName: 'Admin State Up', name: 'adminStateUp', type: 'boolean', default: true, description: 'Whether the network is administratively up' },
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{ displayName: 'Physical Network', name: 'providerPhysicalNetwork', type: 'string', default: '', placeholder: 'physnet1', description: 'Provider physical network the network maps to' },
				{ displayName: 'Provider Network Type', name: 'providerNetworkType', type: 'options', default: 'vlan', options: [{ name: 'Flat', value: 'flat' }, { name: 'GRE', value: 'gre' }, { name: 'Local', value: 'local' }, { name: 'VLAN', value: 'vlan' }, { name: 'VXLAN', value: 'vxlan' }] },
				{ displayName: 'Segmentation ID', name: 'providerSegmentationId', type: 'string', default: '', placeholder: '2001', description: 'VLAN ID or tunnel ID of the provider network' },
			],
		},
	],
	body: (p) => {
		const extra = p.collection('additionalFields');
		const segmentation = String(extra.providerSegmentationId ?? '').trim();
		if (segmentation !== '' && !/^\d{1,8}$/.test(segmentation)) p.fail('"Segmentation ID" must be a number', 'For example 2001.');
		const body: XmlObject = {
			name: resourceName(p, 'name', 'Name'),
			shared: p.boolean('shared'),
			admin_state_up: p.boolean('adminStateUp', true),
			provider_network_type: (extra.providerNetworkType as string | undefined) || undefined,
			provider_physical_network: String(extra.providerPhysicalNetwork ?? '').trim() || undefined,
			provider_segmentation_id: segmentation || undefined,
		};
		return xmlBody(p, 'network', body, NETCONF_NS);
	},
});
