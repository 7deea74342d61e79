import type { IDataObject } from 'n8n-workflow';

import { getOperation, listOperation } from '../../shared/kinds';
import type { ResourceDefinition } from '../../shared/operations';
import { apiRequest } from '../../shared/transport';
import { businessUnitPath, cloutility, cloutilityApi } from '../api';
import { flattenTree } from '../listSearch';
import { businessUnitLocator, readId } from '../locators';
import { deleteAt, reference, requiredName, textFields, timeZoneProperty, updateInPlace } from './common';

const unitSubject = (id: string) => `Business unit ${id}`;
const readUnit = (p: Parameters<typeof readId>[0]) => readId(p, 'businessUnitId', 'Business Unit');

const unitFields = {
	registrationNumber: 'Registration Number',
	note: 'Note',
};

export const businessUnit: ResourceDefinition = {
	value: 'businessUnit',
	name: 'Business Unit',
	operations: [
		{
			value: 'getTree',
			name: 'Get Tree',
			action: 'Get the business unit tree',
			description: 'Get the business units your user can see, as a tree or one item per unit',
			properties: [
				{
					displayName: 'Output',
					name: 'output',
					type: 'options',
					options: [
						{ name: 'One Item per Business Unit', value: 'flat', description: 'Each unit with its path from the top and its depth' },
						{ name: 'The Tree as One Item', value: 'tree', description: 'As Cloutility returns it, sub-units nested under businessUnits' },
					],
					default: 'flat',
				},
			],
			run: async (p) => {
				const { body } = await apiRequest<IDataObject>(p.ctx, cloutilityApi, { method: 'GET', path: '/v1/bunits', itemIndex: p.itemIndex });
				return p.options('output') === 'tree' ? body : flattenTree(body);
			},
		},
		getOperation(cloutility, {
			value: 'get',
			name: 'Get',
			action: 'Get a business unit',
			description: 'Get one business unit with its time zone (its users and sub-units are separate operations)',
			properties: [businessUnitLocator()],
			request: (p) => {
				const id = readUnit(p);
				return { method: 'GET', path: businessUnitPath(id), subject: unitSubject(id) };
			},
		}),
		listOperation(cloutility, {
			value: 'getChildren',
			name: 'Get Sub-Units',
			action: 'Get many sub-units of a business unit',
			description: 'List the business units directly below a business unit',
			itemName: 'business units',
			properties: [businessUnitLocator('businessUnitId', 'Parent Business Unit')],
			request: (p) => {
				const id = readId(p, 'businessUnitId', 'Parent Business Unit');
				return { method: 'GET', path: `${businessUnitPath(id)}/bunits`, subject: unitSubject(id) };
			},
		}),
		{
			value: 'create',
			name: 'Create',
			action: 'Create a business unit',
			description: 'Create a business unit below another one',
			properties: [
				businessUnitLocator('businessUnitId', 'Parent Business Unit', 'The business unit the new one goes under'),
				{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, placeholder: 'HR Department' },
				timeZoneProperty(true),
				{
					displayName: 'Additional Fields',
					name: 'additionalFields',
					type: 'collection',
					placeholder: 'Add Field',
					default: {},
					options: [
						{ displayName: 'Note', name: 'note', type: 'string', default: '' },
						{ displayName: 'Registration Number', name: 'registrationNumber', type: 'string', default: '', placeholder: 'SE556612345678' },
					],
				},
			],
			run: async (p) => {
				const parentId = readId(p, 'businessUnitId', 'Parent Business Unit');
				const body: IDataObject = {
					name: requiredName(p, 'name', 'Name'),
					timeZone: reference(p, p.raw('timeZoneId', ''), 'Time Zone'),
					...textFields(p, p.collection('additionalFields'), unitFields),
				};
				return (
					await apiRequest<IDataObject>(p.ctx, cloutilityApi, {
						method: 'POST',
						path: `${businessUnitPath(parentId)}/bunits`,
						body,
						subject: unitSubject(parentId),
						itemIndex: p.itemIndex,
					})
				).body;
			},
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a business unit',
			description: 'Change the name, time zone, registration number or note of a business unit',
			properties: [
				businessUnitLocator(),
				{
					displayName: 'Update Fields',
					name: 'updateFields',
					type: 'collection',
					placeholder: 'Add Field',
					default: {},
					options: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '' },
						{ displayName: 'Note', name: 'note', type: 'string', default: '' },
						{ displayName: 'Registration Number', name: 'registrationNumber', type: 'string', default: '' },
						timeZoneProperty(false),
					],
				},
			],
			run: async (p) => {
				const id = readUnit(p);
				const fields = p.collection('updateFields');
				const changes = textFields(p, fields, { ...unitFields, name: 'Name' });
				if (changes.name === '') p.fail('"Name" cannot be empty', 'Enter the new name, or remove the field.');
				if (fields.timeZoneId !== undefined && fields.timeZoneId !== '') changes.timeZone = reference(p, fields.timeZoneId, 'Time Zone');
				return await updateInPlace(p, businessUnitPath(id), unitSubject(id), changes);
			},
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a business unit',
			description: 'Delete a business unit (Cloutility refuses while it has sub-units or consumption units)',
			properties: [businessUnitLocator()],
			run: async (p) => {
				const id = readUnit(p);
				return { ...(await deleteAt(p, businessUnitPath(id), unitSubject(id))), id: Number(id) };
			},
		},
		listOperation(cloutility, {
			value: 'getUsers',
			name: 'Get Users',
			action: 'Get many users of a business unit',
			description: 'List the users of a business unit',
			itemName: 'users',
			properties: [businessUnitLocator()],
			request: (p) => {
				const id = readUnit(p);
				return { method: 'GET', path: `${businessUnitPath(id)}/users`, subject: unitSubject(id) };
			},
		}),
	],
};
