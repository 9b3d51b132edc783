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

/** Prolog items (declaration, processing instructions, comments, DOCTYPE) skipped before the root; real prologs have a few. */
export const MAX_PROLOG_ITEMS = 256;
const NAME = /^([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)(?=[\s>/])/;

/** The root element of an XML document. */
export interface XmlRoot {
  /** Local name (namespace prefix removed). */
  readonly name: string;
  readonly prefix?: string;
  /** The start tag, from "<" to ">". */
  readonly tag: string;
  /** Index just after the start tag. */
  readonly end: number;
  /** Whether the root start tag is self-closing ("<a/>"). */
  readonly selfClosing: boolean;
}

/**
 * The root element of XML text, found in linear time by skipping the prolog (W3C XML 1.0 §2.8: XMLDecl, Misc =
 * comments, PIs, whitespace, and doctypedecl with an optional [internal subset]). Regular expressions over the
 * whole head take seconds on a hostile head of 16 000 "<!--"; this does not.
 */
export function xmlRoot(text: string): XmlRoot | null {
  let i = 0;
  for (let items = 0; items < MAX_PROLOG_ITEMS; items++) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text[i] !== '<') return null;
    // Where the prolog item starting at i ends (the index just after it), or -1 when it is not terminated.
    let close: number;
    if (text.startsWith('<?', i)) close = after(text.indexOf('?>', i + 2), 2);
    else if (text.startsWith('<!--', i)) close = after(text.indexOf('-->', i + 4), 3);
    else if (text.startsWith('<!', i)) {
      const gt = text.indexOf('>', i);
      const bracket = text.indexOf('[', i);
      const subsetEnd = bracket >= 0 && (gt < 0 || bracket < gt) ? text.indexOf(']', bracket) : i;
      close = subsetEnd < 0 ? -1 : after(text.indexOf('>', subsetEnd), 1);
    } else {
      const m = NAME.exec(text.slice(i + 1, i + 1 + 256));
      if (!m) return null;
      const gt = text.indexOf('>', i);
      if (gt < 0) return null;
      const tag = text.slice(i, gt + 1);
      return { name: m[2]!, ...(m[1] ? { prefix: m[1].slice(0, -1) } : {}), tag, end: gt + 1, selfClosing: tag.endsWith('/>') };
    }
    if (close < 0) return null;
    i = close;
  }
  return null;
}

function after(index: number, length: number): number {
  return index < 0 ? -1 : index + length;
}

/** The name of the root element of an XML document (namespace prefix removed), read from the first bytes without parsing. */
export function xmlRootName(text: string): string | null {
  return xmlRoot(text)?.name ?? null;
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

/**
 * Most element visits of one bounded walk over a parsed XML tree (vendor headers hold up to a few hundred
 * thousand elements; a walk that would visit more stops and keeps what it found).
 */
export const MAX_XML_VISITS = 400_000;

/** Most matches one descendant search returns (channels, detectors, series: far more than any instrument has). */
export const MAX_XML_MATCHES = 256;

/**
 * Walks the elements below `node` depth first, document order, at most MAX_XML_VISITS values, calling `visit`
 * with each child element's tag name and value; the walk stops when `visit` returns true.
 */
function walk(node: XmlValue | undefined, visit: (name: string, child: XmlValue) => boolean): void {
  const stack: XmlValue[] = node === undefined ? [] : [node];
  let visits = 0;
  while (stack.length > 0 && visits < MAX_XML_VISITS) {
    const cur = stack.pop()!;
    visits++;
    if (Array.isArray(cur)) {
      for (let i = cur.length - 1; i >= 0; i--) stack.push(cur[i] as XmlValue);
      continue;
    }
    if (typeof cur !== 'object' || cur === null) continue;
    const obj = cur as XmlNode;
    const keys = Object.keys(obj).filter((k) => !k.startsWith('@_') && k !== '#text');
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const child = obj[key]!;
      if (visit(key, child)) return;
      stack.push(child);
    }
  }
}

/** Every element named `name` below `node` (depth first, bounded by MAX_XML_VISITS and `limit`). */
export function descendants(node: XmlValue | undefined, name: string, limit = MAX_XML_MATCHES): XmlNode[] {
  const out: XmlNode[] = [];
  if (limit <= 0) return out;
  walk(node, (key, child) => {
    if (key === name) {
      for (const c of Array.isArray(child) ? child : [child]) if (typeof c === 'object' && c !== null && !Array.isArray(c) && out.length < limit) out.push(c as XmlNode);
    }
    return out.length >= limit;
  });
  return out;
}

/** The first element named `name` below `node`, or `undefined`. */
export function firstDescendant(node: XmlValue | undefined, name: string): XmlNode | undefined {
  return descendants(node, name, 1)[0];
}

/** The trimmed text of the first element named `name` below `node` (an element with attributes keeps its text in `#text`). */
export function descendantText(node: XmlValue | undefined, name: string): string | undefined {
  let found: string | undefined;
  walk(node, (key, child) => {
    if (key !== name) return false;
    const first = Array.isArray(child) ? child[0] : child;
    const text = typeof first === 'object' && first !== null && !Array.isArray(first) ? (first as XmlNode)['#text'] : first;
    if (text !== undefined && (typeof text === 'string' || typeof text === 'number') && String(text).trim() !== '') found = String(text).trim();
    return found !== undefined;
  });
  return found;
}

/** An attribute as a finite number, or `undefined`. */
export function numAttr(node: XmlValue | undefined, name: string): number | undefined {
  const v = xmlAttr(node, name);
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}
