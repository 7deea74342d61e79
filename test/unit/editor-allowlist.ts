/**
 * Exceptions to the editor rules of issue 15 (`editor-vocabulary.test.ts`), each with its reason.
 * An entry that no longer offends fails the test (stale), so the list only holds real exceptions.
 */

/** `<node>: <parameter path>` → why the field stays a plain text or number. */
export const PLAIN_ID_FIELDS: Record<string, string> = {
	'hpeGreenLakePcbe: additionalFields.imageId': 'the image ID of a vSphere content library item, used when its name (Image Name, required) is not unique: none of the GreenLake specs the node follows has an endpoint that lists library images (only /virtualization/v1beta1/csp-machine-images, public-cloud images)',
	'hpeGreenLakePcbe: protectionPolicy.id': 'a data-protection policy ID: the PCBE, virtualization and data-services specs this node follows list no protection policies; only DSCC does (/api/v1/protection-policies, on the DSCC host, which this node does not call). A list from there is a follow-up',
	'ciscoEsc: networkId': 'Create: the internal ID the user chooses for the new item (Get, Update and Delete use a list under the same name)',
	'ciscoEsc: subnetId': 'Create: the internal ID the user chooses for the new item (Get, Update and Delete use a list under the same name)',
	'ciscoEsc: imageId': 'Create: the internal ID the user chooses for the new item (Get, Update and Delete use a list under the same name)',
	'ciscoEsc: flavorId': 'Create: the internal ID the user chooses for the new item (Get, Update and Delete use a list under the same name)',
	'ciscoEsc: volumeId': 'Create: the internal ID the user chooses for the new item (Get, Update and Delete use a list under the same name)',
	'ciscoEsc: vimUserId': 'Create: the internal ID the user chooses for the new item (Get, Update and Delete use a list under the same name)',
	'ciscoEsc: fileServerId': 'Create: the internal ID the user chooses for the new item (Get, Update and Delete use a list under the same name)',
	'ciscoEsc: newDeploymentId': 'Create: the internal ID the user chooses for the new item (Get, Update and Delete use a list under the same name)',
	'ciscoEsc: newTenantId': 'Create: the internal ID the user chooses for the new item (Get, Update and Delete use a list under the same name)',
	'ciscoEsc: newVimId': 'Create: the internal ID the user chooses for the new item (Get, Update and Delete use a list under the same name)',
	'ciscoEscTrigger: tenantId': 'A filter matched against the ID inside a notification: the ESC Trigger only receives notifications and has no Cisco ESC credential to list with',
	'ciscoEscTrigger: deploymentId': 'A filter matched against the ID inside a notification: the ESC Trigger only receives notifications and has no Cisco ESC credential to list with',
	'ciscoEsc: additionalFields.providerSegmentationId': 'A VLAN segmentation ID is a number the user chooses for a new network, not an item to look up',
};

/** `<node>: <action>` → why the action is worded otherwise. */
export const ACTION_WORDING: Record<string, string> = {
	'hpeDscc: Get host group': '"Get a host" / "Create a volume" would be a prefix of "Get a host group" / "Create a volume set": n8n then keeps the old title when the resource changes (action-names test)',
	'hpeDscc: Create host group': '"Get a host" / "Create a volume" would be a prefix of "Get a host group" / "Create a volume set": n8n then keeps the old title when the resource changes (action-names test)',
	'hpeDscc: Get volume set': '"Get a host" / "Create a volume" would be a prefix of "Get a host group" / "Create a volume set": n8n then keeps the old title when the resource changes (action-names test)',
	'hpeDscc: Create volume set': '"Get a host" / "Create a volume" would be a prefix of "Get a host group" / "Create a volume set": n8n then keeps the old title when the resource changes (action-names test)',
};

/** `<node>: <display name>` → why it is not in Title Case. */
export const TITLE_CASE: Record<string, string> = {
};

/** `<node>: <resource> → <operation>: <parameter>` → why a list the listing is read from follows Return All. */
export const PARENT_AFTER_RETURN_ALL: Record<string, string> = {
};
