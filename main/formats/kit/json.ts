import type { DetectContext } from '../detector';
import { decodeText } from './text';

/** Largest JSON document read whole (Visium scale factors and experiment.xenium are a few kB). */
export const MAX_JSON_BYTES = 1024 * 1024;

/** Bytes of the head looked at by `startsWithBrace` (a BOM and indentation before the first "{"). */
const BRACE_PROBE_BYTES = 4096;

/** A JSON object. */
export type JsonObject = { readonly [key: string]: unknown };

/** True when the first non-blank character of the head is `{` (a JSON object), checked cheaply on bytes. */
export function startsWithBrace(head: Uint8Array): boolean {
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  for (; i < head.length && i < BRACE_PROBE_BYTES; i++) {
    const b = head[i]!;
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue;
    return b === 0x7b;
  }
  return false;
}

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
