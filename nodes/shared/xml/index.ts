export { writeXml, escapeXmlText, escapeXmlAttribute, XmlWriteError } from './writer';
export type { XmlInput, XmlObject, WriteOptions } from './writer';
export { readXml, XmlReader, XmlParseError, localName } from './reader';
export type { XmlValue, XmlSchema, ReadOptions } from './reader';
