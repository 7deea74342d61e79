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
