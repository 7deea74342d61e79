import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { writeOperation } from '../../shared/kinds';
import type { OperationDefinition } from '../../shared/operations';
import type { ParameterReader } from '../../shared/parameters';
import { apiRequest } from '../../shared/transport';
import { dsccApi } from '../api';
import { dscc } from '../profile';
import { checkName, readIds } from './hostInputs';

/**
 * Hosts and host groups that DSCC found more than once (typically the same server seen by several
 * storage systems), and merging them. Host groups and hosts have the same endpoints below their own path.
 */
interface DuplicateKind {
	/** e.g. "host group" */
	singular: string;
	/** e.g. "Host Groups", for option labels */
	pluralTitle: string;
	/** The dropdown of every item of the kind (a method of `loadOptions.ts`). */
	loadOptionsMethod: string;
	basePath: string;
	/** Parameters needed only when merging chosen items. */
	selectedProperties?: INodeProperties[];
	selectedBody?(p: ParameterReader): IDataObject;
}

function plural(kind: DuplicateKind): string {
	return kind.pluralTitle.toLowerCase();
}

/** e.g. "Duplicate Host Group", what the merge multi-select is called. */
function mergedLabel(kind: DuplicateKind): string {
	return `Duplicate ${kind.singular.replace(/\b\w/g, (letter) => letter.toUpperCase())}`;
}

async function findDuplicates(p: ParameterReader, kind: DuplicateKind): Promise<IDataObject[]> {
	const { body } = await apiRequest<IDataObject>(p.ctx, dsccApi, {
		method: 'GET',
		path: `${kind.basePath}/bulkmerge`,
		itemIndex: p.itemIndex,
	});
	return (body?.items as IDataObject[] | undefined) ?? [];
}

export function getDuplicatesOperation(kind: DuplicateKind): OperationDefinition {
	return {
		value: 'getDuplicates',
		name: 'Get Duplicates',
		action: `Get duplicate ${plural(kind)}`,
		description: `List the ${plural(kind)} DSCC found more than once, e.g. seen separately by several storage systems. Merge Duplicates combines them.`,
		properties: [],
		run: async (p) => await findDuplicates(p, kind),
	};
}

const showFor = (mode: string) => ({ show: { mergeMode: [mode] } });

export function mergeDuplicatesOperation(kind: DuplicateKind): OperationDefinition {
	const mergeSelected = writeOperation(dscc, {
		value: 'mergeDuplicates',
		name: 'Merge Duplicates',
		action: `Merge duplicate ${plural(kind)}`,
		description: `Merge the ${plural(kind)} you list into one`,
		properties: [
			{
				displayName: `${mergedLabel(kind)} Names or IDs`,
				name: 'mergeIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: kind.loadOptionsMethod },
				default: [],
				required: true,
				description: 'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				hint: `The ${plural(kind)} to merge into one (at least two). An expression may also give comma-separated IDs.`,
			},
			{
				displayName: 'Name of the Merged Item',
				name: 'mergedName',
				type: 'string',
				default: '',
				required: true,
				description: `Name of the ${kind.singular} that replaces the merged ones`,
			},
			...(kind.selectedProperties ?? []),
		],
		request: (p) => {
			const ids = readIds(p, 'mergeIds', `${mergedLabel(kind)}s`, true);
			if (ids.length < 2) p.fail(`Merging needs at least two ${plural(kind)}`, `Only one ID was given: ${ids[0]}`);
			const name = checkName(p, p.raw('mergedName', ''), 'Name of the Merged Item');
			return {
				method: 'POST',
				path: `${kind.basePath}/merge`,
				body: { name, hostIds: ids, ...kind.selectedBody?.(p) },
			};
		},
	});

	return {
		value: 'mergeDuplicates',
		name: 'Merge Duplicates',
		action: `Merge duplicate ${plural(kind)}`,
		description: `Combine ${plural(kind)} that DSCC found more than once into one each`,
		properties: [
			{
				displayName: 'Merge',
				name: 'mergeMode',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Every Duplicate DSCC Found',
						value: 'allFound',
						description: `Merge each set of ${plural(kind)} with the same name that DSCC reports as duplicates`,
					},
					{
						name: `Selected ${kind.pluralTitle}`,
						value: 'selected',
						description: `Merge the ${plural(kind)} you list into one new ${kind.singular}`,
					},
				],
				default: 'allFound',
			},
			{
				displayName: 'Only These Names',
				name: 'onlyNames',
				type: 'string',
				default: '',
				placeholder: 'esx-prod-01, esx-prod-02',
				description: 'Comma-separated names to merge. Leave empty to merge every duplicate DSCC found.',
				displayOptions: showFor('allFound'),
			},
			...mergeSelected.properties.map((property) => ({
				...property,
				displayOptions: { show: { ...property.displayOptions?.show, mergeMode: ['selected'] } },
			})),
		],
		run: async (p) => {
			if (p.options('mergeMode') === 'selected') return await mergeSelected.run(p);
			return await mergeEveryDuplicate(p, kind);
		},
	};
}

async function mergeEveryDuplicate(p: ParameterReader, kind: DuplicateKind): Promise<IDataObject> {
	const wanted = String(p.raw('onlyNames', '') ?? '')
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
	const found = await findDuplicates(p, kind);
	const chosen =
		wanted.length === 0
			? found
			: found.filter((candidate) => wanted.some((name) => name.toLowerCase() === String(candidate.name).toLowerCase()));
	const notDuplicated = wanted.filter(
		(name) => !chosen.some((candidate) => String(candidate.name).toLowerCase() === name.toLowerCase()),
	);
	if (chosen.length === 0) return { mergedCount: 0, merged: [], notDuplicated };

	const { body } = await apiRequest<IDataObject>(p.ctx, dsccApi, {
		method: 'POST',
		path: `${kind.basePath}/bulkmerge`,
		body: { items: chosen },
		itemIndex: p.itemIndex,
	});
	const merged = ((body?.items as IDataObject[] | undefined) ?? []).map((result) => {
		const duplicateIds = (result.duplicateIds as string[] | undefined) ?? [];
		const candidate = chosen.find((entry) => ((entry.duplicateIds as string[] | undefined) ?? []).some((id) => duplicateIds.includes(id)));
		return { id: result.id, name: candidate?.name, duplicateIds };
	});
	return { mergedCount: merged.length, merged, notDuplicated };
}
