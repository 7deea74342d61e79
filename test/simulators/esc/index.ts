import { randomUUID } from 'node:crypto';

import { rememberSecret } from '../framework/secrets';
import type { Fault, RecordedRequest, SimRequest, SimResponse } from '../framework/server';
import { SimServer } from '../framework/server';
import type { Xml } from './xml';
import { ESC_NS, NETCONF_NS, document, list, parseRequestXml, text } from './xml';

/**
 * A simulator of Cisco ESC's REST northbound API (`/ESCManager/v0/...`): HTTP Basic, XML bodies
 * (415 for anything else), internal ids checked and unique across resources, every POST, PUT and
 * DELETE accepted at once with a transaction id and then reported to the `Callback` /
 * `Callback-ESC-Events` URLs as ESC does (a deployment: VM_DEPLOYED and VM_ALIVE per VM, then
 * SERVICE_ALIVE; each stage of a deployment operation both as the deployment document to
 * `Callback` and as an `esc_event` to `Callback-ESC-Events`). `failNext` makes the next matching
 * operation end in failure.
 */
export const ESC_BASE_PATH = '/ESCManager';
const INTERNAL_ID = /^[A-Za-z0-9._-]{1,72}$/;
const NAME_IN_PATH = /^[A-Za-z0-9._-]{1,255}$/;

export interface EscOptions {
	port?: number;
	username?: string;
	password?: string;
	/** Pause before the first callback and between two callbacks. */
	callbackDelayMs?: number;
	/** VMs per deployment created from a data model without a scaling count. */
	defaultVmCount?: number;
	/**
	 * Start as an ESC in use (the demo, the editor check): an `admin` tenant, a default OpenStack VIM
	 * connector and one active deployment. Tests start empty and create what they need.
	 */
	seeded?: boolean;
}

export interface SentCallback {
	url: string;
	headers: Record<string, string>;
	body: string;
	/** HTTP status the receiver answered, or 0 when it could not be reached. */
	status: number;
	stage?: string;
}

interface Deployment {
	id: string;
	tenant: string;
	name: string;
	state: string;
	vmGroups: string[];
	vms: Array<{ name: string; group: string; uuid: string; state: string }>;
	dataModel: string;
	/** Each VM group's definition in the data model, to tell an update of its VMs' settings. */
	groupDefinitions: Map<string, string>;
}

type Resource = Xml & { __kind: string };

export interface EscSimulator {
	url: string;
	baseUrl: string;
	username: string;
	password: string;
	callbacks: SentCallback[];
	deployments: Map<string, Deployment>;
	/** Makes the next operation whose `METHOD path` matches end in failure (reported by callback). */
	failNext(match: RegExp, message?: string): void;
	/** Resolves when every callback started so far has been sent. */
	settled(): Promise<void>;
	requests(): RecordedRequest[];
	requestsTo(method: string, path: RegExp): RecordedRequest[];
	addFault(fault: Fault): void;
	clearFaults(): void;
	close(): Promise<void>;
}

function errorXml(status: number, message: string): string {
	return document('error', { error_code: status, error_message: message }, undefined);
}

const xmlResponse = (status: number, body: string, headers: Record<string, string> = {}): SimResponse => ({
	status,
	body,
	headers: { 'content-type': 'application/xml; charset=UTF-8', ...headers },
});

const fail = (status: number, message: string) => xmlResponse(status, errorXml(status, message));

