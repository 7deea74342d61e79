import type { SimRequest, SimResponse } from '../../framework/server';
import type { DsccContext, Record } from '../context';
import { CUSTOMER_ID, timestamp } from '../context';
import { exportsOfHostGroup, moveExports, recordExport, removeExportsOfHostGroup } from '../exports';
import type { ResourceRef } from '../tasks';
import { TaskFailure } from '../tasks';
import { SYSTEMS } from './core';

/**
 * Host groups, hosts and initiators as DSCC keeps them fleet-wide (`/api/v1/host-initiator-groups`,
 * `/api/v1/host-initiators`, `/api/v1/initiators`). Which volumes are exported to which host group is
 * kept in `../exports`, shared with the volume endpoints; the seed exports some seeded volumes.
 *
 * What links them is kept on the host records (`host.initiators`, `host.hostGroups`); the summaries
 * embedded in groups and initiators are rebuilt from those after every change, as DSCC derives them.
 * Creates answer 200 with the object (as the spec documents); updates, deletes and merges are tasks.
 */

const PRIMERA = SYSTEMS[0].id;
const NIMBLE = SYSTEMS[1].id;
const ALLETRA_MP = SYSTEMS[2].id;

export const OPERATING_SYSTEMS = [
	'AIX', 'Apple', 'Citrix Hypervisor(XenServer)', 'HP-UX', 'IBM VIO Server', 'InForm', 'NetApp/ONTAP', 'OE Linux UEK', 'OpenVMS',
	'Oracle VM x86', 'RHE Linux', 'RHE Virtualization', 'Solaris', 'SuSE Linux', 'SuSE Virtualization', 'Ubuntu', 'VMware (ESXi)', 'Windows Server',
];
const PROTOCOLS = ['FC', 'iSCSI', 'NVMe'];

/** What DSCC checks of an initiator address; deliberately written apart from the node's own checks. */
function addressProblem(protocol: string, address: string): string | undefined {
	const valid =
		protocol === 'FC'
			? /^[0-9a-f]{16}$/i.test(address.replace(/:/g, '')) && !/::|^:|:$/.test(address)
			: protocol === 'iSCSI'
				? /^(iqn\.\d{4}-\d{2}\.[a-z0-9.-]+(:\S+)?|eui\.[0-9a-f]{16}|naa\.[0-9a-f]{16,32})$/i.test(address)
				: protocol === 'NVMe'
					? /^nqn\.\d{4}-\d{2}\.[a-z0-9.-]+(:\S+)?$/i.test(address)
					: false;
	if (!PROTOCOLS.includes(protocol)) return `Unsupported initiator protocol "${protocol}". Supported: FC, iSCSI, NVMe`;
	return valid ? undefined : `Invalid ${protocol} initiator address "${address}"`;
}

/** Addresses compare without separators or case: 10:00:00:10:9B:… is 100000109b…. */
function addressKey(address: string): string {
	return address.replace(/:/g, '').toLowerCase();
}

const ids = (summaries: unknown): string[] => ((summaries as Record[] | undefined) ?? []).map((summary) => String(summary.id));
const union = (lists: string[][]): string[] => [...new Set(lists.flat())].sort();
const sameName = (a: unknown, b: string) => String(a).toLowerCase() === b.toLowerCase();

function volumeName(context: DsccContext, volumeId: string): string {
	return String(context.collection('volumes').get(volumeId)?.name ?? volumeId);
}

class HostStore {
	readonly groups: Map<string, Record>;
	readonly hosts: Map<string, Record>;
	readonly initiators: Map<string, Record>;

	constructor(readonly context: DsccContext) {
		this.groups = context.collection('hostGroups');
		this.hosts = context.collection('hosts');
		this.initiators = context.collection('initiators');
	}

	newInitiator(input: Record, systems: string[] = []): Record {
		const id = this.context.random.hex(32);
		const protocol = String(input.protocol);
		return this.context.add('initiators', {
			id,
			type: 'initiator',
			customerId: CUSTOMER_ID,
			generation: 1,
			address: String(input.address),
			name: String(input.name ?? `${protocol} ${String(input.address)}`),
			protocol,
			hbaModel: input.hbaModel ?? (protocol === 'FC' ? 'SN1610Q' : null),
			vendor: input.vendor ?? (protocol === 'FC' ? 'HPE' : null),
			driverVersion: input.driverVersion ?? null,
			firmwareVersion: input.firmwareVersion ?? null,
			hostSpeed: input.hostSpeed ?? (protocol === 'FC' ? 16000 : 25000),
			ipAddress: input.ipAddress ?? null,
			hosts: [],
			systems,
			associatedLinks: [],
		});
	}

