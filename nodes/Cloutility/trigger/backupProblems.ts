import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { Position } from '../../shared/trigger/position';
import { advance, bounded, isAfter } from '../../shared/trigger/position';
import { apiRequest } from '../../shared/transport';
import { CLOUTILITY_ID_PATTERN, cloutilityApi, consumerPath } from '../api';
import { belowConsumer } from '../consumerRequest';
import { jobsInWindow } from '../jobs';
import type { Problem } from '../reports';
import { decodeReport, jobProblem, readReports, reportProblem, warningTypes } from '../reports';

export type Source = 'reports' | 'jobs';

/** One consumption unit the trigger watches. */
export interface Watched {
	businessUnitId: string;
	consumerId: string;
	name: string;
}

export interface WatchSettings {
	businessUnits: string[];
	includeSubUnits: boolean;
	/** `businessUnitId:consumerId` pairs. */
	consumptionUnits: string[];
	sources: Source[];
	includeWarnings: boolean;
}

/** The consumption units of the chosen business units (and their sub-units) and the ones chosen by name. */
export async function watchedUnits(ctx: IPollFunctions, settings: WatchSettings): Promise<Watched[]> {
	const units = new Set(settings.businessUnits);
	if (settings.includeSubUnits && units.size > 0) {
		const { body } = await apiRequest<IDataObject>(ctx, cloutilityApi, { method: 'GET', path: '/v1/bunits' });
		const walk = (unit: IDataObject, inside: boolean) => {
			const selected = inside || units.has(String(unit.id));
			if (selected) units.add(String(unit.id));
			for (const child of (unit.businessUnits as IDataObject[] | undefined) ?? []) walk(child, selected);
		};
		walk(body, false);
	}
	const watched = new Map<string, Watched>();
	for (const businessUnitId of units) {
		const { body } = await apiRequest<IDataObject>(ctx, cloutilityApi, {
			method: 'GET',
			path: `/v1/bunits/${businessUnitId}/consumers`,
			subject: `Business unit ${businessUnitId}`,
		});
		for (const consumer of (body.items as IDataObject[] | undefined) ?? []) {
			const consumerId = String(consumer.id);
			watched.set(`${businessUnitId}:${consumerId}`, { businessUnitId, consumerId, name: String(consumer.name ?? consumerId) });
		}
	}
	for (const pair of settings.consumptionUnits) {
		const [businessUnitId, consumerId] = pair.split(':');
		if (watched.has(pair)) continue;
		const { body } = await apiRequest<IDataObject>(ctx, cloutilityApi, {
			method: 'GET',
			path: consumerPath(businessUnitId, consumerId),
			subject: `Consumption unit ${consumerId} of business unit ${businessUnitId}`,
		});
		watched.set(pair, { businessUnitId, consumerId, name: String(body.name ?? consumerId) });
	}
	return [...watched.values()];
}

export function parsePairs(values: string[]): { pairs: string[]; invalid: string[] } {
	const pairs: string[] = [];
	const invalid: string[] = [];
	for (const value of values.map(String)) {
		const [businessUnitId, consumerId, extra] = value.split(':');
		if (extra === undefined && CLOUTILITY_ID_PATTERN.test(businessUnitId ?? '') && CLOUTILITY_ID_PATTERN.test(consumerId ?? '')) pairs.push(value);
		else invalid.push(value);
	}
	return { pairs, invalid };
}

interface Found {
	time: number;
	key: string;
	problem?: Problem;
	json: IDataObject;
}

const timeOf = (value: unknown) => (typeof value === 'string' ? Date.parse(value) : Number.NaN);

