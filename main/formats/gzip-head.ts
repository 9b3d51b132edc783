import { constants, gunzipSync } from 'node:zlib';
import { splitExtension } from '../../shared/naming/name-pattern';
import { ReadBudgetError, type DetectContext } from './detector';

/** Compressed bytes fed to the inflater: enough for any header we read, small enough that a bomb cannot explode far. */
const GZIP_INPUT_BYTES = 16 * 1024;
/** Most decompressed bytes returned; the inflater stops with an error beyond this and we fall back to less input. */
const GZIP_OUTPUT_BYTES = 256 * 1024;

/** Below this many compressed bytes a failed attempt is not retried with less. */
const MIN_RETRY_INPUT = 64;

/** gzip magic 1F 8B and compression method 8 = deflate (RFC 1952 §2.3.1). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08;
}

/**
 * The first decompressed bytes of a gzip stream, from its first compressed bytes only. A cut stream is
 * fine (sync flush returns what inflated so far); `null` when the bytes do not inflate at all.
 */
export function gunzipHead(bytes: Uint8Array, inputBytes: number = GZIP_INPUT_BYTES): Uint8Array | null {
  if (!isGzip(bytes)) return null;
  // Try the whole allowance first, then less (a bomb inflates past the output cap); at least once, however short.
  for (let input = Math.min(inputBytes, bytes.length); input > 0; input = input > MIN_RETRY_INPUT ? Math.floor(input / 4) : 0) {
    try {
      return new Uint8Array(gunzipSync(bytes.subarray(0, input), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: GZIP_OUTPUT_BYTES }));
    } catch (err) {
      // Too much output for this much input (a compression bomb, or just a very compressible file): try less.
      if (err instanceof RangeError) continue;
      return null;
    }
  }
  return null;
}

/**
 * A read-only context over the inflated head of a gzip file, named without `.gz`, for the reader of what it
 * wraps (`map.mrc.gz`, `slice.dcm.gz`); reads past the inflated bytes are refused. `size` is what the stream
 * says it inflates to (its trailer), else the inflated length; `what` names the content in messages.
 */
export function inflatedContext(outer: DetectContext, inflated: Uint8Array, options: { readonly size: number; readonly headBytes: number; readonly what: string }): DetectContext {
  const name = outer.name.replace(/\.gz$/i, '');
  return {
    name,
    ext: splitExtension(name).ext,
    size: options.size,
    head: inflated.subarray(0, options.headBytes),
    read: (offset, length) => {
      if (offset + length <= inflated.length) return Promise.resolve(inflated.subarray(offset, offset + length));
      return Promise.reject(new ReadBudgetError(`bytes ${offset}–${offset + length} lie beyond the ${inflated.length} inflated bytes of the gzip stream`));
    },
    localPath: () => Promise.reject(new ReadBudgetError(`a gzip-compressed ${options.what} has no uncompressed file on disk`)),
    stats: outer.stats,
  };
}
