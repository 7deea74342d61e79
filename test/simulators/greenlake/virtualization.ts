import type { SimRequest, SimResponse } from '../framework/server';
import type { GreenLakeContext, Item } from './context';
import { timestamp } from './context';
import type { ResourceRef } from './operations';
import { OperationFailure } from './operations';

export const VIRT = '/virtualization/v1beta1';
const SERVICE = 'hybrid-cloud';
const PAGING = { defaultLimit: 20, maxLimit: 1000 };

function ref(record: Item): Item {
	return { id: record.id, name: record.name, displayName: record.name, resourceUri: record.resourceUri, type: record.type };
}

function refOf(record: Item): ResourceRef {
	return { name: String(record.name), type: String(record.type), resourceUri: String(record.resourceUri) };
}

/** Seeded inventory: two vCenters, three clusters, hosts, datastores, library images and VMs. */
export function seedVirtualization(context: GreenLakeContext): void {
	const managers = ['vcenter-site-a', 'vcenter-site-b'].map((name, index) => {
		const record = context.resource('virtualization/hypervisor-manager', `${VIRT}/hypervisor-managers`, context.random.uuid(), name);
		Object.assign(record, {
			hypervisorManagerType: 'VMWARE_VCENTER',
			networkAddress: `10.10.${index}.5`,
			releaseVersion: '8.0.2',
			buildVersion: '22385739',
			state: 'OK',
			status: 'OK',
			lastRefreshed: '2026-11-28T06:00:00Z',
			username: 'administrator@vsphere.local',
			services: ['hci-manager'],
		});
		return context.add('hypervisorManagers', record);
	});
	const clusters = [
		{ name: 'cluster-a1', manager: 0 },
		{ name: 'cluster-a2', manager: 0 },
		{ name: 'cluster-b1', manager: 1 },
	].map(({ name, manager }) => {
		const record = context.resource('virtualization/hypervisor-cluster', `${VIRT}/hypervisor-clusters`, context.random.uuid(), name);
		Object.assign(record, {
			clusterType: 'ESX_CLUSTER',
			hciClusterUuid: context.random.uuid(),
			hypervisorManagerInfo: ref(managers[manager]),
			state: 'OK',
			status: 'OK',
			hypervisorHosts: [],
			clusterPerfMetricInfo: { cpuCapacityInMhz: 230400, cpuUsageInMhz: 41000, memorySizeInBytes: 1649267441664, memoryUsageInMb: 512000 },
			services: ['hci-manager'],
		});
		return context.add('hypervisorClusters', record);
	});
	clusters.forEach((cluster, clusterIndex) => {
		for (let h = 1; h <= (clusterIndex === 0 ? 3 : 2); h++) {
			const host = context.resource('virtualization/hypervisor-host', `${VIRT}/hypervisor-hosts`, context.random.uuid(), `esx-${String(cluster.name).slice(-2)}-0${h}`);
			Object.assign(host, {
				hostType: 'ESXI',
				version: '8.0.2',
				networkAddress: `10.20.${clusterIndex}.${10 + h}`,
				hypervisorManagerInfo: cluster.hypervisorManagerInfo,
				parentInfo: ref(cluster),
				hciClusterUuid: cluster.hciClusterUuid,
				state: 'OK',
				status: 'OK',
				cpuInfo: { processorSockets: 2, processorCores: 32, logicalProcessors: 64, hyperthreadingActive: true, processorSpeedHz: 2400000000 },
			});
			context.add('hypervisorHosts', host);
			(cluster.hypervisorHosts as Item[]).push(ref(host));
		}
		for (const suffix of ['ds01', 'ds02']) {
			const datastore = context.resource('virtualization/datastore', `${VIRT}/datastores`, context.random.uuid(), `${String(cluster.name)}-${suffix}`);
			Object.assign(datastore, {
				datastoreType: 'VMFS',
				capacityInBytes: 4 * 1024 ** 4,
				capacityFree: 3 * 1024 ** 4,
				capacityUncommitted: 0,
				clusterInfo: ref(cluster),
				hypervisorManagerInfo: cluster.hypervisorManagerInfo,
				hciClusterUuid: cluster.hciClusterUuid,
				state: 'OK',
				status: 'OK',
				vmCount: 0,
			});
			context.add('datastores', datastore);
		}
	});
	for (const manager of managers) {
		for (const name of ['ubuntu-22.04-template', 'rhel-9-template', 'windows-2022-template']) {
			const image = context.resource('virtualization/hypervisor-library-image', `${String(manager.resourceUri)}/hypervisor-library-images`, context.random.uuid(), name);
			Object.assign(image, { fileType: 'OVF', libraryName: 'content-library', hypervisorManagerInfo: ref(manager), size: 2147483648 });
			context.add('libraryImages', image);
		}
	}
	const datastores = [...context.collection('datastores').values()];
	for (let index = 0; index < context.options.virtualMachines; index++) {
		const cluster = clusters[index % clusters.length];
		const datastore = datastores.find((candidate) => (candidate.clusterInfo as Item).id === cluster.id)!;
		const vm = newVm(context, `vm-${String(index + 1).padStart(4, '0')}`, cluster, datastore, index % 3 === 0 ? 'POWERED_OFF' : 'POWERED_ON');
		vm.computeInfo = { numCpuCores: 2 + (index % 3) * 2, numCpuThreads: 1, memorySizeInMib: 4096 * (1 + (index % 4)) };
	}
}

