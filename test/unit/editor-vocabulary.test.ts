import { packageNodes } from '../harness/package-nodes';
import { PARENT_AFTER_RETURN_ALL, PLAIN_ID_FIELDS, TITLE_CASE } from './editor-allowlist';
import { isTitleCase, listableResources, namesOffTitleCase, parentsAfterReturnAll, plainIdFields } from './editor-vocabulary';

/**
 * Issue 15, for every node of the package (all five vendors): a field naming something the platform
 * can list is a list (resource locator or dropdown), not a text field the user fills from elsewhere;
 * the list a listing is read from comes before Return All; display names are in Title Case. Exceptions live in editor-allowlist.ts, each with its reason.
 */
const NODES = packageNodes();
const LISTABLE = listableResources(NODES);

/** Offenders not allowed, and allowlist entries of this node that no longer offend (to remove). */
function judge(offenders: string[], allowlist: Record<string, string>, nodeName: string) {
	const ofNode = Object.keys(allowlist).filter((key) => key.startsWith(`${nodeName}: `));
	return {
		notAllowed: offenders.filter((key) => allowlist[key] === undefined),
		staleAllowlistEntries: ofNode.filter((key) => !offenders.includes(key)),
	};
}

describe.each(NODES.map((entry) => [entry.node.description.displayName, entry] as const))('the panel of %s', (_name, entry) => {
	const nodeName = entry.node.description.name;

	it('has no text or number field for an ID the platform can list', () => {
		const offenders = plainIdFields(entry, LISTABLE.get(entry.vendor)!);
		expect(judge(offenders, PLAIN_ID_FIELDS, nodeName)).toEqual({ notAllowed: [], staleAllowlistEntries: [] });
	});

	it('shows the lists a listing is read from before Return All and Limit', () => {
		expect(judge(parentsAfterReturnAll(entry), PARENT_AFTER_RETURN_ALL, nodeName)).toEqual({ notAllowed: [], staleAllowlistEntries: [] });
	});

	it('names its fields and options in Title Case', () => {
		expect(judge(namesOffTitleCase(entry), TITLE_CASE, nodeName)).toEqual({ notAllowed: [], staleAllowlistEntries: [] });
	});
});

describe('the rules themselves', () => {
	it('catch a plain-text ID field, a field named after a resource, and an ID inside a collection', () => {
		const node = {
			vendor: 'Demo',
			node: {
				description: {
					name: 'demo',
					properties: [
						{ displayName: 'Resource', name: 'resource', type: 'options', default: 'pool', options: [{ name: 'Storage Pool', value: 'pool' }] },
						{ displayName: 'Pool ID', name: 'poolId', type: 'string', default: '' },
						{ displayName: 'Storage Pool Name or ID', name: 'target', type: 'string', default: '' },
						{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [{ displayName: 'Owner', name: 'owner_id', type: 'number', default: 0 }] },
						{ displayName: 'Storage Pool', name: 'picked', type: 'resourceLocator', default: { mode: 'list', value: '' }, modes: [] },
						{ displayName: 'Snapshot Name', name: 'snapshotName', type: 'string', default: '' },
					],
				},
			},
		} as unknown as Parameters<typeof plainIdFields>[0];
		expect(plainIdFields(node, listableResources([node]).get('Demo')!)).toEqual(['demo: poolId', 'demo: target', 'demo: options.owner_id']);
	});

	it('read Title Case as n8n writes it', () => {
		expect(['File Server ID', 'Enclosure / Shelf', 'Name of the Merged Item', 'Oracle VM x86', 'iSCSI Target', 'Timeout (Seconds)'].filter((name) => !isTitleCase(name))).toEqual([]);
		expect(['File server ID', 'Name of the merged item'].filter((name) => isTitleCase(name))).toEqual([]);
	});
});
