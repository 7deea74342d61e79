import type { IDataObject } from 'n8n-workflow';

import type { XmlValue } from '../../shared/xml';
import { escXml } from '../api';

/** Notifications ESC sends (deployment stages and event types), for the trigger's filter. */
export const KNOWN_EVENTS = [
	'CREATE_FLAVOR',
	'CREATE_IMAGE',
	'CREATE_NETWORK',
	'CREATE_SUBNET',
	'CREATE_TENANT',
	'CREATE_VOLUME',
	'DELETE_FLAVOR',
	'DELETE_IMAGE',
	'DELETE_NETWORK',
	'DELETE_SUBNET',
	'DELETE_TENANT',
	'DELETE_VOLUME',
	'SERVICE_ALIVE',
	'SERVICE_REBOOTED',
	'SERVICE_STARTED',
	'SERVICE_STOPPED',
	'SERVICE_UNDEPLOYED',
	'SERVICE_UPDATED',
	'VM_ALIVE',
	'VM_DEPLOYED',
	'VM_RECOVERY_COMPLETE',
	'VM_REBOOTED',
	'VM_STARTED',
	'VM_STOP_COMPLETE',
	'VM_STOPPED',
	'VM_UPDATED',
];

const UPPER_WORDS = new Set(['VM']);

/** An event code as words for the Events list: VM_ALIVE → "VM Alive", CREATE_FLAVOR → "Create Flavor". */
export function eventLabel(code: string): string {
	return code
		.split('_')
		.map((word) => (UPPER_WORDS.has(word) ? word : word.charAt(0) + word.slice(1).toLowerCase()))
		.join(' ');
}

/**
 * Added to the Callback-ESC-Events URL when it is the Callback URL too (`?...&escCallback=events`):
 * a post carrying it came through Callback-ESC-Events, and the Callback URL of the same request
 * reaches this trigger as well.
 */
export const EVENTS_COPY_PARAMETER = 'escCallback';
export const EVENTS_COPY_VALUE = 'events';

/** Adds the marker to a callback URL, before any fragment. */
export function markAsEventsUrl(url: string): string {
	const hash = url.indexOf('#');
	const [base, fragment] = hash < 0 ? [url, ''] : [url.slice(0, hash), url.slice(hash)];
	return `${base}${base.includes('?') ? '&' : '?'}${EVENTS_COPY_PARAMETER}=${EVENTS_COPY_VALUE}${fragment}`;
}

/**
 * Stages of deployment operations: ESC posts each to the Callback URL as the deployment document
 * (with deployment_stage) and to the Callback-ESC-Events URL as an esc_event. VM operation results
 * (..._COMPLETE), recovery and host events are not in the list: they are never skipped.
 */
const DEPLOYMENT_STAGES = new Set([
	'VM_DEPLOYED',
	'VM_ALIVE',
	'SERVICE_ALIVE',
	'VM_UPDATED',
	'SERVICE_UPDATED',
	'VM_STOPPED',
	'SERVICE_STOPPED',
	'VM_STARTED',
	'SERVICE_STARTED',
	'VM_REBOOTED',
	'SERVICE_REBOOTED',
	'VM_UNDEPLOYED',
	'SERVICE_UNDEPLOYED',
]);

/**
 * Whether a post is the events copy of a stage this trigger also receives as the deployment
 * document: decided from the post alone (its URL marker and body), so no state is shared between
 * executions or webhook processes.
 */
export function isEventsCopy(query: Record<string, unknown> | undefined, event: EscEvent): boolean {
	const marker = query?.[EVENTS_COPY_PARAMETER];
	const fromEventsUrl = (Array.isArray(marker) ? marker[0] : marker) === EVENTS_COPY_VALUE;
	return fromEventsUrl && event.resourceType === 'esc_event' && event.event !== null && DEPLOYMENT_STAGES.has(event.event);
}

/** One ESC callback, as the trigger emits it. */
export interface EscEvent extends IDataObject {
	transactionId: string | null;
	statusCode: number | null;
	statusMessage: string | null;
	success: boolean;
	event: string | null;
	/** The last notification of the operation (SERVICE_ALIVE, SERVICE_UPDATED, ..._COMPLETE, CREATE_...). */
	final: boolean;
	resourceType: string;
	tenantId: string | null;
	deploymentId: string | null;
	deploymentName: string | null;
	vmName: string | null;
	resourceId: string | null;
	serviceState: string | null;
	vmState: string | null;
	body: IDataObject;
}

