import type { SimRequest, SimResponse } from '../framework/server';
import { parseFilter, selectFields } from '../framework/odata';
import type { GreenLakeContext, Item } from './context';
import { isMergePatch, timestamp } from './context';
import type { ResourceRef } from './operations';
import { OperationFailure } from './operations';

export const PCBE = '/private-cloud-business/v1beta1';
const SERVICE = 'private-cloud-business-edition';
const SYSTEM_PAGING = { defaultLimit: 10, maxLimit: 100 };
const POLICY_PAGING = { defaultLimit: 20, maxLimit: 1000 };

/** Catalog versions, oldest first; systems run the third, so the later ones are updates. */
export const CATALOG_VERSIONS = ['2.90', '2.94', '2.96', '2.98', '3.00', '3.02', '3.04', '3.10', '3.12', '3.20', '3.22', '3.30'];
export const INSTALLED_VERSION = CATALOG_VERSIONS[2];

function refOf(record: Item): ResourceRef {
	return { name: String(record.name), type: String(record.type), resourceUri: String(record.resourceUri) };
}

export function seedPcbe(context: GreenLakeContext): void {
	const clusters = [...context.collection('hypervisorClusters').values()];
	for (let index = 0; index < context.options.systems; index++) {
		const name = index < 2 ? `dhci-site-${'ab'[index]}` : `dhci-edge-${String(index + 1).padStart(3, '0')}`;
		const system = context.resource('private-cloud-business/system', `${PCBE}/systems`, context.random.uuid(), name);
		const own = clusters.filter((cluster) => (index === 0 ? ['cluster-a1', 'cluster-a2'] : index === 1 ? ['cluster-b1'] : []).includes(String(cluster.name)));
		Object.assign(system, {
			stackType: 'VMWARE_ALLETRA_DHCI',
			state: 'OK',
			health: { overallHealth: 'OK', servers: 'OK', storage: 'OK', network: 'OK' },
			location: { city: 'Houston', stateCode: 'TX', countryCode: 'US', zipCode: '77070' },
			storageSystem: { id: context.random.uuid(), name: `${name}-array`, groupName: `${name}-group`, resourceUri: '' },
			hypervisorClusters: own.map((cluster) => ({ id: cluster.id, name: cluster.name, hypervisorManagerId: (cluster.hypervisorManagerInfo as Item).id })),
			softwareInfo: {
				hypervisorClusters: own.map((cluster) => ({ id: cluster.id, name: cluster.name, currentSoftwareCatalog: { version: INSTALLED_VERSION } })),
				lastUpdatedOn: '2026-09-15T10:00:00Z',
				currentUpdateStatus: null,
			},
			associatedResourceCounts: { hypervisorClusterCount: own.length, serversCount: 0, datastoreCount: 0, vmCount: 0, storageArrayCount: 1, switchesCount: 2 },
		});
		context.add('systems', system);
		const servers = index < 2 ? 4 - index : 0;
		for (let s = 1; s <= servers; s++) {
			const server = context.resource('private-cloud-business/server', `${String(system.resourceUri)}/servers`, context.random.uuid(), `${name}-srv${s}`);
			Object.assign(server, {
				systemId: system.id,
				model: 'HPE ProLiant DL380 Gen11',
				serialNumber: `CZ2${context.random.hex(7).toUpperCase()}`,
				powerState: 'ON',
				processorCount: 2,
				memoryGib: 512,
				iloFirmwareVersion: '1.55',
				health: { overallServerHealth: 'OK', fanHealth: 'OK', memoryHealth: 'OK', storageHealth: 'OK' },
			});
			context.add('servers', server);
		}
		(system.associatedResourceCounts as Item).serversCount = servers;
	}
	CATALOG_VERSIONS.forEach((version, index) => {
		const catalog = context.resource('private-cloud-business/system-software-catalog', `${PCBE}/system-software-catalogs`, context.random.uuid(), version);
		Object.assign(catalog, {
			version,
			releaseDate: `2026-${String(1 + index % 12).padStart(2, '0')}-05`,
			eula: `https://update.nimblestorage.com/catalog/download/eula-rel-${version}.html`,
			hypervisor: { name: 'ESXi 8.0U2', version: '8.0.2-22380479', releaseDate: '2026-01-10' },
			storageSoftware: { name: 'NimbleOS', version: `6.1.${index}.0` },
			serverFirmware: { name: 'SPP', version: `2026.${index}` },
			systemsWithUpdatePath: [],
		});
		context.add('catalogs', catalog);
	});
	for (const [name, dedupe] of [['gold-dedupe', true], ['silver', false]] as const) {
		const policy = context.resource('private-cloud-business/vm-provisioning-policy', `${PCBE}/vm-provisioning-policies`, context.random.uuid(), name);
		Object.assign(policy, { storageType: 'Alletra dHCI', description: `${name} storage`, volumeInfo: { deduplication: dedupe, dataReduction: true } });
		context.add('vmProvisioningPolicies', policy);
	}
}

