import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** n8n fires a poll at a random second of its minute, and a busy n8n starts it late. */
const SCHEDULING_SLACK_MS = 90_000;

interface PollTime extends IDataObject {
	mode?: string;
	value?: number;
	unit?: string;
	cronExpression?: string;
}

/**
 * The longest gap between two polls that the node's "Poll Times" allow: every minute, every X
 * minutes or hours, hourly, daily, weekly, monthly. A custom cron expression is read from its
 * minute, hour and day fields (`*\/5 * * * *`: 5 minutes; `30 9 * * 1-5`: a week at most, over a
 * weekend); one it cannot read counts as an hour.
 */
export function pollIntervalMs(ctx: IPollFunctions): number {
	const pollTimes = ctx.getNodeParameter('pollTimes', {}) as { item?: PollTime[] };
	const intervals = (pollTimes.item ?? []).map(intervalOf);
	return intervals.length > 0 ? Math.min(...intervals) : MINUTE_MS;
}

function intervalOf(item: PollTime): number {
	switch (item.mode) {
		case 'everyMinute':
			return MINUTE_MS;
		case 'everyHour':
			return HOUR_MS;
		case 'everyX': {
			const value = Number(item.value);
			const unit = item.unit === 'hours' ? HOUR_MS : MINUTE_MS;
			return Number.isFinite(value) && value >= 1 ? value * unit : MINUTE_MS;
		}
		case 'everyDay':
			return DAY_MS;
		case 'everyWeek':
			return 7 * DAY_MS;
		case 'everyMonth':
			return 31 * DAY_MS;
		default:
			return cronIntervalMs(String(item.cronExpression ?? ''));
	}
}

function cronIntervalMs(expression: string): number {
	const fields = expression.trim().split(/\s+/);
	const [minute, hour, dayOfMonth, , dayOfWeek] = fields.length === 6 ? fields.slice(1) : fields;
	const step = (field: string | undefined) => /^(?:\*|0)\/(\d+)$/.exec(field ?? '')?.[1];
	const fixed = (field: string | undefined) => /^\d+$/.test(field ?? '');
	if (minute === '*') return MINUTE_MS;
	if (step(minute) !== undefined && hour === '*') return Number(step(minute)) * MINUTE_MS;
	if (fixed(minute) && hour === '*') return HOUR_MS;
	if (fixed(minute) && step(hour) !== undefined) return Number(step(hour)) * HOUR_MS;
	if (fixed(minute) && fixed(hour)) {
		if (dayOfMonth !== '*' && dayOfMonth !== '?') return 31 * DAY_MS;
		return dayOfWeek === '*' || dayOfWeek === '?' || dayOfWeek === undefined ? DAY_MS : 7 * DAY_MS;
	}
	return HOUR_MS;
}

/**
 * How far back a trigger with no saved position reads on a scheduled poll. n8n runs one poll when
 * a workflow is activated but does not keep what that poll stores when it reports nothing, so the
 * first scheduled poll must cover everything since activation: one polling interval and some slack.
 */
export function firstPollLookbackMs(ctx: IPollFunctions): number {
	return pollIntervalMs(ctx) + SCHEDULING_SLACK_MS;
}

/**
 * Whether this poll is the one n8n runs as the user activates the workflow. That poll must not
 * report events from before activation; every later poll without a saved position looks back.
 */
export function isActivationPoll(ctx: IPollFunctions): boolean {
	return ctx.getActivationMode() === 'activate';
}

/** A polling trigger's Options with "Start From": where a trigger with no saved position begins. */
export function startFromOptions(description: string): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [{ displayName: 'Start From', name: 'startFrom', type: 'dateTime', default: '', description }],
	};
}

/** The "Start From" option as a time; undefined when empty. A value that is not a date fails the poll. */
export function startFromOption(ctx: IPollFunctions): number | undefined {
	const value = (ctx.getNodeParameter('options', {}) as IDataObject).startFrom;
	if (value === undefined || value === null || value === '') return undefined;
	const time = Date.parse(String(value));
	if (Number.isNaN(time)) {
		throw new NodeOperationError(ctx.getNode(), `"Start From" is not a valid date: ${JSON.stringify(value)}`, {
			description: 'Pick a date and time, or leave the option empty.',
		});
	}
	return time;
}
