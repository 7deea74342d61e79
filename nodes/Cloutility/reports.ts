import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { apiRequest } from '../shared/transport';
import type { RequestContext } from '../shared/transport';
import { cloutilityApi } from './api';
import { rethrow } from './consumerRequest';

/**
 * Cloutility's ErrorStatus of node reports and their warnings, in the order of Cloutility's API
 * help (an ASP.NET enum: numbered from 0 in that order). APIs answer the number or the name.
 */
export const REPORT_STATUS_NAMES = ['Ok', 'OkWithWarnings', 'Warning', 'Error', 'Ignored', 'Pending'] as const;

/** The statuses as the editor offers them (value: Cloutility's name). */
export const REPORT_STATUS_OPTIONS = [
	{ name: 'OK', value: 'Ok' },
	{ name: 'OK With Warnings', value: 'OkWithWarnings' },
	{ name: 'Warning', value: 'Warning' },
	{ name: 'Error', value: 'Error' },
	{ name: 'Ignored', value: 'Ignored' },
	{ name: 'Pending', value: 'Pending' },
];

/** Cloutility's name of a status given as a number, a name (any case) or a `{name}` object. */
export function statusName(status: unknown): string {
	if (typeof status === 'object' && status !== null && typeof (status as IDataObject).name === 'string') {
		return statusName((status as IDataObject).name);
	}
	if (typeof status === 'string' && status.trim() !== '') {
		const text = status.trim();
		if (/^\d+$/.test(text)) return statusName(Number(text));
		return REPORT_STATUS_NAMES.find((name) => name.toLowerCase() === text.toLowerCase()) ?? `Unknown (${text})`;
	}
	if (typeof status === 'number' && Number.isInteger(status) && status >= 0 && status < REPORT_STATUS_NAMES.length) {
		return REPORT_STATUS_NAMES[status];
	}
	return `Unknown (${String(status)})`;
}

/**
 * The statuses of the first version of the "Status" filter, saved as numbers: 0 OK, 1 Warning,
 * 2 Error (what the user picked then).
 */
const LEGACY_FILTER_STATUSES = ['Ok', 'Warning', 'Error'];

/** The status name a "Status" filter asks for, from a saved name or a legacy number. */
export function filterStatusName(value: unknown): string {
	if (typeof value === 'number') return LEGACY_FILTER_STATUSES[value] ?? `Unknown (${value})`;
	return statusName(value);
}

/** The node warning types by ID, read once per execution step. */
export async function warningTypes(ctx: RequestContext, itemIndex?: number): Promise<Map<number, IDataObject>> {
	const { body } = await apiRequest<IDataObject>(ctx, cloutilityApi, { method: 'GET', path: '/v1/nodewarningtypes', itemIndex });
	const items = Array.isArray(body.items) ? (body.items as IDataObject[]) : [];
	return new Map(items.map((type) => [Number(type.id), type]));
}

const itemsOf = (body: unknown): IDataObject[] => {
	if (Array.isArray(body)) return body as IDataObject[];
	const items = (body as IDataObject | undefined)?.items;
	return Array.isArray(items) ? (items as IDataObject[]) : [];
};

/** Whether a report carries its status and its warnings (Cloutility adds them only when asked). */
export function hasStatusAndWarnings(report: IDataObject): boolean {
	return report.status !== undefined && report.status !== null && Array.isArray(report.warnings);
}

/**
 * The node reports of a consumption unit in a date range, with their status and warnings.
 *
 * Cloutility documents `status=true` and `warnings=true` as switches that add those fields to the
 * reports; an API that reads them as filters would drop reports instead. So the reports are read
 * without them first; only when that answer lacks the fields are they asked for, and what comes
 * back is laid over the first answer by report ID: every report is kept under either reading.
 */
export async function readReports(
	ctx: RequestContext,
	request: { path: string; startDate?: string; endDate?: string; subject: string; itemIndex?: number },
): Promise<IDataObject[]> {
	const range: IDataObject = { startDate: request.startDate, endDate: request.endDate };
	const read = async (extra: IDataObject) =>
		itemsOf(
			(
				await apiRequest<IDataObject>(ctx, cloutilityApi, {
					method: 'GET',
					path: `${request.path}/reports`,
					qs: { ...range, ...extra },
					subject: request.subject,
					itemIndex: request.itemIndex,
				})
			).body,
		);
	const reports = await read({});
	if (reports.every(hasStatusAndWarnings)) return reports;
	let detailed: IDataObject[];
	try {
		detailed = await read({ status: true, warnings: true });
	} catch (error) {
		// An API that takes them as filters of another kind may refuse `true`: keep what was read.
		if (error instanceof NodeApiError && error.httpCode === '400') return reports;
		rethrow(ctx, error);
	}
	const byId = new Map(detailed.map((report) => [String(report.id), report]));
	const merged = reports.map((report) => ({ ...report, ...(byId.get(String(report.id)) ?? {}) }));
	const known = new Set(reports.map((report) => String(report.id)));
	return [...merged, ...detailed.filter((report) => !known.has(String(report.id)))];
}

/** A node report with its status and warnings in words: `statusName`, and each warning's `typeName`. */
export function decodeReport(report: IDataObject, types: Map<number, IDataObject>): IDataObject {
	const warnings = Array.isArray(report.warnings) ? (report.warnings as IDataObject[]) : [];
	return {
		...report,
		statusName: statusName(report.status),
		warnings: warnings.map((warning) => {
			const typeId = Number((warning.type as IDataObject | undefined)?.id ?? warning.type);
			const type = types.get(typeId);
			return {
				...warning,
				typeName: typeof type?.name === 'string' ? type.name : `Warning type ${typeId}`,
				statusName: statusName(warning.status),
			};
		}),
	};
}

export type Problem = 'failed' | 'warning';

/** Failed or warning, for a job (IBM Storage Protect result 12+ or a failed status; 4 and 8 are warnings). */
export function jobProblem(job: IDataObject): Problem | undefined {
	const result = Number(job.result);
	const status = String(typeof job.status === 'string' ? job.status : ((job.status as IDataObject | undefined)?.name ?? '')).toLowerCase();
	if (result >= 12 || /fail|error|missed|abort/.test(status)) return 'failed';
	if (result === 4 || result === 8 || Number(job.failedFiles) > 0 || /warning/.test(status)) return 'warning';
	return undefined;
}

/** Failed or warning, for a node report (ErrorStatus, else its warnings); Ok, Ignored and Pending are neither. */
export function reportProblem(report: IDataObject): Problem | undefined {
	const name = statusName(report.status);
	if (name === 'Ignored' || name === 'Pending') return undefined;
	if (name === 'Error') return 'failed';
	if (name === 'Warning' || name === 'OkWithWarnings') return 'warning';
	const warnings = Array.isArray(report.warnings) ? (report.warnings as IDataObject[]) : [];
	if (warnings.some((warning) => statusName(warning.status) === 'Error')) return 'failed';
	return warnings.length > 0 ? 'warning' : undefined;
}
