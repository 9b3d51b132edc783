import { Bytes } from '../../kit/bytes';

// Decoding of TIFF tag values (TIFF 6.0 Section 2 "Types"; BigTIFF adds LONG8 16, SLONG8 17, IFD8 18).

/** Most numbers decoded from one tag (strip offsets of huge images are not needed). */
export const MAX_NUMBERS = 4096;

/** TIFF field types and their byte sizes (TIFF 6.0 Section 2 "Types"; BigTIFF adds LONG8 16, SLONG8 17, IFD8 18). */
export const TYPE_SIZE: Readonly<Record<number, number>> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4, 16: 8, 17: 8, 18: 8 };
/** Field type numbers used by the detectors. */
export const T = { BYTE: 1, ASCII: 2, SHORT: 3, LONG: 4, RATIONAL: 5, UNDEFINED: 7, DOUBLE: 12, IFD: 13 } as const;

/** Decodes numbers of a numeric type from value bytes (rationals as num/den; undefined for a zero denominator). */
export function decodeNumbers(type: number, data: Uint8Array, le: boolean, max = MAX_NUMBERS): (number | undefined)[] {
  const b = new Bytes(data, le);
  const size = TYPE_SIZE[type];
  if (size === undefined) return [];
  const n = Math.min(max, Math.floor(data.length / size));
  const out: (number | undefined)[] = [];
  for (let i = 0; i < n; i++) {
    const at = i * size;
    switch (type) {
      case 1: // BYTE
      case 7: // UNDEFINED
      case 2: // ASCII
        out.push(b.u8(at));
        break;
      case 6: // SBYTE
        out.push(((b.u8(at) ?? 0) << 24) >> 24);
        break;
      case 3: // SHORT
        out.push(b.u16(at));
        break;
      case 8: // SSHORT
        out.push(b.i16(at));
        break;
      case 4: // LONG
      case 13: // IFD
        out.push(b.u32(at));
        break;
      case 9: // SLONG
        out.push(b.i32(at));
        break;
      case 5: // RATIONAL
      case 10: {
        // SRATIONAL
        const num = type === 5 ? b.u32(at) : b.i32(at);
        const den = type === 5 ? b.u32(at + 4) : b.i32(at + 4);
        out.push(num === undefined || den === undefined || den === 0 ? undefined : num / den);
        break;
      }
      case 11: // FLOAT
        out.push(b.f32(at));
        break;
      case 12: // DOUBLE
        out.push(b.f64(at));
        break;
      case 16: // LONG8
      case 18: // IFD8
        out.push(b.u64(at));
        break;
      case 17: {
        // SLONG8
        const v = data.length >= at + 8 ? new DataView(data.buffer, data.byteOffset + at, 8).getBigInt64(0, le) : undefined;
        out.push(v === undefined || v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER) ? undefined : Number(v));
        break;
      }
      default:
        out.push(undefined);
    }
  }
  return out;
}

/** Text of tag bytes: trailing NULs removed, UTF-8 when valid (OME-XML), else Latin-1 (ImageJ, vendor INI). */
export function decodeTagText(data: Uint8Array): string {
  let end = data.length;
  while (end > 0 && data[end - 1] === 0) end--;
  const bytes = data.subarray(0, end);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let out = '';
    for (const c of bytes) out += String.fromCharCode(c);
    return out;
  }
}
