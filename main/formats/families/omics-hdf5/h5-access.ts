/**
 * Bounded access to an HDF5 file through h5wasm (README rule 6: loaded lazily, opened on ctx.localPath()).
 * Only named paths, root-level listings and attributes are read, each under a cap; the file is always closed.
 * The calls run in a worker thread (h5-host.ts) with one time budget per file, so a damaged file that makes
 * the HDF5 library loop is stopped; every method returns undefined instead of throwing.
 */
import { H5HostError, type H5Host } from './h5-host';
import type { H5Meta } from './h5-ops';
import { trimTrailingNul } from '../../kit/trim';

/** Most objects (type checks, listings, attribute reads, dataset reads) one detection may touch. */
export const MAX_OBJECTS_VISITED = 256;
/** Most children of one group looked at (names beyond are counted but not used). */
export const MAX_CHILDREN = 256;
/** Time all HDF5 calls for one file may take: a metadata read takes milliseconds; a loop on a damaged file is cut here. */
export const H5_FILE_TIME_MS = 1500;
/** Most attributes of one object read. */
const MAX_ATTRIBUTES = 64;
/** Largest attribute read, in bytes (element size × count): header strings are short; arrays beyond are skipped. */
const MAX_ATTRIBUTE_BYTES = 64 * 1024;
/** Most elements of a variable-length attribute or dataset read (their size per element cannot be checked first). */
const MAX_VLEN_ELEMENTS = 16;
/** Largest dataset read, in bytes: metadata datasets (Velox JSON, Loom version) are far below this. */
export const MAX_DATASET_BYTES = 1024 * 1024;

/** H5T classes as h5wasm reports them (H5Tpublic.h: H5T_INTEGER 0). */
const H5T_INTEGER = 0;

/** An attribute or small dataset value, reduced to what detectors compare. */
export type H5Value = string | number | boolean | readonly string[] | readonly number[];

/** Object kinds by h5wasm's H5G_* type codes. */
export type H5Kind = 'group' | 'dataset' | 'other';

/** Text of a value: a string, an Imaris-style array of single characters joined, or the elements joined by ", ". */
export function valueText(v: H5Value | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return trimTrailingNul(v).trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v.length === 0) return undefined;
  if (v.every((x) => typeof x === 'string')) {
    const parts = v as readonly string[];
    return trimTrailingNul(parts.every((s) => s.length <= 1) ? parts.join('') : parts.join(', ')).trim();
  }
  return v.join(', ');
}

/** A finite number from a value (first element of an array; text parsed), or undefined. */
export function valueNumber(v: H5Value | undefined): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (Array.isArray(v) && v.length > 0 && typeof v[0] === 'number') return Number.isFinite(v[0]) ? v[0] : undefined;
  const text = valueText(v);
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** A decoded array as a value: scalars (shape []) as one string or number. */
function asValue(decoded: readonly string[] | readonly number[], scalar: boolean): H5Value {
  if (scalar && decoded.length === 1) return decoded[0]!;
  return decoded;
}

/** One open HDF5 file with budgets of objects and time; every method returns undefined instead of throwing. */
export class H5File {
  private visited = 0;
  private readonly kinds = new Map<string, H5Kind | null>();
  private readonly deadline = Date.now() + H5_FILE_TIME_MS;
  /** Set when the object budget ran out, so the detection can say it stopped early. */
  exhausted = false;
  /** Set when the HDF5 library did not answer in time or its worker died: all further calls are refused. */
  failure: string | undefined;

  private constructor(
    private readonly host: H5Host,
    private readonly fid: string,
    private readonly codes: { group: number; dataset: number },
  ) {}

  /** Opens a file read-only; `null` when the HDF5 library refuses it. Throws H5HostError when it does not answer. */
  static open(host: H5Host, path: string): H5File | null {
    const deadline = Date.now() + H5_FILE_TIME_MS;
    const codes = host.call('codes', [], H5_FILE_TIME_MS);
    const fid = host.call('open', [path], Math.max(1, deadline - Date.now()));
    return fid === null ? null : new H5File(host, fid, codes);
  }

  /** Closes the file; never throws. */
  close(): void {
    if (this.failure) return;
    try {
      this.host.call('close', [this.fid], Math.max(1, this.deadline - Date.now()) + H5_FILE_TIME_MS);
    } catch {
      // Already closed, or the worker was stopped (its files went with it).
    }
  }

  private spend(): boolean {
    if (this.failure) return false;
    if (this.visited >= MAX_OBJECTS_VISITED) {
      this.exhausted = true;
      return false;
    }
    this.visited++;
    return true;
  }

  /** One host call within the file's time budget; undefined on any error (a timeout also sets `failure`). */
  private call<T>(run: (timeoutMs: number) => T): T | undefined {
    const left = this.deadline - Date.now();
    if (left <= 0) {
      this.failure = `the HDF5 library took more than ${H5_FILE_TIME_MS} ms`;
      return undefined;
    }
    try {
      return run(left);
    } catch (err) {
      if (err instanceof H5HostError) this.failure = err.message;
      return undefined;
    }
  }

