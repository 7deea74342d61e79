import * as fs from 'node:fs';
import * as yaml from 'js-yaml';
import OpenAPIBackend from 'openapi-backend';
import type { Request as OpenApiRequest } from 'openapi-backend';

import type { RequestValidator, SimRequest } from './server';

const FORMATS = ['uuid', 'date-time', 'date', 'uri', 'url', 'email', 'hostname', 'ipv4', 'ipv6', 'int32', 'int64', 'float', 'double', 'byte', 'binary', 'password'];

const backends = new Map<string, Promise<OpenAPIBackend>>();

/** OpenAPI 3.0 allows `nullable` beside `allOf` without a `type`; the validator needs a type. */
function dropTypelessNullable(node: unknown): void {
	if (Array.isArray(node)) return node.forEach(dropTypelessNullable);
	if (!node || typeof node !== 'object') return;
	const record = node as Record<string, unknown>;
	if (record.nullable !== undefined && record.type === undefined) delete record.nullable;
	Object.values(record).forEach(dropTypelessNullable);
}

function loadBackend(specPath: string): Promise<OpenAPIBackend> {
	let backend = backends.get(specPath);
	if (!backend) {
		const text = fs.readFileSync(specPath, 'utf8');
		const definition = (specPath.endsWith('.json') ? JSON.parse(text) : yaml.load(text)) as Record<string, unknown>;
		dropTypelessNullable(definition);
		const api = new OpenAPIBackend({
			definition: definition as never,
			strict: false,
			// Compiles each operation's validator on first use: the DSCC document has ~600 operations.
			quick: true,
			validate: true,
			ajvOpts: { strict: false, logger: false } as never,
			customizeAjv: (ajv) => {
				for (const format of FORMATS) ajv.addFormat(format, true);
				return ajv;
			},
		});
		backend = api.init();
		backends.set(specPath, backend);
	}
	return backend;
}

/** Validates method, path, query parameters and JSON body of each request against an OpenAPI document. */
export function openApiValidator(specPath: string): RequestValidator {
	return async (request: SimRequest) => {
		const api = await loadBackend(specPath);
		const candidate: OpenApiRequest = {
			method: request.method.toLowerCase(),
			path: request.path,
			query: request.query,
			headers: request.headers as Record<string, string>,
			body: request.body,
		};
		const operation = api.router.matchOperation(candidate);
		if (!operation) return ['the API document has no such operation'];
		const result = api.validator.validateRequest(candidate, operation);
		if (result.valid) return [];
		return (result.errors ?? []).map((error) =>
			`${error.instancePath || 'request'} ${error.message ?? 'is invalid'}${error.params ? ' ' + JSON.stringify(error.params) : ''}`,
		);
	};
}
