import { describeUnanswered } from '../nodes/shared/transport/errors';
import { readHttpFailure } from '../nodes/shared/transport/failure';

/**
 * How long a credential's own sign-in may take: each answer, and the whole sign-in with its retries
 * (DCImanager waking from suspension, Cloutility trying the refresh token before the password).
 * Without it n8n's default of five minutes applies to each attempt. Tests shorten it.
 */
export const SIGN_IN_TIMEOUTS = { answerMs: 30_000, totalMs: 60_000 };

/** The time budget of one sign-in, started when the sign-in starts. */
export class SignInClock {
	private readonly deadline = Date.now() + SIGN_IN_TIMEOUTS.totalMs;

	/** The timeout of the next sign-in request: the answer's bound, or what is left of the whole. */
	nextTimeoutMs(): number {
		return Math.max(1, Math.min(SIGN_IN_TIMEOUTS.answerMs, this.deadline - Date.now()));
	}

	/** Whether waiting this long and trying once more still fits in the sign-in's bound. */
	allowsRetryAfter(waitMs: number): boolean {
		return this.deadline - Date.now() - waitMs >= Math.min(SIGN_IN_TIMEOUTS.answerMs, 1_000);
	}
}

/**
 * A sign-in request that got no answer (timeout, dropped connection, untrusted certificate,
 * unreachable address), as an error saying so; the HTTP client's error stays its cause, so the
 * transport still sees what happened. Undefined for an answer with a status (the caller handles it).
 */
export function signInUnanswered(
	api: { productName: string; selfSignedOption?: string },
	baseUrl: string,
	error: unknown,
): Error | undefined {
	const failure = readHttpFailure(error);
	if (failure.statusCode !== undefined || failure.networkCode === undefined) return undefined;
	const what = describeUnanswered(api, { ...failure, signIn: true });
	const where = failure.certificateProblem ? '' : ` (${failure.networkCode} at ${baseUrl})`;
	const hint = failure.certificateProblem || failure.timedOut ? '' : ' Check the Base URL in the credential and that this n8n can reach it.';
	return new Error(`${what}${where}.${hint}`, { cause: error });
}

/** A sign-in that was answered, but not with what a sign-in answers: marked for the transport's message. */
export class SignInFailed extends Error {
	readonly signInFailed = true;
}

/** The JSON object a sign-in answered; a clear error for an empty, HTML or damaged answer. */
export function signInAnswer(api: { productName: string }, body: unknown): { [key: string]: unknown } {
	if (typeof body === 'object' && body !== null) return body as { [key: string]: unknown };
	const text = typeof body === 'string' ? body.trim() : '';
	const fail = (what: string) => new SignInFailed(`${api.productName} answered the sign-in with ${what}`);
	if (text === '') throw fail('an empty body');
	if (text.startsWith('<')) throw fail('a web page (HTML), not a token: a proxy or portal may be in front of it');
	try {
		const parsed = JSON.parse(text) as unknown;
		if (typeof parsed === 'object' && parsed !== null) return parsed as { [key: string]: unknown };
	} catch {
		// Reported below.
	}
	throw fail('a body that is not valid JSON');
}