	newHost(input: Record, initiatorIds: string[], groupIds: string[], userCreated = true): Record {
		const id = this.context.random.hex(32);
		const systems = input.systems as string[] | undefined;
		return this.context.add('hosts', {
			id,
			type: 'host-initiator',
			customerId: CUSTOMER_ID,
			generation: 1,
			name: String(input.name),
			operatingSystem: String(input.operatingSystem),
			protocol: input.protocol ?? this.protocolOf(initiatorIds) ?? null,
			persona: input.persona ?? null,
			fqdn: input.fqdn ?? null,
			ipAddress: input.ipAddress ?? null,
			subnet: input.subnet ?? null,
			model: input.model ?? null,
			location: input.location ?? null,
			contact: input.contact ?? null,
			comment: input.comment ?? null,
			consoleUri: `/data-ops-manager/host-initiators/${id}`,
			editStatus: 'Update_Success',
			markedForDelete: false,
			isMergable: false,
			userCreated,
			systems: systems ?? union(initiatorIds.map((initiatorId) => (this.initiators.get(initiatorId)?.systems as string[]) ?? [])),
			associatedSystems: [],
			initiators: initiatorIds.map((initiatorId) => ({ id: initiatorId })),
			hostGroups: groupIds.map((groupId) => ({ id: groupId })),
			associatedLinks: [],
		});
	}

	newGroup(name: string, comment: unknown, userCreated = true): Record {
		const id = this.context.random.hex(32);
		return this.context.add('hostGroups', {
			id,
			type: 'host-initiator-group',
			customerId: CUSTOMER_ID,
			generation: 1,
			name,
			comment: comment ?? null,
			consoleUri: `/data-ops-manager/host-initiator-groups/${id}`,
			editStatus: 'Update_Success',
			markedForDelete: false,
			isMergable: false,
			userCreated,
			hosts: [],
			systems: [],
			associatedSystems: [],
			associatedLinks: [],
		});
	}

	protocolOf(initiatorIds: string[]): string | undefined {
		return initiatorIds.map((id) => this.initiators.get(id)?.protocol as string | undefined).find(Boolean);
	}

	hostsOfGroup(groupId: string): Record[] {
		return [...this.hosts.values()].filter((host) => ids(host.hostGroups).includes(groupId));
	}

	hostsOfInitiator(initiatorId: string): Record[] {
		return [...this.hosts.values()].filter((host) => ids(host.initiators).includes(initiatorId));
	}

	groupProtocol(groupId: string): string | undefined {
		return this.hostsOfGroup(groupId).map((host) => host.protocol as string | null).find(Boolean) ?? undefined;
	}

	initiatorByAddress(address: string): Record | undefined {
		const key = addressKey(address);
		return [...this.initiators.values()].find((initiator) => addressKey(String(initiator.address)) === key);
	}

	/** Rebuilds every embedded summary from the links kept on hosts, as DSCC derives them. */
	relink(): void {
		for (const host of this.hosts.values()) {
			host.initiators = ids(host.initiators)
				.map((id) => this.initiators.get(id))
				.filter((initiator): initiator is Record => initiator !== undefined)
				.map((initiator) => ({
					id: initiator.id,
					name: initiator.name,
					address: initiator.address,
					protocol: initiator.protocol,
					ipAddress: initiator.ipAddress,
					systems: initiator.systems,
				}));
			host.hostGroups = ids(host.hostGroups)
				.map((id) => this.groups.get(id))
				.filter((group): group is Record => group !== undefined)
				.map((group) => ({ id: group.id, name: group.name, markedForDelete: group.markedForDelete, userCreated: group.userCreated, systems: [] }));
		}
		for (const group of this.groups.values()) {
			const members = this.hostsOfGroup(String(group.id));
			group.hosts = members.map((host) => ({
				id: host.id,
				name: host.name,
				ipAddress: host.ipAddress,
				markedForDelete: host.markedForDelete,
				userCreated: host.userCreated,
				systems: host.systems,
				initiators: host.initiators,
			}));
			group.systems = union(members.map((host) => host.systems as string[]));
			group.associatedSystems = group.systems;
		}
		for (const host of this.hosts.values()) {
			for (const summary of host.hostGroups as Record[]) summary.systems = this.groups.get(String(summary.id))?.systems ?? [];
		}
		for (const initiator of this.initiators.values()) {
			initiator.hosts = this.hostsOfInitiator(String(initiator.id)).map((host) => ({
				id: host.id,
				name: host.name,
				ipAddress: host.ipAddress,
				markedForDelete: host.markedForDelete,
				userCreated: host.userCreated,
				systems: host.systems,
				hostGroups: host.hostGroups,
			}));
		}
		for (const collection of [this.hosts, this.groups]) {
			for (const record of collection.values()) {
				record.isMergable = [...collection.values()].some((other) => other !== record && sameName(other.name, String(record.name)));
			}
		}
	}

	touch(record: Record): void {
		record.generation = Number(record.generation ?? 0) + 1;
	}
}

function groupRef(group: Record): ResourceRef {
	return { id: String(group.id), name: String(group.name), type: 'host-initiator-group', resourceUri: `/api/v1/host-initiator-groups/${String(group.id)}` };
}

function hostRef(host: Record): ResourceRef {
	return { id: String(host.id), name: String(host.name), type: 'host-initiator', resourceUri: `/api/v1/host-initiators/${String(host.id)}` };
}

