import { selectFields } from '../../framework/odata';
import type { SimRequest, SimResponse } from '../../framework/server';
import type { DsccContext, Record as Resource } from '../context';
import { CUSTOMER_ID } from '../context';
import { TaskFailure } from '../tasks';
import { SYSTEMS } from './core';
import type { DsccRouteModule } from './index';

/**
 * Hardware of the seeded storage systems (controllers / nodes, ports, enclosures / shelves, disks),
 * their capacity and performance figures, and the protection templates of Nimble / Alletra 6000.
 * Capacity is derived from the disks, so the capacity summary, the disks and the Nimble group's
 * space figures agree; performance comes from one load curve, so statistics and history agree.
 */

type SeededSystem = (typeof SYSTEMS)[number];
type PrimeraFamily = 'device-type1' | 'device-type4';

interface Owner {
	systemId: string;
	/** For disks of Primera / Alletra MP: the enclosure that holds them. */
	enclosureId?: string;
}

/** Which system (and enclosure) each seeded component belongs to; kept off the records the API returns. */
const owners = new WeakMap<Resource, Owner>();
/** Nimble ports: which section of the ports listing they appear in. */
const nimblePortSection = new WeakMap<Resource, 'fibre_channel_interface' | 'network_interface'>();

const SYSTEM_PROFILES: { [deviceType: string]: { baseIops: number; usedFraction: number; diskMiB: number; disksPerEnclosure: number; enclosures: number } } = {
	'device-type1': { baseIops: 42_000, usedFraction: 0.62, diskMiB: 3_662_109, disksPerEnclosure: 12, enclosures: 2 },
	'device-type2': { baseIops: 18_000, usedFraction: 0.47, diskMiB: 1_831_054, disksPerEnclosure: 12, enclosures: 2 },
	'device-type4': { baseIops: 65_000, usedFraction: 0.41, diskMiB: 7_324_218, disksPerEnclosure: 16, enclosures: 1 },
};
const MIB = 1_048_576;
const SEEDED_AT_MS = Date.parse('2026-06-01T08:00:00Z');

function add(context: DsccContext, collection: string, owner: Owner, record: Resource): Resource {
	owners.set(record, owner);
	return context.add(collection, record);
}

function ownedBy(context: DsccContext, collection: string, systemId: string, enclosureId?: string): Resource[] {
	return [...context.collection(collection).values()].filter((record) => {
		const owner = owners.get(record);
		return owner?.systemId === systemId && (enclosureId === undefined || owner.enclosureId === enclosureId);
	});
}

function wwn(context: DsccContext): string {
	return `2${context.random.hex(15)}`.toUpperCase();
}

/** Nimble object IDs: 42 hex digits, the group's prefix, an object type code and a serial number. */
function nimbleId(system: SeededSystem, typeCode: string, serial: number): string {
	return `${system.id.slice(0, 18)}${typeCode}${String(serial).padStart(22, '0')}`;
}

const normalState = (detailed: string | string[] = ['normal']) => ({ overall: 'STATE_NORMAL', detailed });

// ---- Primera / Alletra 9000 (device-type1) and Alletra Storage MP (device-type4) ----

