import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { writeOperation } from '../../shared/kinds';
import type { ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { DSCC_ID_PATTERN } from '../api';
import { resolveSystem } from '../deviceType';
import { nimbleSystemLocator, protectionTemplateLocator } from '../locators';
import type { PathsByDeviceType } from '../systemComponents';
import { dscc } from '../profile';
import {
	systemCollectionListOperation,
	systemComponentGetOperation,
	systemPath,
} from '../systemComponents';

/** Nimble object names: up to 64 letters and digits; "-", "." and ":" allowed after the first character. */
const NIMBLE_NAME = /^[A-Za-z0-9][A-Za-z0-9.:-]{0,63}$/;
const NIMBLE_NAME_HINT = 'Use up to 64 letters and digits; "-", "." and ":" are allowed after the first character.';
const PRINTABLE_ASCII = /^[\x20-\x7E]{0,255}$/;
const PRINTABLE_HINT = 'Use at most 255 printable ASCII characters.';
const TIME_OF_DAY = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const WEEK_DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const PERIOD_UNITS = ['minutes', 'hours', 'days', 'weeks'];
const SCHEDULE_TYPES = ['regular', 'external_trigger'];
const APP_SYNC = ['none', 'vss'];
const APP_IDS = ['exchange', 'exchange_dag', 'hyperv', 'sql2005', 'sql2008', 'sql2012', 'sql2014', 'sql2016', 'sql2017'];

type Fail = (message: string, hint?: string) => never;
type Converter = (value: unknown, label: string, fail: Fail) => unknown;
/** A setting: its field in the node (by `name`), its field in the API and how to convert it. */
type ConvertedField = { property: INodeProperties; apiName: string; convert: Converter };

function failWith(p: ParameterReader): Fail {
	return (message, hint) => p.fail(message, hint);
}

/** Converts the settings the user gave into the API's snake_case fields, rejecting invalid ones. */
function convertFields(fields: ConvertedField[], values: IDataObject, label: (displayName: string) => string, fail: Fail): IDataObject {
	const body: IDataObject = {};
	for (const { property, apiName, convert } of fields) {
		if (!(property.name in values)) continue;
		const converted = convert(values[property.name], label(property.displayName), fail);
		if (converted !== undefined) body[apiName] = converted;
	}
	return body;
}

function text(pattern: RegExp, hint: string): Converter {
	return (value, label, fail) => {
		const trimmed = String(value ?? '').trim();
		if (trimmed === '') return undefined;
		if (!pattern.test(trimmed)) fail(`${label} is not valid: ${JSON.stringify(trimmed)}`, hint);
		return trimmed;
	};
}

function wholeNumber(min: number): Converter {
	return (value, label, fail) => {
		if (value === '' || value === undefined || value === null) return undefined;
		const number = Number(value);
		if (!Number.isInteger(number) || number < min) fail(`${label} must be a whole number of at least ${min}`);
		return number;
	};
}

function oneOf(values: string[]): Converter {
	return (value, label, fail) => {
		if (value === '' || value === undefined || value === null) return undefined;
		if (!values.includes(String(value))) fail(`${label} must be one of ${values.join(', ')}`);
		return String(value);
	};
}

/** "22:30" → seconds after midnight, as Nimble schedules count the time of day. */
const timeOfDay: Converter = (value, label, fail) => {
	const trimmed = String(value ?? '').trim();
	if (trimmed === '') return undefined;
	const match = TIME_OF_DAY.exec(trimmed);
	if (!match) return fail(`${label} must be a time of day as HH:MM, e.g. 22:30`, `Received ${JSON.stringify(trimmed)}.`);
	return Number(match[1]) * 3600 + Number(match[2]) * 60;
};

const weekDays: Converter = (value, label, fail) => {
	const chosen = (Array.isArray(value) ? value : String(value ?? '').split(','))
		.map((day) => String(day).trim().toLowerCase())
		.filter((day) => day !== '');
	if (chosen.length === 0) return undefined;
	const unknown = chosen.find((day) => day !== 'all' && !WEEK_DAYS.includes(day));
	if (unknown !== undefined) fail(`${label}: "${unknown}" is not a day of the week`);
	if (chosen.includes('all') || WEEK_DAYS.every((day) => chosen.includes(day))) return 'all';
	return WEEK_DAYS.filter((day) => chosen.includes(day)).join(',');
};

const flag: Converter = (value) => (typeof value === 'boolean' ? value : undefined);

/** Every schedule setting: its field in the node (by `name`), its field in the API and how to convert it. */
const SCHEDULE_FIELDS: ConvertedField[] = [
	{
		apiName: 'name',
		convert: text(NIMBLE_NAME, NIMBLE_NAME_HINT),
		property: {
			displayName: 'Schedule Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: 'daily',
			description: 'Name of the snapshot schedule. ' + NIMBLE_NAME_HINT,
		},
	},
	{
		apiName: 'num_retain',
		convert: wholeNumber(1),
		property: {
			displayName: 'Snapshots to Retain',
			name: 'numRetain',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 7,
			description: 'How many snapshots of this schedule to keep; older ones are deleted',
		},
	},
	{
		apiName: 'period',
		convert: wholeNumber(1),
		property: {
			displayName: 'Repeat Every',
			name: 'period',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			description: 'Take a snapshot every this many repeat units, e.g. 4 with Hours is every 4 hours',
		},
	},
	{
		apiName: 'period_unit',
		convert: oneOf(PERIOD_UNITS),
		property: {
			displayName: 'Repeat Unit',
			name: 'periodUnit',
			type: 'options',
			options: [
				{ name: 'Days', value: 'days' },
				{ name: 'Hours', value: 'hours' },
				{ name: 'Minutes', value: 'minutes' },
				{ name: 'Weeks', value: 'weeks' },
			],
			default: 'days',
			description: 'Unit of Repeat Every',
		},
	},
	{
		apiName: 'at_time',
		convert: timeOfDay,
		property: {
			displayName: 'Start Time',
			name: 'atTime',
			type: 'string',
			default: '',
			placeholder: '22:00',
			description: "Time of day (24-hour HH:MM, the array's clock) of the snapshot, or of the first one when several are taken a day. Empty uses the array's default.",
		},
	},
	{
		apiName: 'days',
		convert: weekDays,
		property: {
			displayName: 'Days',
			name: 'days',
			type: 'multiOptions',
			options: [
				{ name: 'Friday', value: 'friday' },
				{ name: 'Monday', value: 'monday' },
				{ name: 'Saturday', value: 'saturday' },
				{ name: 'Sunday', value: 'sunday' },
				{ name: 'Thursday', value: 'thursday' },
				{ name: 'Tuesday', value: 'tuesday' },
				{ name: 'Wednesday', value: 'wednesday' },
			],
			default: [],
			description: 'Days of the week on which to take snapshots. Empty means every day.',
		},
	},
	{
		apiName: 'until_time',
		convert: timeOfDay,
		property: {
			displayName: 'Stop Time',
			name: 'untilTime',
			type: 'string',
			default: '',
			placeholder: '18:00',
			description: 'Time of day (HH:MM) after which no more snapshots are taken that day, when several are taken a day',
		},
	},
	{
		apiName: 'description',
		convert: text(PRINTABLE_ASCII, PRINTABLE_HINT),
		property: {
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			description: 'Description of the schedule. ' + PRINTABLE_HINT,
		},
	},
	{
		apiName: 'schedule_type',
		convert: oneOf(SCHEDULE_TYPES),
		property: {
			displayName: 'Schedule Type',
			name: 'scheduleType',
			type: 'options',
			options: [
				{ name: 'External Trigger', value: 'external_trigger', description: 'No timer: snapshots are triggered from outside' },
				{ name: 'Regular', value: 'regular', description: 'The array takes snapshots on its own timer' },
			],
			default: 'regular',
			description: 'Whether the array takes the snapshots on its own timer',
		},
	},
	{
		apiName: 'downstream_partner',
		convert: text(NIMBLE_NAME, NIMBLE_NAME_HINT),
		property: {
			displayName: 'Replicate to Partner',
			name: 'downstreamPartner',
			type: 'string',
			default: '',
			placeholder: 'dr-site-array',
			description: 'Name of the replication partner that receives copies of these snapshots. Empty: no replication.',
		},
	},
	{
		apiName: 'replicate_every',
		convert: wholeNumber(1),
		property: {
			displayName: 'Replicate Every Nth Snapshot',
			name: 'replicateEvery',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			description: 'Replicate only every this many snapshots (1 replicates each one)',
		},
	},
	{
		apiName: 'num_retain_replica',
		convert: wholeNumber(1),
		property: {
			displayName: 'Snapshots to Retain on Partner',
			name: 'numRetainReplica',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 7,
			description: 'How many replicated snapshots the partner keeps',
		},
	},
	{
		apiName: 'repl_alert_thres',
		convert: wholeNumber(0),
		property: {
			displayName: 'Replication Alert Threshold (Seconds)',
			name: 'replAlertThres',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 3600,
			description: 'Raise an alert when replicating a snapshot takes longer than this; 0 turns the alert off',
		},
	},
	{
		apiName: 'disable_appsync',
		convert: flag,
		property: {
			displayName: 'Crash-Consistent Only',
			name: 'disableAppsync',
			type: 'boolean',
			default: false,
			description: 'Whether to take crash-consistent snapshots instead of application-synchronized ones',
		},
	},
	{
		apiName: 'snap_verify',
		convert: flag,
		property: {
			displayName: 'Verify Snapshots',
			name: 'snapVerify',
			type: 'boolean',
			default: false,
			description: "Whether to run the application's verification tool on each snapshot (only with application synchronization)",
		},
	},
	{
		apiName: 'skip_db_consistency_check',
		convert: flag,
		property: {
			displayName: 'Skip Database Consistency Check',
			name: 'skipDbConsistencyCheck',
			type: 'boolean',
			default: false,
			description: 'Whether to skip the database consistency check of verified Exchange DAG snapshots',
		},
	},
];

const CORE_SCHEDULE_FIELDS = ['name', 'numRetain', 'period', 'periodUnit', 'atTime', 'days'];

function scheduleProperties(names: string[]): INodeProperties[] {
	return SCHEDULE_FIELDS.filter(({ property }) => names.includes(property.name)).map(({ property }) => property);
}

function byDisplayName(properties: INodeProperties[]): INodeProperties[] {
	return [...properties].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Converts the schedule settings the user gave into the API's snake_case fields, rejecting invalid ones. */
function scheduleBody(values: IDataObject, where: string, fail: Fail): IDataObject {
	return convertFields(SCHEDULE_FIELDS, values, (displayName) => `${where}: "${displayName}"`, fail);
}

const newSchedulesProperty = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Schedule',
	default: {},
	description,
	options: [
		{
			name: 'schedule',
			displayName: 'Schedule',
			values: [
				...scheduleProperties(CORE_SCHEDULE_FIELDS).map((property) =>
					['name', 'numRetain'].includes(property.name) ? { ...property, required: true } : property,
				),
				{
					displayName: 'More Options',
					name: 'options',
					type: 'collection',
					placeholder: 'Add Option',
					default: {},
					options: byDisplayName(
						scheduleProperties(SCHEDULE_FIELDS.map(({ property }) => property.name).filter((field) => !CORE_SCHEDULE_FIELDS.includes(field))),
					),
				},
			],
		},
	],
});

