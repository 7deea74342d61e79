import type { INodeProperties } from 'n8n-workflow';

import type { ResourceDefinition } from '../../shared/operations';
import { escGet, escWrite, nameInPath } from '../operations';

const stateName: INodeProperties = { displayName: 'State Name', name: 'stateName', type: 'string', default: '', required: true, placeholder: 'vim_connection', description: 'Name of the system state, as ESC reports it (ESC has no endpoint that lists them)' };

export const systemState: ResourceDefinition = {
	value: 'systemState',
	name: 'System State',
	operations: [
		escGet({ value: 'get', name: 'Get', action: 'Get a system state', description: 'Get one system state of ESC', properties: [stateName], path: (p) => `/v0/systemstate/${encodeURIComponent(nameInPath(p, 'stateName', 'State Name'))}`, subject: (p) => `System state "${String(p.raw('stateName'))}"` }),
		escWrite({ value: 'reset', name: 'Reset', action: 'Reset a system state', description: 'Reset one system state of ESC', method: 'POST', properties: [stateName], path: (p) => `/v0/systemstate/${encodeURIComponent(nameInPath(p, 'stateName', 'State Name'))}/reset`, callbacks: 'none', subject: (p) => `System state "${String(p.raw('stateName'))}"` }),
	],
};
