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

/**
 * A request that timed out is sent again only while the time already lost to timeouts and the next
 * attempt stay within this, and never after two timeouts in a row: a dead service fails in about a
 * minute (two reads of 30 s, or one list page of 60 s), not after every retry ran out its timeout.
 */
export const TIMEOUT_BUDGET_MS = 60_000;
export const MAX_TIMEOUTS_IN_A_ROW = 2;

export type RetryDecision =
	| { retry: true; waitMs: number }
	| {
			retry: false;
			reason?: 'not-retryable' | 'attempts-exhausted' | 'wait-too-long' | 'timeouts-exhausted';
			requestedWaitMs?: number;
	  };

/** Time lost to timeouts so far in one request: see TIMEOUT_BUDGET_MS. */
export interface TimeoutHistory {
	/** Attempts that timed out one after another, ending with the last one. */
	inARow: number;
	/** Milliseconds all timed-out attempts took. */
	lostMs: number;
	/** The timeout of the next attempt. */
	nextTimeoutMs: number;
}

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
	context: { attempt: number; waitedMs: number; idempotent: boolean; policy: RetryPolicy; timeouts?: TimeoutHistory },
): RetryDecision {
	const { attempt, waitedMs, idempotent, policy, timeouts } = context;
	const status = failure.statusCode;
	// A sign-in that got no answer is not sent again (each try would wait its whole timeout; the
	// credential retries what it can itself); "come back later" at sign-in is retried like any other.
	// A certificate stays untrusted however often it is tried.
	const signInUnanswered = failure.signIn && !(status !== undefined && NOT_PROCESSED_STATUSES.has(status));
	if (signInUnanswered || failure.certificateProblem) return { retry: false, reason: 'not-retryable' };
	if (
		failure.timedOut &&
		timeouts &&
		(timeouts.inARow >= MAX_TIMEOUTS_IN_A_ROW || timeouts.lostMs + timeouts.nextTimeoutMs > TIMEOUT_BUDGET_MS)
	) {
		return { retry: false, reason: 'timeouts-exhausted' };
	}
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
