import type { ResourceDefinition } from '../../shared/operations';
import { escWrite } from '../operations';

export const truststore: ResourceDefinition = {
	value: 'truststore',
	name: 'Truststore',
	operations: [
		escWrite({ value: 'reload', name: 'Reload', action: 'Reload the truststore', description: 'Make ESC read its truststore from disk again, after certificates were added', method: 'PUT', path: () => '/internal/ssl/reload', callbacks: 'none' }),
	],
};
