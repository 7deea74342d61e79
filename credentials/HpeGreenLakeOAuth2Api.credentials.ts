import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

export const HPE_TOKEN_URL = 'https://sso.common.cloud.hpe.com/as/token.oauth2';

/**
 * HPE GreenLake API client (client ID and secret). n8n fetches, stores and renews the token itself:
 * one token per credential, which matters because a new DSCC token invalidates the previous one.
 *
 * The editor tests a client-credentials OAuth2 credential on save only when it has a `test`. n8n
 * (2.41.1) runs that request through its OAuth2 flow, which fetches a token first when the
 * credential holds none, so a wrong client ID or secret fails with the token endpoint's reason.
 */
export class HpeGreenLakeOAuth2Api implements ICredentialType {
	name = 'hpeGreenLakeOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'HPE GreenLake OAuth2 API';

	icon: Icon = { light: 'file:../icons/hpe.svg', dark: 'file:../icons/hpe.dark.svg' };

	documentationUrl = 'https://developer.greenlake.hpe.com/docs/greenlake/guides/public/authentication/authentication';

	httpRequestNode = {
		name: 'HPE GreenLake',
		docsUrl: 'https://console-us1.data.cloud.hpe.com/doc/api/v1/',
		apiBaseUrlPlaceholder: 'https://us1.data.cloud.hpe.com/api/v1/',
	};

	/**
	 * One request (n8n's declarative test): DSCC's storage systems by default, as before; GreenLake's
	 * async operations (which every data-services API client may read, e.g. one made for Private
	 * Cloud Business Edition only) when "Test With" says so, and always in EU West, which has no DSCC.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ String($credentials.baseUrl ?? "").trim() !== "" ? String($credentials.baseUrl).trim().replace(/\\/+$/, "") : $credentials.region === "eu-west" || $credentials.testWith === "greenlake" ? "https://" + ($credentials.region === "us1" ? "us-west" : $credentials.region === "eu1" ? "eu-central" : $credentials.region === "jp1" ? "ap-northeast" : $credentials.region) + ".api.greenlake.hpe.com" : "https://" + $credentials.region + ".data.cloud.hpe.com" }}',
			url: '={{ $credentials.region === "eu-west" || $credentials.testWith === "greenlake" ? "/data-services/v1beta1/async-operations" : "/api/v1/storage-systems" }}',
			qs: { limit: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'DSCC refused the access token. Check that the API client was created in this region. For an API client made for Private Cloud Business Edition only, set "Test With" to GreenLake Async Operations.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The API client may not read storage systems. Give its user a DSCC role in HPE GreenLake (for example Data Ops Manager Operator), or, for an API client made for Private Cloud Business Edition only, set "Test With" to GreenLake Async Operations.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'No DSCC or GreenLake API at this address. Check the region or the Base URL override.',
				},
			},
		],
	};

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'clientCredentials',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'US West (Us1)', value: 'us1' },
				{ name: 'EU Central (Eu1)', value: 'eu1' },
				{ name: 'AP Northeast (Jp1)', value: 'jp1' },
				{ name: 'EU West (GreenLake APIs Only)', value: 'eu-west' },
			],
			default: 'us1',
			description: 'Region of the HPE GreenLake workspace that manages your systems (EU West serves the GreenLake APIs such as Private Cloud Business Edition, not Data Services Cloud Console)',
		},
		{
			displayName: 'Base URL Override',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://us1.data.cloud.hpe.com',
			description: 'Leave empty to use the region. Set it only for another API host, such as a proxy.',
		},
		{
			displayName: 'Test With',
			name: 'testWith',
			type: 'options',
			options: [
				{
					name: 'DSCC Storage Systems',
					value: 'dscc',
					description: 'For an API client made for Data Services Cloud Console: saving reads one storage system',
				},
				{
					name: 'GreenLake Async Operations',
					value: 'greenlake',
					description:
						'For any GreenLake data-services API client, e.g. one made for Private Cloud Business Edition only: saving reads one async operation',
				},
			],
			default: 'dscc',
			description: 'What saving the credential reads to check it; EU West always uses GreenLake async operations. The nodes work the same either way.',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: HPE_TOKEN_URL,
			required: true,
			description: 'HPE GreenLake single sign-on token endpoint',
		},
		{
			displayName: 'Send Client Credentials',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'In the Request Body', value: 'body' },
				{ name: 'As Basic Auth Header', value: 'header' },
			],
			default: 'body',
			description: 'How the client ID and secret are sent to the token endpoint. HPE accepts both.',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: '',
		},
	];
}