export async function startEscSimulator(options: EscOptions = {}): Promise<EscSimulator> {
	const username = options.username ?? 'admin';
	const password = rememberSecret(options.password ?? 'cisco123');
	const delay = options.callbackDelayMs ?? 50;
	const callbacks: SentCallback[] = [];
	const pending = new Set<Promise<void>>();
	const failures: Array<{ match: RegExp; message: string }> = [];
	const usedIds = new Set<string>();
	const tenants = new Map<string, Resource>();
	const scoped = new Map<string, Map<string, Resource>>(); // `${kind}` -> `${tenant}/${id}` -> resource
	const globals = new Map<string, Map<string, Resource>>();
	const deployments = new Map<string, Deployment>();
	const vims = new Map<string, Resource>();
	const vimUsers = new Map<string, Resource>();
	let defaultVim = '';
	let mode = 'OPERATION';
	const hosts = new Map([
		['compute-01', 'ENABLED'],
		['compute-02', 'ENABLED'],
	]);
	const systemStates = new Map([['vim_connection', 'OK']]);
	const config = new Map<string, { category: string; key: string; value: string; type: string }>([
		['DEFAULT/VM_RECOVERY_RETRIES_MAX', { category: 'DEFAULT', key: 'VM_RECOVERY_RETRIES_MAX', value: '3', type: 'INT' }],
		['LOG/LEVEL', { category: 'LOG', key: 'LEVEL', value: 'INFO', type: 'STRING' }],
		['OPENSTACK/ENDPOINT', { category: 'OPENSTACK', key: 'ENDPOINT', value: 'adminURL', type: 'STRING' }],
	]);
	const table = (map: Map<string, Map<string, Resource>>, kind: string) => {
		if (!map.has(kind)) map.set(kind, new Map());
		return map.get(kind)!;
	};

	const sim = new SimServer({
		name: 'esc',
		errorBody: (status, message) => errorXml(status, message),
		authenticate: (request) => {
			const header = String(request.headers.authorization ?? '');
			const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
			if (header === expected) return undefined;
			return { ...fail(401, header ? 'Invalid username or password' : 'Authentication required'), headers: { 'content-type': 'application/xml', 'www-authenticate': 'Basic realm="ESCManager"' } };
		},
	});

	// ---- helpers ---------------------------------------------------------------------------------

	/** Reads the XML body of a write; a response when the request must be refused. */
	function body(request: SimRequest): { root: string; namespace?: string; value: Xml } | SimResponse {
		const type = String(request.headers['content-type'] ?? '');
		if (!/^application\/xml\b|^text\/xml\b/i.test(type)) return fail(415, `Unsupported media type: ${type || 'none'}; send application/xml`);
		const parsed = parseRequestXml(request.rawBody);
		if ('error' in parsed) return fail(400, parsed.error);
		return parsed;
	}
	const isResponse = (value: unknown): value is SimResponse => typeof (value as SimResponse).status === 'number';

	function callbackUrl(request: SimRequest, header: 'callback' | 'callback-esc-events', required: boolean): string | SimResponse | undefined {
		const url = request.headers[header];
		if (typeof url !== 'string' || url === '') return required ? fail(400, `Missing ${header === 'callback' ? 'Callback' : 'Callback-ESC-Events'} header`) : undefined;
		if (!/^https?:\/\//.test(url)) return fail(400, `Invalid callback URL ${url}`);
		return url;
	}

	function checkId(id: string, label: string): SimResponse | undefined {
		if (!INTERNAL_ID.test(id)) return fail(400, `Invalid ${label} internal id '${id}': 1..72 characters from A-Z a-z 0-9 - . _`);
		return undefined;
	}

	function claim(id: string): SimResponse | undefined {
		if (usedIds.has(id)) return fail(409, `Internal id '${id}' is already in use`);
		usedIds.add(id);
		return undefined;
	}

	function failureFor(request: SimRequest): string | undefined {
		const index = failures.findIndex((failure) => failure.match.test(`${request.method} ${request.path}`));
		if (index < 0) return undefined;
		return failures.splice(index, 1)[0].message;
	}

	async function post(url: string, transactionId: string, status: number, message: string, xml: string, stage?: string): Promise<void> {
		const headers = {
			'Content-Type': 'application/xml; charset=UTF-8',
			ESC_TRANSACTION_ID: transactionId,
			'ESC-Status-Code': String(status),
			'ESC-Status-Message': message,
		};
		let answered = 0;
		try {
			const response = await fetch(url, { method: 'POST', headers, body: xml });
			answered = response.status;
			await response.text();
		} catch {
			answered = 0;
		}
		callbacks.push({ url, headers, body: xml, status: answered, stage });
	}

	/** Runs a sequence of callbacks after the immediate answer, one after the other. */
	function later(steps: Array<() => Promise<void> | void>): void {
		const run = (async () => {
			for (const step of steps) {
				await new Promise((resolve) => setTimeout(resolve, delay));
				await step();
			}
		})();
		pending.add(run);
		void run.finally(() => pending.delete(run));
	}

	function accepted(transactionId: string, xml: string): SimResponse {
		return xmlResponse(200, xml, { 'esc-transaction-id': transactionId });
	}

	// ---- deployments -----------------------------------------------------------------------------

	function deploymentXml(deployment: Deployment, stage?: string, vm?: Deployment['vms'][number]): Xml {
		return {
			datacenter: { default: false },
			deployment_details: vm
				? {
						host_uuid: 'host-14882',
						host_name: 'compute-01',
						vm_uuid: vm.uuid,
						interfaces: { interface: { network_uuid: 'MgtNetwork', ip_address: '18.0.0.16', nic_id: 0, type: 'virtual' } },
						vm_group_name: vm.group,
						vm_name: vm.name,
						vm_state_machine_state: vm.state,
					}
				: undefined,
			deployment_name: deployment.name,
			deployment_stage: stage,
			external_deployment_id: `ext-${deployment.id}`,
			external_tenant_id: `ext-${deployment.tenant}`,
			internal_deployment_id: deployment.id,
			internal_tenant_id: deployment.tenant,
			service_state_machine_state: deployment.state,
		};
	}

	/** The same stage as an ESC event, for the Callback-ESC-Events URL (the doc's esc_event format). */
	function deploymentEventXml(deployment: Deployment, stage: string, vm?: Deployment['vms'][number]): string {
		return document('esc_event', {
			deployment_name: deployment.name,
			event_details: '',
			event_type: stage,
			external_deployment_id: `ext-${deployment.id}`,
			external_tenant_id: `ext-${deployment.tenant}`,
			internal_deployment_id: deployment.id,
			internal_tenant_id: deployment.tenant,
			vm_source: vm ? { host_uuid: 'host-14882', host_name: 'compute-01', vm_uuid: vm.uuid, vm_group_name: vm.group, vm_name: vm.name } : undefined,
		});
	}

	/**
	 * One stage of a deployment operation: the deployment document to the Callback URL, then the
	 * event to the Callback-ESC-Events URL when one was given (ESC reports each stage on both).
	 */
	async function stage(urls: { callback: string; events?: string }, transactionId: string, status: number, message: string, deployment: Deployment, name: string, vm?: Deployment['vms'][number]): Promise<void> {
		await post(urls.callback, transactionId, status, message, document('deployment', deploymentXml(deployment, name, vm)), name);
		if (urls.events) await post(urls.events, transactionId, status, message, deploymentEventXml(deployment, name, vm), name);
	}

	function fullDeploymentXml(deployment: Deployment): Xml {
		return {
			...deploymentXml(deployment),
			vm_group: deployment.vmGroups.map((group) => ({ name: group })),
			deployment_details: deployment.vms.map((vm) => ({ vm_name: vm.name, vm_group_name: vm.group, vm_uuid: vm.uuid, vm_state_machine_state: vm.state })),
		};
	}

	function readDataModel(request: SimRequest): { tenant: string; name: string; groups: Array<{ name: string; count: number; definition: string }> } | SimResponse {
		const parsed = body(request);
		if (isResponse(parsed)) return parsed;
		if (parsed.root !== 'esc_datamodel') return fail(400, `Expected esc_datamodel, got ${parsed.root}`);
		if (parsed.namespace !== ESC_NS) return fail(400, `esc_datamodel must be in namespace ${ESC_NS}`);
		const tenant = list((parsed.value.tenants as Xml | undefined)?.tenant)[0];
		const deployment = list((tenant?.deployments as Xml | undefined)?.deployment)[0];
		const tenantName = text(tenant, 'name');
		const name = text(deployment, 'name');
		if (!tenantName || !name) return fail(400, 'The data model needs tenants/tenant/name and deployments/deployment/name');
		const groups = list(deployment.vm_group).map((group) => ({
			name: text(group, 'name') ?? 'group',
			count: Number(text(group.scaling as Xml | undefined, 'min_active') ?? options.defaultVmCount ?? 1),
			definition: JSON.stringify(group),
		}));
		if (groups.length === 0) return fail(400, 'The deployment has no vm_group');
		// A data model names its tenant (<name>admin</name>): the tenant of that name, else of that internal ID.
		const named = [...tenants.values()].find((candidate) => candidate.name === tenantName);
		return { tenant: named ? String(named.internal_tenant_id) : tenantName, name, groups };
	}

	function createDeployment(request: SimRequest): SimResponse {
		const id = request.params.id;
		const invalid = checkId(id, 'deployment');
		if (invalid) return invalid;
		const callback = callbackUrl(request, 'callback', true);
		if (isResponse(callback)) return callback;
		const events = callbackUrl(request, 'callback-esc-events', true);
		if (isResponse(events)) return events;
		const model = readDataModel(request);
		if (isResponse(model)) return model;
		const taken = claim(id);
		if (taken) return taken;
		const transactionId = randomUUID();
		const deployment: Deployment = {
			id,
			tenant: model.tenant,
			name: model.name,
			state: 'SERVICE_DEPLOYING_STATE',
			vmGroups: model.groups.map((group) => group.name),
			vms: model.groups.flatMap((group) =>
				Array.from({ length: group.count }, (_, index) => ({ name: `${model.name}_${group.name}_${index}_${randomUUID()}`, group: group.name, uuid: randomUUID(), state: 'VM_INIT_STATE' })),
			),
			dataModel: request.rawBody,
			groupDefinitions: new Map(model.groups.map((group) => [group.name, group.definition])),
		};
		deployments.set(id, deployment);
		const failure = failureFor(request);
		const urls = { callback: callback as string, events: events as string };
		if (failure) {
			later([
				async () => {
					deployment.state = 'SERVICE_ERROR_STATE';
					deployment.vms.forEach((vm) => (vm.state = 'VM_ERROR_STATE'));
					await stage(urls, transactionId, 500, `VM deployment failed: ${failure}`, deployment, 'VM_DEPLOYED', deployment.vms[0]);
				},
				async () => await stage(urls, transactionId, 500, `Service group deployment failed: ${failure}`, deployment, 'SERVICE_ALIVE'),
			]);
		} else {
			later([
				...deployment.vms.map((vm) => async () => {
					vm.state = 'VM_INSERT_STATE';
					await stage(urls, transactionId, 200, 'VM Deployed', deployment, 'VM_DEPLOYED', vm);
				}),
				...deployment.vms.map((vm) => async () => {
					vm.state = 'VM_ALIVE_STATE';
					deployment.state = 'SERVICE_INERT_STATE';
					await stage(urls, transactionId, 200, `VM_Alive event received, VM ID: [${vm.name}]`, deployment, 'VM_ALIVE', vm);
				}),
				async () => {
					deployment.state = 'SERVICE_ACTIVE_STATE';
					await stage(urls, transactionId, 200, 'Service group deployment completed successfully!', deployment, 'SERVICE_ALIVE');
				},
			]);
		}
		return accepted(transactionId, document('deployment', deploymentXml(deployment)));
	}

	function updateDeployment(request: SimRequest): SimResponse {
		const deployment = deployments.get(request.params.id);
		if (!deployment) return fail(404, `Deployment ${request.params.id} not found`);
		const callback = callbackUrl(request, 'callback', true);
		if (isResponse(callback)) return callback;
		const events = callbackUrl(request, 'callback-esc-events', true);
		if (isResponse(events)) return events;
		const model = readDataModel(request);
		if (isResponse(model)) return model;
		const transactionId = randomUUID();
		const failure = failureFor(request);
		deployment.state = 'SERVICE_UPDATING_STATE';
		deployment.dataModel = request.rawBody;
		// "If a VM specific resource like interface, is updated, then a VM_UPDATED followed by a SERVICE_UPDATED notification is received."
		const changedGroups = model.groups.filter((group) => deployment.groupDefinitions.has(group.name) && deployment.groupDefinitions.get(group.name) !== group.definition);
		const updatedVms = failure ? [] : deployment.vms.filter((vm) => changedGroups.some((group) => group.name === vm.group));
		deployment.groupDefinitions = new Map(model.groups.map((group) => [group.name, group.definition]));
		const urls = { callback: callback as string, events: events as string };
		later([
			...updatedVms.map((vm) => async () => {
				await stage(urls, transactionId, 200, `VM_UPDATED ${vm.name}`, deployment, 'VM_UPDATED', vm);
			}),
			async () => {
				deployment.state = failure ? 'SERVICE_ERROR_STATE' : 'SERVICE_ACTIVE_STATE';
				if (!failure) deployment.vmGroups = model.groups.map((group) => group.name);
				await stage(urls, transactionId, failure ? 500 : 200, failure ? `Service group update failed: ${failure}` : 'Service group update completed successfully', deployment, 'SERVICE_UPDATED');
			},
		]);
		return accepted(transactionId, document('deployment', deploymentXml(deployment)));
	}

	function deleteDeployment(request: SimRequest): SimResponse {
		const deployment = deployments.get(request.params.id);
		if (!deployment) return fail(404, `Deployment ${request.params.id} not found`);
		const callback = callbackUrl(request, 'callback', true);
		if (isResponse(callback)) return callback;
		const transactionId = randomUUID();
		const failure = failureFor(request);
		deployment.state = 'SERVICE_UNDEPLOYING_STATE';
		later([
			async () => {
				if (failure) deployment.state = 'SERVICE_ERROR_STATE';
				else deployments.delete(deployment.id);
				await post(callback as string, transactionId, failure ? 500 : 200, failure ? `Service group undeployment failed: ${failure}` : 'Service group undeployment completed successfully', document('deployment', deploymentXml(deployment, 'SERVICE_UNDEPLOYED')), 'SERVICE_UNDEPLOYED');
			},
		]);
		return accepted(transactionId, document('deployment', deploymentXml(deployment)));
	}

	const SERVICE_ACTIONS: Record<string, { vmEvent: string; serviceEvent: string; vmState: string; serviceState: string; message: string }> = {
		stop: { vmEvent: 'VM_STOPPED', serviceEvent: 'SERVICE_STOPPED', vmState: 'VM_SHUTOFF_STATE', serviceState: 'SERVICE_STOPPED_STATE', message: 'Service group suspension completed successfully' },
		start: { vmEvent: 'VM_STARTED', serviceEvent: 'SERVICE_STARTED', vmState: 'VM_ALIVE_STATE', serviceState: 'SERVICE_ACTIVE_STATE', message: 'Service group start completed successfully' },
		reboot: { vmEvent: 'VM_REBOOTED', serviceEvent: 'SERVICE_REBOOTED', vmState: 'VM_ALIVE_STATE', serviceState: 'SERVICE_ACTIVE_STATE', message: 'Service group reboot completed successfully' },
		enable_monitoring: { vmEvent: 'VM_MONITOR_SET', serviceEvent: 'SERVICE_MONITOR_SET', vmState: 'VM_ALIVE_STATE', serviceState: 'SERVICE_ACTIVE_STATE', message: 'Monitoring enabled' },
		disable_monitoring: { vmEvent: 'VM_MONITOR_UNSET', serviceEvent: 'SERVICE_MONITOR_UNSET', vmState: 'VM_ALIVE_STATE', serviceState: 'SERVICE_ACTIVE_STATE', message: 'Monitoring disabled' },
	};

	function serviceOperation(request: SimRequest): SimResponse {
		const callback = callbackUrl(request, 'callback', true);
		if (isResponse(callback)) return callback;
		const events = callbackUrl(request, 'callback-esc-events', false);
		if (isResponse(events)) return events;
		const parsed = body(request);
		if (isResponse(parsed)) return parsed;
		if (parsed.root !== 'service_operation') return fail(400, `Expected service_operation, got ${parsed.root}`);
		const deployment = deployments.get(request.params.id);
		if (!deployment || deployment.tenant !== request.params.tenant) return fail(404, 'Deployment or tenant not found');
		const action = SERVICE_ACTIONS[text(parsed.value, 'operation') ?? ''];
		if (!action) return fail(400, `Deployment operation ${text(parsed.value, 'operation')} is not applicable`);
		const transactionId = randomUUID();
		const failure = failureFor(request);
		const urls = { callback: callback as string, events };
		later([
			...deployment.vms.map((vm) => async () => {
				if (!failure) vm.state = action.vmState;
				await stage(urls, transactionId, failure ? 500 : 200, failure ? `VM operation failed: ${failure}` : `${action.vmEvent} ${vm.name}`, deployment, action.vmEvent, vm);
			}),
			async () => {
				deployment.state = failure ? 'SERVICE_ERROR_STATE' : action.serviceState;
				await stage(urls, transactionId, failure ? 500 : 200, failure ? `Service group operation failed: ${failure}` : action.message, deployment, action.serviceEvent);
			},
		]);
		return accepted(transactionId, document('service_operation', { operation: text(parsed.value, 'operation') }));
	}

	function findVm(tenant: string, name: string) {
		for (const deployment of deployments.values()) {
			const vm = deployment.vms.find((candidate) => candidate.name === name);
			if (vm && deployment.tenant === tenant) return { deployment, vm };
		}
		return undefined;
	}

	const VM_EVENTS: Record<string, string> = {
		start: 'VM_START_COMPLETE',
		stop: 'VM_STOP_COMPLETE',
		reboot: 'VM_REBOOT_COMPLETE',
		enable_monitoring: 'VM_ENABLE_MONITOR_COMPLETE',
		disable_monitoring: 'VM_DISABLE_MONITOR_COMPLETE',
		recovery_do: 'VM_RECOVERY_COMPLETE',
		recovery_undo: 'VM_RECOVERY_UNDO_COMPLETE',
		snapshot: 'VM_SNAPSHOT_COMPLETE',
	};

	function vmOperation(kind: 'vm' | 'recovery-vm' | 'snapshot-vm') {
		const roots = { vm: 'vm_operation', 'recovery-vm': 'recovery_vm_operation', 'snapshot-vm': 'vm_operation' };
		return (request: SimRequest): SimResponse => {
			const callback = callbackUrl(request, 'callback', kind !== 'recovery-vm');
			if (isResponse(callback)) return callback;
			const events = callbackUrl(request, 'callback-esc-events', kind !== 'recovery-vm');
			if (isResponse(events)) return events;
			const parsed = body(request);
			if (isResponse(parsed)) return parsed;
			if (parsed.root !== roots[kind]) return fail(400, `Expected ${roots[kind]}, got ${parsed.root}`);
			if (!NAME_IN_PATH.test(request.params.vm)) return fail(400, 'Invalid VM name');
			const found = findVm(request.params.tenant, request.params.vm);
			if (!found) return fail(404, 'VM or tenant not found');
			const operation = text(parsed.value, 'operation') ?? '';
			const event = VM_EVENTS[operation];
			if (!event || (kind === 'snapshot-vm') !== (operation === 'snapshot')) return fail(400, `VM operation ${operation} is not applicable`);
			if (kind === 'recovery-vm' && !operation.startsWith('recovery_')) return fail(400, `VM operation ${operation} is not applicable`);
			const transactionId = randomUUID();
			const failure = failureFor(request);
			const url = (events ?? callback) as string | undefined;
			if (!failure && operation === 'stop') found.vm.state = 'VM_SHUTOFF_STATE';
			if (!failure && operation === 'start') found.vm.state = 'VM_ALIVE_STATE';
			if (url) {
				later([
					async () =>
						await post(
							url,
							transactionId,
							failure ? 500 : 200,
							failure ? `VM operation failed: ${failure}` : `Successfully completed ${operation} of VM [${found.vm.name}]`,
							document('esc_event', {
								deployment_name: found.deployment.name,
								event_details: '',
								event_type: event,
								internal_deployment_id: found.deployment.id,
								internal_tenant_id: found.deployment.tenant,
								vm_source: { vm_uuid: found.vm.uuid, vm_group_name: found.vm.group, vm_name: found.vm.name },
							}),
							event,
						),
				]);
			}
			return accepted(transactionId, document(roots[kind], { operation }));
		};
	}

	// ---- simple resources ------------------------------------------------------------------------

	interface Kind {
		kind: string;
		root: string;
		namespace: string;
		event: string;
		/** Element names that must be present in a create body. */
		required: string[];
		idElement: string;
	}

	function resourceXml(kind: Kind, resource: Resource, event?: string): string {
		const value: Xml = { ...resource, event_type: event };
		delete value.__kind;
		return document(kind.root, value, kind.namespace);
	}

	function createSimple(kind: Kind, store: () => Map<string, Resource>, key: (request: SimRequest) => string, extra: (request: SimRequest) => Xml) {
		return (request: SimRequest): SimResponse => {
			const id = request.params.id;
			const invalid = checkId(id, kind.kind);
			if (invalid) return invalid;
			if (request.params.tenant !== undefined) {
				const invalidTenant = checkId(request.params.tenant, 'tenant');
				if (invalidTenant) return invalidTenant;
				if (!tenants.has(request.params.tenant)) return fail(404, `Tenant ${request.params.tenant} not found`);
			}
			const callback = callbackUrl(request, 'callback', true);
			if (isResponse(callback)) return callback;
			const parsed = body(request);
			if (isResponse(parsed)) return parsed;
			if (parsed.root !== kind.root) return fail(400, `Expected ${kind.root}, got ${parsed.root}`);
			if (parsed.namespace !== kind.namespace) return fail(400, `${kind.root} must be in namespace ${kind.namespace}`);
			const missing = kind.required.find((name) => !text(parsed.value, name));
			if (missing) return fail(400, `Missing ${missing}`);
			const taken = claim(id);
			if (taken) return taken;
			const values: Xml = {};
			for (const [name, value] of Object.entries(parsed.value)) if (!name.startsWith('@')) values[name] = value;
			const resource: Resource = { __kind: kind.kind, ...values, [kind.idElement]: id, ...extra(request) };
			const transactionId = randomUUID();
			const failure = failureFor(request);
			later([
				async () => {
					if (!failure) store().set(key(request), resource);
					else usedIds.delete(id);
					await post(callback as string, transactionId, failure ? 500 : 200, failure ? `${kind.root} creation failed: ${failure}` : `${kind.root} successfully created`, resourceXml(kind, resource, kind.event), kind.event);
				},
			]);
			return accepted(transactionId, resourceXml(kind, resource));
		};
	}

	function deleteSimple(kind: Kind, store: () => Map<string, Resource>, key: (request: SimRequest) => string, idOf: (request: SimRequest) => string) {
		return (request: SimRequest): SimResponse => {
			const resource = store().get(key(request));
			if (!resource) return fail(404, `${kind.root} ${idOf(request)} not found`);
			const callback = callbackUrl(request, 'callback', true);
			if (isResponse(callback)) return callback;
			const transactionId = randomUUID();
			const failure = failureFor(request);
			const event = kind.event.replace('CREATE', 'DELETE');
			later([
				async () => {
					if (!failure) {
						store().delete(key(request));
						usedIds.delete(idOf(request));
					}
					await post(callback as string, transactionId, failure ? 500 : 200, failure ? `${kind.root} deletion failed: ${failure}` : `${kind.root} successfully deleted`, resourceXml(kind, resource, event), event);
				},
			]);
			return accepted(transactionId, resourceXml(kind, resource));
		};
	}

	function updateSimple(kind: Kind, store: () => Map<string, Resource>, key: (request: SimRequest) => string) {
		return (request: SimRequest): SimResponse => {
			const resource = store().get(key(request));
			if (!resource) return fail(404, `${kind.root} not found`);
			const callback = callbackUrl(request, 'callback', true);
			if (isResponse(callback)) return callback;
			const parsed = body(request);
			if (isResponse(parsed)) return parsed;
			if (parsed.root !== kind.root) return fail(400, `Expected ${kind.root}, got ${parsed.root}`);
			const transactionId = randomUUID();
			const failure = failureFor(request);
			const event = kind.event.replace('CREATE', 'UPDATE');
			later([
				async () => {
					if (!failure) for (const [name, value] of Object.entries(parsed.value)) if (!name.startsWith('@') && name !== kind.idElement) resource[name] = value;
					await post(callback as string, transactionId, failure ? 500 : 200, failure ? `${kind.root} update failed: ${failure}` : `${kind.root} successfully updated`, resourceXml(kind, resource, event), event);
				},
			]);
			return accepted(transactionId, resourceXml(kind, resource));
		};
	}

	function getOne(kind: Kind, store: () => Map<string, Resource>, key: (request: SimRequest) => string) {
		return (request: SimRequest): SimResponse => {
			const resource = store().get(key(request));
			return resource ? xmlResponse(200, resourceXml(kind, resource)) : fail(404, `${kind.root} not found`);
		};
	}

	function listAll(kind: Kind, plural: string, items: () => Resource[]) {
		return (): SimResponse => {
			const entries = items().map((resource) => {
				const value: Xml = { ...resource };
				delete value.__kind;
				return value;
			});
			return xmlResponse(200, document(plural, { [kind.root]: entries }, kind.namespace));
		};
	}

	const route = (method: string, path: string, handler: (request: SimRequest) => SimResponse | Promise<SimResponse>) => {
		sim.route(method, `${ESC_BASE_PATH}${path}`, (request) => {
			if (mode === 'MAINTENANCE' && method !== 'GET' && !path.startsWith('/v0/operationmode')) {
				const refused = fail(503, 'ESC is in maintenance mode');
				return { ...refused, headers: { ...refused.headers, 'retry-after': '1' } };
			}
			return handler(request);
		});
	};

	// Tenants
	const TENANT: Kind = { kind: 'tenant', root: 'tenant', namespace: NETCONF_NS, event: 'CREATE_TENANT', required: ['name'], idElement: 'internal_tenant_id' };
	const tenantStore = () => tenants;
	route('GET', '/v0/tenants', listAll(TENANT, 'tenants', () => [...tenants.values()]));
	route('GET', '/v0/tenants/{id}', getOne(TENANT, tenantStore, (r) => r.params.id));
	route('POST', '/v0/tenants/{id}', createSimple(TENANT, tenantStore, (r) => r.params.id, () => ({ enabled: true, external_tenant_id: randomUUID().replace(/-/g, '') })));
	route('PUT', '/v0/tenants/{id}', updateSimple(TENANT, tenantStore, (r) => r.params.id));
	route('DELETE', '/v0/tenants/{id}', deleteSimple(TENANT, tenantStore, (r) => r.params.id, (r) => r.params.id));

	// Tenant-scoped: networks, subnets, volumes
	for (const [segment, root, event, required] of [
		['networks', 'network', 'CREATE_NETWORK', ['name']],
		['subnets', 'subnet', 'CREATE_SUBNET', ['name', 'cidr', 'internal_network_id']],
		['volumes', 'volume', 'CREATE_VOLUME', ['name', 'size', 'sizeunit']],
	] as const) {
		const kind: Kind = { kind: root, root, namespace: NETCONF_NS, event, required: [...required], idElement: `internal_${root}_id` };
		const store = () => table(scoped, root);
		const key = (r: SimRequest) => `${r.params.tenant}/${r.params.id}`;
		route('GET', `/v0/{tenant}/${segment}`, (request) => {
			if (!tenants.has(request.params.tenant)) return fail(404, `Tenant ${request.params.tenant} not found`);
			const network = request.headers.internalnetworkid;
			const items = [...store().entries()]
				.filter(([k]) => k.startsWith(`${request.params.tenant}/`))
				.map(([, v]) => v)
				.filter((item) => root !== 'subnet' || !network || item.internal_network_id === network);
			return listAll(kind, segment, () => items)();
		});
		route('GET', `/v0/{tenant}/${segment}/{id}`, getOne(kind, store, key));
		route('POST', `/v0/{tenant}/${segment}/{id}`, createSimple(kind, store, key, (r) => ({ internal_tenant_id: r.params.tenant })));
		route('DELETE', `/v0/{tenant}/${segment}/{id}`, deleteSimple(kind, store, key, (r) => r.params.id));
	}

	// Global: images, flavors, file servers
	for (const [segment, root, plural, event, required, namespace, idElement, update] of [
		['images', 'image', 'images', 'CREATE_IMAGE', ['name', 'src'], NETCONF_NS, 'internal_image_id', false],
		['flavors', 'flavor', 'flavors', 'CREATE_FLAVOR', ['name', 'vcpus', 'memory_mb'], NETCONF_NS, 'internal_flavor_id', false],
		['fileserver', 'file_server', 'file_servers', 'CREATE_FILE_SERVER', ['base_url'], ESC_NS, 'id', true],
	] as const) {
		const kind: Kind = { kind: root, root, namespace, event, required: [...required], idElement };
		const store = () => table(globals, root);
		const key = (r: SimRequest) => r.params.id;
		route('GET', `/v0/${segment}`, listAll(kind, plural, () => [...store().values()]));
		route('GET', `/v0/${segment}/{id}`, getOne(kind, store, key));
		route('POST', `/v0/${segment}/{id}`, createSimple(kind, store, key, () => ({})));
		if (update) route('PUT', `/v0/${segment}/{id}`, updateSimple(kind, store, key));
		route('DELETE', `/v0/${segment}/{id}`, deleteSimple(kind, store, key, (r) => r.params.id));
	}

	// Deployments
	route('GET', '/v0/deployments', () => xmlResponse(200, document('deployments', { deployment: [...deployments.values()].map(fullDeploymentXml) })));
	route('GET', '/v0/deployments/{id}', (request) => {
		const deployment = deployments.get(request.params.id);
		return deployment ? xmlResponse(200, document('deployment', fullDeploymentXml(deployment))) : fail(404, `Deployment ${request.params.id} not found`);
	});
	route('GET', '/v0/deployments/config/{id}', (request) => {
		const deployment = deployments.get(request.params.id);
		return deployment ? xmlResponse(200, deployment.dataModel) : fail(404, `Deployment ${request.params.id} not found`);
	});
	route('POST', '/v0/deployments/{id}', createDeployment);
	route('PUT', '/v0/deployments/{id}', updateDeployment);
	route('DELETE', '/v0/deployments/{id}', deleteDeployment);
	route('POST', '/v0/{tenant}/deployments/service/{id}', serviceOperation);
	route('POST', '/v0/{tenant}/deployments/vm/{vm}', vmOperation('vm'));
	route('POST', '/v0/{tenant}/deployments/recovery-vm/{vm}', vmOperation('recovery-vm'));
	route('POST', '/v0/{tenant}/deployments/snapshot-vm/{vm}', vmOperation('snapshot-vm'));

	// VIM connectors and users
	const VIM: Kind = { kind: 'vim_connector', root: 'vim_connector', namespace: ESC_NS, event: 'CREATE_VIM_CONNECTOR', required: ['id', 'type'], idElement: 'id' };
	const VIM_USER: Kind = { kind: 'vim_user', root: 'vim_user', namespace: ESC_NS, event: 'CREATE_VIM_USER', required: ['id'], idElement: 'id' };
	route('GET', '/v0/vims', listAll(VIM, 'vim_connectors', () => [...vims.values()]));
	route('GET', '/v0/vims/default_vim_connector', () => xmlResponse(200, document('default_vim_connector', { defaultVimConnectorId: defaultVim }, ESC_NS)));
	route('POST', '/v0/vims/default_vim_connector', (request) => {
		const callback = callbackUrl(request, 'callback', true);
		if (isResponse(callback)) return callback;
		const parsed = body(request);
		if (isResponse(parsed)) return parsed;
		const id = text(parsed.value, 'defaultVimConnectorId') ?? '';
		if (!vims.has(id)) return fail(400, `Unknown VIM connector ${id}`);
		const transactionId = randomUUID();
		later([
			async () => {
				defaultVim = id;
				await post(callback as string, transactionId, 200, 'Default VIM connector set', document('default_vim_connector', { defaultVimConnectorId: id, event_type: 'CREATE_DEFAULT_VIM_CONNECTOR' }, ESC_NS));
			},
		]);
		return accepted(transactionId, document('default_vim_connector', { defaultVimConnectorId: id }, ESC_NS));
	});
	route('POST', '/v0/vims', (request) => {
		const parsed = body(request);
		if (isResponse(parsed)) return parsed;
		request.params.id = text(parsed.value, 'id') ?? '';
		return createSimple(VIM, () => vims, (r) => r.params.id, () => ({ status: 'CONNECTION_SUCCESSFUL' }))(request);
	});
	route('GET', '/v0/vims/{id}', getOne(VIM, () => vims, (r) => r.params.id));
	route('PUT', '/v0/vims/{id}', updateSimple(VIM, () => vims, (r) => r.params.id));
	route('DELETE', '/v0/vims/{id}', deleteSimple(VIM, () => vims, (r) => r.params.id, (r) => r.params.id));
	route('PUT', '/v0/vims/{id}/check_status', (request) => (vims.has(request.params.id) ? xmlResponse(200, document('vim_connector', { id: request.params.id, status: 'CONNECTION_SUCCESSFUL' }, ESC_NS)) : fail(404, 'Not Found')));
	const userKey = (r: SimRequest) => `${r.params.vim}/${r.params.id}`;
	route('GET', '/v0/vims/{vim}/vim_users', (request) => (vims.has(request.params.vim) ? listAll(VIM_USER, 'vim_users', () => [...vimUsers.entries()].filter(([k]) => k.startsWith(`${request.params.vim}/`)).map(([, v]) => v))() : fail(404, 'Unknown VIM Id provided')));
	route('POST', '/v0/vims/{vim}/vim_users', (request) => {
		if (!vims.has(request.params.vim)) return fail(404, 'Unknown VIM Id provided');
		const parsed = body(request);
		if (isResponse(parsed)) return parsed;
		request.params.id = text(parsed.value, 'id') ?? '';
		return createSimple(VIM_USER, () => vimUsers, userKey, () => ({}))(request);
	});
	route('GET', '/v0/vims/{vim}/vim_users/{id}', getOne(VIM_USER, () => vimUsers, userKey));
	route('PUT', '/v0/vims/{vim}/vim_users/{id}', updateSimple(VIM_USER, () => vimUsers, userKey));
	route('DELETE', '/v0/vims/{vim}/vim_users/{id}', deleteSimple(VIM_USER, () => vimUsers, userKey, (r) => r.params.id));

	// Configuration parameters
	const parameterXml = (p: { category: string; key: string; value: string; type: string }) => ({ category: p.category, key: p.key, type: p.type, value: p.value });
	route('GET', '/v0/config', () => xmlResponse(200, document('escconfigparameters', { escconfigparameter: [...config.values()].map(parameterXml) }, undefined)));
	route('GET', '/v0/config/{category}', (request) => {
		const entries = [...config.values()].filter((p) => p.category === request.params.category.toUpperCase());
		return entries.length ? xmlResponse(200, document('escconfigparameters', { escconfigparameter: entries.map(parameterXml) }, undefined)) : fail(404, 'Category not found.');
	});
	route('GET', '/v0/config/{category}/{key}', (request) => {
		const entry = config.get(`${request.params.category.toUpperCase()}/${request.params.key.toUpperCase()}`);
		return entry ? xmlResponse(200, document('escconfigparameter', parameterXml(entry), undefined)) : fail(404, 'Key or category not found.');
	});
	route('POST', '/v0/config/{category}/{key}', (request) => {
		if (!/^application\/json\b/i.test(String(request.headers['content-type'] ?? ''))) return fail(415, 'Send the value as application/json');
		const key = `${request.params.category.toUpperCase()}/${request.params.key.toUpperCase()}`;
		if (config.has(key)) return fail(409, 'Conflicting resource.');
		let value: unknown;
		try {
			value = JSON.parse(request.rawBody);
		} catch {
			return fail(400, 'Invalid request.');
		}
		const entry = { category: request.params.category.toUpperCase(), key: request.params.key.toUpperCase(), value: String(value), type: 'STRING' };
		config.set(key, entry);
		return xmlResponse(200, document('escconfigparameter', parameterXml(entry), undefined));
	});
	route('PUT', '/v0/config/{category}/{key}/{value}', (request) => {
		const entry = config.get(`${request.params.category.toUpperCase()}/${request.params.key.toUpperCase()}`);
		if (!entry) return fail(404, 'Associated resource not found.');
		entry.value = request.params.value.toUpperCase();
		return xmlResponse(200, document('escconfigparameter', parameterXml(entry), undefined));
	});

	// Operation mode, hosts, system states, truststore
	route('GET', '/v0/operationmode', () => xmlResponse(200, document('operation_mode', { message: `ESC is in ${mode} mode`, mode }, undefined)));
	route('POST', '/v0/operationmode/{mode}', (request) => {
		if (!['MAINTENANCE', 'OPERATION'].includes(request.params.mode)) return fail(400, `Unknown mode ${request.params.mode}`);
		mode = request.params.mode;
		return xmlResponse(200, document('operation_mode', { message: `ESC is now in ${mode} mode`, mode }, undefined));
	});
	route('GET', '/v0/hosts/{host}/status', (request) => {
		const status = hosts.get(request.params.host);
		return status ? xmlResponse(200, document('host', { name: request.params.host, status }, undefined)) : fail(404, `Host ${request.params.host} not found`);
	});
	for (const action of ['enable', 'disable'] as const) {
		route('POST', `/v0/hosts/{host}/${action}`, (request) => {
			const events = callbackUrl(request, 'callback-esc-events', true);
			if (isResponse(events)) return events;
			if (!hosts.has(request.params.host)) return fail(404, `Host ${request.params.host} not found`);
			const transactionId = randomUUID();
			const status = action === 'enable' ? 'ENABLED' : 'DISABLED';
			const event = action === 'enable' ? 'HOST_ENABLED' : 'HOST_DISABLED';
			later([
				async () => {
					hosts.set(request.params.host, status);
					await post(events as string, transactionId, 200, `Host ${request.params.host} ${status.toLowerCase()}`, document('esc_event', { event_type: event, host_name: request.params.host }), event);
				},
			]);
			return accepted(transactionId, document('host', { name: request.params.host, status: hosts.get(request.params.host) }, undefined));
		});
	}
	route('GET', '/v0/systemstate/{name}', (request) => {
		const state = systemStates.get(request.params.name);
		return state ? xmlResponse(200, document('systemstate', { name: request.params.name, state }, undefined)) : fail(404, 'Name not found.');
	});
	route('POST', '/v0/systemstate/{name}/reset', (request) => {
		if (!systemStates.has(request.params.name)) return fail(404, 'Name not found.');
		systemStates.set(request.params.name, 'OK');
		return xmlResponse(200, document('systemstate', { name: request.params.name, state: 'OK' }, undefined));
	});
	route('PUT', '/internal/ssl/reload', () => ({ status: 204 }));

	if (options.seeded) {
		for (const id of ['admin', 'default_openstack_vim', 'web-firewall']) usedIds.add(id);
		tenants.set('admin', { __kind: 'tenant', name: 'admin', internal_tenant_id: 'admin', enabled: true, managed_resource: false, external_tenant_id: 'b8c3e0f7a1d24f55a2f0d6c9e4b1a7c3' });
		vims.set('default_openstack_vim', { __kind: 'vim_connector', id: 'default_openstack_vim', type: 'OPENSTACK', properties: { property: [{ name: 'os_auth_url', value: 'http://openstack.example.com:5000/v3' }] } });
		defaultVim = 'default_openstack_vim';
		// One of each listed item, so every list of the node shows something (the editor check, the demo).
		const seed = (map: Map<string, Resource>, key: string, resource: Resource) => {
			map.set(key, resource);
			usedIds.add(key.split('/').pop()!);
		};
		seed(table(scoped, 'network'), 'admin/net-mgmt', { __kind: 'network', name: 'MgtNetwork', internal_network_id: 'net-mgmt', internal_tenant_id: 'admin', shared: false, admin_state_up: true });
		seed(table(scoped, 'subnet'), 'admin/subnet-mgmt', { __kind: 'subnet', name: 'MgtSubnet', internal_subnet_id: 'subnet-mgmt', internal_network_id: 'net-mgmt', internal_tenant_id: 'admin', ip_version: 4, cidr: '18.0.0.0/24', enable_dhcp: true });
		seed(table(scoped, 'volume'), 'admin/vol-logs', { __kind: 'volume', name: 'logs', internal_volume_id: 'vol-logs', internal_tenant_id: 'admin', size: 10, sizeunit: 'GiB' });
		seed(table(globals, 'image'), 'img-asav', { __kind: 'image', name: 'ASAv', internal_image_id: 'img-asav', src: 'http://fileserver/share/images/asav.qcow2', disk_bus: 'virtio' });
		seed(table(globals, 'flavor'), 'flavor-small', { __kind: 'flavor', name: 'small', internal_flavor_id: 'flavor-small', vcpus: 2, memory_mb: 2048, root_disk_mb: 0, ephemeral_disk_mb: 0, swap_disk_mb: 0 });
		seed(table(globals, 'file_server'), 'fs-images', { __kind: 'file_server', id: 'fs-images', base_url: 'https://fileserver.example.com/share', server_timeout: 60 });
		vimUsers.set('default_openstack_vim/admin', { __kind: 'vim_user', id: 'admin', vim_id: 'default_openstack_vim', credentials: { properties: { property: [{ name: 'os_password', value: 'cisco123' }] } } });
		deployments.set('web-firewall', {
			id: 'web-firewall',
			tenant: 'admin',
			name: 'web-firewall',
			state: 'SERVICE_ACTIVE_STATE',
			vmGroups: ['fw-group'],
			vms: [{ name: 'web-firewall_fw-group_0_a1b2', group: 'fw-group', uuid: randomUUID(), state: 'VM_ALIVE_STATE' }],
			dataModel: '<esc_datamodel xmlns="http://www.cisco.com/esc/esc"><tenants><tenant><name>admin</name><deployments><deployment><name>web-firewall</name><vm_group><name>fw-group</name></vm_group></deployment></deployments></tenant></tenants></esc_datamodel>',
			// Not known: an update of the seeded group is not reported as VM_UPDATED.
			groupDefinitions: new Map(),
		});
	}

	const url = await sim.listen(options.port ?? 0);
	return {
		url,
		baseUrl: `${url}${ESC_BASE_PATH}`,
		username,
		password,
		callbacks,
		deployments,
		failNext: (match, message = 'Simulated failure') => failures.push({ match, message }),
		settled: async () => {
			while (pending.size > 0) await Promise.all([...pending]);
		},
		requests: () => [...sim.requests],
		requestsTo: (method, path) => sim.requestsTo(method, path),
		addFault: (fault) => sim.addFault(fault),
		clearFaults: () => sim.clearFaults(),
		close: async () => {
			await Promise.all([...pending]);
			await sim.close();
		},
	};
}