function seedPrimeraFamily(context: DsccContext, system: SeededSystem, deviceType: PrimeraFamily): void {
	const base = `/api/v1/storage-systems/${deviceType}/${system.id}`;
	const profile = SYSTEM_PROFILES[deviceType];
	const owner = { systemId: system.id };
	const systemLink = [{ type: 'systems', resourceUri: base }];

	const enclosureIds: string[] = [];
	for (let cage = 0; cage < profile.enclosures; cage++) {
		const id = context.random.hex(32);
		enclosureIds.push(id);
		add(context, 'enclosures', owner, {
			id,
			enclosureId: cage,
			name: `cage${cage}`,
			displayname: `Enclosure ${cage}`,
			type: 'enclosure',
			customerId: CUSTOMER_ID,
			generation: 1,
			systemId: system.id,
			resourceUri: `${base}/enclosures/${id}`,
			associatedLinks: systemLink,
			enclosureType: cage === 0 ? 'ENCLOSURE_DCN1' : 'ENCLOSURE_DCS2',
			formFactor: 'SFF',
			location: `rack A${cage + 1}`,
			domain: '',
			locateEnabled: false,
			loopSplit: false,
			chainPosLoopA: cage,
			chainPosLoopB: cage,
			failIndicator: false,
			failRequested: false,
			warnIndicator: false,
			warnRequested: false,
			detailedState: 'normal',
			state: { overall: 'STATE_NORMAL', detailed: 'normal' },
			nodeWwn: wwn(context),
			dcsdata: { fwStatus: 'Current', fwVersion: '5.1.6' },
			errors: [],
			manufacturing: { manufacturer: 'HPE', model: cage === 0 ? 'DCN1' : 'DCS2', serialNumber: `7CE0${context.random.hex(6).toUpperCase()}` },
		});
		for (let slot = 0; slot < profile.disksPerEnclosure; slot++) {
			const diskId = context.random.hex(32);
			const allocatedMiB = Math.round(profile.diskMiB * profile.usedFraction);
			add(context, 'disks', { systemId: system.id, enclosureId: id }, {
				id: diskId,
				diskId: cage * 100 + slot,
				displayname: `Disk ${cage}:${slot}`,
				type: 'disk',
				customerId: CUSTOMER_ID,
				generation: 1,
				systemId: system.id,
				resourceUri: `${base}/enclosures/${id}/disks/${diskId}`,
				devType: 'SSD',
				mediaType: 'SSD',
				protocol: deviceType === 'device-type4' ? 'NVMe' : 'SAS',
				mfgCapacityGB: Math.round((profile.diskMiB * MIB) / 1e9),
				rawSizeMiB: profile.diskMiB,
				consumableSizeMiB: profile.diskMiB,
				capacity: { totalMiB: profile.diskMiB, allocatedMiB, freeMiB: profile.diskMiB - allocatedMiB, failedMiB: 0, unavailableMiB: 0 },
				positionNow: { cage, sled: slot },
				positionLast: { cage, sled: slot },
				lifeLeftPCT: 100 - context.random.int(0, 6),
				tempNow: context.random.int(28, 36),
				fwVersion: 'HPD4',
				fwStatus: 'Current',
				sedStatus: 'capable',
				wwn: `5000${context.random.hex(12).toUpperCase()}`,
				state: normalState(),
				readErrors: { correctable: 0, uncorrectable: 0 },
				writeErrors: { correctable: 0, uncorrectable: 0 },
				manufacturing: { manufacturer: 'HPE', model: 'MO003840JXNLP', serialNumber: `S6${context.random.hex(8).toUpperCase()}` },
			});
		}
	}

	for (let node = 0; node < 2; node++) {
		const nodeId = context.random.hex(32);
		const common = {
			id: nodeId,
			name: `node${node}`,
			displayname: `Node ${node}`,
			type: 'node',
			customerId: CUSTOMER_ID,
			generation: 1,
			systemId: system.id,
			resourceUri: `${base}/nodes/${nodeId}`,
			associatedLinks: systemLink,
			domain: '',
			inCluster: true,
			master: node === 0,
			online: true,
			kernelVersion: '4.14.35-hpe',
			uptime: { ms: SEEDED_AT_MS, tz: 'UTC' },
		};
		add(
			context,
			'controllers',
			owner,
			deviceType === 'device-type1'
				? {
						...common,
						NodeId: node,
						biosVersion: '3.8.2',
						cacheAvailablePct: 100,
						cacheEnabled: 100,
						controlMemoryMiB: 65_536,
						dataMemoryMiB: 131_072,
						locateEnabled: false,
						safeToRemove: false,
						serviceLED: 'LED_OFF',
						systemLED: 'LED_GREEN',
						state: normalState(),
						stateDescription: 'Normal',
						manufacturing: { manufacturer: 'HPE', model: 'Primera 650 node', serialNumber: `PCN${context.random.hex(7).toUpperCase()}` },
					}
				: {
						...common,
						enclosureId: 0,
						enclosureUid: enclosureIds[0],
						enclosureCardId: node,
						enclosureCardUid: context.random.hex(32),
						memoryMiB: 262_144,
						state: { overall: 'STATE_NORMAL', detailed: 'normal' },
					},
		);
		const ports: Array<{ slot: number; port: number; protocol: 'FC' | 'ISCSI' }> = [
			{ slot: 2, port: 1, protocol: 'FC' },
			{ slot: 2, port: 2, protocol: 'FC' },
			{ slot: 3, port: 1, protocol: 'ISCSI' },
			{ slot: 3, port: 2, protocol: 'ISCSI' },
		];
		for (const { slot, port, protocol } of ports) {
			const id = context.random.hex(32);
			const name = `${node}:${slot}:${port}`;
			const fc = protocol === 'FC';
			add(context, 'ports', owner, {
				id,
				name,
				displayname: `Port ${name}`,
				label: fc ? `FC ${name}` : `iSCSI ${name}`,
				type: 'port',
				customerId: CUSTOMER_ID,
				generation: 1,
				systemId: system.id,
				resourceUri: `${base}/ports/${id}`,
				associatedLinks: systemLink,
				nodeId,
				position: { node, slot, port },
				protocol,
				mode: 'TARGET',
				portType: 'HOST',
				config: 'VALID',
				configMode: fc ? 'POINT' : 'NA',
				connectionType: fc ? 'POINT' : 'ETH',
				failoverStatus: 'NONE',
				speedActual: fc ? '32Gbps' : '25Gbps',
				speedConfigured: 'AUTO',
				speedMax: fc ? '32Gbps' : '25Gbps',
				speedMin: fc ? '8Gbps' : '10Gbps',
				state: { overall: 'STATE_NORMAL', detailed: ['ready'] },
				stateDescription: ['Ready'],
				cardType: { key: fc ? 'FC' : 'ETH', default: fc ? 'Fibre Channel' : 'Ethernet' },
				fcData: fc ? { nodeWWN: wwn(context), portWWN: wwn(context) } : null,
				iscsiData: fc
					? null
					: {
							ipAddress: `10.30.${node}.${slot * 10 + port}`,
							subnetMask: '255.255.255.0',
							gatewayAddress: `10.30.${node}.1`,
							iscsiName: `iqn.2000-05.com.3pardata:${system.id.toLowerCase()}${node}${slot}${port}`,
							macAddress: `00:02:ac:${context.random.hex(2)}:${context.random.hex(2)}:${context.random.hex(2)}`,
							mtu: '9000',
							supportsVlan: true,
							sendTargetGroupTag: 0,
							targetPortalGroupTag: node * 100 + slot * 10 + port,
							iSNSPrimaryAddress: '0.0.0.0',
							iSNSTcpPort: 3205,
						},
				vlans: [],
				devices: [],
			});
		}
	}
}

