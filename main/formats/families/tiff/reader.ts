import { Bytes } from '../../kit/bytes';
import { type DetectContext } from '../../detector';
import { MAX_NUMBERS, T, TYPE_SIZE, decodeNumbers, decodeTagText } from './values';

// A bounded TIFF / BigTIFF reader: header, IFD0, tag values on demand, and a capped, cycle-checked walk of the
// IFD chain to count pages. Never reads pixel data. Layouts: TIFF 6.0 Section 2 (header "II"/"MM" + 42 +
// u32 IFD0 offset; u16 entry count, 12-byte entries, u32 next offset) and BigTIFF
// (https://www.awaresystems.be/imaging/tiff/bigtiff.html: version 43, u16 8, u16 0, u64 IFD0 offset; u64
// count, 20-byte entries, u64 next offset). docs/formats.md §3.

/** Most bytes read for one tag value: OME-XML and vendor XML fit well inside; larger values are cut and reported. */
export const MAX_VALUE_BYTES = 4 * 1024 * 1024;
/** Most entries read from one IFD; real IFDs have tens, classic TIFF allows 65535. */
export const MAX_IFD_ENTRIES = 4096;
/** Bytes read at once at an IFD that lies outside the head: count, entries and next offset of typical IFDs. */
const IFD_PROBE_BYTES = 4096;
/** Most IFDs followed when counting pages: ≤ 64 reads of 4 KiB, far inside the 512-read / 16 MiB budget. */
export const MAX_PAGES_COUNTED = 64;
/** Most bytes this family reads beyond the head of one file: three full-size values, leaving budget to other readers. */
export const MAX_FAMILY_BYTES = 12 * 1024 * 1024;
/** Most reads this family makes for one file: the page walk plus a few dozen values, well under MAX_READS (512). */
export const MAX_FAMILY_READS = 256;

/** The file header. */
export interface TiffHeader {
  readonly littleEndian: boolean;
  readonly bigTiff: boolean;
  /** Offset of IFD0 (undefined when the BigTIFF offset is above 2^53). */
  readonly ifd0: number | undefined;
}

/** One IFD entry. */
export interface IfdEntry {
  readonly tag: number;
  readonly type: number;
  readonly count: number;
  /** count × type size, or undefined for a type this reader does not know. */
  readonly byteSize: number | undefined;
  /** Absolute offset of the value when stored out of line. */
  readonly offset: number | undefined;
  /** The value bytes when they fit in the entry. */
  readonly inline: Uint8Array | undefined;
}

/** One IFD: its entries by tag and the offset of the next IFD (0 = last). */
export interface Ifd {
  readonly offset: number;
  readonly entries: ReadonlyMap<number, IfdEntry>;
  readonly declared: number;
  readonly next: number | undefined;
}

/** Reads the 8- or 16-byte header; null when the bytes do not start like a TIFF or BigTIFF. */
export function parseHeader(head: Uint8Array): TiffHeader | null {
  const b = new Bytes(head);
  const le = b.startsWith('II') ? true : b.startsWith('MM') ? false : undefined;
  if (le === undefined) return null;
  const version = b.u16(2, le);
  if (version === 42) {
    const ifd0 = b.u32(4, le);
    return ifd0 === undefined ? null : { littleEndian: le, bigTiff: false, ifd0 };
  }
  // BigTIFF: version 43, bytesize of offsets 8, then 0 (BigTIFF spec "Header").
  if (version === 43 && b.u16(4, le) === 8 && b.u16(6, le) === 0 && b.length >= 16) {
    return { littleEndian: le, bigTiff: true, ifd0: b.u64(8, le) };
  }
  return null;
}

