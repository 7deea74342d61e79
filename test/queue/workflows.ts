import { createHash } from 'node:crypto';

import type { Json, WorkflowFile } from '../e2e/harness/n8n';
import { PACKAGE_NAME } from '../e2e/harness/n8n';

/**
 * The workflows of the queue-mode test, built here because many are alike (one per vendor, one per
 * cold-start round). A node is `[name, type, parameters, credentials?]`; nodes run in a chain.
 */
export type NodeSpec = [name: string, type: string, parameters: Json, credentials?: Json];

let sequence = 0;
const nodeId = () => `0e0e0000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`;

/** A stable UUID-shaped webhook ID per workflow and node. */
function webhookIdFor(workflowId: string, nodeName: string): string {
	const hex = createHash('sha256').update(`${workflowId}/${nodeName}`).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const ours = (name: string) => `${PACKAGE_NAME}.${name}`;

export function chain(id: string, name: string, nodes: NodeSpec[], extra: { webhookIds?: Record<string, string> } = {}): WorkflowFile {
	const built = nodes.map(([nodeName, type, parameters, credentials], index) => ({
		id: nodeId(),
		name: nodeName,
		type,
		typeVersion: type === 'n8n-nodes-base.webhook' ? 2 : type === 'n8n-nodes-base.summarize' ? 1.1 : 1,
		position: [index * 240, 0],
		parameters,
		...(credentials ? { credentials } : {}),
		// n8n serves a Webhook node's production URL at /webhook/<path> only when the node has a webhook ID.
		...(extra.webhookIds?.[nodeName] || type === 'n8n-nodes-base.webhook' ? { webhookId: extra.webhookIds?.[nodeName] ?? webhookIdFor(id, nodeName) } : {}),
	}));
	const connections: Json = {};
	for (let index = 0; index < built.length - 1; index++) {
		connections[built[index].name] = { main: [[{ node: built[index + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, nodes: built, connections, settings: { executionOrder: 'v1' }, active: false } as unknown as WorkflowFile;
}

/**
 * A Webhook node that answers once the execution has finished, with the last node's first item
 * (`firstItem`) or all its items (`allItems`, an empty list too), or at once (`onReceived`).
 */
export function webhookStart(path: string, respond: 'firstItem' | 'allItems' | 'onReceived' = 'firstItem'): NodeSpec {
	const answer =
		respond === 'onReceived'
			? { responseMode: 'onReceived' }
			: { responseMode: 'lastNode', responseData: respond === 'firstItem' ? 'firstEntryJson' : 'allEntries' };
	return ['Webhook', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path, ...answer, options: {} }];
}
