import type { SimRequest, SimResponse } from '../../framework/server';
import { selectFields } from '../../framework/odata';
import type { DsccContext, Record } from '../context';
import { CUSTOMER_ID, timestamp } from '../context';
import { exportsOfVolume, findExport, lunsInHostGroup, recordExport, removeExport, removeExportsOfVolume } from '../exports';
import type { ResourceRef } from '../tasks';
import { TaskFailure } from '../tasks';
import { SYSTEMS } from './core';

/**
 * Volumes, snapshots and storage pools: the fleet-wide views (`/api/v1/volumes`,
 * `/api/v1/storage-systems/{systemId}/volumes|storage-pools`) and the per-device-type CRUD, export,
 * clone and snapshot endpoints. Collections: `pools` (device-type pool records, each with
 * `systemId`), `volumes` (fleet volume records), `snapshots` (device-type snapshot records).
 * Device-type views of a volume are built from its fleet record and its private state; which host
 * groups it is exported to is kept in `../exports`, shared with the host endpoints.
 */

type DeviceType = 'device-type1' | 'device-type2' | 'device-type4';
const DEVICE_TYPES: DeviceType[] = ['device-type1', 'device-type2', 'device-type4'];
const NIMBLE: DeviceType = 'device-type2';

const MIB = 1024 * 1024;
const GIB_IN_MIB = 1024;
const TIB_IN_MIB = 1024 * 1024;

const POOLS: { [type in DeviceType]: string[] } = {
	'device-type1': ['SSD_r6', 'SSD_r1'],
	'device-type2': ['default', 'pool-fast'],
	'device-type4': ['SSD_r6', 'SSD_r1'],
};
const NAME_PREFIXES = ['sql-data', 'sql-log', 'vmfs-ds', 'exchange-db', 'oracle-redo', 'backup-tgt', 'k8s-pv', 'vdi-gold', 'sap-hana', 'file-share'];
const SIZES_GIB = [16, 32, 64, 100, 128, 256, 500, 512, 1024, 2048];
/** Seeded pools are sized so that their volumes fill this share of them. */
const SEEDED_FILL = 0.55;
const SMALLEST_POOL_MIB = 40 * TIB_IN_MIB;

interface VolumeState {
	deviceType: DeviceType;
	poolId: string;
	/** What the volume takes from its pool (a Nimble clone shares its parent's blocks). */
	allocatedMiB: number;
	numericId: number;
	dataReduction: boolean;
	comment: string;
	online: boolean;
	readOnly: boolean;
	createdAt: number;
	allocationWarning: number | null;
	snapshotPool: string | null;
	limitIops: number;
	limitMbps: number;
	perfPolicyId: string;
	clonedFrom: { id: string; name: string } | null;
}

interface StorageState {
	volumes: Map<string, VolumeState>;
	/** Snapshot ID → ID of its volume. */
	snapshotVolume: Map<string, string>;
	/** Volume ID → IDs of its snapshots. */
	volumeSnapshots: Map<string, Set<string>>;
	nextNumericId: number;
}

const states = new WeakMap<DsccContext, StorageState>();

function stateOf(context: DsccContext): StorageState {
	let state = states.get(context);
	if (!state) {
		state = { volumes: new Map(), snapshotVolume: new Map(), volumeSnapshots: new Map(), nextNumericId: 1000 };
		states.set(context, state);
	}
	return state;
}

function deviceTypeOfSystem(system: Record): DeviceType | undefined {
	return DEVICE_TYPES.find((type) => String(system.resourceUri).includes(`/${type}/`));
}

function nimbleId(context: DsccContext, objectType: string): string {
	// Nimble object IDs: 42 hex digits, the group's prefix then the object type and a serial.
	return `${context.random.hex(18)}${objectType}${context.random.hex(24 - objectType.length)}`;
}

function newId(context: DsccContext, deviceType: DeviceType, nimbleObjectType: string): string {
	return deviceType === NIMBLE ? nimbleId(context, nimbleObjectType) : context.random.hex(32);
}

function wwn(context: DsccContext, deviceType: DeviceType): string {
	return deviceType === NIMBLE ? `6${context.random.hex(31)}`.toUpperCase() : `60002AC${context.random.hex(25)}`.toUpperCase();
}

function describeMiB(mib: number): string {
	if (mib >= TIB_IN_MIB) return `${Math.round((mib / TIB_IN_MIB) * 100) / 100} TiB`;
	if (mib >= GIB_IN_MIB) return `${Math.round((mib / GIB_IN_MIB) * 100) / 100} GiB`;
	return `${mib} MiB`;
}

function bumpGeneration(record: Record): void {
	record.generation = (record.generation as number) + 1;
}

// ----- Pools -----

function poolUri(systemId: string, deviceType: DeviceType, id: string): string {
	return `/api/v1/storage-systems/${deviceType}/${systemId}/storage-pools/${id}`;
}

function newPool(context: DsccContext, system: { id: string; name: string }, deviceType: DeviceType, name: string, index: number): Record {
	const id = newId(context, deviceType, '0c');
	const now = Math.floor(Date.parse('2026-06-01T08:00:00Z') / 1000);
	const common = { id, name, systemId: system.id, type: 'storage-pool', resourceUri: poolUri(system.id, deviceType, id), customerId: CUSTOMER_ID, generation: 1 };
	if (deviceType === NIMBLE) {
		return {
			...common,
			full_name: name,
			search_name: name,
			description: index === 0 ? 'Default pool' : 'Pool for latency-sensitive workloads',
			is_default: index === 0,
			all_flash: true,
			capacity: 0,
			free_space: 0,
			usage: 0,
			vol_count: 0,
			snap_count: 0,
			snapcoll_count: 0,
			dedupe_capable: true,
			dedupe_all_volumes: false,
			data_reduction_ratio: 2.4,
			savings_ratio: 5.1,
			array_list: [{ id: nimbleId(context, '07'), name: system.name, array_id: nimbleId(context, '07') }],
			creation_time: now,
			last_modified: now,
			consoleUri: `/data-ops-manager/storage-systems/${deviceType}/${system.id}/storage-pools/${id}`,
		};
	}
	return {
		...common,
		displayname: `CPG ${name}`,
		domain: '',
		storagePoolId: index + 1,
		totalSizeMiB: 0,
		freeSizeMiB: 0,
		freeForAllocationMiB: 0,
		baseSizeMiB: 0,
		sharedSizeMiB: 0,
		totalReservedMiB: 0,
		numberOfTPVV: 0,
		numberOfTDVV: 0,
		dedupCapable: true,
		compactRatio: 5.7,
		compressRatio: 1.9,
		dedupRatio: 1.4,
		dataReduceRatio: 2.25,
		overProvRatio: 0.6,
		warnPercent: 85,
		alert: { fail: '--', limit: '--', warn: '--', warnPercent: 85 },
		state: { overall: 'STATE_NORMAL', detailed: ['STATE_NORMAL'] },
		userSpace: { totalMiB: 0, usedMiB: 0, freeMiB: 0 },
	};
}

