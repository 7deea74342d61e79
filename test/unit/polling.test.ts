import type { IPollFunctions } from 'n8n-workflow';

import { firstPollLookbackMs, pollIntervalMs } from '../../nodes/shared/polling';

const withPollTimes = (item: unknown[]) =>
	({ getNodeParameter: () => ({ item }), getActivationMode: () => 'update' }) as unknown as IPollFunctions;

describe('poll interval', () => {
	it.each([
		[[{ mode: 'everyMinute' }], 60_000],
		[[{ mode: 'everyHour', minute: 5 }], 3_600_000],
		[[{ mode: 'everyX', value: 15, unit: 'minutes' }], 900_000],
		[[{ mode: 'everyX', value: 2, unit: 'hours' }], 7_200_000],
		[[{ mode: 'everyDay', hour: 3, minute: 0 }], 86_400_000],
		[[{ mode: 'everyWeek' }], 7 * 86_400_000],
		[[{ mode: 'custom', cronExpression: '*/5 * * * *' }], 300_000],
		[[{ mode: 'custom', cronExpression: '0 */4 * * *' }], 4 * 3_600_000],
		[[{ mode: 'custom', cronExpression: '0 0 */2 * * *' }], 7_200_000],
		[[{ mode: 'custom', cronExpression: '30 9 * * *' }], 86_400_000],
		[[{ mode: 'custom', cronExpression: '30 9 * * 1-5' }], 7 * 86_400_000],
		[[{ mode: 'custom', cronExpression: '0 6 1 * *' }], 31 * 86_400_000],
		[[{ mode: 'custom', cronExpression: '0 9-17 * * *' }], 3_600_000],
		[[{ mode: 'everyDay' }, { mode: 'everyX', value: 10, unit: 'minutes' }], 600_000],
		[[], 60_000],
	])('reads %j as %d ms between polls', (item, expected) => {
		expect(pollIntervalMs(withPollTimes(item))).toBe(expected);
	});

	it('looks back more than one interval on a first scheduled poll, to cover a late start', () => {
		expect(firstPollLookbackMs(withPollTimes([{ mode: 'everyMinute' }]))).toBeGreaterThan(60_000);
	});
});
