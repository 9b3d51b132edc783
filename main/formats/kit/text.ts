import { isUtf8 } from 'node:buffer';
import type { DetectContext } from '../detector';
import { gunzipHead, isGzip } from '../gzip-head';

/**
 * Text decoding of header bytes: whether bytes are text, how they decode, the head of a file as text
 * (decoded once per file and cached), its complete lines, and the small key–value syntaxes headers use.
 */

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
  // Every text detector asks about the same head (ctx.head, or a prefix of it through a new subarray): answer
  // each range of a buffer once (issue 11). Heads are never written to once read.
  let known = textVerdicts.get(bytes.buffer);
  if (!known) textVerdicts.set(bytes.buffer, (known = new Map()));
  const key = `${bytes.byteOffset}:${bytes.length}`;
  const cached = known.get(key);
  if (cached !== undefined) return cached;
  const verdict = textVerdict(bytes);
  known.set(key, verdict);
  return verdict;
}

/** looksLikeText's answers per range of a buffer, kept as long as the buffer lives. */
const textVerdicts = new WeakMap<ArrayBufferLike, Map<string, boolean>>();

function textVerdict(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return plausibleUtf16(decodeText(bytes));
  let control = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 0x20) continue;
    if (b === 0) return false;
    if (b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  if (control / bytes.length > MAX_CONTROL_SHARE) return false;
  // Valid UTF-8 (RFC 3629), checked natively without decoding; one multi-byte character (at most 4 bytes) may
  // be cut off by the bounded read, so the end is cut back to the start of the last character.
  return isUtf8(bytes.subarray(0, startOfLastCharacter(bytes)));
}

/** Where the last UTF-8 character of `bytes` starts, going back over at most three continuation bytes (10xxxxxx). */
function startOfLastCharacter(bytes: Uint8Array): number {
  let i = bytes.length - 1;
  const stop = Math.max(0, bytes.length - 4);
  while (i > stop && (bytes[i]! & 0xc0) === 0x80) i--;
  return i < 0 ? 0 : bytes[i]! < 0x80 ? bytes.length : i;
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

/** The bytes decoded as text when they look like text (judged on the first `probe` bytes), else `null`. */
export function textOf(bytes: Uint8Array, probe: number = bytes.length): string | null {
  // A multi-byte character may be cut by the bounded read; looksLikeText allows for that.
  return looksLikeText(bytes.subarray(0, probe)) ? decodeText(bytes) : null;
}

/** Text of the first bytes and how it was decoded. */
export interface HeadText {
  readonly text: string;
  readonly encoding: 'UTF-8' | 'UTF-8 with BOM' | 'UTF-16LE' | 'UTF-16BE';
}

// The head of one file is decoded once, however many detectors look at it.
const headTextCache = new WeakMap<Uint8Array, HeadText | null>();

/** The whole head as text when it looks like text (no NUL, valid UTF-8 or a UTF-16 BOM), else `null`; cached per head. */
export function headText(ctx: DetectContext): HeadText | null {
  const cached = headTextCache.get(ctx.head);
  if (cached !== undefined) return cached;
  const h = ctx.head;
  let out: HeadText | null = null;
  const text = textOf(h);
  if (text !== null) {
    const encoding =
      h[0] === 0xff && h[1] === 0xfe ? 'UTF-16LE' : h[0] === 0xfe && h[1] === 0xff ? 'UTF-16BE' : h[0] === 0xef && h[1] === 0xbb && h[2] === 0xbf ? 'UTF-8 with BOM' : 'UTF-8';
    out = { text, encoding };
  }
  headTextCache.set(ctx.head, out);
  return out;
}

/** Bytes looked at by `probedHeadText` to decide whether the head is text (a JSON, CSV or FASTQ header is well inside). */
export const TEXT_PROBE_BYTES = 4096;

/**
 * The head as text when its first TEXT_PROBE_BYTES look like text, gzip inflated first when `inflate`, or
 * `null`. `complete` is true when the text is the whole file (never for inflated text).
 */
export function probedHeadText(ctx: DetectContext, inflate = false): { text: string; complete: boolean; gzipped: boolean } | null {
  const gzipped = inflate && isGzip(ctx.head);
  const bytes = gzipped ? gunzipHead(ctx.head) : ctx.head;
  if (!bytes) return null;
  const text = textOf(bytes, TEXT_PROBE_BYTES);
  return text === null ? null : { text, complete: !gzipped && ctx.head.length >= ctx.size, gzipped };
}

/**
 * The lines of a text that are certainly complete: unless the text is the whole file (`complete`), the last
 * line may be cut and is dropped; a final empty line is dropped too. At most `max` lines.
 */
export function completeLines(text: string, complete: boolean, max = Number.POSITIVE_INFINITY): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (!complete) lines.pop();
  else if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.length > max ? lines.slice(0, max) : lines;
}

/** The first non-whitespace character of a text, or '' (a BOM is already removed by decodeText). */
export function firstSignificantChar(text: string): string {
  const m = /\S/.exec(text.slice(0, 4096));
  return m ? m[0] : '';
}

/** First non-whitespace byte of the head after a UTF-8 BOM or past UTF-16 zero bytes, for cheap sniffs. */
export function firstSignificantByte(head: Uint8Array): number | undefined {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (utf16) i = 2;
  // Whitespace and the zero bytes of UTF-16 are skipped; 256 bytes is far more than any indentation before a root.
  const end = Math.min(head.length, i + 256);
  for (; i < end; i++) {
    const b = head[i]!;
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || (utf16 && b === 0)) continue;
    return b;
  }
  return undefined;
}

/** Whether the head bytes contain an ASCII string (for cheap sniffs; the head is at most 64 KiB). */
export function headIncludes(head: Uint8Array, needle: string): boolean {
  return Buffer.from(head.buffer, head.byteOffset, head.byteLength).includes(needle, 0, 'latin1');
}

/** Bytes as ISO-8859-1 text, one character per byte (binary headers with ASCII fields; never fails). */
export function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
}
