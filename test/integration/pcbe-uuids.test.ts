import { readFileSync } from 'fs';
import { join } from 'path';

import type { IDataObject } from 'n8n-workflow';

import type { GreenLakeSimulator } from '../simulators/greenlake';
import { startGreenLakeSimulator } from '../simulators/greenlake';
import { apiRequests, byName, locator, records, runNode } from './pcbe-helpers';

type Spec = { paths: { [path: string]: { [method: string]: IDataObject } }; components: { schemas?: IDataObject; parameters?: IDataObject } };

const SPECS = ['pcbe-openapi.json', 'greenlake-virtualization-openapi.json', 'greenlake-data-services-openapi.json'].map(
	(file) => JSON.parse(readFileSync(join(__dirname, '..', 'specs', file), 'utf8')) as Spec,
);

/** Every place the GreenLake specs declare `format: uuid`: "METHOD /path path:name" or "METHOD /path body:name". */
function uuidSpots(): Set<string> {
	const spots = new Set<string>();
	for (const spec of SPECS) {
		const resolve = (node: IDataObject): IDataObject => {
			const ref = node.$ref as string | undefined;
			if (!ref) return node;
			const [, , kind, name] = ref.split('/');
			return resolve(((spec.components as IDataObject)[kind] as IDataObject)[name] as IDataObject);
		};
		for (const [path, operations] of Object.entries(spec.paths)) {
			const shared = (operations.parameters as unknown as IDataObject[] | undefined) ?? [];
			for (const [method, operation] of Object.entries(operations)) {
				if (method === 'parameters') continue;
				const where = `${method.toUpperCase()} ${path}`;
				for (const parameter of [...shared, ...((operation.parameters as IDataObject[] | undefined) ?? [])].map(resolve)) {
					if (parameter.in === 'path' && (parameter.schema as IDataObject | undefined)?.format === 'uuid') spots.add(`${where} path:${String(parameter.name)}`);
				}
				const content = ((operation.requestBody as IDataObject | undefined)?.content ?? {}) as IDataObject;
				for (const media of Object.values(content) as IDataObject[]) {
					const schema = resolve((media.schema ?? {}) as IDataObject);
					for (const [name, property] of Object.entries((schema.properties ?? {}) as IDataObject)) {
						if (resolve(property as IDataObject).format === 'uuid') spots.add(`${where} body:${name}`);
					}
				}
			}
		}
	}
	return spots;
}

/** The endpoints the PCBE node offers (the others in the specs, such as CSP machines or secrets, it does not call). */
const OFFERED = /^\w+ \/(private-cloud-business\/v1beta1\/|virtualization\/v1beta1\/(datastores|virtual-machines|hypervisor-)|data-services\/v1beta1\/async-operations)/;

let sim: GreenLakeSimulator;

beforeAll(async () => {
	sim = await startGreenLakeSimulator({ operationDurationMs: 300, virtualMachines: 5 });
});
afterAll(async () => await sim.close());
afterEach(() => expect(sim.violations()).toEqual([]));

const BAD = 'not-a-uuid';

interface Case {
	spot: string;
	resource: string;
	parameters: () => IDataObject;
	label: string;
}

const system = () => locator(String(byName(sim, 'systems', 'dhci-site-a').id));
const anyUuid = '0b7e3a56-0000-4000-a000-000000000000';
const softwareCase = (spot: string, operation: string): Case => ({
	spot,
	resource: 'system',
	parameters: () => ({ operation, systemId: locator(BAD), catalogVersion: '3.30' }),
	label: 'System',
});

