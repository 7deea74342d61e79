import type { IDataObject } from 'n8n-workflow';

import { apiRequest } from '../shared/transport';
import type { RequestContext } from '../shared/transport';
import { cloutilityApi } from './api';

/** Cloutility's ErrorStatus of node reports and their warnings. */
export const REPORT_STATUSES: Array<{ name: string; value: number }> = [
	{ name: 'OK', value: 0 },
	{ name: 'Warning', value: 1 },
	{ name: 'Error', value: 2 },
];

export function statusName(status: unknown): string {
	if (typeof status === 'object' && status !== null && typeof (status as IDataObject).name === 'string') {
		return (status as IDataObject).name as string;
	}
	return REPORT_STATUSES.find((entry) => entry.value === status)?.name ?? `Unknown (${String(status)})`;
}

/** The node warning types by ID, read once per execution step. */
export async function warningTypes(ctx: RequestContext, itemIndex?: number): Promise<Map<number, IDataObject>> {
	const { body } = await apiRequest<IDataObject>(ctx, cloutilityApi, { method: 'GET', path: '/v1/nodewarningtypes', itemIndex });
	const items = Array.isArray(body.items) ? (body.items as IDataObject[]) : [];
	return new Map(items.map((type) => [Number(type.id), type]));
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
	const status = String((job.status as IDataObject | undefined)?.name ?? '').toLowerCase();
	if (result >= 12 || /fail|error|missed|abort/.test(status)) return 'failed';
	if (result === 4 || result === 8 || Number(job.failedFiles) > 0 || /warning/.test(status)) return 'warning';
	return undefined;
}

/** Failed or warning, for a node report (ErrorStatus, else its warnings). */
export function reportProblem(report: IDataObject): Problem | undefined {
	const name = statusName(report.status).toLowerCase();
	if (name === 'error') return 'failed';
	if (name === 'warning') return 'warning';
	const warnings = Array.isArray(report.warnings) ? (report.warnings as IDataObject[]) : [];
	if (warnings.some((warning) => statusName(warning.status).toLowerCase() === 'error')) return 'failed';
	return warnings.length > 0 ? 'warning' : undefined;
}
