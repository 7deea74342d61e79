import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { HPE_TOKEN_URL } from '../../../credentials/HpeGreenLakeOAuth2Api.credentials';

/**
 * The API address for an HPE GreenLake credential: its Base URL override, else the address of its
 * region; '' where the API has no host in that region, which makes the node ask for another region.
 */
export function hpeBaseUrl(credentials: ICredentialDataDecryptedObject, addressOfRegion: (region: string) => string): string {
	const override = String(credentials.baseUrl ?? '').trim();
	if (override !== '') return override;
	return addressOfRegion(String(credentials.region ?? 'us1'));
}

/** What to check when HPE GreenLake refuses the API client. */
export const HPE_CREDENTIAL_HINT = `Check the client ID and secret of the HPE GreenLake API client, and the access token URL (normally ${HPE_TOKEN_URL}). Creating another token for the same client elsewhere invalidates the one n8n holds; n8n then fetches a new one.`;