const CASES: Case[] = [
	{ spot: 'GET /private-cloud-business/v1beta1/systems/{id} path:id', resource: 'system', parameters: () => ({ operation: 'get', systemId: locator(BAD) }), label: 'System' },
	{ spot: 'PATCH /private-cloud-business/v1beta1/systems/{id} path:id', resource: 'system', parameters: () => ({ operation: 'updateLocation', systemId: locator(BAD), location: { city: 'Austin' } }), label: 'System' },
	{
		spot: 'POST /private-cloud-business/v1beta1/systems/{id}/add-hypervisor-cluster path:id',
		resource: 'system',
		parameters: () => ({ operation: 'addHypervisorCluster', systemId: locator(BAD), hypervisorClusterName: 'c', vsphereDatacenterName: 'dc' }),
		label: 'System',
	},
	{ spot: 'GET /private-cloud-business/v1beta1/systems/{id}/servers path:id', resource: 'system', parameters: () => ({ operation: 'getServers', systemId: BAD, returnAll: true }), label: 'System' },
	softwareCase('POST /private-cloud-business/v1beta1/systems/{id}/software-prechecks path:id', 'runPrecheck'),
	softwareCase('POST /private-cloud-business/v1beta1/systems/{id}/software-update path:id', 'startUpdate'),
	{ spot: 'POST /private-cloud-business/v1beta1/systems/{id}/software-update-resume path:id', resource: 'system', parameters: () => ({ operation: 'resumeUpdate', systemId: locator(BAD) }), label: 'System' },
	{ spot: 'POST /private-cloud-business/v1beta1/systems/{id}/software-version-refresh path:id', resource: 'system', parameters: () => ({ operation: 'refreshSoftwareVersion', systemId: locator(BAD) }), label: 'System' },
	{ spot: 'GET /private-cloud-business/v1beta1/systems/{systemId}/servers/{serverId} path:systemId', resource: 'system', parameters: () => ({ operation: 'getServer', systemId: locator(BAD), serverId: anyUuid }), label: 'System' },
	{ spot: 'GET /private-cloud-business/v1beta1/systems/{systemId}/servers/{serverId} path:serverId', resource: 'system', parameters: () => ({ operation: 'getServer', systemId: system(), serverId: BAD }), label: 'Server' },
	{ spot: 'GET /private-cloud-business/v1beta1/configuration-analysis-reports/{reportId} path:reportId', resource: 'configurationAnalysisReport', parameters: () => ({ operation: 'get', reportId: BAD }), label: 'Report' },
	{ spot: 'POST /private-cloud-business/v1beta1/configuration-analysis-reports body:systemId', resource: 'configurationAnalysisReport', parameters: () => ({ operation: 'create', systemId: BAD }), label: 'System' },
	{ spot: 'GET /private-cloud-business/v1beta1/vm-provisioning-policies/{id} path:id', resource: 'vmProvisioningPolicy', parameters: () => ({ operation: 'get', policyId: BAD }), label: 'VM Provisioning Policy' },
	{ spot: 'PATCH /private-cloud-business/v1beta1/vm-provisioning-policies/{id} path:id', resource: 'vmProvisioningPolicy', parameters: () => ({ operation: 'update', policyId: locator(BAD), description: 'x' }), label: 'VM Provisioning Policy' },
	{ spot: 'DELETE /private-cloud-business/v1beta1/vm-provisioning-policies/{id} path:id', resource: 'vmProvisioningPolicy', parameters: () => ({ operation: 'delete', policyId: locator(BAD) }), label: 'VM Provisioning Policy' },
	...(['targetHypervisorClusterId', 'storageSystemId', 'provisioningPolicyId'] as const).map(
		(field): Case => ({
			spot: `POST /virtualization/v1beta1/datastores body:${field}`,
			resource: 'datastore',
			parameters: () => {
				const valid: IDataObject = {
					targetHypervisorClusterId: locator(String(byName(sim, 'hypervisorClusters', 'cluster-a1').id)),
					storageSystemId: String((byName(sim, 'systems', 'dhci-site-a').storageSystem as IDataObject).id),
					provisioningPolicyId: String(records(sim, 'vmProvisioningPolicies')[0].id),
				};
				valid[field] = field === 'targetHypervisorClusterId' ? locator(BAD) : BAD;
				const { targetHypervisorClusterId, ...rest } = valid;
				return { operation: 'create', name: 'ds-x', datastoreType: 'VMFS', sizeGiB: 10, clusterId: targetHypervisorClusterId, ...rest };
			},
			label: { targetHypervisorClusterId: 'Target Hypervisor Cluster', storageSystemId: 'Storage System', provisioningPolicyId: 'Provisioning Policy' }[field],
		}),
	),
	{ spot: 'GET /data-services/v1beta1/async-operations/{id} path:id', resource: 'asyncOperation', parameters: () => ({ operation: 'get', operationId: BAD }), label: 'Async Operation' },
];

describe('IDs the GreenLake specs declare as UUIDs', () => {
	it('every such ID of an endpoint the node offers is covered below (read from the specs)', () => {
		const offered = [...uuidSpots()].filter((spot) => OFFERED.test(spot)).sort();
		expect(offered).toEqual([...new Set(CASES.map((entry) => entry.spot))].sort());
	});

	it.each(CASES.map((entry) => [entry.spot, entry] as const))('%s: anything but a UUID is refused before sending, naming the field', async (_, entry) => {
		const before = apiRequests(sim).length;
		await expect(runNode(sim, entry.resource, entry.parameters())).rejects.toThrow(`"${entry.label}" must be a UUID, not "${BAD}"`);
		expect(apiRequests(sim).slice(before)).toEqual([]);
	});
});