function poolFreeMiB(pool: Record): number {
	return pool.free_space !== undefined ? Math.floor((pool.free_space as number) / MIB) : (pool.freeSizeMiB as number);
}

/** Takes (or, negative, gives back) capacity and a volume count from a pool. */
function allocate(pool: Record, deltaMiB: number, deltaVolumes: number, dataReduction: boolean): void {
	if (pool.free_space !== undefined) {
		pool.usage = (pool.usage as number) + deltaMiB * MIB;
		pool.free_space = (pool.free_space as number) - deltaMiB * MIB;
		pool.vol_count = (pool.vol_count as number) + deltaVolumes;
	} else {
		pool.baseSizeMiB = (pool.baseSizeMiB as number) + deltaMiB;
		pool.freeSizeMiB = (pool.freeSizeMiB as number) - deltaMiB;
		pool.freeForAllocationMiB = pool.freeSizeMiB;
		const counter = dataReduction ? 'numberOfTDVV' : 'numberOfTPVV';
		pool[counter] = (pool[counter] as number) + deltaVolumes;
		pool.userSpace = { totalMiB: pool.totalSizeMiB, usedMiB: pool.baseSizeMiB, freeMiB: pool.freeSizeMiB };
	}
	bumpGeneration(pool);
}

function fleetPool(pool: Record): Record {
	const used = pool.usage !== undefined ? Math.floor((pool.usage as number) / MIB) : (pool.baseSizeMiB as number);
	return {
		id: pool.id,
		name: pool.name,
		systemId: pool.systemId,
		type: 'storage-pool',
		resourceUri: pool.resourceUri,
		customerId: CUSTOMER_ID,
		generation: pool.generation,
		capacityUsed: used,
	};
}

// ----- Volumes -----

function volumeUri(deviceType: DeviceType, systemId: string, id: string): string {
	return `/api/v1/storage-systems/${deviceType}/${systemId}/volumes/${id}`;
}

function volumeRef(volume: Record): ResourceRef {
	return { id: String(volume.id), name: String(volume.name), type: 'volume', resourceUri: String(volume.resourceUri) };
}

function fleetVolume(context: DsccContext, input: { id: string; name: string; system: { id: string }; deviceType: DeviceType; sizeMiB: number; pool: Record; dataReduction: boolean }): Record {
	const { id, name, system, deviceType, sizeMiB, pool, dataReduction } = input;
	const usedSizeMiB = Math.round(sizeMiB * (0.05 + context.random.next() * 0.6));
	return {
		id,
		name,
		systemId: system.id,
		type: 'volume',
		resourceUri: volumeUri(deviceType, system.id, id),
		consoleUri: `/data-ops-manager/storage-systems/${deviceType}/${system.id}/volumes/${id}`,
		customerId: CUSTOMER_ID,
		generation: 1,
		productFamily: `deviceType${deviceType.slice(-1)}`,
		healthState: 'NORMAL',
		isInternal: false,
		isSystemVolume: false,
		sizeMiB,
		usedSizeMiB,
		usedCapacityPercent: Math.round((usedSizeMiB / sizeMiB) * 10000) / 100,
		hostWrittenCapacityMiB: usedSizeMiB,
		subType: dataReduction ? 'PROVTYPE_DDS' : 'PROVTYPE_TPVV',
		thinSavings: `${(1 + context.random.next() * 4).toFixed(1)}:1`,
		volumeType: 'VVTYPE_BASE',
		volumeSetId: null,
		wwn: wwn(context, deviceType),
		initiators: [],
		associatedLinks: [
			{ type: 'storage-pools', resourceUri: pool.resourceUri },
			{ type: 'systems', resourceUri: `/api/v1/storage-systems/${deviceType}/${system.id}` },
		],
	};
}

/** The device-type record of a volume, as `GET /api/v1/storage-systems/{deviceType}/{systemId}/volumes/{id}` shows it. */
function deviceVolume(context: DsccContext, volume: Record): Record {
	const state = stateOf(context).volumes.get(String(volume.id))!;
	const pool = context.collection('pools').get(state.poolId);
	const common = { id: volume.id, name: volume.name, customerId: CUSTOMER_ID, generation: volume.generation, type: 'volume', resourceUri: volume.resourceUri, consoleUri: volume.consoleUri };
	if (state.deviceType === NIMBLE) {
		const acrs = exportsOfVolume(context, String(volume.id)).map(({ hostGroupId, lun }) => ({
			initiator_group_id: hostGroupId,
			initiator_group_name: hostGroupName(context, hostGroupId),
			lun,
			apply_to: 'both',
		}));
		return {
			...common,
			full_name: `${String(pool?.name)}:/${String(volume.name)}`,
			search_name: volume.name,
			size: volume.sizeMiB,
			pool_id: state.poolId,
			pool_name: pool?.name,
			online: state.online,
			vol_state: state.online ? 'online' : 'offline',
			offline_reason: state.online ? null : 'user',
			read_only: state.readOnly,
			dedupe_enabled: state.dataReduction,
			thinly_provisioned: true,
			description: state.comment,
			limit_iops: state.limitIops,
			limit_mbps: state.limitMbps,
			perfpolicy_id: state.perfPolicyId,
			perfpolicy_name: 'default',
			block_size: 4096,
			encryption_cipher: 'none',
			agent_type: 'none',
			clone: state.clonedFrom !== null,
			parent_vol_id: state.clonedFrom?.id ?? '',
			parent_vol_name: state.clonedFrom?.name ?? '',
			num_snaps: snapshotsOf(context, String(volume.id)).length,
			access_control_records: acrs,
			serial_number: String(volume.wwn).slice(-32).toLowerCase(),
			target_name: `iqn.2007-11.com.nimblestorage:${String(volume.name)}-v${String(volume.id).slice(0, 16)}`,
			creation_time: state.createdAt,
			last_modified: state.createdAt,
			vol_usage_compressed_bytes: (volume.usedSizeMiB as number) * MIB,
		};
	}
	return {
		...common,
		displayname: volume.name,
		systemId: volume.systemId,
		volumeId: state.numericId,
		comment: state.comment,
		sizeMiB: volume.sizeMiB,
		usedSizeMiB: volume.usedSizeMiB,
		totalSpaceMiB: volume.usedSizeMiB,
		hostWrittenMiB: volume.hostWrittenCapacityMiB,
		userCpgName: pool?.name,
		userCpgID: pool?.storagePoolId,
		snapshotCpgName: state.snapshotPool ?? pool?.name,
		dataReduction: state.dataReduction ? 'Enabled' : 'Disabled',
		dedup: state.dataReduction ? 'Yes' : 'No',
		provType: state.dataReduction ? 'DDS' : 'TPVV',
		conversionType: state.dataReduction ? 'CONVERSIONTYPE_DDS' : 'CONVERSIONTYPE_THIN',
		thinProvisioned: true,
		fullyProvisioned: false,
		readOnly: state.readOnly,
		started: true,
		healthState: 1,
		state: { overall: 'STATE_NORMAL', detailed: ['STATE_NORMAL'] },
		userAllocWarning: state.allocationWarning,
		volumeType: 'VVTYPE_BASE',
		physicalCopy: state.clonedFrom !== null,
		copyOfID: null,
		wwn: volume.wwn,
		creationTime: { ms: state.createdAt * 1000, tz: 'UTC' },
		associatedLinks: volume.associatedLinks,
	};
}