/** A DSCC-style check: returns what is wrong, or nothing. Used both when a request arrives and when its task runs. */
type Problem = string | undefined;

function firstProblem(...checks: Array<() => Problem>): Problem {
	for (const check of checks) {
		const problem = check();
		if (problem) return problem;
	}
	return undefined;
}

/** Checks `initiatorsToCreate` of one new host: valid, all of one protocol, not yet known to DSCC, not listed twice. */
function initiatorsProblem(store: HostStore, inputs: Record[], seen: Set<string>, hostProtocol?: string): Problem {
	for (const input of inputs) {
		const address = String(input.address ?? '');
		const protocol = String(input.protocol ?? '');
		const invalid = addressProblem(protocol, address);
		if (invalid) return invalid;
		if (hostProtocol && protocol !== hostProtocol) {
			return `All initiators of a host must use the same protocol: ${address} is ${protocol}, the host uses ${hostProtocol}`;
		}
		hostProtocol = protocol;
		const existing = store.initiatorByAddress(address);
		if (existing) return `An initiator with address ${address} already exists (id ${String(existing.id)})`;
		if (seen.has(addressKey(address))) return `The initiator address ${address} is given more than once`;
		seen.add(addressKey(address));
	}
	return undefined;
}

/** Checks a `CreateHostInput`; returns the protocol the host will use. */
function newHostProblem(store: HostStore, input: Record, names: Set<string>, seenAddresses: Set<string>): { problem?: string; protocol?: string } {
	const name = String(input.name ?? '').trim();
	if (name === '') return { problem: 'Host name must not be empty' };
	if ([...store.hosts.values()].some((host) => sameName(host.name, name)) || names.has(name.toLowerCase())) {
		return { problem: `A host named "${name}" already exists` };
	}
	names.add(name.toLowerCase());
	if (!OPERATING_SYSTEMS.includes(String(input.operatingSystem))) return { problem: `Unsupported operating system "${String(input.operatingSystem)}"` };
	if (input.protocol != null && !PROTOCOLS.includes(String(input.protocol))) {
		return { problem: `Unsupported protocol "${String(input.protocol)}". Supported: FC, iSCSI, NVMe` };
	}
	const existingIds = (input.initiatorIds as string[] | undefined) ?? [];
	for (const id of existingIds) {
		const initiator = store.initiators.get(id);
		if (!initiator) return { problem: `Initiator ${id} does not exist` };
		const owner = store.hostsOfInitiator(id)[0];
		if (owner) return { problem: `Initiator ${String(initiator.address)} is already used by host "${String(owner.name)}"` };
	}
	const protocols = new Set([input.protocol, ...existingIds.map((id) => store.initiators.get(id)?.protocol)].filter(Boolean) as string[]);
	if (protocols.size > 1) return { problem: `All initiators of a host must use the same protocol (found ${[...protocols].join(' and ')})` };
	const protocol = [...protocols][0];
	const problem = initiatorsProblem(store, (input.initiatorsToCreate as Record[] | undefined) ?? [], seenAddresses, protocol);
	const created = (input.initiatorsToCreate as Record[] | undefined)?.[0]?.protocol as string | undefined;
	return { problem, protocol: protocol ?? created };
}

function sameProtocolProblem(protocols: Array<string | undefined>, what: string): Problem {
	const distinct = [...new Set(protocols.filter(Boolean))];
	return distinct.length > 1 ? `All hosts of ${what} must use initiators of the same protocol (found ${distinct.join(' and ')})` : undefined;
}

function createHost(store: HostStore, input: Record, groupIds: string[]): Record {
	const created = ((input.initiatorsToCreate as Record[] | undefined) ?? []).map((initiator) => String(store.newInitiator(initiator).id));
	const protocol = input.protocol ?? ((input.initiatorsToCreate as Record[] | undefined)?.[0]?.protocol as string | undefined);
	return store.newHost({ ...input, protocol }, [...((input.initiatorIds as string[] | undefined) ?? []), ...created], groupIds);
}

/** Merges records (hosts or host groups) into one new user-created record and deletes them. */
function mergeRecords(store: HostStore, kind: 'host' | 'group', recordIds: string[], name: string, operatingSystem?: string): Record {
	if (kind === 'host') {
		const merging = recordIds.map((id) => store.hosts.get(id)!);
		const merged = store.newHost(
			{
				name,
				operatingSystem: operatingSystem ?? merging[0].operatingSystem,
				protocol: merging.find((host) => host.protocol)?.protocol,
				systems: union(merging.map((host) => host.systems as string[])),
			},
			union(merging.map((host) => ids(host.initiators))),
			union(merging.map((host) => ids(host.hostGroups))),
		);
		for (const id of recordIds) store.hosts.delete(id);
		return merged;
	}
	const merged = store.newGroup(name, null);
	for (const host of store.hosts.values()) {
		const groups = ids(host.hostGroups);
		if (groups.some((id) => recordIds.includes(id))) {
			host.hostGroups = [...groups.filter((id) => !recordIds.includes(id)), merged.id].map((id) => ({ id }));
		}
	}
	moveExports(store.context, recordIds, String(merged.id));
	for (const id of recordIds) store.groups.delete(id);
	return merged;
}

