import { Bytes } from '../../kit/bytes';
import type { DetectContext } from '../../detector';

/**
 * A bounded reader of OLE2 compound files ([MS-CFB], Microsoft Open Specifications: "Compound File Binary
 * File Format", §2.2 header, §2.3 FAT, §2.5 DIFAT, §2.6 directory, §2.4/§2.7 mini FAT and mini stream).
 * It reads only the sectors it needs through ctx.read: FAT and DIFAT sectors on demand, directory sectors
 * as entries are visited, stream sectors in runs of contiguous sectors. Every chain walk detects cycles and
 * every count is capped, so a lying or looping file costs a bounded number of reads and never throws out.
 */

/** [MS-CFB] §2.2: header signature D0 CF 11 E0 A1 B1 1A E1 at byte 0. */
export const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

/** [MS-CFB] §2.2 header field offsets. */
const H = {
  majorVersion: 26,
  byteOrder: 28,
  sectorShift: 30,
  miniSectorShift: 32,
  numFatSectors: 44,
  firstDirSector: 48,
  miniStreamCutoff: 56,
  firstMiniFatSector: 60,
  firstDifatSector: 68,
  numDifatSectors: 72,
  difat: 76,
} as const;
/** [MS-CFB] §2.2: the header is 512 bytes and holds the first 109 DIFAT entries. */
const HEADER_BYTES = 512;
const HEADER_DIFAT_ENTRIES = 109;
/** [MS-CFB] §2.2: byte order mark 0xFFFE (little-endian integers). */
const BYTE_ORDER_MARK = 0xfffe;
/** [MS-CFB] §2.2: sector shift 9 (512-byte sectors) for major version 3, 12 (4096) for version 4; mini sector shift 6. */
const SECTOR_SHIFT: Readonly<Record<number, number>> = { 3: 9, 4: 12 };
const MINI_SECTOR_SHIFT = 6;
/** [MS-CFB] §2.2: streams shorter than the cutoff (always 4096) live in the mini stream. */
const MINI_STREAM_CUTOFF = 4096;
/** [MS-CFB] §2.1: sector numbers above MAXREGSECT are markers (DIFSECT, FATSECT, ENDOFCHAIN, FREESECT). */
const MAXREGSECT = 0xfffffffa;
/** [MS-CFB] §2.6.1: NOSTREAM marks an absent sibling or child. */
const NOSTREAM = 0xffffffff;
/** [MS-CFB] §2.6.1 directory entry: 128 bytes; name UTF-16LE (64 bytes), its length, type, siblings, child, start, size. */
const DIR_ENTRY_BYTES = 128;
const E = { name: 0, nameLength: 64, type: 66, left: 68, right: 72, child: 76, start: 116, size: 120 } as const;
/** [MS-CFB] §2.6.1 object type 1: a storage (folder). */
export const CFB_STORAGE = 1;
/** [MS-CFB] §2.6.1 object type 2: a stream (file). */
export const CFB_STREAM = 2;
/** [MS-CFB] §2.6.1 object type 5: the root storage (entry 0). */
export const CFB_ROOT = 5;

/**
 * Most reads one compound file may cost, for all its detectors together: half of detector.ts MAX_READS (512).
 * A multi-GB Xradia file whose directory sectors are scattered (one appended per few projections) can need
 * more to reach entries written late; the detectors then fall back on what the header and name say.
 */
const MAX_CFB_READS = 256;
/** Most bytes one compound file may cost: half of detector.ts MAX_TOTAL_READ_BYTES (16 MiB). */
const MAX_CFB_BYTES = 8 * 1024 * 1024;
/** Longest sector chain walked (a 16 MiB stream of 512-byte sectors); past it a chain counts as broken. */
const MAX_CHAIN_SECTORS = 32 * 1024;
/** Most DIFAT sectors followed (each lists 127 FAT sectors at 512 bytes: enough for files of ~2 TB). */
const MAX_DIFAT_SECTORS = 4096;
/** Most children listed for one storage (an Xradia ImageData storage holds 100 images; ImageInfo ~120 streams). */
const MAX_CHILDREN = 4096;
/** Largest run of contiguous sectors fetched in one read (directory and stream prefetch). */
const RUN_BYTES = 64 * 1024;

