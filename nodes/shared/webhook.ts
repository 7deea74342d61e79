import { timingSafeEqual } from 'crypto';
import type { IHookFunctions, INodeProperties, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/**
 * Protection for webhook triggers whose vendor cannot sign its calls (ESC callbacks, Cloutility
 * billing notices): a secret token the caller must put in the URL's query (`?token=...`), and an
 * optional list of addresses allowed to call. Everything is read from the node's parameters and
 * the request, so it works unchanged on n8n's separate webhook processes.
 */
export const WEBHOOK_TOKEN_PARAMETER = 'token';

export function webhookSecurityProperties(callerName: string): INodeProperties[] {
	return [
		{
			displayName: 'Secret Token',
			name: 'secretToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: `A long random text that ${callerName} must send in the URL: add ?${WEBHOOK_TOKEN_PARAMETER}= followed by this value to the webhook URL you give ${callerName}. Calls without it are refused with 401.`,
		},
		{
			displayName: 'Allowed IP Addresses',
			name: 'allowedIps',
			type: 'string',
			default: '',
			placeholder: '10.0.0.5, 192.168.10.0/24',
			description:
				'Comma-separated addresses or CIDR ranges (IPv4 or IPv6) allowed to call. Empty allows any address that knows the token. Calls from elsewhere are refused with 403.',
		},
	];
}

/** Compares two secrets in time that does not depend on where they differ. */
export function sameSecret(given: string, expected: string): boolean {
	const a = Buffer.from(given, 'utf8');
	const b = Buffer.from(expected, 'utf8');
	// Compare against itself when the lengths differ, so the time does not reveal the length either.
	return timingSafeEqual(a, a.length === b.length ? b : a) && a.length === b.length && expected !== '';
}

interface AddressRange {
	bytes: number[];
	prefixBits: number;
}

function ipv4Bytes(text: string): number[] | undefined {
	const parts = text.split('.');
	if (parts.length !== 4) return undefined;
	const bytes = parts.map((part) => (/^\d{1,3}$/.test(part) ? Number(part) : Number.NaN));
	return bytes.every((byte) => byte >= 0 && byte <= 255) ? bytes : undefined;
}

function ipv6Bytes(text: string): number[] | undefined {
	let address = text;
	let tail: number[] = [];
	const lastColon = address.lastIndexOf(':');
	if (address.includes('.') && lastColon >= 0) {
		const v4 = ipv4Bytes(address.slice(lastColon + 1));
		if (!v4) return undefined;
		tail = v4;
		address = `${address.slice(0, lastColon)}:0:0`;
	}
	const halves = address.split('::');
	if (halves.length > 2) return undefined;
	const groups = (half: string) => (half === '' ? [] : half.split(':'));
	const head = groups(halves[0]);
	const rest = halves.length === 2 ? groups(halves[1]) : [];
	const missing = 8 - head.length - rest.length;
	if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
	const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
	if (!all.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return undefined;
	const bytes = all.flatMap((group) => {
		const value = parseInt(group, 16);
		return [value >> 8, value & 0xff];
	});
	if (tail.length) bytes.splice(12, 4, ...tail);
	return bytes;
}

/** IPv4, IPv6, and IPv4-mapped IPv6 (`::ffff:10.0.0.5`) addresses, as 4 or 16 bytes. */
export function addressBytes(text: string): number[] | undefined {
	const address = text.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
	const v4 = ipv4Bytes(address);
	if (v4) return v4;
	const v6 = ipv6Bytes(address);
	if (!v6) return undefined;
	const mapped = v6.slice(0, 10).every((byte) => byte === 0) && v6[10] === 0xff && v6[11] === 0xff;
	return mapped ? v6.slice(12) : v6;
}

/** Parses "10.0.0.5, 192.168.10.0/24, 2001:db8::/32"; returns the entries it could not read as `invalid`. */
export function parseAllowlist(text: string): { ranges: AddressRange[]; invalid: string[] } {
	const ranges: AddressRange[] = [];
	const invalid: string[] = [];
	for (const entry of text.split(/[,\s]+/).filter((part) => part !== '')) {
		const [address, prefix] = entry.split('/');
		const bytes = addressBytes(address);
		const maxBits = bytes ? bytes.length * 8 : 0;
		const prefixBits = prefix === undefined ? maxBits : /^\d+$/.test(prefix) ? Number(prefix) : Number.NaN;
		if (!bytes || !(prefixBits >= 0 && prefixBits <= maxBits)) invalid.push(entry);
		else ranges.push({ bytes, prefixBits });
	}
	return { ranges, invalid };
}

export function addressAllowed(address: string, ranges: AddressRange[]): boolean {
	const bytes = addressBytes(address);
	if (!bytes) return false;
	return ranges.some((range) => {
		if (range.bytes.length !== bytes.length) return false;
		for (let bit = 0; bit < range.prefixBits; bit++) {
			const mask = 0x80 >> bit % 8;
			if ((range.bytes[bit >> 3] & mask) !== (bytes[bit >> 3] & mask)) return false;
		}
		return true;
	});
}

/**
 * Answers a refused call with `status` and a fixed `message` (never anything the caller sent) and
 * starts no workflow.
 */
export function refuseCall(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	ctx.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

/** The size of the call's body in bytes, as declared (Content-Length) or as read. */
function bodySize(request: { headers?: Record<string, unknown>; rawBody?: unknown }): number {
	const declared = Number(request.headers?.['content-length']);
	const read = Buffer.isBuffer(request.rawBody) ? request.rawBody.length : 0;
	return Math.max(Number.isFinite(declared) ? declared : 0, read);
}

/** Refuses (413) a body larger than `maxBytes`: a vendor's callback or notice is far smaller. */
export function refuseOversizedBody(ctx: IWebhookFunctions, maxBytes: number): IWebhookResponseData | undefined {
	if (bodySize(ctx.getRequestObject() as never) <= maxBytes) return undefined;
	return refuseCall(ctx, 413, `The body is larger than the ${Math.round(maxBytes / 1024)} KB this webhook accepts`);
}

/**
 * Checks an incoming call against the node's Secret Token and Allowed IP Addresses. Returns the
 * response to send when the call is refused (no workflow runs), or undefined when it may proceed.
 */
export function refuseUnauthorisedCall(ctx: IWebhookFunctions): IWebhookResponseData | undefined {
	const request = ctx.getRequestObject();
	const refuse = (status: number, message: string) => refuseCall(ctx, status, message);
	const expected = String(ctx.getNodeParameter('secretToken', '') ?? '');
	if (expected === '') return refuse(401, 'This webhook has no secret token set: set one in the trigger node');
	const given = request.query?.[WEBHOOK_TOKEN_PARAMETER];
	if (typeof given !== 'string' || !sameSecret(given, expected)) {
		return refuse(401, 'Missing or wrong token');
	}
	const allowlist = String(ctx.getNodeParameter('allowedIps', '') ?? '').trim();
	if (allowlist !== '') {
		const { ranges, invalid } = parseAllowlist(allowlist);
		if (invalid.length) return refuse(403, 'The allowed IP addresses of this webhook are not valid');
		const caller = request.ip ?? request.socket?.remoteAddress ?? '';
		if (!addressAllowed(caller, ranges)) return refuse(403, 'This address may not call this webhook');
	}
	return undefined;
}

/**
 * The webhook methods of a trigger whose vendor has no API to register a webhook (the URL is entered
 * by hand or sent with each request): there is nothing to check, create or delete.
 */
export const unregisteredWebhookMethods = {
	default: {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			return true;
		},
		async create(this: IHookFunctions): Promise<boolean> {
			return true;
		},
		async delete(this: IHookFunctions): Promise<boolean> {
			return true;
		},
	},
};
