import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition, ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { NETCONF_NS } from '../api';
import { tenantLocator } from '../locators';
import { escWrite, internalId, nameInPath, resourceName, xmlBody } from '../operations';

const vmName: INodeProperties = {
	displayName: 'VM Name',
	name: 'vmName',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'dep-vpn-01_csr_0_cfeefcee-a1fe-4e94-9ffc-81792b265788',
	description: 'Name ESC gave the VM (vm_name in the deployment and in callbacks)',
};

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
		action: `${action.verb} VM`,
		description: `${action.verb} one VM of a deployment`,
		method: 'POST',
		properties: [tenantLocator, vmName],
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
			tenantLocator,
			vmName,
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

export const vmOperation: ResourceDefinition = {
	value: 'vmOperation',
	name: 'VM Operation',
	operations: [
		...simple,
		recovery('recoveryDo', 'recovery_do', 'Recover', 'Recover VM', 'Recover a VM: reboot or redeploy it as its recovery policy says'),
		recovery('recoveryUndo', 'recovery_undo', 'Undo Recovery', 'Undo VM recovery', 'Undo the recovery of a VM'),
		escWrite({
			value: 'snapshot',
			name: 'Snapshot',
			action: 'Snapshot VM',
			description: 'Take a snapshot of a VM',
			method: 'POST',
			properties: [
				tenantLocator,
				vmName,
				{ displayName: 'Snapshot Name', name: 'snapshotName', type: 'string', default: '', required: true, placeholder: 'before-upgrade' },
			],
			path: vmPath('snapshot-vm'),
			body: (p) => xmlBody(p, 'vm_operation', { operation: 'snapshot', name: resourceName(p, 'snapshotName', 'Snapshot Name') }, NETCONF_NS),
			callbacks: 'both',
			subject,
		}),
	],
};