/** One directory entry. */
export interface CfbEntry {
  readonly id: number;
  readonly name: string;
  readonly type: number;
  readonly left: number;
  readonly right: number;
  readonly child: number;
  readonly start: number;
  readonly size: number;
}

class CfbLimit extends Error {}

/** Compound files already opened, by file context. */
const OPENED = new WeakMap<DetectContext, CompoundFile | null>();

/** A lazily read chain of sectors (FAT or mini FAT), with cycle detection. */
class Chain {
  readonly sectors: number[] = [];
  private readonly seen = new Set<number>();
  ended = false;
  constructor(
    start: number,
    private readonly next: (s: number) => Promise<number>,
  ) {
    if (start > MAXREGSECT) this.ended = true;
    else {
      this.sectors.push(start);
      this.seen.add(start);
    }
  }
  /** The sector at position `pos`, or `undefined` past the end (or a broken chain). */
  async at(pos: number): Promise<number | undefined> {
    while (this.sectors.length <= pos && !this.ended) {
      if (this.sectors.length >= MAX_CHAIN_SECTORS) throw new CfbLimit(`a sector chain is longer than ${MAX_CHAIN_SECTORS} sectors`);
      const n = await this.next(this.sectors[this.sectors.length - 1]!);
      if (n > MAXREGSECT) this.ended = true;
      else if (this.seen.has(n)) throw new CfbLimit(`sector chain loops back to sector ${n}`);
      else {
        this.sectors.push(n);
        this.seen.add(n);
      }
    }
    return this.sectors[pos];
  }
}

/** An open compound file. Methods never throw: what cannot be read is `undefined` and noted in `problems`. */
export class CompoundFile {
  readonly problems: string[] = [];
  readonly sectorSize: number;
  private readonly entriesPerSector: number;
  private readonly cache = new Map<number, Uint8Array>();
  private readonly fatCache = new Map<number, Bytes>();
  private readonly difatSectors: number[] = [];
  private readonly entries = new Map<number, CfbEntry | null>();
  private readonly dir: Chain;
  private readonly miniFat: Chain;
  private ministream: Chain | undefined;
  private reads = 0;
  private bytesRead = 0;

  private constructor(
    private readonly ctx: DetectContext,
    private readonly head: Bytes,
    readonly majorVersion: number,
    shift: number,
  ) {
    this.sectorSize = 1 << shift;
    this.entriesPerSector = this.sectorSize / 4;
    this.dir = new Chain(head.u32(H.firstDirSector) ?? NOSTREAM, (s) => this.fatNext(s));
    this.miniFat = new Chain(head.u32(H.firstMiniFatSector) ?? NOSTREAM, (s) => this.fatNext(s));
  }

  /** True when the first bytes carry the compound-file signature. */
  static is(head: Uint8Array): boolean {
    return new Bytes(head).startsWith(CFB_SIGNATURE);
  }

  /**
   * Opens a compound file from its header, or `null` when the header is not a valid [MS-CFB] header. The
   * reader is shared by every detector of the same file (Xradia, OIB), so sectors are read and paid once.
   */
  static open(ctx: DetectContext): CompoundFile | null {
    if (OPENED.has(ctx)) return OPENED.get(ctx) ?? null;
    const cf = CompoundFile.parse(ctx);
    OPENED.set(ctx, cf);
    return cf;
  }

  private static parse(ctx: DetectContext): CompoundFile | null {
    const b = new Bytes(ctx.head);
    if (ctx.head.length < HEADER_BYTES || !b.startsWith(CFB_SIGNATURE)) return null;
    if (b.u16(H.byteOrder) !== BYTE_ORDER_MARK) return null;
    const major = b.u16(H.majorVersion) ?? 0;
    const shift = SECTOR_SHIFT[major];
    if (shift === undefined || b.u16(H.sectorShift) !== shift || b.u16(H.miniSectorShift) !== MINI_SECTOR_SHIFT) return null;
    const cf = new CompoundFile(ctx, b, major, shift);
    if (b.u32(H.miniStreamCutoff) !== MINI_STREAM_CUTOFF) cf.problems.push(`Mini stream cutoff is ${b.u32(H.miniStreamCutoff)}, not 4096; 4096 used.`);
    return cf;
  }

