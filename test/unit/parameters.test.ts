import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { deviceTypeOf } from '../../nodes/HpeDscc/deviceType';
import { describeResources, runOperations } from '../../nodes/shared/operations';
import type { ResourceDefinition } from '../../nodes/shared/operations';
import { ParameterReader, fillPath } from '../../nodes/shared/parameters';

function reader(parameters: IDataObject): ParameterReader {
	const ctx = {
		getNode: () => ({ name: 'Test' }),
		getNodeParameter: (name: string, _i: number, fallback?: unknown, options?: { extractValue?: boolean }) => {
			const value = name in parameters ? parameters[name] : fallback;
			return options?.extractValue && value && typeof value === 'object' && 'value' in (value as IDataObject) ? (value as IDataObject).value : value;
		},
	} as unknown as IExecuteFunctions;
	return new ParameterReader(ctx, 0);
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

describe('bad input is refused before any request', () => {
	it('rejects an empty required text, and trims', () => {
		expect(() => reader({ name: '   ' }).string('name', { label: 'Name' })).toThrow('"Name" is required');
		expect(reader({ name: '  vol-1 ' }).string('name', { label: 'Name' })).toBe('vol-1');
	});

	it('rejects IDs that could leave their path segment or inject a query', () => {
		for (const bad of ['../tasks', 'a/b', 'x?filter=1', 'a b', "a'b", '%2e%2e', '']) {
			expect(() => reader({ id: bad }).id('id', { label: 'Volume', pattern: ID })).toThrow(NodeOperationError);
		}
		expect(reader({ id: { __rl: true, mode: 'list', value: 'ad1f05bc3ddd8d9d' } }).id('id', { label: 'Volume', pattern: ID })).toBe('ad1f05bc3ddd8d9d');
	});

	it('rejects out-of-range and non-integer numbers with the allowed range', () => {
		expect(() => reader({ size: 0 }).integer('size', { label: 'Size (MiB)', min: 256, max: 65536 })).toThrow(
			/"Size \(MiB\)" is out of range: 0/,
		);
		expect(() => reader({ size: 1.5 }).integer('size', { label: 'Size', min: 1 })).toThrow('"Size" must be a whole number');
		expect(() => reader({ size: 'abc' }).integer('size', { label: 'Size', min: 1 })).toThrow('"Size" must be a whole number');
		expect(reader({ size: '512' }).integer('size', { label: 'Size', min: 1 })).toBe(512);
	});

	it('checks every ID of a list, given as text or array', () => {
		expect(reader({ ids: 'a1, b2 ,c3' }).idList('ids', { label: 'Host Groups', pattern: ID })).toEqual(['a1', 'b2', 'c3']);
		expect(() => reader({ ids: ['a1', 'b/2'] }).idList('ids', { label: 'Host Groups', pattern: ID })).toThrow('"b/2" in "Host Groups" is not a valid ID');
		expect(() => reader({ ids: '' }).idList('ids', { label: 'Host Groups', pattern: ID, required: true })).toThrow('needs at least one ID');
	});

	it('rejects JSON that is not an object', () => {
		expect(() => reader({ body: '[1]' }).jsonObject('body', { label: 'Additional Body' })).toThrow('must be a JSON object');
		expect(() => reader({ body: '{oops' }).jsonObject('body', { label: 'Additional Body' })).toThrow('must be a JSON object');
		expect(reader({ body: '{"a":1}' }).jsonObject('body', { label: 'Additional Body' })).toEqual({ a: 1 });
	});

	it('URL-encodes every value placed in a path', () => {
		expect(fillPath('/api/v1/volumes/{id}/export', { id: 'a b/c' })).toBe('/api/v1/volumes/a%20b%2Fc/export');
	});
});

describe('router', () => {
	const resources: ResourceDefinition[] = [
		{
			value: 'thing',
			name: 'Thing',
			operations: [
				{
					value: 'echo',
					name: 'Echo',
					action: 'Echo a thing',
					description: 'Echo',
					properties: [{ displayName: 'Value', name: 'value', type: 'string', default: '' }],
					run: async (p) => {
						const value = p.string('value', { label: 'Value' });
						return value === 'many' ? [{ n: 1 }, { n: 2 }] : { value };
					},
				},
			],
		},
	];

	function context(values: string[], continueOnFail: boolean): IExecuteFunctions {
		return {
			getNode: () => ({ name: 'Test' }),
			getInputData: (): INodeExecutionData[] => values.map(() => ({ json: {} })),
			getNodeParameter: (name: string, index: number, fallback?: unknown) =>
				({ resource: 'thing', operation: 'echo', value: values[index] } as IDataObject)[name] ?? fallback,
			continueOnFail: () => continueOnFail,
		} as unknown as IExecuteFunctions;
	}

	it('pairs every output item with the input item it came from', async () => {
		const [output] = await runOperations(context(['a', 'many'], false), resources);
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ value: 'a' }, { item: 0 }],
			[{ n: 1 }, { item: 1 }],
			[{ n: 2 }, { item: 1 }],
		]);
	});

	it('keeps going past a bad item when continuing on fail, reporting it on that item', async () => {
		const [output] = await runOperations(context(['a', '', 'b'], true), resources);
		expect(output.map((item) => item.json)).toEqual([
			{ value: 'a' },
			{ error: '"Value" is required', details: { description: 'Enter a value for "Value".' } },
			{ value: 'b' },
		]);
		expect(output[1].pairedItem).toEqual({ item: 1 });
	});

	it('stops at a bad item otherwise, naming the item', async () => {
		const error = await runOperations(context(['a', ''], false), resources).catch((e: NodeOperationError) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
	});

	it('shows each operation’s parameters only for that resource and operation', () => {
		const value = describeResources(resources).find((property) => property.name === 'value');
		expect(value?.displayOptions?.show).toEqual({ resource: ['thing'], operation: ['echo'] });
	});
});

describe('device type of a storage system', () => {
	it('reads it from the resource URI, else from the product family DSCC reports', () => {
		expect(deviceTypeOf({ resourceUri: '/api/v1/storage-systems/device-type2/2a0d' })).toBe('device-type2');
		expect(deviceTypeOf({ productFamily: 'deviceType1' })).toBe('device-type1');
		expect(deviceTypeOf({ productFamily: 'deviceType4' })).toBe('device-type4');
		expect(deviceTypeOf({ model: 'HPE Alletra 6030' })).toBe('device-type2');
		expect(deviceTypeOf({ productFamily: 'fileServer' })).toBeUndefined();
	});
});
