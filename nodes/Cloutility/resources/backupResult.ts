import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { apiRequest } from '../../shared/transport';
import { cloutilityApi } from '../api';
import { REPORT_STATUSES, decodeReport, warningTypes } from '../reports';
import { optionalTime } from './common';
import { consumerLocators, readConsumer } from './consumptionUnit';

async function firstJob(p: ParameterReader, path: string, subject: string): Promise<IDataObject | undefined> {
	try {
		return (await apiRequest<IDataObject>(p.ctx, cloutilityApi, { method: 'GET', path: `${path}/jobs/first`, subject, itemIndex: p.itemIndex })).body;
	} catch (error) {
		// Cloutility answers 404 while the unit has no job yet.
		if (error instanceof NodeApiError && error.httpCode === '404') return undefined;
		throw new NodeApiError(p.ctx.getNode(), error as JsonObject);
	}
}

function window(p: ParameterReader, startName: string, endName: string): { start?: string; end?: string } {
	const start = optionalTime(p, p.raw(startName, ''), 'Start');
	const end = optionalTime(p, p.raw(endName, ''), 'End');
	if (start && end && start > end) p.fail('The start is after the end', 'Swap the two dates.');
	return { start, end };
}

export const backupResult: ResourceDefinition = {
	value: 'backupResult',
	name: 'Backup Result',
	operations: [
		{
			value: 'getFirstJob',
			name: 'Get First Job',
			action: 'Get first backup job',
			description: 'Get the first job a consumption unit ran, e.g. to check that a new client has started backing up',
			properties: consumerLocators,
			run: async (p) => {
				const { path, subject } = readConsumer(p);
				const job = await firstJob(p, path, subject);
				return job ?? [];
			},
		},
		{
			value: 'getJobs',
			name: 'Get Jobs',
			action: 'Get backup jobs in a time window',
			description: 'List the backup, archive and restore jobs of a consumption unit that completed in a time window',
			properties: [
				...consumerLocators,
				{ displayName: 'Start Time', name: 'startTime', type: 'dateTime', default: '', description: 'Jobs completed from this time on; empty for the last 24 hours' },
				{ displayName: 'End Time', name: 'endTime', type: 'dateTime', default: '', description: 'Jobs completed up to this time; empty for up to now' },
			],
			run: async (p) => {
				const { path, subject } = readConsumer(p);
				const range = window(p, 'startTime', 'endTime');
				let start = range.start;
				const end = range.end;
				// Cloutility refuses a window that starts before the unit's first job: start there instead.
				const first = await firstJob(p, path, subject);
				if (!first) return [];
				const firstCompleted = typeof first.completed === 'string' ? new Date(first.completed).toISOString() : undefined;
				if (start && firstCompleted && start < firstCompleted) start = firstCompleted;
				const { body } = await apiRequest<IDataObject>(p.ctx, cloutilityApi, {
					method: 'GET',
					path: `${path}/jobs`,
					qs: { startTime: start, endTime: end },
					subject,
					itemIndex: p.itemIndex,
				});
				return Array.isArray(body.items) ? (body.items as IDataObject[]) : [];
			},
		},
		{
			value: 'getLatestReport',
			name: 'Get Latest Report',
			action: 'Get latest backup report',
			description: 'Get the latest node report of a consumption unit, with its status and warnings in words',
			properties: consumerLocators,
			run: async (p) => {
				const { path, subject } = readConsumer(p);
				const { body } = await apiRequest<IDataObject>(p.ctx, cloutilityApi, { method: 'GET', path: `${path}/reports/latest`, subject, itemIndex: p.itemIndex });
				return decodeReport(body, await warningTypes(p.ctx, p.itemIndex));
			},
		},
		{
			value: 'getReports',
			name: 'Get Reports',
			action: 'Get backup reports in a date range',
			description: 'List the node reports of a consumption unit in a date range, with status and warnings in words',
			properties: [
				...consumerLocators,
				{ displayName: 'Start Date', name: 'startDate', type: 'dateTime', default: '', description: 'Reports from this date on; empty for all' },
				{ displayName: 'End Date', name: 'endDate', type: 'dateTime', default: '', description: 'Reports up to this date; empty for up to now' },
				{
					displayName: 'Filters',
					name: 'filters',
					type: 'collection',
					placeholder: 'Add Filter',
					default: {},
					options: [
						{ displayName: 'Status', name: 'status', type: 'options', options: REPORT_STATUSES, default: 2, description: 'Only reports with this status' },
						{ displayName: 'Only With Warnings', name: 'warnings', type: 'boolean', default: true, description: 'Whether to return only reports that carry warnings' },
					],
				},
			],
			run: async (p) => {
				const { path, subject } = readConsumer(p);
				const { start, end } = window(p, 'startDate', 'endDate');
				const filters = p.collection('filters');
				const qs: IDataObject = { startDate: start, endDate: end };
				if (filters.status !== undefined) qs.status = filters.status;
				if (filters.warnings === true) qs.warnings = true;
				const { body } = await apiRequest<IDataObject>(p.ctx, cloutilityApi, { method: 'GET', path: `${path}/reports`, qs, subject, itemIndex: p.itemIndex });
				const reports = Array.isArray(body.items) ? (body.items as IDataObject[]) : [];
				if (reports.length === 0) return [];
				const types = await warningTypes(p.ctx, p.itemIndex);
				return reports.map((report) => decodeReport(report, types));
			},
		},
	],
};