/** Capacity summary of a Primera / Alletra MP, summed from its disks (MiB). */
function primeraCapacitySummary(context: DsccContext, system: Resource, base: string): Resource {
	const disks = ownedBy(context, 'disks', String(system.id));
	const sum = (key: string) => disks.reduce((total, disk) => total + Number((disk.capacity as Resource)[key]), 0);
	const total = sum('totalMiB');
	const allocated = sum('allocatedMiB');
	const free = sum('freeMiB');
	const percent = (part: number) => Math.round((part / total) * 10_000) / 100;
	const systemSpace = Math.round(allocated * 0.04);
	const summary = {
		total,
		free,
		freeInitialized: free,
		freeUninitialized: 0,
		freePercentage: percent(free),
		allocatedPercentage: percent(allocated),
		failed: 0,
		failedPercentage: 0,
		unavailable: 0,
		unavailablePercentage: 0,
		dataReduction: 2.4,
		compaction: 3.1,
		compression: 1.5,
		dedup: 1.6,
		overProvisioning: 1.8,
		allocated: { total: allocated, system: systemSpace, cpgs: allocated - systemSpace, cpgsShared: 0, cpgsFree: 0, unmapped: 0, legacyVolumes: 0 },
	};
	const volumeSpace = Math.round((allocated - systemSpace) * 0.85);
	return {
		id: String(system.id),
		systemId: String(system.id),
		customerId: CUSTOMER_ID,
		requestUri: `${base}/capacity-summary`,
		resourceUri: `${base}/capacity-summary`,
		associatedLinks: [{ type: 'systems', resourceUri: base }],
		capacityByTier: { ssdUsed: allocated, ssdFree: free, fcUsed: 0, fcFree: 0, nlUsed: 0, nlFree: 0, totalUsed: allocated, usableCapacity: total },
		capacityDetail: { volumeSpace, snapSpace: allocated - systemSpace - volumeSpace },
		capacitySummary: summary,
		ssdCapacitySummary: summary,
		utilizationSummary: { capacityUsageData: { usedSizeMiB: allocated, freeSizeMiB: free }, provisionedCapacity: Math.round(allocated * 1.8) },
	};
}

// ---- Nimble / Alletra 6000 (device-type2) ----