/** Reports or jobs of one unit from `from` on, oldest first, each with the problem it shows. */
async function readStream(ctx: IPollFunctions, unit: Watched, source: Source, from: number, types: () => Promise<Map<number, IDataObject>>): Promise<Found[]> {
	const path = consumerPath(unit.businessUnitId, unit.consumerId);
	const subject = `Consumption unit ${unit.consumerId} of business unit ${unit.businessUnitId}`;
	const context = { businessUnitId: Number(unit.businessUnitId), consumptionUnitId: Number(unit.consumerId), consumptionUnitName: unit.name };
	if (source === 'reports') {
		const reports = await belowConsumer(ctx, unit, { description: 'reports', path: `${path}/reports` }, async () =>
			await readReports(ctx, { path, startDate: new Date(from).toISOString(), subject }),
		);
		const found: Found[] = [];
		for (const report of reports) {
			const problem = reportProblem(report);
			const json = problem ? { kind: 'report', problem, ...context, ...decodeReport(report, await types()) } : report;
			found.push({ time: timeOf(report.reportDate), key: `report:${String(report.id)}`, problem, json });
		}
		return found.filter((entry) => Number.isFinite(entry.time)).sort((a, b) => a.time - b.time);
	}
	const jobs = await jobsInWindow(ctx, unit, { start: from, end: Date.now() });
	return jobs
		.map((job) => {
			const problem = jobProblem(job);
			return { time: timeOf(job.completed), key: `job:${String(job.id)}`, problem, json: { kind: 'job', problem, ...context, ...job } };
		})
		.filter((entry) => Number.isFinite(entry.time))
		.sort((a, b) => a.time - b.time);
}

interface StoredCursor {
	version: 1;
	startedAt: string;
	streams: { [stream: string]: { at: string; keys: string[] } };
}

const CURSOR_FIELD = 'backupProblems';

export function readCursor(staticData: IDataObject): { startedAt: number; streams: Map<string, Position> } | undefined {
	const stored = staticData[CURSOR_FIELD] as Partial<StoredCursor> | undefined;
	const startedAt = timeOf(stored?.startedAt);
	if (!stored || stored.version !== 1 || !Number.isFinite(startedAt)) return undefined;
	const streams = new Map<string, Position>();
	for (const [stream, position] of Object.entries(stored.streams ?? {})) {
		const at = timeOf(position?.at);
		if (Number.isFinite(at)) streams.set(stream, { at, keys: Array.isArray(position.keys) ? position.keys.map(String) : [] });
	}
	return { startedAt, streams };
}

export function writeCursor(staticData: IDataObject, startedAt: number, streams: Map<string, Position>): void {
	const stored: StoredCursor = { version: 1, startedAt: new Date(startedAt).toISOString(), streams: {} };
	for (const [stream, position] of streams) {
		const kept = bounded(position);
		stored.streams[stream] = { at: new Date(kept.at).toISOString(), keys: kept.keys };
	}
	staticData[CURSOR_FIELD] = stored as unknown as IDataObject;
}

/**
 * New failed (and, if wanted, warning) reports and jobs of the watched units since the cursor:
 * each stream (one unit's reports, or its jobs) keeps its own position, so every problem is
 * reported once. A unit seen for the first time is read from when the trigger started.
 */
export async function collectProblems(
	ctx: IPollFunctions,
	settings: WatchSettings,
	cursor: { startedAt: number; streams: Map<string, Position> },
): Promise<IDataObject[]> {
	let types: Map<number, IDataObject> | undefined;
	const loadTypes = async () => (types ??= await warningTypes(ctx));
	const emitted: IDataObject[] = [];
	for (const unit of await watchedUnits(ctx, settings)) {
		for (const source of settings.sources) {
			const stream = `${source}:${unit.businessUnitId}:${unit.consumerId}`;
			let position = cursor.streams.get(stream) ?? { at: cursor.startedAt, keys: [] };
			for (const entry of await readStream(ctx, unit, source, position.at, loadTypes)) {
				if (!isAfter(position, entry.time, entry.key)) continue;
				position = advance(position, entry.time, entry.key);
				if (entry.problem === 'failed' || (entry.problem === 'warning' && settings.includeWarnings)) emitted.push(entry.json);
			}
			cursor.streams.set(stream, position);
		}
	}
	return emitted;
}

/** The newest problem of the last `days` days, for "Fetch Test Event". */
export async function newestProblem(ctx: IPollFunctions, settings: WatchSettings, days = 7): Promise<IDataObject | undefined> {
	const since = Date.now() - days * 24 * 3600_000;
	const found = await collectProblems(ctx, settings, { startedAt: since, streams: new Map() });
	const time = (item: IDataObject) => timeOf(item.kind === 'job' ? item.completed : item.reportDate);
	return found.sort((a, b) => time(b) - time(a))[0];
}
