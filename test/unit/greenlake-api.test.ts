import { resourceUriOfTask } from '../../nodes/HpeDscc/api';
import { operationIdFromLocation, resourceUriOfOperation } from '../../nodes/HpeGreenLakePcbe/api';
import { fetchPages, offsetEnvelope } from '../../nodes/shared/transport';
import { scriptedContext, testApi } from './fakeContext';

describe('a page size minimum (GreenLake systems take limit 10 to 100)', () => {
	const envelope = offsetEnvelope({ minPageSize: 10, maxPageSize: 100 });
	const page = (from: number, count: number, total: number) => ({
		status: 200,
		body: { items: Array.from({ length: count }, (_, index) => ({ id: `s${from + index}` })), count, offset: from, total },
	});

	it('asks for the minimum when fewer are wanted, and returns only those wanted', async () => {
		const { ctx, sent } = scriptedContext([page(0, 10, 40)]);
		const items = await fetchPages(ctx, testApi, { method: 'GET', path: '/systems' }, envelope, { returnAll: false, limit: 3 });
		expect(items.map((item) => item.id)).toEqual(['s0', 's1', 's2']);
		expect(sent.map((request) => request.qs)).toEqual([{ offset: 0, limit: 10 }]);
	});

	it('asks for the minimum for the last few items of a limit, too', async () => {
		const { ctx, sent } = scriptedContext([page(0, 100, 250), page(100, 10, 250)]);
		const items = await fetchPages(ctx, testApi, { method: 'GET', path: '/systems' }, envelope, { returnAll: false, limit: 105 });
		expect(items).toHaveLength(105);
		expect(sent.map((request) => request.qs)).toEqual([
			{ offset: 0, limit: 100 },
			{ offset: 100, limit: 10 },
		]);
	});

	it('pages Return All at the maximum', async () => {
		const { ctx, sent } = scriptedContext([page(0, 100, 130), page(100, 30, 130)]);
		expect(await fetchPages(ctx, testApi, { method: 'GET', path: '/systems' }, envelope, { returnAll: true })).toHaveLength(130);
		expect(sent.map((request) => (request.qs as { limit: number }).limit)).toEqual([100, 100]);
	});
});

describe('GreenLake async operations', () => {
	it('reads the operation ID from a Location path or URL, and nothing else', () => {
		expect(operationIdFromLocation('/data-services/v1beta1/async-operations/0f1e2d3c-4b5a-4697-8877-665544332211')).toBe('0f1e2d3c-4b5a-4697-8877-665544332211');
		expect(operationIdFromLocation('https://us-west.api.greenlake.hpe.com/data-services/v1beta1/async-operations/abc-1/')).toBe('abc-1');
		expect(operationIdFromLocation('/virtualization/v1beta1/virtual-machines/abc')).toBeUndefined();
		expect(operationIdFromLocation('/data-services/v1beta1/async-operations/..%2F')).toBeUndefined();
	});

	it('for a create, finds the associated resource of the created collection, never the resource the operation started on', () => {
		const report = {
			sourceResourceUri: '/private-cloud-business/v1beta1/systems/s1',
			associatedResources: [
				{ type: 'private-cloud-business/system', resourceUri: '/private-cloud-business/v1beta1/systems/s1' },
				{ type: 'private-cloud-business/configuration-analysis-report', resourceUri: '/private-cloud-business/v1beta1/configuration-analysis-reports/r1' },
			],
		};
		expect(resourceUriOfOperation(report, 'configuration-analysis-reports')).toBe('/private-cloud-business/v1beta1/configuration-analysis-reports/r1');
		expect(resourceUriOfOperation({ ...report, associatedResources: report.associatedResources.slice(0, 1) }, 'configuration-analysis-reports')).toBeUndefined();
		expect(resourceUriOfOperation(report)).toBe('/private-cloud-business/v1beta1/systems/s1');
	});

	it('DSCC tasks keep their order (associated resources first) and find a created volume the same way', () => {
		const task = {
			sourceResource: { resourceUri: '/api/v1/storage-systems/sys1' },
			associatedResources: [{ resourceUri: '/api/v1/storage-systems/sys1' }, { resourceUri: '/api/v1/volumes/v1' }],
		};
		expect(resourceUriOfTask(task, 'volumes')).toBe('/api/v1/volumes/v1');
		expect(resourceUriOfTask(task)).toBe('/api/v1/storage-systems/sys1');
		expect(resourceUriOfTask({ sourceResource: { resourceUri: '/api/v1/volumes/v2' }, associatedResources: [] })).toBe('/api/v1/volumes/v2');
	});

	it('finds the resource an operation produced: sourceResourceUri first, then its associated resources', () => {
		expect(resourceUriOfOperation({ sourceResourceUri: '/virtualization/v1beta1/virtual-machines/vm1', associatedResources: [{ resourceUri: '/virtualization/v1beta1/datastores/d1' }] })).toBe(
			'/virtualization/v1beta1/virtual-machines/vm1',
		);
		expect(resourceUriOfOperation({ sourceResourceUri: null, associatedResources: [{ resourceUri: '/virtualization/v1beta1/datastores/d1', type: 'datastore' }] })).toBe(
			'/virtualization/v1beta1/datastores/d1',
		);
		expect(resourceUriOfOperation({ sourceResourceUri: 'https://evil.example.com/x' })).toBeUndefined();
		expect(resourceUriOfOperation({ sourceResourceUri: '/data-services/v1beta1/async-operations/x' })).toBeUndefined();
	});
});