function seedNimble(context: DsccContext, system: SeededSystem): void {
	const base = `/api/v1/storage-systems/device-type2/${system.id}`;
	const profile = SYSTEM_PROFILES['device-type2'];
	const owner = { systemId: system.id };
	const arrayId = nimbleId(system, '07', 1);
	const arrayName = `${system.name}-a1`;
	const links = [{ type: 'systems', resourceUri: base }];
	const diskBytes = profile.diskMiB * MIB;
	let rawCapacity = 0;
	let usableCapacity = 0;

	for (let shelf = 0; shelf < profile.enclosures; shelf++) {
		const id = nimbleId(system, '2c', shelf + 1);
		const serial = `AF-${209_112 + shelf}`;
		const shelfRaw = diskBytes * profile.disksPerEnclosure;
		const shelfUsable = Math.round(shelfRaw * 0.72);
		rawCapacity += shelfRaw;
		usableCapacity += shelfUsable;
		add(context, 'enclosures', owner, {
			id,
			array_id: arrayId,
			array_name: arrayName,
			model: shelf === 0 ? 'AF40' : 'ES3',
			model_ext: shelf === 0 ? 'AF40-2P-18T' : 'ES3-AF-24T',
			serial,
			chassis_type: shelf === 0 ? 'chassis_nmbl_4u24' : 'chassis_nmbl_2u12',
			type: 'shelf',
			customerId: CUSTOMER_ID,
			generation: 1,
			resourceUri: `${base}/shelves/${id}`,
			consoleUri: `/data-ops-manager/storage-systems/device-type2/${system.id}/shelves/${id}`,
			associated_links: links,
			fan_overall_status: 'OK',
			psu_overall_status: 'OK',
			temp_overall_status: 'OK',
			chassis_sensors: [{ cid: 'A', name: 'temp-bp', display_name: 'Backplane temperature', location: 'backplane', status: 'OK', type: 'temperature', value: 31 }],
			ctrlrs: [],
			disk_sets: [
				{ driveset: 0, raw_capacity: shelfRaw, usable_capacity: shelfUsable, raw_cache_capacity: 0, usable_cache_capacity: 0, is_flash_shelf: true, is_capacity_valid: true, sw_state: 'online' },
			],
		});
		for (let slot = 1; slot <= profile.disksPerEnclosure; slot++) {
			const diskId = nimbleId(system, '0e', shelf * 100 + slot);
			add(context, 'disks', owner, {
				id: diskId,
				array_id: arrayId,
				array_name: arrayName,
				device_type: 'ssd',
				model: 'SAMSUNG MZILT1T9HBJR0D3',
				vendor: 'SAMSUNG',
				serial: `S5${context.random.hex(10).toUpperCase()}`,
				shelf_id: id,
				shelf_serial: serial,
				shelf_location: `A.${shelf}`,
				shelf_location_id: shelf,
				vshelf_id: shelf,
				slot,
				bank: slot <= 12 ? 0 : 1,
				state: 'in use',
				raid_state: 'okay',
				raid_id: slot,
				raid_resync_percent: 100,
				raid_resync_average_speed: 0,
				raid_resync_current_speed: 0,
				size: diskBytes,
				block_type: 'block_4Kn',
				firmware_version: 'HPK4',
				hba: 0,
				port: shelf,
				is_dfc: false,
				path: `/dev/sd${String.fromCharCode(97 + ((shelf * 12 + slot - 1) % 26))}`,
				smart_attribute_list: [],
				type: 'disk',
				customerId: CUSTOMER_ID,
				generation: 1,
				resourceUri: `${base}/disks/${diskId}`,
				consoleUri: `/data-ops-manager/storage-systems/device-type2/${system.id}/disks/${diskId}`,
				associatedLinks: links,
			});
		}
	}

	for (const side of ['A', 'B'] as const) {
		const controllerId = nimbleId(system, '0c', side === 'A' ? 1 : 2);
		add(context, 'controllers', owner, {
			id: controllerId,
			name: side,
			array_id: arrayId,
			array_name: arrayName,
			serial: `AF-209112-C${side === 'A' ? 1 : 2}`,
			ctrlr_side: side,
			state: side === 'A' ? 'active' : 'standby',
			hostname: `${system.name}-${side.toLowerCase()}`,
			support_address: `10.20.1.${side === 'A' ? 21 : 22}`,
			support_netmask: '255.255.255.0',
			support_nic: 'eth1',
			fan_status: 'fan_okay',
			power_status: 'ps_okay',
			temperature_status: 'temperature_okay',
			fans: [{ name: `fan1-${side}`, display_name: 'Fan 1', ctrlr_owner: side, current_reading: 8200, location: 'rear', state: 'sensor_ok' }],
			power_supplies: [{ name: `psu1-${side}`, display_name: 'Power supply 1', ctrlr_owner: 'independent', current_reading: 0, location: 'rear', state: 'sensor_ok' }],
			temperature_sensors: [{ name: `cpu-${side}`, display_name: 'CPU temperature', ctrlr_owner: side, current_reading: 47, location: 'motherboard', state: 'sensor_ok' }],
			partition_status: [],
			nvme_cards: [],
			nvme_cards_enabled: 0,
			version_current: system.softwareVersion,
			version_target: system.softwareVersion,
			version_rollback: '6.0.0.300',
			update_state: 'none',
			asup_time: Math.floor(SEEDED_AT_MS / 1000),
			type: 'controller',
			customerId: CUSTOMER_ID,
			generation: 1,
			resourceUri: `${base}/controllers/${controllerId}`,
			consoleUri: `/data-ops-manager/storage-systems/device-type2/${system.id}/controllers/${controllerId}`,
			associated_links: links,
		});
		for (const [index, port] of ['fc1a', 'fc1b'].entries()) {
			const id = nimbleId(system, '13', (side === 'A' ? 10 : 20) + index);
			const record = add(context, 'ports', owner, {
				id,
				name: `${port}.1`,
				controller_name: side,
				fc_port_id: nimbleId(system, '12', (side === 'A' ? 10 : 20) + index),
				fc_port_name: port,
				wwnn: `56:c9:ce:90:${context.random.hex(2)}:${context.random.hex(2)}:${context.random.hex(2)}:00`,
				wwpn: `56:c9:ce:90:${context.random.hex(2)}:${context.random.hex(2)}:${context.random.hex(2)}:0${index + 1}`,
				array_name_or_serial: arrayName,
				bus_location: `0000:8${index}:00.0`,
				firmware_version: '14.2.441.0',
				online: true,
				orientation: 'left_to_right',
				logical_port_number: index + 1,
				slot: 1,
				port: index,
				peerzone: '',
				link_info: { link_speed: '32G', max_link_speed: '32G', link_status: 'plat_fc_link_status_up', operational_status: 'plat_fc_operational_status_direct' },
				fabric_info: { fabric_switch_name: `san-fab-${index === 0 ? 'a' : 'b'}`, fabric_switch_port: 12 + index, logged_in: true },
				type: 'fc_interface',
				customerId: CUSTOMER_ID,
				generation: 1,
			});
			nimblePortSection.set(record, 'fibre_channel_interface');
		}
		for (const [index, port] of ['eth1', 'tg1a', 'tg1b'].entries()) {
			const id = nimbleId(system, '14', (side === 'A' ? 10 : 20) + index);
			const data = port !== 'eth1';
			const record = add(context, 'ports', owner, {
				id,
				name: port,
				controller_name: side,
				controller_id: controllerId,
				array_id: arrayId,
				array_name_or_serial: arrayName,
				ip_list: data ? [{ ip: `10.40.${index}.${side === 'A' ? 11 : 12}`, vlan_id: 0 }] : [{ ip: `10.20.1.${side === 'A' ? 21 : 22}`, vlan_id: 0 }],
				is_present: true,
				link_speed: data ? 'link_speed_10000M' : 'link_speed_1000M',
				max_link_speed: data ? 'link_speed_10000M' : 'link_speed_1000M',
				link_status: 'link_status_up',
				mac: `6c:b3:11:${context.random.hex(2)}:${context.random.hex(2)}:${context.random.hex(2)}`,
				mtu: data ? 9000 : 1500,
				nic_type: data ? 'nic_type_sfp' : 'nic_type_tp',
				slot: data ? 2 : 0,
				port: index,
				type: 'network_interface',
				customerId: CUSTOMER_ID,
				generation: 1,
			});
			nimblePortSection.set(record, 'network_interface');
		}
	}

	const usage = Math.round(usableCapacity * profile.usedFraction);
	const volumeUsage = Math.round(usage * 0.9);
	const record = context.collection('storageSystems').get(system.id);
	if (record) {
		Object.assign(record, {
			raw_capacity: rawCapacity,
			usable_capacity_bytes: usableCapacity,
			usage,
			free_space: usableCapacity - usage,
			unused_reserve_bytes: 0,
			pending_deletes: 0,
			compressed_vol_usage_bytes: volumeUsage,
			uncompressed_vol_usage_bytes: Math.round(volumeUsage * 1.9),
			compressed_snap_usage_bytes: usage - volumeUsage,
			uncompressed_snap_usage_bytes: Math.round((usage - volumeUsage) * 1.9),
			snap_usage_populated: Math.round((usage - volumeUsage) * 6),
			savings_compression: Math.round(volumeUsage * 0.9),
			savings_dedupe: Math.round(volumeUsage * 0.4),
			savings_clone: Math.round(volumeUsage * 0.1),
			savings_data_reduction: Math.round(volumeUsage * 1.3),
			savings_vol_thin_provisioning: Math.round(volumeUsage * 0.8),
			savings: Math.round(volumeUsage * 2.1),
			savings_ratio: 3.1,
			data_reduction_ratio: 2.3,
			compression_ratio: 1.9,
			dedupe_ratio: 1.4,
			clone_ratio: 1.1,
			vol_thin_provisioning_ratio: 1.8,
			usage_valid: true,
			space_info_valid: true,
		});
	}

	seedProtectionTemplates(context, system);
}

