import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { HpeDscc } from '../../nodes/HpeDscc/HpeDscc.node';
import type { Parameters } from '../harness/context';
import { executeNode, greenLakeCredential } from '../harness/context';
import type { DsccSimulator } from '../simulators/dscc';
import { startDsccSimulator } from '../simulators/dscc';

const node = new HpeDscc();
let sim: DsccSimulator;

beforeAll(async () => {
	sim = await startDsccSimulator({ taskDurationMs: 1200 });
});
afterAll(async () => await sim.close());
afterEach(() => {
	sim.clearFaults();
	expect(sim.violations()).toEqual([]);
});

async function run(parameters: Parameters): Promise<IDataObject[]> {
	const items = await executeNode({ nodeType: node, credentials: greenLakeCredential(sim), parameters });
	return items.map((item) => item.json);
}

function requestsTo(path: RegExp): number {
	return sim.requests().filter((request) => path.test(request.path)).length;
}

describe('issues', () => {
	it('returns only the issues of the chosen severity', async () => {
		const critical = await run({ resource: 'issue', operation: 'getAll', returnAll: true, severity: ['CRITICAL'] });
		expect(critical.length).toBeGreaterThan(0);
		expect(critical.every((issue) => issue.severity === 'CRITICAL')).toBe(true);
		expect(sim.requests().pop()!.query.filter).toBe("severity eq 'CRITICAL'");
	});

	it('combines several severities with the filter the user typed', async () => {
		const all = [...sim.context.collection('issues').values()];
		const issues = await run({
			resource: 'issue',
			operation: 'getAll',
			returnAll: true,
			severity: ['WARNING', 'CRITICAL'],
			listOptions: { filter: "category eq 'STORAGE'", sort: 'createdAt desc' },
		});
		const expected = all.filter((issue) => ['WARNING', 'CRITICAL'].includes(String(issue.severity))).map((issue) => issue.id);
		expect(issues.map((issue) => issue.id).sort()).toEqual(expected.sort());
		expect(issues.some((issue) => issue.severity === 'INFO')).toBe(false);
		const request = sim.requests().pop()!;
		expect(request.query.filter).toBe("category eq 'STORAGE' and severity in ('WARNING','CRITICAL')");
		expect(request.query.sort).toBe('createdAt desc');
	});

	it('returns every severity when none is chosen, with the fields selected', async () => {
		const issues = await run({ resource: 'issue', operation: 'getAll', returnAll: true, severity: [], listOptions: { select: 'id,severity,title' } });
		expect(new Set(issues.map((issue) => issue.severity))).toEqual(new Set(['CRITICAL', 'WARNING', 'INFO']));
		expect(Object.keys(issues[0]).sort()).toEqual(['id', 'severity', 'title']);
	});

	it('gets one issue with what it is about', async () => {
		const seeded = [...sim.context.collection('issues').values()][0];
		const [issue] = await run({ resource: 'issue', operation: 'get', issueId: String(seeded.id) });
		expect(issue.title).toBe(seeded.title);
		expect((issue.relatedResource as IDataObject).name).toBe('primera-650-lab');
	});

	it('rejects an issue ID that is not a UUID before asking for it', async () => {
		const before = requestsTo(/\/api\/v1\/issues/);
		await expect(run({ resource: 'issue', operation: 'get', issueId: 'SGH029VBHV' })).rejects.toThrow('"SGH029VBHV" is not a valid Issue');
		expect(requestsTo(/\/api\/v1\/issues/)).toBe(before);
	});

	it('says in plain words when an issue does not exist', async () => {
		await expect(run({ resource: 'issue', operation: 'get', issueId: '00000000-0000-4000-a000-000000000000' })).rejects.toThrow(
			'Issue 00000000-0000-4000-a000-000000000000 was not found in HPE Data Services Cloud Console',
		);
	});
});

describe('audit events', () => {
	beforeAll(() => {
		const resource = { id: 'e66ed5ce8d35961481a48b4f78bb06b4', name: 'sql-data-01', type: 'volume' };
		sim.context.audit('Delete volume sql-data-01 denied', 'volume.delete', resource, undefined, 'Failure');
		sim.context.audit('Export volume sql-data-01 failed', 'volume.export', resource, undefined, 'Failure');
	});

	it('applies the filter DSCC documents: failures after a date', async () => {
		const events = await run({
			resource: 'auditEvent',
			operation: 'getAll',
			returnAll: true,
			listOptions: { filter: 'state eq Failure and occurredAt gt 2020-09-08T16:51:33Z' },
		});
		expect(events.map((event) => event.message).sort()).toEqual(['Delete volume sql-data-01 denied', 'Export volume sql-data-01 failed']);
		const total = sim.context.collection('auditEvents').size;
		expect(total).toBeGreaterThan(events.length);
	});

	it('sorts by one property', async () => {
		const events = await run({ resource: 'auditEvent', operation: 'getAll', returnAll: true, listOptions: { sort: 'state desc' } });
		expect(events[events.length - 1].state).toBe('Failure');
		expect(events[0].state).toBe('Success');
	});

	it('rejects sorting by two properties before sending the request', async () => {
		const before = requestsTo(/\/api\/v1\/audit-events/);
		const error = await run({ resource: 'auditEvent', operation: 'getAll', returnAll: true, listOptions: { sort: 'state asc, occurredAt desc' } }).catch(
			(caught: Error & { description?: string }) => caught,
		);
		expect((error as Error).message).toBe('Audit events can be sorted by one property only');
		expect((error as { description: string }).description).toMatch(/Keep one, e\.g\. "state asc"/);
		expect(requestsTo(/\/api\/v1\/audit-events/)).toBe(before);
	});

	it('does not offer Select, which DSCC does not support for audit events', () => {
		const options = node.description.properties.find(
			(property) => property.name === 'listOptions' && property.displayOptions?.show?.resource?.includes('auditEvent'),
		) as INodeProperties;
		const names = (options.options as INodeProperties[]).map((option) => option.name);
		expect(names).toEqual(['filter', 'sort']);
	});
});
