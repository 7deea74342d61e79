import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { AsyncTracker } from '../../nodes/shared/transport';
import { AsyncOperationError, apiRequest, fetchPages, offsetEnvelope, waitForCompletion } from '../../nodes/shared/transport';
import type { Scripted } from './fakeContext';
import { scriptedContext, testApi } from './fakeContext';

// Waits are recorded on a fake clock instead of being slept.
let clock = 1_700_000_000_000;
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	return { ...actual, sleep: jest.fn(async (ms: number) => void (clock += ms)) };
});
const sleepMock = sleep as jest.MockedFunction<typeof sleep>;
beforeEach(() => {
	sleepMock.mockClear();
	jest.spyOn(Date, 'now').mockImplementation(() => clock);
});
const waits = () => sleepMock.mock.calls.map(([ms]) => ms);

const envelope = offsetEnvelope({ maxPageSize: 3 });
const page = (ids: number[], total?: number) => ({ status: 200, body: { items: ids.map((id) => ({ id: `v${id}` })), total } });

describe('pagination', () => {
	it('returns everything across pages of the largest page size, each item once', async () => {
		const { ctx, sent } = scriptedContext([page([1, 2, 3], 7), page([4, 5, 6], 7), page([7], 7)]);
		const items = await fetchPages(ctx, testApi, { method: 'GET', path: '/items' }, envelope, { returnAll: true });
		expect(items.map((item) => item.id)).toEqual(['v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7']);
		expect(sent.map((options) => options.qs)).toEqual([
			{ offset: 0, limit: 3 },
			{ offset: 3, limit: 3 },
			{ offset: 6, limit: 3 },
		]);
	});

	it('stops exactly at the total when the last page is full', async () => {
		const { ctx, sent } = scriptedContext([page([1, 2, 3], 6), page([4, 5, 6], 6)]);
		await fetchPages(ctx, testApi, { method: 'GET', path: '/items' }, envelope, { returnAll: true });
		expect(sent).toHaveLength(2);
	});

	it('asks only for what the limit needs', async () => {
		const { ctx, sent } = scriptedContext([page([1, 2, 3], 9), page([4, 5], 9)]);
		const items = await fetchPages(ctx, testApi, { method: 'GET', path: '/items' }, envelope, { returnAll: false, limit: 5 });
		expect(items).toHaveLength(5);
		expect(sent[1].qs).toEqual({ offset: 3, limit: 2 });
	});

	it('serves each item once when an item is added in front while paging', async () => {
		// v0 appears after the first page: v3 slides into the second page.
		const { ctx } = scriptedContext([page([1, 2, 3], 6), page([3, 4, 5], 7), page([0, 1, 2], 7), page([3, 4, 5], 7), page([6], 7)]);
		const items = await fetchPages(ctx, testApi, { method: 'GET', path: '/items' }, envelope, { returnAll: true });
		expect(items.map((item) => item.id).sort()).toEqual(['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6']);
	});

	it('misses nothing when an item is removed while paging', async () => {
		// v1 disappears after the first page: v4 slides into the first page, which was already read.
		const { ctx } = scriptedContext([page([1, 2, 3], 6), page([5, 6], 5), page([2, 3, 4], 5), page([5, 6], 5)]);
		const items = await fetchPages(ctx, testApi, { method: 'GET', path: '/items' }, envelope, { returnAll: true });
		expect(items.map((item) => item.id).sort()).toEqual(['v1', 'v2', 'v3', 'v4', 'v5', 'v6']);
	});

	it('drops an item a server serves twice', async () => {
		const { ctx } = scriptedContext([page([1, 2, 3]), page([3, 4])]);
		const items = await fetchPages(ctx, testApi, { method: 'GET', path: '/items' }, envelope, { returnAll: true });
		expect(items.map((item) => item.id)).toEqual(['v1', 'v2', 'v3', 'v4']);
	});

	it('keeps going when the server serves smaller pages than asked but says there are more', async () => {
		const { ctx } = scriptedContext([page([1, 2], 5), page([3, 4], 5), page([5], 5)]);
		const items = await fetchPages(ctx, testApi, { method: 'GET', path: '/items' }, envelope, { returnAll: true });
		expect(items).toHaveLength(5);
	});

	it('stops on a short page when the vendor gives no total, and on an empty page', async () => {
		const short = scriptedContext([page([1, 2, 3]), page([4])]);
		expect(await fetchPages(short.ctx, testApi, { method: 'GET', path: '/items' }, envelope, { returnAll: true })).toHaveLength(4);
		const empty = scriptedContext([page([1, 2, 3], 99), page([], 99)]);
		expect(await fetchPages(empty.ctx, testApi, { method: 'GET', path: '/items' }, envelope, { returnAll: true })).toHaveLength(3);
	});

	it('refuses to loop forever: a hard page cap with a message saying what to do', async () => {
		const { ctx } = scriptedContext([page([1, 2, 3], 1000), page([4, 5, 6], 1000)]);
		await expect(
			fetchPages(ctx, testApi, { method: 'GET', path: '/items' }, envelope, { returnAll: true, maxPages: 2 }),
		).rejects.toThrow('Stopped after 2 pages (6 items) to protect this n8n');
	});

	it('keeps the user filter in every page request', async () => {
		const { ctx, sent } = scriptedContext([page([1, 2, 3], 4), page([4], 4)]);
		await fetchPages(ctx, testApi, { method: 'GET', path: '/items', qs: { filter: "name eq 'a&b'" } }, envelope, { returnAll: true });
		expect(sent.every((options) => (options.qs as IDataObject).filter === "name eq 'a&b'")).toBe(true);
	});
});