  /**
   * Kind of the object at an absolute path, or undefined when it does not exist. Parents are checked first
   * (and remembered): asking for a path below a dataset makes the HDF5 library print an error stack.
   */
  kind(path: string): H5Kind | undefined {
    if (path === '/' || path === '') return 'group';
    if (this.kinds.has(path)) return this.kinds.get(path) ?? undefined;
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    let found: H5Kind | undefined;
    if (this.kind(parent) === 'group' && this.spend()) {
      const t = this.call((ms) => this.host.call('type', [this.fid, path], ms));
      if (t !== undefined) found = t === this.codes.group ? 'group' : t === this.codes.dataset ? 'dataset' : t < 0 ? undefined : 'other';
    }
    this.kinds.set(path, found ?? null);
    return found;
  }

  /** Names of a group's children (the first MAX_CHILDREN) and how many there are; undefined if not a group. */
  children(path: string): { names: string[]; total: number } | undefined {
    if (this.kind(path) !== 'group' || !this.spend()) return undefined;
    return this.call((ms) => this.host.call('names', [this.fid, path, MAX_CHILDREN], ms));
  }

  /** Attribute names of an object (the first MAX_ATTRIBUTES). */
  attributeNames(path: string): string[] {
    if (!this.spend()) return [];
    return this.call((ms) => this.host.call('attrNames', [this.fid, path, MAX_ATTRIBUTES], ms)) ?? [];
  }

  /** One attribute's value, if it exists and is small enough (MAX_ATTRIBUTE_BYTES, MAX_VLEN_ELEMENTS). */
  attribute(path: string, name: string): H5Value | undefined {
    if (!this.spend()) return undefined;
    const meta = this.call((ms) => this.host.call('attrMeta', [this.fid, path, name], ms));
    if (!meta?.shape) return undefined;
    const count = meta.total_size;
    if (count < 1 || (meta.vlen ? count > MAX_VLEN_ELEMENTS : count * meta.size > MAX_ATTRIBUTE_BYTES)) return undefined;
    const decoded = this.call((ms) => this.host.call('read', [this.fid, path, name, meta, count, null], ms));
    return decoded ? asValue(decoded, meta.shape.length === 0) : undefined;
  }

  /** Every attribute of an object that is small enough, by name. */
  attributes(path: string): Map<string, H5Value> {
    const out = new Map<string, H5Value>();
    for (const name of this.attributeNames(path)) {
      const v = this.attribute(path, name);
      if (v !== undefined) out.set(name, v);
    }
    return out;
  }

  private datasetMeta(path: string): H5Meta | undefined {
    if (this.kind(path) !== 'dataset' || !this.spend()) return undefined;
    return this.call((ms) => this.host.call('dsMeta', [this.fid, path], ms));
  }

  /** Shape of a dataset, or undefined. */
  shape(path: string): number[] | undefined {
    const shape = this.datasetMeta(path)?.shape;
    return shape ? [...shape] : undefined;
  }

  /** A small numeric or string dataset's value (at most MAX_DATASET_BYTES / MAX_VLEN_ELEMENTS), or undefined. */
  smallValue(path: string): H5Value | undefined {
    const meta = this.datasetMeta(path);
    if (!meta?.shape) return undefined;
    const count = product(meta.shape);
    if (count < 1 || (meta.vlen ? count > MAX_VLEN_ELEMENTS : count * meta.size > MAX_DATASET_BYTES)) return undefined;
    const decoded = this.call((ms) => this.host.call('read', [this.fid, path, null, meta, count, null], ms));
    return decoded ? asValue(decoded, meta.shape.length === 0) : undefined;
  }

  /**
   * The first bytes of a one-byte integer dataset (1-D, or the first column of a 2-D one, as Velox stores its
   * JSON metadata), at most `maxBytes`; undefined for anything else.
   */
  leadingBytes(path: string, maxBytes: number = MAX_DATASET_BYTES): Uint8Array | undefined {
    const meta = this.datasetMeta(path);
    const shape = meta?.shape ?? [];
    if (!meta || meta.vlen || meta.type !== H5T_INTEGER || meta.size !== 1 || shape.length < 1 || shape.length > 2) return undefined;
    const rows = Math.min(shape[0] ?? 0, maxBytes);
    if (rows < 1) return undefined;
    const count = shape.length === 1 ? [rows] : [rows, 1];
    const decoded = this.call((ms) => this.host.call('read', [this.fid, path, null, meta, rows, { count, offset: count.map(() => 0) }], ms));
    return decoded ? Uint8Array.from(decoded as readonly number[], (v) => v & 0xff) : undefined;
  }
}
