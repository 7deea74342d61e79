import type { IAuthenticateGeneric, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Cisco Elastic Services Controller REST API: HTTP Basic with the ESC REST user. ESC answers on
 * port 8080 (HTTP) or 8443 (HTTPS with a certificate ESC generates itself).
 * The test the editor runs on save lives in the ESC node (`testedBy`), so it can say whether the
 * address, the certificate or the password is wrong.
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
}