describe('retries', () => {
	it('honours Retry-After on 429, then succeeds', async () => {
		const { ctx, sent } = scriptedContext([{ status: 429, headers: { 'retry-after': '7' } }, { status: 200, body: { ok: true } }]);
		const response = await apiRequest(ctx, testApi, { method: 'GET', path: '/x' });
		expect(response.body).toEqual({ ok: true });
		expect(sent).toHaveLength(2);
		expect(waits()).toEqual([7000]);
	});

	it('honours ratelimit-reset when there is no Retry-After', async () => {
		const { ctx } = scriptedContext([{ status: 429, headers: { 'ratelimit-reset': '3' } }, { status: 200, body: {} }]);
		await apiRequest(ctx, testApi, { method: 'GET', path: '/x' });
		expect(waits()).toEqual([3000]);
	});

	it('backs off exponentially on 503 and gives up after the retry limit with a clear message', async () => {
		const script = Array.from({ length: 6 }, () => ({ status: 503, body: { error: 'Appliance in maintenance mode', errorCode: 'SERVICE_UNAVAILABLE' } }));
		const { ctx, sent } = scriptedContext(script);
		const error = (await apiRequest(ctx, testApi, { method: 'GET', path: '/x' }).catch((e: Error) => e)) as Error;
		expect(sent).toHaveLength(6);
		expect(waits()).toEqual([1000, 2000, 4000, 8000, 16000]);
		expect(error.message).toBe('Example Cloud is unavailable right now (HTTP 503)');
		expect((error as unknown as { description: string }).description).toContain('Appliance in maintenance mode');
		expect((error as unknown as { description: string }).description).toContain('Attempts: 6');
	});

	it('does not wait longer than its budget when the server asks for too long', async () => {
		const { ctx, sent } = scriptedContext([{ status: 429, headers: { 'retry-after': '3600' } }]);
		const error = (await apiRequest(ctx, testApi, { method: 'GET', path: '/x' }).catch((e: Error) => e)) as Error;
		expect(sent).toHaveLength(1);
		expect(waits()).toEqual([]);
		expect(error.message).toBe('Example Cloud is rate limiting requests and asks to wait longer than this node waits');
	});

	it('retries a POST on 429 and 503 (not processed) but never on a connection reset or 502', async () => {
		const rateLimited = scriptedContext([{ status: 429, headers: { 'retry-after': '1' } }, { status: 202, body: { taskUri: '/t/1' } }]);
		await apiRequest(rateLimited.ctx, testApi, { method: 'POST', path: '/x', body: {} });
		expect(rateLimited.sent).toHaveLength(2);

		const reset = scriptedContext([{ networkError: 'ECONNRESET' }, { status: 202, body: {} }]);
		await expect(apiRequest(reset.ctx, testApi, { method: 'POST', path: '/x', body: {} })).rejects.toThrow('whether the change was made is unknown');
		expect(reset.sent).toHaveLength(1);

		const gateway = scriptedContext([{ status: 502 }, { status: 202, body: {} }]);
		await expect(apiRequest(gateway.ctx, testApi, { method: 'POST', path: '/x', body: {} })).rejects.toThrow('(HTTP 502)');
		expect(gateway.sent).toHaveLength(1);
	});

	it('sends a request whose token another sign-in superseded again with the stored token, and fetches a new token only at the last try', async () => {
		const oneTokenPerClient = { ...testApi, signInSupersedesTokens: true };
		const stored = expect.objectContaining({ oauth2: { skipTokenRefresh: true } });
		const recovered = scriptedContext([{ status: 401 }, { status: 401 }, { status: 202, body: { taskUri: '/t/1' } }]);
		expect((await apiRequest(recovered.ctx, oneTokenPerClient, { method: 'POST', path: '/x', body: {} })).statusCode).toBe(202);
		expect(recovered.credentialOptions).toEqual([undefined, stored, stored]);

		const bounded = scriptedContext(Array.from({ length: 6 }, () => ({ status: 401 })));
		await expect(apiRequest(bounded.ctx, oneTokenPerClient, { method: 'GET', path: '/x' })).rejects.toThrow('Example Cloud did not accept the credential');
		expect(bounded.credentialOptions).toEqual([undefined, stored, stored, stored, undefined]);
		expect(waits().every((ms) => ms >= 250 && ms < 1_000)).toBe(true);

		const otherApi = scriptedContext([{ status: 401 }, { status: 200, body: {} }]);
		await expect(apiRequest(otherApi.ctx, testApi, { method: 'GET', path: '/x' })).rejects.toThrow('Example Cloud did not accept the credential');
		expect(otherApi.sent).toHaveLength(1);
	});

	it('retries a GET after a connection reset', async () => {
		const { ctx, sent } = scriptedContext([{ networkError: 'ECONNRESET' }, { status: 200, body: { ok: 1 } }]);
		expect((await apiRequest(ctx, testApi, { method: 'GET', path: '/x' })).body).toEqual({ ok: 1 });
		expect(sent).toHaveLength(2);
	});

	it('does not retry a client error', async () => {
		const { ctx, sent } = scriptedContext([{ status: 400, body: { error: 'sizeMib must be at least 256', errorCode: 'INVALID_PARAMETER' } }]);
		await expect(apiRequest(ctx, testApi, { method: 'PUT', path: '/x', body: {} })).rejects.toThrow(
			'Example Cloud rejected the request: sizeMib must be at least 256',
		);
		expect(sent).toHaveLength(1);
	});
});