const DEFAULT_SCHEDULE = {
	period: 1,
	period_unit: 'days',
	at_time: 0,
	until_time: 86_399,
	days: 'all',
	num_retain_replica: 0,
	replicate_every: 1,
	repl_alert_thres: 86_400,
	schedule_type: 'regular',
	disable_appsync: false,
	snap_verify: false,
	skip_db_consistency_check: false,
	downstream_partner: '',
	downstream_partner_id: '',
	downstream_partner_name: '',
};

/** Serial numbers of new Nimble objects, per simulator. */
const serials = new WeakMap<DsccContext, { [typeCode: string]: number }>();

function nextNimbleId(context: DsccContext, system: SeededSystem, typeCode: string): string {
	const counters = serials.get(context) ?? {};
	serials.set(context, counters);
	counters[typeCode] = (counters[typeCode] ?? 0) + 1;
	return nimbleId(system, typeCode, 1000 + counters[typeCode]);
}

function scheduleRecord(context: DsccContext, system: SeededSystem, input: Resource): Resource {
	const id = nextNimbleId(context, system, '0d');
	const schedule: Resource = { ...DEFAULT_SCHEDULE, ...input, id, schedule_id: id, active: true, mfa_protected: false };
	return { ...schedule, schedule_name: schedule.name, downstream_partner_name: schedule.downstream_partner };
}

function templateRecord(context: DsccContext, system: SeededSystem, body: Resource): Resource {
	const id = nextNimbleId(context, system, '12');
	const now = Math.floor(Date.now() / 1000);
	const name = String(body.name);
	return {
		id,
		name,
		full_name: name,
		search_name: name,
		description: body.description ?? '',
		app_sync: body.app_sync ?? 'none',
		app_id: body.app_id ?? null,
		app_server: body.app_server ?? '',
		app_cluster_name: body.app_cluster_name ?? '',
		app_service_name: body.app_service_name ?? '',
		agent_hostname: '',
		agent_username: '',
		vcenter_hostname: '',
		vcenter_username: '',
		repl_priority: 'normal',
		creation_time: now,
		last_modified: now,
		schedule_list: ((body.schedules as Resource[] | undefined) ?? []).map((schedule) => scheduleRecord(context, system, schedule)),
		type: 'protection_template',
		customerId: CUSTOMER_ID,
		generation: 1,
		resourceUri: `/api/v1/storage-systems/device-type2/${system.id}/protection-templates/${id}`,
		consoleUri: `/data-ops-manager/storage-systems/device-type2/${system.id}/protection-templates/${id}`,
		associated_links: [{ type: 'systems', resourceUri: `/api/v1/storage-systems/device-type2/${system.id}` }],
	};
}

function seedProtectionTemplates(context: DsccContext, system: SeededSystem): void {
	const builtIn: Resource[] = [
		{ name: 'Retain-30Daily', description: 'Provides daily snapshots retained for 30 days', schedules: [{ name: 'daily', num_retain: 30, at_time: 82_800 }] },
		{ name: 'Retain-90Daily', description: 'Provides daily snapshots retained for 90 days', schedules: [{ name: 'daily', num_retain: 90, at_time: 82_800 }] },
		{
			name: 'Retain-48Hourly-30Daily-52Weekly',
			description: 'Hourly, daily and weekly snapshots',
			schedules: [
				{ name: 'hourly', num_retain: 48, period: 1, period_unit: 'hours' },
				{ name: 'daily', num_retain: 30, at_time: 82_800 },
				{ name: 'weekly', num_retain: 52, days: 'sunday', at_time: 3_600 },
			],
		},
	];
	for (const body of builtIn) {
		add(context, 'protectionTemplates', { systemId: system.id }, templateRecord(context, system, body));
	}
}