function newVm(context: GreenLakeContext, name: string, cluster: Item, datastore: Item, powerState: string): Item {
	const vm = context.resource('virtualization/virtual-machine', `${VIRT}/virtual-machines`, context.random.uuid(), name);
	const hosts = cluster.hypervisorHosts as Item[];
	Object.assign(vm, {
		appType: 'VMWARE',
		powerState,
		state: 'OK',
		status: 'OK',
		protectionStatus: 'UNPROTECTED',
		clusterInfo: ref(cluster),
		hostInfo: hosts[context.random.int(0, hosts.length - 1)],
		hypervisorManagerInfo: cluster.hypervisorManagerInfo,
		hciClusterUuid: cluster.hciClusterUuid,
		guestInfo: { name: 'Ubuntu Linux (64-bit)', type: 'LINUX', releaseVersion: '22.04', buildVersion: '' },
		computeInfo: { numCpuCores: 2, numCpuThreads: 1, memorySizeInMib: 4096 },
		capacityInBytes: 40 * 1024 ** 3,
		networkAdapters: [{ name: 'Network adapter 1', type: 'VMXNET3', networkName: 'VM Network', connected: powerState === 'POWERED_ON' }],
		virtualDisks: [{ id: '2000', name: 'Hard disk 1', capacityInMb: 40960, type: 'SCSI', datastoreInfo: ref(datastore) }],
		volumesInfo: [],
		vclsVm: false,
		services: ['hci-manager'],
	});
	datastore.vmCount = (datastore.vmCount as number) + 1;
	return context.add('virtualMachines', vm);
}

/** 409 while another operation holds the VM, as vCenter refuses a second task on the same VM. */
function vmBusy(context: GreenLakeContext, vm: Item): SimResponse | undefined {
	const running = context.operations.isLocked(`vm:${String(vm.id)}`);
	if (!running) return undefined;
	return context.error(409, `Virtual machine ${String(vm.name)} is busy with "${String(running.displayName)}"`, 'CONFLICT');
}

function powerRoute(context: GreenLakeContext, suffix: string, label: string, apply: (vm: Item) => void): void {
	context.sim.route('POST', `${VIRT}/virtual-machines/{id}/${suffix}`, (request) => {
		const vm = context.collection('virtualMachines').get(request.params.id);
		if (!vm) return context.notFound('Virtual machine', request.params.id);
		const busy = vmBusy(context, vm);
		if (busy) return busy;
		return context.operations.accept({
			displayName: `${label} virtual machine ${String(vm.name)}`,
			service: SERVICE,
			source: refOf(vm),
			lock: `vm:${String(vm.id)}`,
			complete: () => {
				apply(vm);
				context.touch(vm);
				return refOf(vm);
			},
		});
	});
}

function requirePower(vm: Item, wanted: string, action: string): void {
	if (vm.powerState !== wanted) {
		throw new OperationFailure(
			`Cannot ${action} virtual machine ${String(vm.name)}: the operation is not allowed in the current state (${String(vm.powerState)})`,
			'INVALID_POWER_STATE',
		);
	}
}

