import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ApiRequest, ApiResponse, AsyncTracker, RequestContext, VendorApi } from '../shared/transport';
import { apiRequest, headerValue } from '../shared/transport';
import type { XmlValue } from '../shared/xml';
import { XmlReader } from '../shared/xml';

export const ESC_CREDENTIAL = 'ciscoEscApi';

/** Namespace of REST bodies (tenants, images, operations...). */
export const NETCONF_NS = 'urn:ietf:params:xml:ns:netconf:base:1.0';
/** Namespace of the ESC data model (deployments, VIM connectors, file servers). */
export const ESC_NS = 'http://www.cisco.com/esc/esc';

/**
 * Internal ids: 1 to 72 characters of RFC 3986's unreserved set without the tilde, which ESC
 * does not accept.
 */
export const INTERNAL_ID_PATTERN = /^[A-Za-z0-9._-]{1,72}$/;
export const INTERNAL_ID_HINT = 'Use 1 to 72 letters, digits, "-", "." or "_" (no spaces, no "~").';
/** VM names, host names, VIM ids, config categories and keys: same characters, longer. */
export const NAME_IN_PATH_PATTERN = /^[A-Za-z0-9._-]{1,255}$/;
export const NAME_IN_PATH_HINT = 'Use letters, digits, "-", "." or "_" only.';

/** Elements ESC repeats: always arrays in our output, even with one entry. */
const ARRAYS = [
	'tenants/tenant',
	'networks/network',
	'subnets/subnet',
	'images/image',
	'flavors/flavor',
	'volumes/volume',
	'deployments/deployment',
	'vim_connectors/vim_connector',
	'vim_users/vim_user',
	'file_servers/file_server',
	'escconfigparameters/escconfigparameter',
	'interfaces/interface',
	'properties/property',
	'extensions/extension',
	'containers/container',
	'config_data/configuration',
	'kpi_data/kpi',
	'admin_rules/rule',
	'rule/action',
	'vm_group',
	'allocation_pools',
	'deployment_details',
	'hosts/host',
	'systemstates/systemstate',
];
const NUMBERS = [
	'vcpus',
	'memory_mb',
	'root_disk_mb',
	'ephemeral_disk_mb',
	'swap_disk_mb',
	'bootup_time',
	'reboot_time',
	'recovery_wait_time',
	'min_active',
	'max_active',
	'nicid',
	'nic_id',
	'vlan_id',
	'number_of_ports',
	'ip_version',
	'size',
	'volid',
	'metric_value',
	'poll_frequency',
	'server_timeout',
];
const BOOLEANS = [
	'enabled',
	'managed_resource',
	'vim_mapping',
	'shared',
	'admin_state_up',
	'router_external',
	'enable_dhcp',
	'default',
	'elastic',
	'e1000_net',
	'virtio_net',
	'imageisenabled',
	'continuous_alarm',
	'outOfBand',
	'checkVmBeforeRecovery',
];

/** Reads the callbacks ESC posts to the trigger: one resource each, so the reader's default size limit. */
export const escXml = new XmlReader({ arrays: ARRAYS, numbers: NUMBERS, booleans: BOOLEANS });

/** Largest answer read, in characters (64 MB of ASCII): a listing of 60,000 deployments is about 20 MB. */
export const ESC_MAX_ANSWER_CHARACTERS = 64 * 1024 * 1024;
const escAnswerXml = new XmlReader({ arrays: ARRAYS, numbers: NUMBERS, booleans: BOOLEANS, maxLength: ESC_MAX_ANSWER_CHARACTERS });

/** A body that is not an XML document ESC would send: why, and the text (for error messages). */
export class UnreadableEscBody {
	constructor(
		readonly reason: string,
		readonly text: string,
	) {}
}

/** A response body read as XML; a body that cannot be read says why. */
export function readEscBody(text: string, invalidUtf8 = false): IDataObject | UnreadableEscBody {
	if (invalidUtf8) return new UnreadableEscBody('The answer is not valid UTF-8', text);
	const start = text.trimStart().slice(0, 200);
	if (/^(<!doctype\s+html|<html[\s>])/i.test(start)) return new UnreadableEscBody('The answer is an HTML page, not XML', text);
	if (!start.startsWith('<')) return new UnreadableEscBody(`The answer is not XML (it starts with ${JSON.stringify(start.slice(0, 40))})`, text);
	try {
		return escAnswerXml.read(text) as IDataObject;
	} catch (error) {
		return new UnreadableEscBody((error as Error).message, text);
	}
}

/**
 * A request whose 2xx answer must be an ESC document (or may be empty, for a write): an answer that
 * cannot be read fails with the reason, instead of passing for an empty result.
 */
