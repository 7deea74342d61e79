import type { IAuthenticateGeneric, Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Cisco Elastic Services Controller REST API: HTTP Basic with the ESC REST user. ESC answers on
 * port 8080 (HTTP) or 8443 (HTTPS with a certificate ESC generates itself).
 * The editor's test lists tenants: ESC's answer names a wrong password or a path that is not the
 * REST API; a connection that fails names the network or certificate problem (explained in the
 * notice of the form, since n8n shows the code of such failures as it is).
 */
export class CiscoEscApi implements ICredentialType {
	name = 'ciscoEscApi';

	displayName = 'Cisco ESC API';

	icon: Icon = { light: 'file:../icons/cisco.svg', dark: 'file:../icons/cisco.dark.svg' };

	documentationUrl = 'https://www.cisco.com/c/en/us/support/cloud-systems-management/elastic-services-controller-esc/products-programming-reference-guides-list.html';

	httpRequestNode = {
		name: 'Cisco ESC',
		docsUrl: 'https://www.cisco.com/c/en/us/support/cloud-systems-management/elastic-services-controller-esc/products-programming-reference-guides-list.html',
		apiBaseUrlPlaceholder: 'https://esc.example.com:8443/ESCManager/v0/',
	};

	properties: INodeProperties[] = [
		{
			displayName:
				'When the test fails with a code instead of a sentence: DEPTH_ZERO_SELF_SIGNED_CERT, SELF_SIGNED_CERT_IN_CHAIN or UNABLE_TO_VERIFY_LEAF_SIGNATURE mean the HTTPS certificate of ESC is not trusted (ESC generates a self-signed one): turn on "Allow Self-Signed Certificate", or install a trusted certificate on ESC. ECONNREFUSED, ENOTFOUND, EHOSTUNREACH or ETIMEDOUT mean nothing answers at this address: check the host, the port (8080 for HTTP, 8443 for HTTPS) and that n8n can reach it.',
			name: 'connectionNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://esc.example.com:8443/ESCManager',
			description: 'Address of the ESC REST API up to /ESCManager: http://HOST:8080/ESCManager, or https://HOST:8443/ESCManager when HTTPS is enabled',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: 'admin',
			required: true,
			description: 'The ESC REST user (set with "escadm rest set" on the ESC VM)',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Allow Self-Signed Certificate',
			name: 'allowSelfSigned',
			type: 'boolean',
			default: false,
			description: 'Whether to connect even when the HTTPS certificate cannot be verified, as with the certificate ESC generates for itself. Leave off when ESC has a certificate from a trusted authority.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: { username: '={{$credentials.username}}', password: '={{$credentials.password}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/v0/tenants',
			headers: { Accept: 'application/xml' },
			skipSslCertificateValidation: '={{$credentials.allowSelfSigned}}',
		},
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: 'ESC refused the username or password (HTTP 401): check the ESC REST user, set with "escadm rest set"' } },
			{ type: 'responseCode', properties: { value: 403, message: 'ESC refused this user (HTTP 403): check the ESC REST user, set with "escadm rest set"' } },
			{
				type: 'responseCode',
				properties: { value: 404, message: 'The address answers, but not as the ESC REST API (HTTP 404): check that the base URL ends with /ESCManager' },
			},
		],
	};
}
