/**
 * The OData-style query language DSCC and GreenLake collections take: `filter`
 * (`name eq 'a' and size gt 10`, `state in ('A','B')`, `contains(name,'x')`), `sort` and `select`.
 */
export class QueryError extends Error {}

type Item = Record<string, unknown>;
type Predicate = (item: Item) => boolean;

const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS = new Set(['contains', 'startswith', 'endswith']);

function tokenize(text: string): string[] {
	const tokens: string[] = [];
	let i = 0;
	while (i < text.length) {
		const c = text[i];
		if (/\s/.test(c)) {
			i++;
		} else if (c === '(' || c === ')' || c === ',') {
			tokens.push(c);
			i++;
		} else if (c === "'") {
			let value = '';
			i++;
			for (;;) {
				if (i >= text.length) throw new QueryError('Unterminated quoted value in filter');
				if (text[i] === "'") {
					if (text[i + 1] === "'") {
						value += "'";
						i += 2;
						continue;
					}
					i++;
					break;
				}
				value += text[i++];
			}
			tokens.push(`'${value}`);
		} else {
			const match = /^[^\s(),']+/.exec(text.slice(i));
			tokens.push(match![0]);
			i += match![0].length;
		}
	}
	return tokens;
}

export function readPath(item: unknown, path: string): unknown {
	let current: unknown = item;
	for (const part of path.split(/[./]/)) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Item)[part];
	}
	return current;
}

function literal(token: string | undefined): unknown {
	if (token === undefined) throw new QueryError('Filter ends where a value was expected');
	if (token.startsWith("'")) return token.slice(1);
	if (token === 'true') return true;
	if (token === 'false') return false;
	if (token === 'null') return null;
	if (/^-?\d+(\.\d+)?$/.test(token)) return Number(token);
	if (/^[\w.:+-]+$/.test(token)) return token;
	throw new QueryError(`Unexpected value in filter: ${token}`);
}

function compare(actual: unknown, expected: unknown): number {
	if (typeof actual === 'number' && typeof expected === 'number') return actual - expected;
	if (typeof actual === 'boolean' || typeof expected === 'boolean') return String(actual) === String(expected) ? 0 : 1;
	const a = String(actual ?? '');
	const b = String(expected ?? '');
	return a < b ? -1 : a > b ? 1 : 0;
}

export function parseFilter(text: string | undefined): Predicate {
	if (!text || text.trim() === '') return () => true;
	const tokens = tokenize(text);
	let position = 0;
	const peek = () => tokens[position];
	const next = () => tokens[position++];
	const expect = (token: string) => {
		if (next() !== token) throw new QueryError(`Expected "${token}" in filter`);
	};

	function orExpression(): Predicate {
		let left = andExpression();
		while (peek()?.toLowerCase() === 'or') {
			next();
			const right = andExpression();
			const l = left;
			left = (item) => l(item) || right(item);
		}
		return left;
	}
	function andExpression(): Predicate {
		let left = unary();
		while (peek()?.toLowerCase() === 'and') {
			next();
			const right = unary();
			const l = left;
			left = (item) => l(item) && right(item);
		}
		return left;
	}
	function unary(): Predicate {
		if (peek()?.toLowerCase() === 'not') {
			next();
			const inner = unary();
			return (item) => !inner(item);
		}
		return primary();
	}
	function primary(): Predicate {
		const token = next();
		if (token === undefined) throw new QueryError('Filter ends unexpectedly');
		if (token === '(') {
			const inner = orExpression();
			expect(')');
			return inner;
		}
		if (FUNCTIONS.has(token.toLowerCase()) && peek() === '(') {
			next();
			const path = next()!;
			expect(',');
			const value = String(literal(next()));
			expect(')');
			const fn = token.toLowerCase();
			return (item) => {
				const actual = String(readPath(item, path) ?? '');
				if (fn === 'contains') return actual.includes(value);
				if (fn === 'startswith') return actual.startsWith(value);
				return actual.endsWith(value);
			};
		}
		if (!/^[A-Za-z_][\w./]*$/.test(token)) throw new QueryError(`Expected a property name in filter, found ${token}`);
		const path = token;
		const operator = next()?.toLowerCase();
		if (operator === 'in') {
			expect('(');
			const values: unknown[] = [literal(next())];
			while (peek() === ',') {
				next();
				values.push(literal(next()));
			}
			expect(')');
			return (item) => values.some((value) => compare(readPath(item, path), value) === 0);
		}
		if (!operator || !COMPARISONS.has(operator)) throw new QueryError(`Unknown filter operator: ${operator ?? '(none)'}`);
		const value = literal(next());
		return (item) => {
			const actual = readPath(item, path);
			if (operator === 'eq') return compare(actual, value) === 0;
			if (operator === 'ne') return compare(actual, value) !== 0;
			if (actual === undefined || actual === null) return false;
			const order = compare(actual, value);
			return operator === 'gt' ? order > 0 : operator === 'ge' ? order >= 0 : operator === 'lt' ? order < 0 : order <= 0;
		};
	}

	const predicate = orExpression();
	if (position < tokens.length) throw new QueryError(`Unexpected "${tokens[position]}" in filter`);
	return predicate;
}

export function sortItems<T extends Item>(items: T[], sort: string | undefined): T[] {
	if (!sort || sort.trim() === '') return items;
	const keys = sort.split(',').map((part) => {
		const [path, direction = 'asc'] = part.trim().split(/\s+/);
		if (!/^(asc|desc)$/i.test(direction)) throw new QueryError(`Sort direction must be asc or desc: ${part}`);
		return { path, sign: direction.toLowerCase() === 'desc' ? -1 : 1 };
	});
	return [...items].sort((a, b) => {
		for (const { path, sign } of keys) {
			const order = compare(readPath(a, path), readPath(b, path));
			if (order !== 0) return order * sign;
		}
		return 0;
	});
}

export function selectFields(item: Item, select: string | undefined): Item {
	if (!select || select.trim() === '') return item;
	const result: Item = {};
	for (const path of select.split(',').map((part) => part.trim()).filter(Boolean)) {
		const value = readPath(item, path);
		if (value === undefined) continue;
		const parts = path.split(/[./]/);
		let target = result;
		parts.slice(0, -1).forEach((part) => (target = (target[part] ??= {}) as Item));
		target[parts[parts.length - 1]] = value;
	}
	return result;
}
