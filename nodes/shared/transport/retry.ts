import type { HttpFailure } from './failure';
import { headerValue } from './failure';
import type { RetryPolicy } from './types';

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 5,
	maxTotalWaitMs: 60_000,
	baseDelayMs: 1_000,
	maxDelayMs: 30_000,
};

/** Status codes that mean "not processed, come back later": safe to retry for any method. */
const NOT_PROCESSED_STATUSES = new Set([429, 503]);
/** Gateway failures: the request may or may not have reached the service. */
const AMBIGUOUS_STATUSES = new Set([502, 504]);

export type RetryDecision =
	| { retry: true; waitMs: number }
	| { retry: false; reason?: 'not-retryable' | 'attempts-exhausted' | 'wait-too-long'; requestedWaitMs?: number };

/**
 * Seconds the server asked us to wait: `Retry-After` (seconds or HTTP date), else `ratelimit-reset`
 * / `x-ratelimit-reset` (seconds from now, or an epoch timestamp).
 */
export function serverRequestedWaitMs(failure: HttpFailure, now = Date.now()): number | undefined {
	const retryAfter = headerValue(failure.headers, 'retry-after');
	if (retryAfter !== undefined) {
		const seconds = Number(retryAfter);
		if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
		const date = Date.parse(retryAfter);
		if (!Number.isNaN(date)) return Math.max(0, date - now);
	}
	const reset = headerValue(failure.headers, 'ratelimit-reset') ?? headerValue(failure.headers, 'x-ratelimit-reset');
	if (reset !== undefined) {
		const value = Number(reset);
		if (Number.isFinite(value) && value >= 0) {
			return value > 1_000_000_000 ? Math.max(0, value * 1000 - now) : value * 1000;
		}
	}
	return undefined;
}

export function decideRetry(
	failure: HttpFailure,
	context: { attempt: number; waitedMs: number; idempotent: boolean; policy: RetryPolicy },
): RetryDecision {
	const { attempt, waitedMs, idempotent, policy } = context;
	const status = failure.statusCode;
	const retryable =
		(status !== undefined && NOT_PROCESSED_STATUSES.has(status)) ||
		(idempotent && status !== undefined && AMBIGUOUS_STATUSES.has(status)) ||
		(idempotent && status === undefined && failure.networkCode !== undefined);
	if (!retryable) return { retry: false, reason: 'not-retryable' };
	if (attempt > policy.maxRetries) return { retry: false, reason: 'attempts-exhausted' };

	const requested = serverRequestedWaitMs(failure);
	const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	const waitMs = requested ?? backoff;
	if (waitMs > policy.maxDelayMs || waitedMs + waitMs > policy.maxTotalWaitMs) {
		return { retry: false, reason: 'wait-too-long', requestedWaitMs: waitMs };
	}
	return { retry: true, waitMs };
}
