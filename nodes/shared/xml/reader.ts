/**
 * A small, strict XML reader that turns a document into predictable JSON:
 * - an element with only text becomes that text (a number or boolean where the schema says so);
 * - an element with children or attributes becomes an object: attributes under `@name`, its own
 *   text under `#text`, children by their local name;
 * - an element named in `arrays` is always an array, whether it appears once or many times; any
 *   other element that repeats becomes an array too;
 * - namespace prefixes and `xmlns` declarations are dropped (the APIs we read use one vocabulary).
 * It refuses document type declarations and every entity but the five predefined ones and character
 * references (no XXE, no "billion laughs"), limits nesting depth and size, and refuses bytes that
 * are not UTF-8.
 */
export type XmlValue = string | number | boolean | XmlValue[] | { [name: string]: XmlValue };

export class XmlParseError extends Error {}

export interface XmlSchema {
	/**
	 * Elements that are always arrays: a local name (`property`) or a parent and child
	 * (`tenants/tenant`) when the same name is also used for a single element elsewhere.
	 */
	arrays?: Iterable<string>;
	/** Elements whose text is a number (converted when it is one). */
	numbers?: Iterable<string>;
	/** Elements whose text is `true` or `false` (converted when it is one). */
	booleans?: Iterable<string>;
}

export interface ReadOptions extends XmlSchema {
	/** Deepest nesting accepted. Default 64. */
	maxDepth?: number;
	/** Largest document accepted, in characters (or bytes for a Buffer). Default 10 MB. */
	maxLength?: number;
}

const DEFAULT_MAX_DEPTH = 64;
const DEFAULT_MAX_LENGTH = 10 * 1024 * 1024;

const PREDEFINED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME = /[A-Za-z_:][A-Za-z0-9_.:\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D\u203F-\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD-]*/y;
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

interface Element {
	name: string;
	attributes: Array<[string, string]>;
	children: Array<{ name: string; value: XmlValue }>;
	text: string[];
}

/** Compiled form of a schema, reusable across documents. */
export class XmlReader {
	private readonly arrays: Set<string>;
	private readonly numbers: Set<string>;
	private readonly booleans: Set<string>;

	constructor(private readonly options: ReadOptions = {}) {
		this.arrays = new Set(options.arrays ?? []);
		this.numbers = new Set(options.numbers ?? []);
		this.booleans = new Set(options.booleans ?? []);
	}

	/** Parses a whole document: `{ rootName: value }`. */
	read(input: string | Buffer | Uint8Array): { [root: string]: XmlValue } {
		const maxLength = this.options.maxLength ?? DEFAULT_MAX_LENGTH;
		if (input.length > maxLength) {
			const megabytes = maxLength >= 1024 * 1024 ? ` (${Math.round(maxLength / 1024 / 1024)} MB)` : '';
			throw new XmlParseError(`The XML document is larger than ${maxLength} characters${megabytes}, the most that is read`);
		}
		const text = typeof input === 'string' ? input : decodeUtf8(input);
		return new Parser(text, this.options.maxDepth ?? DEFAULT_MAX_DEPTH, this).document();
	}

	/** @internal Builds the JSON value of a closed element. */
	valueOf(element: Element): XmlValue {
		const text = element.text.join('').trim();
		const name = localName(element.name);
		if (element.attributes.length === 0 && element.children.length === 0) return this.typed(name, text);
		const result: { [name: string]: XmlValue } = {};
		for (const [attribute, value] of element.attributes) result[`@${attribute}`] = value;
		for (const child of element.children) {
			const existing = result[child.name];
			if (this.isArray(child.name, name)) {
				if (Array.isArray(existing)) existing.push(child.value);
				else result[child.name] = [child.value];
			} else if (existing === undefined) {
				result[child.name] = child.value;
			} else if (Array.isArray(existing)) {
				// Only repetition makes an array here: an element's own value is never one.
				existing.push(child.value);
			} else {
				result[child.name] = [existing, child.value];
			}
		}
		if (text !== '') result['#text'] = this.typed(name, text);
		return result;
	}

	/** @internal */
	isArray(name: string, parent: string | undefined): boolean {
		return this.arrays.has(name) || (parent !== undefined && this.arrays.has(`${parent}/${name}`));
	}

