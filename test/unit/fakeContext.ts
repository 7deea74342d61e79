import type { IAdditionalCredentialOptions, IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { VendorApi } from '../../nodes/shared/transport';

export type Scripted =
	| { status: number; body?: unknown; headers?: Record<string, string> }
	| { networkError: string };

/** An HTTP client error shaped like the one n8n's request helper throws. */
function httpError(status: number, body: unknown, headers: Record<string, string> = {}): Error {
	return Object.assign(new Error(`Request failed with status code ${status}`), {
		isAxiosError: true,
		response: { status, data: body, headers },
	});
}

/**
 * A node context whose authenticated requests are answered from a script, one entry per request,
 * recording what was sent.
 */
export function scriptedContext(script: Scripted[], parameters: IDataObject = {}) {
	const sent: IHttpRequestOptions[] = [];
	/** What each request asked of n8n's credential handling (e.g. not to fetch a new token). */
	const credentialOptions: Array<IAdditionalCredentialOptions | undefined> = [];
	const context = {
		getNode: () => ({ id: '1', name: 'Test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} }),
		getCredentials: async () => ({ baseUrl: 'https://api.example.test/' }),
		getNodeParameter: (name: string, _index: number, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		continueOnFail: () => false,
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions, additional?: IAdditionalCredentialOptions) => {
				sent.push(options);
				credentialOptions.push(additional);
				const next = script.shift();
				if (!next) throw new Error('The script has no more responses');
				if ('networkError' in next) throw Object.assign(new Error(`connect ${next.networkError}`), { code: next.networkError });
				if (next.status >= 400) throw httpError(next.status, next.body, next.headers);
				return { statusCode: next.status, headers: next.headers ?? {}, body: next.body };
			},
		},
	};
	return { ctx: context as unknown as IExecuteFunctions, sent, credentialOptions };
}

export const testApi: VendorApi = {
	productName: 'Example Cloud',
	credentialType: 'exampleApi',
	baseUrl: (credentials) => String(credentials.baseUrl),
	readError: (body) => {
		const error = (body ?? {}) as IDataObject;
		return { message: error.error as string | undefined, code: error.errorCode as string | undefined, traceId: error.traceId as string | undefined };
	},
	credentialHint: 'Check the client ID and secret.',
};
