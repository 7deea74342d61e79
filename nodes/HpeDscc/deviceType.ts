import type { IDataObject } from 'n8n-workflow';

import type { ParameterReader } from '../shared/parameters';
import { apiRequest } from '../shared/transport';
import { DSCC_ID_PATTERN, dsccApi } from './api';

export type DeviceType = 'device-type1' | 'device-type2' | 'device-type4';

export const DEVICE_TYPE_NAMES: Record<DeviceType, string> = {
	'device-type1': 'HPE Primera / Alletra 9000',
	'device-type2': 'HPE Nimble / Alletra 6000',
	'device-type4': 'HPE Alletra Storage MP',
};

const FAMILY_HINTS: Array<[RegExp, DeviceType]> = [
	[/device-?type1|primera|alletra.?9|3par/i, 'device-type1'],
	[/device-?type2|nimble|alletra.?6/i, 'device-type2'],
	[/device-?type4|alletra.?(storage.?)?mp|b10000/i, 'device-type4'],
];

/** Reads the device type from a storage system record: its resourceUri, else its product family or type. */
export function deviceTypeOf(system: IDataObject): DeviceType | undefined {
	for (const field of ['resourceUri', 'type', 'productFamily', 'model']) {
		const value = system[field];
		if (typeof value !== 'string') continue;
		const hint = FAMILY_HINTS.find(([pattern]) => pattern.test(value));
		if (hint) return hint[1];
	}
	return undefined;
}

export interface ResolvedSystem {
	id: string;
	deviceType: DeviceType;
	name?: string;
	/** e.g. `Storage system "array1"`, for messages. */
	subject: string;
}

/**
 * Reads the Storage System parameter and finds out which device type it is, so the node can use the
 * right device-type path and body. Fails clearly, before any change is sent, when the operation does
 * not exist for that type.
 */
export async function resolveSystem(
	p: ParameterReader,
	supported: DeviceType[] = ['device-type1', 'device-type2', 'device-type4'],
	parameterName = 'systemId',
): Promise<ResolvedSystem> {
	const id = p.id(parameterName, { label: 'Storage System', pattern: DSCC_ID_PATTERN });
	return await resolveSystemById(p, id, supported);
}

/**
 * Finds out the device type of a storage system whose ID the node already knows, e.g. read from the
 * fleet record of a volume set. Fails like `resolveSystem` when the operation does not exist for that type.
 */
export async function resolveSystemById(
	p: ParameterReader,
	id: string,
	supported: DeviceType[] = ['device-type1', 'device-type2', 'device-type4'],
): Promise<ResolvedSystem> {
	const { body: system } = await apiRequest<IDataObject>(p.ctx, dsccApi, {
		method: 'GET',
		path: `/api/v1/storage-systems/${encodeURIComponent(id)}`,
		subject: `Storage system ${id}`,
		itemIndex: p.itemIndex,
	});
	const deviceType = deviceTypeOf(system);
	const name = typeof system.name === 'string' ? system.name : undefined;
	const subject = `Storage system "${name ?? id}"`;
	if (!deviceType) {
		p.fail(`${subject} is of a kind this node does not manage`, 'Supported: ' + Object.values(DEVICE_TYPE_NAMES).join(', '));
	}
	if (!supported.includes(deviceType)) {
		p.fail(
			`This operation is not available for ${subject} (${DEVICE_TYPE_NAMES[deviceType]})`,
			`It exists for: ${supported.map((type) => DEVICE_TYPE_NAMES[type]).join(', ')}.`,
		);
	}
	return { id, deviceType, name, subject };
}
