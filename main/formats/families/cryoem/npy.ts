import { Bytes } from '../../kit/bytes';

/**
 * The NumPy .npy header (numpy/lib/format.py, "NPY format" NEP 1): magic "\x93NUMPY", major and minor version
 * bytes at 6 and 7, then the header length as uint16 LE at 8 (version 1) or uint32 LE at 8 (versions 2 and 3),
 * then that many bytes of a Python dict literal {'descr': …, 'fortran_order': …, 'shape': (…)}.
 */
export const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
/** Largest header we parse: cryoSPARC headers list ~100–300 fields in a few kB; more is not a real header. */
export const MAX_NPY_HEADER_BYTES = 1024 * 1024;
/** Most values the literal parser builds (a field is a tuple of 2–3 values). */
const MAX_NODES = 100_000;
/** Deepest nesting of lists/tuples/dicts (a descr is a dict → list → tuple → tuple). */
const MAX_DEPTH = 16;

/** A Python literal value as far as .npy headers use them. */
export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

/** Version, header location and data offset of an .npy file, or `undefined` when the magic is not there. */
export function npyPreamble(head: Uint8Array): { major: number; minor: number; headerStart: number; headerLength: number } | undefined {
  const b = new Bytes(head, true);
  if (!b.startsWith(NPY_MAGIC)) return undefined;
  const major = b.u8(6);
  const minor = b.u8(7);
  if (major === undefined || minor === undefined) return undefined;
  if (major === 1) {
    const len = b.u16(8);
    return len === undefined ? undefined : { major, minor, headerStart: 10, headerLength: len };
  }
  if (major === 2 || major === 3) {
    const len = b.u32(8);
    return len === undefined ? undefined : { major, minor, headerStart: 12, headerLength: len };
  }
  return undefined;
}

/** Parses a Python literal (dict, list, tuple, str, int, float, True/False/None); `undefined` on anything else. */
export function parsePyLiteral(text: string): PyValue | undefined {
  let i = 0;
  let nodes = 0;
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const value = (depth: number): PyValue | undefined => {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) return undefined;
    ws();
    const c = text[i];
    if (c === undefined) return undefined;
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return undefined;
      const s = text.slice(i + 1, end);
      i = end + 1;
      return s;
    }
    if (c === '{' || c === '[' || c === '(') {
      const close = c === '{' ? '}' : c === '[' ? ']' : ')';
      i++;
      const items: PyValue[] = [];
      const dict: { [key: string]: PyValue } = {};
      for (;;) {
        ws();
        if (text[i] === close) {
          i++;
          return c === '{' ? dict : items;
        }
        const v = value(depth + 1);
        if (v === undefined) return undefined;
        ws();
        if (c === '{') {
          if (text[i] !== ':' || typeof v !== 'string') return undefined;
          i++;
          const w = value(depth + 1);
          if (w === undefined) return undefined;
          dict[v] = w;
        } else items.push(v);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] !== close) return undefined;
      }
    }
    const word = /^(True|False|None|[+-]?\d+(?:\.\d*)?(?:[eE][+-]?\d+)?L?)/.exec(text.slice(i, i + 64));
    if (!word) return undefined;
    i += word[1]!.length;
    if (word[1] === 'True') return true;
    if (word[1] === 'False') return false;
    if (word[1] === 'None') return null;
    return Number(word[1]!.replace(/L$/, ''));
  };
  const v = value(0);
  return v;
}

/** One field of a structured dtype. */
export interface NpyField {
  readonly name: string;
  readonly type: string;
  /** Bytes of one element including its sub-array shape, or `undefined` for types we cannot size (objects, nested structs). */
  readonly bytes?: number;
}

/** Bytes of a NumPy type string ('<f4', '|S32', '<U8', 'u1'…), or `undefined` (object 'O', unknown kinds). */
export function typeBytes(type: string): number | undefined {
  const m = /^[<>|=]?([biufcSUV?])(\d*)$/.exec(type);
  if (!m) return undefined;
  const kind = m[1]!;
  const n = m[2] ? Number(m[2]) : kind === 'b' || kind === '?' ? 1 : NaN;
  if (!Number.isFinite(n)) return undefined;
  return kind === 'U' ? n * 4 : n;
}

/** The fields of a structured descr (a list of (name, type[, shape]) tuples); `undefined` for a plain dtype. */
export function structFields(descr: PyValue | undefined): NpyField[] | undefined {
  if (!Array.isArray(descr)) return undefined;
  const out: NpyField[] = [];
  for (const f of descr) {
    if (!Array.isArray(f) || typeof f[0] !== 'string') return undefined;
    const name = f[0];
    const type = f[1];
    if (typeof type !== 'string') {
      out.push({ name, type: 'struct' });
      continue;
    }
    let bytes = typeBytes(type);
    const shape = f[2];
    if (bytes !== undefined && shape !== undefined) {
      const dims = Array.isArray(shape) ? shape : [shape];
      for (const d of dims) bytes = typeof d === 'number' && Number.isInteger(d) && d >= 0 && bytes !== undefined ? bytes * d : undefined;
    }
    out.push({ name, type, ...(bytes !== undefined ? { bytes } : {}) });
  }
  return out;
}