export function registerVirtualization(context: GreenLakeContext): void {
	const { sim } = context;
	const collectionRoutes: Array<[string, string, string]> = [
		['virtual-machines', 'virtualMachines', 'Virtual machine'],
		['datastores', 'datastores', 'Datastore'],
		['hypervisor-clusters', 'hypervisorClusters', 'Hypervisor cluster'],
		['hypervisor-hosts', 'hypervisorHosts', 'Hypervisor host'],
		['hypervisor-managers', 'hypervisorManagers', 'Hypervisor manager'],
	];
	for (const [segment, collection, kind] of collectionRoutes) {
		sim.route('GET', `${VIRT}/${segment}`, (request) => context.list(request, context.collection(collection).values(), PAGING));
		sim.route('GET', `${VIRT}/${segment}/{id}`, (request) =>
			context.one(request, context.collection(collection).get(request.params.id), kind, request.params.id),
		);
	}

	sim.route('POST', `${VIRT}/hypervisor-managers/{id}/refresh`, (request) => {
		const manager = context.collection('hypervisorManagers').get(request.params.id);
		if (!manager) return context.notFound('Hypervisor manager', request.params.id);
		if (context.operations.isLocked(`manager:${String(manager.id)}`)) {
			return context.error(409, `A refresh of ${String(manager.name)} is already in progress`, 'CONFLICT');
		}
		return context.operations.accept({
			displayName: `Refresh hypervisor manager ${String(manager.name)}`,
			service: SERVICE,
			source: refOf(manager),
			lock: `manager:${String(manager.id)}`,
			complete: () => {
				manager.lastRefreshed = timestamp();
				context.touch(manager);
				return refOf(manager);
			},
		});
	});

	sim.route('POST', `${VIRT}/virtual-machines`, (request) => deployVm(context, request));

	sim.route('DELETE', `${VIRT}/virtual-machines/{id}`, (request) => {
		const vm = context.collection('virtualMachines').get(request.params.id);
		if (!vm) return context.notFound('Virtual machine', request.params.id);
		const busy = vmBusy(context, vm);
		if (busy) return busy;
		return context.operations.accept({
			displayName: `Delete virtual machine ${String(vm.name)}`,
			service: SERVICE,
			source: refOf(vm),
			lock: `vm:${String(vm.id)}`,
			complete: () => {
				if (vm.powerState === 'POWERED_ON') throw new OperationFailure(`Cannot delete virtual machine ${String(vm.name)} while it is powered on`, 'INVALID_POWER_STATE');
				context.collection('virtualMachines').delete(String(vm.id));
			},
		});
	});

	powerRoute(context, 'power-on', 'Power on', (vm) => {
		requirePower(vm, 'POWERED_OFF', 'power on');
		vm.powerState = 'POWERED_ON';
	});
	powerRoute(context, 'power-off', 'Power off', (vm) => {
		requirePower(vm, 'POWERED_ON', 'power off');
		vm.powerState = 'POWERED_OFF';
	});
	powerRoute(context, 'reset', 'Reset', (vm) => requirePower(vm, 'POWERED_ON', 'reset'));
	// Refresh re-reads the VM from vCenter: the simulator's vCenter is the record itself, so only the time changes.
	powerRoute(context, 'refresh', 'Refresh', (vm) => {
		vm.lastRefreshedAt = timestamp();
	});
	powerRoute(context, 'restart-guest-os', 'Restart guest OS of', (vm) => requirePower(vm, 'POWERED_ON', 'restart the guest OS of'));
	powerRoute(context, 'shutdown-guest-os', 'Shut down guest OS of', (vm) => {
		requirePower(vm, 'POWERED_ON', 'shut down the guest OS of');
		vm.powerState = 'POWERED_OFF';
	});

	sim.route('POST', `${VIRT}/virtual-machines/{id}/update-hardware`, (request) => {
		const vm = context.collection('virtualMachines').get(request.params.id);
		if (!vm) return context.notFound('Virtual machine', request.params.id);
		const busy = vmBusy(context, vm);
		if (busy) return busy;
		const body = (request.body ?? {}) as Item;
		if (!body.cpuMemConfig && !body.networkAdapters && !body.virtualDisks) {
			return context.error(400, 'The request changes nothing: give cpuMemConfig, networkAdapters or virtualDisks', 'BAD_REQUEST');
		}
		return context.operations.accept({
			displayName: `Update hardware of virtual machine ${String(vm.name)}`,
			service: SERVICE,
			source: refOf(vm),
			lock: `vm:${String(vm.id)}`,
			complete: () => {
				applyHardware(vm, body);
				context.touch(vm);
				return refOf(vm);
			},
		});
	});

	sim.route('POST', `${VIRT}/virtual-machines/migrate`, (request) => migrate(context, request));

	sim.route('POST', `${VIRT}/datastores`, (request) => {
		const body = request.body as Item;
		const cluster = context.collection('hypervisorClusters').get(String(body.targetHypervisorClusterId));
		if (!cluster) return context.notFound('Hypervisor cluster', String(body.targetHypervisorClusterId));
		const storage = [...context.collection('systems').values()].find((system) => (system.storageSystem as Item).id === body.storageSystemId);
		if (!storage) return context.notFound('Storage system', String(body.storageSystemId));
		if (body.provisioningPolicyId !== undefined && !context.collection('vmProvisioningPolicies').has(String(body.provisioningPolicyId))) {
			return context.notFound('VM provisioning policy', String(body.provisioningPolicyId));
		}
		return context.operations.accept({
			displayName: `Create datastore ${String(body.name)}`,
			service: SERVICE,
			source: refOf(cluster),
			complete: () => {
				if ([...context.collection('datastores').values()].some((ds) => ds.name === body.name)) {
					throw new OperationFailure(`A datastore named ${String(body.name)} already exists`, 'ALREADY_EXISTS');
				}
				const datastore = context.resource('virtualization/datastore', `${VIRT}/datastores`, context.random.uuid(), String(body.name));
				Object.assign(datastore, {
					datastoreType: body.datastoreType,
					capacityInBytes: body.sizeInBytes,
					capacityFree: body.sizeInBytes,
					capacityUncommitted: 0,
					clusterInfo: ref(cluster),
					hypervisorManagerInfo: cluster.hypervisorManagerInfo,
					hciClusterUuid: cluster.hciClusterUuid,
					state: 'OK',
					status: 'OK',
					vmCount: 0,
					provisioningPolicyInfo: body.provisioningPolicyId ? { id: body.provisioningPolicyId } : undefined,
				});
				context.add('datastores', datastore);
				return refOf(datastore);
			},
		});
	});
}

