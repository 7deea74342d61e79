/**
 * The data of a simulated Cloutility portal: a business-unit tree, consumption units with their
 * backup nodes, the lookups node creation needs, audit logs, and backup jobs and node reports that
 * accumulate round by round (some failed, some with warnings).
 */
export type Json = { [key: string]: unknown };

export const TIME_ZONES = [
	{ id: 1, name: '(GMT) Coordinated Universal Time', windowsId: 'UTC', offset: 0 },
	{ id: 2, name: '(GMT+00:00) Dublin, Edinburgh, Lisbon, London', windowsId: 'GMT Standard Time', offset: 0 },
	{ id: 4, name: '(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna', windowsId: 'W. Europe Standard Time', offset: 60 },
	{ id: 7, name: '(GMT+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius', windowsId: 'FLE Standard Time', offset: 120 },
	{ id: 12, name: '(GMT-05:00) Eastern Time (US & Canada)', windowsId: 'Eastern Standard Time', offset: -300 },
];

export const NODE_TYPES = [
	{ id: 1, name: 'File server', shortName: 'FILE' },
	{ id: 2, name: 'Workstation', shortName: 'WS' },
	{ id: 3, name: 'SQL Server', shortName: 'SQL' },
	{ id: 4, name: 'VMware datacenter', shortName: 'VE' },
];

export const NODE_OPERATING_SYSTEMS = [
	{ id: 1, name: 'Windows', shortName: 'WIN', supportedNodeTypes: [1, 2, 3] },
	{ id: 2, name: 'Linux', shortName: 'LNX', supportedNodeTypes: [1, 2] },
	{ id: 3, name: 'macOS', shortName: 'MAC', supportedNodeTypes: [2] },
	{ id: 4, name: 'VMware', shortName: 'VMW', supportedNodeTypes: [4] },
];

export const DEFAULT_SERVER = { id: 1, name: 'SP01' };

export const DOMAINS = [
	{ id: 11, name: 'STANDARD_30D', description: '30 days retention', backupRetention: 30, archiveRetention: 365 },
	{ id: 12, name: 'LONGTERM_365D', description: '1 year retention', backupRetention: 365, archiveRetention: 3650 },
];

export const CLIENT_OPTION_SETS = [
	{ id: 21, name: 'DEFAULT', description: 'Compression and deduplication on' },
	{ id: 22, name: 'LAPTOP', description: 'Bandwidth limited, resumes after sleep' },
];

export const NODE_WARNING_TYPES = [
	{ id: 1, name: 'No backup activity', usesLimit: true },
	{ id: 2, name: 'Failed files above limit', usesLimit: true },
	{ id: 3, name: 'Storage above limit', usesLimit: true },
	{ id: 4, name: 'Missed schedule', usesLimit: false },
];

/** Node report status (Cloutility's ErrorStatus), numbered in the order its API help lists them. */
export const REPORT_STATUS_NAMES = ['Ok', 'OkWithWarnings', 'Warning', 'Error', 'Ignored', 'Pending'] as const;
export const REPORT_STATUS = { ok: 0, okWithWarnings: 1, warning: 2, error: 3, ignored: 4, pending: 5 } as const;

export interface BusinessUnit {
	id: number;
	parentId?: number;
	name: string;
	registrationNumber: string;
	note?: string;
	timeZoneId: number;
	invoiceDay: number;
	createdDate: string;
	users: Json[];
}

export interface BackupNode {
	id: number;
	cpuCount: number;
	contact: string;
	operatingSystemId: number;
	typeId: number;
	domainId: number;
	clientOptionSetId: number;
	tsmName?: string;
	/** Set through `…/node/password`. */
	password?: string;
	activatedDate?: string;
	proxyAgents: number[];
	proxyTargets: number[];
	filespaces: Json[];
	createdDate: string;
}

export interface Consumer {
	id: number;
	businessUnitId: number;
	name: string;
	note?: string;
	externalReference?: string;
	limitHighStorage: number;
	allowNoActivity: boolean;
	billingStartDate: string;
	createdDate: string;
	node?: BackupNode;
	jobs: Json[];
	reports: Json[];
	auditLogs: Json[];
}

/** One backup round's outcome for a node: IBM Storage Protect result codes 0, 4/8 (warnings), 12 (errors). */
export type BackupOutcome = 'success' | 'warning' | 'failed';

export class Portal {
	readonly businessUnits = new Map<number, BusinessUnit>();
	readonly consumers = new Map<number, Consumer>();
	readonly billing: Json[] = [];
	private nextId = 1000;
	/** Outcomes cycle per node so every round has some failures and warnings. */
	private readonly pattern: BackupOutcome[] = ['success', 'warning', 'success', 'failed', 'success'];
	private round = 0;

	constructor(readonly url: string) {}

	id(): number {
		return this.nextId++;
	}

	href(path: string): string {
		return `${this.url}/v1${path}`;
	}

