import type { SimRequest, SimResponse } from '../../framework/server';
import type { DsccContext, Record } from '../context';
import { CUSTOMER_ID, timestamp } from '../context';
import type { ResourceRef } from '../tasks';
import { TaskFailure } from '../tasks';
import { SYSTEMS } from './core';

/**
 * Volume sets: listed fleet-wide (`/api/v1/volume-sets`), changed per device type — application sets
 * on device-type1/4 (members are volume names), volume collections on device-type2 (volume IDs,
 * snake_case). Every change is a task; the array's own checks (name taken, volume on another system,
 * volume already in a collection) make the task fail, as they do on real arrays.
 *
 * A stored record holds the fleet fields, the device-type details and `volumeIds` (the members); each
 * endpoint shows its own view of it.
 */

type DeviceType = (typeof SYSTEMS)[number]['deviceType'];

const APP_TYPE_LABELS: { [value: string]: string } = {
	ORACLE_DATA: 'Oracle Database',
	ORACLE_LOG: 'Oracle Log',
	MICROSOFT_EXCHANGE: 'Microsoft Exchange',
	MICROSOFT_EXCHANGE_LOG: 'Microsoft Exchange Log',
	MICROSOFT_SQL_SERVER: 'Microsoft SQL Server',
	MICROSOFT_SQL_SERVER_LOG: 'Microsoft SQL Server Log',
	VIRTUAL_SERVER_VMWARE_ESXI_STORAGE: 'Virtual Server VMware ESXi Storage',
	VIRTUAL_SERVER_HYPER_V_STORAGE: 'Virtual Server Hyper-V Storage',
	VIRTUAL_DESKTOP_VMWARE_ESXI_STORAGE: 'Virtual Desktop VMware ESXi Storage',
	VIRTUAL_DESKTOP_HYPER_V_STORAGE: 'Virtual Desktop Hyper-V Storage',
	SHAREPOINT: 'SharePoint',
	FILE_SERVER: 'File Server',
	VEEAM_BACKUP_REPOSITORY: 'Veeam Backup Repository',
	OTHER: 'Other',
	CUSTOM: 'Custom',
};

function systemOf(context: DsccContext, systemId: string, deviceType: DeviceType): Record | undefined {
	const system = context.collection('storageSystems').get(systemId);
	return system && String(system.resourceUri).includes(`/${deviceType}/`) ? system : undefined;
}

function deviceTypeOf(systemId: string): DeviceType | undefined {
	return SYSTEMS.find((system) => system.id === systemId)?.deviceType;
}

function devicePath(record: Record): string {
	const deviceType = deviceTypeOf(String(record.systemId));
	const collection = deviceType === 'device-type2' ? 'volume-collections' : 'applicationsets';
	return `/api/v1/storage-systems/${deviceType}/${String(record.systemId)}/${collection}/${String(record.id)}`;
}

function ref(record: Record): ResourceRef {
	return { id: String(record.id), name: String(record.name), type: 'volume-set', resourceUri: devicePath(record) };
}

class VolumeSetStore {
	readonly sets: Map<string, Record>;
	readonly volumes: Map<string, Record>;

	constructor(readonly context: DsccContext) {
		this.sets = context.collection('volumeSets');
		this.volumes = context.collection('volumes');
	}

	members(record: Record): Record[] {
		return ((record.volumeIds as string[]) ?? []).map((id) => this.volumes.get(id)).filter((volume): volume is Record => volume !== undefined);
	}

	onSystem(systemId: string): Record[] {
		return [...this.sets.values()].filter((record) => record.systemId === systemId);
	}

	volumeOn(systemId: string, match: (volume: Record) => boolean): Record | undefined {
		return [...this.volumes.values()].find((volume) => volume.systemId === systemId && match(volume));
	}

	create(systemId: string, fields: Record, volumeIds: string[]): Record {
		const deviceType = deviceTypeOf(systemId)!;
		// Nimble object IDs are 42 hex digits starting with the array's own prefix.
		const newId = () => (deviceType === 'device-type2' ? `${systemId.slice(0, 18)}${this.context.random.hex(24)}` : this.context.random.hex(32));
		let id = newId();
		while (this.sets.has(id)) id = newId();
		const now = timestamp();
		const record: Record = {
			id,
			name: fields.name,
			systemId,
			productFamily: deviceType === 'device-type1' ? 'deviceType1' : deviceType === 'device-type2' ? 'deviceType2' : 'deviceType4',
			type: 'volume-set',
			customerId: CUSTOMER_ID,
			generation: 1,
			appSetType: fields.appSetType ?? null,
			customAppType: fields.customAppType ?? null,
			appSetImportance: fields.appSetImportance ?? (deviceType === 'device-type2' ? null : 'MEDIUM'),
			appSetBusinessUnit: fields.appSetBusinessUnit ?? null,
			comments: fields.comments ?? null,
			createdAt: now,
			updatedAt: now,
			volumeIds,
		};
		record.resourceUri = devicePath(record);
		return this.context.add('volumeSets', record);
	}