/** True when the first bytes are a TIFF or BigTIFF signature (cheap check for sniff). */
export function looksLikeTiff(head: Uint8Array): boolean {
  return parseHeader(head) !== null;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Bounded random access: the head for free, ctx.read beyond it; failures become problems, never exceptions. */
export class Source {
  readonly problems: string[] = [];
  private budgetHit = false;
  private reads = 0;
  private bytes = 0;

  constructor(readonly ctx: DetectContext) {}

  /** Up to `length` bytes at `offset` (fewer at the end of the file, none on a failed read). */
  async read(offset: number, length: number): Promise<Uint8Array> {
    if (!Number.isSafeInteger(offset) || offset < 0 || length <= 0 || offset >= this.ctx.size) return new Uint8Array(0);
    const len = Math.min(length, this.ctx.size - offset);
    if (offset + len <= this.ctx.head.length) return this.ctx.head.subarray(offset, offset + len);
    if (this.budgetHit) return new Uint8Array(0);
    if (this.reads + 1 > MAX_FAMILY_READS) {
      this.budgetHit = true;
      this.problems.push(`Stopped reading at byte ${offset}: the TIFF reader's limit of ${MAX_FAMILY_READS} reads per file is reached.`);
      return new Uint8Array(0);
    }
    if (this.bytes + len > MAX_FAMILY_BYTES) {
      this.problems.push(`Skipped ${len} bytes at ${offset}: the TIFF reader's limit of ${MAX_FAMILY_BYTES} bytes per file would be passed.`);
      return new Uint8Array(0);
    }
    this.reads++;
    this.bytes += len;
    try {
      return await this.ctx.read(offset, len);
    } catch (err) {
      this.budgetHit = true;
      this.problems.push(`Stopped reading at byte ${offset}: ${message(err)}.`);
      return new Uint8Array(0);
    }
  }
}

/** Reads one IFD; undefined (with a problem) when it lies outside the file or is cut. */
export async function readIfd(src: Source, h: TiffHeader, offset: number, label: string): Promise<Ifd | undefined> {
  const size = src.ctx.size;
  const headerSize = h.bigTiff ? 16 : 8;
  if (offset < headerSize) {
    src.problems.push(`${label} offset ${offset} points into the ${headerSize}-byte header: no image directory to read.`);
    return undefined;
  }
  if (offset >= size) {
    src.problems.push(`${label} offset ${offset} is outside the file (${size} bytes): no image directory to read.`);
    return undefined;
  }
  const countSize = h.bigTiff ? 8 : 2;
  const entrySize = h.bigTiff ? 20 : 12;
  const offsetSize = h.bigTiff ? 8 : 4;
  // An IFD inside the head costs no read; elsewhere one probe read covers typical IFDs.
  let buf = offset < src.ctx.head.length ? src.ctx.head.subarray(offset) : await src.read(offset, IFD_PROBE_BYTES);
  let b = new Bytes(buf, h.littleEndian);
  const declared = h.bigTiff ? b.u64(0) : b.u16(0);
  if (declared === undefined) {
    src.problems.push(`${label} at byte ${offset} is cut: the file ends before its entry count.`);
    return undefined;
  }
  let n = declared;
  if (n > MAX_IFD_ENTRIES) {
    src.problems.push(`${label} declares ${declared} entries — more than ${MAX_IFD_ENTRIES}, not a plausible directory; only the first ${MAX_IFD_ENTRIES} are read.`);
    n = MAX_IFD_ENTRIES;
  }
  const need = countSize + n * entrySize + offsetSize;
  if (buf.length < need && offset + buf.length < size) {
    buf = await src.read(offset, need);
    b = new Bytes(buf, h.littleEndian);
  }
  const entries = new Map<number, IfdEntry>();
  const valueField = h.bigTiff ? 12 : 8;
  let cut = false;
  for (let i = 0; i < n; i++) {
    const at = countSize + i * entrySize;
    const tag = b.u16(at);
    const type = b.u16(at + 2);
    const count = h.bigTiff ? b.u64(at + 4) : b.u32(at + 4);
    if (tag === undefined || type === undefined || count === undefined || at + entrySize > buf.length) {
      cut = true;
      break;
    }
    const typeSize = TYPE_SIZE[type];
    const byteSize = typeSize === undefined ? undefined : count * typeSize;
    const inlineFits = byteSize !== undefined && byteSize <= offsetSize;
    const offsetValue = h.bigTiff ? b.u64(at + valueField) : b.u32(at + valueField);
    if (!entries.has(tag)) {
      entries.set(tag, {
        tag,
        type,
        count,
        byteSize,
        offset: inlineFits ? undefined : offsetValue,
        inline: inlineFits ? buf.slice(at + valueField, at + valueField + byteSize) : undefined,
      });
    }
  }
  if (cut) src.problems.push(`${label} at byte ${offset} is cut: the file ends inside its ${declared} entries.`);
  const nextAt = countSize + n * entrySize;
  const next = n === declared ? (h.bigTiff ? b.u64(nextAt) : b.u32(nextAt)) : undefined;
  return { offset, entries, declared, next };
}

/** A TIFF opened for detection: header, IFD0 and bounded access to tag values. */
export class TiffFile {
  private readonly textCache = new Map<string, Promise<string | undefined>>();
  private pagesCache: Promise<{ count: number; complete: boolean }> | undefined;

  constructor(
    readonly src: Source,
    readonly header: TiffHeader,
    readonly ifd0: Ifd | undefined,
  ) {}

  /** Problems met so far (reads are lazy, so this grows as values are read). */
  get problems(): readonly string[] {
    return this.src.problems;
  }

  get ctx(): DetectContext {
    return this.src.ctx;
  }

  /** True when IFD0 has the tag. */
  has(tag: number): boolean {
    return this.ifd0?.entries.has(tag) ?? false;
  }

  /** IFD0's entry for a tag. */
  entry(tag: number): IfdEntry | undefined {
    return this.ifd0?.entries.get(tag);
  }

  /** Tags of IFD0 within [from, to]. */
  tagsBetween(from: number, to: number): number[] {
    return [...(this.ifd0?.entries.keys() ?? [])].filter((t) => t >= from && t <= to);
  }

  /** The value bytes of an entry, at most `max` (a cut is reported). */
  async bytesOf(e: IfdEntry, max = MAX_VALUE_BYTES): Promise<Uint8Array> {
    if (e.inline) return e.inline;
    if (e.byteSize === undefined || e.offset === undefined) return new Uint8Array(0);
    if (e.byteSize > max && max >= MAX_VALUE_BYTES) this.src.problems.push(`Tag ${e.tag} holds ${e.byteSize} bytes; only the first ${max} were read.`);
    if (e.offset >= this.ctx.size) {
      this.src.problems.push(`Tag ${e.tag} points to byte ${e.offset}, outside the file (${this.ctx.size} bytes).`);
      return new Uint8Array(0);
    }
    const data = await this.src.read(e.offset, Math.min(e.byteSize, max));
    if (data.length < Math.min(e.byteSize, max) && e.offset + e.byteSize > this.ctx.size) {
      this.src.problems.push(`Tag ${e.tag} runs past the end of the file (truncated file?).`);
    }
    return data;
  }

  /** The value bytes of a tag of IFD0. */
  async bytes(tag: number, max = MAX_VALUE_BYTES): Promise<Uint8Array | undefined> {
    const e = this.entry(tag);
    return e ? this.bytesOf(e, max) : undefined;
  }

  /** A tag's value as text (cached per tag and cap). */
  text(tag: number, max = MAX_VALUE_BYTES): Promise<string | undefined> {
    const key = `${tag}:${max}`;
    let p = this.textCache.get(key);
    if (!p) {
      p = this.bytes(tag, max).then((d) => (d === undefined ? undefined : decodeTagText(d)));
      this.textCache.set(key, p);
    }
    return p;
  }

  /**
   * Bytes of a structure a tag refers to: a LONG/IFD of count 1 is a pointer (how Bio-Formats reads the SIS
   * and LSM tags), anything else has the structure at its value offset (how tifffile reads them).
   */
  async structure(tag: number, length: number): Promise<Uint8Array | undefined> {
    const e = this.entry(tag);
    if (!e) return undefined;
    const at = (e.type === T.LONG || e.type === T.IFD) && e.count === 1 ? await this.number(tag) : e.offset;
    return at === undefined ? undefined : this.src.read(at, length);
  }

  /** A tag's numbers (at most `max`). */
  async numbers(tag: number, max = MAX_NUMBERS): Promise<(number | undefined)[] | undefined> {
    const e = this.entry(tag);
    if (!e || TYPE_SIZE[e.type] === undefined) return undefined;
    const size = TYPE_SIZE[e.type]!;
    const data = await this.bytesOf(e, Math.min(MAX_VALUE_BYTES, max * size));
    return decodeNumbers(e.type, data, this.header.littleEndian, max);
  }

  /** A tag's first number, when finite. */
  async number(tag: number): Promise<number | undefined> {
    const v = (await this.numbers(tag, 1))?.[0];
    return v !== undefined && Number.isFinite(v) ? v : undefined;
  }

  /** Counts IFDs along the chain (cycle-checked, capped at MAX_PAGES_COUNTED); `complete` false means a lower bound. */
  pages(): Promise<{ count: number; complete: boolean }> {
    this.pagesCache ??= this.walkPages();
    return this.pagesCache;
  }

  private async walkPages(): Promise<{ count: number; complete: boolean }> {
    if (!this.ifd0) return { count: 0, complete: false };
    const seen = new Set<number>([this.ifd0.offset]);
    let count = 1;
    let next = this.ifd0.next;
    while (next !== undefined && next !== 0) {
      if (count >= MAX_PAGES_COUNTED) return { count, complete: false };
      if (seen.has(next)) {
        this.src.problems.push(`The IFD chain loops back to byte ${next}; counting stopped at ${count} pages.`);
        return { count, complete: false };
      }
      seen.add(next);
      const ifd = await readIfd(this.src, this.header, next, `IFD ${count}`);
      if (!ifd) return { count, complete: false };
      count++;
      next = ifd.next;
    }
    return { count, complete: next === 0 };
  }
}

const opened = new WeakMap<DetectContext, Promise<TiffFile | null>>();

async function open(ctx: DetectContext): Promise<TiffFile | null> {
  const header = parseHeader(ctx.head);
  if (!header) return null;
  const src = new Source(ctx);
  let ifd0: Ifd | undefined;
  if (header.ifd0 === undefined) src.problems.push('The BigTIFF IFD0 offset is larger than any file we can read.');
  else ifd0 = await readIfd(src, header, header.ifd0, 'IFD0');
  return new TiffFile(src, header, ifd0);
}

/**
 * Opens the TIFF behind a context once and shares it between the TIFF-family detectors, so IFD0 and big
 * values (OME-XML) are read once per file. Never rejects: null when the bytes are not a TIFF.
 */
export function openTiff(ctx: DetectContext): Promise<TiffFile | null> {
  let p = opened.get(ctx);
  if (!p) {
    p = open(ctx).catch(() => null);
    opened.set(ctx, p);
  }
  return p;
}
