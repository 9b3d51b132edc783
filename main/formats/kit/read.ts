import { MAX_READ_BYTES, type DetectContext, type Detection, type Detector } from '../detector';

/**
 * Bounded reads that never throw, and the guards that keep a detector from throwing. Every read of file
 * bytes beyond `ctx.head` goes through `tryRead`, which keeps to the budget of detector.ts.
 */

/** A read that succeeded with its bytes, or failed with why (the budget, the OS). */
export type ReadOutcome = { readonly bytes: Uint8Array } | { readonly error: string };

/**
 * Bytes [offset, offset+length) that never throws: from the head when they lie in it, else one bounded
 * read clipped to the end of the file. Refused (with a reason) for invalid ranges, lengths over
 * MAX_READ_BYTES and reads the budget refuses.
 */
export async function tryRead(ctx: DetectContext, offset: number, length: number): Promise<ReadOutcome> {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) return { error: `invalid range ${offset}+${length}` };
  if (offset >= ctx.size || length === 0) return { bytes: new Uint8Array(0) };
  const want = Math.min(length, ctx.size - offset);
  if (offset + want <= ctx.head.length) return { bytes: ctx.head.subarray(offset, offset + want) };
  if (want > MAX_READ_BYTES) return { error: `${want} bytes is over the ${MAX_READ_BYTES}-byte read limit` };
  try {
    return { bytes: await ctx.read(offset, want) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/** `tryRead`, keeping only the bytes: `null` when the read was refused or failed. */
export async function safeRead(ctx: DetectContext, offset: number, length: number): Promise<Uint8Array | null> {
  const r = await tryRead(ctx, offset, length);
  return 'bytes' in r ? r.bytes : null;
}

/** `safeRead` of bytes inside the file: `null` also for an empty range or one starting at or past the end. */
export async function readInFile(ctx: DetectContext, offset: number, length: number): Promise<Uint8Array | null> {
  if (offset >= ctx.size || length <= 0) return null;
  return safeRead(ctx, offset, length);
}

/** `tryRead` that notes a failure: the bytes, or `null` with a problem saying why (budget, I/O) pushed to `problems`. */
export async function readOrReport(ctx: DetectContext, offset: number, length: number, problems: string[], what: string): Promise<Uint8Array | null> {
  const r = await tryRead(ctx, offset, length);
  if ('bytes' in r) return r.bytes;
  problems.push(`Could not read ${what} (${length} bytes at ${offset}): ${r.error}.`);
  return null;
}

/**
 * Bytes [offset, offset+length) from the head when they are there, else through bounded reads of at most
 * MAX_READ_BYTES each. `length` must already be capped by the caller; a failed read ends the range early
 * (with a problem) and what was read is returned.
 */
export async function readRange(ctx: DetectContext, offset: number, length: number, problems: string[], what: string): Promise<Uint8Array> {
  const end = Math.min(ctx.size, offset + length);
  if (offset >= end) return new Uint8Array(0);
  if (end <= ctx.head.length) return ctx.head.subarray(offset, end);
  const out = new Uint8Array(end - offset);
  let filled = 0;
  while (offset + filled < end) {
    const chunk = await readOrReport(ctx, offset + filled, Math.min(MAX_READ_BYTES, end - offset - filled), problems, what);
    if (!chunk || chunk.length === 0) break;
    out.set(chunk, filled);
    filled += chunk.length;
  }
  return out.subarray(0, filled);
}

/** The first bytes of a file. */
export interface Prefix {
  readonly bytes: Uint8Array;
  /** True when `bytes` is the whole file. */
  readonly complete: boolean;
}

/**
 * Up to `limit` bytes from the start of the file (the head if a longer read fails); never throws. The default,
 * one read of MAX_READ_BYTES, holds every header, log, sidecar and index the text readers read; longer files
 * are read as a prefix and the detection says so.
 */
export async function readPrefix(ctx: DetectContext, limit: number = MAX_READ_BYTES): Promise<Prefix> {
  const want = Math.min(ctx.size, limit);
  if (ctx.head.length >= want) return { bytes: ctx.head.subarray(0, want), complete: want >= ctx.size };
  const bytes = await safeRead(ctx, 0, want);
  return bytes && bytes.length > ctx.head.length ? { bytes, complete: bytes.length >= ctx.size } : { bytes: ctx.head, complete: ctx.head.length >= ctx.size };
}

/** True when the first bytes are the whole file (nothing was cut by the bounded head read). */
export function wholeFile(ctx: DetectContext): boolean {
  return ctx.head.length >= ctx.size;
}

/** Calls `fn`; any exception becomes `fallback(err)` — the last line of defence behind code that must never throw. */
export async function neverThrow<T>(fn: () => Promise<T>, fallback: (err: unknown) => T): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    return fallback(err);
  }
}

/** A detector whose `sniff` and `detect` never throw: an exception means "not mine". */
export function guardDetector(d: Detector): Detector {
  return {
    ...d,
    sniff: (ctx) => {
      try {
        return d.sniff(ctx);
      } catch {
        return false;
      }
    },
    detect: (ctx): Promise<Detection | null> => neverThrow(() => d.detect(ctx), () => null),
  };
}