	fleetView(record: Record): Record {
		const appType = record.appSetType ? (record.appSetType === 'CUSTOM' ? record.customAppType : APP_TYPE_LABELS[String(record.appSetType)]) : null;
		return {
			id: record.id,
			name: record.name,
			systemId: record.systemId,
			productFamily: record.productFamily,
			type: record.type,
			customerId: record.customerId,
			generation: record.generation,
			resourceUri: record.resourceUri,
			appType,
			application: appType,
			members: this.members(record).map((volume) => volume.name),
			associatedLinks: [
				{ type: 'storage-system', resourceUri: `/api/v1/storage-systems/${String(record.systemId)}` },
				{ type: 'volumes', resourceUri: `/api/v1/volume-sets/${String(record.id)}/volumes` },
			],
		};
	}

	appSetView(record: Record): Record {
		const members = this.members(record);
		return {
			id: record.id,
			name: record.name,
			appSetName: record.name,
			appSetId: Number.parseInt(String(record.id).slice(0, 4), 16) % 1000,
			appSetType: record.appSetType === 'CUSTOM' ? record.customAppType : APP_TYPE_LABELS[String(record.appSetType)] ?? record.appSetType,
			appSetTypeEnum: record.appSetType,
			appSetImportance: record.appSetImportance,
			appSetBusinessUnit: record.appSetBusinessUnit,
			appSetComments: record.comments,
			comment: record.comments,
			displayName: `Application Set ${String(record.name)}`,
			domain: '-',
			members: members.map((volume) => volume.name),
			sizeMiB: members.reduce((sum, volume) => sum + Number(volume.sizeMiB ?? 0), 0),
			systemId: record.systemId,
			serialNumber: record.systemId,
			vvSetType: 'VVSET',
			exportStatus: 'NOT_EXPORTED',
			kvPairsPresent: false,
			customerId: record.customerId,
			generation: record.generation,
			type: 'applicationset',
			resourceUri: record.resourceUri,
			consoleUri: `data-ops-manager/storage-systems/${String(deviceTypeOf(String(record.systemId)))}/${String(record.systemId)}/applicationsets/${String(record.id)}`,
			associatedLinks: [{ type: 'systems', resourceUri: `/api/v1/storage-systems/${String(record.systemId)}` }],
		};
	}

	volumeCollectionView(record: Record): Record {
		const members = this.members(record);
		return {
			id: record.id,
			name: record.name,
			full_name: record.name,
			search_name: record.name,
			description: record.comments ?? '',
			volume_list: members.map((volume) => ({ id: volume.id, name: volume.name })),
			volume_count: members.length,
			app_sync: 'none',
			is_standalone_volcoll: false,
			replication_type: 'periodic_snapshot',
			protection_type: 'local',
			snapcoll_count: 0,
			creation_time: Math.floor(Date.parse(String(record.createdAt)) / 1000),
			customerId: record.customerId,
			generation: record.generation,
			type: 'volume_collection',
			resourceUri: record.resourceUri,
			consoleUri: `data-ops-manager/storage-systems/device-type2/${String(record.systemId)}/volume-collections/${String(record.id)}`,
		};
	}

	deviceView(record: Record): Record {
		return deviceTypeOf(String(record.systemId)) === 'device-type2' ? this.volumeCollectionView(record) : this.appSetView(record);
	}

	/** The volume collection (device-type2) a volume already belongs to: it can be in one only. */
	collectionOf(volumeId: string, except: Record): Record | undefined {
		return [...this.sets.values()].find(
			(record) => record !== except && deviceTypeOf(String(record.systemId)) === 'device-type2' && (record.volumeIds as string[]).includes(volumeId),
		);
	}
}

