import { XMLParser } from 'fast-xml-parser';

/** A parsed XML element: attributes under `@_name`, text under `#text`, children by tag name (arrays when repeated). */
export type XmlNode = { readonly [key: string]: XmlValue };
/** A value in a parsed XML tree. */
export type XmlValue = string | number | boolean | XmlNode | readonly XmlValue[];

/** Largest XML document parsed (header XML of vendor files is at most a few MB; larger is refused, not parsed). */
export const MAX_XML_CHARS = 16 * 1024 * 1024;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  removeNSPrefix: true,
  trimValues: true,
  allowBooleanAttributes: true,
});

/** Parses XML into a plain tree, namespaces prefixes removed; `null` for text that is not well-formed enough to parse or too large. */
export function parseXml(text: string): XmlNode | null {
  if (text.length > MAX_XML_CHARS) return null;
  try {
    const tree: unknown = parser.parse(text);
    return typeof tree === 'object' && tree !== null ? (tree as XmlNode) : null;
  } catch {
    return null;
  }
}

/** The name of the root element of an XML document (namespace prefix removed), read from the first bytes without parsing. */
export function xmlRootName(text: string): string | null {
  const m = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s>/]/.exec(text.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g, ''));
  return m ? m[2]! : null;
}

/** The child (or first of repeated children) at a path of tag names, or `undefined`. */
export function xmlAt(node: XmlValue | undefined, ...path: string[]): XmlValue | undefined {
  let cur: XmlValue | undefined = node;
  for (const key of path) {
    if (cur === undefined) return undefined;
    if (Array.isArray(cur)) cur = cur[0];
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    cur = (cur as XmlNode)[key];
  }
  return Array.isArray(cur) ? cur[0] : cur;
}

/** Every child at the end of a path, whether it occurs once or repeatedly. */
export function xmlAll(node: XmlValue | undefined, ...path: string[]): XmlValue[] {
  if (path.length === 0) return node === undefined ? [] : Array.isArray(node) ? [...node] : [node];
  const parent = path.length > 1 ? xmlAt(node, ...path.slice(0, -1)) : Array.isArray(node) ? node[0] : node;
  if (typeof parent !== 'object' || parent === null || Array.isArray(parent)) return [];
  const child = (parent as XmlNode)[path[path.length - 1]!];
  return child === undefined ? [] : Array.isArray(child) ? [...child] : [child];
}

/** The text of a node (its `#text`, or itself when it is a scalar), or `undefined`. */
export function xmlText(node: XmlValue | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) return xmlText(node[0]);
  const t = (node as XmlNode)['#text'];
  return t === undefined ? undefined : String(t);
}

/** An attribute of a node, or `undefined`. */
export function xmlAttr(node: XmlValue | undefined, name: string): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const n = Array.isArray(node) ? node[0] : node;
  if (typeof n !== 'object' || n === null || Array.isArray(n)) return undefined;
  const v = (n as XmlNode)[`@_${name}`];
  return v === undefined ? undefined : String(v);
}
