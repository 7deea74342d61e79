import { buildWhere, checkRawWhere, combineWhere, conditionExpression, containsPattern, literal, orderBy, quote } from '../../nodes/DciManager/where';
import { compileWhere, like } from '../simulators/dcimanager/where';

const HOSTILE = ["'", "''", "\\'", '\\', "a' OR 'a'='a", "x') OR (id NE 0", '%', '_', '%_%', '(', ')', ')) OR ((1', "O'Brien (ex) 100% \\ done"];

describe('quoting', () => {
	it('escapes backslashes and quotes', () => {
		expect(quote("O'Brien")).toBe("'O\\'Brien'");
		expect(quote('a\\b')).toBe("'a\\\\b'");
		expect(quote("\\'")).toBe("'\\\\\\''");
	});

	it('leaves whole numbers and booleans bare, as ISPsystem examples do, and quotes everything else', () => {
		expect(literal('3')).toBe('3');
		expect(literal('false')).toBe('false');
		expect(literal('3 OR 1')).toBe("'3 OR 1'");
		expect(literal('1e5')).toBe("'1e5'");
		expect(literal('')).toBe("''");
	});

	it('makes LIKE wildcards in a contains value literal', () => {
		expect(containsPattern('100%')).toBe("'%100\\\\%%'");
		expect(containsPattern('a_b')).toBe("'%a\\\\_b%'");
	});
});

describe('hostile values cannot change a filter', () => {
	it.each(HOSTILE)('%j compares as one literal value under EQ, NE and CP', (value) => {
		const rows = [{ name: value }, { name: `${value}x` }, { name: 'other' }, { name: null }];
		const eq = compileWhere(conditionExpression({ field: 'name', operator: 'equals', value }));
		expect(rows.filter(eq)).toEqual([{ name: value }]);
		const ne = compileWhere(conditionExpression({ field: 'name', operator: 'notEquals', value }));
		expect(rows.filter(ne)).toEqual([{ name: `${value}x` }, { name: 'other' }]);
		const cp = compileWhere(conditionExpression({ field: 'name', operator: 'contains', value }));
		expect(rows.filter(cp)).toEqual([{ name: value }, { name: `${value}x` }]);
	});

	it.each(HOSTILE)('%j joined with OR stays inside its own parentheses', (value) => {
		const where = buildWhere(
			[
				{ field: 'name', operator: 'equals', value },
				{ field: 'id', operator: 'equals', value: '2' },
			],
			'AND',
		);
		const matches = compileWhere(where);
		expect(matches({ name: value, id: 2 })).toBe(true);
		expect(matches({ name: value, id: 3 })).toBe(false);
		expect(matches({ name: 'x', id: 2 })).toBe(false);
	});

	it('refuses field names that are not names', () => {
		for (const field of ["name'", 'name EQ 1 OR id', '(id)', '', 'a..b', 'a b']) {
			expect(() => conditionExpression({ field, operator: 'equals', value: '1' })).toThrow(/is not a field name/);
		}
		expect(conditionExpression({ field: 'rack.name', operator: 'isEmpty' })).toBe('rack.name IS null');
		expect(conditionExpression({ field: 'owner_email', operator: 'isNotEmpty' })).toBe('NOT owner_email IS null');
	});

	it('refuses control characters and over-long values', () => {
		expect(() => conditionExpression({ field: 'name', operator: 'equals', value: 'a\nOR 1' })).toThrow(/control character/);
		expect(() => conditionExpression({ field: 'name', operator: 'equals', value: 'x'.repeat(2001) })).toThrow(/longer than/);
	});
});

describe('raw where', () => {
	it('is joined with the built conditions so both must hold', () => {
		expect(combineWhere("state EQ 'active' OR state EQ 'off'", '(location_id EQ 2)')).toBe("(state EQ 'active' OR state EQ 'off') AND ((location_id EQ 2))");
		expect(combineWhere('', '(a EQ 1)')).toBe('(a EQ 1)');
		expect(combineWhere(' b EQ 2 ', '')).toBe('b EQ 2');
	});

	it.each(["name EQ 'a') OR (id NE 0", "name EQ 'a", 'id EQ 1)', '((id EQ 1)'])('refuses the unbalanced %j', (raw) => {
		expect(() => checkRawWhere(raw)).toThrow();
	});

	it('accepts parentheses and quotes inside text values', () => {
		expect(() => checkRawWhere("name EQ 'a) OR (b' AND note EQ 'it\\'s'")).not.toThrow();
	});
});

describe('sorting', () => {
	it('builds orderby and refuses anything but a field name', () => {
		expect(orderBy('owner_email', 'desc')).toBe('owner_email desc');
		expect(() => orderBy('id; DROP', 'asc')).toThrow();
	});
});

describe('the simulator grammar', () => {
	it('follows ISPsystem examples', () => {
		const rows = [
			{ id: 1, owner_email: null, is_new: false, location_id: 3, status: 'running' },
			{ id: 2, owner_email: 'x@y', is_new: false, location_id: 3, status: 'created' },
			{ id: 3, owner_email: null, is_new: true, location_id: 1, status: 'complete' },
		];
		expect(rows.filter(compileWhere('(owner_email IS null) AND is_new EQ false')).map((r) => r.id)).toEqual([1]);
		expect(rows.filter(compileWhere("(status EQ 'running' OR status EQ 'created')")).map((r) => r.id)).toEqual([1, 2]);
		expect(rows.filter(compileWhere("NOT owner_email CP '%y' AND (location_id EQ 3)")).map((r) => r.id)).toEqual([1]);
		expect(like('GigabitEthernet1/0/5', 'gigabit%/5')).toBe(true);
		expect(() => compileWhere("name EQ 'open")).toThrow();
		expect(() => compileWhere('name LIKE 3')).toThrow();
	});
});
