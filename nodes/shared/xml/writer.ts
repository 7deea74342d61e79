/**
 * A small XML writer: builds a document from plain values, escaping every text and attribute value
 * and refusing element names and characters that XML cannot carry. Nothing a user types can open
 * or close an element.
 */

/** A value to write: text, a number or boolean (written as text), child elements, or repeated elements. */
export type XmlInput = string | number | boolean | null | undefined | XmlInput[] | XmlObject;

/**
 * Child elements by name. A key starting with `@` is an attribute (`@xmlns`, `@xmlns:ns2`), `#text`
 * is the element's own text. `undefined` and `null` values are left out.
 */
export interface XmlObject {
	[name: string]: XmlInput;
}

export class XmlWriteError extends Error {}

/** XML names as used by the APIs we talk to: ASCII letters, digits, `_ - .`, one optional prefix. */
const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*(?::[A-Za-z_][A-Za-z0-9_.-]*)?$/;

/** Characters XML 1.0 does not allow anywhere, even escaped (controls other than tab, LF, CR; lone surrogates; U+FFFE/U+FFFF). */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkCharacters(text: string, where: string): void {
	const match = FORBIDDEN_CHARACTERS.exec(text);
	if (match) {
		const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
		throw new XmlWriteError(`${where} contains a character XML cannot carry (U+${code})`);
	}
}

/** Escapes element text: `&`, `<` and `>` (so `]]>` cannot appear either). */
export function escapeXmlText(text: string): string {
	checkCharacters(text, 'A value');
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value, including both quotes and the whitespace XML would normalise away. */
export function escapeXmlAttribute(text: string): string {
	return escapeXmlText(text)
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;')
		.replace(/\t/g, '&#9;')
		.replace(/\n/g, '&#10;')
		.replace(/\r/g, '&#13;');
}

function checkName(name: string): string {
	if (!XML_NAME.test(name)) throw new XmlWriteError(`${JSON.stringify(name)} is not a valid XML element or attribute name`);
	return name;
}

function scalarText(value: string | number | boolean): string {
	if (typeof value === 'number' && !Number.isFinite(value)) throw new XmlWriteError(`${value} cannot be written as XML`);
	return String(value);
}

function isObject(value: XmlInput): value is XmlObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function writeElement(name: string, value: XmlInput, indent: string, newline: string, depth: number): string {
	if (value === undefined || value === null) return '';
	if (Array.isArray(value)) return value.map((entry) => writeElement(name, entry, indent, newline, depth)).join('');
	const pad = indent.repeat(depth);
	const tag = checkName(name);
	if (!isObject(value)) return `${pad}<${tag}>${escapeXmlText(scalarText(value))}</${tag}>${newline}`;

	let attributes = '';
	let text = '';
	let children = '';
	for (const [key, child] of Object.entries(value)) {
		if (child === undefined || child === null) continue;
		if (key.startsWith('@')) {
			if (isObject(child) || Array.isArray(child)) throw new XmlWriteError(`Attribute ${key.slice(1)} must be a single value`);
			attributes += ` ${checkName(key.slice(1))}="${escapeXmlAttribute(scalarText(child))}"`;
		} else if (key === '#text') {
			if (isObject(child) || Array.isArray(child)) throw new XmlWriteError('Element text must be a single value');
			text += escapeXmlText(scalarText(child));
		} else {
			children += writeElement(key, child, indent, newline, depth + 1);
		}
	}
	if (children === '' && text === '') return `${pad}<${tag}${attributes}/>${newline}`;
	if (children === '') return `${pad}<${tag}${attributes}>${text}</${tag}>${newline}`;
	return `${pad}<${tag}${attributes}>${newline}${text}${children}${pad}</${tag}>${newline}`;
}

export interface WriteOptions {
	/** Default namespace of the root element (`xmlns`). */
	namespace?: string;
	/** Start with `<?xml version="1.0" encoding="UTF-8"?>`. Default true. */
	declaration?: boolean;
	/** Indent child elements with this text; empty writes everything on one line. Default two spaces. */
	indent?: string;
}

/** Writes one document whose root element is `root`. */
export function writeXml(root: string, value: XmlObject | string, options: WriteOptions = {}): string {
	const { namespace, declaration = true, indent = '  ' } = options;
	const content: XmlObject = typeof value === 'string' ? { '#text': value } : value;
	const rootValue: XmlObject = namespace !== undefined ? { '@xmlns': namespace, ...content } : content;
	const newline = indent === '' ? '' : '\n';
	const head = declaration ? `<?xml version="1.0" encoding="UTF-8"?>${newline}` : '';
	return head + writeElement(root, rootValue, indent, newline, 0);
}
