import type * as H5wasm from 'h5wasm/node';
import { trimTrailingSpaces } from '../../kit/trim';

/**
 * The h5wasm calls the HDF5 readers make, in one place so the same code runs inside the HDF5 worker
 * thread (h5-worker.ts, where a looping HDF5 call can be stopped) and, when no worker can start, in this
 * thread. Reads go into a zeroed buffer and are decoded only when HDF5 reports success: h5wasm's own
 * getters decode and free variable-length memory even after a failed read, which aborts the wasm
 * runtime on damaged files.
 */

/** The h5wasm module. */
export type H5Lib = typeof H5wasm;

/** Type and shape of an attribute or dataset, as h5wasm describes it. */
export interface H5Meta {
  readonly type: number;
  readonly size: number;
  readonly signed: boolean;
  readonly vlen: boolean;
  readonly total_size: number;
  readonly shape: readonly number[] | null;
}

/** The operations, by name; file ids are passed as decimal strings (bigint does not cross every boundary). */
export interface H5Ops {
  codes(): { group: number; dataset: number };
  open(path: string): string | null;
  close(fid: string): boolean;
  type(fid: string, path: string): number;
  names(fid: string, path: string, max: number): { names: string[]; total: number };
  attrNames(fid: string, path: string, max: number): string[];
  attrMeta(fid: string, path: string, name: string): H5Meta;
  dsMeta(fid: string, path: string): H5Meta;
  read(fid: string, path: string, attr: string | null, meta: H5Meta, elements: number, selection: { count: number[]; offset: number[] } | null): string[] | number[] | null;
}

/** HDF5 type classes (H5Tpublic.h: H5T_INTEGER 0, H5T_FLOAT 1, H5T_STRING 3). */
const H5T_INTEGER = 0;
const H5T_FLOAT = 1;
const H5T_STRING = 3;
/** A variable-length string is a pointer in wasm32 memory: 4 bytes. */
const POINTER_BYTES = 4;
/** Largest variable-length string decoded (attribute and small-dataset strings are short). */
const MAX_STRING_BYTES = 64 * 1024;

const utf8 = new TextDecoder('utf-8');

function decode(bytes: Uint8Array, meta: H5Meta, elements: number): string[] | number[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = meta.size;
  if (meta.type === H5T_STRING) {
    const out: string[] = [];
    for (let i = 0; i < elements; i++) {
      const cell = bytes.subarray(i * size, (i + 1) * size);
      const nul = cell.indexOf(0);
      out.push(trimTrailingSpaces(utf8.decode(nul >= 0 ? cell.subarray(0, nul) : cell)));
    }
    return out;
  }
  const out: number[] = [];
  for (let i = 0; i < elements; i++) {
    const o = i * size;
    let v: number | undefined;
    if (meta.type === H5T_FLOAT) v = size === 8 ? view.getFloat64(o, true) : size === 4 ? view.getFloat32(o, true) : undefined;
    else if (meta.type === H5T_INTEGER) {
      if (size === 1) v = meta.signed ? view.getInt8(o) : view.getUint8(o);
      else if (size === 2) v = meta.signed ? view.getInt16(o, true) : view.getUint16(o, true);
      else if (size === 4) v = meta.signed ? view.getInt32(o, true) : view.getUint32(o, true);
      else if (size === 8) v = Number(meta.signed ? view.getBigInt64(o, true) : view.getBigUint64(o, true));
    }
    if (v === undefined) return null;
    out.push(v);
  }
  return out;
}

