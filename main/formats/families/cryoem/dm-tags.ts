import { safeRead } from '../../kit/read';
import { Bytes } from '../../kit/bytes';
import type { DetectContext } from '../../detector';

/**
 * A bounded walker of the Gatan DigitalMicrograph tag tree (docs/formats.md §4; rosettasciio
 * rsciio/digitalmicrograph/_api.py parse_tags/parse_tag_group/parse_tag_header, ncempy ncempy/io/dm.py
 * _readTagGroup/_readTagEntry/_readTagType, Bio-Formats GatanReader.java GROUP = 20, VALUE = 21).
 *
 * Layout (all structural integers big-endian; DM3 uses 4-byte, DM4 8-byte "long" words):
 *   file header: version u32 @0 (3|4), file size u32 (DM3) / u64 (DM4) @4, byte-order flag u32 @8 / @12 (1 = data little-endian)
 *   group:       sorted u8, open u8, ntags long
 *   tag entry:   type u8 (20 group, 21 data), name length u16, name; DM4 then a long tag size;
 *                data tags: "%%%%", ninfo long, ninfo info longs, then the data (in the file's data byte order)
 *   info:        [t] simple · [18, len] string · [20, t, n] array · [15, 0, nf, (0, t)×nf] struct ·
 *                [20, 15, 0, nf, (0, t)×nf, n] array of structs
 */
export const DM_TAG_GROUP = 20;
export const DM_TAG_DATA = 21;
const DELIMITER = '%%%%';
/** Element sizes of the simple types (rosettasciio get_data_reader; ncempy _encodedTypeSize). */
const SIMPLE_BYTES: Readonly<Record<number, number>> = { 2: 2, 3: 4, 4: 2, 5: 4, 6: 4, 7: 8, 8: 1, 9: 1, 10: 1, 11: 8, 12: 8 };
const STRUCT = 15;
const STRING = 18;
const ARRAY = 20;
const USHORT = 4;

/** Deepest group nesting followed (ncempy maxDepth 64; real trees are < 12 deep). */
export const MAX_DEPTH = 32;
/** Most tag entries visited (a camera file has a few thousand). */
export const MAX_TAGS = 20_000;
/** Most info words of one data tag (a struct of n fields needs 2n + 3). */
const MAX_INFO = 1024;
/** Longest tag name read. */
const MAX_NAME = 1024;
/** uint16 text arrays decoded into strings up to this many characters. */
const MAX_TEXT_CHARS = 512;
/** Bytes fetched per window; tag trees are read in order, pixel arrays are skipped over without reading. */
const WINDOW_BYTES = 64 * 1024;
/** Most windows fetched beyond the head (64 × 64 KiB = 4 MiB, a quarter of the per-file budget). */
const MAX_WINDOWS = 64;

/** A tag value: a number, a string (uint16 text arrays and type-18 strings), or numbers of a small struct. */
export type DmValue = number | string | readonly number[];

/** The tag values read, by dotted path (unnamed tags by their index in the group), and how the walk ended. */
export interface DmTree {
  readonly version: 3 | 4;
  readonly littleEndian: boolean;
  readonly fileSize: number;
  readonly values: Map<string, DmValue>;
  readonly tags: number;
  readonly complete: boolean;
  readonly problems: string[];
}

/** The DM file header: version, size, byte order, and where the root group starts; `undefined` if it is not DM. */
export function dmHeader(head: Uint8Array): { version: 3 | 4; fileSize: number; littleEndian: boolean; root: number } | undefined {
  const b = new Bytes(head, false);
  const version = b.u32(0);
  if (version === 3) {
    const size = b.u32(4);
    const order = b.u32(8);
    if (size === undefined || (order !== 0 && order !== 1)) return undefined;
    return { version, fileSize: size, littleEndian: order === 1, root: 12 };
  }
  if (version === 4) {
    const size = b.u64(4);
    const order = b.u32(12);
    if (size === undefined || (order !== 0 && order !== 1)) return undefined;
    return { version, fileSize: size, littleEndian: order === 1, root: 16 };
  }
  return undefined;
}

class Cursor {
  pos: number;
  private buf: Uint8Array;
  private bufStart = 0;
  private windows = 0;
  exhausted = false;

