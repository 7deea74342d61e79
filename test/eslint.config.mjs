import { config } from '@n8n/node-cli/eslint';

// Test code (simulators, harnesses, tests) runs in Node.js and is never shipped or loaded by n8n,
// so the two rules of n8n Cloud's node sandbox (no file system or process access, imports from
// an allow-list only) cannot apply to it. Every other rule of the strict configuration does.
export default [
	...config,
	{
		files: ['**/*.ts'],
		rules: {
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/no-restricted-globals': 'off',
		},
	},
];
