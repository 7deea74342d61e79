import type { OperationDefinition, ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { NETCONF_NS } from '../api';
import { deploymentLocator, tenantLocator } from '../locators';
import { escWrite, internalId, xmlBody } from '../operations';

const ACTIONS = [
	{ value: 'start', name: 'Start', verb: 'Start', endState: 'SERVICE_ACTIVE_STATE' },
	{ value: 'stop', name: 'Stop', verb: 'Stop', endState: 'SERVICE_STOPPED_STATE' },
	{ value: 'reboot', name: 'Reboot', verb: 'Reboot', endState: 'SERVICE_ACTIVE_STATE' },
	{ value: 'enableMonitoring', name: 'Enable Monitoring', verb: 'Enable monitoring of', operation: 'enable_monitoring', endState: undefined },
	{ value: 'disableMonitoring', name: 'Disable Monitoring', verb: 'Disable monitoring of', operation: 'disable_monitoring', endState: undefined },
];

const servicePath = (p: ParameterReader) =>
	`/v0/${encodeURIComponent(internalId(p, 'tenantId', 'Tenant'))}/deployments/service/${encodeURIComponent(internalId(p, 'deploymentId', 'Deployment'))}`;

/** Start, stop, reboot and monitoring of a whole deployment: operations of the Deployment resource. */
export const deploymentActions: OperationDefinition[] = ACTIONS.map((action) =>
		escWrite({
			value: action.value,
			name: action.name,
			action: `${action.verb} a deployment`,
			description: `${action.verb} every VM of a deployment`,
			method: 'POST',
			properties: [tenantLocator, deploymentLocator],
			path: servicePath,
			body: (p) => xmlBody(p, 'service_operation', { operation: action.operation ?? action.value }, NETCONF_NS),
			callbacks: 'both',
			subject: (p) => `Deployment "${String(p.raw('deploymentId'))}" of tenant "${String(p.raw('tenantId'))}"`,
			watch: action.endState
				? (p) => ({
						label: `deployment "${String(p.raw('deploymentId'))}"`,
						path: `/v0/deployments/${encodeURIComponent(String(p.raw('deploymentId')))}`,
						successStates: [action.endState],
					})
				: undefined,
		}),
	);

/** Version 1 had them as a resource of their own; nodes saved then keep running them. */
export const deploymentOperation: ResourceDefinition = { value: 'deploymentOperation', name: 'Deployment Operation', operations: deploymentActions };