  constructor(
    private readonly ctx: DetectContext,
    start: number,
  ) {
    this.pos = start;
    this.buf = ctx.head;
  }

  /** n bytes at the cursor (advancing it), or `undefined` past the end of the file or the window budget. */
  async take(n: number): Promise<Uint8Array | undefined> {
    if (n < 0 || this.pos + n > this.ctx.size) return undefined;
    const rel = this.pos - this.bufStart;
    if (rel < 0 || rel + n > this.buf.length) {
      if (this.windows >= MAX_WINDOWS) {
        this.exhausted = true;
        return undefined;
      }
      this.windows++;
      const got = await safeRead(this.ctx, this.pos, Math.max(n, WINDOW_BYTES));
      if (!got || got.length < n) return undefined;
      this.buf = got;
      this.bufStart = this.pos;
    }
    const start = this.pos - this.bufStart;
    this.pos += n;
    return this.buf.subarray(start, start + n);
  }

  skip(n: number): boolean {
    if (n < 0 || this.pos + n > this.ctx.size) return false;
    this.pos += n;
    return true;
  }
}

class Walker {
  readonly values = new Map<string, DmValue>();
  tags = 0;
  readonly problems: string[] = [];
  private readonly long: number;

  constructor(
    private readonly c: Cursor,
    private readonly version: 3 | 4,
    private readonly le: boolean,
  ) {
    this.long = version === 4 ? 8 : 4;
  }

  private async word(): Promise<number | undefined> {
    const b = await this.c.take(this.long);
    if (!b) return undefined;
    const v = new Bytes(b, false);
    return this.long === 8 ? v.u64(0) : v.u32(0);
  }

  /** Reads a group whose sorted/open bytes are at the cursor; false when the walk must stop. */
  async group(path: string, depth: number): Promise<boolean> {
    if (depth > MAX_DEPTH) {
      this.problems.push(`Tag tree deeper than ${MAX_DEPTH} levels: not followed.`);
      return false;
    }
    const flags = await this.c.take(2);
    const n = await this.word();
    if (!flags || n === undefined || (flags[0] ?? 2) > 1 || (flags[1] ?? 2) > 1) return false;
    for (let i = 0; i < n; i++) {
      if (++this.tags > MAX_TAGS) {
        this.problems.push(`More than ${MAX_TAGS} tags: the rest were not read.`);
        return false;
      }
      if (!(await this.entry(path, i, depth))) return false;
    }
    return true;
  }

  private async entry(parent: string, index: number, depth: number): Promise<boolean> {
    const head = await this.c.take(3);
    if (!head) return false;
    const type = head[0];
    const nameLength = new Bytes(head, false).u16(1) ?? 0;
    if ((type !== DM_TAG_GROUP && type !== DM_TAG_DATA) || nameLength > MAX_NAME) return false;
    const nameBytes = await this.c.take(nameLength);
    if (!nameBytes) return false;
    const name = new Bytes(nameBytes).ascii(0, nameLength) || String(index);
    const path = parent ? `${parent}.${name}` : name;
    const tagSize = this.version === 4 ? await this.word() : undefined;
    if (this.version === 4 && tagSize === undefined) return false;
    if (type === DM_TAG_GROUP) return this.group(path, depth + 1);
    const start = this.c.pos;
    const ok = await this.data(path);
    if (ok) return true;
    // DM4 says how long the tag is: skip over a tag we could not size instead of giving up.
    if (tagSize !== undefined && this.version === 4) {
      this.c.pos = start;
      return this.c.skip(tagSize);
    }
    return false;
  }

