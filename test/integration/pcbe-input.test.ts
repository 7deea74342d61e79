import type { IDataObject } from 'n8n-workflow';

import { greenLakeApi } from '../../nodes/HpeGreenLakePcbe/api';
import { dsccApi } from '../../nodes/HpeDscc/api';
import type { GreenLakeSimulator } from '../simulators/greenlake';
import { startGreenLakeSimulator } from '../simulators/greenlake';
import { apiRequests, byName, locator, records, runNode } from './pcbe-helpers';

let sim: GreenLakeSimulator;

beforeAll(async () => {
	sim = await startGreenLakeSimulator({ operationDurationMs: 600, virtualMachines: 5 });
});
afterAll(async () => await sim.close());
afterEach(() => expect(sim.violations()).toEqual([]));

/** Runs the node and expects it to fail with `message` without sending any API request. */
async function rejectsLocally(resource: string, parameters: IDataObject, message: string | RegExp): Promise<void> {
	const before = apiRequests(sim).length;
	await expect(runNode(sim, resource, parameters)).rejects.toThrow(message);
	expect(apiRequests(sim).slice(before)).toEqual([]);
}

describe('bad input is refused before any request', () => {
	const cluster = () => byName(sim, 'hypervisorClusters', 'cluster-a1');
	const datastore = () => byName(sim, 'datastores', 'cluster-a1-ds01');
	const deploy = (extra: IDataObject) => ({
		operation: 'deploy',
		name: 'vm-new',
		clusterId: locator(String(cluster().id)),
		datastoreId: locator(String(datastore().id)),
		imageName: 'ubuntu-22.04-template',
		acceptEula: true,
		...extra,
	});

	it('missing required fields', async () => {
		await rejectsLocally('virtualMachine', deploy({ name: '  ' }), '"Name" is required');
		await rejectsLocally('virtualMachine', deploy({ imageName: '' }), '"Image Name" is required');
		await rejectsLocally('virtualMachine', deploy({ clusterId: locator('') }), '"Hypervisor Cluster" is required');
		await rejectsLocally('system', { operation: 'runPrecheck', systemId: locator(String(records(sim, 'systems')[0].id)), catalogVersion: '' }, '"Catalog Version" is required');
		await rejectsLocally('vmProvisioningPolicy', { operation: 'create', name: '' }, '"Name" is required');
		await rejectsLocally('system', { operation: 'updateLocation', systemId: locator(String(records(sim, 'systems')[0].id)), location: {} }, 'Enter at least one location field to change');
		await rejectsLocally('virtualMachine', { operation: 'updateHardware', vmId: locator(String(records(sim, 'virtualMachines')[0].id)), hardware: {} }, 'Add at least one change');
		await rejectsLocally('virtualMachine', { operation: 'migrate', vmIds: '', hypervisorManagerId: 'x', clusterId: locator('a'), datastoreId: locator('b') }, '"Virtual Machines" needs at least one ID');
	});

	it('IDs that could leave their path segment or inject a query', async () => {
		await rejectsLocally('virtualMachine', { operation: 'get', vmId: locator('../systems') }, '"../systems" is not a valid Virtual Machine');
		await rejectsLocally('virtualMachine', { operation: 'powerOn', vmId: locator('abc?force=true') }, 'is not a valid Virtual Machine');
		await rejectsLocally('asyncOperation', { operation: 'get', operationId: 'a/b' }, '"Async Operation" must be a UUID, not "a/b"');
		await rejectsLocally('virtualMachine', { operation: 'migrate', vmIds: 'good-id, bad&vms=x', hypervisorManagerId: 'x', clusterId: locator('a'), datastoreId: locator('b') }, '"bad&vms=x" in "Virtual Machines" is not a valid ID');
		await rejectsLocally('softwareCatalog', { operation: 'getEula', catalogVersion: "1.0' or version ne '" }, 'is not valid');
		await rejectsLocally('virtualMachine', { operation: 'getAll', returnAll: true, listOptions: { filter: "name eq 'a'\r\nX-Injected: 1" } }, 'The filter option is not valid');
	});

	it('sizes and counts out of range', async () => {
		const vmId = locator(String(records(sim, 'virtualMachines')[0].id));
		await rejectsLocally('virtualMachine', { operation: 'updateHardware', vmId, hardware: { numOfCpus: 0 } }, '"CPUs" is out of range: 0');
		await rejectsLocally('virtualMachine', { operation: 'updateHardware', vmId, hardware: { memoryInMb: 4098 } }, '"Memory (MB)" must be a multiple of 4');
		await rejectsLocally('virtualMachine', { operation: 'updateHardware', vmId, hardware: { numOfCpus: 6, numOfCoresPerSocket: 4 } }, '"CPUs" must be a multiple of "Cores per Socket"');
		await rejectsLocally('virtualMachine', { operation: 'updateHardware', vmId, hardware: { virtualDisks: '[{"diskConfig": {}}]' } }, 'needs an "operation" of ADD, EDIT or DELETE');
		await rejectsLocally('virtualMachine', deploy({ additionalFields: { numberOfVms: 500 } }), '"Number of VMs" is out of range: 500');
		await rejectsLocally('datastore', { operation: 'create', name: 'ds', datastoreType: 'VMFS', sizeGiB: 0, clusterId: locator(String(cluster().id)), storageSystemId: 'x' }, '"Size (GiB)" is out of range: 0');
		await rejectsLocally('datastore', { operation: 'create', name: 'ds', datastoreType: 'VMFS', sizeGiB: 70000, clusterId: locator(String(cluster().id)), storageSystemId: 'x' }, '"Size (GiB)" is out of range: 70000');
		await rejectsLocally('softwareCatalog', { operation: 'getAll', returnAll: false, limit: 101 }, '"Limit" is out of range: 101');
		await rejectsLocally('virtualMachine', { operation: 'getAll', returnAll: false, limit: 0 }, '"Limit" is out of range: 0');
		await rejectsLocally('vmProvisioningPolicy', { operation: 'create', name: 'x'.repeat(81) }, '"Name" is too long');
		await rejectsLocally('virtualMachine', deploy({ waitTimeout: 0 }), '"Timeout (Seconds)" is out of range: 0');
	});

	it('JSON that is not what the API takes', async () => {
		await rejectsLocally('virtualMachine', deploy({ deployJson: '{not json' }), '"Other Fields (JSON)" must be a JSON object');
		await rejectsLocally('virtualMachine', deploy({ deployJson: '{"vmConfig": {}, "color": "red"}' }), 'has fields the deploy request does not take: color');
		await rejectsLocally('vmProvisioningPolicy', { operation: 'create', name: 'p', settingsJson: '{"volumeInfo": 5}' }, '"volumeInfo" in "Other Settings (JSON)" must be an object');
		await rejectsLocally('system', { operation: 'updateLocation', systemId: locator(String(records(sim, 'systems')[0].id)), location: { countryCode: 'USA' } }, '"Country Code" is not valid');
	});

	it('unknown IDs reach the API and come back as clear not-found errors', async () => {
		await expect(runNode(sim, 'datastore', { operation: 'get', datastoreId: locator('5d0c7e9a-1111-4222-a333-444455556666') })).rejects.toThrow(
			'Datastore 5d0c7e9a-1111-4222-a333-444455556666 was not found in HPE GreenLake',
		);
		await expect(runNode(sim, 'vmProvisioningPolicy', { operation: 'delete', policyId: '5d0c7e9a-1111-4222-a333-444455556666' })).rejects.toThrow(
			'VM provisioning policy 5d0c7e9a-1111-4222-a333-444455556666 was not found in HPE GreenLake',
		);
		await expect(runNode(sim, 'virtualMachine', deploy({ clusterId: locator('5d0c7e9a-1111-4222-a333-444455556666') }))).rejects.toThrow(
			'HPE GreenLake rejected the request: Hypervisor cluster 5d0c7e9a-1111-4222-a333-444455556666 not found',
		);
		await expect(runNode(sim, 'system', { operation: 'runPrecheck', systemId: locator(String(records(sim, 'systems')[0].id)), catalogVersion: '9.99' })).rejects.toThrow(
			'HPE GreenLake rejected the request: Software catalog version 9.99 does not exist',
		);
	});
});

describe('the credential region leads to the right host for each API family', () => {
	const credentials = (region: string, baseUrl = '') => ({ region, baseUrl });

	it.each([
		['us1', 'https://us-west.api.greenlake.hpe.com', 'https://us1.data.cloud.hpe.com'],
		['eu1', 'https://eu-central.api.greenlake.hpe.com', 'https://eu1.data.cloud.hpe.com'],
		['jp1', 'https://ap-northeast.api.greenlake.hpe.com', 'https://jp1.data.cloud.hpe.com'],
		['eu-west', 'https://eu-west.api.greenlake.hpe.com', ''],
	])('region %s: GreenLake APIs on %s, DSCC on %s', (region, greenLake, dscc) => {
		expect(greenLakeApi.baseUrl(credentials(region))).toBe(greenLake);
		expect(dsccApi.baseUrl(credentials(region))).toBe(dscc);
	});

	it('the base URL override wins for both', () => {
		expect(greenLakeApi.baseUrl(credentials('eu-west', 'https://proxy.example.com'))).toBe('https://proxy.example.com');
		expect(dsccApi.baseUrl(credentials('us1', 'https://proxy.example.com'))).toBe('https://proxy.example.com');
	});
});
