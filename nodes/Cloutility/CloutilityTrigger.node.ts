import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { firstPollLookbackMs, isActivationPoll, startFromOption, startFromOptions } from '../shared/polling';
import { CLOUTILITY_CREDENTIAL } from './api';
import { triggerLoadOptions } from './loadOptions';
import type { Source, WatchSettings } from './trigger/backupProblems';
import { collectProblems, newestProblem, parsePairs, readCursor, writeCursor } from './trigger/backupProblems';

/**
 * Polls Cloutility for backups that finished with errors or warnings: the node reports and jobs
 * of the chosen business units and consumption units, each reported once (cursor in the
 * workflow's static data).
 */
export class CloutilityTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cloutility Trigger',
		name: 'cloutilityTrigger',
		icon: { light: 'file:cloutility.svg', dark: 'file:cloutility.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Backup finished with errors or warnings',
		description: 'Starts the workflow when a backup in Cloutility finishes with errors or warnings',
		defaults: { name: 'Cloutility Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CLOUTILITY_CREDENTIAL, required: true }],
		properties: [
			{
				displayName: 'Business Unit Names or IDs',
				name: 'businessUnits',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getBusinessUnits' },
				default: [],
				description:
					'Watch every consumption unit of these business units. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Include Sub-Units',
				name: 'includeSubUnits',
				type: 'boolean',
				default: true,
				description: 'Whether the business units below the chosen ones are watched too',
			},
			{
				displayName: 'Consumption Unit Names or IDs',
				name: 'consumptionUnits',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getConsumptionUnits' },
				default: [],
				description: 'Watch these consumption units as well; an expression gives them as businessUnitId:consumptionUnitId pairs such as 22:408. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Watch',
				name: 'sources',
				type: 'multiOptions',
				options: [
					{ name: 'Node Reports', value: 'reports', description: 'The status report of each backup node, with its warnings' },
					{ name: 'Jobs', value: 'jobs', description: 'Each backup, archive or restore job' },
				],
				default: ['reports', 'jobs'],
			},
			{
				displayName: 'Report',
				name: 'problems',
				type: 'options',
				options: [
					{ name: 'Errors and Warnings', value: 'errorsAndWarnings' },
					{ name: 'Errors Only', value: 'errors' },
				],
				default: 'errorsAndWarnings',
			},
			startFromOptions('When the trigger has no saved position yet, report problems from this time on. Empty: from activation on.'),
		],
	};

	methods = { loadOptions: triggerLoadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const settings = readSettings(this);
		if (this.getMode() === 'manual') {
			const newest = await newestProblem(this, settings);
			if (!newest) {
				throw new NodeOperationError(this.getNode(), 'No backup of the chosen units finished with errors or warnings in the last 7 days', {
					description: 'The test event is the most recent real one. An active workflow reports new ones as they happen.',
				});
			}
			return [[{ json: newest }]];
		}
		const staticData = this.getWorkflowStaticData('node');
		let cursor = readCursor(staticData);
		if (!cursor) {
			const startFrom = startFromOption(this);
			if (startFrom === undefined && isActivationPoll(this)) {
				writeCursor(staticData, Date.now(), new Map());
				return null;
			}
			// Later polls without a cursor: n8n did not keep the activation poll's, so cover the time since.
			cursor = { startedAt: startFrom ?? Date.now() - firstPollLookbackMs(this), streams: new Map() };
		}
		const problems = await collectProblems(this, settings, cursor);
		writeCursor(staticData, cursor.startedAt, cursor.streams);
		return problems.length > 0 ? [problems.map((json) => ({ json }))] : null;
	}
}

function readSettings(ctx: IPollFunctions): WatchSettings {
	const list = (name: string) => {
		const value = ctx.getNodeParameter(name, []) as unknown;
		return (Array.isArray(value) ? value : String(value ?? '').split(',')).map((entry) => String(entry).trim()).filter(Boolean);
	};
	const businessUnits = list('businessUnits');
	const badUnit = businessUnits.find((id) => !/^[1-9]\d{0,9}$/.test(id));
	if (badUnit !== undefined) throw new NodeOperationError(ctx.getNode(), `"${badUnit}" is not a valid business unit ID`);
	const { pairs, invalid } = parsePairs(list('consumptionUnits'));
	if (invalid.length > 0) {
		throw new NodeOperationError(ctx.getNode(), `"${invalid[0]}" is not a valid consumption unit`, {
			description: 'Pick consumption units from the list, or give businessUnitId:consumptionUnitId pairs such as 22:408.',
		});
	}
	if (businessUnits.length === 0 && pairs.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Choose at least one business unit or consumption unit to watch');
	}
	const sources = list('sources').filter((source): source is Source => source === 'reports' || source === 'jobs');
	if (sources.length === 0) throw new NodeOperationError(ctx.getNode(), 'Choose what to watch: node reports, jobs or both');
	return {
		businessUnits,
		includeSubUnits: ctx.getNodeParameter('includeSubUnits', true) as boolean,
		consumptionUnits: pairs,
		sources,
		includeWarnings: ctx.getNodeParameter('problems', 'errorsAndWarnings') !== 'errors',
	};
}
