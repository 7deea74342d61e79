import type { SimRequest, SimResponse, SimServer } from '../framework/server';
import type { BackupNode, BusinessUnit, Consumer, Json, Portal } from './portal';
import {
	CLIENT_OPTION_SETS,
	DEFAULT_SERVER,
	DOMAINS,
	NODE_OPERATING_SYSTEMS,
	NODE_TYPES,
	NODE_WARNING_TYPES,
	REPORT_STATUS_NAMES,
	TIME_ZONES,
} from './portal';

export const FULL_VERSION = '1.0.4480.0';
/** IBM Storage Protect node names: 1 to 64 of A-Z 0-9 _ . - + &, not starting with a hyphen. */
const SP_NODE_NAME = /^[A-Za-z0-9_.+&][A-Za-z0-9_.+&-]{0,63}$/;

export function errorBody(status: number, message: string, code = 'Error'): Json {
	return { code, message, developerMessage: message, status };
}

const error = (status: number, message: string): SimResponse => ({ status, body: errorBody(status, message) });
const ok = (body: unknown): SimResponse => ({ status: 200, body });

/** What a DELETE of a consumption unit was told, for tests. */
export interface Deletion {
	consumerId: number;
	deleteAssociations: boolean;
	comment?: string;
}

/** Where Cloutility's documentation leaves room, how this portal reads it (tests switch it). */
export interface PortalBehaviour {
	/** `status=` / `warnings=` of a report listing: 'switch' (documented: add the fields) or 'filter'. */
	reportQuery: 'switch' | 'filter';
	/** Enums (report statuses) as numbers or as their names. */
	enumsAs: 'number' | 'name';
	/** Whether `…/reports/latest` carries status and warnings under the 'switch' reading (undocumented). */
	latestReportComplete: boolean;
}