describe('error mapping', () => {
	async function failWith(status: number, body: unknown, subject?: string) {
		const { ctx } = scriptedContext([{ status, body }]);
		return (await apiRequest(ctx, testApi, { method: 'GET', path: '/volumes/v1', subject }).catch((e: Error) => e)) as Error & {
			description: string;
			httpCode: string;
		};
	}

	it('says what was not found, keeping status, vendor code and trace ID', async () => {
		const error = await failWith(404, { error: 'volume not found', errorCode: 'NOT_FOUND', traceId: 'f57dcca3' }, 'Volume "v1"');
		expect(error.message).toBe('Volume "v1" was not found in Example Cloud');
		expect(error.httpCode).toBe('404');
		expect(error.description).toContain('Error code: NOT_FOUND');
		expect(error.description).toContain('Trace ID: f57dcca3');
	});

	it('points at the credential on 401 and at permissions on 403', async () => {
		expect((await failWith(401, {})).message).toBe('Example Cloud did not accept the credential');
		expect((await failWith(401, {})).description).toContain('Check the client ID and secret.');
		expect((await failWith(403, { error: 'forbidden' })).message).toBe('The Example Cloud account in this credential is not allowed to do this');
	});

	it('reads GreenLake-style bodies (message, debugId) as well', async () => {
		const { ctx } = scriptedContext([{ status: 409, body: { message: 'A software update is already in progress', errorCode: 'HPE_GL_CONFLICT', debugId: 'abc', httpStatusCode: 409 } }]);
		const api = { ...testApi, readError: (body: unknown) => ({ message: (body as IDataObject).message as string, traceId: (body as IDataObject).debugId as string }) };
		const error = (await apiRequest(ctx, api, { method: 'POST', path: '/x' }).catch((e: Error) => e)) as Error & { description: string };
		expect(error.message).toBe('Example Cloud reports a conflict: A software update is already in progress');
		expect(error.description).toContain('Trace ID: abc');
	});

	it('never echoes request headers such as the Authorization token', async () => {
		const { ctx } = scriptedContext([{ status: 500, body: { error: 'boom' } }]);
		const error = await apiRequest(ctx, testApi, { method: 'GET', path: '/x', headers: { Authorization: 'Bearer SECRET-TOKEN' } }).catch((e: Error) => e);
		expect(JSON.stringify(error)).not.toContain('SECRET-TOKEN');
		expect(String((error as { description?: string }).description)).not.toContain('SECRET-TOKEN');
	});

	it('rejects a base URL that is not a URL before sending anything', async () => {
		const { ctx, sent } = scriptedContext([]);
		(ctx as unknown as { getCredentials: () => Promise<IDataObject> }).getCredentials = async () => ({ baseUrl: 'not a url' });
		await expect(apiRequest(ctx, testApi, { method: 'GET', path: '/x' })).rejects.toThrow('base URL in the credential is not a valid URL');
		expect(sent).toHaveLength(0);
	});
});

