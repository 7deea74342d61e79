import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * XML for the ESC simulator. Requests are read with fast-xml-parser (not with the node's own
 * reader, so a bug there cannot hide itself); responses and callbacks are written here.
 */
export type Xml = { [name: string]: unknown };

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@',
	removeNSPrefix: false,
	parseTagValue: false,
	trimValues: true,
	processEntities: true,
	htmlEntities: false,
});

/** Parses a request body; returns an error message when it is not well-formed or carries a DTD. */
export function parseRequestXml(text: string): { root: string; namespace?: string; value: Xml } | { error: string } {
	if (/<!DOCTYPE/i.test(text)) return { error: 'DOCTYPE is not allowed' };
	const valid = XMLValidator.validate(text);
	if (valid !== true) return { error: `Malformed XML: ${valid.err.msg} (line ${valid.err.line})` };
	const parsed = parser.parse(text) as Xml;
	const root = Object.keys(parsed).find((key) => key !== '?xml');
	if (!root) return { error: 'Empty XML document' };
	const value = (parsed[root] && typeof parsed[root] === 'object' ? parsed[root] : { '#text': parsed[root] }) as Xml;
	return { root, namespace: value['@xmlns'] as string | undefined, value };
}

export function escape(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function element(name: string, value: unknown): string {
	if (value === undefined || value === null) return '';
	if (Array.isArray(value)) return value.map((entry) => element(name, entry)).join('');
	if (typeof value === 'object') {
		const entries = Object.entries(value as Xml);
		const attributes = entries
			.filter(([key]) => key.startsWith('@'))
			.map(([key, v]) => ` ${key.slice(1)}="${escape(String(v))}"`)
			.join('');
		const children = entries
			.filter(([key]) => !key.startsWith('@'))
			.map(([key, v]) => element(key, v))
			.join('');
		return `<${name}${attributes}>${children}</${name}>`;
	}
	return `<${name}>${escape(String(value))}</${name}>`;
}

export const NETCONF_NS = 'urn:ietf:params:xml:ns:netconf:base:1.0';
export const ESC_NS = 'http://www.cisco.com/esc/esc';

/** A whole document as ESC writes it. */
export function document(root: string, value: Xml, namespace: string | undefined = NETCONF_NS): string {
	const withNamespace = namespace ? { '@xmlns': namespace, ...value } : value;
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${element(root, withNamespace)}`;
}

/** Text of a child element, whatever fast-xml-parser made of it. */
export function text(value: Xml | undefined, key: string): string | undefined {
	const child = value?.[key];
	if (child === undefined || child === null) return undefined;
	if (typeof child === 'object') return (child as Xml)['#text'] !== undefined ? String((child as Xml)['#text']) : '';
	return String(child);
}

export function list(value: unknown): Xml[] {
	if (value === undefined || value === null || value === '') return [];
	return (Array.isArray(value) ? value : [value]) as Xml[];
}