/** Where a catalog version is an update for a system: a newer version than the one installed. */
function systemsWithUpdatePath(context: GreenLakeContext, version: string): Item[] {
	return [...context.collection('systems').values()]
		.filter((system) => CATALOG_VERSIONS.indexOf(version) > CATALOG_VERSIONS.indexOf(installedVersion(system)))
		.map((system) => ({ id: system.id, name: system.name, hypervisorClusters: (system.hypervisorClusters as Item[]).map((c) => ({ hypervisorClusterId: c.id, hypervisorClusterName: c.name })) }));
}

function installedVersion(system: Item): string {
	const clusters = (system.softwareInfo as Item).hypervisorClusters as Item[];
	return String((clusters[0]?.currentSoftwareCatalog as Item | undefined)?.version ?? INSTALLED_VERSION);
}

function catalogView(context: GreenLakeContext, catalog: Item): Item {
	return { ...catalog, systemsWithUpdatePath: systemsWithUpdatePath(context, String(catalog.version)) };
}

function softwareBusy(context: GreenLakeContext, system: Item): SimResponse | undefined {
	const running = context.operations.isLocked(`software:${String(system.id)}`);
	if (!running) return undefined;
	return context.error(409, `A software precheck or update operation is already in progress on system ${String(system.name)} ("${String(running.displayName)}")`, 'CONFLICT');
}

function softwareRequest(context: GreenLakeContext, request: SimRequest, kind: 'precheck' | 'update'): SimResponse {
	const system = context.collection('systems').get(request.params.id);
	if (!system) return context.notFound('System', request.params.id);
	const busy = softwareBusy(context, system);
	if (busy) return busy;
	const body = request.body as Item;
	const version = String(body.catalogVersion);
	if (!CATALOG_VERSIONS.includes(version)) return context.error(400, `Software catalog version ${version} does not exist`, 'INVALID_CATALOG_VERSION');
	const clusterIds = (body.hypervisorClusterIds as string[] | undefined) ?? [];
	const own = (system.hypervisorClusters as Item[]).map((cluster) => String(cluster.id));
	const foreign = clusterIds.find((id) => !own.includes(id));
	if (foreign) return context.error(400, `Hypervisor cluster ${foreign} is not part of system ${String(system.name)}`, 'INVALID_PARAMETER');
	const info = system.softwareInfo as Item;
	return context.operations.accept({
		displayName: `${kind === 'precheck' ? 'Software precheck' : 'Software update'} to ${version} on ${String(system.name)}`,
		service: SERVICE,
		source: refOf(system),
		lock: `software:${String(system.id)}`,
		durationMs: context.options.operationDurationMs * (kind === 'update' ? 2 : 1),
		complete: () => {
			if (CATALOG_VERSIONS.indexOf(version) <= CATALOG_VERSIONS.indexOf(installedVersion(system))) {
				throw new OperationFailure(`System ${String(system.name)} already runs ${installedVersion(system)}: there is no update path to ${version}`, 'NO_UPDATE_PATH');
			}
			if (kind === 'precheck') {
				info.precheckValidUntil = timestamp(new Date(Date.now() + 86_400_000));
				for (const cluster of info.hypervisorClusters as Item[]) {
					cluster.lastPrecheckRunVersion = version;
					cluster.lastPrecheckRunOn = timestamp();
				}
			} else {
				for (const cluster of info.hypervisorClusters as Item[]) cluster.currentSoftwareCatalog = { version };
				info.lastUpdatedOn = timestamp();
				info.currentUpdateStatus = { catalogVersion: version, state: 'SUCCEEDED', percentage: 100 };
			}
			context.touch(system);
			return refOf(system);
		},
	});
}