function hostGroupName(context: DsccContext, id: string): string {
	return String(context.collection('hostGroups').get(id)?.name ?? id);
}

function snapshotsOf(context: DsccContext, volumeId: string): Record[] {
	const snapshots = context.collection('snapshots');
	return [...(stateOf(context).volumeSnapshots.get(volumeId) ?? [])].map((id) => snapshots.get(id)!);
}

function volumesOnSystem(context: DsccContext, systemId: string): Record[] {
	return [...context.collection('volumes').values()].filter((volume) => volume.systemId === systemId);
}

/** Adds a volume: fleet record, private state, pool capacity. */
function addVolume(
	context: DsccContext,
	input: { name: string; system: { id: string; name: string }; deviceType: DeviceType; sizeMiB: number; pool: Record; dataReduction: boolean; comment?: string; allocatedMiB?: number; createdAt?: number },
	settings: Partial<VolumeState> = {},
): Record {
	const storage = stateOf(context);
	const id = newId(context, input.deviceType, '06');
	const volume = context.add('volumes', fleetVolume(context, { ...input, id }));
	const allocatedMiB = input.allocatedMiB ?? input.sizeMiB;
	storage.volumes.set(id, {
		deviceType: input.deviceType,
		poolId: String(input.pool.id),
		allocatedMiB,
		numericId: storage.nextNumericId++,
		dataReduction: input.dataReduction,
		comment: input.comment ?? '',
		online: true,
		readOnly: false,
		createdAt: input.createdAt ?? Math.floor(Date.now() / 1000),
		allocationWarning: null,
		snapshotPool: null,
		limitIops: -1,
		limitMbps: -1,
		perfPolicyId: input.deviceType === NIMBLE ? nimbleId(context, '03') : '',
		clonedFrom: null,
		...settings,
	});
	allocate(input.pool, allocatedMiB, 1, input.dataReduction);
	return volume;
}

function removeVolume(context: DsccContext, volume: Record): void {
	const storage = stateOf(context);
	const id = String(volume.id);
	const state = storage.volumes.get(id)!;
	for (const snapshot of snapshotsOf(context, id)) removeSnapshot(context, snapshot);
	const pool = context.collection('pools').get(state.poolId);
	if (pool) allocate(pool, -state.allocatedMiB, -1, state.dataReduction);
	removeExportsOfVolume(context, id);
	storage.volumes.delete(id);
	storage.volumeSnapshots.delete(id);
	context.collection('volumes').delete(id);
}

// ----- Snapshots -----

function addSnapshot(context: DsccContext, volume: Record, input: { name: string; comment: string; readOnly: boolean; online: boolean; expireSecs?: number; retainSecs?: number; createdAt?: number }): Record {
	const storage = stateOf(context);
	const state = storage.volumes.get(String(volume.id))!;
	const id = newId(context, state.deviceType, '04');
	const created = input.createdAt ?? Math.floor(Date.now() / 1000);
	const pool = context.collection('pools').get(state.poolId);
	const common = { id, name: input.name, customerId: CUSTOMER_ID, generation: 1, type: 'snapshot', resourceUri: `${String(volume.resourceUri)}/snapshots/${id}` };
	const record: Record =
		state.deviceType === NIMBLE
			? {
					...common,
					vol_id: volume.id,
					vol_name: volume.name,
					pool_name: pool?.name,
					description: input.comment,
					online: input.online,
					writable: !input.readOnly,
					size: (volume.sizeMiB as number) * MIB,
					creation_time: created,
					last_modified: created,
					expiry_after: input.expireSecs ?? 0,
					is_replica: false,
					is_unmanaged: false,
					is_manually_managed: true,
					origin_name: 'group-nimble-af40-prod',
					serial_number: context.random.hex(32),
					consoleUri: `/data-ops-manager/storage-systems/device-type2/${String(volume.systemId)}/volumes/${String(volume.id)}/snapshots/${id}`,
				}
			: {
					...common,
					displayname: input.name,
					systemId: volume.systemId,
					snapshotId: storage.nextNumericId++,
					parentID: state.numericId,
					comment: input.comment,
					readOnly: input.readOnly,
					sizeMiB: volume.sizeMiB,
					usedSizeMiB: 0,
					provType: 'SNP',
					snapshotType: 'VVTYPE_SNAPSHOT',
					userCpgName: pool?.name,
					state: { overall: 'STATE_NORMAL', detailed: ['STATE_NORMAL'] },
					wwn: wwn(context, state.deviceType),
					creationTime: { ms: created * 1000, tz: 'UTC' },
					expirationTime: input.expireSecs ? { ms: (created + input.expireSecs) * 1000, tz: 'UTC' } : null,
					retentionTime: input.retainSecs ? { ms: (created + input.retainSecs) * 1000, tz: 'UTC' } : null,
				};
	context.add('snapshots', record);
	storage.snapshotVolume.set(id, String(volume.id));
	let ofVolume = storage.volumeSnapshots.get(String(volume.id));
	if (!ofVolume) storage.volumeSnapshots.set(String(volume.id), (ofVolume = new Set()));
	ofVolume.add(id);
	if (pool && pool.snap_count !== undefined) pool.snap_count = (pool.snap_count as number) + 1;
	return record;
}

