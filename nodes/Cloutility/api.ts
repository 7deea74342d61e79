import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { CLOUTILITY_CREDENTIAL } from '../../credentials/CloutilityApi.credentials';
import { cloutilityBaseUrl } from '../../credentials/cloutility';
import type { VendorProfile } from '../shared/kinds';
import { pickedLocatorValue } from '../shared/locators';
import type { PageEnvelope, VendorApi } from '../shared/transport';

export { CLOUTILITY_CREDENTIAL };

/** Cloutility IDs are positive integers. */
export const CLOUTILITY_ID_PATTERN = /^[1-9]\d{0,9}$/;

export const cloutilityApi: VendorApi = {
	productName: 'Cloutility',
	credentialType: CLOUTILITY_CREDENTIAL,
	baseUrl: cloutilityBaseUrl,
	readError: (body) => {
		if (typeof body === 'string') return { message: body.replace(/^"|"$/g, '').slice(0, 500) };
		const error = (body ?? {}) as IDataObject;
		const message = [error.message, error.Message, error.error_description, error.developerMessage].find(
			(value) => typeof value === 'string' && value !== '',
		);
		return {
			message: message as string | undefined,
			code: typeof error.code === 'string' && error.code !== '' ? error.code : undefined,
		};
	},
	requestDefaults: (credentials) =>
		credentials.ignoreSslIssues === true ? { skipSslCertificateValidation: true } : {},
	selfSignedOption: 'Allow Self-Signed Certificate',
	credentialHint:
		'Check the username, password and client ID in the credential, and that the Origin is exactly the one registered for the client ID (Settings → API access).',
};

/**
 * Cloutility collections: `{href, total, offset, first, items}`. Paging parameters are documented
 * only for audit logs, so listings ask for the whole collection and the node applies the limit.
 */
export const cloutilityEnvelope: PageEnvelope = {
	maxPageSize: Number.MAX_SAFE_INTEGER,
	pageQuery: () => ({}),
	items: (body) => {
		const items = (body as IDataObject | undefined)?.items;
		return Array.isArray(items) ? (items as IDataObject[]) : [];
	},
	total: (body) => {
		const total = (body as IDataObject | undefined)?.total;
		return typeof total === 'number' ? total : undefined;
	},
	itemKey: (item) => (typeof item.id === 'number' || typeof item.id === 'string' ? String(item.id) : undefined),
};

/** Every Cloutility call is synchronous. */
export const cloutility: VendorProfile = {
	api: cloutilityApi,
	envelope: cloutilityEnvelope,
	acceptedWork: () => undefined,
	resultOf: async () => undefined,
};

export const businessUnitPath = (businessUnitId: string) => `/v1/bunits/${businessUnitId}`;
export const consumerPath = (businessUnitId: string, consumerId: string) =>
	`/v1/bunits/${businessUnitId}/consumers/${consumerId}`;

/**
 * IBM Storage Protect node names: 1 to 64 characters from A-Z, 0-9, _ . - + &, not starting with a
 * hyphen (the server stores them upper-case).
 */
export const SP_NODE_NAME_PATTERN = /^[A-Za-z0-9_.+&][A-Za-z0-9_.+&-]{0,63}$/;

/** The business unit chosen in the node, as the ID text (empty when none is chosen yet). */
export function currentBusinessUnit(ctx: ILoadOptionsFunctions): string {
	return pickedLocatorValue(ctx, 'businessUnitId');
}
