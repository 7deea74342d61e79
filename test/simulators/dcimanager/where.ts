/**
 * DCImanager 6 list grammar as the simulator understands it: `where` (EQ, NE, CP, IS null, NOT, AND,
 * OR, parentheses, single-quoted text with backslash escapes, numbers, true/false), `orderby`
 * (`field asc|desc`, comma-separated) and `limit` (`offset,count` or `count`).
 */

type Token =
	| { kind: 'word'; text: string }
	| { kind: 'text'; text: string }
	| { kind: 'open' }
	| { kind: 'close' };

export class WhereSyntaxError extends Error {}

export type Row = Record<string, unknown>;
type Predicate = (row: Row) => boolean;

function tokenize(source: string): Token[] {
	const tokens: Token[] = [];
	let index = 0;
	while (index < source.length) {
		const char = source[index];
		if (/\s/.test(char)) {
			index++;
		} else if (char === '(') {
			tokens.push({ kind: 'open' });
			index++;
		} else if (char === ')') {
			tokens.push({ kind: 'close' });
			index++;
		} else if (char === "'") {
			let text = '';
			index++;
			for (;;) {
				if (index >= source.length) throw new WhereSyntaxError('unterminated text value');
				const next = source[index];
				if (next === '\\') {
					if (index + 1 >= source.length) throw new WhereSyntaxError('dangling backslash');
					// Inside text, a backslash keeps the next character; before % or _ it stays for LIKE.
					const escaped = source[index + 1];
					text += escaped === '%' || escaped === '_' ? `\\${escaped}` : escaped;
					index += 2;
				} else if (next === "'") {
					index++;
					break;
				} else {
					text += next;
					index++;
				}
			}
			tokens.push({ kind: 'text', text });
		} else {
			const match = /^[A-Za-z0-9_.-]+/.exec(source.slice(index));
			if (!match) throw new WhereSyntaxError(`unexpected character ${JSON.stringify(char)} at ${index}`);
			tokens.push({ kind: 'word', text: match[0] });
			index += match[0].length;
		}
	}
	return tokens;
}

export function fieldValue(row: Row, field: string): unknown {
	return field.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Row)[key] : undefined), row);
}

/** SQL LIKE, case-insensitive, `%` any run, `_` one character, backslash escapes either. */
export function like(value: string, pattern: string): boolean {
	let regex = '';
	for (let index = 0; index < pattern.length; index++) {
		const char = pattern[index];
		if (char === '\\' && index + 1 < pattern.length) {
			regex += pattern[++index].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		} else if (char === '%') regex += '.*';
		else if (char === '_') regex += '.';
		else regex += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	}
	return new RegExp(`^${regex}$`, 'is').test(value);
}

type Literal = { kind: 'text'; value: string } | { kind: 'number'; value: number } | { kind: 'boolean'; value: boolean };

function equals(actual: unknown, literal: Literal): boolean {
	if (actual === null || actual === undefined) return false;
	if (literal.kind === 'number') return Number(actual) === literal.value;
	if (literal.kind === 'boolean') return actual === literal.value || String(actual) === String(literal.value);
	return String(actual).toLowerCase() === literal.value.replace(/\\([%_])/g, '$1').toLowerCase();
}

class Parser {
	private position = 0;

	constructor(private readonly tokens: Token[]) {}

	parse(): Predicate {
		const predicate = this.or();
		if (this.position < this.tokens.length) throw new WhereSyntaxError('unexpected input after the expression');
		return predicate;
	}

	private peekWord(): string | undefined {
		const token = this.tokens[this.position];
		return token?.kind === 'word' ? token.text.toUpperCase() : undefined;
	}

	private or(): Predicate {
		const parts = [this.and()];
		while (this.peekWord() === 'OR') {
			this.position++;
			parts.push(this.and());
		}
		return parts.length === 1 ? parts[0] : (row) => parts.some((part) => part(row));
	}

