import type { IWebhookFunctions } from 'n8n-workflow';

import { addressAllowed, parseAllowlist, refuseUnauthorisedCall, sameSecret } from '../../nodes/shared/webhook';

function webhookContext(options: { token?: string; allowedIps?: string; query?: Record<string, unknown>; ip?: string }) {
	const sent: { status?: number; body?: unknown } = {};
	const response = {
		status(code: number) {
			sent.status = code;
			return response;
		},
		json(body: unknown) {
			sent.body = body;
			return response;
		},
	};
	const parameters: Record<string, unknown> = { secretToken: options.token ?? '', allowedIps: options.allowedIps ?? '' };
	const ctx = {
		getRequestObject: () => ({ query: options.query ?? {}, ip: options.ip ?? '127.0.0.1' }),
		getResponseObject: () => response,
		getNodeParameter: (name: string) => parameters[name],
	} as unknown as IWebhookFunctions;
	return { ctx, sent };
}

describe('webhook protection', () => {
	it('compares secrets exactly, whatever their lengths', () => {
		expect(sameSecret('s3cret-token', 's3cret-token')).toBe(true);
		expect(sameSecret('s3cret-tokem', 's3cret-token')).toBe(false);
		expect(sameSecret('s3cret', 's3cret-token')).toBe(false);
		expect(sameSecret('', '')).toBe(false);
	});

	it('reads addresses and ranges, and names the entries it cannot read', () => {
		const { ranges, invalid } = parseAllowlist('10.0.0.5, 192.168.10.0/24 2001:db8::/32, 300.1.1.1, 10.0.0.0/33, nonsense');
		expect(invalid).toEqual(['300.1.1.1', '10.0.0.0/33', 'nonsense']);
		expect(addressAllowed('10.0.0.5', ranges)).toBe(true);
		expect(addressAllowed('10.0.0.6', ranges)).toBe(false);
		expect(addressAllowed('192.168.10.77', ranges)).toBe(true);
		expect(addressAllowed('192.168.11.1', ranges)).toBe(false);
		expect(addressAllowed('::ffff:192.168.10.9', ranges)).toBe(true);
		expect(addressAllowed('2001:db8:0:1::7', ranges)).toBe(true);
		expect(addressAllowed('2001:db9::1', ranges)).toBe(false);
		expect(addressAllowed('not-an-ip', ranges)).toBe(false);
	});

	it('lets a call with the right token through', () => {
		const { ctx, sent } = webhookContext({ token: 'abc123XYZ', query: { token: 'abc123XYZ' } });
		expect(refuseUnauthorisedCall(ctx)).toBeUndefined();
		expect(sent.status).toBeUndefined();
	});

	it.each([
		['no token', {}],
		['a wrong token', { token: 'abc123XYZ-' }],
		['a token given twice', { token: ['abc123XYZ', 'abc123XYZ'] }],
	])('refuses a call with %s with 401 and runs no workflow', (_, query) => {
		const { ctx, sent } = webhookContext({ token: 'abc123XYZ', query });
		expect(refuseUnauthorisedCall(ctx)).toEqual({ noWebhookResponse: true });
		expect(sent.status).toBe(401);
	});

	it('refuses every call while the node has no token set', () => {
		const { ctx, sent } = webhookContext({ token: '', query: { token: '' } });
		expect(refuseUnauthorisedCall(ctx)).toEqual({ noWebhookResponse: true });
		expect(sent.status).toBe(401);
	});

	it('refuses a caller outside the allowed addresses with 403', () => {
		const allowed = webhookContext({ token: 't0ken', allowedIps: '10.1.0.0/16', query: { token: 't0ken' }, ip: '::ffff:10.1.2.3' });
		expect(refuseUnauthorisedCall(allowed.ctx)).toBeUndefined();
		const other = webhookContext({ token: 't0ken', allowedIps: '10.1.0.0/16', query: { token: 't0ken' }, ip: '10.2.0.1' });
		expect(refuseUnauthorisedCall(other.ctx)).toEqual({ noWebhookResponse: true });
		expect(other.sent.status).toBe(403);
	});
});