/** Checks what the array checks when it applies a schedule; the spec leaves these to the array. */
function checkSchedule(schedule: Resource): void {
	const inRange = (key: string, min: number, max: number) => {
		const value = schedule[key];
		if (value !== undefined && value !== null && (typeof value !== 'number' || value < min || value > max)) {
			throw new TaskFailure(`Invalid value for ${key} in schedule '${String(schedule.name)}': ${String(value)}`, 'SM_invalid_arg_value');
		}
	};
	inRange('at_time', 0, 86_399);
	inRange('until_time', 0, 86_399);
	inRange('num_retain', 1, 1_000_000);
	inRange('period', 1, 1_000_000);
	if (schedule.period_unit !== undefined && !['minutes', 'hours', 'days', 'weeks'].includes(String(schedule.period_unit))) {
		throw new TaskFailure(`Invalid period_unit '${String(schedule.period_unit)}'`, 'SM_invalid_arg_value');
	}
	const days = schedule.days === undefined ? [] : String(schedule.days).split(',');
	const week = ['all', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
	const unknownDay = days.find((day) => !week.includes(day));
	if (unknownDay !== undefined) throw new TaskFailure(`Invalid day '${unknownDay}' in schedule '${String(schedule.name)}'`, 'SM_invalid_arg_value');
}

function checkScheduleNames(schedules: Resource[]): void {
	const names = schedules.map((schedule) => String(schedule.name).toLowerCase());
	const duplicate = names.find((name, index) => names.indexOf(name) !== index);
	if (duplicate !== undefined) throw new TaskFailure(`Schedule name '${duplicate}' is used twice in the protection template`, 'SM_eexist');
}

// ---- performance: one load curve per system ----

interface MetricPoint {
	read: number;
	write: number;
	total: number;
}

/** IOPS, latency (ms) and throughput (MiB/s) of a system at a moment: a daily curve plus a little noise. */
function performanceAt(deviceType: string, epochSeconds: number): { iops: MetricPoint; latency: MetricPoint; throughput: MetricPoint } {
	const { baseIops } = SYSTEM_PROFILES[deviceType];
	const load = 0.75 + 0.25 * Math.sin((2 * Math.PI * (epochSeconds % 86_400)) / 86_400) + 0.03 * Math.sin(epochSeconds / 997);
	const totalIops = Math.round(baseIops * load);
	const readIops = Math.round(totalIops * 0.68);
	const round = (value: number) => Math.round(value * 1000) / 1000;
	const readLatency = round(0.25 + 0.2 * load);
	const writeLatency = round(0.35 + 0.3 * load);
	return {
		iops: { read: readIops, write: totalIops - readIops, total: totalIops },
		latency: { read: readLatency, write: writeLatency, total: round(readLatency * 0.68 + writeLatency * 0.32) },
		throughput: { read: round((readIops * 32) / 1024), write: round(((totalIops - readIops) * 32) / 1024), total: round((totalIops * 32) / 1024) },
	};
}

const FIVE_MINUTES = 300;

function performanceStatistics(deviceType: string, base: string): Resource {
	const latest = Math.floor(Date.now() / 1000 / FIVE_MINUTES) * FIVE_MINUTES;
	const average = (metric: 'iops' | 'latency' | 'throughput', points: number) => {
		let sum = 0;
		for (let index = 0; index < points; index++) sum += performanceAt(deviceType, latest - index * FIVE_MINUTES)[metric].total;
		return Math.round((sum / points) * 1000) / 1000;
	};
	const metric = (name: 'iops' | 'latency' | 'throughput') => ({
		avgOfLatest: performanceAt(deviceType, latest)[name].total,
		avgOf1hour: average(name, 12),
		avgOf8hours: average(name, 96),
		avgOf1day: average(name, 288),
	});
	return {
		customerId: CUSTOMER_ID,
		iops: metric('iops'),
		latency: metric('latency'),
		throughput: metric('throughput'),
		requestUri: `${base}/performance-statistics`,
		resourceUri: `${base}/performance-statistics`,
	};
}

const RANGE = /^\s*startTime\s+eq\s+(\d+)\s+and\s+endTime\s+eq\s+(\d+)\s*$/;

function performanceHistory(context: DsccContext, request: SimRequest, base: string): SimResponse {
	const now = Math.floor(Date.now() / 1000);
	let start = now - 86_400;
	let end = now;
	if (request.query.range !== undefined) {
		const match = RANGE.exec(request.query.range);
		if (!match) return context.error(400, "range must look like 'startTime eq <epoch seconds> and endTime eq <epoch seconds>'", 'INVALID_PARAMETER');
		start = Number(match[1]);
		end = Number(match[2]);
		if (start >= end) return context.error(400, 'range: startTime must be before endTime', 'INVALID_PARAMETER');
	}
	const step = Number(request.query.timeIntervalMin ?? 5) * 60;
	if ((end - start) / step > 10_000) return context.error(400, 'range holds too many points for this timeIntervalMin', 'INVALID_PARAMETER');
	const series: { [metric: string]: Resource[] } = { iops: [], latency: [], throughput: [] };
	// Points exist only up to now: the array cannot report the future.
	for (let at = Math.ceil(start / step) * step; at <= Math.min(end, now); at += step) {
		const point = performanceAt('device-type2', at);
		for (const metric of ['iops', 'latency', 'throughput'] as const) {
			series[metric].push({ timestampms: at * 1000, read_value: point[metric].read, write_value: point[metric].write, total_value: point[metric].total });
		}
	}
	const metricData = (metric: string) => ({ count: series[metric].length, series_data: series[metric] });
	return context.ok({
		iops_metrics_data: metricData('iops'),
		latency_metrics_data: metricData('latency'),
		throughput_metrics_data: metricData('throughput'),
		requestURI: `${base}/performance-history`,
	});
}

// ---- routes ----

type SystemHandler = (request: SimRequest, system: Resource, base: string) => SimResponse;

function onSystem(context: DsccContext, deviceType: string, handler: SystemHandler) {
	return (request: SimRequest): SimResponse => {
		const id = request.params.systemId;
		const system = context.collection('storageSystems').get(id);
		if (!system || !String(system.resourceUri).includes(`/${deviceType}/`)) return context.notFound('Storage system', id);
		return handler(request, system, `/api/v1/storage-systems/${deviceType}/${id}`);
	};
}

function one(context: DsccContext, request: SimRequest, records: Resource[], id: string, kind: string): SimResponse {
	return context.one(request, records.find((record) => record.id === id), kind, id);
}

/** The Nimble ports listing: Fibre Channel and network interfaces, paged together, answered in two sections. */
function nimblePorts(context: DsccContext, request: SimRequest, ports: Resource[], base: string): SimResponse {
	const { filter, sort, offset, limit, select } = request.query;
	const ordered = [
		...ports.filter((port) => nimblePortSection.get(port) === 'fibre_channel_interface'),
		...ports.filter((port) => nimblePortSection.get(port) === 'network_interface'),
	];
	const filtered = context.list({ ...request, query: { filter, sort } }, ordered);
	if (filtered.status !== 200) return filtered;
	const matching = (filtered.body as { items: Resource[] }).items;
	const paged = context.list({ ...request, query: { offset, limit } }, matching);
	if (paged.status !== 200) return paged;
	const { items: page, pageLimit, pageOffset } = paged.body as { items: Resource[]; pageLimit: number; pageOffset: number };
	const section = (name: string) => ({
		items: page.filter((port) => nimblePortSection.get(port) === name).map((port) => selectFields(port, select)),
		total: matching.filter((port) => nimblePortSection.get(port) === name).length,
	});
	return context.ok({
		fibre_channel_interface: section('fibre_channel_interface'),
		network_interface: section('network_interface'),
		total: matching.length,
		pageLimit,
		pageOffset,
		requestUri: `${base}/ports`,
		associated_links: [{ type: 'systems', resourceUri: base }],
	});
}

function registerPrimeraFamily(context: DsccContext, deviceType: PrimeraFamily): void {
	const { sim } = context;
	const root = `/api/v1/storage-systems/${deviceType}/{systemId}`;
	const owned = (collection: string, system: Resource, enclosureId?: string) => ownedBy(context, collection, String(system.id), enclosureId);
	const route = (path: string, handler: SystemHandler) => sim.route('GET', `${root}${path}`, onSystem(context, deviceType, handler));

	route('/nodes', (request, system) => context.list(request, owned('controllers', system)));
	route('/nodes/{id}', (request, system) => one(context, request, owned('controllers', system), request.params.id, 'Node'));
	route('/ports', (request, system) => context.list(request, owned('ports', system)));
	route('/ports/{id}', (request, system) => one(context, request, owned('ports', system), request.params.id, 'Port'));
	route('/enclosures', (request, system) => context.list(request, owned('enclosures', system)));
	route('/enclosures/{id}', (request, system) => one(context, request, owned('enclosures', system), request.params.id, 'Enclosure'));
	route('/enclosures/{cageId}/disks', (request, system) => {
		const enclosureId = request.params.cageId;
		if (!owned('enclosures', system).some((enclosure) => enclosure.id === enclosureId)) return context.notFound('Enclosure', enclosureId);
		return context.list(request, owned('disks', system, enclosureId));
	});
	route('/enclosures/{cageId}/disks/{id}', (request, system) => {
		const enclosureId = request.params.cageId;
		if (!owned('enclosures', system).some((enclosure) => enclosure.id === enclosureId)) return context.notFound('Enclosure', enclosureId);
		return one(context, request, owned('disks', system, enclosureId), request.params.id, 'Disk');
	});
	route('/capacity-summary', (request, system, base) => context.ok(selectFields(primeraCapacitySummary(context, system, base), request.query.select)));
	route('/performance-statistics', (request, _system, base) => context.ok(selectFields(performanceStatistics(deviceType, base), request.query.select)));
}

function registerNimble(context: DsccContext): void {
	const { sim } = context;
	const root = '/api/v1/storage-systems/device-type2/{systemId}';
	const owned = (collection: string, system: Resource) => ownedBy(context, collection, String(system.id));
	const route = (method: string, path: string, handler: SystemHandler) => sim.route(method, `${root}${path}`, onSystem(context, 'device-type2', handler));
	const seeded = (system: Resource) => SYSTEMS.find((candidate) => candidate.id === system.id)!;

	route('GET', '/controllers', (request, system) => context.list(request, owned('controllers', system)));
	route('GET', '/controllers/{controllerId}', (request, system) => one(context, request, owned('controllers', system), request.params.controllerId, 'Controller'));
	route('GET', '/ports', (request, system, base) => nimblePorts(context, request, owned('ports', system), base));
	route('GET', '/ports/{portId}', (request, system) => one(context, request, owned('ports', system), request.params.portId, 'Port'));
	route('GET', '/shelves', (request, system) => context.list(request, owned('enclosures', system)));
	route('GET', '/shelves/{shelfId}', (request, system) => one(context, request, owned('enclosures', system), request.params.shelfId, 'Shelf'));
	route('GET', '/disks', (request, system) => context.list(request, owned('disks', system)));
	route('GET', '/disks/{diskId}', (request, system) => one(context, request, owned('disks', system), request.params.diskId, 'Disk'));
	route('GET', '/performance-history', (request, _system, base) => performanceHistory(context, request, base));

	route('GET', '/performance-policies', (request, system) => context.list(request, owned('performancePolicies', system)));
	route('GET', '/protection-templates', (request, system) => context.list(request, owned('protectionTemplates', system)));
	route('GET', '/protection-templates/{protectionTemplateId}', (request, system) =>
		one(context, request, owned('protectionTemplates', system), request.params.protectionTemplateId, 'Protection template'),
	);

	route('POST', '/protection-templates', (request, system) => {
		const body = request.body as Resource;
		const name = typeof body.name === 'string' ? body.name.trim() : '';
		if (name === '') return context.error(400, 'name is required to create a protection template', 'INVALID_PARAMETER');
		const schedules = (body.schedules as Resource[] | undefined) ?? [];
		return context.tasks.accept({
			displayName: `Create protection template ${name}`,
			source: { id: String(system.id), name: String(system.name), type: 'storage-system', resourceUri: String(system.resourceUri) },
			complete: () => {
				const existing = owned('protectionTemplates', system);
				if (existing.some((template) => String(template.name).toLowerCase() === name.toLowerCase())) {
					throw new TaskFailure(`A protection template named '${name}' already exists on ${String(system.name)}`, 'SM_eexist');
				}
				schedules.forEach(checkSchedule);
				checkScheduleNames(schedules);
				const template = add(
					context,
					'protectionTemplates',
					{ systemId: String(system.id) },
					templateRecord(context, seeded(system), { ...body, name }),
				);
				context.audit(`Protection template ${name} created`, 'protection-template.create', { id: String(template.id), name, type: 'protection-template' });
				return { id: String(template.id), name, type: 'protection-template', resourceUri: String(template.resourceUri) };
			},
		});
	});

	route('PUT', '/protection-templates/{protectionTemplateId}', (request, system) => {
		const id = request.params.protectionTemplateId;
		const template = owned('protectionTemplates', system).find((candidate) => candidate.id === id);
		if (!template) return context.notFound('Protection template', id);
		const body = request.body as Resource;
		return context.tasks.accept({
			displayName: `Update protection template ${String(template.name)}`,
			source: { id, name: String(template.name), type: 'protection-template', resourceUri: String(template.resourceUri) },
			complete: () => {
				const changed: Resource = { ...template, schedule_list: [...(template.schedule_list as Resource[])] };
				if (typeof body.name === 'string' && body.name !== template.name) {
					const taken = owned('protectionTemplates', system).some((other) => other.id !== id && String(other.name).toLowerCase() === String(body.name).toLowerCase());
					if (taken) throw new TaskFailure(`A protection template named '${body.name}' already exists on ${String(system.name)}`, 'SM_eexist');
					Object.assign(changed, { name: body.name, full_name: body.name, search_name: body.name });
				}
				for (const key of ['description', 'app_sync', 'app_id', 'app_server', 'app_cluster_name', 'app_service_name']) {
					if (body[key] !== undefined) changed[key] = body[key];
				}
				let schedules = changed.schedule_list as Resource[];
				for (const { id: scheduleId } of (body.removeSchedules as Resource[] | undefined) ?? []) {
					if (!schedules.some((schedule) => schedule.id === scheduleId)) throw new TaskFailure(`Schedule ${String(scheduleId)} is not part of protection template '${String(template.name)}'`, 'SM_enoent');
					schedules = schedules.filter((schedule) => schedule.id !== scheduleId);
				}
				for (const edit of (body.editSchedules as Resource[] | undefined) ?? []) {
					const index = schedules.findIndex((schedule) => schedule.id === edit.id);
					if (index < 0) throw new TaskFailure(`Schedule ${String(edit.id)} is not part of protection template '${String(template.name)}'`, 'SM_enoent');
					checkSchedule({ ...schedules[index], ...edit });
					const merged = { ...schedules[index], ...edit };
					schedules[index] = { ...merged, schedule_name: merged.name, downstream_partner_name: merged.downstream_partner };
				}
				const added = (body.addSchedules as Resource[] | undefined) ?? [];
				added.forEach(checkSchedule);
				schedules = [...schedules, ...added.map((schedule) => scheduleRecord(context, seeded(system), schedule))];
				checkScheduleNames(schedules);
				Object.assign(template, changed, {
					schedule_list: schedules,
					last_modified: Math.floor(Date.now() / 1000),
					generation: Number(template.generation) + 1,
				});
				context.audit(`Protection template ${String(template.name)} updated`, 'protection-template.update', { id, name: String(template.name), type: 'protection-template' });
				return { id, name: String(template.name), type: 'protection-template', resourceUri: String(template.resourceUri) };
			},
		});
	});
}

/** The performance policies every Nimble array ships with (a few of them), as the spec's NimblePerformancePolicy. */
function seedPerformancePolicies(context: DsccContext, system: SeededSystem): void {
	const builtIn = [
		{ name: 'default', app_category: 'Other', block_size: 4096, compress: true, cache: true },
		{ name: 'SQL Server', app_category: 'DB', block_size: 8192, compress: true, cache: true },
		{ name: 'VMware ESX', app_category: 'Virtual Server', block_size: 4096, compress: true, cache: true },
		{ name: 'Backup Repository', app_category: 'Backup', block_size: 32768, compress: true, cache: false },
	];
	builtIn.forEach((policy, index) => {
		const id = nimbleId(system, '03', index + 1);
		add(context, 'performancePolicies', { systemId: system.id }, {
			id,
			...policy,
			full_name: policy.name,
			search_name: policy.name,
			description: `${policy.name} performance policy`,
			cache_policy: 'normal',
			space_policy: 'offline',
			dedupe_enabled: false,
			predefined: true,
			volume_count: 0,
			creation_time: 1_700_000_000,
			last_modified: 1_700_000_000,
			type: 'performance_policy',
			customerId: CUSTOMER_ID,
			generation: 1,
			resourceUri: `/api/v1/storage-systems/device-type2/${system.id}/performance-policies/${id}`,
			consoleUri: `/data-ops-manager/storage-systems/device-type2/${system.id}/performance-policies/${id}`,
			associated_links: [{ type: 'systems', resourceUri: `/api/v1/storage-systems/device-type2/${system.id}` }],
		});
	});
}

export const hardwareRoutes: DsccRouteModule = {
	seed(context) {
		for (const system of SYSTEMS) {
			if (system.deviceType === 'device-type2') {
				seedNimble(context, system);
				seedPerformancePolicies(context, system);
			}
			else seedPrimeraFamily(context, system, system.deviceType);
		}
	},
	register(context) {
		registerPrimeraFamily(context, 'device-type1');
		registerPrimeraFamily(context, 'device-type4');
		registerNimble(context);
	},
};
