import { promises as fsp } from 'node:fs';
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

/** Opens a file and reads its head; further reads go through the budget. Throws the OS error if it cannot be opened. */
export async function contextFromFile(file: string): Promise<FileContext> {
  const handle = await fsp.open(file, 'r');
  try {
    const { size } = await handle.stat();
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
