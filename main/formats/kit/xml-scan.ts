import { decodeText } from './text';
import { xmlRootName } from './xml';

/**
 * Bounded scanning of vendor index XML. HCS indexes list every image (a 384-well plate writes tens of MB),
 * so they are read as a prefix and scanned element by element with linear regular expressions instead of
 * being parsed whole: a cut document still yields its first records, and every loop has a cap.
 */

/** Attributes of one start tag, by name with any namespace prefix removed. */
export type Attrs = ReadonlyMap<string, string>;

/** The root start tag lies in the first bytes (after the declaration and comments). */
export const ROOT_WINDOW_BYTES = 16 * 1024;
/** Most attributes read from one tag. */
const MAX_ATTRS = 256;

/** XML bytes as text (UTF-8 or UTF-16 by byte-order mark; ISO-8859-1 declared files decode as Latin-1). */
export function decodeXml(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 128));
  if (/^<\?xml[^>]*encoding=["']iso-8859-1["']/i.test(head)) return new TextDecoder('latin1').decode(bytes);
  return decodeText(bytes);
}

/**
 * The text up to its last `>`. Every pattern here ends in `>`, so nothing after it can match; cut there, a
 * `[^>]*` that finds no `>` can no longer run to the end of the text from each of many unclosed `<tag `
 * (quadratic on a crafted file, issue 12 finding 1): before the last `>`, each such run stops at the next one.
 */
function closed(text: string): string {
  return text.slice(0, text.lastIndexOf('>') + 1);
}

/** Attributes of a start tag's attribute text (`a="1" b:c='2'`), namespace prefixes dropped. */
export function attrs(source: string): Attrs {
  const out = new Map<string, string>();
  const re = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(source); m && out.size < MAX_ATTRS; m = re.exec(source)) {
    const name = m[1]!.replace(/^[\w.-]+:/, '');
    if (!out.has(name)) out.set(name, m[2] ?? m[3] ?? '');
  }
  return out;
}

/** The root element: its local name, its attributes (prefix-free) and its namespace declarations. */
export function root(text: string): { name: string; attrs: Attrs; namespaces: string[] } | null {
  const name = xmlRootName(text.slice(0, ROOT_WINDOW_BYTES));
  if (!name) return null;
  const m = new RegExp(`<(?:[\\w.-]+:)?${name.replace(/[.-]/g, '\\$&')}(\\s[^>]*)?>`).exec(closed(text.slice(0, ROOT_WINDOW_BYTES)));
  const source = m?.[1] ?? '';
  const namespaces = [...source.matchAll(/xmlns(?::[\w.-]+)?\s*=\s*["']([^"']*)["']/g)].map((x) => x[1]!);
  return { name, attrs: attrs(source), namespaces };
}

/** Start tags named `tag` (any prefix), up to `cap`, as attribute maps. */
export function startTags(text: string, tag: string, cap: number): Attrs[] {
  const out: Attrs[] = [];
  const re = new RegExp(`<(?:[\\w.-]+:)?${tag}(\\s[^>]*)?/?>`, 'g');
  text = closed(text);
  for (let m = re.exec(text); m && out.length < cap; m = re.exec(text)) out.push(attrs(m[1] ?? ''));
  return out;
}

/** The text of the first element `tag` (any prefix), trimmed; `undefined` when absent or empty. */
export function firstText(text: string, tag: string): string | undefined {
  const m = new RegExp(`<(?:[\\w.-]+:)?${tag}(?:\\s[^>]*)?>([^<]*)</(?:[\\w.-]+:)?${tag}>`).exec(closed(text));
  const v = m?.[1]?.trim();
  return v ? v : undefined;
}

/** The text and attributes of each element `tag` in `text`, up to `cap`. */
export function texts(text: string, tag: string, cap: number): Array<{ text: string; attrs: Attrs }> {
  const out: Array<{ text: string; attrs: Attrs }> = [];
  const re = new RegExp(`<(?:[\\w.-]+:)?${tag}(\\s[^>]*)?>([^<]*)</(?:[\\w.-]+:)?${tag}>`, 'g');
  text = closed(text);
  for (let m = re.exec(text); m && out.length < cap; m = re.exec(text)) out.push({ text: (m[2] ?? '').trim(), attrs: attrs(m[1] ?? '') });
  return out;
}

/**
 * The bodies of the non-empty elements `tag` (between start and end tag, not nested in themselves), up to
 * `cap`. Self-closing references (`<Image id="…"/>`) are skipped; a body cut by the end of the text is dropped.
 */
export function blocks(text: string, tag: string, cap: number): Array<{ body: string; attrs: Attrs }> {
  const out: Array<{ body: string; attrs: Attrs }> = [];
  const open = new RegExp(`<(?:[\\w.-]+:)?${tag}(\\s[^>]*)?>`, 'g');
  const close = new RegExp(`</(?:[\\w.-]+:)?${tag}>`, 'g');
  text = closed(text);
  for (let m = open.exec(text); m && out.length < cap; m = open.exec(text)) {
    if ((m[1] ?? '').endsWith('/')) continue;
    close.lastIndex = open.lastIndex;
    const end = close.exec(text);
    if (!end) break;
    out.push({ body: text.slice(open.lastIndex, end.index), attrs: attrs(m[1] ?? '') });
    open.lastIndex = close.lastIndex;
  }
  return out;
}

/** Bytes looked at for the opening "<": a byte-order mark and some leading whitespace. */
const XML_START_BYTES = 64;

/** True when the first bytes (after a byte-order mark and whitespace) open an XML tag. */
export function startsLikeXml(head: Uint8Array): boolean {
  return decodeXml(head.subarray(0, XML_START_BYTES)).trimStart().startsWith('<');
}
