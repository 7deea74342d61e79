import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** The Cloutility API root without a trailing slash or `/v1`: users copy either form from the docs. */
export function cloutilityBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/v1$/i, '');
}
