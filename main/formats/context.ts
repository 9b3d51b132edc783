import { closeSync, constants as fsConstants, fstatSync, openSync, promises as fsp, readSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { splitExtension } from '../../shared/naming/name-pattern';
import { HEAD_BYTES, MAX_READ_BYTES, MAX_READS, MAX_TOTAL_READ_BYTES, ReadBudgetError, type DetectContext } from './detector';

class Budget {
  reads = 0;
  bytes = 0;
  check(offset: number, length: number): void {
    if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) throw new ReadBudgetError(`invalid read at ${offset} of ${length} bytes`);
    if (length > MAX_READ_BYTES) throw new ReadBudgetError(`a read of ${length} bytes is over the ${MAX_READ_BYTES}-byte limit`);
    if (this.reads + 1 > MAX_READS) throw new ReadBudgetError(`more than ${MAX_READS} reads`);
    if (this.bytes + length > MAX_TOTAL_READ_BYTES) throw new ReadBudgetError(`more than ${MAX_TOTAL_READ_BYTES} bytes read`);
    this.reads++;
    this.bytes += length;
  }
}

/** A context over bytes in memory (tests, and property tests of every detector). */
export function contextFromBytes(name: string, bytes: Uint8Array): DetectContext {
  const budget = new Budget();
  let temp: string | undefined;
  return {
    name,
    ext: splitExtension(name).ext,
    size: bytes.length,
    head: bytes.subarray(0, HEAD_BYTES),
    read: async (offset, length) => {
      budget.check(offset, length);
      return bytes.subarray(Math.min(offset, bytes.length), Math.min(bytes.length, offset + length));
    },
    localPath: async () => {
      if (!temp) {
        const dir = await mkdtemp(path.join(os.tmpdir(), 'da-detect-'));
        temp = path.join(dir, name.replace(/[\\/]/g, '_') || 'file');
        await writeFile(temp, bytes);
      }
      return temp;
    },
    stats: budget,
  };
}

/** An open file with its context; close it when the detectors are done. */
export interface FileContext {
  readonly ctx: DetectContext;
  close(): Promise<void>;
}

/**
 * Open flags for header reads: read-only and non-blocking, so a file swapped for a FIFO after the walk makes
 * open(2) return at once instead of waiting for a writer forever (O_NONBLOCK has no effect on regular
 * files, POSIX open(2)). Windows has no O_NONBLOCK; Node leaves it undefined there.
 */
const OPEN_FLAGS = fsConstants.O_RDONLY | ((fsConstants.O_NONBLOCK as number | undefined) ?? 0);

/** Refuses a file that is a symbolic link (open(2) fails with ELOOP); undefined on Windows, like O_NONBLOCK. */
const NO_FOLLOW = (fsConstants.O_NOFOLLOW as number | undefined) ?? 0;

/** The file is a symbolic link and links are not followed (it was swapped for one since the walk): not read. */
export class SymlinkRefusedError extends Error {
  /** The issue code the scan reports it under. */
  readonly code = 'SYMLINK';
  constructor(file: string) {
    super(`${file} is a symbolic link, which is not followed`);
    this.name = 'SymlinkRefusedError';
  }
}

/** What was opened is not a regular file (a FIFO, device, socket or folder swapped in since the walk): not read. */
export class NotRegularFileError extends Error {
  /** The issue code the scan reports it under. */
  readonly code = 'SPECIAL_FILE';
  constructor(file: string) {
    super(`${file} is no longer a regular file (a pipe, device, socket or folder)`);
    this.name = 'NotRegularFileError';
  }
}

/**
 * Opens a file and reads its head; further reads go through the budget. Throws the OS error if it cannot be
 * opened, NotRegularFileError if what was opened (checked on the descriptor, not the path) is not a regular
 * file, and with `noFollow` SymlinkRefusedError if the file itself is a symbolic link.
 */
export async function contextFromFile(file: string, options: { readonly noFollow?: boolean } = {}): Promise<FileContext> {
  let handle;
  try {
    handle = await fsp.open(file, OPEN_FLAGS | (options.noFollow ? NO_FOLLOW : 0));
  } catch (err) {
    // With O_NOFOLLOW, ELOOP says the last component is a link (POSIX open(2)); a loop further up would have
    // failed the walk's lstat of this path already.
    if (options.noFollow && typeof err === 'object' && err !== null && 'code' in err && err.code === 'ELOOP') throw new SymlinkRefusedError(file);
    throw err;
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new NotRegularFileError(file);
    const { size } = st;
    const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const budget = new Budget();
    const ctx: DetectContext = {
      name: path.basename(file),
      ext: splitExtension(path.basename(file)).ext,
      size,
      head: head.subarray(0, bytesRead),
      read: async (offset, length) => {
        budget.check(offset, length);
        if (offset >= size || length === 0) return new Uint8Array(0);
        const buf = Buffer.alloc(Math.min(length, size - offset));
        const { bytesRead: n } = await handle.read(buf, 0, buf.length, offset);
        return buf.subarray(0, n);
      },
      localPath: async () => file,
      stats: budget,
    };
    return { ctx, close: () => handle.close() };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/**
 * contextFromFile with blocking calls, for worker threads (main/scan/header-worker.ts): ~10 µs a read instead of
 * the 100–300 µs of a promise file handle (issue 11). Same checks, same errors; `close` releases the descriptor.
 */
export function contextFromFileSync(file: string, options: { readonly noFollow?: boolean } = {}): FileContext {
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS | (options.noFollow ? NO_FOLLOW : 0));
  } catch (err) {
    if (options.noFollow && typeof err === 'object' && err !== null && 'code' in err && err.code === 'ELOOP') throw new SymlinkRefusedError(file);
    throw err;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new NotRegularFileError(file);
    const { size } = st;
    const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
    const bytesRead = readSync(fd, head, 0, head.length, 0);
    const budget = new Budget();
    let open = true;
    const ctx: DetectContext = {
      name: path.basename(file),
      ext: splitExtension(path.basename(file)).ext,
      size,
      head: head.subarray(0, bytesRead),
      read: (offset, length) => {
        try {
          budget.check(offset, length);
          if (!open) throw new Error(`${file} was closed`);
          if (offset >= size || length === 0) return Promise.resolve(new Uint8Array(0));
          const buf = Buffer.alloc(Math.min(length, size - offset));
          const n = readSync(fd, buf, 0, buf.length, offset);
          return Promise.resolve(buf.subarray(0, n));
        } catch (err) {
          return Promise.reject(err instanceof Error ? err : new Error(String(err)));
        }
      },
      localPath: async () => file,
      stats: budget,
    };
    return {
      ctx,
      close: async () => {
        if (!open) return;
        open = false;
        closeSync(fd);
      },
    };
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}