describe('waiting for asynchronous work', () => {
	function tracker(states: Array<IDataObject>): AsyncTracker & { fetches: number } {
		const result = {
			fetches: 0,
			describe: () => 'task "Create volume"',
			fetch: async () => states[Math.min(result.fetches++, states.length - 1)],
			state: (task: IDataObject) => String(task.state),
			succeeded: (state: string) => state === 'SUCCEEDED',
			failed: (state: string) => ['FAILED', 'TIMEDOUT', 'CANCELLED'].includes(state),
			failureReason: (task: IDataObject) => (task.error as IDataObject | undefined)?.error as string | undefined,
			suggestedIntervalSeconds: (task: IDataObject) => task.suggestedPollingIntervalSeconds as number | undefined,
		};
		return result;
	}
	const { ctx } = scriptedContext([]);

	it('polls at the interval the task suggests until it succeeds', async () => {
		const t = tracker([
			{ state: 'INITIALIZED', suggestedPollingIntervalSeconds: 3 },
			{ state: 'RUNNING', suggestedPollingIntervalSeconds: 3 },
			{ state: 'SUCCEEDED', id: 't1' },
		]);
		expect(await waitForCompletion(ctx, t, { timeoutSeconds: 60 })).toEqual({ state: 'SUCCEEDED', id: 't1' });
		expect(waits()).toEqual([3000, 3000]);
	});

	it('clamps a silly suggested interval and never sleeps past the deadline', async () => {
		const t = tracker([{ state: 'RUNNING', suggestedPollingIntervalSeconds: 0 }, { state: 'RUNNING', suggestedPollingIntervalSeconds: 9999 }]);
		await expect(waitForCompletion(ctx, t, { timeoutSeconds: 10 })).rejects.toThrow('is still RUNNING after 10 seconds');
		expect(waits()[0]).toBe(1000);
		expect(waits().slice(1)).toEqual([9000]);
	});

	it('fails with the task’s own message, carrying the task', async () => {
		const failed = { state: 'FAILED', error: { error: 'Not enough free space in pool SSD_r6' } };
		const error = await waitForCompletion(ctx, tracker([failed]), { timeoutSeconds: 60 }).catch((e: Error) => e);
		expect(error).toBeInstanceOf(AsyncOperationError);
		expect(error.message).toBe('The task "Create volume" ended in state FAILED: Not enough free space in pool SSD_r6');
		expect((error as AsyncOperationError).task).toBe(failed);
	});

	it('treats TIMEDOUT and CANCELLED as failures', async () => {
		await expect(waitForCompletion(ctx, tracker([{ state: 'TIMEDOUT' }]), { timeoutSeconds: 5 })).rejects.toThrow('ended in state TIMEDOUT');
		await expect(waitForCompletion(ctx, tracker([{ state: 'CANCELLED' }]), { timeoutSeconds: 5 })).rejects.toThrow('ended in state CANCELLED');
	});
});

