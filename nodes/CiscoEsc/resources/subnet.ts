import type { XmlObject } from '../../shared/xml';
import { NETCONF_NS } from '../api';
import { networkLocator } from '../locators';
import { internalId, resourceName, xmlBody } from '../operations';
import { crudResource } from './crud';

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-f:]+$/i;

function isAddress(text: string, version: number): boolean {
	return version === 4 ? IPV4.test(text) : IPV6.test(text) && text.includes(':');
}

export const subnet = crudResource({
	value: 'subnet',
	name: 'Subnet',
	singular: 'subnet',
	plural: 'subnets',
	segment: 'subnets',
	itemName: 'subnet',
	tenantScoped: true,
	searchListMethod: 'searchSubnets',
	idPlaceholder: 'subnet-mgmt',
	listProperties: [{ ...networkLocator('listNetworkId'), required: false, description: 'Only the subnets of this network; empty lists all' }],
	listHeaders: (p): Record<string, string> =>
		p.optionalString('listNetworkId', { label: 'Network' }) === undefined ? {} : { internalNetworkId: internalId(p, 'listNetworkId', 'Network') },
	fields: [
		{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, description: 'Subnet name in the cloud (1 to 255 characters)' },
		{ ...networkLocator('networkId'), description: 'The network the subnet belongs to; the list shows the networks of the tenant above' },
		{ displayName: 'IP Version', name: 'ipVersion', type: 'options', default: 4, options: [{ name: 'IPv4', value: 4 }, { name: 'IPv6', value: 6 }] },
		{ displayName: 'CIDR', name: 'cidr', type: 'string', default: '', required: true, placeholder: '10.10.0.0/24', description: 'Address range of the subnet' },
		{ displayName: 'Gateway', name: 'gateway', type: 'string', default: '', placeholder: '10.10.0.1', description: 'Gateway address; empty lets the cloud choose' },
		{ displayName: 'Enable DHCP', name: 'enableDhcp', type: 'boolean', default: true, description: 'Whether the cloud hands out addresses by DHCP' },
	],
	body: (p) => {
		const version = Number(p.raw('ipVersion', 4));
		const cidr = p.string('cidr', { label: 'CIDR' });
		const [address, prefix, extra] = cidr.split('/');
		const maxPrefix = version === 4 ? 32 : 128;
		if (extra !== undefined || !isAddress(address, version) || !/^\d{1,3}$/.test(prefix ?? '') || Number(prefix) > maxPrefix) {
			p.fail(`"CIDR" is not a valid IPv${version} range: ${JSON.stringify(cidr)}`, version === 4 ? 'For example 10.10.0.0/24.' : 'For example 2001:db8::/64.');
		}
		const gateway = p.optionalString('gateway', { label: 'Gateway' });
		if (gateway !== undefined && !isAddress(gateway, version)) p.fail(`"Gateway" is not a valid IPv${version} address: ${JSON.stringify(gateway)}`);
		const body: XmlObject = {
			name: resourceName(p, 'name', 'Name'),
			internal_network_id: internalId(p, 'networkId', 'Network'),
			ip_version: version,
			cidr,
			gateway_ip: gateway,
			enable_dhcp: p.boolean('enableDhcp', true),
		};
		return xmlBody(p, 'subnet', body, NETCONF_NS);
	},
});