/** Groups of same-named records, as `GET …/bulkmerge` reports them. */
function duplicateCandidates(store: HostStore, kind: 'host' | 'group'): Record[] {
	const records = [...(kind === 'host' ? store.hosts : store.groups).values()];
	const byName = new Map<string, Record[]>();
	for (const record of records) {
		const key = String(record.name).toLowerCase();
		byName.set(key, [...(byName.get(key) ?? []), record]);
	}
	return [...byName.values()]
		.filter((same) => same.length > 1)
		.map((same) => ({
			id: same[0].id,
			name: same[0].name,
			duplicateIds: same.map((record) => record.id),
			members: union(same.map((record) => (kind === 'host' ? ids(record.initiators) : ids(record.hosts)))),
			systems: union(same.map((record) => (record.systems as string[]) ?? [])),
		}));
}

export function seedHosts(context: DsccContext): void {
	const store = new HostStore(context);
	const wwpn = (vendorPrefix: string) => `${vendorPrefix}:${context.random.hex(6).match(/../g)!.join(':')}`;
	const emulex = () => wwpn('10:00:00:10:9b');
	const qlogic = () => wwpn('21:00:00:24:ff');
	const fc = (hostName: string, systems: string[], port: number, address: string) =>
		String(store.newInitiator({ address, protocol: 'FC', name: `${hostName} port ${port}` }, systems).id);
	const iscsi = (hostName: string, systems: string[], iqn: string) =>
		String(store.newInitiator({ address: iqn, protocol: 'iSCSI', name: `${hostName} iSCSI`, ipAddress: `10.40.0.${context.random.int(20, 200)}` }, systems).id);

	const cluster = (
		groupName: string,
		hostNames: string[],
		operatingSystem: string,
		systems: string[],
		initiatorsOf: (hostName: string) => string[],
		userCreated = true,
		comment: string | null = null,
	): Record => {
		const group = store.newGroup(groupName, comment, userCreated);
		for (const hostName of hostNames) {
			store.newHost(
				{ name: hostName, operatingSystem, systems, fqdn: `${hostName}.dc1.example.com`, ipAddress: `10.30.0.${context.random.int(10, 250)}` },
				initiatorsOf(hostName),
				[String(group.id)],
				userCreated,
			);
		}
		return group;
	};

	const esxA = cluster('esx-cluster-a', ['esx-a-01', 'esx-a-02', 'esx-a-03', 'esx-a-04'], 'VMware (ESXi)', [PRIMERA, ALLETRA_MP], (name) => [
		fc(name, [PRIMERA, ALLETRA_MP], 1, emulex()),
		fc(name, [PRIMERA, ALLETRA_MP], 2, emulex()),
	], true, 'Production vSphere cluster A');
	const esxB = cluster('esx-cluster-b', ['esx-b-01', 'esx-b-02', 'esx-b-03', 'esx-b-04'], 'VMware (ESXi)', [NIMBLE], (name) => [
		iscsi(name, [NIMBLE], `iqn.1998-01.com.vmware:${name}-${context.random.hex(8)}`),
	], true, 'Production vSphere cluster B');
	const sql = cluster('sql-cluster', ['sql-node-01', 'sql-node-02'], 'Windows Server', [PRIMERA], (name) => [
		fc(name, [PRIMERA], 1, qlogic()),
		fc(name, [PRIMERA], 2, qlogic()),
	]);
	const oracle = cluster('oracle-rac', ['ora-db-01', 'ora-db-02'], 'RHE Linux', [NIMBLE], (name) => [
		iscsi(name, [NIMBLE], `iqn.1994-05.com.redhat:${name}`),
	]);

	// The same VDI servers, discovered separately by two arrays: duplicate hosts and host groups to merge.
	const vdiInitiators = new Map(['vdi-01', 'vdi-02'].map((name) => [name, [fc(name, [PRIMERA, ALLETRA_MP], 1, emulex()), fc(name, [PRIMERA, ALLETRA_MP], 2, emulex())]]));
	for (const system of [PRIMERA, ALLETRA_MP]) {
		const group = store.newGroup('vdi-cluster', null, false);
		for (const name of ['vdi-01', 'vdi-02']) {
			store.newHost({ name, operatingSystem: 'VMware (ESXi)', systems: [system], protocol: 'FC' }, vdiInitiators.get(name)!, [String(group.id)], false);
		}
	}

	store.newHost({ name: 'backup-srv-01', operatingSystem: 'Windows Server', systems: [PRIMERA], fqdn: 'backup-srv-01.dc1.example.com' }, [
		fc('backup-srv-01', [PRIMERA], 1, qlogic()),
	], []);
	const nqn = `nqn.2014-08.org.nvmexpress:uuid:${context.random.uuid()}`;
	store.newHost({ name: 'k8s-worker-01', operatingSystem: 'Ubuntu', systems: [ALLETRA_MP] }, [
		String(store.newInitiator({ address: nqn, protocol: 'NVMe', name: 'k8s-worker-01 nvme' }, [ALLETRA_MP]).id),
	], []);

	// Zoned but not yet given to any host.
	store.newInitiator({ address: emulex(), protocol: 'FC', name: 'new HBA port 1' }, [PRIMERA]);
	store.newInitiator({ address: emulex(), protocol: 'FC', name: 'new HBA port 2' }, [PRIMERA]);
	store.newInitiator({ address: `iqn.1991-05.com.microsoft:file-srv-02.corp.example.com`, protocol: 'iSCSI', name: 'file-srv-02 iSCSI' }, [NIMBLE]);
	store.relink();

	const volumesOn = (systemId: string) => [...context.collection('volumes').values()].filter((volume) => volume.systemId === systemId);
	const exportFirst = (group: Record, systemId: string, from: number, count: number) =>
		volumesOn(systemId)
			.slice(from, from + count)
			.forEach((volume) => recordExport(context, String(volume.id), String(group.id)));
	exportFirst(esxA, PRIMERA, 0, 4);
	exportFirst(esxA, ALLETRA_MP, 0, 2);
	exportFirst(sql, PRIMERA, 4, 2);
	exportFirst(esxB, NIMBLE, 0, 3);
	exportFirst(oracle, NIMBLE, 3, 2);
}

