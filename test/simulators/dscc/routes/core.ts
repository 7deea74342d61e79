import type { DsccContext, Record } from '../context';
import { CUSTOMER_ID, timestamp } from '../context';

/** Storage systems of the three managed device types, as DSCC lists them fleet-wide. */
export const SYSTEMS = [
	{ id: 'SGH029VBHV', name: 'primera-650-lab', deviceType: 'device-type1', model: 'HPE Primera 650', productFamily: 'deviceType1', softwareVersion: '4.5.10' },
	{ id: '2a0df0fe6f7dc7bb16000000000000000000004817', name: 'nimble-af40-prod', deviceType: 'device-type2', model: 'HPE Alletra 6030', productFamily: 'deviceType2', softwareVersion: '6.1.1.200' },
	{ id: '7CE751P312', name: 'alletra-mp-b10k', deviceType: 'device-type4', model: 'HPE Alletra Storage MP B10000', productFamily: 'deviceType4', softwareVersion: '10.4.0' },
] as const;

export function systemRecord(system: (typeof SYSTEMS)[number], index: number): Record {
	return {
		id: system.id,
		name: system.name,
		type: 'storage-system',
		resourceUri: `/api/v1/storage-systems/${system.deviceType}/${system.id}`,
		customerId: CUSTOMER_ID,
		generation: 1,
		model: system.model,
		productFamily: system.productFamily,
		softwareVersion: system.softwareVersion,
		description: `${system.model} in rack A${index + 1}`,
		state: 'NORMAL',
		connectionStatus: 'CONNECTED',
		callhomeStatus: 'ENABLED_NORMAL',
		collectionStatus: { overAllStatus: 'NORMAL' },
		fqdn: `${system.name}.dc1.example.com`,
		mgmtIp: `10.20.0.${11 + index}`,
		systemWWN: `2FF70002AC01${(8 + index).toString(16).toUpperCase()}D94`,
		tierType: 'STORAGE_TIER_6K',
		upSince: '2026-06-01T08:00:00Z',
		lastConnectedTime: '2026-11-23T08:00:00Z',
		consoleUri: `/data-ops-manager/storage-systems/${system.id}`,
		locateEnabled: false,
		arrayList: null,
		associatedLinks: [],
	};
}

const TASK_NAMES = ['Create volume backup-01', 'Export volume sql-data', 'Update host group esx-cluster', 'Delete snapshot nightly-1120'];
const ISSUES = [
	{ severity: 'CRITICAL', title: 'Storage pool SSD_r6 is 95% full' },
	{ severity: 'WARNING', title: 'Replication partner unreachable' },
	{ severity: 'INFO', title: 'Firmware update available' },
];

export function seedCore(context: DsccContext): void {
	SYSTEMS.forEach((system, index) => context.add('storageSystems', systemRecord(system, index)));
	const base = Date.parse('2026-11-20T10:00:00Z');
	TASK_NAMES.forEach((name, index) => {
		const at = timestamp(new Date(base + index * 3_600_000));
		const failed = index === 3;
		const id = context.random.uuid();
		context.add('tasks', {
			id,
			name,
			resourceUri: `/api/v1/tasks/${id}`,
			displayName: name,
			type: 'task',
			customerId: CUSTOMER_ID,
			generation: 3,
			state: failed ? 'FAILED' : 'SUCCEEDED',
			healthStatus: failed ? 'ERROR' : 'OK',
			progressPercent: 100,
			createdAt: at,
			startedAt: at,
			endedAt: at,
			updatedAt: at,
			suggestedPollingIntervalSeconds: 1,
			estimatedRunningDurationMinutes: 1,
			logMessages: [{ message: `${name} completed`, timestamp: at }],
			associatedResources: [],
			sourceResource: null,
			childTasks: [],
			parentTask: null,
			error: failed ? { error: 'Snapshot is exported to a host', errorCode: 'SNAPSHOT_IN_USE', traceId: context.random.hex(32) } : null,
			recommendations: [],
			userId: 'automation@example.com',
		});
	});
	ISSUES.forEach((issue, index) => {
		const id = context.random.uuid();
		const at = timestamp(new Date(base + index * 7_200_000));
		context.add('issues', {
			id,
			name: issue.title,
			type: 'issue',
			resourceUri: `/api/v1/issues/${id}`,
			customerId: CUSTOMER_ID,
			generation: 1,
			createdAt: at,
			lastOccurredAt: at,
			clearedAt: null,
			issueType: 'ISSUE',
			category: 'STORAGE',
			severity: issue.severity,
			state: 'CREATED',
			title: issue.title,
			body: `${issue.title}. Open Data Services Cloud Console for details.`,
			occurrenceCount: 1,
			ruleId: `rule-${index + 1}`,
			relatedResource: { id: SYSTEMS[index].id, name: SYSTEMS[index].name, type: 'storage-system', resourceUri: `/api/v1/storage-systems/${SYSTEMS[index].id}` },
			relatedResourceOwner: null,
			additionalDetails: null,
		});
	});
	for (const system of SYSTEMS) {
		context.audit(`Storage system ${system.name} connected`, 'storage-system.connect', { id: system.id, name: system.name, type: 'storage-system' });
	}
}