function scheduleEntries(p: ParameterReader, name: string): IDataObject[] {
	const collection = p.collection(name);
	const entries = collection.schedule;
	return Array.isArray(entries) ? (entries as IDataObject[]) : [];
}

/** New schedules, as `ProtectionScheduleInput`: name and number to retain are required. */
function newSchedules(p: ParameterReader, name: string): IDataObject[] {
	const fail = failWith(p);
	const schedules = scheduleEntries(p, name).map((entry, index) => {
		const { options, ...core } = entry;
		const where = `Schedule ${index + 1}`;
		const body = scheduleBody({ ...core, ...((options as IDataObject | undefined) ?? {}) }, where, fail);
		if (body.name === undefined) fail(`${where}: "Schedule Name" is required`, NIMBLE_NAME_HINT);
		if (body.num_retain === undefined) fail(`${where}: "Snapshots to Retain" is required`);
		return body;
	});
	const names = schedules.map((schedule) => String(schedule.name).toLowerCase());
	const duplicate = names.find((scheduleName, index) => names.indexOf(scheduleName) !== index);
	if (duplicate !== undefined) fail(`Two schedules are named "${duplicate}"`, 'Give every schedule of a template its own name.');
	return schedules;
}

/** Changes to existing schedules, as `NimbleNsSchedule` objects naming the schedule by ID. */
function editedSchedules(p: ParameterReader): IDataObject[] {
	const fail = failWith(p);
	return scheduleEntries(p, 'editSchedules').map((entry, index) => {
		const where = `Schedule to change ${index + 1}`;
		const id = String(entry.scheduleId ?? '').trim();
		if (!DSCC_ID_PATTERN.test(id)) {
			fail(`${where}: "Schedule" is not valid: ${JSON.stringify(id)}`, 'Pick the schedule from the list, or give an ID from schedule_list of Protection Template → Get.');
		}
		const changes = scheduleBody((entry.changes as IDataObject | undefined) ?? {}, where, fail);
		if (Object.keys(changes).length === 0) fail(`${where}: add at least one setting to change`);
		return { id, ...changes };
	});
}

