import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { getOperation, listOperation } from '../../shared/kinds';
import type { ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { apiRequest } from '../../shared/transport';
import { dciApi, endpointPath } from '../api';
import { dci, listProperties, listQuery, readId, userLocator } from '../profile';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const roleProperty: INodeProperties = {
	displayName: 'Role',
	name: 'role',
	type: 'options',
	options: [
		{ name: 'User', value: '@user' },
		{ name: 'Administrator', value: '@admin' },
	],
	default: '@user',
};

const userFields: INodeProperties[] = [
	{ displayName: 'Full Name', name: 'full_name', type: 'string', default: '' },
	{ displayName: 'Phone Number', name: 'phone_number', type: 'string', default: '' },
];

function readFields(p: ParameterReader, name: string): IDataObject {
	const fields = p.collection(name);
	const body: IDataObject = {};
	for (const key of ['full_name', 'phone_number', 'email', 'password', 'role'] as const) {
		const value = fields[key];
		if (typeof value === 'string' && value.trim() !== '') body[key] = key === 'password' ? value : value.trim();
	}
	if (body.email !== undefined && !EMAIL_PATTERN.test(String(body.email))) p.fail(`"${String(body.email)}" is not an email address`);
	return body;
}

export const user: ResourceDefinition = {
	value: 'user',
	name: 'User',
	operations: [
		listOperation(dci, {
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many users',
			description: 'List users, filtered and sorted',
			itemName: 'users',
			properties: listProperties(
				[
					{ name: 'ID', value: 'id' },
					{ name: 'Email', value: 'email' },
					{ name: 'Full Name', value: 'full_name' },
					{ name: 'Server Count', value: 'server_count' },
				],
				"email CP '%@example.com'",
			),
			request: (p) => ({ method: 'GET', path: endpointPath('userList'), qs: listQuery(p) }),
		}),
		getOperation(dci, {
			value: 'get',
			name: 'Get',
			action: 'Get a user',
			description: 'Get one user',
			properties: [userLocator],
			request: (p) => {
				const id = readId(p, 'userId', 'User');
				return { method: 'GET', path: endpointPath('userGet', { id }), subject: `User ${id}` };
			},
		}),
		{
			value: 'create',
			name: 'Create',
			action: 'Create a user',
			description: 'Create a user who can log in to DCImanager',
			properties: [
				{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', required: true },
				{
					displayName: 'Password',
					name: 'password',
					type: 'string',
					typeOptions: { password: true },
					default: '',
					required: true,
				},
				roleProperty,
				{ displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, options: userFields },
			],
			run: async (p) => {
				const email = p.string('email', { label: 'Email', maxLength: 254, pattern: EMAIL_PATTERN, patternHint: 'Enter an email address.' });
				const password = p.raw<string>('password', '');
				if (!password) p.fail('"Password" is required');
				const body: IDataObject = { email, password, role: p.options<string>('role'), ...readFields(p, 'additionalFields') };
				const { body: created } = await apiRequest<IDataObject>(p.ctx, dciApi, {
					method: 'POST',
					path: endpointPath('userCreate'),
					body,
					subject: `User ${email}`,
					itemIndex: p.itemIndex,
				});
				return { ...created, email };
			},
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a user',
			description: "Change a user's details, password or role",
			properties: [
				userLocator,
				{
					displayName: 'Update Fields',
					name: 'updateFields',
					type: 'collection',
					placeholder: 'Add Field',
					default: {},
					options: [
						{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
						...userFields,
						{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '' },
						{ ...roleProperty, default: '@user' },
					],
				},
			],
			run: async (p) => {
				const id = readId(p, 'userId', 'User');
				const body = readFields(p, 'updateFields');
				if (Object.keys(body).length === 0) p.fail('Nothing to update', 'Add at least one field under "Update Fields".');
				const { body: updated } = await apiRequest<IDataObject>(p.ctx, dciApi, {
					method: 'POST',
					path: endpointPath('userUpdate', { id }),
					body,
					subject: `User ${id}`,
					itemIndex: p.itemIndex,
				});
				return { id: Number(id), ...(updated && typeof updated === 'object' ? updated : {}) };
			},
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a user',
			description: 'Delete a user; DCImanager refuses one who still owns servers (release them first)',
			properties: [userLocator],
			run: async (p) => {
				const id = readId(p, 'userId', 'User');
				await apiRequest(p.ctx, dciApi, {
					method: 'DELETE',
					path: endpointPath('userDelete', { id }),
					subject: `User ${id}`,
					itemIndex: p.itemIndex,
				});
				return { id: Number(id), deleted: true };
			},
		},
	],
};