	private typed(name: string, text: string): XmlValue {
		if (this.numbers.has(name) && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) return Number(text);
		if (this.booleans.has(name) && (text === 'true' || text === 'false')) return text === 'true';
		return text;
	}
}

/** Parses one document with a schema given inline. */
export function readXml(input: string | Buffer | Uint8Array, options: ReadOptions = {}): { [root: string]: XmlValue } {
	return new XmlReader(options).read(input);
}

export function localName(name: string): string {
	const colon = name.indexOf(':');
	return colon >= 0 ? name.slice(colon + 1) : name;
}

function decodeUtf8(bytes: Uint8Array): string {
	let text: string | undefined;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		text = undefined;
	}
	if (text === undefined) throw new XmlParseError('The XML document is not valid UTF-8');
	return text;
}

class Parser {
	private position = 0;
	private readonly stack: Element[] = [];

	constructor(
		private readonly text: string,
		private readonly maxDepth: number,
		private readonly reader: XmlReader,
	) {}

	document(): { [root: string]: XmlValue } {
		this.position = this.text.charCodeAt(0) === 0xfeff ? 1 : 0;
		const forbidden = FORBIDDEN_CHARACTER.exec(this.text);
		if (forbidden) {
			const code = forbidden[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
			throw this.error(`contains a character XML does not allow (U+${code})`, forbidden.index);
		}
		if (this.text.startsWith('<?xml', this.position)) this.declaration();
		let root: { name: string; value: XmlValue } | undefined;
		while (this.position < this.text.length) {
			this.skipWhitespace();
			if (this.position >= this.text.length) break;
			if (this.text.startsWith('<!--', this.position)) this.comment();
			else if (this.text.startsWith('<!DOCTYPE', this.position) || this.text.startsWith('<!doctype', this.position)) {
				throw this.error('has a document type declaration (DTD), which is refused');
			} else if (this.text.startsWith('<?', this.position)) this.processingInstruction();
			else if (this.text[this.position] === '<') {
				if (root) throw this.error('has more than one root element');
				root = this.element();
			} else throw this.error('has text outside the root element');
		}
		if (!root) throw this.error('has no root element');
		return { [root.name]: root.value };
	}

	private error(problem: string, at = this.position): XmlParseError {
		const before = this.text.slice(0, at);
		const line = before.split('\n').length;
		const column = at - before.lastIndexOf('\n');
		return new XmlParseError(`The XML ${problem} (line ${line}, column ${column})`);
	}

	private skipWhitespace(): void {
		while (this.position < this.text.length && /[ \t\r\n]/.test(this.text[this.position])) this.position++;
	}

	private expect(literal: string): void {
		if (!this.text.startsWith(literal, this.position)) throw this.error(`is not well-formed: expected "${literal}"`);
		this.position += literal.length;
	}

	private name(): string {
		NAME.lastIndex = this.position;
		const match = NAME.exec(this.text);
		if (!match) throw this.error('is not well-formed: expected a name');
		this.position += match[0].length;
		return match[0];
	}

	private declaration(): void {
		const end = this.text.indexOf('?>', this.position);
		if (end < 0) throw this.error('has an unterminated XML declaration');
		const encoding = /encoding\s*=\s*["']([^"']+)["']/.exec(this.text.slice(this.position, end));
		if (encoding && !/^utf-?8$/i.test(encoding[1])) throw this.error(`declares encoding ${encoding[1]}; only UTF-8 is read`);
		this.position = end + 2;
	}

	private comment(): void {
		const end = this.text.indexOf('-->', this.position + 4);
		if (end < 0) throw this.error('has an unterminated comment');
		this.position = end + 3;
	}

	private processingInstruction(): void {
		const end = this.text.indexOf('?>', this.position + 2);
		if (end < 0) throw this.error('has an unterminated processing instruction');
		this.position = end + 2;
	}

	/** Reads text up to `stop` (`<` in content, the closing quote in an attribute), resolving references. */
	private characters(stop: '<' | '"' | "'"): string {
		const pattern = stop === '<' ? /[<&>]/g : stop === '"' ? /["<&]/g : /['<&]/g;
		let result = '';
		for (;;) {
			pattern.lastIndex = this.position;
			const match = pattern.exec(this.text);
			const end = match ? match.index : this.text.length;
			result += this.text.slice(this.position, end);
			this.position = end;
			if (!match || match[0] === stop) return result;
			if (match[0] === '&') result += this.reference();
			else if (match[0] === '<') throw this.error('is not well-formed: "<" in an attribute value');
			else {
				if (this.text.startsWith(']]>', end - 2)) throw this.error('is not well-formed: "]]>" in text');
				result += '>';
				this.position++;
			}
		}
	}

	private reference(): string {
		const end = this.text.indexOf(';', this.position);
		if (end < 0 || end - this.position > 12) throw this.error('is not well-formed: "&" must be written &amp;');
		const body = this.text.slice(this.position + 1, end);
		let value: string | undefined;
		if (/^#[0-9]+$/.test(body)) value = codePoint(Number(body.slice(1)));
		else if (/^#x[0-9a-fA-F]+$/.test(body)) value = codePoint(parseInt(body.slice(2), 16));
		else if (body in PREDEFINED_ENTITIES) value = PREDEFINED_ENTITIES[body];
		else if (/^[A-Za-z_][\w.-]*$/.test(body)) throw this.error(`uses the entity &${body}; which is refused (only XML's five predefined entities are read)`);
		if (value === undefined) throw this.error(`has an invalid character reference &${body};`);
		this.position = end + 1;
		return value;
	}

	private element(): { name: string; value: XmlValue } {
		this.expect('<');
		const name = this.name();
		const element: Element = { name, attributes: [], children: [], text: [] };
		const seen = new Set<string>();
		for (;;) {
			const before = this.position;
			this.skipWhitespace();
			if (this.text.startsWith('/>', this.position)) {
				this.position += 2;
				return this.close(element);
			}
			if (this.text[this.position] === '>') {
				this.position++;
				break;
			}
			if (this.position === before) throw this.error('is not well-formed: expected whitespace between attributes');
			const attribute = this.name();
			this.skipWhitespace();
			this.expect('=');
			this.skipWhitespace();
			const quote = this.text[this.position];
			if (quote !== '"' && quote !== "'") throw this.error('is not well-formed: attribute values must be quoted');
			this.position++;
			const value = this.characters(quote);
			this.expect(quote);
			if (seen.has(attribute)) throw this.error(`repeats the attribute ${attribute}`);
			seen.add(attribute);
			if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) continue;
			element.attributes.push([localName(attribute), value]);
		}
		this.stack.push(element);
		if (this.stack.length > this.maxDepth) throw this.error(`is nested deeper than ${this.maxDepth} levels`);
		for (;;) {
			if (this.position >= this.text.length) throw this.error(`ends before </${name}>`);
			if (this.text.startsWith('</', this.position)) {
				this.position += 2;
				const closing = this.name();
				if (closing !== name) throw this.error(`is not well-formed: </${closing}> closes <${name}>`);
				this.skipWhitespace();
				this.expect('>');
				this.stack.pop();
				return this.close(element);
			}
			if (this.text.startsWith('<![CDATA[', this.position)) {
				const end = this.text.indexOf(']]>', this.position + 9);
				if (end < 0) throw this.error('has an unterminated CDATA section');
				element.text.push(this.text.slice(this.position + 9, end));
				this.position = end + 3;
			} else if (this.text.startsWith('<!--', this.position)) this.comment();
			else if (this.text.startsWith('<!', this.position)) throw this.error('has a declaration inside an element, which is refused');
			else if (this.text.startsWith('<?', this.position)) this.processingInstruction();
			else if (this.text[this.position] === '<') {
				const child = this.element();
				element.children.push(child);
			} else element.text.push(this.characters('<'));
		}
	}

	private close(element: Element): { name: string; value: XmlValue } {
		return { name: localName(element.name), value: this.reader.valueOf(element) };
	}
}

function codePoint(value: number): string | undefined {
	const allowed =
		value === 0x9 || value === 0xa || value === 0xd || (value >= 0x20 && value <= 0xd7ff) || (value >= 0xe000 && value <= 0xfffd) || (value >= 0x10000 && value <= 0x10ffff);
	return allowed ? String.fromCodePoint(value) : undefined;
}
