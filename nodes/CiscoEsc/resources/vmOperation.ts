import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition, ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { NETCONF_NS } from '../api';
import { tenantLocator, vmDeploymentLocator, vmLocator } from '../locators';
import { escWrite, internalId, nameInPath, resourceName, xmlBody } from '../operations';

/** Tenant (in ESC's path), deployment (only to list its VMs), VM. */
const vmProperties: INodeProperties[] = [tenantLocator, vmDeploymentLocator, vmLocator];

const vmPath = (kind: string) => (p: ParameterReader) =>
	`/v0/${encodeURIComponent(internalId(p, 'tenantId', 'Tenant'))}/deployments/${kind}/${encodeURIComponent(nameInPath(p, 'vmName', 'VM Name'))}`;

const subject = (p: ParameterReader) => `VM "${String(p.raw('vmName'))}" of tenant "${String(p.raw('tenantId'))}"`;

const ACTIONS = [
	{ value: 'start', name: 'Start', verb: 'Start' },
	{ value: 'stop', name: 'Stop', verb: 'Stop' },
	{ value: 'reboot', name: 'Reboot', verb: 'Reboot' },
	{ value: 'enableMonitoring', name: 'Enable Monitoring', verb: 'Enable monitoring of', operation: 'enable_monitoring' },
	{ value: 'disableMonitoring', name: 'Disable Monitoring', verb: 'Disable monitoring of', operation: 'disable_monitoring' },
];

const simple: OperationDefinition[] = ACTIONS.map((action) =>
	escWrite({
		value: action.value,
		name: action.name,
		action: `${action.verb} a VM`,
		description: `${action.verb} one VM of a deployment`,
		method: 'POST',
		properties: vmProperties,
		path: vmPath('vm'),
		body: (p) => xmlBody(p, 'vm_operation', { operation: action.operation ?? action.value }, NETCONF_NS),
		callbacks: 'both',
		subject,
	}),
);

const recovery = (value: 'recoveryDo' | 'recoveryUndo', operation: string, name: string, action: string, description: string) =>
	escWrite({
		value,
		name,
		action,
		description,
		method: 'POST',
		properties: [
			...vmProperties,
			...(value === 'recoveryDo'
				? [{ displayName: 'Check VM Before Recovery', name: 'checkVmBeforeRecovery', type: 'boolean' as const, default: true, description: 'Whether ESC first checks that the VM really is down' }]
				: []),
		],
		path: vmPath('recovery-vm'),
		body: (p) =>
			xmlBody(
				p,
				'recovery_vm_operation',
				{ operation, checkVmBeforeRecovery: value === 'recoveryDo' ? p.boolean('checkVmBeforeRecovery', true) : undefined },
				NETCONF_NS,
			),
		callbacks: 'both',
		subject,
	});

/** Operations on one VM of a deployment. */
const vmActions: OperationDefinition[] = [
		...simple,
		recovery('recoveryDo', 'recovery_do', 'Recover', 'Recover a VM', 'Recover a VM: reboot or redeploy it as its recovery policy says'),
		recovery('recoveryUndo', 'recovery_undo', 'Undo Recovery', 'Undo the recovery of a VM', 'Undo the recovery of a VM'),
		escWrite({
			value: 'snapshot',
			name: 'Snapshot',
			action: 'Snapshot a VM',
			description: 'Take a snapshot of a VM',
			method: 'POST',
			properties: [
				...vmProperties,
				{ displayName: 'Snapshot Name', name: 'snapshotName', type: 'string', default: '', required: true, placeholder: 'before-upgrade' },
			],
			path: vmPath('snapshot-vm'),
			body: (p) => xmlBody(p, 'vm_operation', { operation: 'snapshot', name: resourceName(p, 'snapshotName', 'Snapshot Name') }, NETCONF_NS),
			callbacks: 'both',
			subject,
		}),
];

export const vm: ResourceDefinition = { value: 'vm', name: 'VM', operations: vmActions };

/** Version 1 had these as the "VM Operation" resource; nodes saved then keep running them. */
export const vmOperation: ResourceDefinition = { value: 'vmOperation', name: 'VM Operation', operations: vmActions };
