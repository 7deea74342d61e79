import type { IDataObject } from 'n8n-workflow';

import type { GreenLakeSimulator } from '../simulators/greenlake';
import { startGreenLakeSimulator } from '../simulators/greenlake';
import { apiRequests, byName, locator, records, runNode } from './pcbe-helpers';

// Every write waits for its operation, polled at most once a second.
jest.setTimeout(30_000);

let sim: GreenLakeSimulator;

beforeAll(async () => {
	sim = await startGreenLakeSimulator({ operationDurationMs: 600, virtualMachines: 12 });
});
afterAll(async () => await sim.close());
afterEach(() => expect(sim.violations()).toEqual([]));

describe('VM provisioning policies', () => {
	const run = (parameters: IDataObject) => runNode(sim, 'vmProvisioningPolicy', parameters);

	it('creates, lists, gets, updates (merge patch) and deletes a policy', async () => {
		const [created] = await run({
			operation: 'create',
			name: 'bronze',
			description: 'Cheap storage',
			settingsJson: JSON.stringify({ volumeInfo: { deduplication: false, qos: { perfIopsLimit: 5000, perfMbpsLimit: 200 } } }),
		});
		expect(created).toMatchObject({ name: 'bronze', storageType: 'Alletra dHCI', description: 'Cheap storage', volumeInfo: { deduplication: false } });
		expect(sim.requestsTo('POST', /vm-provisioning-policies$/).pop()!.body).toEqual({
			storageType: 'Alletra dHCI',
			volumeInfo: { deduplication: false, qos: { perfIopsLimit: 5000, perfMbpsLimit: 200 } },
			description: 'Cheap storage',
			name: 'bronze',
		});
		const listed = await run({ operation: 'getAll', returnAll: true, listOptions: { sort: 'name asc' } });
		expect(listed.map((policy) => policy.name)).toEqual(['bronze', 'gold-dedupe', 'silver']);
		const [got] = await run({ operation: 'get', policyId: String(created.id) });
		expect(got.id).toBe(created.id);

		const [updated] = await run({ operation: 'update', policyId: String(created.id), settingsJson: JSON.stringify({ volumeInfo: { dataReduction: true, qos: null } }) });
		expect(updated.state).toBe('SUCCEEDED');
		expect((updated.resource as IDataObject).volumeInfo).toEqual({ deduplication: false, dataReduction: true });
		const patch = sim.requestsTo('PATCH', /vm-provisioning-policies\//).pop()!;
		expect(patch.headers['content-type']).toMatch(/^application\/merge-patch\+json/);

		const [deleted] = await run({ operation: 'delete', policyId: String(created.id) });
		expect(deleted.state).toBe('SUCCEEDED');
		expect(sim.context.collection('vmProvisioningPolicies').has(String(created.id))).toBe(false);
	});

	it('surfaces a duplicate name as a conflict', async () => {
		await expect(run({ operation: 'create', name: 'silver' })).rejects.toThrow('HPE GreenLake reports a conflict: A VM provisioning policy named silver already exists');
	});
});

describe('datastores', () => {
	const run = (parameters: IDataObject) => runNode(sim, 'datastore', parameters);

	it('lists and gets datastores', async () => {
		const all = await run({ operation: 'getAll', returnAll: true });
		expect(all).toHaveLength(6);
		expect(apiRequests(sim).pop()!.query).toMatchObject({ limit: '1000', offset: '0' });
		const [one] = await run({ operation: 'get', datastoreId: locator(String(all[2].id)) });
		expect(one).toMatchObject({ id: all[2].id, datastoreType: 'VMFS' });
	});

	it('creates a datastore with a provisioning policy and returns it', async () => {
		const system = byName(sim, 'systems', 'dhci-site-a');
		const cluster = byName(sim, 'hypervisorClusters', 'cluster-a2');
		const policy = byName(sim, 'vmProvisioningPolicies', 'gold-dedupe');
		const [result] = await run({
			operation: 'create',
			name: 'sql-ds01',
			datastoreType: 'VMFS',
			sizeGiB: 512,
			clusterId: locator(String(cluster.id)),
			storageSystemId: String((system.storageSystem as IDataObject).id),
			provisioningPolicyId: String(policy.id),
		});
		expect(result).toMatchObject({ state: 'SUCCEEDED', resource: { name: 'sql-ds01', capacityInBytes: 512 * 1024 ** 3, clusterInfo: { name: 'cluster-a2' } } });
		expect(sim.requestsTo('POST', /\/datastores$/).pop()!.body).toEqual({
			name: 'sql-ds01',
			datastoreType: 'VMFS',
			sizeInBytes: 549755813888,
			targetHypervisorClusterId: cluster.id,
			storageSystemId: (system.storageSystem as IDataObject).id,
			provisioningPolicyId: policy.id,
		});
	});
});

describe('hypervisor clusters, hosts and managers', () => {
	it('lists and gets clusters, hosts and managers', async () => {
		const clusters = await runNode(sim, 'hypervisorCluster', { operation: 'getAll', returnAll: false, limit: 2 });
		expect(clusters).toHaveLength(2);
		const [cluster] = await runNode(sim, 'hypervisorCluster', { operation: 'get', clusterId: locator(String(clusters[0].id)) });
		expect(cluster).toMatchObject({ id: clusters[0].id, clusterType: 'ESX_CLUSTER' });

		const hosts = await runNode(sim, 'hypervisorHost', { operation: 'getAll', returnAll: true, listOptions: { filter: "parentInfo/name eq 'cluster-a1'" } });
		expect(hosts.map((host) => host.name)).toEqual(['esx-a1-01', 'esx-a1-02', 'esx-a1-03']);
		const [host] = await runNode(sim, 'hypervisorHost', { operation: 'get', hostId: String(hosts[0].id) });
		expect(host).toMatchObject({ hostType: 'ESXI', version: '8.0.2' });

		const managers = await runNode(sim, 'hypervisorManager', { operation: 'getAll', returnAll: true });
		expect(managers.map((manager) => manager.name).sort()).toEqual(['vcenter-site-a', 'vcenter-site-b']);
		const [manager] = await runNode(sim, 'hypervisorManager', { operation: 'get', managerId: String(managers[0].id) });
		expect(manager).toMatchObject({ hypervisorManagerType: 'VMWARE_VCENTER' });
	});

	it('refreshes a hypervisor manager', async () => {
		const manager = byName(sim, 'hypervisorManagers', 'vcenter-site-b');
		const [result] = await runNode(sim, 'hypervisorManager', { operation: 'refresh', managerId: String(manager.id) });
		expect(result).toMatchObject({ state: 'SUCCEEDED', resource: { id: manager.id } });
		expect((result.resource as IDataObject).lastRefreshed).not.toBe('2026-11-28T06:00:00Z');
	});
});

describe('async operations', () => {
	it('gets one, lists them filtered and sorted, and waits for one', async () => {
		const vm = records(sim, 'virtualMachines').find((candidate) => candidate.powerState === 'POWERED_ON')!;
		sim.setOperationDuration(/^Reset virtual machine/, 60_000);
		const [accepted] = await runNode(sim, 'virtualMachine', { operation: 'reset', vmId: locator(String(vm.id)), waitForCompletion: false });
		const [running] = await runNode(sim, 'asyncOperation', { operation: 'get', operationId: accepted.operationId });
		sim.clearOperationRules();
		sim.context.operations.finishNow(String(accepted.operationId));
		expect(running).toMatchObject({ id: accepted.operationId, displayName: `Reset virtual machine ${String(vm.name)}` });
		expect(['INITIALIZED', 'RUNNING']).toContain(running.state);
		const [done] = await runNode(sim, 'asyncOperation', { operation: 'waitForCompletion', operationId: accepted.operationId, waitTimeout: 30 });
		expect(done).toMatchObject({ state: 'SUCCEEDED', resource: { id: vm.id } });
		const listed = await runNode(sim, 'asyncOperation', { operation: 'getAll', returnAll: true, listOptions: { filter: "state eq 'SUCCEEDED'", sort: 'createdAt desc' } });
		expect(listed.length).toBeGreaterThan(1);
		expect(listed.every((operation) => operation.state === 'SUCCEEDED')).toBe(true);
		expect(apiRequests(sim).pop()!.query).toMatchObject({ limit: '1000', filter: "state eq 'SUCCEEDED'" });
	});

	it('fails a wait with the operation error when the operation is cancelled', async () => {
		const vm = records(sim, 'virtualMachines').find((candidate) => candidate.powerState === 'POWERED_ON')!;
		sim.setOperationDuration(/^Reset virtual machine/, 60_000);
		const [accepted] = await runNode(sim, 'virtualMachine', { operation: 'reset', vmId: locator(String(vm.id)), waitForCompletion: false });
		sim.clearOperationRules();
		expect(sim.cancelRunning(new RegExp(`Reset virtual machine ${String(vm.name)}`))).toBe(1);
		await expect(runNode(sim, 'asyncOperation', { operation: 'waitForCompletion', operationId: accepted.operationId, waitTimeout: 30 })).rejects.toThrow(
			/ended in state CANCELLED: The operation was cancelled by a user/,
		);
	});
});