function header(headers: Record<string, unknown>, ...names: string[]): string | undefined {
	const wanted = names.map((name) => name.toLowerCase());
	for (const [name, value] of Object.entries(headers)) {
		if (!wanted.includes(name.toLowerCase())) continue;
		const text = Array.isArray(value) ? value[0] : value;
		if (typeof text === 'string' && text !== '') return text;
	}
	return undefined;
}

function textAt(value: XmlValue | undefined, ...path: string[]): string | null {
	let current: unknown = value;
	for (const key of path) {
		if (Array.isArray(current)) current = current[0];
		if (!current || typeof current !== 'object') return null;
		current = (current as IDataObject)[key];
	}
	if (Array.isArray(current)) current = current[0];
	return typeof current === 'string' || typeof current === 'number' ? String(current) : null;
}

/** VM-level notifications come before the operation's last one, except a VM operation's own ..._COMPLETE. */
export function isFinalEvent(event: string | null): boolean {
	if (event === null) return true;
	return !event.startsWith('VM_') || event.endsWith('_COMPLETE');
}

/** Reads one callback: its headers and its XML body; `{ problem }` when the body cannot be read. */
export function readCallback(headers: Record<string, unknown>, raw: Buffer | string): EscEvent | { problem: string } {
	if (raw.length === 0) return { problem: 'the callback has no body' };
	let document: { [root: string]: XmlValue };
	try {
		document = escXml.read(raw);
	} catch {
		// The parser's reason quotes the body (names, entities); the caller gets none of it back.
		return { problem: 'the body is not well-formed UTF-8 XML without a DTD or entities' };
	}
	const resourceType = Object.keys(document)[0];
	const root = document[resourceType];
	const body = (root && typeof root === 'object' && !Array.isArray(root) ? root : { value: root }) as IDataObject;
	const statusText = header(headers, 'esc-status-code', 'esc_status_code');
	const statusCode = statusText !== undefined && /^\d{3}$/.test(statusText.trim()) ? Number(statusText) : null;
	const event = textAt(root, 'deployment_stage') ?? textAt(root, 'event_type') ?? textAt(root, 'event', 'type');
	return {
		transactionId: header(headers, 'esc-transaction-id', 'esc_transaction_id') ?? null,
		statusCode,
		statusMessage: header(headers, 'esc-status-message', 'esc_status_message') ?? null,
		success: statusCode !== null && statusCode >= 200 && statusCode < 300,
		event,
		final: isFinalEvent(event),
		resourceType,
		tenantId: textAt(root, 'internal_tenant_id') ?? textAt(root, 'tenant'),
		deploymentId: textAt(root, 'internal_deployment_id') ?? textAt(root, 'depid'),
		deploymentName: textAt(root, 'deployment_name') ?? textAt(root, 'depname'),
		vmName: textAt(root, 'deployment_details', 'vm_name') ?? textAt(root, 'vm_source', 'vm_name'),
		resourceId: textAt(root, `internal_${resourceType}_id`) ?? textAt(root, 'id') ?? textAt(root, 'internal_deployment_id'),
		serviceState: textAt(root, 'service_state_machine_state'),
		vmState: textAt(root, 'deployment_details', 'vm_state_machine_state'),
		body,
	};
}

export interface EventFilter {
	events: string[];
	outcome: 'any' | 'success' | 'failure';
	tenantId?: string;
	deploymentId?: string;
	finalOnly: boolean;
}

export function passes(event: EscEvent, filter: EventFilter): boolean {
	if (filter.events.length > 0 && (event.event === null || !filter.events.includes(event.event))) return false;
	if (filter.outcome === 'success' && !event.success) return false;
	if (filter.outcome === 'failure' && event.success) return false;
	if (filter.tenantId && event.tenantId !== filter.tenantId) return false;
	if (filter.deploymentId && event.deploymentId !== filter.deploymentId) return false;
	if (filter.finalOnly && !event.final) return false;
	return true;
}
