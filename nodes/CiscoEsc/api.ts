import type { IDataObject } from 'n8n-workflow';

import type { AsyncTracker, RequestContext, VendorApi } from '../shared/transport';
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

export const escXml = new XmlReader({ arrays: ARRAYS, numbers: NUMBERS, booleans: BOOLEANS });

/** A response body read as XML; text that is not XML stays text. */
export function readEscBody(text: string): IDataObject | string {
	if (!text.trimStart().startsWith('<')) return text;
	try {
		return escXml.read(text) as IDataObject;
	} catch {
		// Not XML after all (an HTML error page, a proxy's text): keep the text for the message.
		return text;
	}
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
			const outcome = await apiRequest<IDataObject>(ctx, escApi, { method: 'GET', path: watch.path, subject: watch.label, itemIndex }).then(
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
