import type { DsccContext, Record } from './context';

/**
 * Which volumes are exported to which host groups: the one record both the volume endpoints (export,
 * un-export, delete, Nimble access control records) and the host endpoints (a host's volumes, refused
 * deletes, merges) read and change. An export gives the volume a LUN in the host group (a VLUN on
 * every host of the group).
 */
export interface VolumeExport {
	id: string;
	volumeId: string;
	hostGroupId: string;
	lun: number;
	iops: number;
	latencyMs: number;
	throughputKbps: number;
}

const COLLECTION = 'volumeExports';

function allExports(context: DsccContext): VolumeExport[] {
	return [...context.collection(COLLECTION).values()] as unknown as VolumeExport[];
}

export function exportsOfVolume(context: DsccContext, volumeId: string): VolumeExport[] {
	return allExports(context).filter((entry) => entry.volumeId === volumeId);
}

export function exportsOfHostGroup(context: DsccContext, hostGroupId: string): VolumeExport[] {
	return allExports(context).filter((entry) => entry.hostGroupId === hostGroupId);
}

export function findExport(context: DsccContext, volumeId: string, hostGroupId: string): VolumeExport | undefined {
	return allExports(context).find((entry) => entry.volumeId === volumeId && entry.hostGroupId === hostGroupId);
}

export function lunsInHostGroup(context: DsccContext, hostGroupId: string): Set<number> {
	return new Set(exportsOfHostGroup(context, hostGroupId).map((entry) => entry.lun));
}

/** The LUN an export gets when none is asked for: the lowest one free in the host group, from 1. */
function freeLun(used: Set<number>): number {
	let lun = 1;
	while (used.has(lun)) lun++;
	return lun;
}

/** Records that a volume is exported to a host group, with the given LUN or the lowest free one. */
export function recordExport(context: DsccContext, volumeId: string, hostGroupId: string, lun?: number): VolumeExport {
	const record: VolumeExport = {
		id: context.random.hex(32),
		volumeId,
		hostGroupId,
		lun: lun ?? freeLun(lunsInHostGroup(context, hostGroupId)),
		iops: context.random.int(200, 9000),
		latencyMs: context.random.int(3, 25) / 10,
		throughputKbps: context.random.int(20_000, 600_000),
	};
	context.add(COLLECTION, record as unknown as Record);
	return record;
}

/** Removes the export of a volume to a host group; says whether there was one. */
export function removeExport(context: DsccContext, volumeId: string, hostGroupId: string): boolean {
	const found = findExport(context, volumeId, hostGroupId);
	if (found) context.collection(COLLECTION).delete(found.id);
	return found !== undefined;
}

/** Removes every export of a volume (it is deleted, or force-deleted while exported). */
export function removeExportsOfVolume(context: DsccContext, volumeId: string): void {
	for (const entry of exportsOfVolume(context, volumeId)) context.collection(COLLECTION).delete(entry.id);
}

/** Removes every export to a host group (it is deleted with force). */
export function removeExportsOfHostGroup(context: DsccContext, hostGroupId: string): void {
	for (const entry of exportsOfHostGroup(context, hostGroupId)) context.collection(COLLECTION).delete(entry.id);
}

/**
 * Moves the exports of host groups into the group they were merged into. A volume exported to several
 * of them is exported once; a LUN already taken in the merged group is replaced by a free one.
 */
export function moveExports(context: DsccContext, fromHostGroupIds: string[], toHostGroupId: string): void {
	for (const entry of allExports(context).filter((candidate) => fromHostGroupIds.includes(candidate.hostGroupId))) {
		if (findExport(context, entry.volumeId, toHostGroupId)) {
			context.collection(COLLECTION).delete(entry.id);
			continue;
		}
		const used = lunsInHostGroup(context, toHostGroupId);
		entry.hostGroupId = toHostGroupId;
		if (used.has(entry.lun)) entry.lun = freeLun(used);
	}
}