const TEMPLATE_FIELDS: ConvertedField[] = [
	{
		apiName: 'description',
		convert: text(PRINTABLE_ASCII, PRINTABLE_HINT),
		property: { displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Description of the template. ' + PRINTABLE_HINT },
	},
	{
		apiName: 'app_sync',
		convert: oneOf(APP_SYNC),
		property: {
			displayName: 'Application Synchronization',
			name: 'appSync',
			type: 'options',
			options: [
				{ name: 'None', value: 'none', description: 'Crash-consistent snapshots' },
				{ name: 'VSS', value: 'vss', description: 'Quiesce the application through Microsoft VSS before each snapshot' },
			],
			default: 'none',
			description: 'Whether to quiesce the application before each snapshot',
		},
	},
	{
		apiName: 'app_id',
		convert: oneOf(APP_IDS),
		property: {
			displayName: 'Application',
			name: 'appId',
			type: 'options',
			options: [
				{ name: 'Exchange', value: 'exchange' },
				{ name: 'Exchange DAG', value: 'exchange_dag' },
				{ name: 'Hyper-V', value: 'hyperv' },
				{ name: 'SQL Server 2005', value: 'sql2005' },
				{ name: 'SQL Server 2008', value: 'sql2008' },
				{ name: 'SQL Server 2012', value: 'sql2012' },
				{ name: 'SQL Server 2014', value: 'sql2014' },
				{ name: 'SQL Server 2016', value: 'sql2016' },
				{ name: 'SQL Server 2017', value: 'sql2017' },
			],
			default: 'sql2017',
			description: 'Application VSS synchronizes with (only with Application Synchronization VSS)',
		},
	},
	{
		apiName: 'app_server',
		convert: text(NIMBLE_NAME, NIMBLE_NAME_HINT),
		property: { displayName: 'Application Server', name: 'appServer', type: 'string', default: '', placeholder: 'sql01.example.com', description: 'Host name of the application server' },
	},
	{
		apiName: 'app_cluster_name',
		convert: text(NIMBLE_NAME, NIMBLE_NAME_HINT),
		property: { displayName: 'Application Cluster Name', name: 'appClusterName', type: 'string', default: '', description: 'Windows cluster name, when the application runs in a Windows cluster' },
	},
	{
		apiName: 'app_service_name',
		convert: text(NIMBLE_NAME, NIMBLE_NAME_HINT),
		property: { displayName: 'Application Service Name', name: 'appServiceName', type: 'string', default: '', description: 'Instance name of the service in the Windows cluster' },
	},
];

function templateFields(p: ParameterReader, collection: string): IDataObject {
	return convertFields(TEMPLATE_FIELDS, p.collection(collection), (displayName) => `"${displayName}"`, failWith(p));
}

/** An application can only be named for VSS synchronization; on update, the template may already use VSS. */
function checkApplicationNeedsVss(p: ParameterReader, body: IDataObject, syncKnown: boolean): void {
	if (body.app_id === undefined) return;
	if (body.app_sync === 'vss' || (!syncKnown && body.app_sync === undefined)) return;
	p.fail('"Application" needs Application Synchronization VSS', 'Set Application Synchronization to VSS, or remove Application.');
}

function templateName(p: ParameterReader, parameter: string): string | undefined {
	return p.optionalString(parameter, { label: 'Name', pattern: NIMBLE_NAME, patternHint: NIMBLE_NAME_HINT });
}

const templateIdProperty = protectionTemplateLocator;

/** Only HPE Nimble / Alletra 6000 have protection templates. */
export const PROTECTION_TEMPLATE_PATHS: PathsByDeviceType = { 'device-type2': 'protection-templates' };

export const protectionTemplate: ResourceDefinition = {
	value: 'protectionTemplate',
	name: 'Protection Template',
	operations: [
		systemCollectionListOperation({
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many protection templates',
			description:
				'List the protection templates (snapshot and replication schedules) of a storage system. Only HPE Nimble / Alletra 6000 have protection templates.',
			itemName: 'protection templates',
			systemLocator: nimbleSystemLocator,
			paths: PROTECTION_TEMPLATE_PATHS,
			filterExample: "name eq 'Retain-30Daily'",
			sortExample: 'name asc',
		}),
		systemComponentGetOperation({
			value: 'get',
			name: 'Get',
			action: 'Get a protection template',
			description:
				'Get one protection template with its schedules. Only HPE Nimble / Alletra 6000 have protection templates.',
			label: 'Protection template',
			systemLocator: nimbleSystemLocator,
			paths: { 'device-type2': 'protection-templates/{id}' },
			idProperty: templateIdProperty,
		}),
		writeOperation(dscc, {
			value: 'create',
			name: 'Create',
			action: 'Create a protection template',
			description:
				'Create a protection template: snapshot schedules that volume collections can follow. Only HPE Nimble / Alletra 6000 have protection templates.',
			properties: [
				nimbleSystemLocator,
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					required: true,
					placeholder: 'sql-hourly',
					description: 'Name of the protection template. ' + NIMBLE_NAME_HINT,
				},
				newSchedulesProperty('schedules', 'Schedules', 'Snapshot schedules of the template'),
				{
					displayName: 'Additional Fields',
					name: 'additionalFields',
					type: 'collection',
					placeholder: 'Add Field',
					default: {},
					options: byDisplayName(TEMPLATE_FIELDS.map(({ property }) => property)),
				},
			],
			request: async (p) => {
				const name = templateName(p, 'name');
				if (name === undefined) p.fail('"Name" is required', 'Enter a name for the protection template.');
				const body: IDataObject = { name, ...templateFields(p, 'additionalFields') };
				checkApplicationNeedsVss(p, body, true);
				const schedules = newSchedules(p, 'schedules');
				if (schedules.length > 0) body.schedules = schedules;
				const system = await resolveSystem(p, ['device-type2']);
				return { method: 'POST', path: systemPath(system, 'protection-templates'), body, subject: system.subject };
			},
		}),
		writeOperation(dscc, {
			value: 'update',
			name: 'Update',
			action: 'Update a protection template',
			description:
				'Rename a protection template, change its settings, and add, change or remove schedules. Only HPE Nimble / Alletra 6000 have protection templates.',
			properties: [
				nimbleSystemLocator,
				templateIdProperty,
				{
					displayName: 'Update Fields',
					name: 'updateFields',
					type: 'collection',
					placeholder: 'Add Field',
					default: {},
					options: byDisplayName([
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							description: 'New name of the protection template. ' + NIMBLE_NAME_HINT,
						},
						...TEMPLATE_FIELDS.map(({ property }) => property),
					]),
				},
				newSchedulesProperty('addSchedules', 'Schedules to Add', 'New snapshot schedules to add to the template'),
				{
					displayName: 'Schedules to Change',
					name: 'editSchedules',
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					placeholder: 'Change a Schedule',
					default: {},
					description: 'Existing schedules to change; only the settings you add are changed',
					options: [
						{
							name: 'schedule',
							displayName: 'Schedule',
							values: [
								{
									displayName: 'Schedule Name or ID',
									name: 'scheduleId',
									type: 'options',
									typeOptions: { loadOptionsMethod: 'getProtectionTemplateSchedules', loadOptionsDependsOn: ['protectionTemplateId.value'] },
									default: '',
									required: true,
									description:
										'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
									hint: 'The schedule of the protection template above to change',
								},
								{
									displayName: 'Changes',
									name: 'changes',
									type: 'collection',
									placeholder: 'Add Setting',
									default: {},
									options: byDisplayName(SCHEDULE_FIELDS.map(({ property }) => property)),
								},
							],
						},
					],
				},
				{
					displayName: 'Removed Schedule Names or IDs',
					name: 'removeScheduleIds',
					type: 'multiOptions',
					typeOptions: { loadOptionsMethod: 'getProtectionTemplateSchedules', loadOptionsDependsOn: ['protectionTemplateId.value'] },
					default: [],
					description:
						'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					hint: 'Schedules of the protection template above to remove. An expression may also give comma-separated IDs.',
				},
			],
			request: async (p) => {
				const id = p.id('protectionTemplateId', { label: 'Protection Template', pattern: DSCC_ID_PATTERN });
				const fields = p.collection('updateFields');
				const body: IDataObject = { ...templateFields(p, 'updateFields') };
				checkApplicationNeedsVss(p, body, false);
				if ('name' in fields) {
					const name = templateName(p, 'updateFields.name');
					if (name === undefined) p.fail('"Name" cannot be empty', 'Enter the new name, or remove the Name field.');
					body.name = name;
				}
				const added = newSchedules(p, 'addSchedules');
				if (added.length > 0) body.addSchedules = added;
				const edited = editedSchedules(p);
				if (edited.length > 0) body.editSchedules = edited;
				const removed = p.idList('removeScheduleIds', { label: 'Removed Schedules', pattern: DSCC_ID_PATTERN });
				if (removed.length > 0) body.removeSchedules = removed.map((scheduleId) => ({ id: scheduleId }));
				if (Object.keys(body).length === 0) {
					p.fail('Nothing to update', 'Add an update field, or schedules to add, change or remove.');
				}
				const system = await resolveSystem(p, ['device-type2']);
				return {
					method: 'PUT',
					path: systemPath(system, 'protection-templates/{id}', { id }),
					body,
					subject: `Protection template ${id} of ${system.subject}`,
				};
			},
		}),
	],
};
