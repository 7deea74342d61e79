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

const bool = (displayName: string, name: string, description: string): INodeProperties => ({ displayName, name, type: 'boolean', default: false, description });

/** The documented `volumeInfo` of a policy (the spec's VMProvisioningPolicyCreate / Edit). */
const volumeSettings: INodeProperties = {
	displayName: 'Volume Settings',
	name: 'volumeInfo',
	type: 'collection',
	placeholder: 'Add Setting',
	default: {},
	description: 'How the volumes of datastores made with this policy are created on the dHCI storage',
	options: [
		bool('All Flash', 'allFlash', 'Whether the volumes are on all-flash storage'),
		{
			displayName: 'Conversion Type',
			name: 'conversionType',
			type: 'options',
			options: [
				{ name: 'Thin', value: 'CONVERSIONTYPE_THIN' },
				{ name: 'V1', value: 'CONVERSIONTYPE_V1' },
				{ name: 'V2', value: 'CONVERSIONTYPE_V2' },
			],
			default: 'CONVERSIONTYPE_THIN',
		},
		bool('Data Reduction', 'dataReduction', 'Whether data reduction (deduplication and compression) is on'),
		bool('Deduplication', 'deduplication', 'Whether deduplication is on'),
		{
			displayName: 'Encryption Cipher',
			name: 'encryptionCipher',
			type: 'options',
			options: [
				{ name: 'AES 256 XTS', value: 'AES_256_XTS' },
				{ name: 'None', value: 'None' },
			],
			default: 'AES_256_XTS',
		},
		{ displayName: 'Encryption Provider', name: 'encryptionProvider', type: 'string', default: '', description: 'Library that encrypts the data' },
		{
			displayName: 'Encryption Scope',
			name: 'encryptionScope',
			type: 'options',
			options: ['Volume', 'Pool', 'Group', 'None'].map((scope) => ({ name: scope, value: scope })),
			default: 'Volume',
		},
		{ displayName: 'IOPS Limit', name: 'perfIopsLimit', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'QoS limit of I/O operations per second' },
		{
			displayName: 'Snapshot Space Warning (%)',
			name: 'snapshotAllocWarning',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 100 },
			default: 0,
		},
		{ displayName: 'Throughput Limit (MB/s)', name: 'perfMbpsLimit', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'QoS limit of throughput' },
		{ displayName: 'User Space Warning (%)', name: 'userAllocWarning', type: 'number', typeOptions: { minValue: 0, maxValue: 100 }, default: 0 },
	],
};