function removeSnapshot(context: DsccContext, snapshot: Record): void {
	const storage = stateOf(context);
	const volumeId = storage.snapshotVolume.get(String(snapshot.id));
	const poolId = volumeId ? storage.volumes.get(volumeId)?.poolId : undefined;
	const pool = poolId ? context.collection('pools').get(poolId) : undefined;
	if (pool && pool.snap_count !== undefined) pool.snap_count = (pool.snap_count as number) - 1;
	storage.snapshotVolume.delete(String(snapshot.id));
	if (volumeId) storage.volumeSnapshots.get(volumeId)?.delete(String(snapshot.id));
	context.collection('snapshots').delete(String(snapshot.id));
}

function snapshotRef(snapshot: Record): ResourceRef {
	return { id: String(snapshot.id), name: String(snapshot.name), type: 'snapshot', resourceUri: String(snapshot.resourceUri) };
}

// ----- Seed -----

/** Gives a seeded pool a size that its volumes fill to about SEEDED_FILL. */
function sizeSeededPool(pool: Record): void {
	const usedMiB = pool.usage !== undefined ? (pool.usage as number) / MIB : (pool.baseSizeMiB as number);
	const totalMiB = Math.ceil(Math.max(usedMiB / SEEDED_FILL, SMALLEST_POOL_MIB) / TIB_IN_MIB) * TIB_IN_MIB;
	if (pool.usage !== undefined) {
		pool.capacity = totalMiB * MIB;
		pool.free_space = (totalMiB - usedMiB) * MIB;
	} else {
		pool.totalSizeMiB = totalMiB;
		pool.totalReservedMiB = totalMiB;
		pool.freeSizeMiB = totalMiB - usedMiB;
		pool.freeForAllocationMiB = pool.freeSizeMiB;
		pool.userSpace = { totalMiB, usedMiB, freeMiB: pool.freeSizeMiB };
	}
	pool.generation = 1;
}

export function seedStorage(context: DsccContext): void {
	const { random } = context;
	const poolsBySystem = new Map<string, Record[]>();
	for (const system of SYSTEMS) {
		const deviceType = system.deviceType as DeviceType;
		poolsBySystem.set(
			system.id,
			POOLS[deviceType].map((name, index) => context.add('pools', newPool(context, system, deviceType, name, index))),
		);
	}
	const base = Math.floor(Date.parse('2026-01-05T09:00:00Z') / 1000);
	for (let index = 0; index < context.options.volumes; index++) {
		const system = SYSTEMS[index % SYSTEMS.length];
		const deviceType = system.deviceType as DeviceType;
		const name = `${NAME_PREFIXES[Math.floor(index / SYSTEMS.length) % NAME_PREFIXES.length]}-${String(index + 1).padStart(3, '0')}`;
		const volume = addVolume(
			context,
			{
				name,
				system,
				deviceType,
				sizeMiB: random.pick(SIZES_GIB) * GIB_IN_MIB,
				pool: random.pick(poolsBySystem.get(system.id)!),
				dataReduction: random.next() < 0.7,
				comment: index % 4 === 0 ? 'Managed by automation' : '',
				createdAt: base + index * 600,
			},
			{ online: deviceType !== NIMBLE || index % 9 !== 4 },
		);
		if (index % 5 === 0) {
			for (let n = 0; n <= index % 3; n++) {
				addSnapshot(context, volume, {
					name: `${name}.nightly-${1120 + n}`,
					comment: 'Nightly snapshot',
					readOnly: true,
					online: false,
					createdAt: base + index * 600 + (n + 1) * 86400,
				});
			}
		}
	}
	for (const pools of poolsBySystem.values()) pools.forEach(sizeSeededPool);
}

// ----- Routes -----

type Handler = (request: SimRequest) => SimResponse;

function body(request: SimRequest): Record {
	return request.body && typeof request.body === 'object' ? (request.body as Record) : {};
}

function flag(request: SimRequest, name: string): boolean {
	return request.query[name] === 'true';
}

/** Every item at once, for listings DSCC does not page. */
function unpaged(request: SimRequest, items: Record[]): SimResponse {
	return { status: 200, body: { items: items.map((item) => selectFields(item, request.query.select)), total: items.length, pageLimit: items.length, pageOffset: 0, requestUri: request.path } };
}