describe('failures before any response', () => {
	it('says n8n itself refused a private address, instead of blaming the client secret', async () => {
		const { ctx } = scriptedContext([]);
		(ctx.helpers as unknown as { httpRequestWithAuthentication: () => Promise<never> }).httpRequestWithAuthentication = async () => {
			throw new Error('Failed to acquire OAuth2 access token: Request to 10.0.0.5 blocked because it resolves to a restricted IP address');
		};
		const error = (await apiRequest(ctx, testApi, { method: 'GET', path: '/x' }).catch((e: Error) => e)) as Error & { description: string };
		expect(error.message).toBe('This n8n refused to connect to the Example Cloud address in the credential');
		expect(error.description).toContain('N8N_SSRF_ALLOWED_IP_RANGES');
	});

	it('points at the credential when the token endpoint refused it', async () => {
		const { ctx } = scriptedContext([]);
		(ctx.helpers as unknown as { httpRequestWithAuthentication: () => Promise<never> }).httpRequestWithAuthentication = async () => {
			throw new Error('Failed to acquire OAuth2 access token: invalid_client');
		};
		const error = (await apiRequest(ctx, testApi, { method: 'GET', path: '/x' }).catch((e: Error) => e)) as Error & { description: string };
		expect(error.message).toBe('Example Cloud did not issue an access token for this credential');
		expect(error.description).toContain('Check the client ID and secret.');
	});
});

/**
 * A node context serving a collection by offset and limit, answering asynchronously so that pages
 * overlap; `answer` can replace the answer to the n-th request.
 */
function collectionContext(ids: number[], options: { pageSize: number; answer?: (call: number, offset: number) => Scripted | undefined }) {
	const sent: Array<{ offset: number; limit: number; refresh: boolean }> = [];
	let inFlight = 0;
	let maxInFlight = 0;
	const inFlightAtSend: number[] = [];
	const { ctx } = scriptedContext([]);
	ctx.helpers.httpRequestWithAuthentication = (async (_type: string, request: IHttpRequestOptions, additional?: { oauth2?: { skipTokenRefresh?: boolean } }) => {
		const qs = request.qs as { offset: number; limit: number };
		const call = sent.length;
		sent.push({ offset: qs.offset, limit: qs.limit, refresh: !additional?.oauth2?.skipTokenRefresh });
		inFlightAtSend.push(inFlight);
		inFlight++;
		maxInFlight = Math.max(maxInFlight, inFlight);
		await new Promise((resolve) => setImmediate(resolve));
		inFlight--;
		const special = options.answer?.(call, qs.offset);
		if (special && 'status' in special && special.status >= 400) {
			throw Object.assign(new Error(`Request failed with status code ${special.status}`), { response: { status: special.status, data: special.body, headers: special.headers ?? {} } });
		}
		if (special && 'status' in special) return { statusCode: special.status, headers: {}, body: special.body };
		const slice = ids.slice(qs.offset, qs.offset + Math.min(qs.limit, options.pageSize));
		return { statusCode: 200, headers: {}, body: { items: slice.map((id) => ({ id: `v${id}` })), total: ids.length } };
	}) as never;
	return { ctx, sent, maxInFlight: () => maxInFlight, inFlightAtSend };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);
const ids = (items: IDataObject[]) => items.map((item) => item.id);
const listAll = { method: 'GET' as const, path: '/items' };