export function seedVolumeSets(context: DsccContext): void {
	const store = new VolumeSetStore(context);
	const plans: Array<{ systemIndex: number; sets: Array<{ name: string; appSetType?: string; count: number; comments: string }> }> = [
		{
			systemIndex: 0,
			sets: [
				{ name: 'sql-prod', appSetType: 'MICROSOFT_SQL_SERVER', count: 3, comments: 'SQL Server production databases' },
				{ name: 'vmfs-datastores', appSetType: 'VIRTUAL_SERVER_VMWARE_ESXI_STORAGE', count: 3, comments: 'vSphere cluster A datastores' },
				{ name: 'scratch', appSetType: 'OTHER', count: 0, comments: 'Empty set for tests and temporary volumes' },
			],
		},
		{
			systemIndex: 1,
			sets: [
				{ name: 'exchange-dag', count: 2, comments: 'Exchange DAG databases and logs' },
				{ name: 'file-shares', count: 2, comments: 'Departmental file shares' },
				{ name: 'staging', count: 0, comments: 'Volumes being migrated' },
			],
		},
		{
			systemIndex: 2,
			sets: [
				{ name: 'oracle-erp', appSetType: 'ORACLE_DATA', count: 3, comments: 'ERP database' },
				{ name: 'vdi-gold', appSetType: 'VIRTUAL_DESKTOP_VMWARE_ESXI_STORAGE', count: 2, comments: 'VDI golden images' },
			],
		},
	];
	for (const plan of plans) {
		const systemId = SYSTEMS[plan.systemIndex].id;
		const volumes = [...store.volumes.values()].filter((volume) => volume.systemId === systemId);
		let next = 0;
		for (const set of plan.sets) {
			const members = volumes.slice(next, next + set.count).map((volume) => String(volume.id));
			next += set.count;
			store.create(systemId, { name: set.name, appSetType: set.appSetType, comments: set.comments }, members);
		}
	}
}