  /** The root storage entry. */
  async root(): Promise<CfbEntry | undefined> {
    const r = await this.safe(() => this.entry(0));
    return r && r.type === CFB_ROOT ? r : undefined;
  }

  /** The storages and streams directly inside a storage (in-order walk of its red-black tree). */
  async children(storage: CfbEntry): Promise<CfbEntry[]> {
    return (
      (await this.safe(async () => {
        const out: CfbEntry[] = [];
        const seen = new Set<number>();
        const stack: number[] = [];
        let id = storage.child;
        while ((id !== NOSTREAM || stack.length > 0) && out.length < MAX_CHILDREN) {
          if (id !== NOSTREAM) {
            if (seen.has(id)) throw new CfbLimit(`directory tree loops back to entry ${id}`);
            seen.add(id);
            stack.push(id);
            id = (await this.entry(id))?.left ?? NOSTREAM;
            continue;
          }
          const e = await this.entry(stack.pop()!);
          if (!e) continue;
          if (e.type === CFB_STORAGE || e.type === CFB_STREAM) out.push(e);
          id = e.right;
        }
        if (out.length >= MAX_CHILDREN) this.problems.push(`Only the first ${MAX_CHILDREN} entries of storage "${storage.name}" were listed.`);
        return out;
      })) ?? []
    );
  }

  /** The child of a storage with this name (compared case-insensitively, as [MS-CFB] §2.6.4 orders names). */
  async child(storage: CfbEntry, name: string): Promise<CfbEntry | undefined> {
    const upper = name.toUpperCase();
    return (await this.children(storage)).find((e) => e.name.toUpperCase() === upper);
  }

  /** The entry at a path of names below the root, e.g. ["ImageInfo", "XrayVoltage"]. */
  async resolve(path: readonly string[]): Promise<CfbEntry | undefined> {
    let cur = await this.root();
    for (const name of path) {
      if (!cur) return undefined;
      cur = await this.child(cur, name);
    }
    return cur;
  }

  /** The first `limit` bytes of a stream (from the mini stream when it is short), or `undefined` when unreadable. */
  async read(entry: CfbEntry, limit: number): Promise<Uint8Array | undefined> {
    if (entry.type !== CFB_STREAM) return undefined;
    return this.safe(async () => {
      const size = Math.min(entry.size, limit);
      if (entry.size < MINI_STREAM_CUTOFF) return this.readMini(entry.start, size);
      return this.readChain(new Chain(entry.start, (s) => this.fatNext(s)), 0, size);
    });
  }

  /** Reads and parses in what the header promises; failures become problems. */
  private async safe<T>(fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (err) {
      const msg = `Compound file: ${err instanceof CfbLimit ? err.message : err instanceof Error ? `read failed: ${err.message}` : 'read failed'}.`;
      if (!this.problems.includes(msg)) this.problems.push(msg);
      return undefined;
    }
  }

  private async fetch(offset: number, length: number): Promise<Uint8Array> {
    if (offset + length > this.ctx.size) throw new CfbLimit(`sector at byte ${offset} lies past the end of the file (${this.ctx.size} bytes)`);
    if (offset + length <= this.ctx.head.length) return this.ctx.head.subarray(offset, offset + length);
    if (this.reads + 1 > MAX_CFB_READS || this.bytesRead + length > MAX_CFB_BYTES) throw new CfbLimit(`stopped after ${this.reads} reads (${this.bytesRead} bytes), the compound-file budget`);
    this.reads++;
    this.bytesRead += length;
    const bytes = await this.ctx.read(offset, length);
    if (bytes.length < length) throw new CfbLimit(`file ends inside the sector at byte ${offset}`);
    return bytes;
  }

