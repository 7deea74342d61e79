import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { getOperation, listOperation, writeOperation } from '../../shared/kinds';
import type { ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { fillPath } from '../../shared/parameters';
import { PCBE_PATH, VIRTUALIZATION_ENVELOPE } from '../api';
import { policyLocator, readId } from '../locators';
import { greenLake, listQuery, listQueryOptions } from '../profile';

const POLICIES = `${PCBE_PATH}/vm-provisioning-policies`;
const KNOWN_FIELDS = new Set(['name', 'description', 'storageType', 'protectionPolicy', 'volumeInfo']);

function policyPath(p: ParameterReader): { path: string; subject: string } {
	const id = readId(p, 'policyId', 'VM Provisioning Policy', { uuid: true });
	return { path: fillPath(`${POLICIES}/{id}`, { id }), subject: `VM provisioning policy ${id}` };
}

const description: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	default: '',
	description: 'What the policy is for (at most 255 characters)',
};

const settingsJson: INodeProperties = {
	displayName: 'Volume and Protection Settings (JSON)',
	name: 'settingsJson',
	type: 'json',
	default: '{}',
	description:
		'Other documented fields as JSON: "volumeInfo" (allFlash, dataReduction, deduplication, encryption, qos, ...) and "protectionPolicy" (the protection policy to apply)',
};

/** The optional description and the JSON settings, checked against the documented fields. */
function policyFields(p: ParameterReader): IDataObject {
	const body: IDataObject = { ...p.jsonObject('settingsJson', { label: 'Volume and Protection Settings (JSON)' }) };
	const unknown = Object.keys(body).filter((key) => !KNOWN_FIELDS.has(key) || key === 'name');
	if (unknown.length > 0) {
		p.fail(
			`"Volume and Protection Settings (JSON)" has fields a VM provisioning policy does not take: ${unknown.join(', ')}`,
			'Use volumeInfo, protectionPolicy or storageType.',
		);
	}
	for (const key of ['volumeInfo', 'protectionPolicy'] as const) {
		if (body[key] !== undefined && (typeof body[key] !== 'object' || body[key] === null || Array.isArray(body[key]))) {
			p.fail(`"${key}" in "Volume and Protection Settings (JSON)" must be an object`);
		}
	}
	const text = p.optionalString('description', { label: 'Description', maxLength: 255 });
	if (text !== undefined) body.description = text;
	return body;
}

export const vmProvisioningPolicy: ResourceDefinition = {
	value: 'vmProvisioningPolicy',
	name: 'VM Provisioning Policy',
	operations: [
		listOperation(greenLake, {
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many VM provisioning policies',
			description: 'List the VM provisioning policies (storage settings for new datastores)',
			itemName: 'policies',
			envelope: VIRTUALIZATION_ENVELOPE,
			properties: [listQueryOptions({ filterExample: "name eq 'gold'" })],
			request: (p) => ({ method: 'GET', path: POLICIES, qs: listQuery(p) }),
		}),
		getOperation(greenLake, {
			value: 'get',
			name: 'Get',
			action: 'Get a VM provisioning policy',
			description: 'Get one VM provisioning policy',
			properties: [policyLocator],
			request: (p) => ({ method: 'GET', ...policyPath(p) }),
		}),
		getOperation(greenLake, {
			value: 'create',
			name: 'Create',
			action: 'Create a VM provisioning policy',
			description: 'Create a VM provisioning policy for Alletra dHCI storage',
			properties: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					required: true,
					description: 'Name of the policy (at most 80 characters)',
				},
				description,
				settingsJson,
			],
			request: (p) => {
				const name = p.string('name', { label: 'Name', maxLength: 80, pattern: /^[^\r\n\0]+$/ });
				return { method: 'POST', path: POLICIES, body: { storageType: 'Alletra dHCI', ...policyFields(p), name } };
			},
		}),
		writeOperation(greenLake, {
			value: 'update',
			name: 'Update',
			action: 'Update a VM provisioning policy',
			description: 'Change the description or settings of a policy; what is not given keeps its value',
			properties: [policyLocator, description, settingsJson],
			request: (p) => {
				const target = policyPath(p);
				const body = policyFields(p);
				if (Object.keys(body).length === 0) p.fail('Enter a description or settings to change');
				return { method: 'PATCH', ...target, body, headers: { 'Content-Type': 'application/merge-patch+json' } };
			},
		}),
		writeOperation(greenLake, {
			value: 'delete',
			name: 'Delete',
			action: 'Delete a VM provisioning policy',
			description: 'Delete a VM provisioning policy',
			properties: [policyLocator],
			request: (p) => ({ method: 'DELETE', ...policyPath(p) }),
		}),
	],
};
