import type { IDataObject, INodeExecutionData, INodeType } from 'n8n-workflow';

import type { VendorApi } from '../../../nodes/shared/transport';
import type { CredentialStore, Parameters } from '../../harness/context';
import { executeNode, greenLakeCredential, pollNode } from '../../harness/context';
import type { SimRequest } from '../../simulators/framework/server';
import type { ClientCredentialsIssuer } from '../../simulators/framework/oauth';
import type { VendorRig } from './matrix';
import { SHORT_TIMEOUT_SECONDS, requestOptions } from './matrix';

export const locator = (value: string) => ({ __rl: true, mode: 'id', value });

/** Runs an action node with the matrix's short Request Options timeout; returns the output JSON. */
export async function runAction(nodeType: INodeType, credentials: CredentialStore, parameters: Parameters): Promise<IDataObject[]> {
	const items = await executeNode({ nodeType, credentials, parameters: { ...parameters, ...requestOptions } });
	return items.map((item: INodeExecutionData) => item.json);
}

/**
 * Runs a polling trigger once in manual mode (it fetches the latest events). Triggers have no
 * Request Options: their vendor's default timeouts are shortened for the run instead.
 */
export async function runTrigger(nodeType: INodeType, api: VendorApi, credentials: CredentialStore, parameters: Parameters): Promise<IDataObject[]> {
	const saved = api.timeouts;
	const ms = SHORT_TIMEOUT_SECONDS * 1000;
	api.timeouts = { readMs: ms, writeMs: ms, listPageMs: ms };
	try {
		const output = await pollNode({ nodeType, credentials, parameters, staticData: {}, mode: 'manual' });
		return (output?.[0] ?? []).map((item) => item.json);
	} finally {
		api.timeouts = saved;
	}
}

/** HPE GreenLake SSO keeps one token per API client: another sign-in with the same client revokes the node's. */
export function supersedeHpeToken(issuer: ClientCredentialsIssuer, sim: { clientId: string; clientSecret: string }): void {
	issuer.handleTokenRequest({
		method: 'POST',
		path: '/as/token.oauth2',
		query: {},
		headers: {},
		rawBody: '',
		body: { grant_type: 'client_credentials', client_id: sim.clientId, client_secret: sim.clientSecret },
		params: {},
	} as SimRequest);
}

export function hpeCredentials(sim: { url: string; tokenUrl: string; clientId: string; clientSecret: string }): CredentialStore {
	return greenLakeCredential(sim);
}

export const HPE_SIGN_IN_NOT_APPLICABLE =
	"n8n fetches the OAuth2 token itself, with its own 300 s timeout (@n8n/client-oauth2), which a node cannot shorten: too slow for this suite";

/**
 * What the DSCC and GreenLake rigs share: the OAuth2 client-credentials sign-in of an HPE simulator,
 * tokens that expire or that another sign-in supersedes, HPE's error body and a listing cut short.
 */
export function hpeRigBasics(
	sim: VendorRig['sim'] & { url: string; tokenUrl: string; clientId: string; clientSecret: string; expireTokens(): void; context: { issuer: ClientCredentialsIssuer } },
	errorBody: (status: number, message: string, code: string) => unknown,
	itemName: string,
): Omit<VendorRig, 'vendor' | 'phases'> {
	return {
		sim,
		freshCredentials: () => hpeCredentials(sim),
		signIn: { method: 'POST', path: /\/as\/token\.oauth2$/ },
		expire: () => sim.expireTokens(),
		supersede: () => supersedeHpeToken(sim.context.issuer, sim),
		errorBody: (status, message) => errorBody(status, message, status === 429 ? 'TOO_MANY_REQUESTS' : 'SERVICE_UNAVAILABLE'),
		malformed: { body: `{"items": [{"id": "0a1b", "name": "${itemName}`, contentType: 'application/json' },
		notApplicable: (fault, phase) =>
			phase === 'sign-in' && (fault === 'hung answer' || fault === 'trickling answer') ? HPE_SIGN_IN_NOT_APPLICABLE : undefined,
	};
}