  /** [MS-CFB] §2.2: sector n starts at byte (n + 1) × sector size. */
  private async sector(n: number): Promise<Uint8Array> {
    const hit = this.cache.get(n);
    if (hit) return hit;
    const bytes = await this.fetch((n + 1) * this.sectorSize, this.sectorSize);
    this.cache.set(n, bytes);
    return bytes;
  }

  /** Reads the sectors of a chain from position `pos`, grouping contiguous sectors into one read (best effort: errors surface later, on the sector actually needed). */
  private async prefetch(chain: Chain, pos: number, count: number, firstRunOnly = false): Promise<void> {
    try {
      await this.prefetchRuns(chain, pos, count, firstRunOnly);
    } catch {
      // A broken chain or the budget: the sector reads that need the data report it.
    }
  }

  /** With `firstRunOnly`, only the run of contiguous sectors starting at `pos` (directory look-ahead). */
  private async prefetchRuns(chain: Chain, pos: number, count: number, firstRunOnly: boolean): Promise<void> {
    const maxRun = Math.max(1, Math.floor(RUN_BYTES / this.sectorSize));
    let i = pos;
    while (i < pos + count) {
      const first = await chain.at(i);
      if (first === undefined) return;
      if (this.cache.has(first)) {
        if (firstRunOnly) return;
        i++;
        continue;
      }
      let n = 1;
      while (n < maxRun && i + n < pos + count && (await chain.at(i + n)) === first + n && !this.cache.has(first + n)) n++;
      const bytes = await this.fetch((first + 1) * this.sectorSize, n * this.sectorSize);
      for (let k = 0; k < n; k++) this.cache.set(first + k, bytes.subarray(k * this.sectorSize, (k + 1) * this.sectorSize));
      if (firstRunOnly) return;
      i += n;
    }
  }

  private async readChain(chain: Chain, offset: number, length: number): Promise<Uint8Array> {
    const out = new Uint8Array(length);
    if (length === 0) return out;
    const firstPos = Math.floor(offset / this.sectorSize);
    const lastPos = Math.floor((offset + length - 1) / this.sectorSize);
    await this.prefetch(chain, firstPos, lastPos - firstPos + 1);
    let written = 0;
    for (let pos = firstPos; pos <= lastPos; pos++) {
      const s = await chain.at(pos);
      if (s === undefined) throw new CfbLimit(`stream chain ends before its size (${written} of ${length} bytes)`);
      const data = await this.sector(s);
      const from = pos === firstPos ? offset % this.sectorSize : 0;
      const piece = data.subarray(from, Math.min(this.sectorSize, from + length - written));
      out.set(piece, written);
      written += piece.length;
    }
    return out;
  }

  /** [MS-CFB] §2.5: entry i of the DIFAT (the location of FAT sector i). */
  private async difat(i: number): Promise<number> {
    if (i < HEADER_DIFAT_ENTRIES) return this.head.u32(H.difat + 4 * i) ?? NOSTREAM;
    const perSector = this.entriesPerSector - 1;
    const k = Math.floor((i - HEADER_DIFAT_ENTRIES) / perSector);
    const declared = this.head.u32(H.numDifatSectors) ?? 0;
    if (k >= Math.min(declared, MAX_DIFAT_SECTORS)) throw new CfbLimit(`FAT sector ${i} is beyond the ${declared} DIFAT sectors`);
    while (this.difatSectors.length <= k) {
      const prev = this.difatSectors[this.difatSectors.length - 1];
      const next = prev === undefined ? (this.head.u32(H.firstDifatSector) ?? NOSTREAM) : (new Bytes(await this.sector(prev)).u32(perSector * 4) ?? NOSTREAM);
      if (next > MAXREGSECT || this.difatSectors.includes(next)) throw new CfbLimit('DIFAT chain ends early or loops');
      this.difatSectors.push(next);
    }
    return new Bytes(await this.sector(this.difatSectors[k]!)).u32(((i - HEADER_DIFAT_ENTRIES) % perSector) * 4) ?? NOSTREAM;
  }

