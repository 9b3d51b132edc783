import type { Evidence } from '../../../../shared/model/evidence';
import { decodeText, looksLikeText } from '../../../../shared/decode/text';
import { safeRead } from '../../read-helpers';
import type { DetectContext } from '../../detector';

/** Longest text value (a name, a keyword) copied into a fact or an evidence sentence. */
export const MAX_SHOWN_CHARS = 120;

/** Evidence read from the file's own bytes. */
export function fromHeader(detail: string, weight: number): Evidence {
  return { source: 'header', detail, weight };
}

/** Evidence that relies on the file name (it only ever confirms what the bytes say). */
export function fromName(detail: string, weight: number): Evidence {
  return { source: 'name', detail, weight };
}

/** A string cut to `max` characters with an ellipsis, for facts and evidence. */
export function clip(text: string, max: number = MAX_SHOWN_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** True when the first bytes are the whole file (nothing was cut by the bounded head read). */
export function wholeFile(ctx: DetectContext): boolean {
  return ctx.head.length >= ctx.size;
}

/** One extra bounded read that never throws: `null` when the budget (or anything else) refuses it, or past the end of the file. */
export async function readSafely(ctx: DetectContext, offset: number, length: number): Promise<Uint8Array | null> {
  if (offset >= ctx.size || length <= 0) return null;
  return safeRead(ctx, offset, length);
}

/** Text of the first bytes and how it was decoded. */
export interface HeadText {
  readonly text: string;
  readonly encoding: 'UTF-8' | 'UTF-8 with BOM' | 'UTF-16LE' | 'UTF-16BE';
}



// The head of one file is decoded once, however many generic detectors look at it.
const textCache = new WeakMap<Uint8Array, HeadText | null>();

/** The first bytes as text when they look like text (no NUL, valid UTF-8 or a UTF-16 BOM), else `null`. */
export function headText(ctx: DetectContext): HeadText | null {
  const cached = textCache.get(ctx.head);
  if (cached !== undefined) return cached;
  const h = ctx.head;
  let out: HeadText | null = null;
  if (looksLikeText(h)) {
    const encoding =
      h[0] === 0xff && h[1] === 0xfe ? 'UTF-16LE' : h[0] === 0xfe && h[1] === 0xff ? 'UTF-16BE' : h[0] === 0xef && h[1] === 0xbb && h[2] === 0xbf ? 'UTF-8 with BOM' : 'UTF-8';
    out = { text: decodeText(h), encoding };
  }
  textCache.set(ctx.head, out);
  return out;
}

/**
 * The lines of the head's text that are certainly complete: when the file is longer than the head, the
 * last line may be cut and is dropped.
 */
export function completeLines(ctx: DetectContext, text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (!wholeFile(ctx)) lines.pop();
  else if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
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