function deployVm(context: GreenLakeContext, request: SimRequest): SimResponse {
	const body = request.body as Item;
	const vmConfig = body.vmConfig as Item;
	const clusterId = String((body.destination as Item | undefined)?.clusterId ?? '');
	const cluster = context.collection('hypervisorClusters').get(clusterId);
	if (!cluster) return context.error(400, `Hypervisor cluster ${clusterId || '(none)'} not found: destination.clusterId must name a cluster`, 'BAD_REQUEST');
	const datastoreId = String((body.storageConfig as Item).defaultDatastoreId);
	const datastore = context.collection('datastores').get(datastoreId);
	if (!datastore) return context.notFound('Datastore', datastoreId);
	if (vmConfig.acceptEula !== true) return context.error(400, 'The image license agreement must be accepted (vmConfig.acceptEula)', 'BAD_REQUEST');
	const count = Number(vmConfig.numberOfVms ?? 1);
	const name = String(vmConfig.name);
	const imageName = String((body.imageSource as Item | undefined)?.imageName ?? '');
	return context.operations.accept({
		displayName: `Deploy virtual machine ${name}`,
		service: SERVICE,
		source: refOf(cluster),
		lock: `deploy:${name}`,
		complete: () => {
			const managerId = (cluster.hypervisorManagerInfo as Item).id;
			const image = [...context.collection('libraryImages').values()].find(
				(candidate) => candidate.name === imageName && (candidate.hypervisorManagerInfo as Item).id === managerId,
			);
			if (!image) throw new OperationFailure(`Image ${imageName} was not found in the content library of ${String((cluster.hypervisorManagerInfo as Item).name)}`, 'IMAGE_NOT_FOUND');
			if ((datastore.clusterInfo as Item).id !== cluster.id) {
				throw new OperationFailure(`Datastore ${String(datastore.name)} is not mounted on cluster ${String(cluster.name)}`, 'INVALID_DATASTORE');
			}
			const names = count === 1 ? [name] : Array.from({ length: count }, (_, index) => `${name}-${index + 1}`);
			const existing = new Set([...context.collection('virtualMachines').values()].map((vm) => vm.name));
			const taken = names.find((candidate) => existing.has(candidate));
			if (taken) throw new OperationFailure(`A virtual machine named ${taken} already exists`, 'ALREADY_EXISTS');
			return names.map((vmName) => {
				const vm = newVm(context, vmName, cluster, datastore, vmConfig.powerOn === true ? 'POWERED_ON' : 'POWERED_OFF');
				if (typeof vmConfig.annotation === 'string') vm.annotation = vmConfig.annotation;
				const mapping = ((body.networkConfig as Item | undefined)?.networkMapping as Item[] | undefined)?.[0];
				if (mapping?.network) (vm.networkAdapters as Item[])[0].networkName = mapping.network;
				return refOf(vm);
			});
		},
	});
}

