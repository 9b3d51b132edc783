import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { ChecksumAlgorithmSchema } from '../../shared/export/checksum-algorithm';
import type { KnownDigests } from './hash-file';

/**
 * Lines buffered before they are appended to the state file: a crash loses at most this many finished
 * files (they are hashed again on the next run), and a million-file export costs a few thousand writes.
 */
const STATE_FLUSH_LINES = 256;

/** One line of the state file: a finished file, keyed by its root and root-relative path. */
const StateLineSchema = z
  .object({
    root: z.string().min(1),
    path: z.string().min(1),
    size: z.number().int().nonnegative(),
    mtimeMs: z.number().nonnegative(),
    digests: z.partialRecord(ChecksumAlgorithmSchema, z.string().regex(/^[0-9a-f]+$/)),
  })
  .strict();

/** The key of a file in the state: its root and POSIX path relative to it. */
export function stateKey(root: string, rel: string): string {
  return `${root}\u0000${rel}`;
}

/**
 * Reads what an interrupted export finished: `(root, path) → size, mtime, digests`. A missing file is an
 * empty state; a line that does not parse (the last one, cut short by a crash) is skipped. Later lines win.
 */
export function readChecksumState(file: string): Map<string, KnownDigests> {
  const out = new Map<string, KnownDigests>();
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.length === 0) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      continue;
    }
    const parsed = StateLineSchema.safeParse(json);
    if (!parsed.success) continue;
    const { root, path, size, mtimeMs, digests } = parsed.data;
    out.set(stateKey(root, path), { size, mtimeMs, digests });
  }
  return out;
}

/** Appends finished files to the state file as they come, in batches; `close` writes the rest. */
export class ChecksumStateWriter {
  private readonly fd: number;
  private pending: string[] = [];

  /** Opens `file` for appending (created when missing). */
  constructor(file: string) {
    this.fd = openSync(file, 'a');
  }

  /** Records one finished file. */
  add(root: string, rel: string, known: KnownDigests): void {
    this.pending.push(JSON.stringify({ root, path: rel, size: known.size, mtimeMs: known.mtimeMs, digests: known.digests }));
    if (this.pending.length >= STATE_FLUSH_LINES) this.flush();
  }

  /** Writes the buffered lines. */
  flush(): void {
    if (this.pending.length === 0) return;
    writeSync(this.fd, this.pending.join('\n') + '\n');
    this.pending = [];
  }

  /** Flushes and closes the file. */
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
