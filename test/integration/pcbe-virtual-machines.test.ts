import type { IDataObject } from 'n8n-workflow';

import type { GreenLakeSimulator } from '../simulators/greenlake';
import { startGreenLakeSimulator } from '../simulators/greenlake';
import { apiRequests, byName, listSearchContext, locator, node, records, runNode } from './pcbe-helpers';

// Every write waits for its operation, polled at most once a second.
jest.setTimeout(30_000);

let sim: GreenLakeSimulator;

beforeAll(async () => {
	sim = await startGreenLakeSimulator({ operationDurationMs: 600, virtualMachines: 2100 });
});
afterAll(async () => await sim.close());
afterEach(() => {
	sim.clearOperationRules();
	expect(sim.violations()).toEqual([]);
});

const run = (parameters: IDataObject, continueOnFail = false) => runNode(sim, 'virtualMachine', parameters, continueOnFail);

function deployParameters(name: string, extra: IDataObject = {}): IDataObject {
	const cluster = byName(sim, 'hypervisorClusters', 'cluster-a1');
	const datastore = byName(sim, 'datastores', 'cluster-a1-ds01');
	return {
		operation: 'deploy',
		name,
		clusterId: locator(String(cluster.id)),
		datastoreId: locator(String(datastore.id)),
		imageName: 'ubuntu-22.04-template',
		acceptEula: true,
		...extra,
	};
}

describe('listing virtual machines', () => {
	it('returns all 2100 VMs in pages of 1000, the largest the API allows', async () => {
		const before = apiRequests(sim).length;
		const items = await run({ operation: 'getAll', returnAll: true });
		expect(items).toHaveLength(2100);
		expect(new Set(items.map((vm) => vm.id)).size).toBe(2100);
		const pages = apiRequests(sim).slice(before);
		expect(pages.map((request) => request.query.limit)).toEqual(['1000', '1000', '1000']);
		expect(pages.map((request) => request.query.offset)).toEqual(['0', '1000', '2000']);
	});

	it('returns up to the limit, filtered and sorted by the API', async () => {
		const items = await run({ operation: 'getAll', returnAll: false, limit: 5, listOptions: { filter: "powerState eq 'POWERED_OFF'", sort: 'name desc', select: 'id,name,powerState' } });
		expect(items).toHaveLength(5);
		expect(items.every((vm) => vm.powerState === 'POWERED_OFF')).toBe(true);
		expect(items.map((vm) => vm.name)).toEqual([...items.map((vm) => vm.name)].sort().reverse());
		expect(Object.keys(items[0]).sort()).toEqual(['id', 'name', 'powerState']);
		expect(apiRequests(sim).pop()!.query).toMatchObject({ limit: '5', offset: '0' });
	});

	it('gets one VM, and says clearly when it does not exist', async () => {
		const vm = records(sim, 'virtualMachines')[7];
		const [item] = await run({ operation: 'get', vmId: locator(String(vm.id)) });
		expect(item).toMatchObject({ id: vm.id, name: vm.name, powerState: vm.powerState });
		await expect(run({ operation: 'get', vmId: locator('0b7e3a56-0000-4000-a000-000000000000') })).rejects.toThrow(
			'Virtual machine 0b7e3a56-0000-4000-a000-000000000000 was not found in HPE GreenLake',
		);
	});

	it('offers VMs, clusters and datastores in the resource locators, searchable by name', async () => {
		const context = listSearchContext(sim);
		const vms = await node.methods.listSearch.searchVirtualMachines.call(context, 'vm-0042');
		expect(vms.results.map((result) => result.name)).toEqual(['vm-0042']);
		const clusters = await node.methods.listSearch.searchClusters.call(context);
		expect(clusters.results.map((result) => result.name).sort()).toEqual(expect.arrayContaining(['cluster-a1', 'cluster-a2', 'cluster-b1']));
		const datastores = await node.methods.listSearch.searchDatastores.call(context, 'b1-ds02');
		expect(datastores.results).toEqual([{ name: 'cluster-b1-ds02', value: byName(sim, 'datastores', 'cluster-b1-ds02').id }]);
		const first = await node.methods.listSearch.searchVirtualMachines.call(context);
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('100');
	});
});