export function registerHosts(context: DsccContext): void {
	const { sim } = context;
	const store = new HostStore(context);
	const bad = (message: string) => context.error(400, message, 'BAD_REQUEST');
	const body = (request: SimRequest) => (request.body ?? {}) as Record;
	const audit = (message: string, code: string, ref: ResourceRef, taskId?: string) =>
		context.audit(message, code, { id: ref.id, name: ref.name, type: ref.type, resourceUri: ref.resourceUri }, taskId);
	const stamp = (record: Record) => {
		store.touch(record);
		record.updatedAt = timestamp();
	};
	/** Runs a check when the request arrives (400) and again when its task runs (task fails), then applies the change. */
	const asTask = (displayName: string, source: ResourceRef, check: () => Problem, apply: () => ResourceRef | void): SimResponse => {
		const problem = check();
		if (problem) return bad(problem);
		return context.tasks.accept({
			displayName,
			source,
			complete: () => {
				const late = check();
				if (late) throw new TaskFailure(late, 'BAD_REQUEST');
				const result = apply();
				store.relink();
				return result;
			},
		});
	};

	// ---- host groups
	const GROUPS = '/api/v1/host-initiator-groups';
	sim.route('GET', GROUPS, (request) => context.list(request, store.groups.values()));
	sim.route('GET', `${GROUPS}/bulkmerge`, (request) => {
		const items = duplicateCandidates(store, 'group');
		return context.ok({ items, total: items.length, requestUri: request.path });
	});
	sim.route('POST', `${GROUPS}/bulkmerge`, (request) => bulkMerge(request, 'group'));
	sim.route('POST', `${GROUPS}/merge`, (request) => merge(request, 'group'));

	sim.route('POST', GROUPS, (request) => {
		const input = body(request);
		const name = String(input.name ?? '').trim();
		const hostIds = (input.hostIds as string[] | undefined) ?? [];
		const hostsToCreate = (input.hostsToCreate as Record[] | undefined) ?? [];
		const names = new Set<string>();
		const addresses = new Set<string>();
		const newProtocols: Array<string | undefined> = [];
		const problem = firstProblem(
			() => (name === '' ? 'Host group name must not be empty' : undefined),
			() => ([...store.groups.values()].some((group) => sameName(group.name, name)) ? `A host group named "${name}" already exists` : undefined),
			() => hostIds.map((id) => (store.hosts.has(id) ? undefined : `Host ${id} does not exist`)).find(Boolean),
			() => {
				for (const host of hostsToCreate) {
					const checked = newHostProblem(store, host, names, addresses);
					if (checked.problem) return checked.problem;
					newProtocols.push(checked.protocol);
				}
				return undefined;
			},
			() => sameProtocolProblem([...hostIds.map((id) => store.hosts.get(id)?.protocol as string | undefined), ...newProtocols], `host group "${name}"`),
		);
		if (problem) return bad(problem);
		const group = store.newGroup(name, input.comment);
		for (const id of hostIds) {
			const host = store.hosts.get(id)!;
			host.hostGroups = [...(host.hostGroups as Record[]), { id: group.id }];
		}
		for (const host of hostsToCreate) createHost(store, host, [String(group.id)]);
		store.relink();
		audit(`Host group ${name} created`, 'host-initiator-group.create', groupRef(group));
		return context.ok(group);
	});

	sim.route('GET', `${GROUPS}/{hostGroupId}`, (request) => {
		const group = store.groups.get(request.params.hostGroupId);
		return group ? context.ok({ ...group, requestUri: request.path }) : context.notFound('Host group', request.params.hostGroupId);
	});

	sim.route('PUT', `${GROUPS}/{hostGroupId}`, (request) => {
		const group = store.groups.get(request.params.hostGroupId);
		if (!group) return context.notFound('Host group', request.params.hostGroupId);
		const input = body(request);
		const name = input.name === undefined ? undefined : String(input.name).trim();
		const toAdd = (input.updatedHosts as string[] | undefined) ?? [];
		const toRemove = (input.removedHosts as string[] | undefined) ?? [];
		const hostsToCreate = (input.hostsToCreate as Record[] | undefined) ?? [];
		const check = () => {
			const newProtocols: Array<string | undefined> = [];
			return firstProblem(
				() => (!store.groups.has(String(group.id)) ? `Host group ${String(group.id)} no longer exists` : undefined),
				() => (name === '' ? 'Host group name must not be empty' : undefined),
				() =>
					name !== undefined && [...store.groups.values()].some((other) => other !== group && sameName(other.name, name))
						? `A host group named "${name}" already exists`
						: undefined,
				() => toAdd.map((id) => (store.hosts.has(id) ? undefined : `Host ${id} does not exist`)).find(Boolean),
				() => toRemove.map((id) => (ids(store.hosts.get(id)?.hostGroups).includes(String(group.id)) ? undefined : `Host ${id} is not in host group "${String(group.name)}"`)).find(Boolean),
				() => {
					const names = new Set<string>();
					const addresses = new Set<string>();
					for (const host of hostsToCreate) {
						const checked = newHostProblem(store, host, names, addresses);
						if (checked.problem) return checked.problem;
						newProtocols.push(checked.protocol);
					}
					return undefined;
				},
				() => {
					const staying = store.hostsOfGroup(String(group.id)).filter((host) => !toRemove.includes(String(host.id)));
					const protocols = [...staying, ...toAdd.map((id) => store.hosts.get(id)!)].map((host) => host.protocol as string | undefined);
					return sameProtocolProblem([...protocols, ...newProtocols], `host group "${String(group.name)}"`);
				},
			);
		};
		return asTask(`Update host group ${String(group.name)}`, groupRef(group), check, () => {
			if (name !== undefined) group.name = name;
			for (const id of toAdd) {
				const host = store.hosts.get(id)!;
				if (!ids(host.hostGroups).includes(String(group.id))) host.hostGroups = [...(host.hostGroups as Record[]), { id: group.id }];
			}
			for (const id of toRemove) {
				const host = store.hosts.get(id)!;
				host.hostGroups = (host.hostGroups as Record[]).filter((summary) => summary.id !== group.id);
			}
			for (const host of hostsToCreate) createHost(store, host, [String(group.id)]);
			stamp(group);
			audit(`Host group ${String(group.name)} updated`, 'host-initiator-group.update', groupRef(group));
			return groupRef(group);
		});
	});

	sim.route('DELETE', `${GROUPS}/{hostGroupId}`, (request) => {
		const group = store.groups.get(request.params.hostGroupId);
		if (!group) return context.notFound('Host group', request.params.hostGroupId);
		const force = request.query.force === 'true';
		const check = () => {
			const exports = exportsOfHostGroup(context, String(group.id));
			if (exports.length === 0 || force) return undefined;
			const names = exports.map((entry) => volumeName(context, entry.volumeId)).slice(0, 5).join(', ');
			return `Host group "${String(group.name)}" cannot be deleted: ${exports.length} volume(s) are exported to it (${names}). Unexport them first, or delete with force.`;
		};
		return asTask(`Delete host group ${String(group.name)}`, groupRef(group), check, () => {
			removeExportsOfHostGroup(context, String(group.id));
			for (const host of store.hostsOfGroup(String(group.id))) {
				host.hostGroups = (host.hostGroups as Record[]).filter((summary) => summary.id !== group.id);
			}
			store.groups.delete(String(group.id));
			audit(`Host group ${String(group.name)} deleted`, 'host-initiator-group.delete', groupRef(group));
		});
	});

	// ---- hosts
	const HOSTS = '/api/v1/host-initiators';
	sim.route('GET', HOSTS, (request) => context.list(request, store.hosts.values()));
	sim.route('GET', `${HOSTS}/bulkmerge`, (request) => {
		const items = duplicateCandidates(store, 'host');
		return context.ok({ items, total: items.length, requestUri: request.path });
	});
	sim.route('POST', `${HOSTS}/bulkmerge`, (request) => bulkMerge(request, 'host'));
	sim.route('POST', `${HOSTS}/merge`, (request) => merge(request, 'host'));

	sim.route('POST', HOSTS, (request) => {
		const input = body(request);
		const groupIds = (input.hostGroupIds as string[] | undefined) ?? [];
		let protocol: string | undefined;
		const problem = firstProblem(
			() => {
				const checked = newHostProblem(store, input, new Set(), new Set());
				protocol = checked.protocol;
				return checked.problem;
			},
			() => groupIds.map((id) => (store.groups.has(id) ? undefined : `Host group ${id} does not exist`)).find(Boolean),
			() =>
				groupIds
					.map((id) => sameProtocolProblem([store.groupProtocol(id), protocol], `host group "${String(store.groups.get(id)!.name)}"`))
					.find(Boolean),
		);
		if (problem) return bad(problem);
		const host = createHost(store, input, groupIds);
		store.relink();
		audit(`Host ${String(host.name)} created`, 'host-initiator.create', hostRef(host));
		return context.ok(host);
	});

	sim.route('GET', `${HOSTS}/{hostId}/volumes`, (request) => {
		const host = store.hosts.get(request.params.hostId);
		if (!host) return context.notFound('Host', request.params.hostId);
		const volumes = context.collection('volumes');
		const items = ids(host.hostGroups).flatMap((groupId) =>
			exportsOfHostGroup(context, groupId).map((entry) => {
				const volume = volumes.get(entry.volumeId);
				return {
					volumeName: volume?.name ?? entry.volumeId,
					systemId: volume?.systemId ?? null,
					resourceUri: volume?.resourceUri ?? null,
					lunId: entry.lun,
					pathCount: (host.initiators as Record[]).length * 2,
					iops: entry.iops,
					latencyMs: entry.latencyMs,
					throughputKbps: entry.throughputKbps,
				};
			}),
		);
		return context.ok({ items, total: items.length, pageLimit: items.length, pageOffset: 0, requestUri: request.path });
	});

	sim.route('GET', `${HOSTS}/{hostId}`, (request) => {
		const host = store.hosts.get(request.params.hostId);
		return host ? context.ok(host) : context.notFound('Host', request.params.hostId);
	});

	sim.route('PUT', `${HOSTS}/{hostId}`, (request) => {
		const host = store.hosts.get(request.params.hostId);
		if (!host) return context.notFound('Host', request.params.hostId);
		const input = body(request);
		const name = input.name === undefined ? undefined : String(input.name).trim();
		const replacement = input.updatedInitiators as string[] | undefined;
		const toCreate = (input.initiatorsToCreate as Record[] | undefined) ?? [];
		const check = () =>
			firstProblem(
				() => (!store.hosts.has(String(host.id)) ? `Host ${String(host.id)} no longer exists` : undefined),
				() => (name === '' ? 'Host name must not be empty' : undefined),
				() =>
					name !== undefined && [...store.hosts.values()].some((other) => other !== host && sameName(other.name, name))
						? `A host named "${name}" already exists`
						: undefined,
				() =>
					(replacement ?? [])
						.map((id) => {
							const initiator = store.initiators.get(id);
							if (!initiator) return `Initiator ${id} does not exist`;
							const owner = store.hostsOfInitiator(id).find((other) => other !== host);
							return owner ? `Initiator ${String(initiator.address)} is already used by host "${String(owner.name)}"` : undefined;
						})
						.find(Boolean),
				() => {
					const kept = replacement ?? ids(host.initiators);
					const protocols = [...kept.map((id) => store.initiators.get(id)?.protocol as string | undefined), ...toCreate.map((entry) => String(entry.protocol))];
					const distinct = [...new Set(protocols.filter(Boolean))];
					if (distinct.length > 1) return `All initiators of a host must use the same protocol (found ${distinct.join(' and ')})`;
					if (host.protocol && distinct.length === 1 && distinct[0] !== host.protocol && ids(host.hostGroups).length > 0) {
						return `Host "${String(host.name)}" uses ${String(host.protocol)} in its host groups; initiators of protocol ${distinct[0]} cannot be given to it`;
					}
					return initiatorsProblem(store, toCreate, new Set());
				},
			);
		return asTask(`Update host ${String(host.name)}`, hostRef(host), check, () => {
			if (name !== undefined) host.name = name;
			const created = toCreate.map((entry) => String(store.newInitiator(entry).id));
			const kept = replacement ?? ids(host.initiators);
			host.initiators = [...kept, ...created].map((id) => ({ id }));
			host.protocol = store.protocolOf([...kept, ...created]) ?? host.protocol;
			stamp(host);
			audit(`Host ${String(host.name)} updated`, 'host-initiator.update', hostRef(host));
			return hostRef(host);
		});
	});

	sim.route('DELETE', `${HOSTS}/{hostId}`, (request) => {
		const host = store.hosts.get(request.params.hostId);
		if (!host) return context.notFound('Host', request.params.hostId);
		const force = request.query.force === 'true';
		const check = () => {
			if (force) return undefined;
			const exported = ids(host.hostGroups).map((id) => store.groups.get(id)).find((group) => group && exportsOfHostGroup(context, String(group.id)).length > 0);
			return exported
				? `Host "${String(host.name)}" cannot be deleted: it is in host group "${String(exported.name)}", which has volumes exported to it. Remove it from the group first, or delete with force.`
				: undefined;
		};
		return asTask(`Delete host ${String(host.name)}`, hostRef(host), check, () => {
			store.hosts.delete(String(host.id));
			audit(`Host ${String(host.name)} deleted`, 'host-initiator.delete', hostRef(host));
		});
	});

	// ---- merging duplicates
	function bulkMerge(request: SimRequest, kind: 'host' | 'group'): SimResponse {
		const collection = kind === 'host' ? store.hosts : store.groups;
		const items = (body(request).items as Record[] | undefined) ?? [];
		if (items.length === 0) return bad('No merge candidates given');
		for (const item of items) {
			const duplicateIds = (item.duplicateIds as string[] | undefined) ?? [];
			if (duplicateIds.length < 2) return bad(`Merge candidate "${String(item.name)}" needs at least two duplicates`);
			const missing = duplicateIds.find((id) => !collection.has(id));
			if (missing) return bad(`${kind === 'host' ? 'Host' : 'Host group'} ${missing} does not exist`);
		}
		const results = items.map((item) => {
			const duplicateIds = item.duplicateIds as string[];
			const merged = mergeRecords(store, kind, duplicateIds, String(item.name ?? collection.get(duplicateIds[0])!.name));
			const ref = kind === 'host' ? hostRef(merged) : groupRef(merged);
			audit(`Merged ${duplicateIds.length} duplicates into ${ref.name ?? ref.id}`, `${ref.type}.merge`, ref);
			return { id: merged.id, duplicateIds };
		});
		store.relink();
		return context.ok({ items: results });
	}

	function merge(request: SimRequest, kind: 'host' | 'group'): SimResponse {
		const collection = kind === 'host' ? store.hosts : store.groups;
		const input = body(request);
		const name = String(input.name ?? '').trim();
		const recordIds = [...new Set((input.hostIds as string[] | undefined) ?? [])];
		const label = kind === 'host' ? 'Host' : 'Host group';
		const check = () =>
			firstProblem(
				() => (name === '' ? 'Name of the merged item must not be empty' : undefined),
				() => (recordIds.length < 2 ? 'At least two items are needed to merge' : undefined),
				() => recordIds.map((id) => (collection.has(id) ? undefined : `${label} ${id} does not exist`)).find(Boolean),
				() =>
					[...collection.values()].some((record) => !recordIds.includes(String(record.id)) && sameName(record.name, name))
						? `A ${label.toLowerCase()} named "${name}" already exists`
						: undefined,
				() => {
					const hosts = kind === 'host' ? recordIds.map((id) => store.hosts.get(id)) : recordIds.flatMap((id) => store.hostsOfGroup(id));
					return sameProtocolProblem(hosts.map((host) => host?.protocol as string | undefined), `the merged ${label.toLowerCase()}`);
				},
			);
		const first = collection.get(recordIds[0]);
		const source = first ? (kind === 'host' ? hostRef(first) : groupRef(first)) : { id: '', type: kind, resourceUri: '' };
		return asTask(`Merge ${recordIds.length} ${kind === 'host' ? 'hosts' : 'host groups'} into ${name}`, source, check, () => {
			const merged = mergeRecords(store, kind, recordIds, name, input.operatingSystem as string | undefined);
			const ref = kind === 'host' ? hostRef(merged) : groupRef(merged);
			audit(`Merged ${recordIds.length} items into ${name}`, `${ref.type}.merge`, ref);
			return ref;
		});
	}

	// ---- initiators
	const INITIATORS = '/api/v1/initiators';
	sim.route('GET', INITIATORS, (request) => context.list(request, store.initiators.values()));
	sim.route('POST', INITIATORS, (request) => {
		const input = body(request);
		const problem = initiatorsProblem(store, [input], new Set());
		if (problem) return bad(problem);
		const initiator = store.newInitiator(input);
		audit(`Initiator ${String(initiator.address)} created`, 'initiator.create', {
			id: String(initiator.id),
			name: String(initiator.name),
			type: 'initiator',
			resourceUri: `${INITIATORS}/${String(initiator.id)}`,
		});
		return context.ok(initiator);
	});
	sim.route('GET', `${INITIATORS}/{initiatorId}`, (request) => {
		const initiator = store.initiators.get(request.params.initiatorId);
		return initiator ? context.ok({ ...initiator, requestUri: request.path }) : context.notFound('Initiator', request.params.initiatorId);
	});
	sim.route('DELETE', `${INITIATORS}/{initiatorId}`, (request) => {
		const initiator = store.initiators.get(request.params.initiatorId);
		if (!initiator) return context.notFound('Initiator', request.params.initiatorId);
		const owner = store.hostsOfInitiator(String(initiator.id))[0];
		if (owner) return bad(`Initiator ${String(initiator.address)} is used by host "${String(owner.name)}". Remove it from the host first.`);
		store.initiators.delete(String(initiator.id));
		audit(`Initiator ${String(initiator.address)} deleted`, 'initiator.delete', {
			id: String(initiator.id),
			name: String(initiator.name),
			type: 'initiator',
			resourceUri: `${INITIATORS}/${String(initiator.id)}`,
		});
		return context.ok({ deleteInitiator: true });
	});
}