export function registerRoutes(sim: SimServer, portal: Portal, rootId: number, deletions: Deletion[], behaviour: PortalBehaviour): void {
	const route = (method: string, path: string, handler: (request: SimRequest) => SimResponse) =>
		sim.route(method, `/v1${path}`, handler);

	const collection = (path: string, items: unknown[], offset = 0, total = items.length) => ({
		href: portal.href(path),
		total,
		offset,
		first: portal.href(path),
		items,
	});
	/** A sub-collection as it appears inside another object: a link, not the items. */
	const stub = (path: string) => ({ href: portal.href(path), total: 0, items: [] });

	const visibleUnits = () => new Set([rootId, ...portal.descendants(rootId).map((unit) => unit.id)]);
	const unitOf = (request: SimRequest): BusinessUnit | SimResponse => {
		const id = Number(request.params.bunitId);
		const unit = portal.businessUnits.get(id);
		if (!unit || !visibleUnits().has(id)) return error(404, `Business unit ${request.params.bunitId} was not found`);
		return unit;
	};
	const consumerOf = (request: SimRequest): Consumer | SimResponse => {
		const unit = unitOf(request);
		if ('status' in unit) return unit;
		const consumer = portal.consumers.get(Number(request.params.consumerId));
		if (!consumer || consumer.businessUnitId !== unit.id) return error(404, `Consumer ${request.params.consumerId} was not found`);
		return consumer;
	};
	const nodeOf = (request: SimRequest): { consumer: Consumer; node: BackupNode } | SimResponse => {
		const consumer = consumerOf(request);
		if ('status' in consumer) return consumer;
		if (!consumer.node) return error(404, `Consumer ${consumer.id} has no backup node`);
		return { consumer, node: consumer.node };
	};
	const jsonBody = (request: SimRequest): Json | undefined =>
		typeof request.body === 'object' && request.body !== null && !Array.isArray(request.body) ? (request.body as Json) : undefined;
	const idOf = (value: unknown): number | undefined => {
		const id = (value as Json | undefined)?.id;
		return typeof id === 'number' ? id : undefined;
	};

	const timeZone = (id: number) => {
		const zone = TIME_ZONES.find((candidate) => candidate.id === id)!;
		return {
			href: portal.href(`/timezones/${id}`),
			actions: [{ name: 'Calculate UTC offset', method: 'GET', href: portal.href(`/timezones/${id}/offset?date`) }],
			...zone,
			createdDate: '2022-06-10T06:33:19.337Z',
		};
	};
	const simpleUnit = (unit: BusinessUnit): Json => ({
		id: unit.id,
		...(unit.parentId !== undefined && unit.id !== rootId ? { parentId: unit.parentId } : {}),
		name: unit.name,
		groupName: 'Safespring',
		reportRemotely: false,
		businessUnits: portal.children(unit.id).map(simpleUnit),
		tags: [],
		invoiceDay: unit.invoiceDay,
	});
	/** A business unit as a listing shows it: no time zone, no sub-collections. */
	const partialUnit = (unit: BusinessUnit): Json => ({
		href: portal.href(`/bunits/${unit.id}`),
		name: unit.name,
		registrationNumber: unit.registrationNumber,
		invoiceDay: unit.invoiceDay,
		tags: [],
		id: unit.id,
		createdDate: unit.createdDate,
	});
	const fullUnit = (unit: BusinessUnit): Json => {
		const parent = unit.parentId !== undefined ? portal.businessUnits.get(unit.parentId) : undefined;
		return {
			href: portal.href(`/bunits/${unit.id}`),
			...(parent ? { parentBusinessUnit: partialUnit(parent) } : {}),
			timeZone: timeZone(unit.timeZoneId),
			users: stub(`/bunits/${unit.id}/users`),
			addresses: stub(`/bunits/${unit.id}/addresses`),
			businessUnits: stub(`/bunits/${unit.id}/bunits`),
			...(unit.note !== undefined ? { note: unit.note } : {}),
			domainFilter: [],
			clientOptionSetFilter: [],
			name: unit.name,
			supportResponsible: false,
			registrationNumber: unit.registrationNumber,
			invoiceDay: unit.invoiceDay,
			billingStorageTypeId: 2,
			billingStorageType: 2,
			useScheduleBindings: false,
			consumers: [],
			storageLimit: 0,
			transferLimit: 0,
			nodeLimit: 0,
			passwordExpirationDays: 0,
			requiredApproversOfDeleteRequest: 0,
			finalDeleteRequestApprover: false,
			usersCanApproveOwnRequests: false,
			reportRemotely: false,
			tags: [],
			id: unit.id,
			createdDate: unit.createdDate,
		};
	};
	const consumerPath = (consumer: Consumer) => `/bunits/${consumer.businessUnitId}/consumers/${consumer.id}`;
	const dataSourceState = (consumer: Consumer) =>
		consumer.node?.activatedDate ? { id: 3, name: 'Active' } : { id: 1, name: 'New' };
	const partialConsumer = (consumer: Consumer): Json => ({
		href: portal.href(consumerPath(consumer)),
		dataSourceType: { id: 1, name: 'SP Backup node' },
		dataSourceState: dataSourceState(consumer),
		name: consumer.name,
		billingStartDate: consumer.billingStartDate,
		id: consumer.id,
		createdDate: consumer.createdDate,
	});
	const fullConsumer = (consumer: Consumer): Json => ({
		...partialConsumer(consumer),
		dataSourceIsPotentialParent: false,
		businessUnit: partialUnit(portal.businessUnits.get(consumer.businessUnitId)!),
		comments: [],
		...(consumer.note !== undefined ? { note: consumer.note } : {}),
		...(consumer.externalReference !== undefined ? { externalReference: consumer.externalReference } : {}),
		limitHighStorage: consumer.limitHighStorage,
		allowNoActivity: consumer.allowNoActivity,
		tags: [],
		jobs: [],
	});
	const named = <T extends { id: number }>(list: T[], id: number) => list.find((entry) => entry.id === id);
	const nodeJson = (consumer: Consumer, node: BackupNode): Json => ({
		href: portal.href(`${consumerPath(consumer)}/node`),
		cpuCount: node.cpuCount,
		...(node.activatedDate ? { activatedDate: node.activatedDate } : {}),
		locked: false,
		operatingSystem: named(NODE_OPERATING_SYSTEMS, node.operatingSystemId),
		type: named(NODE_TYPES, node.typeId),
		domain: named(DOMAINS, node.domainId),
		clientOptionSet: named(CLIENT_OPTION_SETS, node.clientOptionSetId),
		schedules: [],
		filespaces: [],
		proxyAgents: node.proxyAgents.map((id) => ({ id, name: portal.consumers.get(id)?.node?.tsmName })),
		proxyTargets: node.proxyTargets.map((id) => ({ id, name: portal.consumers.get(id)?.node?.tsmName })),
		tsmName: node.tsmName ?? '',
		tsmPassword: node.password ?? (node.activatedDate ? `pw-${node.id}-${String(node.tsmName)}` : ''),
		contact: node.contact,
		decommissioned: false,
		name: consumer.name,
		dataSourceState: dataSourceState(consumer),
		dataSourceType: { id: 1, name: 'SP Backup node' },
		id: node.id,
		createdDate: node.createdDate,
	});
	const isoTime = (value: string | undefined, fallback: number): number | SimResponse => {
		if (value === undefined || value === '') return fallback;
		const time = Date.parse(value);
		return Number.isNaN(time) ? error(400, `'${value}' is not a valid date`) : time;
	};

	route('GET', '/fullVersion', () => ({ status: 200, body: JSON.stringify(FULL_VERSION), headers: { 'content-type': 'application/json; charset=utf-8' } }));
	route('GET', '/me', () => ok({ href: portal.href('/me'), name: 'api-user', businessUnit: partialUnit(portal.businessUnits.get(rootId)!), id: 501 }));
	route('GET', '/timezones', () => ok(collection('/timezones', TIME_ZONES.map((zone) => timeZone(zone.id)))));
	route('GET', '/timezones/{id}', (request) => {
		const zone = named(TIME_ZONES, Number(request.params.id));
		return zone ? ok(timeZone(zone.id)) : error(404, `Time zone ${request.params.id} was not found`);
	});
	route('GET', '/nodeoperatingsystems', () =>
		ok(collection('/nodeoperatingsystems', NODE_OPERATING_SYSTEMS.map(({ supportedNodeTypes, ...os }) => ({ href: portal.href(`/nodeoperatingsystems/${os.id}`), ...os, supportedNodeTypes: supportedNodeTypes.map((id) => named(NODE_TYPES, id)) })))),
	);
	route('GET', '/nodetypes', () => ok(collection('/nodetypes', NODE_TYPES.map((type) => ({ href: portal.href(`/nodetypes/${type.id}`), ...type })))));
	route('GET', '/nodewarningtypes', () => ok(collection('/nodewarningtypes', NODE_WARNING_TYPES)));

	route('GET', '/bunits', () => ok(simpleUnit(portal.businessUnits.get(rootId)!)));
	route('GET', '/bunits/{bunitId}', (request) => {
		const unit = unitOf(request);
		return 'status' in unit ? unit : ok(fullUnit(unit));
	});
	route('PUT', '/bunits/{bunitId}', (request) => {
		const unit = unitOf(request);
		if ('status' in unit) return unit;
		const body = jsonBody(request);
		if (!body || typeof body.name !== 'string' || body.name.trim() === '') return error(400, 'The business unit needs a name');
		const zoneId = idOf(body.timeZone);
		if (zoneId !== undefined && !named(TIME_ZONES, zoneId)) return error(400, `Time zone ${zoneId} does not exist`);
		unit.name = body.name;
		if (typeof body.registrationNumber === 'string') unit.registrationNumber = body.registrationNumber;
		if (typeof body.note === 'string') unit.note = body.note;
		if (zoneId !== undefined) unit.timeZoneId = zoneId;
		return ok(fullUnit(unit));
	});
	route('DELETE', '/bunits/{bunitId}', (request) => {
		const unit = unitOf(request);
		if ('status' in unit) return unit;
		if (unit.id === rootId) return error(403, 'You cannot delete your own business unit');
		if (portal.children(unit.id).length > 0) return error(409, `Business unit ${unit.name} has sub-units; delete them first`);
		if ([...portal.consumers.values()].some((consumer) => consumer.businessUnitId === unit.id)) {
			return error(409, `Business unit ${unit.name} has consumption units; delete them first`);
		}
		portal.businessUnits.delete(unit.id);
		return { status: 204 };
	});
	route('GET', '/bunits/{bunitId}/bunits', (request) => {
		const unit = unitOf(request);
		return 'status' in unit ? unit : ok(collection(`/bunits/${unit.id}/bunits`, portal.children(unit.id).map(partialUnit)));
	});
	route('POST', '/bunits/{bunitId}/bunits', (request) => {
		const parent = unitOf(request);
		if ('status' in parent) return parent;
		const body = jsonBody(request);
		if (!body || typeof body.name !== 'string' || body.name.trim() === '') return error(400, 'The business unit needs a name');
		const zoneId = idOf(body.timeZone) ?? parent.timeZoneId;
		if (!named(TIME_ZONES, zoneId)) return error(400, `Time zone ${zoneId} does not exist`);
		const unit = portal.addBusinessUnit({
			parentId: parent.id,
			name: body.name,
			registrationNumber: typeof body.registrationNumber === 'string' ? body.registrationNumber : '',
			timeZoneId: zoneId,
			...(typeof body.note === 'string' ? { note: body.note } : {}),
		});
		return { status: 201, body: fullUnit(unit) };
	});
	route('GET', '/bunits/{bunitId}/users', (request) => {
		const unit = unitOf(request);
		return 'status' in unit ? unit : ok(collection(`/bunits/${unit.id}/users`, unit.users.map((user) => ({ href: portal.href(`/users/${String(user.id)}`), ...user }))));
	});

	route('GET', '/bunits/{bunitId}/defaultserver', (request) => {
		const unit = unitOf(request);
		return 'status' in unit ? unit : ok({ href: portal.href(`/bunits/${unit.id}/defaultserver`), ...DEFAULT_SERVER });
	});
	route('GET', '/bunits/{bunitId}/defaultserver/domains', (request) => {
		const unit = unitOf(request);
		return 'status' in unit ? unit : ok(collection(`/bunits/${unit.id}/defaultserver/domains`, DOMAINS.map((domain) => ({ ...domain, missingInTsm: false }))));
	});
	route('GET', '/bunits/{bunitId}/defaultserver/clientoptionsets', (request) => {
		const unit = unitOf(request);
		return 'status' in unit ? unit : ok(collection(`/bunits/${unit.id}/defaultserver/clientoptionsets`, CLIENT_OPTION_SETS));
	});

	route('GET', '/bunits/{bunitId}/consumers', (request) => {
		const unit = unitOf(request);
		if ('status' in unit) return unit;
		const consumers = [...portal.consumers.values()].filter((consumer) => consumer.businessUnitId === unit.id);
		return ok(collection(`/bunits/${unit.id}/consumers`, consumers.map(partialConsumer)));
	});
	route('POST', '/bunits/{bunitId}/consumers', (request) => {
		const unit = unitOf(request);
		if ('status' in unit) return unit;
		const body = jsonBody(request);
		if (!body || typeof body.name !== 'string' || body.name.trim() === '') return error(400, 'The consumption unit needs a name');
		const consumer = portal.addConsumer(unit.id, {
			name: body.name,
			...(typeof body.note === 'string' ? { note: body.note } : {}),
			...(typeof body.externalReference === 'string' ? { externalReference: body.externalReference } : {}),
			...(typeof body.limitHighStorage === 'number' ? { limitHighStorage: body.limitHighStorage } : {}),
			...(typeof body.allowNoActivity === 'boolean' ? { allowNoActivity: body.allowNoActivity } : {}),
		});
		return { status: 201, body: fullConsumer(consumer) };
	});
	route('GET', '/bunits/{bunitId}/consumers/{consumerId}', (request) => {
		const consumer = consumerOf(request);
		return 'status' in consumer ? consumer : ok(fullConsumer(consumer));
	});
	route('PUT', '/bunits/{bunitId}/consumers/{consumerId}', (request) => {
		const consumer = consumerOf(request);
		if ('status' in consumer) return consumer;
		const body = jsonBody(request);
		if (!body || typeof body.name !== 'string' || body.name.trim() === '') return error(400, 'The consumption unit needs a name');
		consumer.name = body.name;
		if (typeof body.note === 'string') consumer.note = body.note;
		if (typeof body.externalReference === 'string') consumer.externalReference = body.externalReference;
		if (typeof body.limitHighStorage === 'number') consumer.limitHighStorage = body.limitHighStorage;
		if (typeof body.allowNoActivity === 'boolean') consumer.allowNoActivity = body.allowNoActivity;
		portal.audit(consumer, 200, `Consumption unit ${consumer.name} modified`);
		return ok(fullConsumer(consumer));
	});
	route('DELETE', '/bunits/{bunitId}/consumers/{consumerId}', (request) => {
		const consumer = consumerOf(request);
		if ('status' in consumer) return consumer;
		const deleteAssociations = request.query.deleteAssociations?.toLowerCase() === 'true';
		if (consumer.node && !deleteAssociations) {
			return error(409, `Consumption unit ${consumer.name} has a backup node; delete it with its associations`);
		}
		portal.consumers.delete(consumer.id);
		deletions.push({ consumerId: consumer.id, deleteAssociations, comment: request.query.deletionComment });
		return { status: 204 };
	});
	route('GET', '/bunits/{bunitId}/consumers/{consumerId}/auditlogs', (request) => {
		const consumer = consumerOf(request);
		if ('status' in consumer) return consumer;
		const start = isoTime(request.query.startTime, 0);
		const end = isoTime(request.query.endTime, Number.MAX_SAFE_INTEGER);
		if (typeof start !== 'number') return start;
		if (typeof end !== 'number') return end;
		const types = new URLSearchParams(request.rawQuery ?? '').getAll('types').map(Number);
		const limit = request.query.limit !== undefined ? Number(request.query.limit) : 100;
		const offset = request.query.offset !== undefined ? Number(request.query.offset) : 0;
		if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(offset) || offset < 0) return error(400, 'limit and offset must be whole numbers');
		let entries = consumer.auditLogs.filter((entry) => {
			const time = Date.parse(String(entry.createdDate));
			return time >= start && time <= end && (types.length === 0 || types.includes(Number(entry.type)));
		});
		if (request.query.orderDesc?.toLowerCase() === 'true') entries = [...entries].reverse();
		return ok(collection(`${consumerPath(consumer)}/auditlogs`, entries.slice(offset, offset + limit), offset, entries.length));
	});

	/**
	 * Documented: `jobs/first` alone is the first job; with `startTime`/`endTime` it is the JobList of
	 * that window (the last 24 hours without a start), whose start must not be before the first
	 * job's `completed`. There is no `…/jobs` listing.
	 */
	route('GET', '/bunits/{bunitId}/consumers/{consumerId}/jobs/first', (request) => {
		const consumer = consumerOf(request);
		if ('status' in consumer) return consumer;
		if (request.query.startTime === undefined && request.query.endTime === undefined) {
			return consumer.jobs.length > 0 ? ok(consumer.jobs[0]) : error(404, `Consumer ${consumer.id} has no jobs`);
		}
		const now = Date.now();
		const start = isoTime(request.query.startTime, now - 24 * 3600_000);
		const end = isoTime(request.query.endTime, now);
		if (typeof start !== 'number') return start;
		if (typeof end !== 'number') return end;
		const first = consumer.jobs[0];
		if (first && start < Date.parse(String(first.completed))) {
			return error(400, 'startTime must not be before the completion of the first job');
		}
		const jobs = consumer.jobs.filter((job) => {
			const completed = Date.parse(String(job.completed));
			return completed >= start && completed <= end;
		});
		return ok(collection(`${consumerPath(consumer)}/jobs/first`, jobs));
	});
	/** A status as this portal answers enums: the number, or its name. */
	const statusOut = (status: unknown) => (behaviour.enumsAs === 'name' && typeof status === 'number' ? REPORT_STATUS_NAMES[status] : status);
	const reportOut = (report: Json, fields: { status: boolean; warnings: boolean }): Json => {
		const { status, warnings, ...rest } = report;
		return {
			...rest,
			...(fields.status ? { status: statusOut(status) } : {}),
			...(fields.warnings ? { warnings: (warnings as Json[]).map((warning) => ({ ...warning, status: statusOut(warning.status) })) } : {}),
		};
	};
	route('GET', '/bunits/{bunitId}/consumers/{consumerId}/reports/latest', (request) => {
		const consumer = consumerOf(request);
		if ('status' in consumer) return consumer;
		const latest = consumer.reports[consumer.reports.length - 1];
		// Under the documented reading a report has its status and warnings only when asked, which this path cannot be.
		const fields = behaviour.reportQuery === 'filter' || behaviour.latestReportComplete;
		return latest ? ok(reportOut(latest, { status: fields, warnings: fields })) : error(404, `Consumer ${consumer.id} has no reports yet`);
	});
	/**
	 * Documented: `status=true` / `warnings=true` add the report's status / warnings to the answer
	 * (behaviour.reportQuery 'switch'). The other reading ('filter'): both are always in the answer,
	 * `status=` keeps the reports of that status and `warnings=` those with (true) or without
	 * (false) warnings.
	 */
	route('GET', '/bunits/{bunitId}/consumers/{consumerId}/reports', (request) => {
		const consumer = consumerOf(request);
		if ('status' in consumer) return consumer;
		const start = isoTime(request.query.startDate, 0);
		const end = isoTime(request.query.endDate, Number.MAX_SAFE_INTEGER);
		if (typeof start !== 'number') return start;
		if (typeof end !== 'number') return end;
		const flag = (name: string): boolean | undefined | SimResponse => {
			const value = request.query[name]?.toLowerCase();
			if (value === undefined) return undefined;
			if (value === 'true' || value === 'false') return value === 'true';
			return error(400, `'${request.query[name]}' is not a valid value for ${name}`);
		};
		let reports = consumer.reports.filter((report) => {
			const time = Date.parse(String(report.reportDate));
			return time >= start && time <= end;
		});
		if (behaviour.reportQuery === 'filter') {
			const status = request.query.status;
			if (status !== undefined) {
				const wanted = /^\d+$/.test(status) ? Number(status) : REPORT_STATUS_NAMES.findIndex((name) => name.toLowerCase() === status.toLowerCase());
				if (wanted < 0 || wanted >= REPORT_STATUS_NAMES.length) return error(400, `'${status}' is not a valid ErrorStatus`);
				reports = reports.filter((report) => report.status === wanted);
			}
			const warnings = flag('warnings');
			if (typeof warnings === 'object') return warnings;
			if (warnings !== undefined) reports = reports.filter((report) => (report.warnings as unknown[]).length > 0 === warnings);
			return ok(collection(`${consumerPath(consumer)}/reports`, reports.map((report) => reportOut(report, { status: true, warnings: true }))));
		}
		const status = flag('status');
		const warnings = flag('warnings');
		if (typeof status === 'object') return status;
		if (typeof warnings === 'object') return warnings;
		return ok(collection(`${consumerPath(consumer)}/reports`, reports.map((report) => reportOut(report, { status: status === true, warnings: warnings === true }))));
	});

	route('GET', '/bunits/{bunitId}/consumers/{consumerId}/node', (request) => {
		const found = nodeOf(request);
		return 'status' in found ? found : ok(nodeJson(found.consumer, found.node));
	});
	const nodeFields = (body: Json): { fields: Partial<BackupNode> } | SimResponse => {
		const fields: Partial<BackupNode> = {};
		const checks: Array<[keyof BackupNode, unknown, Array<{ id: number }>, string]> = [
			['operatingSystemId', body.operatingSystem, NODE_OPERATING_SYSTEMS, 'operating system'],
			['typeId', body.type, NODE_TYPES, 'node type'],
			['domainId', body.domain, DOMAINS, 'domain'],
			['clientOptionSetId', body.clientOptionSet, CLIENT_OPTION_SETS, 'client option set'],
		];
		for (const [key, value, list, label] of checks) {
			if (value === undefined) continue;
			const id = idOf(value);
			if (id === undefined || !named(list, id)) return error(400, `Unknown ${label} ${JSON.stringify(value)}`);
			(fields as Json)[key] = id;
		}
		if (body.cpuCount !== undefined) {
			if (typeof body.cpuCount !== 'number' || !Number.isInteger(body.cpuCount) || body.cpuCount < 1) return error(400, 'cpuCount must be a positive whole number');
			fields.cpuCount = body.cpuCount;
		}
		if (typeof body.contact === 'string') fields.contact = body.contact;
		return { fields };
	};
	route('POST', '/bunits/{bunitId}/consumers/{consumerId}/node', (request) => {
		const consumer = consumerOf(request);
		if ('status' in consumer) return consumer;
		if (consumer.node) return error(409, `Consumer ${consumer.id} already has a backup node`);
		const body = jsonBody(request);
		if (!body) return error(400, 'The request needs a Node body');
		for (const required of ['operatingSystem', 'type', 'domain', 'clientOptionSet']) {
			if (body[required] === undefined) return error(400, `The node needs ${required}`);
		}
		const parsed = nodeFields(body);
		if ('status' in parsed) return parsed;
		const node = portal.addNode(consumer, parsed.fields);
		return { status: 201, body: nodeJson(consumer, node) };
	});
	route('PUT', '/bunits/{bunitId}/consumers/{consumerId}/node', (request) => {
		const found = nodeOf(request);
		if ('status' in found) return found;
		const parsed = nodeFields(jsonBody(request) ?? {});
		if ('status' in parsed) return parsed;
		Object.assign(found.node, parsed.fields);
		portal.audit(found.consumer, 200, `Backup node of ${found.consumer.name} modified`);
		return ok(nodeJson(found.consumer, found.node));
	});
	route('DELETE', '/bunits/{bunitId}/consumers/{consumerId}/node', (request) => {
		const found = nodeOf(request);
		if ('status' in found) return found;
		portal.consumers.delete(found.consumer.id);
		deletions.push({ consumerId: found.consumer.id, deleteAssociations: request.query.deleteAssociations?.toLowerCase() === 'true' });
		return { status: 204 };
	});
	route('GET', '/bunits/{bunitId}/consumers/{consumerId}/node/activate', (request) => {
		const found = nodeOf(request);
		if ('status' in found) return found;
		const name = request.query.tsmName ?? '';
		if (!SP_NODE_NAME.test(name)) return error(400, `'${name}' is not a valid node name`);
		if (found.node.activatedDate) return error(409, `The node is already activated as ${String(found.node.tsmName)}`);
		const upper = name.toUpperCase();
		if ([...portal.consumers.values()].some((consumer) => consumer.node?.tsmName === upper)) {
			return error(409, `A node named ${upper} already exists on ${DEFAULT_SERVER.name}`);
		}
		found.node.tsmName = upper;
		found.node.activatedDate = new Date().toISOString();
		portal.audit(found.consumer, 200, `Backup node ${upper} activated`);
		return { status: 200, body: JSON.stringify(`Node ${upper} was registered on ${DEFAULT_SERVER.name}`), headers: { 'content-type': 'application/json' } };
	});
	/** Documented: POST a Node body with only `tsmPassword`; answers the Node. */
	route('POST', '/bunits/{bunitId}/consumers/{consumerId}/node/password', (request) => {
		const found = nodeOf(request);
		if ('status' in found) return found;
		const password = jsonBody(request)?.tsmPassword;
		if (typeof password !== 'string' || password.length < 8 || password.length > 64) {
			return error(400, 'The password must be 8 to 64 characters long');
		}
		found.node.password = password;
		portal.audit(found.consumer, 200, `Password of backup node ${String(found.node.tsmName ?? found.consumer.name)} changed`);
		return ok(nodeJson(found.consumer, found.node));
	});
	/** The node name Cloutility suggests for activation: the unit's name as IBM Storage Protect accepts it, unique on the server. */
	route('GET', '/bunits/{bunitId}/consumers/{consumerId}/node/spname', (request) => {
		const found = nodeOf(request);
		if ('status' in found) return found;
		const base = found.consumer.name.toUpperCase().replace(/[^A-Z0-9_.+&-]/g, '_').replace(/^-/, '_').slice(0, 60);
		const taken = (name: string) => [...portal.consumers.values()].some((consumer) => consumer !== found.consumer && consumer.node?.tsmName === name);
		let name = base;
		for (let suffix = 2; taken(name); suffix++) name = `${base}_${suffix}`;
		return { status: 200, body: JSON.stringify(name), headers: { 'content-type': 'application/json; charset=utf-8' } };
	});
	route('GET', '/bunits/{bunitId}/consumers/{consumerId}/node/filespaces', (request) => {
		const found = nodeOf(request);
		if ('status' in found) return found;
		const node = found.node as BackupNode & { syncedFilespaces?: Json[] };
		if (request.query.tsmSync?.toLowerCase() === 'true') node.syncedFilespaces = node.filespaces;
		return ok(collection(`${consumerPath(found.consumer)}/node/filespaces`, node.syncedFilespaces ?? []));
	});
	route('GET', '/bunits/{bunitId}/consumers/{consumerId}/node/possibleproxynodes', (request) => {
		const found = nodeOf(request);
		if ('status' in found) return found;
		const candidates = [...portal.consumers.values()].filter(
			(consumer) => consumer.id !== found.consumer.id && consumer.node?.activatedDate && visibleUnits().has(consumer.businessUnitId),
		);
		return ok(collection(`${consumerPath(found.consumer)}/node/possibleproxynodes`, candidates.map((consumer) => nodeJson(consumer, consumer.node!))));
	});
	for (const [kind, param, inverse] of [
		['proxyagents', 'proxyAgentId', 'proxyTargets'],
		['proxytargets', 'proxyTargetId', 'proxyAgents'],
	] as const) {
		const own = kind === 'proxyagents' ? 'proxyAgents' : 'proxyTargets';
		route('POST', `/bunits/{bunitId}/consumers/{consumerId}/node/${kind}`, (request) => {
			const found = nodeOf(request);
			if ('status' in found) return found;
			const otherId = Number(request.query[param]);
			const other = portal.consumers.get(otherId);
			if (!other?.node || otherId === found.consumer.id) return error(400, `${param} ${request.query[param] ?? ''} is not a possible proxy node`);
			if (!found.node[own].includes(otherId)) found.node[own].push(otherId);
			if (!other.node[inverse].includes(found.consumer.id)) other.node[inverse].push(found.consumer.id);
			return ok(nodeJson(found.consumer, found.node));
		});
		route('DELETE', `/bunits/{bunitId}/consumers/{consumerId}/node/${kind}/{otherId}`, (request) => {
			const found = nodeOf(request);
			if ('status' in found) return found;
			const otherId = Number(request.params.otherId);
			if (!found.node[own].includes(otherId)) return error(404, `Consumer ${request.params.otherId} is not in ${kind} of this node`);
			found.node[own] = found.node[own].filter((id) => id !== otherId);
			const other = portal.consumers.get(otherId)?.node;
			if (other) other[inverse] = other[inverse].filter((id) => id !== found.consumer.id);
			return { status: 204 };
		});
	}

	route('GET', '/bunits/{bunitId}/billing', (request) => {
		const unit = unitOf(request);
		if ('status' in unit) return unit;
		return ok(collection(`/bunits/${unit.id}/billing`, portal.billing.map((entry) => ({ href: portal.href(`/bunits/${unit.id}/billing/${String(entry.invoiceDateStr)}`), ...entry }))));
	});
}
