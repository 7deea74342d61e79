import type { INodeProperties } from 'n8n-workflow';

import type { ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { escGet, escWrite, nameInPath } from '../operations';

const hostName: INodeProperties = { displayName: 'Host Name', name: 'hostName', type: 'string', default: '', required: true, placeholder: 'compute-03', description: 'Compute host name as the cloud knows it' };
const hostPath = (p: ParameterReader, action: string) => `/v0/hosts/${encodeURIComponent(nameInPath(p, 'hostName', 'Host Name'))}/${action}`;

export const host: ResourceDefinition = {
	value: 'host',
	name: 'Host',
	operations: [
		escGet({ value: 'getStatus', name: 'Get Status', action: 'Get the status of a host', description: 'Get whether ESC can place new VMs on a host', properties: [hostName], path: (p) => hostPath(p, 'status'), subject: (p) => `Host "${String(p.raw('hostName'))}"` }),
		escWrite({ value: 'enable', name: 'Enable', action: 'Enable a host', description: 'Let ESC place VMs on a host again', method: 'POST', properties: [hostName], path: (p) => hostPath(p, 'enable'), callbacks: 'events', subject: (p) => `Host "${String(p.raw('hostName'))}"` }),
		escWrite({ value: 'disable', name: 'Disable', action: 'Disable a host', description: 'Stop ESC from placing VMs on a host', method: 'POST', properties: [hostName], path: (p) => hostPath(p, 'disable'), callbacks: 'events', subject: (p) => `Host "${String(p.raw('hostName'))}"` }),
	],
};