export function registerVolumeSets(context: DsccContext): void {
	const { sim } = context;
	const store = new VolumeSetStore(context);
	const body = (request: SimRequest) => (request.body ?? {}) as Record;

	const change = (record: Record, displayName: string, code: string, apply: () => void): SimResponse =>
		context.tasks.accept({
			displayName,
			source: ref(record),
			complete: () => {
				if (!store.sets.has(String(record.id))) throw new TaskFailure(`Volume set ${String(record.id)} no longer exists`, 'NOT_FOUND');
				apply();
				record.generation = Number(record.generation) + 1;
				record.updatedAt = timestamp();
				context.audit(`${displayName} succeeded`, code, { id: String(record.id), name: String(record.name), type: 'volume-set' });
				return ref(record);
			},
		});

	const nameTaken = (systemId: string, name: string, except?: Record) =>
		store.onSystem(systemId).some((other) => other !== except && String(other.name).toLowerCase() === name.toLowerCase());

	sim.route('GET', '/api/v1/volume-sets', (request) => context.list(request, [...store.sets.values()].map((record) => store.fleetView(record))));
	sim.route('GET', '/api/v1/volume-sets/{id}', (request) => {
		const record = store.sets.get(request.params.id);
		if (!record) return context.notFound('Volume set', request.params.id);
		const details = store.fleetView(record);
		delete details.members;
		return context.one(request, { ...details, requestUri: request.path }, 'Volume set', request.params.id);
	});

	// ---- application sets (device-type1 and device-type4): members are volume names
	for (const deviceType of ['device-type1', 'device-type4'] as const) {
		const base = `/api/v1/storage-systems/${deviceType}/{systemId}/applicationsets`;
		const find = (request: SimRequest): { system?: Record; record?: Record; missing?: SimResponse } => {
			const system = systemOf(context, request.params.systemId, deviceType);
			if (!system) return { missing: context.notFound('Storage system', request.params.systemId) };
			const record = request.params.id === undefined ? undefined : store.sets.get(request.params.id);
			if (request.params.id !== undefined && (!record || record.systemId !== system.id)) {
				return { missing: context.notFound('Application set', request.params.id) };
			}
			return { system, record };
		};
		const volumeIdsByName = (systemId: string, names: string[], system: Record): string[] =>
			names.map((name) => {
				const volume = store.volumeOn(systemId, (candidate) => candidate.name === name);
				if (!volume) throw new TaskFailure(`Volume "${name}" does not exist on ${String(system.name)}`, 'NOT_FOUND');
				return String(volume.id);
			});

		sim.route('GET', base, (request) => {
			const { system, missing } = find(request);
			if (missing) return missing;
			return context.list(request, store.onSystem(String(system!.id)).map((record) => store.appSetView(record)));
		});
		sim.route('POST', base, (request) => {
			const { system, missing } = find(request);
			if (missing) return missing;
			const input = body(request);
			const name = String(input.appSetName ?? '').trim();
			if (name === '') return context.error(400, 'appSetName must not be empty', 'INVALID_PARAMETER');
			if (input.appSetType === 'CUSTOM' && !input.customAppType) {
				return context.error(400, 'customAppType is required when appSetType is CUSTOM', 'INVALID_PARAMETER');
			}
			const systemId = String(system!.id);
			return context.tasks.accept({
				displayName: `Create application set ${name}`,
				source: { id: systemId, name: String(system!.name), type: 'storage-system', resourceUri: String(system!.resourceUri) },
				complete: () => {
					if (nameTaken(systemId, name)) throw new TaskFailure(`Application set "${name}" already exists on ${String(system!.name)}`, 'ALREADY_EXISTS');
					const volumeIds = volumeIdsByName(systemId, (input.members as string[] | undefined) ?? [], system!);
					const record = store.create(
						systemId,
						{
							name,
							appSetType: input.appSetType,
							customAppType: input.customAppType,
							appSetImportance: input.appSetImportance,
							appSetBusinessUnit: input.appSetBusinessUnit,
							comments: input.appSetComments,
						},
						volumeIds,
					);
					context.audit(`Application set ${name} created`, 'volume-set.create', { id: String(record.id), name, type: 'volume-set' });
					return ref(record);
				},
			});
		});
		sim.route('GET', `${base}/{id}`, (request) => {
			const { record, missing } = find(request);
			return missing ?? context.one(request, { ...store.appSetView(record!), requestUri: request.path }, 'Application set', request.params.id);
		});
		sim.route('PUT', `${base}/{id}`, (request) => {
			const { system, record, missing } = find(request);
			if (missing) return missing;
			const input = body(request);
			const systemId = String(system!.id);
			return change(record!, `Edit application set ${String(record!.name)}`, 'volume-set.update', () => {
				const current = record!.volumeIds as string[];
				const adding = volumeIdsByName(systemId, (input.addMembers as string[] | undefined) ?? [], system!);
				const removing = volumeIdsByName(systemId, (input.removeMembers as string[] | undefined) ?? [], system!);
				const already = adding.find((id) => current.includes(id));
				if (already) throw new TaskFailure(`Volume "${String(store.volumes.get(already)?.name)}" is already a member of ${String(record!.name)}`, 'ALREADY_EXISTS');
				const notMember = removing.find((id) => !current.includes(id));
				if (notMember) throw new TaskFailure(`Volume "${String(store.volumes.get(notMember)?.name)}" is not a member of ${String(record!.name)}`, 'NOT_FOUND');
				const name = input.appSetName === undefined ? undefined : String(input.appSetName).trim();
				if (name !== undefined && nameTaken(systemId, name, record)) {
					throw new TaskFailure(`Application set "${name}" already exists on ${String(system!.name)}`, 'ALREADY_EXISTS');
				}
				if (name) record!.name = name;
				record!.volumeIds = [...current.filter((id) => !removing.includes(id)), ...adding];
				if (input.appSetComments !== undefined) record!.comments = input.appSetComments;
				for (const key of ['appSetType', 'customAppType', 'appSetImportance', 'appSetBusinessUnit']) {
					if (input[key] !== undefined) record![key] = input[key];
				}
			});
		});
		sim.route('DELETE', `${base}/{id}`, (request) => {
			const { record, missing } = find(request);
			if (missing) return missing;
			return change(record!, `Delete application set ${String(record!.name)}`, 'volume-set.delete', () => store.sets.delete(String(record!.id)));
		});
	}

	// ---- volume collections (device-type2): members are volume IDs
	const base = '/api/v1/storage-systems/device-type2/{systemId}/volume-collections';
	const findCollection = (request: SimRequest): { system?: Record; record?: Record; missing?: SimResponse } => {
		const system = systemOf(context, request.params.systemId, 'device-type2');
		if (!system) return { missing: context.notFound('Storage system', request.params.systemId) };
		const id = request.params.volumeCollectionId;
		const record = id === undefined ? undefined : store.sets.get(id);
		if (id !== undefined && (!record || record.systemId !== system.id)) return { missing: context.notFound('Volume collection', id) };
		return { system, record };
	};
	const checkVolumes = (system: Record, volumeIds: string[], collection: Record | undefined, mode: 'add' | 'remove'): void => {
		for (const id of volumeIds) {
			const volume = store.volumes.get(id);
			if (!volume || volume.systemId !== system.id) throw new TaskFailure(`Volume ${id} does not exist on ${String(system.name)}`, 'NOT_FOUND');
			const member = collection !== undefined && (collection.volumeIds as string[]).includes(id);
			if (mode === 'remove' && !member) throw new TaskFailure(`Volume "${String(volume.name)}" is not in volume collection ${String(collection!.name)}`, 'NOT_FOUND');
			if (mode === 'add') {
				if (member) throw new TaskFailure(`Volume "${String(volume.name)}" is already in volume collection ${String(collection!.name)}`, 'ALREADY_EXISTS');
				const other = store.collectionOf(id, collection ?? {});
				if (other) throw new TaskFailure(`Volume "${String(volume.name)}" already belongs to volume collection ${String(other.name)}; a volume can be in one volume collection only`, 'ALREADY_EXISTS');
			}
		}
	};

	sim.route('GET', base, (request) => {
		const { system, missing } = findCollection(request);
		if (missing) return missing;
		return context.list(request, store.onSystem(String(system!.id)).map((record) => store.volumeCollectionView(record)));
	});
	sim.route('POST', base, (request) => {
		const { system, missing } = findCollection(request);
		if (missing) return missing;
		const input = body(request);
		const name = String(input.name ?? '').trim();
		if (!/^[A-Za-z0-9][A-Za-z0-9.:-]{0,63}$/.test(name)) {
			return context.error(400, `Invalid name "${name}": up to 64 alphanumeric characters, - and . and : are allowed after the first character`, 'INVALID_PARAMETER');
		}
		const systemId = String(system!.id);
		const volumeIds = (input.volume_list as string[] | undefined) ?? [];
		return context.tasks.accept({
			displayName: `Create volume collection ${name}`,
			source: { id: systemId, name: String(system!.name), type: 'storage-system', resourceUri: String(system!.resourceUri) },
			complete: () => {
				if (nameTaken(systemId, name)) throw new TaskFailure(`Volume collection "${name}" already exists on ${String(system!.name)}`, 'ALREADY_EXISTS');
				checkVolumes(system!, volumeIds, undefined, 'add');
				const record = store.create(systemId, { name, comments: input.description }, volumeIds);
				context.audit(`Volume collection ${name} created`, 'volume-set.create', { id: String(record.id), name, type: 'volume-set' });
				return ref(record);
			},
		});
	});
	sim.route('GET', `${base}/{volumeCollectionId}`, (request) => {
		const { record, missing } = findCollection(request);
		return missing ?? context.one(request, { ...store.volumeCollectionView(record!), requestUri: request.path }, 'Volume collection', String(record?.id));
	});
	sim.route('PUT', `${base}/{volumeCollectionId}`, (request) => {
		const { system, record, missing } = findCollection(request);
		if (missing) return missing;
		const input = body(request);
		return change(record!, `Edit volume collection ${String(record!.name)}`, 'volume-set.update', () => {
			const name = input.name === undefined ? undefined : String(input.name).trim();
			if (name !== undefined && nameTaken(String(system!.id), name, record)) {
				throw new TaskFailure(`Volume collection "${name}" already exists on ${String(system!.name)}`, 'ALREADY_EXISTS');
			}
			if (name) record!.name = name;
			if (input.description !== undefined) record!.comments = input.description;
		});
	});
	sim.route('DELETE', `${base}/{volumeCollectionId}`, (request) => {
		const { record, missing } = findCollection(request);
		if (missing) return missing;
		const force = request.query.force === 'true';
		return change(record!, `Delete volume collection ${String(record!.name)}`, 'volume-set.delete', () => {
			const count = (record!.volumeIds as string[]).length;
			if (count > 0 && !force) {
				throw new TaskFailure(`Volume collection ${String(record!.name)} still contains ${count} volume(s). Remove them first, or delete with force.`, 'IN_USE');
			}
			store.sets.delete(String(record!.id));
		});
	});
	for (const action of ['add-volumes', 'remove-volumes'] as const) {
		sim.route('POST', `${base}/{volumeCollectionId}/actions/${action}`, (request) => {
			const { system, record, missing } = findCollection(request);
			if (missing) return missing;
			const volumeIds = (body(request).volume_ids as string[] | undefined) ?? [];
			if (volumeIds.length === 0) return context.error(400, 'volume_ids must list at least one volume', 'INVALID_PARAMETER');
			const adding = action === 'add-volumes';
			return change(record!, `${adding ? 'Add volumes to' : 'Remove volumes from'} volume collection ${String(record!.name)}`, 'volume-set.update', () => {
				checkVolumes(system!, volumeIds, record, adding ? 'add' : 'remove');
				const current = record!.volumeIds as string[];
				record!.volumeIds = adding ? [...current, ...volumeIds] : current.filter((id) => !volumeIds.includes(id));
			});
		});
	}
}
