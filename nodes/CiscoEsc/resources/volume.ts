import { NETCONF_NS } from '../api';
import { resourceName, xmlBody } from '../operations';
import { crudResource } from './crud';

export const volume = crudResource({
	value: 'volume',
	name: 'Volume',
	singular: 'volume',
	plural: 'volumes',
	segment: 'volumes',
	itemName: 'volume',
	tenantScoped: true,
	searchListMethod: 'searchVolumes',
	idPlaceholder: 'vol-data-01',
	fields: [
		{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, description: 'Volume name in the cloud (1 to 255 characters)' },
		{ displayName: 'Size', name: 'size', type: 'number', typeOptions: { minValue: 1 }, default: 10, description: 'Volume size, in the unit below' },
		{ displayName: 'Size Unit', name: 'sizeUnit', type: 'options', default: 'GiB', options: [{ name: 'GiB', value: 'GiB' }, { name: 'MiB', value: 'MiB' }, { name: 'TiB', value: 'TiB' }] },
		{ displayName: 'Volume Type', name: 'volumeType', type: 'string', default: '', placeholder: 'LVM', description: 'Storage type of the cloud; empty uses its default' },
	],
	body: (p) =>
		xmlBody(
			p,
			'volume',
			{
				name: resourceName(p, 'name', 'Name'),
				size: p.integer('size', { label: 'Size', min: 1, max: 1_048_576 }),
				sizeunit: p.options<string>('sizeUnit'),
				type: p.optionalString('volumeType', { label: 'Volume Type', maxLength: 255 }),
			},
			NETCONF_NS,
		),
});