export function registerStorage(context: DsccContext): void {
	const { sim } = context;
	const systems = context.collection('storageSystems');
	const volumes = context.collection('volumes');
	const pools = context.collection('pools');
	const snapshots = context.collection('snapshots');
	const storage = stateOf(context);

	const systemOfType = (id: string, deviceType?: DeviceType): Record | undefined => {
		const system = systems.get(id);
		return system && (!deviceType || deviceTypeOfSystem(system) === deviceType) ? system : undefined;
	};
	const poolsOf = (systemId: string) => [...pools.values()].filter((pool) => pool.systemId === systemId);
	const nameTaken = (systemId: string, name: string, except?: string) =>
		volumesOnSystem(context, systemId).some((volume) => volume.name === name && volume.id !== except) ||
		[...snapshots.values()].some((snapshot) => snapshot.name === name && (snapshot.systemId ?? volumes.get(storage.snapshotVolume.get(String(snapshot.id)) ?? '')?.systemId) === systemId);
	const systemRef = (system: Record): ResourceRef => ({ id: String(system.id), name: String(system.name), type: 'storage-system', resourceUri: String(system.resourceUri) });

	/** Runs a handler for a system of the route's device type and one of its volumes, or answers 404. */
	const withVolume = (deviceType: DeviceType, volumeParam: string, handle: (system: Record, volume: Record, request: SimRequest) => SimResponse): Handler => (request) => {
		const system = systemOfType(request.params.systemId, deviceType);
		if (!system) return context.notFound('Storage system', request.params.systemId);
		const volume = volumes.get(request.params[volumeParam]);
		if (!volume || volume.systemId !== system.id) return context.notFound('Volume', request.params[volumeParam]);
		return handle(system, volume, request);
	};
	const withSystem = (deviceType: DeviceType | undefined, handle: (system: Record, request: SimRequest) => SimResponse): Handler => (request) => {
		const system = systemOfType(request.params.systemId, deviceType);
		if (!system) return context.notFound('Storage system', request.params.systemId);
		return handle(system, request);
	};

	// Fleet-wide views.
	sim.route('GET', '/api/v1/volumes', (request) => context.list(request, volumes.values()));
	sim.route('GET', '/api/v1/volumes/{id}', (request) => context.one(request, volumes.get(request.params.id), 'Volume', request.params.id));
	sim.route('GET', '/api/v1/storage-systems/{systemId}/volumes', withSystem(undefined, (system, request) => context.list(request, volumesOnSystem(context, String(system.id)))));
	sim.route('GET', '/api/v1/storage-systems/{systemId}/storage-pools', withSystem(undefined, (system, request) => context.list(request, poolsOf(String(system.id)).map(fleetPool))));
	sim.route('GET', '/api/v1/storage-systems/{systemId}/storage-pools/{id}', withSystem(undefined, (system, request) => {
		const pool = pools.get(request.params.id);
		return context.one(request, pool && pool.systemId === system.id ? fleetPool(pool) : undefined, 'Storage pool', request.params.id);
	}));
	sim.route('GET', '/api/v1/storage-systems/{systemId}/storage-pools/{id}/volumes', withSystem(undefined, (system, request) => {
		const pool = pools.get(request.params.id);
		if (!pool || pool.systemId !== system.id) return context.notFound('Storage pool', request.params.id);
		const inPool = volumesOnSystem(context, String(system.id)).filter((volume) => storage.volumes.get(String(volume.id))?.poolId === pool.id);
		return unpaged(request, inPool);
	}));

	for (const deviceType of DEVICE_TYPES) {
		const root = `/api/v1/storage-systems/${deviceType}/{systemId}`;
		const isNimble = deviceType === NIMBLE;
		const volumeParam = isNimble ? 'volumeId' : 'id';
		const poolParam = isNimble ? 'storagePoolId' : 'id';
		const one = `${root}/volumes/{${volumeParam}}`;
		const view = (volume: Record) => deviceVolume(context, volume);

		// Pools.
		sim.route('GET', `${root}/storage-pools`, withSystem(deviceType, (system, request) => context.list(request, poolsOf(String(system.id)))));
		sim.route('GET', `${root}/storage-pools/{${poolParam}}`, withSystem(deviceType, (system, request) => {
			const pool = pools.get(request.params[poolParam]);
			return context.one(request, pool && pool.systemId === system.id ? pool : undefined, 'Storage pool', request.params[poolParam]);
		}));
		if (!isNimble) {
			sim.route('GET', `${root}/storage-pools/{id}/volumes`, withSystem(deviceType, (system, request) => {
				const pool = pools.get(request.params.id);
				if (!pool || pool.systemId !== system.id) return context.notFound('Storage pool', request.params.id);
				return unpaged(request, volumesOnSystem(context, String(system.id)).filter((volume) => storage.volumes.get(String(volume.id))?.poolId === pool.id).map(view));
			}));
		}

		// Volumes.
		sim.route('GET', `${root}/volumes`, withSystem(deviceType, (system, request) => context.list(request, volumesOnSystem(context, String(system.id)).map(view))));
		sim.route('GET', one, withVolume(deviceType, volumeParam, (_system, volume, request) => context.one(request, view(volume), 'Volume', String(volume.id))));
		sim.route('POST', `${root}/volumes`, withSystem(deviceType, (system, request) => createVolume(system, deviceType, body(request))));
		sim.route('PUT', one, withVolume(deviceType, volumeParam, (system, volume, request) => updateVolume(system, volume, body(request))));
		sim.route('DELETE', one, withVolume(deviceType, volumeParam, (system, volume, request) => deleteVolume(system, volume, request)));
		sim.route('POST', `${one}/export`, withVolume(deviceType, volumeParam, (system, volume, request) => exportVolume(volume, body(request))));
		sim.route('POST', `${one}/un-export`, withVolume(deviceType, volumeParam, (system, volume, request) => unexportVolume(volume, body(request))));
		sim.route('POST', `${one}/clone`, withVolume(deviceType, volumeParam, (system, volume, request) => cloneVolume(system, volume, body(request))));

		// Snapshots.
		const snapshotParent = isNimble ? 'volumeId' : 'id';
		sim.route('GET', `${root}/volumes/{${snapshotParent}}/snapshots`, withVolume(deviceType, snapshotParent, (_system, volume, request) => context.list(request, snapshotsOf(context, String(volume.id)))));
		sim.route('POST', `${root}/volumes/{${snapshotParent}}/snapshots`, withVolume(deviceType, snapshotParent, (system, volume, request) => createSnapshot(system, volume, body(request))));
		const oneSnapshot = `${root}/volumes/{volumeId}/snapshots/{snapshotId}`;
		const withSnapshot = (handle: (volume: Record, snapshot: Record, request: SimRequest) => SimResponse) =>
			withVolume(deviceType, 'volumeId', (_system, volume, request) => {
				const snapshot = snapshots.get(request.params.snapshotId);
				if (!snapshot || storage.snapshotVolume.get(String(snapshot.id)) !== volume.id) return context.notFound('Snapshot', request.params.snapshotId);
				return handle(volume, snapshot, request);
			});
		sim.route('GET', oneSnapshot, withSnapshot((_volume, snapshot, request) => context.one(request, snapshot, 'Snapshot', String(snapshot.id))));
		sim.route('DELETE', oneSnapshot, withSnapshot((volume, snapshot, request) => deleteSnapshot(volume, snapshot, flag(request, 'force'))));
	}

	function createVolume(system: Record, deviceType: DeviceType, input: Record): SimResponse {
		const isNimble = deviceType === NIMBLE;
		const name = String(input.name ?? '');
		const sizeMiB = Number(isNimble ? input.size : input.sizeMib);
		const count = isNimble ? 1 : Number(input.count ?? 1);
		const names = count > 1 ? Array.from({ length: count }, (_, n) => `${name}.${n}`) : [name];
		const dataReduction = Boolean(isNimble ? input.dedupe_enabled : input.dataReduction ?? false);
		return context.tasks.accept({
			displayName: `Create volume ${name}`,
			source: systemRef(system),
			complete: () => {
				if (!Number.isInteger(sizeMiB) || sizeMiB < 1) throw new TaskFailure('Volume size must be a whole number of MiB, at least 1', 'INVALID_PARAMETER');
				const pool = isNimble
					? input.pool_id !== undefined
						? poolsOf(String(system.id)).find((candidate) => candidate.id === input.pool_id)
						: poolsOf(String(system.id)).find((candidate) => candidate.is_default === true)
					: poolsOf(String(system.id)).find((candidate) => candidate.name === input.userCpg);
				if (!pool) {
					throw new TaskFailure(isNimble ? `Pool ${String(input.pool_id)} does not exist on ${String(system.name)}` : `CPG ${String(input.userCpg)} does not exist on ${String(system.name)}`, 'NOT_FOUND');
				}
				if (!isNimble && input.snapCpg !== undefined && !poolsOf(String(system.id)).some((candidate) => candidate.name === input.snapCpg)) {
					throw new TaskFailure(`Snapshot CPG ${String(input.snapCpg)} does not exist on ${String(system.name)}`, 'NOT_FOUND');
				}
				const taken = names.find((candidate) => nameTaken(String(system.id), candidate));
				if (taken) throw new TaskFailure(`A volume named ${taken} already exists on ${String(system.name)}`, 'ALREADY_EXISTS');
				const needed = sizeMiB * count;
				const free = poolFreeMiB(pool);
				if (needed > free) {
					throw new TaskFailure(
						`Not enough free space in ${isNimble ? 'pool' : 'CPG'} ${String(pool.name)} on ${String(system.name)} to create ${name}: ${describeMiB(needed)} requested, ${describeMiB(free)} available`,
						'INSUFFICIENT_CAPACITY',
					);
				}
				const created = names.map((volumeName) =>
					addVolume(
						context,
						{ name: volumeName, system: { id: String(system.id), name: String(system.name) }, deviceType, sizeMiB, pool, dataReduction, comment: String((isNimble ? input.description : input.comments) ?? '') },
						{
							allocationWarning: typeof input.userAllocWarning === 'number' ? input.userAllocWarning : null,
							snapshotPool: typeof input.snapCpg === 'string' ? input.snapCpg : null,
							limitIops: typeof input.limit_iops === 'number' ? input.limit_iops : -1,
							limitMbps: typeof input.limit_mbps === 'number' ? input.limit_mbps : -1,
							...(typeof input.perfpolicy_id === 'string' ? { perfPolicyId: input.perfpolicy_id } : {}),
							online: input.online !== false,
						},
					),
				);
				for (const volume of created) context.audit(`Volume ${String(volume.name)} created`, 'volume.create', { id: String(volume.id), name: String(volume.name), type: 'volume' });
				return volumeRef(created[0]);
			},
		});
	}

	function updateVolume(system: Record, volume: Record, input: Record): SimResponse {
		const state = storage.volumes.get(String(volume.id))!;
		const isNimble = state.deviceType === NIMBLE;
		const newSize = input[isNimble ? 'size' : 'sizeMib'];
		return context.tasks.accept({
			displayName: `Edit volume ${String(volume.name)}`,
			source: volumeRef(volume),
			complete: () => {
				if (!volumes.has(String(volume.id))) throw new TaskFailure(`Volume ${String(volume.name)} no longer exists`, 'NOT_FOUND');
				const force = input.force === true;
				if (typeof input.name === 'string' && input.name !== volume.name && nameTaken(String(system.id), input.name, String(volume.id))) {
					throw new TaskFailure(`A volume named ${input.name} already exists on ${String(system.name)}`, 'ALREADY_EXISTS');
				}
				const currentPool = pools.get(state.poolId)!;
				const targetPool = !isNimble && typeof input.userCpgName === 'string' ? poolsOf(String(system.id)).find((pool) => pool.name === input.userCpgName) : currentPool;
				if (!targetPool) throw new TaskFailure(`CPG ${String(input.userCpgName)} does not exist on ${String(system.name)}`, 'NOT_FOUND');
				let sizeMiB = volume.sizeMiB as number;
				if (typeof newSize === 'number') {
					if (newSize < sizeMiB && !isNimble) throw new TaskFailure(`Volume ${String(volume.name)} cannot shrink from ${describeMiB(sizeMiB)} to ${describeMiB(newSize)}: volumes can only grow`, 'INVALID_PARAMETER');
					if (newSize < sizeMiB && !force) throw new TaskFailure(`Reducing the size of volume ${String(volume.name)} requires force`, 'INVALID_PARAMETER');
					sizeMiB = newSize;
				}
				const newAllocation = state.clonedFrom && isNimble ? state.allocatedMiB : sizeMiB;
				const needed = targetPool === currentPool ? newAllocation - state.allocatedMiB : newAllocation;
				if (needed > poolFreeMiB(targetPool)) {
					throw new TaskFailure(`Not enough free space in ${isNimble ? 'pool' : 'CPG'} ${String(targetPool.name)}: ${describeMiB(needed)} more needed, ${describeMiB(poolFreeMiB(targetPool))} available`, 'INSUFFICIENT_CAPACITY');
				}
				const exportCount = exportsOfVolume(context, String(volume.id)).length;
				if (isNimble && input.online === false && exportCount > 0 && !force) {
					throw new TaskFailure(`Volume ${String(volume.name)} has access control records for ${exportCount} host group(s); taking it offline requires force`, 'IN_USE');
				}
				allocate(currentPool, -state.allocatedMiB, -1, state.dataReduction);
				state.allocatedMiB = newAllocation;
				if (targetPool !== currentPool) {
					state.poolId = String(targetPool.id);
					volume.associatedLinks = [{ type: 'storage-pools', resourceUri: targetPool.resourceUri }, ...(volume.associatedLinks as Record[]).slice(1)];
				}
				if (typeof input.name === 'string') volume.name = input.name;
				volume.sizeMiB = sizeMiB;
				volume.usedSizeMiB = Math.min(volume.usedSizeMiB as number, sizeMiB);
				volume.usedCapacityPercent = Math.round(((volume.usedSizeMiB as number) / sizeMiB) * 10000) / 100;
				const reduction = input[isNimble ? 'dedupe_enabled' : 'dataReduction'];
				if (typeof reduction === 'boolean') {
					state.dataReduction = reduction;
					volume.subType = reduction ? 'PROVTYPE_DDS' : 'PROVTYPE_TPVV';
				}
				allocate(targetPool, state.allocatedMiB, 1, state.dataReduction);
				if (typeof input.description === 'string') state.comment = input.description;
				if (typeof input.online === 'boolean') state.online = input.online;
				if (typeof input.userAllocWarning === 'number') state.allocationWarning = input.userAllocWarning;
				if (typeof input.limit_iops === 'number') state.limitIops = input.limit_iops;
				if (typeof input.limit_mbps === 'number') state.limitMbps = input.limit_mbps;
				if (typeof input.perfpolicy_id === 'string') state.perfPolicyId = input.perfpolicy_id;
				bumpGeneration(volume);
				context.audit(`Volume ${String(volume.name)} updated`, 'volume.update', { id: String(volume.id), name: String(volume.name), type: 'volume' });
				return volumeRef(volume);
			},
		});
	}

	function deleteVolume(system: Record, volume: Record, request: SimRequest): SimResponse {
		const state = storage.volumes.get(String(volume.id))!;
		const isNimble = state.deviceType === NIMBLE;
		const force = flag(request, isNimble ? 'force' : 'unExport');
		const offline = isNimble && flag(request, 'offline');
		const cascade = flag(request, 'cascade');
		return context.tasks.accept({
			displayName: `Delete volume ${String(volume.name)}`,
			source: volumeRef(volume),
			complete: () => {
				if (!volumes.has(String(volume.id))) throw new TaskFailure(`Volume ${String(volume.name)} no longer exists`, 'NOT_FOUND');
				const name = String(volume.name);
				const groups = exportsOfVolume(context, String(volume.id)).map((entry) => hostGroupName(context, entry.hostGroupId));
				const ownSnapshots = snapshotsOf(context, String(volume.id));
				if (isNimble) {
					if (!force && groups.length > 0) throw new TaskFailure(`Volume ${name} has access control records for host groups ${groups.join(', ')}; remove them first or delete with force`, 'IN_USE');
					if (!force && !offline && state.online) throw new TaskFailure(`Volume ${name} is online; set it offline before deleting it, or delete with force`, 'IN_USE');
					const online = ownSnapshots.filter((snapshot) => snapshot.online === true);
					if (!force && online.length > 0) throw new TaskFailure(`Volume ${name} has ${online.length} online snapshot(s); take them offline first or delete with force`, 'IN_USE');
				} else {
					if (!force && groups.length > 0) throw new TaskFailure(`Volume ${name} is exported to host groups ${groups.join(', ')}; un-export it first or delete with unExport`, 'IN_USE');
					if (!cascade && ownSnapshots.length > 0) throw new TaskFailure(`Volume ${name} has ${ownSnapshots.length} snapshot(s); delete them first or delete with cascade`, 'IN_USE');
				}
				removeVolume(context, volume);
				context.audit(`Volume ${name} deleted`, 'volume.delete', { id: String(volume.id), name, type: 'volume' }, undefined);
				return undefined;
			},
		});
	}

	function requestedGroups(input: Record, isNimble: boolean): Array<{ id: string; lun?: number }> {
		if (isNimble) {
			return ((input.host_groups as Record[] | undefined) ?? []).map((entry) => ({ id: String(entry.host_group_id ?? ''), lun: typeof entry.lun === 'number' ? entry.lun : undefined }));
		}
		return ((input.hostGroupIds as string[] | undefined) ?? []).map((id) => ({ id: String(id) }));
	}

	function exportVolume(volume: Record, input: Record): SimResponse {
		const state = storage.volumes.get(String(volume.id))!;
		const volumeId = String(volume.id);
		const groups = requestedGroups(input, state.deviceType === NIMBLE);
		if (groups.length === 0) return context.error(400, 'At least one host group is required', 'INVALID_PARAMETER');
		const repeated = groups.find((group, index) => groups.findIndex((other) => other.id === group.id) !== index);
		if (repeated) return context.error(400, `Host group ${repeated.id} is given more than once`, 'INVALID_PARAMETER');
		return context.tasks.accept({
			displayName: `Export volume ${String(volume.name)}`,
			source: volumeRef(volume),
			complete: () => {
				if (!volumes.has(volumeId)) throw new TaskFailure(`Volume ${String(volume.name)} no longer exists`, 'NOT_FOUND');
				const hostGroups = context.collection('hostGroups');
				for (const group of groups) {
					if (!hostGroups.has(group.id)) throw new TaskFailure(`Host group ${group.id} does not exist`, 'NOT_FOUND');
					if (findExport(context, volumeId, group.id)) throw new TaskFailure(`Volume ${String(volume.name)} is already exported to host group ${hostGroupName(context, group.id)}`, 'ALREADY_EXISTS');
					const used = lunsInHostGroup(context, group.id);
					if (group.lun !== undefined && used.has(group.lun)) throw new TaskFailure(`LUN ${group.lun} is already used in host group ${hostGroupName(context, group.id)}`, 'ALREADY_EXISTS');
				}
				for (const group of groups) {
					recordExport(context, volumeId, group.id, group.lun);
					context.audit(`Volume ${String(volume.name)} exported to host group ${hostGroupName(context, group.id)}`, 'volume.export', { id: String(volume.id), name: String(volume.name), type: 'volume' });
				}
				bumpGeneration(volume);
				return volumeRef(volume);
			},
		});
	}

	function unexportVolume(volume: Record, input: Record): SimResponse {
		const state = storage.volumes.get(String(volume.id))!;
		const groups = requestedGroups(input, state.deviceType === NIMBLE);
		if (groups.length === 0) return context.error(400, 'At least one host group is required', 'INVALID_PARAMETER');
		return context.tasks.accept({
			displayName: `Unexport volume ${String(volume.name)}`,
			source: volumeRef(volume),
			complete: () => {
				const missing = groups.find((group) => !findExport(context, String(volume.id), group.id));
				if (missing) throw new TaskFailure(`Volume ${String(volume.name)} is not exported to host group ${hostGroupName(context, missing.id)}`, 'NOT_FOUND');
				for (const group of groups) removeExport(context, String(volume.id), group.id);
				bumpGeneration(volume);
				context.audit(`Volume ${String(volume.name)} unexported`, 'volume.unexport', { id: String(volume.id), name: String(volume.name), type: 'volume' });
				return volumeRef(volume);
			},
		});
	}

	function cloneVolume(system: Record, volume: Record, input: Record): SimResponse {
		const state = storage.volumes.get(String(volume.id))!;
		const isNimble = state.deviceType === NIMBLE;
		const name = String((isNimble ? input.clone_volume_name : input.destinationVolume) ?? '');
		const onlineClone = (input.onlineClone ?? {}) as Record;
		return context.tasks.accept({
			displayName: `Clone volume ${String(volume.name)} to ${name}`,
			source: volumeRef(volume),
			complete: () => {
				const systemId = String(system.id);
				if (!isNimble && input.online !== true) {
					const target = volumesOnSystem(context, systemId).find((candidate) => candidate.name === name);
					if (!target) throw new TaskFailure(`Destination volume ${name} does not exist; an offline clone copies into an existing volume`, 'NOT_FOUND');
					if ((target.sizeMiB as number) < (volume.sizeMiB as number)) throw new TaskFailure(`Destination volume ${name} is smaller than ${String(volume.name)}`, 'INVALID_PARAMETER');
					bumpGeneration(target);
					return volumeRef(target);
				}
				if (nameTaken(systemId, name)) throw new TaskFailure(`A volume named ${name} already exists on ${String(system.name)}`, 'ALREADY_EXISTS');
				const pool = typeof onlineClone.destinationCpg === 'string' ? poolsOf(systemId).find((candidate) => candidate.name === onlineClone.destinationCpg) : pools.get(state.poolId);
				if (!pool) throw new TaskFailure(`CPG ${String(onlineClone.destinationCpg)} does not exist on ${String(system.name)}`, 'NOT_FOUND');
				const sizeMiB = volume.sizeMiB as number;
				const allocatedMiB = isNimble ? 0 : sizeMiB;
				if (allocatedMiB > poolFreeMiB(pool)) {
					throw new TaskFailure(`Not enough free space in CPG ${String(pool.name)} to clone ${String(volume.name)}: ${describeMiB(sizeMiB)} requested, ${describeMiB(poolFreeMiB(pool))} available`, 'INSUFFICIENT_CAPACITY');
				}
				const clone = addVolume(
					context,
					{ name, system: { id: systemId, name: String(system.name) }, deviceType: state.deviceType, sizeMiB, pool, dataReduction: state.dataReduction, comment: `Clone of ${String(volume.name)}`, allocatedMiB },
					{ clonedFrom: { id: String(volume.id), name: String(volume.name) } },
				);
				context.audit(`Volume ${String(volume.name)} cloned to ${name}`, 'volume.clone', { id: String(clone.id), name, type: 'volume' });
				return volumeRef(clone);
			},
		});
	}

	function createSnapshot(system: Record, volume: Record, input: Record): SimResponse {
		const state = storage.volumes.get(String(volume.id))!;
		const isNimble = state.deviceType === NIMBLE;
		const now = new Date();
		const pattern = String(input.namePattern ?? '');
		const name = isNimble
			? String(input.name ?? '')
			: pattern === 'CUSTOM'
				? String(input.customName ?? '')
				: pattern === 'PARENT_SEC_SINCE_EPOCH'
					? `${String(volume.name)}.${Math.floor(now.getTime() / 1000)}`
					: `${String(volume.name)}.${timestamp(now).replace(/[-:TZ]/g, '')}`;
		return context.tasks.accept({
			displayName: `Create snapshot ${name || 'of ' + String(volume.name)}`,
			source: volumeRef(volume),
			complete: () => {
				if (name === '') throw new TaskFailure('customName is required when namePattern is CUSTOM', 'INVALID_PARAMETER');
				const expireSecs = typeof input.expireSecs === 'number' ? input.expireSecs : undefined;
				const retainSecs = typeof input.retainSecs === 'number' ? input.retainSecs : undefined;
				if (expireSecs !== undefined && retainSecs !== undefined && retainSecs > expireSecs) {
					throw new TaskFailure('The retention time must not be longer than the expiration time', 'INVALID_PARAMETER');
				}
				const taken = isNimble ? snapshotsOf(context, String(volume.id)).some((snapshot) => snapshot.name === name) : nameTaken(String(system.id), name);
				if (taken) throw new TaskFailure(`A snapshot or volume named ${name} already exists on ${String(system.name)}`, 'ALREADY_EXISTS');
				const snapshot = addSnapshot(context, volume, {
					name,
					comment: String((isNimble ? input.description : input.comment) ?? ''),
					readOnly: isNimble ? input.writable !== true : input.readOnly === true,
					online: isNimble ? input.online === true : true,
					expireSecs,
					retainSecs,
				});
				context.audit(`Snapshot ${name} of volume ${String(volume.name)} created`, 'snapshot.create', { id: String(snapshot.id), name, type: 'snapshot' });
				return snapshotRef(snapshot);
			},
		});
	}

	function deleteSnapshot(volume: Record, snapshot: Record, force: boolean): SimResponse {
		return context.tasks.accept({
			displayName: `Delete snapshot ${String(snapshot.name)}`,
			source: snapshotRef(snapshot),
			complete: () => {
				if (!snapshots.has(String(snapshot.id))) throw new TaskFailure(`Snapshot ${String(snapshot.name)} no longer exists`, 'NOT_FOUND');
				const retention = (snapshot.retentionTime as { ms?: number } | null | undefined)?.ms;
				if (retention !== undefined && retention > Date.now()) {
					throw new TaskFailure(`Snapshot ${String(snapshot.name)} is retained until ${timestamp(new Date(retention))} and cannot be deleted before`, 'RETAINED');
				}
				if (snapshot.online === true && !force) throw new TaskFailure(`Snapshot ${String(snapshot.name)} is online; take it offline first or delete with force`, 'IN_USE');
				removeSnapshot(context, snapshot);
				context.audit(`Snapshot ${String(snapshot.name)} of volume ${String(volume.name)} deleted`, 'snapshot.delete', { id: String(snapshot.id), name: String(snapshot.name), type: 'snapshot' });
				return undefined;
			},
		});
	}
}
