import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { CiscoEsc } from '../../nodes/CiscoEsc/CiscoEsc.node';
import { CiscoEscTrigger } from '../../nodes/CiscoEsc/CiscoEscTrigger.node';

/** Text fields that name something, and why each is not a list. */
const TEXT_BY_DESIGN: Record<string, string> = {
	newDeploymentId: 'the ID of a deployment being created, chosen by the user',
	newTenantId: 'the ID of a tenant being created, chosen by the user',
	newVimId: 'the ID of a VIM connector being created, chosen by the user',
	networkId: 'on Create: the ID of the network being created, chosen by the user',
	subnetId: 'on Create: the ID of the subnet being created',
	imageId: 'on Create: the ID of the image being created',
	flavorId: 'on Create: the ID of the flavor being created',
	volumeId: 'on Create: the ID of the volume being created',
	fileServerId: 'on Create: the ID of the file server being created',
	vimUserId: 'on Create: the user name of the VIM user being created',
	providerSegmentationId: 'a VLAN or tunnel number the user chooses',
	stateName: "ESC's document names no system state and has no endpoint listing them",
	hostName: 'ESC documents no endpoint listing hosts',
};

/** Names of fields that name an item ESC can list, whatever their label. */
const LISTABLE = /Id$|^(tenantName|image|flavor|network|vmName)$/;

function fields(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => [property, ...fields(((property.options ?? []) as INodeProperties[]).filter((option) => 'type' in option))]);
}

describe('Cisco ESC node in the editor', () => {
	const { properties } = new CiscoEsc().description;

	it('lists every item ESC can list: a field naming one is a list, or text for a stated reason', () => {
		const text = fields(properties).filter(
			(property) => property.type === 'string' && (LISTABLE.test(property.name) || / ID$/.test(property.displayName) || property.displayName.endsWith(' Name')),
		);
		const unexplained = text.filter((property) => !(property.name in TEXT_BY_DESIGN) && !['deploymentName', 'vmGroupName', 'snapshotName'].includes(property.name));
		expect(unexplained.map((property) => `${property.name} (${property.displayName})`)).toEqual([]);
		// The names given on Create are text only there: Get, Update and Delete pick from a list.
		for (const name of ['networkId', 'subnetId', 'imageId', 'flavorId', 'volumeId', 'fileServerId', 'vimUserId', 'tenantId', 'deploymentId', 'vimId', 'vmName', 'tenantName', 'image', 'flavor', 'network']) {
			expect(properties.filter((property) => property.name === name).some((property) => property.type === 'resourceLocator')).toBe(true);
		}
	});

	it('names every action as n8n does ("Get many deployments", "Get a deployment", "Create a deployment")', () => {
		const actions = properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) => (property.options ?? []) as INodePropertyOptions[])
			.map((option) => option.action)
			.filter((action): action is string => action !== undefined);
		expect(actions).toEqual(expect.arrayContaining(['Get many deployments', 'Get a deployment', 'Create a deployment', 'Update a deployment', 'Delete a deployment', 'Start a deployment', 'Reboot a VM']));
		expect(actions.filter((action) => !/^[A-Z][a-z]+ (monitoring of )?(many|a|an|the) \S/.test(action))).toEqual([]);
	});

	it('puts the field a list depends on before Return All and Limit', () => {
		const order = (operation: string, resource: string) =>
			properties
				.filter((property) => property.displayOptions?.show?.resource?.includes(resource) && property.displayOptions?.show?.operation?.includes(operation))
				.map((property) => property.name);
		expect(order('getAll', 'subnet')).toEqual(['tenantId', 'listNetworkId', 'returnAll', 'limit']);
		expect(order('getAll', 'vimUser')).toEqual(['vimId', 'returnAll', 'limit']);
		expect(order('stop', 'vm')).toEqual(['tenantId', 'deploymentId', 'vmName', 'callbackUrl', 'eventsCallbackUrl', 'outputOptions']);
	});

	it('writes labels in Title Case', () => {
		const labels = [...fields(properties), ...fields(new CiscoEscTrigger().description.properties)]
			.filter((property) => property.type !== 'notice')
			.map((property) => property.displayName);
		const minor = new Set(['a', 'an', 'and', 'as', 'by', 'for', 'in', 'of', 'or', 'the', 'to', 'with']);
		const lowerWords = labels.filter((label) => label.split(/[\s-]+/).some((word, index) => index > 0 && /^[a-z]/.test(word) && !minor.has(word) && !/^v?CPUs$/.test(word)));
		expect(lowerWords.filter((label) => label !== 'vCPUs')).toEqual([]);
	});
});