function applyHardware(vm: Item, body: Item): void {
	const config = (body.cpuMemConfig ?? {}) as Item;
	const compute = vm.computeInfo as Item;
	const cpu = config.cpu as Item | undefined;
	const memory = config.memory as Item | undefined;
	if (vm.powerState === 'POWERED_ON' && memory?.memoryInMb !== undefined && (memory.memoryInMb as number) < (compute.memorySizeInMib as number)) {
		throw new OperationFailure('Memory cannot be reduced while the virtual machine is powered on', 'HOT_REMOVE_NOT_SUPPORTED');
	}
	if (cpu?.numOfCpus !== undefined) compute.numCpuCores = cpu.numOfCpus;
	if (cpu?.numOfCoresPerSocket !== undefined) compute.coresPerSocket = cpu.numOfCoresPerSocket;
	if (memory?.memoryInMb !== undefined) compute.memorySizeInMib = memory.memoryInMb;
	const adapters = vm.networkAdapters as Item[];
	for (const change of (body.networkAdapters as Item[] | undefined) ?? []) {
		const name = String(change.name ?? `Network adapter ${adapters.length + 1}`);
		const network = String((change.networkDetails as Item | undefined)?.name ?? 'VM Network');
		if (change.operation === 'ADD') adapters.push({ name, type: change.type ?? 'VMXNET3', networkName: network, connected: change.connectAtPowerOn !== false });
		else {
			const index = adapters.findIndex((adapter) => adapter.name === change.name);
			if (index < 0) throw new OperationFailure(`Virtual machine ${String(vm.name)} has no network adapter "${name}"`, 'NOT_FOUND');
			if (change.operation === 'DELETE') adapters.splice(index, 1);
			else adapters[index] = { ...adapters[index], networkName: network, ...(change.type ? { type: change.type } : {}) };
		}
	}
	const disks = vm.virtualDisks as Item[];
	for (const change of (body.virtualDisks as Item[] | undefined) ?? []) {
		const config = (change.diskConfig ?? {}) as Item;
		if (change.operation === 'ADD') {
			disks.push({ id: String(2000 + disks.length), name: `Hard disk ${disks.length + 1}`, capacityInMb: config.capacityInMb ?? 1024, type: config.type ?? 'SCSI' });
			continue;
		}
		const index = disks.findIndex((disk) => disk.id === config.id);
		if (index < 0) throw new OperationFailure(`Virtual machine ${String(vm.name)} has no disk ${String(config.id)}`, 'NOT_FOUND');
		if (change.operation === 'DELETE') disks.splice(index, 1);
		else {
			if ((config.capacityInMb as number) < (disks[index].capacityInMb as number)) throw new OperationFailure('A disk cannot be made smaller', 'INVALID_SIZE');
			disks[index] = { ...disks[index], capacityInMb: config.capacityInMb ?? disks[index].capacityInMb };
		}
	}
}

/** `vms` is a repeated query parameter: read every value from the raw query of the request. */
function migrate(context: GreenLakeContext, request: SimRequest): SimResponse {
	const body = request.body as Item;
	const vmIds = request.rawQuery === undefined ? [] : new URLSearchParams(request.rawQuery).getAll('vms');
	if (request.query['parameter-type'] !== 'vms' || vmIds.length === 0) {
		return context.error(400, 'Give parameter-type=vms and at least one vms query parameter', 'BAD_REQUEST');
	}
	const vms = vmIds.map((id) => context.collection('virtualMachines').get(id));
	const missing = vmIds.find((_, index) => !vms[index]);
	if (missing) return context.notFound('Virtual machine', missing);
	const cluster = context.collection('hypervisorClusters').get(String(body.targetHypervisorClusterId));
	if (!cluster) return context.notFound('Hypervisor cluster', String(body.targetHypervisorClusterId));
	const datastore = context.collection('datastores').get(String(body.targetDatastoreId));
	if (!datastore) return context.notFound('Datastore', String(body.targetDatastoreId));
	if (!context.collection('hypervisorManagers').has(String(body.hypervisorManagerId))) {
		return context.notFound('Hypervisor manager', String(body.hypervisorManagerId));
	}
	return context.operations.accept({
		displayName: `Migrate ${vmIds.length} virtual machine${vmIds.length === 1 ? '' : 's'} to ${String(cluster.name)}`,
		service: SERVICE,
		complete: () => {
			if ((datastore.clusterInfo as Item).id !== cluster.id) {
				throw new OperationFailure(`Datastore ${String(datastore.name)} is not mounted on cluster ${String(cluster.name)}`, 'INVALID_DATASTORE');
			}
			return (vms as Item[]).map((vm) => {
				vm.clusterInfo = ref(cluster);
				vm.hostInfo = (cluster.hypervisorHosts as Item[])[0];
				(vm.virtualDisks as Item[]).forEach((disk) => (disk.datastoreInfo = ref(datastore)));
				context.touch(vm);
				return refOf(vm);
			});
		},
	});
}
