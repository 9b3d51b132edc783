/** Share of control characters (other than tab, CR, LF, FF) above which bytes are not text. */
const MAX_CONTROL_SHARE = 0.02;

/**
 * Decodes bytes as text: UTF-8 (BOM removed) or UTF-16 when a byte-order mark says so. Invalid UTF-8
 * becomes U+FFFD; nothing throws.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * True when the bytes look like text: no NUL, few control characters, valid UTF-8 except perhaps a
 * character cut at the end. UTF-16 with a byte-order mark counts as text.
 */
export function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return plausibleUtf16(decodeText(bytes));
  let control = 0;
  for (const b of bytes) {
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  if (control / bytes.length > MAX_CONTROL_SHARE) return false;
  // Allow one multi-byte character cut off by the bounded read.
  const text = new TextDecoder('utf-8').decode(bytes.subarray(0, Math.max(0, bytes.length - 3)));
  return !text.includes('\uFFFD');
}

/**
 * Real UTF-16 text has no lone surrogates (decoded as U+FFFD), no NUL and almost no control characters;
 * random bytes after a byte-order mark have plenty. The last code unit may be half a pair cut by a read.
 */
function plausibleUtf16(text: string): boolean {
  const body = text.slice(0, -1);
  let bad = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 0xfffd || c === 0 || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c)) bad++;
  }
  return body.length === 0 || bad / body.length <= MAX_CONTROL_SHARE;
}

/** Lines of `Key = Value` (or `Key: Value` with `separator`), first occurrence of a key wins. */
export function keyValueLines(text: string, separator: '=' | ':' = '='): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf(separator);
    if (i <= 0) continue;
    const key = line.slice(0, i).trim();
    if (key && !out.has(key)) out.set(key, line.slice(i + 1).trim());
  }
  return out;
}

/** An INI file as sections of keys (`[Section]` then `Key=Value`); keys before any section are under "". */
export function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>([['', new Map()]]);
  let current = sections.get('')!;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith(';') || line.startsWith('#')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      const name = section[1]!.trim();
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      continue;
    }
    const i = line.indexOf('=');
    if (i > 0) {
      const key = line.slice(0, i).trim();
      if (!current.has(key)) current.set(key, line.slice(i + 1).trim());
    }
  }
  return sections;
}

/** A number from text, or `undefined` when the text is not one (units after the number are ignored). */
export function toNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^[\s]*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  return Number.isFinite(n) ? n : undefined;
}