/** The operations over one loaded h5wasm module. */
export function createH5Ops(lib: H5Lib): H5Ops {
  const M = lib.Module;
  const files = new Map<string, InstanceType<H5Lib['File']>>();

  function read(fid: string, path: string, attr: string | null, meta: H5Meta, elements: number, selection: { count: number[]; offset: number[] } | null): string[] | number[] | null {
    const vlenString = meta.vlen && meta.type === H5T_STRING;
    if (meta.vlen && !vlenString) return null;
    const nbytes = (vlenString ? POINTER_BYTES : meta.size) * elements;
    if (!Number.isSafeInteger(nbytes) || nbytes <= 0 || (vlenString && meta.size !== POINTER_BYTES)) return null;
    const ptr = M._malloc(nbytes);
    if (!ptr) return null;
    let filled = false;
    try {
      M.HEAPU8.fill(0, ptr, ptr + nbytes);
      const id = BigInt(fid);
      const status =
        attr !== null
          ? M.get_attribute_data(id, path, attr, BigInt(ptr))
          : M.get_dataset_data(id, path, selection ? selection.count.map(BigInt) : null, selection ? selection.offset.map(BigInt) : null, selection ? selection.count.map(() => 1n) : null, BigInt(ptr));
      filled = status >= 0;
      if (!filled) return null;
      const bytes = M.HEAPU8.slice(ptr, ptr + nbytes);
      if (!vlenString) return decode(bytes, meta, elements);
      const view = new DataView(bytes.buffer);
      const out: string[] = [];
      for (let i = 0; i < elements; i++) {
        const p = view.getUint32(i * POINTER_BYTES, true);
        if (!p || p >= M.HEAPU8.length) {
          out.push('');
          continue;
        }
        const cell = M.HEAPU8.subarray(p, Math.min(M.HEAPU8.length, p + MAX_STRING_BYTES));
        const nul = cell.indexOf(0);
        out.push(utf8.decode(nul >= 0 ? cell.subarray(0, nul) : cell));
      }
      return out;
    } finally {
      if (filled && vlenString) M.reclaim_vlen_memory(BigInt(fid), path, attr === null ? '' : attr, BigInt(ptr));
      M._free(ptr);
    }
  }

  return {
    codes: () => ({ group: M.H5G_GROUP, dataset: M.H5G_DATASET }),
    open: (path) => {
      const f = new lib.File(path, 'r');
      if (f.file_id < 0n) return null;
      files.set(String(f.file_id), f);
      return String(f.file_id);
    },
    close: (fid) => {
      const f = files.get(fid);
      files.delete(fid);
      if (f) f.close();
      return true;
    },
    type: (fid, path) => M.get_type(BigInt(fid), path),
    names: (fid, path, max) => {
      const all = M.get_names(BigInt(fid), path, false);
      return { names: all.slice(0, max), total: all.length };
    },
    attrNames: (fid, path, max) => M.get_attribute_names(BigInt(fid), path).slice(0, max),
    attrMeta: (fid, path, name) => M.get_attribute_metadata(BigInt(fid), path, name),
    dsMeta: (fid, path) => M.get_dataset_metadata(BigInt(fid), path),
    read,
  };
}

/** Emscripten's descriptors for the process's stdout and stderr (POSIX numbering, kept by Emscripten's FS). */
const STDIO_FDS = new Set([1, 2]);

/**
 * The HDF5 library prints its error stack (HDF5-DIAG …) on every damaged file. h5wasm's Node build uses
 * NODERAWFS, whose FS.write sends those bytes straight to the process's descriptor 2, past console.error.
 * We report every failure ourselves, so writes to stdout/stderr from inside the library are dropped here.
 */
function silenceStdio(lib: H5Lib): void {
  const fs = lib.FS as unknown as { write?: (stream: { fd?: number }, buffer: unknown, offset: number, length: number, ...rest: unknown[]) => number } | null;
  const write = fs?.write;
  if (!fs || typeof write !== 'function') return;
  fs.write = (stream, buffer, offset, length, ...rest) => (STDIO_FDS.has(stream.fd ?? -1) ? length : write.call(fs, stream, buffer, offset, length, ...rest));
}

/**
 * Loads h5wasm and builds the operations. Electron defines `navigator`, which fails the Emscripten
 * environment check; the h5wasm README ("Using in Electron app") hides it while the module initialises.
 */
export async function loadH5Ops(): Promise<H5Ops> {
  const nav = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  if (nav?.configurable) Object.defineProperty(globalThis, 'navigator', { value: undefined, configurable: true });
  try {
    const lib: H5Lib = await import('h5wasm/node');
    await lib.ready;
    silenceStdio(lib);
    return createH5Ops(lib);
  } finally {
    if (nav?.configurable) Object.defineProperty(globalThis, 'navigator', nav);
  }
}