export async function escRequest<T = IDataObject>(
	ctx: RequestContext,
	request: ApiRequest & { itemIndex?: number },
	answer: 'document' | 'documentOrEmpty' = 'document',
): Promise<ApiResponse<T>> {
	const response = await apiRequest<T | UnreadableEscBody | ''>(ctx, escApi, request);
	const { body } = response;
	const empty = body === undefined || body === null || (typeof body === 'string' && body.trim() === '');
	if (empty ? answer === 'documentOrEmpty' : !(body instanceof UnreadableEscBody)) return response as ApiResponse<T>;
	const reason = body instanceof UnreadableEscBody ? body.reason : 'The answer is empty';
	const write = request.method !== 'GET';
	throw new NodeApiError(ctx.getNode(), {} as JsonObject, {
		message: `Cisco ESC answered ${request.method} ${request.path} (HTTP ${response.statusCode}) with a body that cannot be read: ${reason}`,
		description: [
			'An ESC answer is an XML document. Another server (a proxy, a load balancer, a login page) may be answering at the base URL of the credential: check it ends with /ESCManager and reaches ESC.',
			write ? `The request may have been accepted. ${escApi.unknownOutcomeHint}` : undefined,
		]
			.filter(Boolean)
			.join(' '),
		httpCode: String(response.statusCode),
		itemIndex: request.itemIndex,
	});
}

/** `{root: value}` → value, or the whole body when it is not one element. */
export function rootValue(body: unknown): XmlValue | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const keys = Object.keys(body);
	return keys.length === 1 ? (body as Record<string, XmlValue>)[keys[0]] : undefined;
}

function firstText(value: unknown, names: string[]): string | undefined {
	if (!value || typeof value !== 'object') return undefined;
	for (const [key, child] of Object.entries(value as IDataObject)) {
		if (names.includes(key) && (typeof child === 'string' || typeof child === 'number')) return String(child);
		const nested = firstText(child, names);
		if (nested !== undefined) return nested;
	}
	return undefined;
}

export const escApi: VendorApi = {
	productName: 'Cisco ESC',
	credentialType: ESC_CREDENTIAL,
	baseUrl: (credentials) => String(credentials.baseUrl ?? '').trim(),
	mediaType: 'application/xml',
	parseBody: readEscBody,
	requestDefaults: (credentials) => ({ skipSslCertificateValidation: credentials.allowSelfSigned === true }),
	readError: (body) => {
		if (body instanceof UnreadableEscBody) return { message: body.text.trim().slice(0, 500) || undefined };
		if (typeof body === 'string') return { message: body.trim().slice(0, 500) || undefined };
		const message = firstText(body, ['error_message', 'error-message', 'errorMessage', 'message', 'status_message']);
		const code = firstText(body, ['error_code', 'error-code', 'errorCode', 'status_code']);
		return { message, code };
	},
	selfSignedOption: 'Allow Self-Signed Certificate',
	credentialHint: 'Check the username and password of the Cisco ESC credential (the ESC REST user, set with "escadm rest set").',
	unknownOutcomeHint:
		'Look the resource up with its Get operation, or look for a callback about it in the ESC Trigger\'s executions, before sending the change again.',
};

/** The transaction id ESC gives an accepted request, under either spelling it uses. */
export function transactionIdOf(headers: Record<string, string | string[] | undefined>): string | undefined {
	return headerValue(headers, 'esc-transaction-id') ?? headerValue(headers, 'esc_transaction_id');
}

/** How "Wait for Completion" follows one resource: poll it until it reaches an end state. */
export interface ResourceWatch {
	/** e.g. `deployment "dep-1"`, for messages. */
	label: string;
	path: string;
	/** The resource should disappear (a delete). */
	gone?: boolean;
	/** States that mean done; absent: the resource existing means done. */
	successStates?: string[];
}

const ERROR_STATE = /ERROR|FAIL/;
const GONE = 'DELETED';
const PRESENT = 'PRESENT';

/** The state element of a resource ESC returns (`service_state_machine_state` for deployments). */
export function stateOf(resource: IDataObject): string | undefined {
	return firstText(resource, ['service_state_machine_state', 'state', 'status']);
}

export function resourceTracker(ctx: RequestContext, watch: ResourceWatch, itemIndex: number): AsyncTracker {
	return {
		describe: () => watch.label,
		fetch: async () => {
			const outcome = await escRequest(ctx, { method: 'GET', path: watch.path, subject: watch.label, itemIndex }).then(
				(response) => ({ response, error: undefined }),
				(error: unknown) => ({ response: undefined, error }),
			);
			if (outcome.error !== undefined) {
				if ((outcome.error as { httpCode?: string }).httpCode === '404') return { __state: GONE };
				throw outcome.error;
			}
			const value = rootValue(outcome.response?.body);
			return (value && typeof value === 'object' && !Array.isArray(value) ? value : { value }) as IDataObject;
		},
		state: (resource) => (resource.__state === GONE ? GONE : (stateOf(resource) ?? PRESENT)),
		succeeded: (state) => {
			if (watch.gone) return state === GONE;
			// A resource being created does not exist yet: keep polling.
			if (state === GONE) return false;
			return watch.successStates ? watch.successStates.includes(state) : true;
		},
		failed: (state) => ERROR_STATE.test(state),
		failureReason: (resource) => firstText(resource, ['status_message', 'error_message', 'message']),
		suggestedIntervalSeconds: () => undefined,
	};
}