export function registerPcbe(context: GreenLakeContext): void {
	const { sim } = context;
	const systems = context.collection('systems');

	sim.route('GET', `${PCBE}/systems`, (request) => context.list(request, systems.values(), SYSTEM_PAGING));
	sim.route('GET', `${PCBE}/systems/{id}`, (request) => context.one(request, systems.get(request.params.id), 'System', request.params.id));
	sim.route('PATCH', `${PCBE}/systems/{id}`, (request) => {
		if (!isMergePatch(request)) return context.error(415, 'Send the change as application/merge-patch+json', 'UNSUPPORTED_MEDIA_TYPE');
		const system = systems.get(request.params.id);
		if (!system) return context.notFound('System', request.params.id);
		context.mergePatch(system, request.body as Item);
		context.touch(system);
		return context.ok(system);
	});
	sim.route('POST', `${PCBE}/systems/{id}/add-hypervisor-cluster`, (request) => {
		const system = systems.get(request.params.id);
		if (!system) return context.notFound('System', request.params.id);
		const body = request.body as Item;
		const name = String(body.hypervisorClusterName ?? '');
		if (name === '' || !body.vsphereDatacenterName) return context.error(400, 'hypervisorClusterName and vsphereDatacenterName are required', 'BAD_REQUEST');
		if ((system.hypervisorClusters as Item[]).some((cluster) => cluster.name === name)) {
			return context.error(409, `System ${String(system.name)} already has a hypervisor cluster named ${name}`, 'CONFLICT');
		}
		return context.operations.accept({
			displayName: `Add hypervisor cluster ${name} to ${String(system.name)}`,
			service: SERVICE,
			source: refOf(system),
			complete: () => {
				const managerId = (system.hypervisorClusters as Item[])[0]?.hypervisorManagerId ?? [...context.collection('hypervisorManagers').keys()][0];
				const manager = context.collection('hypervisorManagers').get(String(managerId))!;
				const cluster = context.resource('virtualization/hypervisor-cluster', '/virtualization/v1beta1/hypervisor-clusters', context.random.uuid(), name);
				Object.assign(cluster, {
					clusterType: 'ESX_CLUSTER',
					hciClusterUuid: context.random.uuid(),
					hypervisorManagerInfo: { id: manager.id, name: manager.name, resourceUri: manager.resourceUri, type: manager.type },
					state: 'OK',
					status: 'OK',
					hypervisorHosts: [],
					services: ['hci-manager'],
				});
				context.add('hypervisorClusters', cluster);
				(system.hypervisorClusters as Item[]).push({ id: cluster.id, name, hypervisorManagerId: manager.id });
				((system.softwareInfo as Item).hypervisorClusters as Item[]).push({ id: cluster.id, name, currentSoftwareCatalog: { version: installedVersion(system) } });
				context.touch(system);
				return { name, type: String(cluster.type), resourceUri: String(cluster.resourceUri) };
			},
		});
	});
	sim.route('GET', `${PCBE}/systems/{id}/servers`, (request) => {
		if (!systems.has(request.params.id)) return context.notFound('System', request.params.id);
		const servers = [...context.collection('servers').values()].filter((server) => server.systemId === request.params.id);
		return context.list(request, servers, SYSTEM_PAGING);
	});
	sim.route('GET', `${PCBE}/systems/{systemId}/servers/{serverId}`, (request) => {
		if (!systems.has(request.params.systemId)) return context.notFound('System', request.params.systemId);
		const server = context.collection('servers').get(request.params.serverId);
		const own = server && server.systemId === request.params.systemId ? server : undefined;
		return context.one(request, own, 'Server', request.params.serverId);
	});
	sim.route('POST', `${PCBE}/systems/{id}/software-prechecks`, (request) => softwareRequest(context, request, 'precheck'));
	sim.route('POST', `${PCBE}/systems/{id}/software-update`, (request) => softwareRequest(context, request, 'update'));
	sim.route('POST', `${PCBE}/systems/{id}/software-update-resume`, (request) => {
		const system = systems.get(request.params.id);
		if (!system) return context.notFound('System', request.params.id);
		const busy = softwareBusy(context, system);
		if (busy) return busy;
		const status = (system.softwareInfo as Item).currentUpdateStatus as Item | null;
		if (!status || status.state !== 'FAILED') return context.error(409, `System ${String(system.name)} has no stopped software update to resume`, 'CONFLICT');
		return context.operations.accept({
			displayName: `Resume software update to ${String(status.catalogVersion)} on ${String(system.name)}`,
			service: SERVICE,
			source: refOf(system),
			lock: `software:${String(system.id)}`,
			complete: () => {
				const info = system.softwareInfo as Item;
				for (const cluster of info.hypervisorClusters as Item[]) cluster.currentSoftwareCatalog = { version: status.catalogVersion };
				info.currentUpdateStatus = { ...status, state: 'SUCCEEDED', percentage: 100 };
				context.touch(system);
				return refOf(system);
			},
		});
	});
	sim.route('POST', `${PCBE}/systems/{id}/software-version-refresh`, (request) => {
		const system = systems.get(request.params.id);
		if (!system) return context.notFound('System', request.params.id);
		const busy = softwareBusy(context, system);
		if (busy) return busy;
		return context.operations.accept({
			displayName: `Refresh software version of ${String(system.name)}`,
			service: SERVICE,
			source: refOf(system),
			complete: () => {
				context.touch(system);
				return refOf(system);
			},
		});
	});

	sim.route('GET', `${PCBE}/system-software-catalogs`, (request) => {
		const catalogs = [...context.collection('catalogs').values()].map((catalog) => catalogView(context, catalog));
		return context.list(request, catalogs, { defaultLimit: 10, maxLimit: 100, offset: false });
	});
	sim.route('GET', `${PCBE}/system-software-catalogs/{id}`, (request) => {
		const catalog = context.collection('catalogs').get(request.params.id);
		return context.one(request, catalog && catalogView(context, catalog), 'Software catalog', request.params.id);
	});

	const policies = context.collection('vmProvisioningPolicies');
	sim.route('GET', `${PCBE}/vm-provisioning-policies`, (request) => context.list(request, policies.values(), POLICY_PAGING));
	sim.route('GET', `${PCBE}/vm-provisioning-policies/{id}`, (request) =>
		context.one(request, policies.get(request.params.id), 'VM provisioning policy', request.params.id),
	);
	sim.route('POST', `${PCBE}/vm-provisioning-policies`, (request) => {
		const body = request.body as Item;
		if ([...policies.values()].some((policy) => policy.name === body.name)) {
			return context.error(409, `A VM provisioning policy named ${String(body.name)} already exists`, 'CONFLICT');
		}
		const policy = context.resource('private-cloud-business/vm-provisioning-policy', `${PCBE}/vm-provisioning-policies`, context.random.uuid(), String(body.name));
		Object.assign(policy, { volumeInfo: {}, ...body, createdAt: timestamp(), updatedAt: timestamp() });
		context.add('vmProvisioningPolicies', policy);
		return context.ok(policy);
	});
	sim.route('PATCH', `${PCBE}/vm-provisioning-policies/{id}`, (request) => {
		if (!isMergePatch(request)) return context.error(415, 'Send the change as application/merge-patch+json', 'UNSUPPORTED_MEDIA_TYPE');
		const policy = policies.get(request.params.id);
		if (!policy) return context.notFound('VM provisioning policy', request.params.id);
		const patch = request.body as Item;
		return context.operations.accept({
			displayName: `Update VM provisioning policy ${String(policy.name)}`,
			service: SERVICE,
			source: refOf(policy),
			complete: () => {
				context.mergePatch(policy, patch);
				context.touch(policy);
				return refOf(policy);
			},
		});
	});
	sim.route('DELETE', `${PCBE}/vm-provisioning-policies/{id}`, (request) => {
		const policy = policies.get(request.params.id);
		if (!policy) return context.notFound('VM provisioning policy', request.params.id);
		return context.operations.accept({
			displayName: `Delete VM provisioning policy ${String(policy.name)}`,
			service: SERVICE,
			source: refOf(policy),
			complete: () => {
				const inUse = [...context.collection('datastores').values()].find((ds) => (ds.provisioningPolicyInfo as Item | undefined)?.id === policy.id);
				if (inUse) throw new OperationFailure(`VM provisioning policy ${String(policy.name)} is used by datastore ${String(inUse.name)}`, 'IN_USE');
				policies.delete(String(policy.id));
			},
		});
	});

	const reports = context.collection('reports');
	sim.route('GET', `${PCBE}/configuration-analysis-reports`, (request) => {
		const matching = [...reports.values()].filter(parseFilter(request.query.filter));
		return context.ok({ items: matching.map((report) => selectFields(report, undefined)), count: matching.length, offset: 0, total: matching.length });
	});
	sim.route('GET', `${PCBE}/configuration-analysis-reports/{reportId}`, (request) =>
		context.one(request, reports.get(request.params.reportId), 'Configuration analysis report', request.params.reportId),
	);
	sim.route('POST', `${PCBE}/configuration-analysis-reports`, (request) => {
		const systemId = String((request.body as Item | undefined)?.systemId ?? '');
		const system = systems.get(systemId);
		if (!system) return context.error(400, `System ${systemId || '(none)'} not found: systemId must name a system`, 'BAD_REQUEST');
		return context.operations.accept({
			displayName: `Configuration analysis of ${String(system.name)}`,
			service: SERVICE,
			source: refOf(system),
			complete: () => {
				const report = context.resource('private-cloud-business/configuration-analysis-report', `${PCBE}/configuration-analysis-reports`, context.random.uuid(), `Analysis of ${String(system.name)}`);
				const results = [
					{ ruleName: 'NTP configured', status: 'PASSED' },
					{ ruleName: 'Redundant management network', status: 'PASSED' },
					{ ruleName: 'Jumbo frames on iSCSI', status: 'WARNING' },
				];
				Object.assign(report, { systemId: system.id, systemName: system.name, runType: 'ON_DEMAND', createdBy: 'automation@example.com', runStartedAt: timestamp(), totalPassed: 2, totalWarning: 1, totalFailed: 0, results });
				context.add('reports', report);
				system.configAnalysisStatus = { totalPassed: 2, totalWarning: 1, totalFailed: 0, createdAt: timestamp() };
				return refOf(report);
			},
		});
	});
}
