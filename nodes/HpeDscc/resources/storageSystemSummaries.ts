import type { IDataObject } from 'n8n-workflow';

import { getOperation } from '../../shared/kinds';
import type { OperationDefinition } from '../../shared/operations';
import { fillPath } from '../../shared/parameters';
import { apiRequest } from '../../shared/transport';
import { dsccApi } from '../api';
import { resolveSystem } from '../deviceType';
import { storageSystemLocator } from '../locators';
import { dscc } from '../profile';
import { systemPath } from '../systemComponents';

/** The space figures of a Nimble / Alletra 6000 group (bytes, and savings ratios), which has no capacity summary. */
const NIMBLE_CAPACITY_FIELDS = [
	'id',
	'name',
	'raw_capacity',
	'usable_capacity_bytes',
	'usage',
	'free_space',
	'unused_reserve_bytes',
	'pending_deletes',
	'compressed_vol_usage_bytes',
	'uncompressed_vol_usage_bytes',
	'compressed_snap_usage_bytes',
	'uncompressed_snap_usage_bytes',
	'snap_usage_populated',
	'savings',
	'savings_compression',
	'savings_dedupe',
	'savings_clone',
	'savings_data_reduction',
	'savings_vol_thin_provisioning',
	'savings_ratio',
	'data_reduction_ratio',
	'compression_ratio',
	'dedupe_ratio',
	'clone_ratio',
	'vol_thin_provisioning_ratio',
	'usage_valid',
	'space_info_valid',
];

const DAY_SECONDS = 86_400;
const HISTORY_INTERVAL_MINUTES = 5;

export const getCapacitySummary: OperationDefinition = getOperation(dscc, {
	value: 'getCapacitySummary',
	name: 'Get Capacity Summary',
	action: 'Get the capacity summary of a storage system',
	description:
		"How much space a storage system has, uses and saves. HPE Primera / Alletra 9000 and Alletra Storage MP: DSCC's capacity summary (total, free, allocated, per drive tier, data reduction). HPE Nimble / Alletra 6000, which has no capacity summary: the group's space figures in bytes (raw_capacity, usable_capacity_bytes, usage, free_space, savings) and savings ratios.",
	properties: [storageSystemLocator],
	request: async (p) => {
		const system = await resolveSystem(p);
		if (system.deviceType === 'device-type2') {
			return {
				method: 'GET',
				path: fillPath('/api/v1/storage-systems/device-type2/{systemId}', { systemId: system.id }),
				qs: { select: NIMBLE_CAPACITY_FIELDS.join(',') },
				subject: system.subject,
			};
		}
		return { method: 'GET', path: systemPath(system, 'capacity-summary'), subject: system.subject };
	},
});

/** Replaces each metric's `series_data` by its most recent point (null when the series is empty). */
function latestPoints(history: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(history)) {
		const series = (value as IDataObject | null)?.series_data;
		if (!Array.isArray(series)) {
			result[key] = value;
			continue;
		}
		const points = series as IDataObject[];
		result[key] = points.reduce<IDataObject | null>(
			(latest, point) => (latest === null || Number(point.timestampms) > Number(latest.timestampms) ? point : latest),
			null,
		);
	}
	return result;
}

export const getPerformanceSummary: OperationDefinition = {
	value: 'getPerformanceSummary',
	name: 'Get Performance Summary',
	action: 'Get the performance summary of a storage system',
	description:
		'IOPS, latency and throughput of a storage system. HPE Primera / Alletra 9000 and Alletra Storage MP: the latest value and the averages over 1 hour, 8 hours and 1 day. HPE Nimble / Alletra 6000, which has no summary: the most recent point of its last 24 hours of performance history (read, write and total values with their timestamp; null when the system reported nothing).',
	properties: [storageSystemLocator],
	run: async (p) => {
		const system = await resolveSystem(p);
		if (system.deviceType !== 'device-type2') {
			const { body } = await apiRequest<IDataObject>(p.ctx, dsccApi, {
				method: 'GET',
				path: systemPath(system, 'performance-statistics'),
				subject: system.subject,
				itemIndex: p.itemIndex,
			});
			return body;
		}
		const endTime = Math.floor(Date.now() / 1000);
		const { body } = await apiRequest<IDataObject>(p.ctx, dsccApi, {
			method: 'GET',
			path: systemPath(system, 'performance-history'),
			qs: { range: `startTime eq ${endTime - DAY_SECONDS} and endTime eq ${endTime}`, timeIntervalMin: HISTORY_INTERVAL_MINUTES },
			subject: system.subject,
			itemIndex: p.itemIndex,
		});
		return latestPoints(body);
	},
};
