import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { loadOptionsContext, greenLakeCredential } from '../harness/context';
import type { GreenLakeSimulator } from '../simulators/greenlake';
import { startGreenLakeSimulator } from '../simulators/greenlake';
import { byName, locator, node, records, runNode } from './pcbe-helpers';

jest.setTimeout(30_000);

let sim: GreenLakeSimulator;

beforeAll(async () => {
	sim = await startGreenLakeSimulator({ operationDurationMs: 300, virtualMachines: 12 });
	// One report and one async operation to list.
	await runNode(sim, 'configurationAnalysisReport', { operation: 'create', systemId: locator(String(byName(sim, 'systems', 'dhci-site-a').id)) });
});
afterAll(async () => await sim.close());
afterEach(() => expect(sim.violations()).toEqual([]));

type Search = (this: ILoadOptionsFunctions, filter?: string, token?: string) => Promise<INodeListSearchResult>;
type Load = (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;

const context = (parameters: IDataObject = {}) => loadOptionsContext({ nodeType: node, credentials: greenLakeCredential(sim), parameters });
const search = async (method: string, parameters: IDataObject = {}, filter?: string) =>
	await (node.methods.listSearch as unknown as { [name: string]: Search })[method].call(context(parameters), filter);
const load = async (method: string, parameters: IDataObject = {}) => await (node.methods.loadOptions as unknown as { [name: string]: Load })[method].call(context(parameters));

/** The node's properties shown for one resource and operation. */
function panel(resource: string, operation: string): INodeProperties[] {
	return node.description.properties.filter((property) => {
		const show = property.displayOptions?.show ?? {};
		return (show.resource ?? [resource]).includes(resource) && (show.operation ?? [operation]).includes(operation);
	});
}

function field(resource: string, operation: string, name: string): INodeProperties {
	const found = panel(resource, operation).find((property) => property.name === name);
	if (!found) throw new Error(`${resource} → ${operation} has no ${name}`);
	return found;
}

describe('every ID the API can list is picked from a list (By ID and expressions still work)', () => {
	it.each([
		['softwareCatalog', 'get', 'catalogId', 'searchCatalogs'],
		['softwareCatalog', 'getEula', 'catalogVersion', 'searchCatalogVersions'],
		['softwareCatalog', 'getUpdatePaths', 'catalogVersion', 'searchCatalogVersions'],
		['system', 'runPrecheck', 'catalogVersion', 'searchCatalogVersions'],
		['system', 'startUpdate', 'catalogVersion', 'searchCatalogVersions'],
		['vmProvisioningPolicy', 'get', 'policyId', 'searchPolicies'],
		['vmProvisioningPolicy', 'update', 'policyId', 'searchPolicies'],
		['vmProvisioningPolicy', 'delete', 'policyId', 'searchPolicies'],
		['configurationAnalysisReport', 'get', 'reportId', 'searchReports'],
		['hypervisorHost', 'get', 'hostId', 'searchHosts'],
		['hypervisorManager', 'get', 'managerId', 'searchManagers'],
		['hypervisorManager', 'refresh', 'managerId', 'searchManagers'],
		['virtualMachine', 'migrate', 'hypervisorManagerId', 'searchManagers'],
		['asyncOperation', 'get', 'operationId', 'searchOperations'],
		['asyncOperation', 'waitForCompletion', 'operationId', 'searchOperations'],
		['system', 'getServer', 'serverId', 'searchServers'],
		['datastore', 'create', 'storageSystemId', 'searchStorageSystems'],
		['datastore', 'create', 'provisioningPolicyId', 'searchPolicies'],
	])('%s → %s: %s is a resource locator listing %s', async (resource, operation, name, method) => {
		const property = field(resource, operation, name);
		expect(property.type).toBe('resourceLocator');
		expect(property.modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
		expect(property.modes?.[0].typeOptions?.searchListMethod).toBe(method);
		const system = locator(String(byName(sim, 'systems', 'dhci-site-a').id));
		const { results } = await search(method, { systemId: system });
		expect(results.length).toBeGreaterThan(0);
	});

	it('lists what the user knows them by: catalog versions, reports by system, operations by name and state, servers of the chosen system', async () => {
		const versions = (await search('searchCatalogVersions')).results;
		expect(versions.map((entry) => entry.value)).toEqual(expect.arrayContaining(['3.30']));
		expect(versions.every((entry) => entry.name === entry.value)).toBe(true);
		const reports = (await search('searchReports', {}, 'dhci-site-a')).results;
		expect(reports[0].value).toBe(records(sim, 'reports')[0].id);
		const operations = (await search('searchOperations', {}, 'Configuration analysis')).results;
		expect(operations[0].name).toMatch(/^Configuration analysis of dhci-site-a \(SUCCEEDED\)$/);
		const siteB = byName(sim, 'systems', 'dhci-site-b');
		const servers = (await search('searchServers', { systemId: locator(String(siteB.id)) })).results;
		expect(servers.map((entry) => entry.name)).toEqual(records(sim, 'servers').filter((server) => server.systemId === siteB.id).map((server) => server.name));
		expect((await search('searchServers', { systemId: locator('') })).results).toEqual([]);
		const storage = (await search('searchStorageSystems', {}, 'dhci-site-a')).results;
		expect(storage).toEqual([{ name: 'dhci-site-a-array (dhci-site-a)', value: (byName(sim, 'systems', 'dhci-site-a').storageSystem as IDataObject).id }]);
	});

	it("Migrate's virtual machines and Precheck/Update's clusters are multi-selects loaded from the API", async () => {
		const vms = field('virtualMachine', 'migrate', 'vmIds');
		expect(vms.type).toBe('multiOptions');
		expect((await load('getVirtualMachines')).map((option) => option.value).sort()).toEqual(records(sim, 'virtualMachines').map((vm) => vm.id).sort());
		for (const operation of ['runPrecheck', 'startUpdate']) {
			const clusters = field('system', operation, 'hypervisorClusterIds');
			expect(clusters.type).toBe('multiOptions');
			expect(clusters.typeOptions?.loadOptionsDependsOn).toEqual(['systemId.value']);
		}
		const siteA = byName(sim, 'systems', 'dhci-site-a');
		expect((await load('getSystemClusters', { systemId: locator(String(siteA.id)) })).map((option) => option.name)).toEqual(
			(siteA.hypervisorClusters as IDataObject[]).map((cluster) => String(cluster.name)).sort(),
		);
	});

	it('System → Get Servers shows the system before Return All and Limit', () => {
		const names = panel('system', 'getServers').map((property) => property.name).filter((name) => !['resource', 'operation'].includes(name));
		expect(names.slice(0, 3)).toEqual(['systemId', 'returnAll', 'limit']);
	});

	it('saved workflows keep working: plain IDs saved before the lists, and picked values', async () => {
		const policy = records(sim, 'vmProvisioningPolicies')[0];
		const [plain] = await runNode(sim, 'vmProvisioningPolicy', { operation: 'get', policyId: String(policy.id) });
		const [picked] = await runNode(sim, 'vmProvisioningPolicy', { operation: 'get', policyId: locator(String(policy.id)) });
		expect(plain.id).toBe(policy.id);
		expect(picked.id).toBe(policy.id);
		const [catalog] = await runNode(sim, 'softwareCatalog', { operation: 'getEula', catalogVersion: '3.30' });
		const [catalogPicked] = await runNode(sim, 'softwareCatalog', { operation: 'getEula', catalogVersion: { __rl: true, mode: 'list', value: '3.30' } });
		expect(catalogPicked).toEqual(catalog);
	});
});
