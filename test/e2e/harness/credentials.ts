import type { CredentialImport } from './n8n';

/** Where a simulator serves the DSCC API and its token endpoint, and the API client it accepts. */
export interface GreenLakeEndpoint {
	url: string;
	tokenUrl: string;
	clientId: string;
	clientSecret: string;
}

/**
 * The HPE GreenLake credential as a user would fill it in, pointed at a simulator: the Base URL
 * override and Access Token URL replace the real HPE hosts.
 */
export function greenLakeCredential(
	id: string,
	name: string,
	endpoint: GreenLakeEndpoint,
	extra: { [key: string]: unknown } = {},
): CredentialImport {
	return {
		id,
		name,
		type: 'hpeGreenLakeOAuth2Api',
		data: {
			clientId: endpoint.clientId,
			clientSecret: endpoint.clientSecret,
			accessTokenUrl: endpoint.tokenUrl,
			authentication: 'body',
			grantType: 'clientCredentials',
			scope: '',
			authUrl: '',
			authQueryParameters: '',
			region: 'us1',
			baseUrl: endpoint.url,
			...extra,
		},
	};
}

/** Where a simulator serves DCImanager 6 and the login it accepts. */
export interface DciEndpoint {
	url: string;
	email: string;
	password: string;
}

/** The DCImanager 6 credential as a user would fill it in (email and password), pointed at a simulator. */
export function dciManagerCredential(
	id: string,
	name: string,
	endpoint: DciEndpoint,
	extra: { [key: string]: unknown } = {},
): CredentialImport {
	return {
		id,
		name,
		type: 'dciManagerApi',
		data: {
			baseUrl: endpoint.url,
			apiPrefix: '/api',
			authMode: 'password',
			email: endpoint.email,
			password: endpoint.password,
			apiToken: '',
			allowSelfSigned: false,
			sessionToken: '',
			...extra,
		},
	};
}

/** Where a Cloutility simulator listens and the API client and user it accepts. */
export interface CloutilityEndpoint {
	url: string;
	clientId: string;
	origin: string;
	username: string;
	password: string;
}

/** The Cloutility credential as a user would fill it in; the hidden token fields start empty. */
export function cloutilityCredential(
	id: string,
	name: string,
	endpoint: CloutilityEndpoint,
	extra: { [key: string]: unknown } = {},
): CredentialImport {
	return {
		id,
		name,
		type: 'cloutilityApi',
		data: {
			baseUrl: endpoint.url,
			clientId: endpoint.clientId,
			origin: endpoint.origin,
			username: endpoint.username,
			password: endpoint.password,
			ignoreSslIssues: false,
			accessToken: '',
			refreshToken: '',
			signedInAs: '',
			...extra,
		},
	};
}
