import { MAX_READ_BYTES, type DetectContext } from '../../detector';
import { readSafely } from './shared';

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
    const chunk = await readSafely(ctx, offset + filled, Math.min(MAX_READ_BYTES, end - offset - filled), problems, what);
    if (!chunk || chunk.length === 0) break;
    out.set(chunk, filled);
    filled += chunk.length;
  }
  return out.subarray(0, filled);
}
