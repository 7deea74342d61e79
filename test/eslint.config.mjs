import { config } from '@n8n/node-cli/eslint';

// Test code (simulators, harnesses, tests) runs in Node.js and is never shipped or loaded by n8n,
// so the rules of n8n Cloud's node sandbox (no file system or process access, imports from an
// allow-list only, no spawning of processes: harnesses start n8n and git) cannot apply to it. Every other rule of the strict configuration does.
export default [
	...config,
	{
		files: ['**/*.ts'],
		rules: {
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
		},
	},
];