describe('pages fetched concurrently', () => {
	it('fetches the first page alone, then four at a time, and returns every item once in the API order', async () => {
		const { ctx, sent, maxInFlight, inFlightAtSend } = collectionContext(range(1, 30), { pageSize: 3 });
		const items = await fetchPages(ctx, testApi, listAll, envelope, { returnAll: true });
		expect(ids(items)).toEqual(range(1, 30).map((id) => `v${id}`));
		expect(sent.map((request) => request.offset)).toEqual(range(0, 9).map((page) => page * 3));
		expect(inFlightAtSend[0]).toBe(0);
		expect(inFlightAtSend[1]).toBe(0);
		expect(maxInFlight()).toBe(4);
		// Only the first page may make n8n fetch a token.
		expect(sent.map((request) => request.refresh)).toEqual([true, ...Array(9).fill(false)]);
	});

	it('reads one page after another when asked to, with the same requests', async () => {
		const { ctx, sent, maxInFlight } = collectionContext(range(1, 10), { pageSize: 3 });
		const items = await fetchPages(ctx, testApi, listAll, envelope, { returnAll: true, concurrency: 1 });
		expect(items).toHaveLength(10);
		expect(sent).toHaveLength(4);
		expect(maxInFlight()).toBe(1);
	});

	it('never asks for more than the limit, even when it is smaller than a page', async () => {
		const small = collectionContext(range(1, 30), { pageSize: 3 });
		expect(ids(await fetchPages(small.ctx, testApi, listAll, envelope, { returnAll: false, limit: 2 }))).toEqual(['v1', 'v2']);
		expect(small.sent).toEqual([{ offset: 0, limit: 2, refresh: true }]);

		const larger = collectionContext(range(1, 30), { pageSize: 3 });
		expect(await fetchPages(larger.ctx, testApi, listAll, envelope, { returnAll: false, limit: 8 })).toHaveLength(8);
		expect(larger.sent.map(({ offset, limit }) => [offset, limit])).toEqual([[0, 3], [3, 3], [6, 2]]);
	});

	it('reads again from the start when the total changes while pages are in flight, keeping each item once', async () => {
		const collection = range(1, 12);
		// The fourth request sees a new item in front of the collection.
		const { ctx, sent } = collectionContext(collection, {
			pageSize: 3,
			answer: (call) => {
				if (call === 3) collection.unshift(0);
				return undefined;
			},
		});
		const items = await fetchPages(ctx, testApi, listAll, envelope, { returnAll: true });
		expect(ids(items).sort()).toEqual(range(0, 12).map((id) => `v${id}`).sort());
		expect(new Set(ids(items)).size).toBe(13);
		// The restart fetches its first page alone again.
		const restart = sent.findIndex((request, index) => index > 0 && request.offset === 0);
		expect(restart).toBeGreaterThan(3);
		expect(sent[restart].refresh).toBe(true);
	});

	it('goes on one page at a time after a 429', async () => {
		const { ctx, sent, inFlightAtSend } = collectionContext(range(1, 30), {
			pageSize: 3,
			answer: (call) => (call === 2 ? { status: 429, headers: { 'retry-after': '1' } } : undefined),
		});
		const items = await fetchPages(ctx, testApi, listAll, envelope, { returnAll: true });
		expect(ids(items)).toEqual(range(1, 30).map((id) => `v${id}`));
		expect(sent).toHaveLength(11);
		// Once the 429 has been seen and the pages in flight are done, each page goes alone.
		expect(inFlightAtSend.slice(-4)).toEqual([0, 0, 0, 0]);
		expect(inFlightAtSend.slice(1, 5)).toEqual([0, 1, 2, 3]);
	});

	it('sends a page refused with 401 again alone once the others have settled, then goes on concurrently', async () => {
		let refreshedAt = -1;
		const { ctx, sent, inFlightAtSend } = collectionContext(range(1, 30), {
			pageSize: 3,
			answer: (call) => {
				if (refreshedAt < 0 && call >= 2 && call <= 4) return { status: 401, body: { error: 'expired' } };
				return undefined;
			},
		});
		const original = ctx.helpers.httpRequestWithAuthentication;
		ctx.helpers.httpRequestWithAuthentication = (async (type: string, request: IHttpRequestOptions, additional?: { oauth2?: { skipTokenRefresh?: boolean } }) => {
			if (!additional?.oauth2?.skipTokenRefresh && sent.length > 1) refreshedAt = sent.length;
			return await original.call(ctx, type, request, additional as never);
		}) as never;
		const items = await fetchPages(ctx, testApi, listAll, envelope, { returnAll: true });
		expect(ids(items)).toEqual(range(1, 30).map((id) => `v${id}`));
		// The only request allowed to refresh after the first page is sent with nothing else in flight.
		const refreshing = sent.map((request, index) => (request.refresh && index > 0 ? index : -1)).filter((index) => index >= 0);
		expect(refreshing).toHaveLength(3);
		expect(refreshing.map((index) => inFlightAtSend[index])).toEqual([0, 0, 0]);
	});
});

