import { decodeText, looksLikeText } from '../../../../shared/decode/text';
import type { DetectContext } from '../../detector';
import { gunzipHead, isGzip } from '../../gzip-head';

/** Largest JSON document read whole (Visium scale factors and experiment.xenium are a few kB). */
export const MAX_JSON_BYTES = 1024 * 1024;
/** Bytes looked at to decide whether the first bytes are text (a JSON or CSV header is well inside). */
const TEXT_PROBE_BYTES = 4096;

/** The first bytes as text (gzip inflated first when `inflate`), or null when they are not text. */
export function headText(ctx: DetectContext, inflate = false): { text: string; complete: boolean; gzipped: boolean } | null {
  const gzipped = inflate && isGzip(ctx.head);
  const bytes = gzipped ? gunzipHead(ctx.head) : ctx.head;
  if (!bytes || bytes.length === 0 || !looksLikeText(bytes.subarray(0, TEXT_PROBE_BYTES))) return null;
  return { text: decodeText(bytes), complete: !gzipped && ctx.head.length >= ctx.size, gzipped };
}

/** Complete lines of a text head: the last line is dropped unless the text is the whole file. Capped at `max`. */
export function completeLines(text: string, complete: boolean, max: number): string[] {
  const lines = text.split(/\r?\n/);
  if (!complete) lines.pop();
  else if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.slice(0, max);
}

/** True when the first non-blank character of the head is `{` (a JSON object), checked cheaply on bytes. */
export function startsWithBrace(head: Uint8Array): boolean {
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  for (; i < head.length && i < TEXT_PROBE_BYTES; i++) {
    const b = head[i]!;
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue;
    return b === 0x7b;
  }
  return false;
}

/** A JSON value. */
export type JsonObject = { readonly [key: string]: unknown };

/** The whole file parsed as a JSON object when it is small (MAX_JSON_BYTES); null otherwise. Never throws. */
export async function readJsonObject(ctx: DetectContext): Promise<JsonObject | null> {
  if (ctx.size > MAX_JSON_BYTES || !startsWithBrace(ctx.head)) return null;
  try {
    const rest = ctx.size > ctx.head.length ? await ctx.read(ctx.head.length, ctx.size - ctx.head.length) : new Uint8Array(0);
    const all = new Uint8Array(ctx.head.length + rest.length);
    all.set(ctx.head);
    all.set(rest, ctx.head.length);
    const value: unknown = JSON.parse(decodeText(all));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
  } catch {
    return null;
  }
}

/** A finite number from a JSON value (numbers, or numeric strings). */
export function jsonNumber(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** A non-empty string from a JSON value (numbers are written out). */
export function jsonString(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** Whether the head bytes contain an ASCII string (for cheap sniffs; the head is at most 64 KiB). */
export function headIncludes(head: Uint8Array, needle: string): boolean {
  return Buffer.from(head.buffer, head.byteOffset, head.byteLength).includes(needle, 0, 'latin1');
}