/** Storage systems (fleet-wide and per device type), tasks, issues and audit events. */
export function registerCore(context: DsccContext): void {
	const { sim } = context;
	const systems = context.collection('storageSystems');

	sim.route('GET', '/api/v1/storage-systems', (request) => context.list(request, systems.values()));
	sim.route('GET', '/api/v1/storage-systems/{id}', (request) =>
		context.one(request, systems.get(request.params.id), 'Storage system', request.params.id),
	);
	for (const deviceType of ['device-type1', 'device-type2', 'device-type4']) {
		const ofType = () => [...systems.values()].filter((system) => String(system.resourceUri).includes(`/${deviceType}/`));
		sim.route('GET', `/api/v1/storage-systems/${deviceType}`, (request) => context.list(request, ofType()));
		const param = deviceType === 'device-type2' ? 'systemId' : 'id';
		sim.route('GET', `/api/v1/storage-systems/${deviceType}/{${param}}`, (request) => {
			const id = request.params[param];
			return context.one(request, ofType().find((system) => system.id === id), 'Storage system', id);
		});
	}
	for (const deviceType of ['device-type1', 'device-type4']) {
		sim.route('POST', `/api/v1/storage-systems/${deviceType}/{id}`, (request) => {
			const system = systems.get(request.params.id);
			if (!system || !String(system.resourceUri).includes(`/${deviceType}/`)) return context.notFound('Storage system', request.params.id);
			const locateEnabled = (request.body as Record).locateEnabled === true;
			return context.tasks.accept({
				displayName: `${locateEnabled ? 'Enable' : 'Disable'} locate on ${String(system.name)}`,
				source: { id: String(system.id), name: String(system.name), type: 'storage-system', resourceUri: String(system.resourceUri) },
				complete: () => {
					system.locateEnabled = locateEnabled;
					context.audit(`Locate ${locateEnabled ? 'enabled' : 'disabled'} on ${String(system.name)}`, 'storage-system.locate', { id: String(system.id), name: String(system.name), type: 'storage-system' });
				},
			});
		});
	}

	const tasks = context.collection('tasks');
	const newestFirst = () => [...tasks.values()].sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
	sim.route('GET', '/api/v1/tasks', (request) => context.list(request, newestFirst()));
	sim.route('GET', '/api/v1/tasks/{id}', (request) => context.one(request, tasks.get(request.params.id), 'Task', request.params.id));

	const issues = context.collection('issues');
	sim.route('GET', '/api/v1/issues', (request) => context.list(request, issues.values()));
	sim.route('GET', '/api/v1/issues/{id}', (request) => context.one(request, issues.get(request.params.id), 'Issue', request.params.id));

	const auditEvents = context.collection('auditEvents');
	sim.route('GET', '/api/v1/audit-events', (request) => {
		// DSCC documents: "Currently only support sorting by 1 property per request".
		if ((request.query.sort ?? '').includes(',')) {
			return context.error(400, 'Audit events can be sorted by one property only', 'INVALID_PARAMETER');
		}
		return context.list(request, auditEvents.values());
	});
}