describe('requests without an answer', () => {
	it('sends every request with a timeout: reads, changes, list pages, the vendor default and the node option', async () => {
		const { ctx, sent } = scriptedContext(Array.from({ length: 6 }, () => ({ status: 200, body: { items: [], total: 0 } })));
		await apiRequest(ctx, testApi, { method: 'GET', path: '/x' });
		await apiRequest(ctx, testApi, { method: 'POST', path: '/x', body: {} });
		await fetchPages(ctx, testApi, listAll, envelope, { returnAll: true });
		await apiRequest(ctx, { ...testApi, timeouts: { readMs: 5000 } }, { method: 'GET', path: '/x' });
		await apiRequest(ctx, testApi, { method: 'GET', path: '/x', requestTimeoutMs: 7000 });
		const withOption = scriptedContext([{ status: 200, body: {} }], { 'requestOptions.timeout': 300 });
		Object.assign(withOption.ctx, { getInputData: () => [{ json: {} }] });
		await apiRequest(withOption.ctx, testApi, { method: 'GET', path: '/x', requestTimeoutMs: 7000 });
		expect([...sent, ...withOption.sent].map((options) => options.timeout)).toEqual([30_000, 60_000, 60_000, 5000, 7000, 300_000]);
	});

	const timingOut = (sent: IHttpRequestOptions[], message = 'timeout of 30000ms exceeded') =>
		(async (_type: string, options: IHttpRequestOptions) => {
			sent.push(options);
			throw Object.assign(new Error(message), { code: 'ECONNABORTED', config: { url: options.url, timeout: options.timeout } });
		}) as never;

	it('retries a GET that timed out once, so a dead service fails in about a minute, and points to the Request Options', async () => {
		const { ctx, sent } = scriptedContext([]);
		Object.assign(ctx, { getInputData: () => [{ json: {} }] });
		ctx.helpers.httpRequestWithAuthentication = timingOut(sent);
		const error = (await apiRequest(ctx, testApi, { method: 'GET', path: '/x' }).catch((e: Error) => e)) as Error & { description: string };
		// Two timeouts of 30 s, not six: the minute a dead service may take.
		expect(sent).toHaveLength(2);
		expect(error.message).toBe('Example Cloud did not answer within 30 seconds');
		expect(error.description).toContain('raise "Timeout (Seconds)" under the node\'s Request Options');
		expect(error.description).toContain('Request: GET /x');
	});

	it('does not retry a list page that timed out after 60 seconds, nor a short timeout more than twice in a row', async () => {
		const { ctx, sent } = scriptedContext([]);
		ctx.helpers.httpRequestWithAuthentication = timingOut(sent, 'timeout of 60000ms exceeded');
		await fetchPages(ctx, testApi, listAll, envelope, { returnAll: true }).catch(() => undefined);
		expect(sent).toHaveLength(1);
		const short = scriptedContext([], { 'requestOptions.timeout': 2 });
		Object.assign(short.ctx, { getInputData: () => [{ json: {} }] });
		short.ctx.helpers.httpRequestWithAuthentication = timingOut(short.sent, 'timeout of 2000ms exceeded');
		await apiRequest(short.ctx, testApi, { method: 'GET', path: '/x' }).catch(() => undefined);
		expect(short.sent).toHaveLength(2);
	});

	it('does not point a trigger or an editor list to Request Options it does not have', async () => {
		const { ctx, sent } = scriptedContext([]);
		ctx.helpers.httpRequestWithAuthentication = timingOut(sent);
		const error = (await apiRequest(ctx, testApi, { method: 'GET', path: '/x' }).catch((e: Error) => e)) as Error & { description: string };
		expect(error.description).not.toContain('Request Options');
		expect(error.description).toContain('Try again in a few minutes');
	});

	it('says that the sign-in did not answer, with its own timeout, and does not send the request again', async () => {
		const { ctx, sent } = scriptedContext([]);
		ctx.helpers.httpRequestWithAuthentication = (async (_type: string, options: IHttpRequestOptions) => {
			sent.push(options);
			// n8n's token request (its own 300 s timeout), wrapped as n8n wraps pre-authentication failures.
			const cause = Object.assign(new Error('timeout of 300000ms exceeded'), { code: 'ECONNABORTED', config: { url: 'https://sso.example.test/as/token.oauth2', timeout: 300_000 } });
			throw Object.assign(new Error('timeout of 300000ms exceeded'), { cause });
		}) as never;
		const error = (await apiRequest(ctx, testApi, { method: 'GET', path: '/x' }).catch((e: Error) => e)) as Error & { description: string };
		expect(sent).toHaveLength(1);
		expect(error.message).toBe('Example Cloud did not answer the sign-in within 300 seconds');
		expect(error.description).toContain('Sign-in: https://sso.example.test/as/token.oauth2');
	});

	it.each([
		['SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'],
		['DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate; if the root CA is installed locally, try running Node.js with --use-system-ca'],
		['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'],
		['CERT_HAS_EXPIRED', 'certificate has expired'],
		['ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"],
	])('names an untrusted certificate (%s) and the credential option that accepts it, without retrying', async (code, message) => {
		const { ctx, sent } = scriptedContext([]);
		ctx.helpers.httpRequestWithAuthentication = (async (_type: string, options: IHttpRequestOptions) => {
			sent.push(options);
			throw Object.assign(new Error(message), { code, config: { url: options.url } });
		}) as never;
		const appliance = { ...testApi, selfSignedOption: 'Allow Self-Signed Certificate' };
		const error = (await apiRequest(ctx, appliance, { method: 'GET', path: '/x' }).catch((e: Error) => e)) as Error & { description: string };
		expect(sent).toHaveLength(1);
		expect(error.message).toBe(
			'The HTTPS certificate of Example Cloud is not trusted: turn on "Allow Self-Signed Certificate" in the credential, or install a trusted certificate',
		);
		expect(error.message).not.toContain('--use-system-ca');
		const cloud = (await apiRequest(ctx, testApi, { method: 'GET', path: '/x' }).catch((e: Error) => e)) as Error;
		expect(cloud.message).toContain('The HTTPS certificate of Example Cloud is not trusted: ');
		expect(cloud.message).toContain('Base URL Override');
	});

	it('does not retry a POST that timed out: the outcome is unknown, the hint says where to look', async () => {
		const { ctx, sent } = scriptedContext([]);
		ctx.helpers.httpRequestWithAuthentication = (async (_type: string, options: IHttpRequestOptions) => {
			sent.push(options);
			throw Object.assign(new Error('timeout of 60000ms exceeded'), { code: 'ECONNABORTED' });
		}) as never;
		const api = { ...testApi, unknownOutcomeHint: 'Look in the job list.' };
		const error = (await apiRequest(ctx, api, { method: 'POST', path: '/jobs', body: {} }).catch((e: Error) => e)) as Error & { description: string };
		expect(sent).toHaveLength(1);
		expect(error.message).toBe('Example Cloud did not answer within 60 seconds: whether the change was made is unknown');
		expect(error.description).toContain('Look in the job list.');
		expect(error.description).toContain('Request: POST /jobs');
	});
});
