import type { IDataObject } from 'n8n-workflow';

import { pagingProperties } from '../../shared/descriptions';
import type { ResourceDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { apiRequest } from '../../shared/transport';
import { DSCC_ID_PATTERN, dsccApi } from '../api';
import type { ResolvedSystem } from '../deviceType';
import { resolveSystem } from '../deviceType';
import { diskLocator, enclosureLocator, storageSystemLocator } from '../locators';
import { listQuery, listQueryOptions } from '../profile';
import {
	andFilter,
	fetchSystemCollection,
	pageSelection,
	systemPath,
} from '../systemComponents';

const ENCLOSURE_LABEL = 'Enclosure / Shelf';

function optionalEnclosureId(p: ParameterReader): string | undefined {
	return p.optionalString('enclosureId', {
		label: ENCLOSURE_LABEL,
		pattern: DSCC_ID_PATTERN,
		patternHint: 'Pick the enclosure from the list, or copy its ID from Enclosure / Shelf → Get Many.',
	});
}

/** Primera / Alletra 9000 and Alletra Storage MP list disks per enclosure: list every enclosure's, up to the limit. */
async function disksOfEnclosures(p: ParameterReader, system: ResolvedSystem, enclosureId: string | undefined): Promise<IDataObject[]> {
	const query = listQuery(p);
	const selection = pageSelection(p);
	const enclosureIds = enclosureId
		? [enclosureId]
		: (
				await fetchSystemCollection(
					p,
					{ path: systemPath(system, 'enclosures'), qs: { select: 'id' }, subject: system.subject },
					{ returnAll: true },
				)
			).map((enclosure) => String(enclosure.id));
	const disks: IDataObject[] = [];
	for (const id of enclosureIds) {
		const remaining = selection.returnAll ? undefined : selection.limit! - disks.length;
		if (remaining === 0) break;
		disks.push(
			...(await fetchSystemCollection(
				p,
				{
					path: systemPath(system, 'enclosures/{enclosureId}/disks', { enclosureId: id }),
					qs: query,
					subject: `Enclosure ${id} of ${system.subject}`,
				},
				{ returnAll: selection.returnAll, limit: remaining },
			)),
		);
	}
	return disks;
}

export const disk: ResourceDefinition = {
	value: 'disk',
	name: 'Disk',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many disks',
			description:
				'List the physical disks of a storage system, of one enclosure / shelf or of all of them. When listing several enclosures, Sort applies within each enclosure.',
			properties: [
				storageSystemLocator,
				enclosureLocator({
					required: false,
					description: 'The enclosure (shelf on HPE Nimble / Alletra 6000) whose disks to list. Leave empty to list the disks of every enclosure.',
				}),
				...pagingProperties('disks'),
				listQueryOptions({ filterExample: "mediaType eq 'SSD'", sortExample: 'wwn asc' }),
			],
			run: async (p) => {
				const system = await resolveSystem(p);
				const enclosureId = optionalEnclosureId(p);
				if (system.deviceType !== 'device-type2') return await disksOfEnclosures(p, system, enclosureId);
				const query = listQuery(p);
				return await fetchSystemCollection(
					p,
					{
						path: systemPath(system, 'disks'),
						qs: { ...query, filter: andFilter(query.filter as string | undefined, enclosureId && `shelf_id eq '${enclosureId}'`) },
						subject: system.subject,
					},
					pageSelection(p),
				);
			},
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a disk',
			description: 'Get one physical disk of a storage system with its state, size and wear',
			properties: [
				storageSystemLocator,
				enclosureLocator({
					required: false,
					description:
						'The enclosure holding the disk. Needed for HPE Primera / Alletra 9000 and Alletra Storage MP; on HPE Nimble / Alletra 6000 it only narrows the list of disks.',
				}),
				diskLocator,
			],
			run: async (p) => {
				const system = await resolveSystem(p);
				const diskId = p.id('diskId', { label: 'Disk', pattern: DSCC_ID_PATTERN });
				let path = systemPath(system, 'disks/{diskId}', { diskId });
				if (system.deviceType !== 'device-type2') {
					const enclosureId = optionalEnclosureId(p);
					if (!enclosureId) {
						return p.fail(
							`"${ENCLOSURE_LABEL}" is required for ${system.subject}`,
							'Its disks belong to an enclosure: pick the enclosure holding the disk.',
						);
					}
					path = systemPath(system, 'enclosures/{enclosureId}/disks/{diskId}', { enclosureId, diskId });
				}
				const { body } = await apiRequest<IDataObject>(p.ctx, dsccApi, {
					method: 'GET',
					path,
					subject: `Disk ${diskId} of ${system.subject}`,
					itemIndex: p.itemIndex,
				});
				return body;
			},
		},
	],
};