  /** [MS-CFB] §2.3: FAT[s], the sector after s in its chain. */
  private async fatNext(s: number): Promise<number> {
    const index = Math.floor(s / this.entriesPerSector);
    let fat = this.fatCache.get(index);
    if (!fat) {
      if (index >= (this.head.u32(H.numFatSectors) ?? 0)) throw new CfbLimit(`sector ${s} is not covered by the ${this.head.u32(H.numFatSectors)} FAT sectors`);
      const where = await this.difat(index);
      if (where > MAXREGSECT) throw new CfbLimit(`FAT sector ${index} is not allocated`);
      fat = new Bytes(await this.sector(where));
      this.fatCache.set(index, fat);
    }
    return fat.u32((s % this.entriesPerSector) * 4) ?? NOSTREAM;
  }

  /** [MS-CFB] §2.4: mini FAT entry m, the mini sector after m. */
  private async miniFatNext(m: number): Promise<number> {
    const pos = Math.floor((m * 4) / this.sectorSize);
    const s = await this.miniFat.at(pos);
    if (s === undefined) throw new CfbLimit(`mini FAT has no entry for mini sector ${m}`);
    return new Bytes(await this.sector(s)).u32((m * 4) % this.sectorSize) ?? NOSTREAM;
  }

  /** [MS-CFB] §2.7: a short stream's bytes, mini sector by mini sector, from the mini stream (the root entry's chain). */
  private async readMini(start: number, length: number): Promise<Uint8Array> {
    const root = await this.root();
    if (!root) throw new CfbLimit('no root entry, so no mini stream');
    this.ministream ??= new Chain(root.start, (s) => this.fatNext(s));
    const mini = new Chain(start, (m) => this.miniFatNext(m));
    const miniSize = 1 << MINI_SECTOR_SHIFT;
    const out = new Uint8Array(length);
    for (let pos = 0; pos * miniSize < length; pos++) {
      const m = await mini.at(pos);
      if (m === undefined) throw new CfbLimit(`short stream ends after ${pos * miniSize} of ${length} bytes`);
      if ((m + 1) * miniSize > root.size) throw new CfbLimit(`mini sector ${m} lies past the mini stream (${root.size} bytes)`);
      const n = Math.min(miniSize, length - pos * miniSize);
      out.set(await this.readChain(this.ministream, m * miniSize, n), pos * miniSize);
    }
    return out;
  }

  /** Directory entry `id`, read (with its neighbours) from the directory chain; `undefined` for an empty slot. */
  private async entry(id: number): Promise<CfbEntry | undefined> {
    if (this.entries.has(id)) return this.entries.get(id) ?? undefined;
    const per = this.sectorSize / DIR_ENTRY_BYTES;
    const pos = Math.floor(id / per);
    await this.prefetch(this.dir, pos, Math.max(1, Math.floor(RUN_BYTES / this.sectorSize)), true);
    const s = await this.dir.at(pos);
    if (s === undefined) throw new CfbLimit(`directory has no entry ${id}`);
    const b = new Bytes(await this.sector(s));
    const at = (id % per) * DIR_ENTRY_BYTES;
    const type = b.u8(at + E.type) ?? 0;
    if (type !== CFB_STORAGE && type !== CFB_STREAM && type !== CFB_ROOT) {
      this.entries.set(id, null);
      return undefined;
    }
    const nameLength = Math.min(64, b.u16(at + E.nameLength) ?? 0);
    const name = new TextDecoder('utf-16le').decode(b.slice(at + E.name, Math.max(0, nameLength - 2)));
    const low = b.u32(at + E.size) ?? 0;
    const high = this.majorVersion === 4 ? (b.u32(at + E.size + 4) ?? 0) : 0;
    const e: CfbEntry = {
      id,
      name,
      type,
      left: b.u32(at + E.left) ?? NOSTREAM,
      right: b.u32(at + E.right) ?? NOSTREAM,
      child: b.u32(at + E.child) ?? NOSTREAM,
      start: b.u32(at + E.start) ?? NOSTREAM,
      size: high > 0 ? Number.MAX_SAFE_INTEGER : low,
    };
    this.entries.set(id, e);
    return e;
  }
}