  private async data(path: string): Promise<boolean> {
    const delim = await this.c.take(4);
    if (!delim || new Bytes(delim).ascii(0, 4) !== DELIMITER) return false;
    const ninfo = await this.word();
    if (ninfo === undefined || ninfo < 1 || ninfo > MAX_INFO) return false;
    const info: number[] = [];
    for (let i = 0; i < ninfo; i++) {
      const w = await this.word();
      if (w === undefined) return false;
      info.push(w);
    }
    const t = info[0]!;
    if (ninfo === 1) return this.simple(path, t);
    if (t === STRING && ninfo >= 2) return this.text(path, info[1]!, 1);
    if (t === ARRAY && ninfo === 3) {
      const el = info[1]!;
      const n = info[2]!;
      const size = SIMPLE_BYTES[el];
      if (size === undefined) return false;
      if (el === USHORT && n <= MAX_TEXT_CHARS) return this.text(path, n, 2);
      return this.c.skip(size * n);
    }
    // A struct's info lists a (name length, type) pair per field after its own three words (array of struct:
    // four, then the count): a field count the info cannot hold is a damaged tag, not a loop of 2^32 fields.
    if (t === STRUCT && ninfo >= 3) {
      const fields = info[2]!;
      if (3 + 2 * fields > ninfo) return false;
      const types = Array.from({ length: fields }, (_, k) => info[4 + 2 * k]);
      return this.struct(path, types);
    }
    if (t === ARRAY && info[1] === STRUCT && ninfo >= 5) {
      const fields = info[3]!;
      if (5 + 2 * fields > ninfo) return false;
      const types = Array.from({ length: fields }, (_, k) => info[5 + 2 * k]);
      const n = info[4 + 2 * fields];
      const each = types.reduce<number | undefined>((s, ty) => (s === undefined || ty === undefined || SIMPLE_BYTES[ty] === undefined ? undefined : s + SIMPLE_BYTES[ty]!), 0);
      if (each === undefined || n === undefined) return false;
      return this.c.skip(each * n);
    }
    return false;
  }

  private async simple(path: string, t: number): Promise<boolean> {
    const size = SIMPLE_BYTES[t];
    if (size === undefined) return false;
    const raw = await this.c.take(size);
    if (!raw) return false;
    const v = readSimple(new Bytes(raw, this.le), t);
    if (v !== undefined) this.values.set(path, v);
    return true;
  }

  private async text(path: string, n: number, charBytes: 1 | 2): Promise<boolean> {
    const raw = await this.c.take(n * charBytes);
    if (!raw) return false;
    const b = new Bytes(raw, this.le);
    let s = '';
    for (let i = 0; i < n; i++) {
      const code = charBytes === 2 ? (b.u16(2 * i) ?? 0) : (b.u8(i) ?? 0);
      if (code === 0) break;
      s += String.fromCharCode(code);
    }
    this.values.set(path, s);
    return true;
  }

  private async struct(path: string, types: readonly (number | undefined)[]): Promise<boolean> {
    const sizes = types.map((t) => (t === undefined ? undefined : SIMPLE_BYTES[t]));
    if (sizes.some((s) => s === undefined)) return false;
    const total = sizes.reduce<number>((a, s) => a + (s ?? 0), 0);
    const raw = await this.c.take(total);
    if (!raw) return false;
    const b = new Bytes(raw, this.le);
    const out: number[] = [];
    let o = 0;
    types.forEach((t, k) => {
      const v = readSimple(new Bytes(b.slice(o, sizes[k]!), this.le), t!);
      out.push(v ?? NaN);
      o += sizes[k]!;
    });
    this.values.set(path, out);
    return true;
  }
}

function readSimple(b: Bytes, t: number): number | undefined {
  switch (t) {
    case 2:
      return b.i16(0);
    case 3:
      return b.i32(0);
    case 4:
      return b.u16(0);
    case 5:
      return b.u32(0);
    case 6:
      return b.f32(0);
    case 7:
      return b.f64(0);
    case 8:
    case 10:
      return b.u8(0);
    case 9: {
      const v = b.u8(0);
      return v === undefined ? undefined : v > 127 ? v - 256 : v;
    }
    case 11:
    case 12:
      return b.u64(0);
    default:
      return undefined;
  }
}

/** Walks the tag tree from the root group within the caps; never throws. */
export async function readDmTree(ctx: DetectContext): Promise<DmTree | undefined> {
  const h = dmHeader(ctx.head);
  if (!h) return undefined;
  const cursor = new Cursor(ctx, h.root);
  const walker = new Walker(cursor, h.version, h.littleEndian);
  let complete = false;
  try {
    complete = await walker.group('', 0);
  } catch {
    complete = false;
  }
  if (cursor.exhausted) walker.problems.push('Stopped reading the tag tree at the read budget.');
  return { version: h.version, littleEndian: h.littleEndian, fileSize: h.fileSize, values: walker.values, tags: walker.tags, complete, problems: walker.problems };
}