	addBusinessUnit(unit: Omit<BusinessUnit, 'id' | 'createdDate' | 'users' | 'invoiceDay' | 'registrationNumber' | 'timeZoneId'> & Partial<BusinessUnit>): BusinessUnit {
		const created: BusinessUnit = {
			id: unit.id ?? this.id(),
			registrationNumber: '',
			timeZoneId: 4,
			invoiceDay: 0,
			createdDate: new Date().toISOString(),
			users: [],
			...unit,
		};
		this.businessUnits.set(created.id, created);
		return created;
	}

	children(id: number): BusinessUnit[] {
		return [...this.businessUnits.values()].filter((unit) => unit.parentId === id);
	}

	descendants(id: number): BusinessUnit[] {
		return this.children(id).flatMap((child) => [child, ...this.descendants(child.id)]);
	}

	addConsumer(businessUnitId: number, fields: Partial<Consumer> & { name: string }): Consumer {
		const now = new Date().toISOString();
		const consumer: Consumer = {
			id: this.id(),
			businessUnitId,
			limitHighStorage: 0,
			allowNoActivity: false,
			billingStartDate: now.slice(0, 10) + 'T00:00:00Z',
			createdDate: now,
			jobs: [],
			reports: [],
			auditLogs: [],
			...fields,
		};
		this.consumers.set(consumer.id, consumer);
		this.audit(consumer, 100, `Consumption unit ${consumer.name} created`);
		return consumer;
	}

	addNode(consumer: Consumer, fields: Partial<BackupNode>): BackupNode {
		consumer.node = {
			id: this.id(),
			cpuCount: 1,
			contact: '',
			operatingSystemId: 1,
			typeId: 1,
			domainId: DOMAINS[0].id,
			clientOptionSetId: CLIENT_OPTION_SETS[0].id,
			proxyAgents: [],
			proxyTargets: [],
			filespaces: [],
			createdDate: new Date().toISOString(),
			...fields,
		};
		this.audit(consumer, 100, `Backup node created for ${consumer.name}`);
		return consumer.node;
	}

	audit(consumer: Consumer, type: 0 | 100 | 200 | 300 | 400, message: string): void {
		consumer.auditLogs.push({ id: this.id(), type, message, userName: 'api-user', createdDate: new Date().toISOString() });
	}

	/**
	 * One nightly backup of every activated node: a job and a node report each, the outcome taken
	 * from a fixed cycle (or from `outcomes` by consumption unit ID).
	 */
	runBackupRound(outcomes: { [consumerId: number]: BackupOutcome } = {}): void {
		const completed = new Date();
		let index = this.round++;
		for (const consumer of this.consumers.values()) {
			const node = consumer.node;
			if (!node?.activatedDate) continue;
			const outcome = outcomes[consumer.id] ?? this.pattern[index++ % this.pattern.length];
			this.recordBackup(consumer, node, outcome, completed);
		}
	}