/** The documented `protectionPolicy` of a policy. */
const protectionSettings: INodeProperties = {
	displayName: 'Protection Policy',
	name: 'protectionPolicy',
	type: 'collection',
	placeholder: 'Add Protection Setting',
	default: {},
	description: 'The protection policy to apply; its ID and name are needed when any setting is given',
	options: [
		{
			displayName: 'Backup Granularity',
			name: 'backupGranularity',
			type: 'options',
			options: [
				{ name: 'Volume', value: 'VOLUME' },
				{ name: 'VMware CBT', value: 'VMWARE_CBT' },
			],
			default: 'VOLUME',
		},
		{
			displayName: 'Consistency',
			name: 'consistency',
			type: 'options',
			options: [
				{ name: 'Crash Consistent', value: 'CRASH' },
				{ name: 'Application Consistent', value: 'APPLICATION' },
				{ name: 'Application, Else Crash Consistent', value: 'CRASH_CONSISTENT_ON_FAILURE' },
			],
			default: 'CRASH',
		},
		{ displayName: 'Description', name: 'description', type: 'string', default: '' },
		{ displayName: 'Effective From', name: 'effectiveFromDateTime', type: 'dateTime', default: '', description: 'When the assignment takes effect (UTC)' },
		{ displayName: 'ID', name: 'id', type: 'string', default: '', description: 'ID of the protection policy' },
		{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Name of the protection policy' },
	],
};

const settingsJson: INodeProperties = {
	displayName: 'Other Settings (JSON)',
	name: 'settingsJson',
	type: 'json',
	default: '{}',
	description:
		'Rarely needed: the documented settings have fields above. JSON with "volumeInfo" or "protectionPolicy", merged under the fields.',
};

const number = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** `volumeInfo` from the Volume Settings fields. */
function volumeInfoOf(p: ParameterReader): IDataObject {
	const fields = p.collection('volumeInfo');
	const info: IDataObject = {};
	for (const key of ['allFlash', 'dataReduction', 'deduplication'] as const) if (fields[key] !== undefined) info[key] = fields[key] === true;
	if (fields.conversionType !== undefined) info.conversionType = fields.conversionType;
	for (const key of ['snapshotAllocWarning', 'userAllocWarning'] as const) {
		if (fields[key] === undefined) continue;
		const value = number(fields[key]);
		if (value === undefined || !Number.isInteger(value) || value < 0 || value > 100) p.fail(`"${key === 'snapshotAllocWarning' ? 'Snapshot Space Warning (%)' : 'User Space Warning (%)'}" must be a whole number from 0 to 100`);
		info[key] = value;
	}
	if (fields.encryptionCipher !== undefined || fields.encryptionScope !== undefined || fields.encryptionProvider !== undefined) {
		const provider = typeof fields.encryptionProvider === 'string' ? fields.encryptionProvider.trim() : '';
		info.encryption = {
			cipher: fields.encryptionCipher ?? 'AES_256_XTS',
			...(fields.encryptionScope !== undefined ? { scope: fields.encryptionScope } : {}),
			...(provider !== '' ? { provider } : {}),
		};
	}
	if (fields.perfIopsLimit !== undefined || fields.perfMbpsLimit !== undefined) {
		// The spec requires both limits of a QoS; one left out means no limit (0).
		info.qos = { perfIopsLimit: number(fields.perfIopsLimit) ?? 0, perfMbpsLimit: number(fields.perfMbpsLimit) ?? 0 };
	}
	return info;
}

/** `protectionPolicy` from its fields: ID and name are required by the spec once any is given. */
function protectionPolicyOf(p: ParameterReader): IDataObject | undefined {
	const fields = p.collection('protectionPolicy');
	if (Object.keys(fields).length === 0) return undefined;
	const text = (key: string) => (typeof fields[key] === 'string' && (fields[key] as string).trim() !== '' ? (fields[key] as string).trim() : undefined);
	const id = text('id');
	const name = text('name');
	if (!id || !name) p.fail('A protection policy needs its "ID" and "Name"', 'Add both under Protection Policy, or remove its settings.');
	const policy: IDataObject = { id, name };
	const description = text('description');
	if (description) policy.description = description;
	const from = text('effectiveFromDateTime');
	if (from) {
		const date = new Date(from);
		if (Number.isNaN(date.getTime())) p.fail(`"Effective From" is not a date: ${JSON.stringify(from)}`);
		policy.effectiveFromDateTime = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
	}
	if (fields.backupGranularity !== undefined || fields.consistency !== undefined) {
		policy.overrides = { backupGranularity: fields.backupGranularity ?? 'VOLUME', consistency: fields.consistency ?? 'CRASH' };
	}
	return policy;
}

/** The description, the settings from the fields and the JSON (checked against the documented fields); the fields win. */
function policyFields(p: ParameterReader): IDataObject {
	const body: IDataObject = { ...p.jsonObject('settingsJson', { label: 'Other Settings (JSON)' }) };
	const unknown = Object.keys(body).filter((key) => !KNOWN_FIELDS.has(key) || key === 'name');
	if (unknown.length > 0) {
		p.fail(
			`"Other Settings (JSON)" has fields a VM provisioning policy does not take: ${unknown.join(', ')}`,
			'Use volumeInfo, protectionPolicy or storageType.',
		);
	}
	for (const key of ['volumeInfo', 'protectionPolicy'] as const) {
		if (body[key] !== undefined && (typeof body[key] !== 'object' || body[key] === null || Array.isArray(body[key]))) {
			p.fail(`"${key}" in "Other Settings (JSON)" must be an object`);
		}
	}
	const volumeInfo = volumeInfoOf(p);
	if (Object.keys(volumeInfo).length > 0) body.volumeInfo = { ...((body.volumeInfo as IDataObject | undefined) ?? {}), ...volumeInfo };
	const protectionPolicy = protectionPolicyOf(p);
	if (protectionPolicy) body.protectionPolicy = protectionPolicy;
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
				volumeSettings,
				protectionSettings,
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
			properties: [policyLocator, description, volumeSettings, protectionSettings, settingsJson],
			request: (p) => {
				const target = policyPath(p);
				const body = policyFields(p);
				if (Object.keys(body).length === 0) p.fail('Enter a description or a setting to change');
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
