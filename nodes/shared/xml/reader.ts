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

/** An element being read: its value is built in place as its children close. */
interface Frame {
	/** Qualified name, to match the closing tag. */
	name: string;
	local: string;
	/** Attributes and children; created by the first of them. */
	object: { [name: string]: XmlValue } | undefined;
	/** Text from the first non-blank segment on; blank segments after it wait in `blank`. */
	text: string;
	blank: string;
	/** Children of this element that are always arrays by their `parent/child` entry; read on the first child. */
	arrayChildren: Set<string> | undefined | null;
}

const KIND_NUMBER = 1;
const KIND_BOOLEAN = 2;
const NUMBER_TEXT = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** Compiled form of a schema, reusable across documents. */
export class XmlReader {
	/** Names always read as arrays, and `parent/child` entries by parent. */
	private readonly arrays = new Set<string>();
	private readonly arraysByParent = new Map<string, Set<string>>();
	private readonly kinds = new Map<string, number>();

	constructor(private readonly options: ReadOptions = {}) {
		for (const entry of options.arrays ?? []) {
			const slash = entry.indexOf('/');
			if (slash < 0) {
				this.arrays.add(entry);
				continue;
			}
			const parent = entry.slice(0, slash);
			const children = this.arraysByParent.get(parent) ?? new Set<string>();
			children.add(entry.slice(slash + 1));
			this.arraysByParent.set(parent, children);
		}
		for (const name of options.numbers ?? []) this.kinds.set(name, (this.kinds.get(name) ?? 0) | KIND_NUMBER);
		for (const name of options.booleans ?? []) this.kinds.set(name, (this.kinds.get(name) ?? 0) | KIND_BOOLEAN);
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

	/** @internal Names always read as arrays. */
	alwaysArray(name: string): boolean {
		return this.arrays.has(name);
	}

	/** @internal Children of `parent` read as arrays by a `parent/child` entry; null when none. */
	arrayChildrenOf(parent: string): Set<string> | null {
		return this.arraysByParent.get(parent) ?? null;
	}

	/** @internal The text of an element, as a number or boolean where the schema says so. */
	typed(name: string, text: string): XmlValue {
		const kind = this.kinds.get(name);
		if (kind === undefined) return text;
		if (kind & KIND_NUMBER && NUMBER_TEXT.test(text)) return Number(text);
		if (kind & KIND_BOOLEAN && (text === 'true' || text === 'false')) return text === 'true';
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

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;

function isBlank(code: number): boolean {
	return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

/** ASCII characters that may continue a name: letters, digits, `_ . : -`. */
function isAsciiNameCharacter(code: number): boolean {
	return (
		(code >= 0x61 && code <= 0x7a) ||
		(code >= 0x41 && code <= 0x5a) ||
		(code >= 0x30 && code <= 0x3a) ||
		code === 0x5f ||
		code === 0x2d ||
		code === 0x2e
	);
}

/**
 * One pass over the text, building each element's value in place as it closes (no intermediate
 * tree): markup is found with indexOf and character codes, so a listing of thousands of
 * resources reads about as fast as the text can be scanned.
 */
class Parser {
	private position = 0;
	private readonly stack: Frame[] = [];
	/** Next `]]>` at or after the text being read (-1: none); legal only as the end of a CDATA section. */
	private nextCdataEnd = -2;
	/** Next `&` at or after the text being read (-1: none). Both are searched once per occurrence, not per segment. */
	private nextAmpersand = -2;

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
			else if (this.text.charCodeAt(this.position) === LT) {
				if (root) throw this.error('has more than one root element');
				root = this.rootElement();
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
		while (this.position < this.text.length && isBlank(this.text.charCodeAt(this.position))) this.position++;
	}

	private expect(literal: string): void {
		if (!this.text.startsWith(literal, this.position)) throw this.error(`is not well-formed: expected "${literal}"`);
		this.position += literal.length;
	}

	private name(): string {
		const text = this.text;
		const start = this.position;
		const first = text.charCodeAt(start);
		const asciiStart = (first >= 0x61 && first <= 0x7a) || (first >= 0x41 && first <= 0x5a) || first === 0x5f || first === 0x3a;
		if (asciiStart) {
			let end = start + 1;
			let code = text.charCodeAt(end);
			while (isAsciiNameCharacter(code)) code = text.charCodeAt(++end);
			// Names with characters beyond ASCII are rare: the full rule reads them.
			if (!(code >= 0x80)) {
				this.position = end;
				return text.slice(start, end);
			}
		}
		NAME.lastIndex = start;
		const match = NAME.exec(text);
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

	/** Reads an attribute value up to its closing quote, resolving references. */
	private attributeValue(quote: '"' | "'"): string {
		const pattern = quote === '"' ? /["<&]/g : /['<&]/g;
		let result = '';
		for (;;) {
			pattern.lastIndex = this.position;
			const match = pattern.exec(this.text);
			const end = match ? match.index : this.text.length;
			result += this.text.slice(this.position, end);
			this.position = end;
			if (!match || match[0] === quote) return result;
			if (match[0] === '&') result += this.reference();
			else throw this.error('is not well-formed: "<" in an attribute value');
		}
	}

	/** Text content from `start` to `end` (the next `<`), with references resolved. */
	private content(start: number, end: number): string {
		if (this.nextCdataEnd !== -1 && this.nextCdataEnd < start) this.nextCdataEnd = this.text.indexOf(']]>', start);
		if (this.nextCdataEnd !== -1 && this.nextCdataEnd < end) throw this.error('is not well-formed: "]]>" in text', this.nextCdataEnd + 2);
		if (this.nextAmpersand !== -1 && this.nextAmpersand < start) this.nextAmpersand = this.text.indexOf('&', start);
		if (this.nextAmpersand === -1 || this.nextAmpersand >= end) return this.text.slice(start, end);
		let result = '';
		let from = start;
		while (this.nextAmpersand !== -1 && this.nextAmpersand < end) {
			result += this.text.slice(from, this.nextAmpersand);
			this.position = this.nextAmpersand;
			result += this.reference();
			from = this.position;
			this.nextAmpersand = this.text.indexOf('&', from);
		}
		return result + this.text.slice(from, end);
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

	/** Adds text (a content segment or a CDATA section) to the element being read. */
	private addText(frame: Frame, segment: string): void {
		let blank = true;
		for (let index = 0; index < segment.length; index++) {
			if (!isBlank(segment.charCodeAt(index))) {
				blank = false;
				break;
			}
		}
		if (blank) {
			if (frame.text !== '') frame.blank += segment;
		} else {
			frame.text += frame.blank + segment;
			frame.blank = '';
		}
	}

	/**
	 * Reads a start tag at `<`: its name and attributes. Returns the frame, or, for an empty element
	 * (`<a/>`), its value directly.
	 */
	private startTag(): Frame | { name: string; value: XmlValue } {
		this.position++;
		const name = this.name();
		const colon = name.indexOf(':');
		const local = colon >= 0 ? name.slice(colon + 1) : name;
		let object: { [name: string]: XmlValue } | undefined;
		let seen: Set<string> | undefined;
		for (;;) {
			const before = this.position;
			this.skipWhitespace();
			const code = this.text.charCodeAt(this.position);
			if (code === SLASH && this.text.charCodeAt(this.position + 1) === GT) {
				this.position += 2;
				return { name: local, value: object ?? this.reader.typed(local, '') };
			}
			if (code === GT) {
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
			const value = this.attributeValue(quote);
			this.expect(quote);
			seen ??= new Set();
			if (seen.has(attribute)) throw this.error(`repeats the attribute ${attribute}`);
			seen.add(attribute);
			if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) continue;
			object ??= {};
			object[`@${localName(attribute)}`] = value;
		}
		return { name, local, object, text: '', blank: '', arrayChildren: undefined };
	}

	/** Puts a closed child's value into its parent, as an array where the schema or repetition says so. */
	private attach(parent: Frame, name: string, value: XmlValue): void {
		const object = (parent.object ??= {});
		if (parent.arrayChildren === undefined) parent.arrayChildren = this.reader.arrayChildrenOf(parent.local);
		const array = this.reader.alwaysArray(name) || (parent.arrayChildren !== null && parent.arrayChildren.has(name));
		const existing = object[name];
		if (array) {
			if (Array.isArray(existing)) existing.push(value);
			else object[name] = [value];
		} else if (existing === undefined) {
			object[name] = value;
		} else if (Array.isArray(existing)) {
			// Only repetition makes an array here: an element's own value is never one.
			existing.push(value);
		} else {
			object[name] = [existing, value];
		}
	}

	private valueOf(frame: Frame): XmlValue {
		const text = frame.text === '' ? '' : frame.text.trim();
		if (frame.object === undefined) return this.reader.typed(frame.local, text);
		if (text !== '') frame.object['#text'] = this.reader.typed(frame.local, text);
		return frame.object;
	}

	/** Reads the root element and everything in it, without recursion. */
	private rootElement(): { name: string; value: XmlValue } {
		const text = this.text;
		const length = text.length;
		const stack = this.stack;
		const opened = this.startTag();
		if (!('blank' in opened)) return opened;
		stack.push(opened);
		if (stack.length > this.maxDepth) throw this.error(`is nested deeper than ${this.maxDepth} levels`);
		for (;;) {
			const frame = stack[stack.length - 1];
			const lt = text.indexOf('<', this.position);
			if (lt < 0) throw this.error(`ends before </${frame.name}>`, length);
			if (lt > this.position) this.addText(frame, this.content(this.position, lt));
			this.position = lt;
			const next = text.charCodeAt(lt + 1);
			if (next === SLASH) {
				const nameEnd = lt + 2 + frame.name.length;
				const after = text.charCodeAt(nameEnd);
				if (text.startsWith(frame.name, lt + 2) && (after === GT || isBlank(after))) {
					this.position = nameEnd;
				} else {
					this.position = lt + 2;
					const closing = this.name();
					if (closing !== frame.name) throw this.error(`is not well-formed: </${closing}> closes <${frame.name}>`);
				}
				this.skipWhitespace();
				if (text.charCodeAt(this.position) !== GT) throw this.error('is not well-formed: expected ">"');
				this.position++;
				stack.pop();
				const value = this.valueOf(frame);
				if (stack.length === 0) return { name: frame.local, value };
				this.attach(stack[stack.length - 1], frame.local, value);
			} else if (next === BANG) {
				if (text.startsWith('<![CDATA[', lt)) {
					const end = text.indexOf(']]>', lt + 9);
					if (end < 0) throw this.error('has an unterminated CDATA section');
					this.addText(frame, text.slice(lt + 9, end));
					this.position = end + 3;
				} else if (text.startsWith('<!--', lt)) this.comment();
				else throw this.error('has a declaration inside an element, which is refused');
			} else if (next === QUESTION) {
				this.processingInstruction();
			} else {
				const child = this.startTag();
				if ('blank' in child) {
					stack.push(child);
					if (stack.length > this.maxDepth) throw this.error(`is nested deeper than ${this.maxDepth} levels`);
				} else this.attach(frame, child.name, child.value);
			}
		}
	}
}

function codePoint(value: number): string | undefined {
	const allowed =
		value === 0x9 || value === 0xa || value === 0xd || (value >= 0x20 && value <= 0xd7ff) || (value >= 0xe000 && value <= 0xfffd) || (value >= 0x10000 && value <= 0x10ffff);
	return allowed ? String.fromCodePoint(value) : undefined;
}
