import type { IDataObject } from 'n8n-workflow';

import { writeOperation } from '../../shared/kinds';
import type { ResourceDefinition } from '../../shared/operations';
import { hostGroupLocator } from '../locators';
import { dscc } from '../profile';
import { getDuplicatesOperation, mergeDuplicatesOperation } from './hostDuplicates';
import type { HostCollection } from './hostInputs';
import {
	checkName,
	hostCollectionDeleteOperation,
	hostCollectionReadOperations,
	hostCollectionTarget,
	hostsToCreateProperty,
	readHostsToCreate,
	readIds,
} from './hostInputs';

const BASE_PATH = '/api/v1/host-initiator-groups';
const DUPLICATES = { singular: 'host group', pluralTitle: 'Host Groups', basePath: BASE_PATH, loadOptionsMethod: 'getHostGroups' };

const HOST_GROUPS: HostCollection = { basePath: BASE_PATH, locator: hostGroupLocator, singular: 'host group', plural: 'host groups', oneInActions: 'host group' };

export const hostGroup: ResourceDefinition = {
	value: 'hostGroup',
	name: 'Host Group',
	operations: [
		...hostCollectionReadOperations(HOST_GROUPS, {
			listDescription: 'List the host groups of every storage system',
			getDescription: 'Get one host group with its hosts and their initiators',
			filterExample: "name eq 'esx-cluster-a'",
		}),
		writeOperation(dscc, {
			value: 'create',
			name: 'Create',
			action: 'Create host group',
			description: 'Create a host group from existing hosts and, in the same step, new hosts with their initiators',
			properties: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					required: true,
					placeholder: 'esx-cluster-a',
					description: 'Name of the host group, e.g. the name of the server cluster it stands for',
				},
				{
					displayName: 'Existing Host Names or IDs',
					name: 'hostIds',
					type: 'multiOptions',
					typeOptions: { loadOptionsMethod: 'getHosts' },
					default: [],
					description:
						'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					hint: 'Existing hosts to put in the group. An expression may also give comma-separated IDs.',
				},
				hostsToCreateProperty,
				{
					displayName: 'Additional Fields',
					name: 'additionalFields',
					type: 'collection',
					placeholder: 'Add Field',
					default: {},
					options: [
						{
							displayName: 'Comment',
							name: 'comment',
							type: 'string',
							default: '',
							description: 'Free text kept with the host group',
						},
					],
				},
			],
			request: (p) => {
				const body: IDataObject = { name: checkName(p, p.raw('name', ''), 'Name') };
				const hostIds = readIds(p, 'hostIds', 'Existing Hosts');
				const hostsToCreate = readHostsToCreate(p);
				if (hostIds.length > 0) body.hostIds = hostIds;
				if (hostsToCreate.length > 0) body.hostsToCreate = hostsToCreate;
				const comment = p.collection('additionalFields').comment;
				if (typeof comment === 'string' && comment.trim() !== '') body.comment = comment.trim();
				return { method: 'POST', path: BASE_PATH, body };
			},
		}),
		writeOperation(dscc, {
			value: 'update',
			name: 'Update',
			action: 'Update host group',
			description: 'Rename a host group, add or remove hosts, or create new hosts in it',
			properties: [
				hostGroupLocator,
				{
					displayName: 'Update Fields',
					name: 'updateFields',
					type: 'collection',
					placeholder: 'Add Field',
					default: {},
					options: [
						{
							displayName: 'Host Names or IDs to Add',
							name: 'hostsToAdd',
							type: 'multiOptions',
							typeOptions: { loadOptionsMethod: 'getHosts' },
							default: [],
							description:
								'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
							hint: 'Existing hosts to add to the group.',
						},
						{
							displayName: 'Host Names or IDs to Remove',
							name: 'hostsToRemove',
							type: 'multiOptions',
							typeOptions: { loadOptionsMethod: 'getHosts' },
							default: [],
							description:
								'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
							hint: 'Hosts to take out of the group; the hosts themselves are kept.',
						},
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							description: 'New name of the host group',
						},
					],
				},
				hostsToCreateProperty,
			],
			request: (p) => {
				const target = hostCollectionTarget(p, HOST_GROUPS);
				const fields = p.collection('updateFields');
				const body: IDataObject = {};
				if (fields.name !== undefined) body.name = checkName(p, fields.name, 'Name');
				const hostsToAdd = readIds(p, 'updateFields.hostsToAdd', 'Hosts to Add');
				const hostsToRemove = readIds(p, 'updateFields.hostsToRemove', 'Hosts to Remove');
				const both = hostsToAdd.find((id) => hostsToRemove.includes(id));
				if (both) p.fail(`Host ${both} is listed both to add and to remove`);
				if (hostsToAdd.length > 0) body.updatedHosts = hostsToAdd;
				if (hostsToRemove.length > 0) body.removedHosts = hostsToRemove;
				const hostsToCreate = readHostsToCreate(p);
				if (hostsToCreate.length > 0) body.hostsToCreate = hostsToCreate;
				if (Object.keys(body).length === 0) {
					p.fail('Nothing to update', 'Add a field under "Update Fields" or a host under "Hosts to Create".');
				}
				return { method: 'PUT', ...target, body };
			},
		}),
		hostCollectionDeleteOperation(HOST_GROUPS, {
			description: 'Delete a host group; its hosts are kept',
			forceDescription:
				'Whether to delete the host group even when volumes are exported to it. The exports are removed and its hosts lose access to those volumes.',
		}),
		getDuplicatesOperation(DUPLICATES),
		mergeDuplicatesOperation(DUPLICATES),
	],
};