	private recordBackup(consumer: Consumer, node: BackupNode, outcome: BackupOutcome, completed: Date): void {
		const started = new Date(completed.getTime() - 42 * 60_000);
		const failedFiles = outcome === 'failed' ? 312 : outcome === 'warning' ? 3 : 0;
		const result = outcome === 'failed' ? 12 : outcome === 'warning' ? 4 : 0;
		const jobId = this.id();
		const status =
			outcome === 'failed' ? { id: 3, name: 'Failed' } : outcome === 'warning' ? { id: 2, name: 'Completed with warnings' } : { id: 1, name: 'Completed' };
		consumer.jobs.push({
			href: this.href(`/bunits/${consumer.businessUnitId}/consumers/${consumer.id}/jobs/${jobId}`),
			businessUnitId: consumer.businessUnitId,
			consumerId: consumer.id,
			dataSourceId: node.id,
			serverId: DEFAULT_SERVER.id,
			tags: [],
			type: { id: 1, name: 'Backup' },
			status,
			severity: result === 0 ? 0 : result === 4 ? 1 : 2,
			scheduled: true,
			scheduledStart: started.toISOString(),
			actualStart: started.toISOString(),
			completed: completed.toISOString(),
			examinedFiles: 48_213,
			affectedFiles: 1_204,
			failedFiles,
			result,
			transferredMegaBytes: 5_210.5,
			transferredGigaBytes: 5.09,
			serverType: { id: 1, name: 'IBM Storage Protect' },
			jobName: { id: 1, name: 'DAILY_INCR' },
			name: 'DAILY_INCR',
			duration: '00:42:00',
			transferredMegaBytesPerSecond: 2.07,
			id: jobId,
			createdDate: completed.toISOString(),
		});
		const reportId = this.id();
		const warnings: Json[] = [];
		if (outcome === 'warning') {
			warnings.push({ type: { id: 2 }, status: REPORT_STATUS.warning, days: 1, limit: 0, nodeReportId: reportId, id: this.id(), createdDate: completed.toISOString() });
		}
		if (outcome === 'failed') {
			warnings.push({ type: { id: 4 }, status: REPORT_STATUS.error, days: 1, limit: 0, nodeReportId: reportId, id: this.id(), createdDate: completed.toISOString() });
			warnings.push({ type: { id: 1 }, status: REPORT_STATUS.error, days: 1, limit: 24, nodeReportId: reportId, id: this.id(), createdDate: completed.toISOString() });
		}
		const unit = this.businessUnits.get(consumer.businessUnitId)!;
		consumer.reports.push({
			name: consumer.name,
			statusReportId: reportId,
			pending: false,
			dataSourceType: { id: 1, name: 'SP Backup node' },
			nodeReportTypeId: 1,
			dataSource: node.tsmName,
			dataSourceState: { id: 3, name: 'Active' },
			deviceName: node.tsmName,
			tsmName: node.tsmName,
			status: outcome === 'failed' ? REPORT_STATUS.error : outcome === 'warning' ? REPORT_STATUS.warning : REPORT_STATUS.ok,
			tsmServerName: DEFAULT_SERVER.name,
			proxyNodeReports: [],
			errorsDeactivated: false,
			errorsDeactivatedNoActivity: false,
			megaBytes: 120_000,
			backupMegaBytes: 118_000,
			archiveMegaBytes: 2_000,
			transferredMegaBytes: 5_210.5,
			comments: [],
			consumerId: consumer.id,
			nodeId: node.id,
			businessUnitId: unit.id,
			businessUnitName: unit.name,
			reportDate: completed.toISOString(),
			warnings,
			id: reportId,
			createdDate: completed.toISOString(),
			href: this.href(`/bunits/${unit.id}/consumers/${consumer.id}/reports/${reportId}`),
		});
		node.filespaces = ['C:', 'D:', '\\\\?\\Volume{SYSTEM}'].slice(0, node.operatingSystemId === 1 ? 3 : 1).map((name, index) => ({
			id: node.id * 10 + index,
			name: node.operatingSystemId === 1 ? `\\\\${String(node.tsmName).toLowerCase()}\\${name.replace(':', '$')}` : '/',
			tsmFilespaceId: String(index + 1),
			type: node.operatingSystemId === 1 ? 'NTFS' : 'EXT4',
			capacityMegaBytes: 500_000,
			percentageUtilized: 41.5,
			lastBackupStart: started.toISOString(),
			lastBackupEnd: completed.toISOString(),
			createdDate: node.createdDate,
		}));
	}
}

/** Seeds a provider's tree: a reseller with two customers and their departments, some activated nodes. */
export function seedPortal(portal: Portal): { rootId: number; username: string } {
	const root = portal.addBusinessUnit({ id: 22, name: 'Company AB', registrationNumber: 'SE556612345678' });
	root.users.push({ id: 501, name: 'api-user', email: 'api@company.example', displayName: 'API user', businessUnitId: 22 });
	root.users.push({ id: 502, name: 'jenny', email: 'jenny@company.example', displayName: 'Jenny Svensson', businessUnitId: 22 });
	const marketing = portal.addBusinessUnit({ id: 76, parentId: 22, name: 'Marketing Department', registrationNumber: '123456789999' });
	portal.addBusinessUnit({ id: 94, parentId: 22, name: 'HR Department' });
	portal.addBusinessUnit({ id: 95, parentId: 94, name: 'HR Payroll', timeZoneId: 7 });
	marketing.users.push({ id: 503, name: 'lisa', email: 'lisa@company.example', displayName: 'Lisa Berg', businessUnitId: 76 });

	const seeds: Array<[number, string, string, number]> = [
		[22, 'FILESRV01', 'Main file server', 1],
		[76, 'JennysWS', "Jenny's workstation.", 2],
		[76, 'MKT-LAPTOP-07', 'Marketing laptop', 2],
		[94, 'HR-SQL01', 'Payroll database', 1],
	];
	for (const [unitId, name, note, os] of seeds) {
		const consumer = portal.addConsumer(unitId, { name, note });
		portal.addNode(consumer, {
			operatingSystemId: os,
			typeId: os === 2 ? 1 : 2,
			contact: 'it@company.example',
			tsmName: name.toUpperCase().replace(/[^A-Z0-9_.+&-]/g, '_'),
			activatedDate: new Date().toISOString(),
		});
	}
	portal.billing.push({
		id: portal.id(),
		invoiceDateStr: '2026-11-01',
		invoiceDate: '2026-11-01T00:00:00Z',
		summary: [{ currency: { id: 1, code: 'SEK', name: 'Swedish krona', symbol: 'kr' }, total: 18_450.25 }],
		invoices: [],
		createdDate: new Date().toISOString(),
	});
	return { rootId: root.id, username: 'api-user' };
}
