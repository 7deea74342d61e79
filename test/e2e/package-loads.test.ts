import * as fs from 'node:fs';
import * as path from 'node:path';

import type { Json, N8nServer } from './harness/n8n';
import {
	N8nInstance,
	OUR_CREDENTIAL_TYPES,
	PACKAGE_NAME,
	findLoadErrors,
	newOwnerAccount,
} from './harness/n8n';

/** The packed tarball, installed into a real n8n the way n8n installs a community package. */
describe('the packed package in a real n8n', () => {
	let n8n: N8nInstance;
	let nodeTypes: Map<string, Json>;
	let server: N8nServer | undefined;
	const owner = newOwnerAccount();

	beforeAll(async () => {
		n8n = await N8nInstance.create({ name: 'package-loads' });
		// Fails on any load error n8n logs, and unless all our node types are loaded.
		nodeTypes = await n8n.assertPackageLoaded();
	}, 25 * 60_000);

	afterAll(async () => {
		await server?.stop();
		n8n?.cleanup();
	}, 60_000);

	test('is installed where n8n keeps community packages, without dev or peer dependencies', () => {
		const packageDir = path.join(n8n.nodesDir, 'node_modules', PACKAGE_NAME);
		const installed = JSON.parse(
			fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'),
		) as Json;
		expect(installed.name).toBe(PACKAGE_NAME);
		expect(installed.devDependencies).toBeUndefined();
		expect(installed.peerDependencies).toBeUndefined();
		// n8n-workflow must come from n8n itself, never from a copy inside the package.
		expect(fs.existsSync(path.join(packageDir, 'node_modules', 'n8n-workflow'))).toBe(false);
	});

	test('registers the DSCC node, its trigger and its AI tool variant', () => {
		const node = nodeTypes.get(`${PACKAGE_NAME}.hpeDscc`);
		const trigger = nodeTypes.get(`${PACKAGE_NAME}.hpeDsccTrigger`);
		const tool = nodeTypes.get(`${PACKAGE_NAME}.hpeDsccTool`);
		expect(node).toMatchObject({
			displayName: 'HPE Data Services Cloud Console',
			usableAsTool: true,
		});
		expect(trigger).toMatchObject({ polling: true, group: ['trigger'] });
		// n8n derives `<name>Tool` from `usableAsTool`; it is what AI Agent nodes connect to.
		expect(tool).toBeDefined();
		expect(tool?.outputs).toEqual(['ai_tool']);
		const credentials = (node as { credentials?: Array<{ name: string }> }).credentials;
		expect(credentials?.map((credential) => credential.name)).toEqual(['hpeGreenLakeOAuth2Api']);
		expect(OUR_CREDENTIAL_TYPES).toContain('hpeGreenLakeOAuth2Api');
	});

	test('registers the PCBE node (versions 1 and 1.1), its trigger and its AI tool variant', () => {
		expect(nodeTypes.get(`${PACKAGE_NAME}.hpeGreenLakePcbe`)).toMatchObject({ displayName: 'HPE GreenLake Private Cloud Business Edition', usableAsTool: true, version: [1, 1.1] });
		expect(nodeTypes.get(`${PACKAGE_NAME}.hpeGreenLakePcbeTool`)?.outputs).toEqual(['ai_tool']);
		expect(nodeTypes.get(`${PACKAGE_NAME}.hpeGreenLakePcbeTrigger`)).toMatchObject({
			displayName: 'HPE GreenLake Private Cloud Business Edition Trigger',
			polling: true,
			group: ['trigger'],
		});
		const credentials = (nodeTypes.get(`${PACKAGE_NAME}.hpeGreenLakePcbeTrigger`) as { credentials?: Array<{ name: string }> }).credentials;
		expect(credentials?.map((credential) => credential.name)).toEqual(['hpeGreenLakeOAuth2Api']);
	});

	test('registers the Cloutility node, its two triggers and its AI tool variant', () => {
		expect(nodeTypes.get(`${PACKAGE_NAME}.cloutility`)).toMatchObject({ displayName: 'Cloutility', usableAsTool: true });
		expect(nodeTypes.get(`${PACKAGE_NAME}.cloutilityTool`)?.outputs).toEqual(['ai_tool']);
		expect(nodeTypes.get(`${PACKAGE_NAME}.cloutilityTrigger`)).toMatchObject({ polling: true, group: ['trigger'] });
		expect(nodeTypes.get(`${PACKAGE_NAME}.cloutilityBillingTrigger`)).toMatchObject({ group: ['trigger'] });
		for (const name of ['cloutility', 'cloutilityTrigger', 'cloutilityBillingTrigger']) {
			const credentials = (nodeTypes.get(`${PACKAGE_NAME}.${name}`) as { credentials?: Array<{ name: string }> }).credentials;
			expect(credentials?.map((credential) => credential.name)).toEqual(['cloutilityApi']);
		}
		expect(OUR_CREDENTIAL_TYPES).toContain('cloutilityApi');
	});

	test('registers the DCImanager node, its trigger and its AI tool variant', () => {
		const node = nodeTypes.get(`${PACKAGE_NAME}.dciManager`);
		expect(node).toMatchObject({ displayName: 'DCImanager', usableAsTool: true });
		expect(nodeTypes.get(`${PACKAGE_NAME}.dciManagerTrigger`)).toMatchObject({ polling: true, group: ['trigger'] });
		expect(nodeTypes.get(`${PACKAGE_NAME}.dciManagerTool`)?.outputs).toEqual(['ai_tool']);
		const credentials = (node as { credentials?: Array<{ name: string }> }).credentials;
		expect(credentials?.map((credential) => credential.name)).toEqual(['dciManagerApi']);
		expect(OUR_CREDENTIAL_TYPES).toContain('dciManagerApi');
	});

	test('registers the Cisco ESC node with its credential test, its webhook trigger and its AI tool variant', () => {
		const node = nodeTypes.get(`${PACKAGE_NAME}.ciscoEsc`);
		const trigger = nodeTypes.get(`${PACKAGE_NAME}.ciscoEscTrigger`);
		expect(node).toMatchObject({ displayName: 'Cisco ESC', usableAsTool: true, credentials: [{ name: 'ciscoEscApi' }] });
		expect(trigger).toMatchObject({ group: ['trigger'], webhooks: [{ httpMethod: 'POST', path: 'esc' }] });
		expect(nodeTypes.get(`${PACKAGE_NAME}.ciscoEscTool`)?.outputs).toEqual(['ai_tool']);
		expect(OUR_CREDENTIAL_TYPES).toContain('ciscoEscApi');
	});

	describe('in the editor (n8n start)', () => {
		beforeAll(async () => {
			server = await n8n.startServer();
			await server.setupOwner(owner);
		}, 5 * 60_000);

		test('a user can log in with the owner account', async () => {
			const user = await server!.login(owner.email, owner.password);
			expect(user.email).toBe(owner.email);
		});

		test('offers the HPE GreenLake credential type, built on OAuth2', async () => {
			const response = await server!.get('/types/credentials.json');
			expect(response.status).toBe(200);
			const types = (await response.json()) as Array<Json & { name: string }>;
			const credential = types.find((type) => type.name === 'hpeGreenLakeOAuth2Api');
			expect(credential).toMatchObject({
				displayName: 'HPE GreenLake OAuth2 API',
				extends: ['oAuth2Api'],
			});
		});

		test('offers the Cisco ESC credential type, usable from the HTTP Request node', async () => {
			const types = (await (await server!.get('/types/credentials.json')).json()) as Array<Json & { name: string }>;
			expect(types.find((type) => type.name === 'ciscoEscApi')).toMatchObject({
				displayName: 'Cisco ESC API',
				authenticate: { type: 'generic' },
				httpRequestNode: { name: 'Cisco ESC' },
			});
		});

		test('serves the node and credential icons the editor shows', async () => {
			const response = await server!.get('/types/nodes.json');
			expect(response.status).toBe(200);
			const types = (await response.json()) as Array<
				Json & { name: string; iconUrl?: { light: string; dark: string } }
			>;
			const node = types.find((type) => type.name === `${PACKAGE_NAME}.hpeDscc`);
			expect(node?.iconUrl).toBeDefined();
			const credentialTypes = (await (
				await server!.get('/types/credentials.json')
			).json()) as Array<Json & { name: string; iconUrl?: { light: string; dark: string } }>;
			const credential = credentialTypes.find((type) => type.name === 'hpeGreenLakeOAuth2Api');
			expect(credential?.iconUrl).toBeDefined();
			for (const iconUrl of [
				node!.iconUrl!.light,
				node!.iconUrl!.dark,
				credential!.iconUrl!.light,
				credential!.iconUrl!.dark,
			]) {
				const icon = await server!.get(`/${iconUrl}`);
				expect({ iconUrl, status: icon.status }).toEqual({ iconUrl, status: 200 });
				expect(await icon.text()).toContain('<svg');
			}
		}, 60_000);

		test('logged no node or credential load error while starting', () => {
			expect(findLoadErrors(server!.log())).toEqual([]);
		});
	});
});
