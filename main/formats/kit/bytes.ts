/**
 * A bounds-checked view of bytes: every getter returns `undefined` instead of throwing when the value
 * would lie outside the buffer, so readers of hostile files cannot be tricked into an exception.
 */
export class Bytes {
  private readonly view: DataView;

  /** Wraps bytes; `littleEndian` is the default byte order of the multi-byte getters. */
  constructor(
    readonly data: Uint8Array,
    readonly littleEndian = true,
  ) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  /** Number of bytes. */
  get length(): number {
    return this.data.length;
  }

  /** The same bytes read in the other byte order. */
  withEndianness(littleEndian: boolean): Bytes {
    return littleEndian === this.littleEndian ? this : new Bytes(this.data, littleEndian);
  }

  private fits(offset: number, size: number): boolean {
    return Number.isInteger(offset) && offset >= 0 && offset + size <= this.data.length;
  }

  /** Unsigned 8-bit. */
  u8(o: number): number | undefined {
    return this.fits(o, 1) ? this.view.getUint8(o) : undefined;
  }
  /** Unsigned 16-bit. */
  u16(o: number, le = this.littleEndian): number | undefined {
    return this.fits(o, 2) ? this.view.getUint16(o, le) : undefined;
  }
  /** Signed 16-bit. */
  i16(o: number, le = this.littleEndian): number | undefined {
    return this.fits(o, 2) ? this.view.getInt16(o, le) : undefined;
  }
  /** Unsigned 32-bit. */
  u32(o: number, le = this.littleEndian): number | undefined {
    return this.fits(o, 4) ? this.view.getUint32(o, le) : undefined;
  }
  /** Signed 32-bit. */
  i32(o: number, le = this.littleEndian): number | undefined {
    return this.fits(o, 4) ? this.view.getInt32(o, le) : undefined;
  }
  /** Unsigned 64-bit as a number; `undefined` above 2^53 (no file offset we read is that large). */
  u64(o: number, le = this.littleEndian): number | undefined {
    if (!this.fits(o, 8)) return undefined;
    const v = this.view.getBigUint64(o, le);
    return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : undefined;
  }
  /** 32-bit float. */
  f32(o: number, le = this.littleEndian): number | undefined {
    return this.fits(o, 4) ? this.view.getFloat32(o, le) : undefined;
  }
  /** 64-bit float. */
  f64(o: number, le = this.littleEndian): number | undefined {
    return this.fits(o, 8) ? this.view.getFloat64(o, le) : undefined;
  }

  /** Bytes [offset, offset+length), cut at the end of the buffer. */
  slice(offset: number, length: number): Uint8Array {
    const start = Math.max(0, Math.min(offset, this.data.length));
    return this.data.subarray(start, Math.min(this.data.length, start + Math.max(0, length)));
  }

  /** Latin-1 text of [offset, offset+length), cut at the first NUL. */
  ascii(offset: number, length: number): string {
    let out = '';
    for (const b of this.slice(offset, length)) {
      if (b === 0) break;
      out += String.fromCharCode(b);
    }
    return out;
  }

  /** True when the bytes at `offset` equal `magic` (a string is taken byte for byte). */
  startsWith(magic: string | readonly number[], offset = 0): boolean {
    const bytes = typeof magic === 'string' ? Array.from(magic, (c) => c.charCodeAt(0)) : magic;
    if (!this.fits(offset, bytes.length)) return false;
    for (let i = 0; i < bytes.length; i++) if (this.data[offset + i] !== bytes[i]) return false;
    return true;
  }

  /** Offset of the first occurrence of `needle` at or after `from` and before `limit`, or -1. */
  indexOf(needle: string | readonly number[], from = 0, limit = this.data.length): number {
    const bytes = needleBytes(needle);
    const start = Math.max(0, from);
    const stop = Math.min(limit, this.data.length);
    if (bytes === null || start + bytes.length > stop) return -1;
    if (bytes.length === 0) return start;
    // Node's native search (memmem) over the same memory: a sniff scans 64 KiB heads of every file (issue 11).
    return Buffer.from(this.data.buffer, this.data.byteOffset, stop).indexOf(bytes, start);
  }
}

/** Needles as bytes, converted once each; `null` for a string with a character no byte can equal. */
const needles = new Map<string, Buffer | null>();

function needleBytes(needle: string | readonly number[]): Buffer | null {
  if (typeof needle !== 'string') return needle.every((b) => Number.isInteger(b) && b >= 0 && b <= 0xff) ? Buffer.from(needle) : null;
  let bytes = needles.get(needle);
  if (bytes === undefined) {
    bytes = [...needle].some((c) => c.charCodeAt(0) > 0xff || c.length > 1) ? null : Buffer.from(needle, 'latin1');
    if (needles.size < 4096) needles.set(needle, bytes);
  }
  return bytes;
}
