import type { IDataObject } from 'n8n-workflow';

import type { XmlObject } from '../../shared/xml';
import { NETCONF_NS } from '../api';
import { resourceName, xmlBody } from '../operations';
import { crudResource } from './crud';

export const image = crudResource({
	value: 'image',
	name: 'Image',
	singular: 'image',
	plural: 'images',
	segment: 'images',
	itemName: 'image',
	tenantScoped: false,
	searchListMethod: 'searchImages',
	idPlaceholder: 'img-csr-17',
	fields: [
		{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, description: 'Image name in the cloud (1 to 255 characters)' },
		{ displayName: 'Image Source URL', name: 'src', type: 'string', default: '', required: true, placeholder: 'http://fileserver/share/images/csr.qcow2', description: 'Where ESC downloads the image file from' },
		{ displayName: 'Disk Bus', name: 'diskBus', type: 'options', default: 'virtio', options: [{ name: 'IDE', value: 'ide' }, { name: 'SCSI', value: 'scsi' }, { name: 'Virtio', value: 'virtio' }], description: 'Bus the image disk attaches to' },
		{
			displayName: 'Properties',
			name: 'properties',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Property',
			default: {},
			description: 'Image metadata stored in OpenStack, e.g. hw_vif_model',
			options: [
				{
					displayName: 'Property',
					name: 'property',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'hw_vif_model' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'virtio' },
					],
				},
			],
		},
	],
	body: (p) => {
		const src = p.string('src', { label: 'Image Source URL', maxLength: 2048 });
		if (!/^(https?|ftp|file):\/\/\S+$/i.test(src)) p.fail(`"Image Source URL" is not a valid URL: ${JSON.stringify(src)}`, 'For example http://fileserver/share/images/csr.qcow2.');
		const properties = ((p.collection('properties').property as IDataObject[] | undefined) ?? []).map((entry, index) => {
			const name = String(entry.name ?? '').trim();
			if (!/^[A-Za-z0-9_.:-]{1,255}$/.test(name)) p.fail(`Property ${index + 1} needs a name of letters, digits, "_", ".", ":" or "-"`);
			return { name, value: String(entry.value ?? '') };
		});
		const body: XmlObject = {
			name: resourceName(p, 'name', 'Name'),
			src,
			disk_bus: p.options<string>('diskBus'),
			properties: properties.length ? { property: properties } : undefined,
		};
		return xmlBody(p, 'image', body, NETCONF_NS);
	},
});
