import { ESC_NS } from '../api';
import { xmlBody } from '../operations';
import { crudResource } from './crud';

export const fileServer = crudResource({
	value: 'fileServer',
	name: 'File Server',
	singular: 'file server',
	plural: 'file servers',
	segment: 'fileserver',
	itemName: 'file_server',
	tenantScoped: false,
	update: true,
	searchListMethod: 'searchFileServers',
	idPlaceholder: 'fs-images',
	fields: [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '', required: true, placeholder: 'https://fileserver.example.com/share', description: 'Address ESC reads files (images, day-0 configuration) from' },
		{ displayName: 'File Server User', name: 'fileServerUser', type: 'string', default: '', description: 'User ESC logs in with; empty for anonymous access' },
		{ displayName: 'File Server Password', name: 'fileServerPassword', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Timeout (Seconds)', name: 'serverTimeout', type: 'number', typeOptions: { minValue: 1 }, default: 60, description: 'How long ESC waits for the file server' },
	],
	body: (p) => {
		const baseUrl = p.string('baseUrl', { label: 'Base URL', maxLength: 2048 });
		if (!/^(https?|sftp|ftp):\/\/\S+$/i.test(baseUrl)) p.fail(`"Base URL" is not a valid URL: ${JSON.stringify(baseUrl)}`);
		return xmlBody(
			p,
			'file_server',
			{
				id: String(p.raw('fileServerId')).trim(),
				base_url: baseUrl,
				file_server_user: p.optionalString('fileServerUser', { label: 'File Server User', maxLength: 255 }),
				file_server_password: p.optionalString('fileServerPassword', { label: 'File Server Password', maxLength: 255 }),
				server_timeout: p.integer('serverTimeout', { label: 'Timeout (Seconds)', min: 1, max: 86400 }),
			},
			ESC_NS,
		);
	},
});
