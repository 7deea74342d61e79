import type { INodeProperties } from 'n8n-workflow';

import type { ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { ESC_NS } from '../api';
import { vimConnectorLocator, vimUserLocator } from '../locators';
import { escGet, escList, escWrite, nameInPath, xmlBody } from '../operations';
import { propertiesField, readProperties } from './vimConnector';

const newUserId: INodeProperties = { displayName: 'VIM User ID', name: 'vimUserId', type: 'string', default: '', required: true, placeholder: 'admin', description: 'The user name on the VIM' };
const credentials = propertiesField('Credentials', 'Login settings, e.g. os_password, os_user_domain_name', true);

const usersPath = (p: ParameterReader) => `/v0/vims/${encodeURIComponent(nameInPath(p, 'vimId', 'VIM Connector'))}/vim_users`;
const userPath = (p: ParameterReader) => `${usersPath(p)}/${encodeURIComponent(nameInPath(p, 'vimUserId', 'VIM User ID'))}`;
const subject = (p: ParameterReader) => `VIM user "${String(p.raw('vimUserId'))}" of "${String(p.raw('vimId'))}"`;
const body = (p: ParameterReader) =>
	xmlBody(
		p,
		'vim_user',
		{
			id: nameInPath(p, 'vimUserId', 'VIM User ID'),
			vim_id: nameInPath(p, 'vimId', 'VIM Connector'),
			credentials: { properties: { property: readProperties(p, true) } },
		},
		ESC_NS,
	);

export const vimUser: ResourceDefinition = {
	value: 'vimUser',
	name: 'VIM User',
	operations: [
		escList({ value: 'getAll', name: 'Get Many', action: 'Get many VIM users', description: 'List the users of a VIM connector', itemName: 'vim_user', itemsLabel: 'VIM users', properties: [vimConnectorLocator], path: usersPath }),
		escGet({ value: 'get', name: 'Get', action: 'Get a VIM user', description: 'Get one user of a VIM connector', properties: [vimConnectorLocator, vimUserLocator], path: userPath, subject }),
		escWrite({ value: 'create', name: 'Create', action: 'Create a VIM user', description: 'Add the user ESC logs in to a VIM with', method: 'POST', properties: [vimConnectorLocator, newUserId, credentials], path: usersPath, body, callbacks: 'callback', watch: (p) => ({ label: `VIM user "${String(p.raw('vimUserId'))}"`, path: userPath(p) }) }),
		escWrite({ value: 'update', name: 'Update', action: 'Update a VIM user', description: 'Change the credentials of a VIM user', method: 'PUT', properties: [vimConnectorLocator, vimUserLocator, credentials], path: userPath, body, callbacks: 'callback', subject }),
		escWrite({ value: 'delete', name: 'Delete', action: 'Delete a VIM user', description: 'Remove a user from a VIM connector', method: 'DELETE', properties: [vimConnectorLocator, vimUserLocator], path: userPath, callbacks: 'callback', subject, watch: (p) => ({ label: `VIM user "${String(p.raw('vimUserId'))}"`, path: userPath(p), gone: true }) }),
	],
};
