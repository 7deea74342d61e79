import type { IDataObject } from 'n8n-workflow';

import { limitedItems, pagingPropertiesReturningAll } from '../../shared/descriptions';
import type { ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { apiRequest } from '../../shared/transport';
import { cloutilityApi } from '../api';
import { belowConsumer } from '../consumerRequest';
import { firstJob, jobsInWindow } from '../jobs';
import { REPORT_STATUS_OPTIONS, decodeReport, filterStatusName, hasStatusAndWarnings, readReports, warningTypes } from '../reports';
import { optionalTime } from './common';
import { consumerLocators, readConsumer } from './consumptionUnit';

function window(p: ParameterReader, startName: string, endName: string): { start?: string; end?: string } {
	const start = optionalTime(p, p.raw(startName, ''), 'Start');
	const end = optionalTime(p, p.raw(endName, ''), 'End');
	if (start && end && start > end) p.fail('The start is after the end', 'Swap the two dates.');
	return { start, end };
}

const time = (iso?: string) => (iso === undefined ? undefined : Date.parse(iso));

export const backupResult: ResourceDefinition = {
	value: 'backupResult',
	name: 'Backup Result',
	operations: [
		{
			value: 'getFirstJob',
			name: 'Get First Job',
			action: 'Get the first backup job',
			description: 'Get the first job a consumption unit ran, e.g. to check that a new client has started backing up',
			properties: consumerLocators,
			run: async (p) => {
				const unit = readConsumer(p);
				return (await firstJob(p.ctx, unit, p.itemIndex)) ?? [];
			},
		},
		{
			value: 'getJobs',
			name: 'Get Jobs',
			action: 'Get many backup jobs in a time window',
			description: 'List the backup, archive and restore jobs of a consumption unit that completed in a time window',
			properties: [
				...consumerLocators,
				{ displayName: 'Start Time', name: 'startTime', type: 'dateTime', default: '', description: 'Jobs completed from this time on; empty for the last 24 hours' },
				{ displayName: 'End Time', name: 'endTime', type: 'dateTime', default: '', description: 'Jobs completed up to this time; empty for up to now' },
				...pagingPropertiesReturningAll('jobs'),
			],
			run: async (p) => {
				const unit = readConsumer(p);
				const { start, end } = window(p, 'startTime', 'endTime');
				const jobs = await jobsInWindow(p.ctx, unit, { start: time(start), end: time(end), itemIndex: p.itemIndex });
				return limitedItems(p, jobs, true);
			},
		},
		{
			value: 'getLatestReport',
			name: 'Get Latest Report',
			action: 'Get the latest backup report',
			description: 'Get the latest node report of a consumption unit, with its status and warnings in words',
			properties: consumerLocators,
			run: async (p) => {
				const unit = readConsumer(p);
				const path = `${unit.path}/reports/latest`;
				const { body } = await belowConsumer(p.ctx, unit, { description: 'latest report', path, itemIndex: p.itemIndex }, async () =>
					await apiRequest<IDataObject>(p.ctx, cloutilityApi, { method: 'GET', path, subject: unit.subject, itemIndex: p.itemIndex }),
				);
				let report = body;
				const reportDate = typeof report.reportDate === 'string' ? Date.parse(report.reportDate) : Number.NaN;
				// The latest report takes no status= / warnings=: where it comes without them, read them from the listing around its date.
				if (!hasStatusAndWarnings(report) && Number.isFinite(reportDate)) {
					const day = 24 * 3600_000;
					const around = await readReports(p.ctx, {
						path: unit.path,
						startDate: new Date(reportDate - day).toISOString(),
						endDate: new Date(reportDate + day).toISOString(),
						subject: unit.subject,
						itemIndex: p.itemIndex,
					});
					report = { ...report, ...(around.find((candidate) => String(candidate.id) === String(report.id)) ?? {}) };
				}
				return decodeReport(report, await warningTypes(p.ctx, p.itemIndex));
			},
		},
		{
			value: 'getReports',
			name: 'Get Reports',
			action: 'Get many backup reports in a date range',
			description: 'List the node reports of a consumption unit in a date range, with status and warnings in words',
			properties: [
				...consumerLocators,
				{ displayName: 'Start Date', name: 'startDate', type: 'dateTime', default: '', description: 'Reports from this date on; empty for all' },
				{ displayName: 'End Date', name: 'endDate', type: 'dateTime', default: '', description: 'Reports up to this date; empty for up to now' },
				...pagingPropertiesReturningAll('reports'),
				{
					displayName: 'Filters',
					name: 'filters',
					type: 'collection',
					placeholder: 'Add Filter',
					default: {},
					options: [
						{ displayName: 'Status', name: 'status', type: 'options', options: REPORT_STATUS_OPTIONS, default: 'Error', description: 'Only reports with this status' },
						{ displayName: 'Only With Warnings', name: 'warnings', type: 'boolean', default: true, description: 'Whether to return only reports that carry warnings' },
					],
				},
			],
			run: async (p) => {
				const unit = readConsumer(p);
				const { start, end } = window(p, 'startDate', 'endDate');
				const filters = p.collection('filters');
				const path = `${unit.path}/reports`;
				let reports = await belowConsumer(p.ctx, unit, { description: 'reports', path, itemIndex: p.itemIndex }, async () =>
					await readReports(p.ctx, { path: unit.path, startDate: start, endDate: end, subject: unit.subject, itemIndex: p.itemIndex }),
				);
				if (reports.length === 0) return [];
				const types = await warningTypes(p.ctx, p.itemIndex);
				reports = reports.map((report) => decodeReport(report, types));
				// Filtered here: Cloutility's status= and warnings= ask for fields, they do not filter.
				if (filters.status !== undefined && filters.status !== '') {
					const wanted = filterStatusName(filters.status);
					reports = reports.filter((report) => report.statusName === wanted);
				}
				if (filters.warnings === true) reports = reports.filter((report) => (report.warnings as IDataObject[]).length > 0);
				return limitedItems(p, reports, true);
			},
		},
	],
};