describe('deploying a virtual machine', () => {
	it('deploys from the fields a user knows, waits and returns the operation with the new VM', async () => {
		const [result] = await run(deployParameters('web-01', { additionalFields: { powerOn: true, network: 'Prod-VLAN-20', annotation: 'n8n' } }));
		expect(result).toMatchObject({ state: 'SUCCEEDED', progressPercent: 100 });
		expect(result.resource).toMatchObject({ name: 'web-01', powerState: 'POWERED_ON', annotation: 'n8n' });
		expect((result.resource as IDataObject).clusterInfo).toMatchObject({ name: 'cluster-a1' });
		const deploy = sim.requestsTo('POST', /\/virtual-machines$/).pop()!;
		expect(deploy.status).toBe(202);
		expect(deploy.body).toEqual({
			vmConfig: { name: 'web-01', acceptEula: true, annotation: 'n8n', powerOn: true },
			storageConfig: { defaultDatastoreId: byName(sim, 'datastores', 'cluster-a1-ds01').id },
			destination: { clusterId: byName(sim, 'hypervisorClusters', 'cluster-a1').id },
			imageSource: { imageSourceType: 'HYPERVISOR_IMAGE_LIBRARY', imageName: 'ubuntu-22.04-template' },
			networkConfig: { networkMapping: [{ name: 'VM Network', network: 'Prod-VLAN-20' }] },
		});
		// The operation named in the Location header was polled until it finished.
		expect(sim.requestsTo('GET', /\/data-services\/v1beta1\/async-operations\/[0-9a-f-]+$/).length).toBeGreaterThan(0);
	});

	it('merges the JSON escape hatch over the fields (e.g. several VMs, a VM policy)', async () => {
		const policy = records(sim, 'vmProvisioningPolicies')[0];
		const [result] = await run(
			deployParameters('batch', {
				deployJson: JSON.stringify({ vmConfig: { numberOfVms: 2 }, vmPolicy: [{ id: policy.id, type: 'VM_PROVISIONING_POLICY' }] }),
			}),
		);
		expect(result.state).toBe('SUCCEEDED');
		expect((result.associatedResources as IDataObject[]).map((ref) => ref.name)).toEqual(['cluster-a1', 'batch-1', 'batch-2']);
		expect(sim.requestsTo('POST', /\/virtual-machines$/).pop()!.body).toMatchObject({ vmConfig: { name: 'batch', numberOfVms: 2 }, vmPolicy: [{ type: 'VM_PROVISIONING_POLICY' }] });
	});

	it('returns the operation reference at once when not waiting', async () => {
		const [result] = await run(deployParameters('quick-01', { waitForCompletion: false }));
		expect(result).toMatchObject({ state: 'ACCEPTED', location: expect.stringMatching(/^\/data-services\/v1beta1\/async-operations\//) });
		const [waited] = await runNode(sim, 'asyncOperation', { operation: 'waitForCompletion', operationId: result.operationId, waitTimeout: 30 });
		expect(waited).toMatchObject({ id: result.operationId, state: 'SUCCEEDED', resource: { name: 'quick-01' } });
	});

	it("fails with the operation's own error when the image does not exist", async () => {
		await expect(run(deployParameters('web-02', { imageName: 'no-such-template' }))).rejects.toThrow(
			/^The operation "Deploy virtual machine web-02" \([0-9a-f-]+\) ended in state FAILED: Image no-such-template was not found in the content library of vcenter-site-a/,
		);
	});

	it('keeps the failed operation on the error output with continue on fail', async () => {
		const [item] = await run(deployParameters('web-01'), true);
		expect(item.error).toMatch(/ended in state FAILED: A virtual machine named web-01 already exists/);
		expect((item.details as IDataObject).task).toMatchObject({ state: 'FAILED', error: { errorCode: 'ALREADY_EXISTS' } });
	});

	it('reports a cancelled and a timed-out operation as failures', async () => {
		sim.forceOutcome(/Deploy virtual machine cancel-me/, 'CANCELLED');
		await expect(run(deployParameters('cancel-me'))).rejects.toThrow(/ended in state CANCELLED: The operation was cancelled by a user/);
		sim.forceOutcome(/Deploy virtual machine slow-one/, 'TIMEDOUT');
		await expect(run(deployParameters('slow-one'))).rejects.toThrow(/ended in state TIMEDOUT/);
	});

	it('stops waiting after the timeout and says the operation goes on', async () => {
		const slow = await startGreenLakeSimulator({ operationDurationMs: 60_000, virtualMachines: 3 });
		try {
			const cluster = [...slow.context.collection('hypervisorClusters').values()][0];
			const datastore = [...slow.context.collection('datastores').values()].find((ds) => (ds.clusterInfo as IDataObject).id === cluster.id)!;
			await expect(
				runNode(slow, 'virtualMachine', {
					operation: 'deploy',
					name: 'late',
					clusterId: locator(String(cluster.id)),
					datastoreId: locator(String(datastore.id)),
					imageName: 'ubuntu-22.04-template',
					acceptEula: true,
					waitTimeout: 1,
				}),
			).rejects.toThrow(/is still (INITIALIZED|RUNNING) after 1 seconds/);
			expect(slow.violations()).toEqual([]);
		} finally {
			await slow.close();
		}
	});
});

describe('power and lifecycle', () => {
	it('powers on, restarts and shuts down the guest OS, resets and powers off a VM', async () => {
		const vm = records(sim, 'virtualMachines').find((candidate) => candidate.powerState === 'POWERED_OFF')!;
		const vmId = locator(String(vm.id));
		const [on] = await run({ operation: 'powerOn', vmId });
		expect(on).toMatchObject({ state: 'SUCCEEDED', resource: { id: vm.id, powerState: 'POWERED_ON' } });
		expect((await run({ operation: 'restartGuestOs', vmId }))[0].state).toBe('SUCCEEDED');
		expect((await run({ operation: 'reset', vmId }))[0].state).toBe('SUCCEEDED');
		const [down] = await run({ operation: 'shutdownGuestOs', vmId });
		expect(down).toMatchObject({ state: 'SUCCEEDED', resource: { powerState: 'POWERED_OFF' } });
		await run({ operation: 'powerOn', vmId });
		const [off] = await run({ operation: 'powerOff', vmId });
		expect(off).toMatchObject({ state: 'SUCCEEDED', resource: { powerState: 'POWERED_OFF' } });
		const paths = sim.requestsTo('POST', new RegExp(`/virtual-machines/${String(vm.id)}/`)).map((request) => request.path.split('/').pop());
		expect(paths).toEqual(['power-on', 'restart-guest-os', 'reset', 'shutdown-guest-os', 'power-on', 'power-off']);
	});

	it('refreshes a VM: POST …/refresh, waits for the operation and returns the VM', async () => {
		const vm = records(sim, 'virtualMachines')[3];
		const [result] = await run({ operation: 'refresh', vmId: locator(String(vm.id)) });
		expect(result).toMatchObject({ state: 'SUCCEEDED', displayName: `Refresh virtual machine ${String(vm.name)}`, resource: { id: vm.id } });
		expect(sim.requestsTo('POST', /\/refresh$/).pop()!.path).toBe(`/virtualization/v1beta1/virtual-machines/${String(vm.id)}/refresh`);
	});

	it('fails clearly when the power state does not allow the operation', async () => {
		const vm = records(sim, 'virtualMachines').find((candidate) => candidate.powerState === 'POWERED_OFF')!;
		await expect(run({ operation: 'powerOff', vmId: locator(String(vm.id)) })).rejects.toThrow(
			`ended in state FAILED: Cannot power off virtual machine ${String(vm.name)}: the operation is not allowed in the current state (POWERED_OFF)`,
		);
	});

	it('surfaces a 409 when another operation runs on the VM', async () => {
		const vm = records(sim, 'virtualMachines').find((candidate) => candidate.powerState === 'POWERED_ON')!;
		sim.setOperationDuration(/^Reset virtual machine/, 60_000);
		const [reset] = await run({ operation: 'reset', vmId: locator(String(vm.id)), waitForCompletion: false });
		await expect(run({ operation: 'powerOff', vmId: locator(String(vm.id)) })).rejects.toThrow(
			`HPE GreenLake reports a conflict: Virtual machine ${String(vm.name)} is busy with "Reset virtual machine ${String(vm.name)}"`,
		);
		expect(sim.requestsTo('POST', /power-off$/).filter((request) => request.status === 409)).toHaveLength(1);
		sim.context.operations.finishNow(String(reset.operationId));
	});

	it('updates CPU, memory, network adapters and disks', async () => {
		const vm = records(sim, 'virtualMachines').find((candidate) => candidate.powerState === 'POWERED_OFF' && candidate.name !== 'web-01')!;
		const [result] = await run({
			operation: 'updateHardware',
			vmId: locator(String(vm.id)),
			hardware: {
				numOfCpus: 8,
				numOfCoresPerSocket: 4,
				memoryInMb: 16384,
				networkAdapters: JSON.stringify([{ operation: 'ADD', type: 'VMXNET3', networkDetails: { name: 'Backup-VLAN' } }]),
				virtualDisks: JSON.stringify([{ operation: 'ADD', diskConfig: { capacityInMb: 102400, type: 'SCSI' } }]),
			},
		});
		expect(result.state).toBe('SUCCEEDED');
		const updated = result.resource as IDataObject;
		expect(updated.computeInfo).toMatchObject({ numCpuCores: 8, coresPerSocket: 4, memorySizeInMib: 16384 });
		expect((updated.networkAdapters as IDataObject[]).map((adapter) => adapter.networkName)).toEqual(['VM Network', 'Backup-VLAN']);
		expect((updated.virtualDisks as IDataObject[]).map((disk) => disk.capacityInMb)).toEqual([40960, 102400]);
		expect(sim.requestsTo('POST', /update-hardware$/).pop()!.body).toEqual({
			cpuMemConfig: { cpu: { numOfCpus: 8, numOfCoresPerSocket: 4 }, memory: { memoryInMb: 16384 } },
			networkAdapters: [{ operation: 'ADD', type: 'VMXNET3', networkDetails: { name: 'Backup-VLAN' } }],
			virtualDisks: [{ operation: 'ADD', diskConfig: { capacityInMb: 102400, type: 'SCSI' } }],
		});
	});

	it('migrates VMs to another cluster and datastore', async () => {
		const vms = records(sim, 'virtualMachines').filter((vm) => (vm.clusterInfo as IDataObject).name === 'cluster-a1').slice(0, 2);
		const target = byName(sim, 'hypervisorClusters', 'cluster-a2');
		const datastore = byName(sim, 'datastores', 'cluster-a2-ds01');
		const [result] = await run({
			operation: 'migrate',
			vmIds: vms.map((vm) => vm.id).join(', '),
			hypervisorManagerId: (target.hypervisorManagerInfo as IDataObject).id,
			clusterId: locator(String(target.id)),
			datastoreId: locator(String(datastore.id)),
		});
		expect(result.state).toBe('SUCCEEDED');
		for (const vm of vms) expect((vm.clusterInfo as IDataObject).name).toBe('cluster-a2');
		const request = sim.requestsTo('POST', /\/virtual-machines\/migrate$/).pop()!;
		expect(request.query['parameter-type']).toBe('vms');
		expect(request.body).toEqual({ hypervisorManagerId: (target.hypervisorManagerInfo as IDataObject).id, targetHypervisorClusterId: target.id, targetDatastoreId: datastore.id });
	});

	it('deletes a VM', async () => {
		const vm = records(sim, 'virtualMachines').find((candidate) => candidate.powerState === 'POWERED_OFF')!;
		const [result] = await run({ operation: 'delete', vmId: locator(String(vm.id)) });
		expect(result).toMatchObject({ state: 'SUCCEEDED' });
		expect(result.resource).toBeUndefined();
		expect(sim.context.collection('virtualMachines').has(String(vm.id))).toBe(false);
	});
});
