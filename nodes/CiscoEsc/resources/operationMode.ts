import type { ResourceDefinition } from '../../shared/operations';
import { escGet, escWrite } from '../operations';

export const operationMode: ResourceDefinition = {
	value: 'operationMode',
	name: 'Operation Mode',
	operations: [
		escGet({ value: 'get', name: 'Get', action: 'Get the operation mode', description: 'Get whether ESC is operating or in maintenance', path: () => '/v0/operationmode' }),
		escWrite({
			value: 'set',
			name: 'Set',
			action: 'Set the operation mode',
			description: 'Put ESC into maintenance or back into operation',
			method: 'POST',
			properties: [
				{
					displayName: 'Mode',
					name: 'mode',
					type: 'options',
					default: 'MAINTENANCE',
					options: [
						{ name: 'Maintenance', value: 'MAINTENANCE', description: 'ESC accepts no new work' },
						{ name: 'Operation', value: 'OPERATION', description: 'ESC works normally' },
					],
				},
			],
			path: (p) => {
				const mode = p.options<string>('mode');
				if (mode !== 'MAINTENANCE' && mode !== 'OPERATION') p.fail(`"Mode" must be Maintenance or Operation, not ${JSON.stringify(mode)}`);
				return `/v0/operationmode/${mode}`;
			},
			callbacks: 'none',
		}),
	],
};
