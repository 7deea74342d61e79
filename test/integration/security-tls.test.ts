import type { IDataObject, INodeType } from 'n8n-workflow';

import { CiscoEsc } from '../../nodes/CiscoEsc/CiscoEsc.node';
import { Cloutility } from '../../nodes/Cloutility/Cloutility.node';
import { DciManager } from '../../nodes/DciManager/DciManager.node';
import { HpeDscc } from '../../nodes/HpeDscc/HpeDscc.node';
import type { CredentialStore, Parameters } from '../harness/context';
import { credentialType, dciManagerCredential, executeNode, greenLakeCredential } from '../harness/context';
import { startCloutilitySimulator } from '../simulators/cloutility';
import { startDciSimulator } from '../simulators/dcimanager';
import { startDsccSimulator } from '../simulators/dscc';
import { startEscSimulator } from '../simulators/esc';
import { SimServer } from '../simulators/framework/server';
import { selfSignedCertificate } from '../simulators/framework/tls';

/**
 * Every vendor's simulator served over HTTPS with a self-signed certificate, as appliances ship:
 * a node run through the shared request path fails by default, telling the user what to do, and
 * works once the credential's "Allow Self-Signed Certificate" is on. The credential tests are
 * checked in a real n8n (test/e2e/security.test.ts).
 */
interface Vendor {
	name: string;
	node: INodeType;
	parameters: Parameters;
	/** The credential; `allow` turns its self-signed option on (undefined: the credential has none). */
	credential: (allow: boolean) => CredentialStore;
	close: () => Promise<void>;
}

const vendors: Vendor[] = [];

beforeAll(async () => {
	SimServer.tls = selfSignedCertificate();
	try {
		const dci = await startDciSimulator();
		const cloutility = await startCloutilitySimulator();
		const esc = await startEscSimulator({ callbackDelayMs: 5 });
		const dscc = await startDsccSimulator();
		vendors.push(
			{
				name: 'ISPsystem DCImanager 6',
				node: new DciManager(),
				parameters: { resource: 'server', operation: 'getAll', returnAll: false, limit: 1 },
				credential: (allow) => dciManagerCredential(dci, { allowSelfSigned: allow }),
				close: async () => await dci.close(),
			},
			{
				name: 'Cloutility',
				node: new Cloutility(),
				parameters: { resource: 'system', operation: 'getVersion' },
				credential: (allow) => ({
					cloutilityApi: { baseUrl: `${cloutility.url}/v1/`, clientId: cloutility.clientId, origin: cloutility.origin, username: cloutility.username, password: cloutility.password, ignoreSslIssues: allow, accessToken: '', refreshToken: '', signedInAs: '' },
				}),
				close: async () => await cloutility.close(),
			},
			{
				name: 'Cisco ESC',
				node: new CiscoEsc(),
				parameters: { resource: 'tenant', operation: 'getAll', returnAll: true },
				credential: (allow) => ({ ciscoEscApi: { baseUrl: esc.baseUrl, username: esc.username, password: esc.password, allowSelfSigned: allow } as IDataObject }) as CredentialStore,
				close: async () => await esc.close(),
			},
			{
				name: 'HPE GreenLake (DSCC)',
				node: new HpeDscc(),
				parameters: { resource: 'storageSystem', operation: 'getAll', returnAll: false, limit: 1 },
				credential: () => greenLakeCredential(dscc),
				close: async () => await dscc.close(),
			},
		);
	} finally {
		SimServer.tls = undefined;
	}
});
afterAll(async () => {
	for (const vendor of vendors) await vendor.close();
});

async function failureOf(vendor: Vendor, allow: boolean): Promise<Error | undefined> {
	try {
		await executeNode({ nodeType: vendor.node, credentials: vendor.credential(allow), parameters: vendor.parameters });
		return undefined;
	} catch (error) {
		return error as Error;
	}
}

/** The message and description a user sees for a failed node, as one text. */
const shown = (error: Error | undefined) => `${error?.message ?? ''} ${(error as { description?: string } | undefined)?.description ?? ''}`;

test('the simulators really serve HTTPS with a certificate no client trusts', () => {
	expect(vendors.map((vendor) => vendor.name)).toHaveLength(4);
});

describe.each(['ISPsystem DCImanager 6', 'Cloutility', 'Cisco ESC'])('%s behind a self-signed certificate', (name) => {
	const vendor = () => vendors.find((candidate) => candidate.name === name)!;

	test('a node run fails by default and tells the user to turn on "Allow Self-Signed Certificate"', async () => {
		const error = await failureOf(vendor(), false);
		expect(error).toBeDefined();
		expect(shown(error)).toMatch(/certificate/i);
		expect(shown(error)).toMatch(/Allow Self-Signed Certificate/);
	});

	test('the same run works with "Allow Self-Signed Certificate" on', async () => {
		expect(await failureOf(vendor(), true)).toBeUndefined();
	});

	test('the option is called "Allow Self-Signed Certificate" in the credential, off by default', () => {
		const types = Object.keys(vendor().credential(true));
		expect(types).toHaveLength(1);
		const option = credentialType(types[0]).properties.find((property) => property.displayName === 'Allow Self-Signed Certificate');
		expect(option).toMatchObject({ type: 'boolean', default: false });
		expect(vendor().credential(true)[types[0]][option!.name]).toBe(true);
	});
});

test('HPE GreenLake (a public cloud, no self-signed option) refuses an untrusted certificate and says it is the certificate', async () => {
	const error = await failureOf(vendors.find((vendor) => vendor.name === 'HPE GreenLake (DSCC)')!, false);
	expect(shown(error)).toMatch(/certificate/i);
});
