import type { IDataObject } from 'n8n-workflow';

import type { GreenLakeSimulator } from '../simulators/greenlake';
import { startGreenLakeSimulator } from '../simulators/greenlake';
import type { Item } from '../simulators/greenlake/context';
import { byName, locator, records, runNode } from './pcbe-helpers';

// Every create waits for its async operation, polled at most once a second.
jest.setTimeout(30_000);

let sim: GreenLakeSimulator;

beforeAll(async () => {
	sim = await startGreenLakeSimulator({ operationDurationMs: 300, virtualMachines: 10 });
});
afterAll(async () => await sim.close());
afterEach(() => expect(sim.violations()).toEqual([]));

/** The async operation a create waited for, as the API reports it. */
function operationOf(result: IDataObject): Item {
	return sim.context.collection('asyncOperations').get(String(result.id))!;
}

/**
 * A GreenLake create is started on a parent (the system of a report, the cluster of a VM): the
 * operation names the parent as `sourceResourceUri` and what it made in `associatedResources`.
 * Every create returns what it made, not the parent.
 */
describe('a create returns what it created, not the resource it was started on', () => {
	it('Configuration Analysis Report → Create returns the report, not the system', async () => {
		const system = byName(sim, 'systems', 'dhci-site-a');
		const [result] = await runNode(sim, 'configurationAnalysisReport', { operation: 'create', systemId: locator(String(system.id)) });
		expect(operationOf(result).sourceResourceUri).toBe(system.resourceUri);
		const report = records(sim, 'reports').find((candidate) => candidate.systemId === system.id)!;
		expect(result.resource).toMatchObject({ id: report.id, type: 'private-cloud-business/configuration-analysis-report', systemId: system.id });
	});

	it('Virtual Machine → Deploy returns the new VM, not the cluster it was deployed into', async () => {
		const cluster = byName(sim, 'hypervisorClusters', 'cluster-a1');
		const datastore = byName(sim, 'datastores', 'cluster-a1-ds01');
		const [result] = await runNode(sim, 'virtualMachine', {
			operation: 'deploy',
			name: 'result-vm-01',
			clusterId: locator(String(cluster.id)),
			datastoreId: locator(String(datastore.id)),
			imageName: 'ubuntu-22.04-template',
			acceptEula: true,
		});
		expect(operationOf(result).sourceResourceUri).toBe(cluster.resourceUri);
		expect(result.resource).toMatchObject({ id: byName(sim, 'virtualMachines', 'result-vm-01').id, name: 'result-vm-01' });
	});

	it('Datastore → Create returns the datastore, not the cluster it was mounted on', async () => {
		const system = byName(sim, 'systems', 'dhci-site-a');
		const cluster = byName(sim, 'hypervisorClusters', 'cluster-a2');
		const [result] = await runNode(sim, 'datastore', {
			operation: 'create',
			name: 'result-ds-01',
			datastoreType: 'VMFS',
			sizeGiB: 10,
			clusterId: locator(String(cluster.id)),
			storageSystemId: String((system.storageSystem as IDataObject).id),
		});
		expect(operationOf(result).sourceResourceUri).toBe(cluster.resourceUri);
		expect(result.resource).toMatchObject({ id: byName(sim, 'datastores', 'result-ds-01').id, type: 'virtualization/datastore' });
	});

	it('System → Add Hypervisor Cluster returns the new cluster, not the system', async () => {
		const system = byName(sim, 'systems', 'dhci-site-b');
		const [result] = await runNode(sim, 'system', {
			operation: 'addHypervisorCluster',
			systemId: locator(String(system.id)),
			hypervisorClusterName: 'result-cluster-01',
			vsphereDatacenterName: 'dc-b',
		});
		expect(operationOf(result).sourceResourceUri).toBe(system.resourceUri);
		expect(result.resource).toMatchObject({ id: byName(sim, 'hypervisorClusters', 'result-cluster-01').id, clusterType: 'ESX_CLUSTER' });
	});

	it('VM Provisioning Policy → Create (answered at once) returns the policy', async () => {
		const [result] = await runNode(sim, 'vmProvisioningPolicy', { operation: 'create', name: 'result-policy-01' });
		expect(result).toMatchObject({ id: byName(sim, 'vmProvisioningPolicies', 'result-policy-01').id, name: 'result-policy-01' });
	});

	it('Async Operation → Wait for Completion of a report started without waiting returns the report, not the system', async () => {
		const system = byName(sim, 'systems', 'dhci-site-b');
		const [accepted] = await runNode(sim, 'configurationAnalysisReport', { operation: 'create', systemId: locator(String(system.id)), waitForCompletion: false });
		const [waited] = await runNode(sim, 'asyncOperation', { operation: 'waitForCompletion', operationId: accepted.operationId, waitTimeout: 30 });
		const report = records(sim, 'reports').find((candidate) => candidate.systemId === system.id)!;
		expect(waited.resource).toMatchObject({ id: report.id, systemId: system.id });
	});

	it('a change that creates nothing still returns the resource it changed (Power On → the VM)', async () => {
		const vm = records(sim, 'virtualMachines').find((candidate) => candidate.powerState === 'POWERED_OFF')!;
		const [result] = await runNode(sim, 'virtualMachine', { operation: 'powerOn', vmId: locator(String(vm.id)) });
		expect(result.resource).toMatchObject({ id: vm.id, powerState: 'POWERED_ON' });
	});
});