	private and(): Predicate {
		const parts = [this.unary()];
		while (this.peekWord() === 'AND') {
			this.position++;
			parts.push(this.unary());
		}
		return parts.length === 1 ? parts[0] : (row) => parts.every((part) => part(row));
	}

	private unary(): Predicate {
		if (this.peekWord() === 'NOT') {
			this.position++;
			const inner = this.unary();
			return (row) => !inner(row);
		}
		const token = this.tokens[this.position];
		if (token?.kind === 'open') {
			this.position++;
			const inner = this.or();
			if (this.tokens[this.position]?.kind !== 'close') throw new WhereSyntaxError('missing closing parenthesis');
			this.position++;
			return inner;
		}
		return this.comparison();
	}

	private comparison(): Predicate {
		const fieldToken = this.tokens[this.position++];
		if (fieldToken?.kind !== 'word' || !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(fieldToken.text)) {
			throw new WhereSyntaxError('expected a field name');
		}
		const field = fieldToken.text;
		const operator = this.peekWord();
		this.position++;
		if (operator === 'IS') {
			let negate = false;
			if (this.peekWord() === 'NOT') {
				negate = true;
				this.position++;
			}
			if (this.peekWord() !== 'NULL') throw new WhereSyntaxError('IS must be followed by null');
			this.position++;
			return (row) => {
				const value = fieldValue(row, field);
				return (value === null || value === undefined) !== negate;
			};
		}
		if (operator !== 'EQ' && operator !== 'NE' && operator !== 'CP') throw new WhereSyntaxError(`unknown operator after ${field}`);
		const literal = this.literal();
		if (operator === 'CP') {
			if (literal.kind !== 'text') throw new WhereSyntaxError('CP needs a text value');
			return (row) => {
				const value = fieldValue(row, field);
				return value !== null && value !== undefined && like(String(value), literal.value);
			};
		}
		return operator === 'EQ'
			? (row) => equals(fieldValue(row, field), literal)
			: (row) => {
					const value = fieldValue(row, field);
					return value !== null && value !== undefined && !equals(value, literal);
				};
	}

	private literal(): Literal {
		const token = this.tokens[this.position++];
		if (token?.kind === 'text') return { kind: 'text', value: token.text };
		if (token?.kind === 'word') {
			if (/^-?\d+(\.\d+)?$/.test(token.text)) return { kind: 'number', value: Number(token.text) };
			const lower = token.text.toLowerCase();
			if (lower === 'true' || lower === 'false') return { kind: 'boolean', value: lower === 'true' };
		}
		throw new WhereSyntaxError('expected a value: quoted text, a number, true or false');
	}
}

export function compileWhere(source: string): Predicate {
	const tokens = tokenize(source);
	if (tokens.length === 0) return () => true;
	return new Parser(tokens).parse();
}

export function compareRows(orderby: string): (a: Row, b: Row) => number {
	const keys = orderby
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean)
		.map((part) => {
			const [field, direction = 'asc'] = part.split(/\s+/);
			if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(field) || !/^(asc|desc)$/i.test(direction)) {
				throw new WhereSyntaxError(`orderby "${part}" is not "field asc|desc"`);
			}
			return { field, sign: direction.toLowerCase() === 'desc' ? -1 : 1 };
		});
	return (a, b) => {
		for (const { field, sign } of keys) {
			const x = fieldValue(a, field);
			const y = fieldValue(b, field);
			if (x === y) continue;
			if (x === null || x === undefined) return -sign;
			if (y === null || y === undefined) return sign;
			const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
			if (order !== 0) return order * sign;
		}
		return 0;
	};
}

/** `offset,count` or `count`. */
export function parseLimit(limit: string | undefined): { offset: number; count: number } | undefined {
	if (limit === undefined || limit === '') return undefined;
	const match = /^\s*(\d+)\s*(?:,\s*(\d+)\s*)?$/.exec(limit);
	if (!match) throw new WhereSyntaxError(`limit "${limit}" is not "offset,count"`);
	return match[2] === undefined ? { offset: 0, count: Number(match[1]) } : { offset: Number(match[1]), count: Number(match[2]) };
}
