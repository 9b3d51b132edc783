import { createHash, type Hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, constants as fsConstants } from 'node:fs';
import type { ChecksumAlgorithm, Digests } from '../../shared/export/checksum-algorithm';

/**
 * Bytes read per call: 1 MiB, one buffer per thread reused for every file, so memory stays flat however
 * large the file (measured: larger reads gain nothing for MD5/SHA-256 on a warm page cache, test/bench/checksum.bench.ts).
 */
export const HASH_CHUNK_BYTES = 1 << 20;

/** What is known of a file from an earlier run: reused when size and mtime still match. */
export interface KnownDigests {
  readonly size: number;
  readonly mtimeMs: number;
  readonly digests: Digests;
}

/** How hashing one file ended. */
export type HashOutcome =
  | { readonly kind: 'hashed'; readonly size: number; readonly mtimeMs: number; readonly digests: Digests }
  | { readonly kind: 'reused'; readonly size: number; readonly mtimeMs: number; readonly digests: Digests }
  | { readonly kind: 'failed'; readonly code: string; readonly message: string };

/** Node's code of a file-system error (`ENOENT`, `EACCES`…), or `OS_ERROR`. */
export function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'OS_ERROR';
}

/** True when every asked digest is known. */
function hasAll(known: KnownDigests, algorithms: readonly ChecksumAlgorithm[]): boolean {
  return algorithms.every((a) => typeof known.digests[a] === 'string');
}

/**
 * Hashes one file with blocking reads into `buffer` (a worker thread's, or a dedicated one): stats it
 * through the open descriptor (so size and mtime belong to the bytes read), reuses `known` digests when
 * size and mtime match, and reports a file that changed while it was read. Never throws.
 * `onBytes` is told of bytes as they are read, for progress.
 */
export function hashFileSync(
  file: string | Uint8Array,
  algorithms: readonly ChecksumAlgorithm[],
  buffer: Uint8Array,
  known: KnownDigests | undefined,
  onBytes: (n: number) => void,
): HashOutcome {
  let fd: number;
  try {
    // O_NOFOLLOW: the scan listed regular files; a link swapped in since is not followed (read-only either way).
    // A structured-cloned Buffer arrives as a plain Uint8Array; fs wants a Buffer for byte paths.
    const target = typeof file === 'string' ? file : Buffer.from(file.buffer, file.byteOffset, file.byteLength);
    fd = openSync(target, fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0));
  } catch (err) {
    return { kind: 'failed', code: errorCode(err), message: `could not be opened (${errorCode(err)})` };
  }
  try {
    const before = fstatSync(fd);
    if (!before.isFile()) return { kind: 'failed', code: 'SPECIAL_FILE', message: 'is no longer a regular file' };
    if (known && known.size === before.size && known.mtimeMs === before.mtimeMs && hasAll(known, algorithms)) {
      const digests: Digests = {};
      for (const a of algorithms) digests[a] = known.digests[a];
      return { kind: 'reused', size: before.size, mtimeMs: before.mtimeMs, digests };
    }
    // No digest asked (`--checksums none`): the size is all the lint needs, and no byte is read.
    if (algorithms.length === 0) return { kind: 'hashed', size: before.size, mtimeMs: before.mtimeMs, digests: {} };
    const hashes: Array<[ChecksumAlgorithm, Hash]> = algorithms.map((a) => [a, createHash(a)]);
    let total = 0;
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      const chunk = n === buffer.length ? buffer : buffer.subarray(0, n);
      for (const [, h] of hashes) h.update(chunk);
      total += n;
      onBytes(n);
    }
    const after = fstatSync(fd);
    if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || total !== before.size) {
      return { kind: 'failed', code: 'CHANGED', message: 'changed while it was read (is it still being written?)' };
    }
    const digests: Digests = {};
    for (const [a, h] of hashes) digests[a] = h.digest('hex');
    return { kind: 'hashed', size: before.size, mtimeMs: before.mtimeMs, digests };
  } catch (err) {
    return { kind: 'failed', code: errorCode(err), message: `could not be read (${errorCode(err)})` };
  } finally {
    closeSync(fd);
  }
}
