import { inflateSync } from 'node:zlib';

/**
 * Nikon "CLX Lite" variant decoding, the binary key-value format of ND2 v3 metadata chunks
 * (ImageAttributesLV!, ImageCalibrationLV|0!, ImageTextInfoLV!, ImageMetadataLV!, ImageMetadataSeqLV|0!).
 * Written from tlambert03/nd2 `src/nd2/_parse/_clx_lite.py` (`json_from_clx_lite_variant`,
 * `ELxLiteVariantType`). Each record: u8 type, u8 name length N (UTF-16 units, NUL included), N×2 bytes of
 * UTF-16LE name, then the value. LEVEL (11) holds u32 item count and u64 length (counted from the record's
 * first byte), the child records, then item count × 8 bytes of offsets. COMPRESS (76, 'L') is a
 * zlib stream after 10 more bytes. Everything here is bounded; a cut or lying buffer ends decoding early.
 */
export const CLX = { BOOL: 1, INT32: 2, UINT32: 3, INT64: 4, UINT64: 5, DOUBLE: 6, VOIDPOINTER: 7, STRING: 8, BYTEARRAY: 9, DEPRECATED: 10, LEVEL: 11, COMPRESS: 76 } as const;

/** A decoded value; byte arrays are kept as their length only (nothing we read needs their content). */
export type ClxValue = number | string | boolean | ClxObject | ClxValue[] | { readonly byteArrayLength: number };
/** A decoded LEVEL. Records with an empty name (list items) collect under "". */
export interface ClxObject {
  [key: string]: ClxValue;
}

/** Deepest LEVEL nesting decoded (Nikon metadata nests about ten levels). */
const MAX_DEPTH = 32;
/** Most records decoded from one chunk (a large ImageMetadataLV! has tens of thousands). */
const MAX_RECORDS = 200_000;
/** Longest string value read (UTF-16 units); descriptions are a few kB. */
const MAX_STRING_UNITS = 1 << 20;
/** Most bytes a COMPRESS payload may inflate to. */
export const MAX_CLX_INFLATED_BYTES = 8 * 1024 * 1024;
/** Bytes after the 2-byte record header of a COMPRESS record before the zlib stream (`stream.seek(10, 1)`). */
const COMPRESS_SKIP = 10;

class Reader {
  private readonly view: DataView;
  records = 0;
  constructor(readonly data: Uint8Array) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }
  fits(pos: number, n: number, end: number): boolean {
    return pos >= 0 && pos + n <= end && pos + n <= this.data.length;
  }
  u8(p: number): number {
    return this.view.getUint8(p);
  }
  u32(p: number): number {
    return this.view.getUint32(p, true);
  }
  i32(p: number): number {
    return this.view.getInt32(p, true);
  }
  i64(p: number): number {
    return Number(this.view.getBigInt64(p, true));
  }
  u64(p: number): number {
    return Number(this.view.getBigUint64(p, true));
  }
  f64(p: number): number {
    return this.view.getFloat64(p, true);
  }
  utf16(p: number, bytes: number): string {
    return new TextDecoder('utf-16le').decode(this.data.subarray(p, p + bytes));
  }
}

function assign(obj: ClxObject, name: string, value: ClxValue): void {
  if (name === '') {
    const list = obj[''];
    if (Array.isArray(list)) list.push(value);
    else obj[''] = [value];
  } else if (!(name in obj)) {
    obj[name] = value;
  }
}

/** Decodes up to `count` records in [pos, end); returns the object and where decoding stopped. */
function records(r: Reader, pos: number, end: number, count: number, depth: number): { obj: ClxObject; pos: number } {
  const obj: ClxObject = {};
  for (let i = 0; i < count && r.records < MAX_RECORDS; i++) {
    if (!r.fits(pos, 2, end)) break;
    const start = pos;
    const type = r.u8(pos);
    const nameUnits = r.u8(pos + 1);
    pos += 2;
    if (!r.fits(pos, nameUnits * 2, end)) break;
    const name = r.utf16(pos, nameUnits * 2).replace(/\0$/, '');
    pos += nameUnits * 2;
    r.records++;
    let value: ClxValue;
    switch (type) {
      case CLX.BOOL:
        if (!r.fits(pos, 1, end)) return { obj, pos: end };
        value = r.u8(pos) !== 0;
        pos += 1;
        break;
      case CLX.INT32:
      case CLX.UINT32:
        if (!r.fits(pos, 4, end)) return { obj, pos: end };
        value = type === CLX.INT32 ? r.i32(pos) : r.u32(pos);
        pos += 4;
        break;
      case CLX.INT64:
      case CLX.UINT64:
      case CLX.VOIDPOINTER:
      case CLX.DOUBLE:
        if (!r.fits(pos, 8, end)) return { obj, pos: end };
        value = type === CLX.DOUBLE ? r.f64(pos) : type === CLX.INT64 ? r.i64(pos) : r.u64(pos);
        pos += 8;
        break;
      case CLX.STRING: {
        let units = 0;
        while (r.fits(pos + units * 2, 2, end) && units < MAX_STRING_UNITS && (r.u8(pos + units * 2) !== 0 || r.u8(pos + units * 2 + 1) !== 0)) units++;
        value = r.utf16(pos, units * 2);
        pos += units * 2 + 2;
        break;
      }
      case CLX.BYTEARRAY: {
        if (!r.fits(pos, 8, end)) return { obj, pos: end };
        const size = r.u64(pos);
        value = { byteArrayLength: size };
        pos += 8 + size;
        break;
      }
      case CLX.LEVEL: {
        if (!r.fits(pos, 12, end) || depth >= MAX_DEPTH) return { obj, pos: end };
        const items = r.u32(pos);
        const length = r.u64(pos + 4);
        const childEnd = Math.min(end, start + length);
        value = records(r, pos + 12, childEnd, items, depth + 1).obj;
        const list = value[''];
        if (Object.keys(value).length === 1 && Array.isArray(list)) value = list;
        pos = start + length + items * 8;
        break;
      }
      default:
        // UNKNOWN (0), DEPRECATED (10), COMPRESS below the top level, or garbage: stop here.
        return { obj, pos: end };
    }
    if (pos > end) break;
    assign(obj, name, value);
  }
  return { obj, pos };
}

/** Nested COMPRESS records followed before giving up (real chunks compress once). */
const MAX_INFLATIONS = 2;

/** Decodes one CLX Lite chunk (one top-level record, or a zlib-compressed one); `null` when the bytes are not that. */
export function decodeClxLite(data: Uint8Array, inflations = 0): ClxObject | null {
  if (data.length < 2) return null;
  if (data[0] === CLX.COMPRESS) {
    if (inflations >= MAX_INFLATIONS || data.length <= 2 + COMPRESS_SKIP) return null;
    try {
      const inflated = inflateSync(data.subarray(2 + COMPRESS_SKIP), { maxOutputLength: MAX_CLX_INFLATED_BYTES });
      return decodeClxLite(new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength), inflations + 1);
    } catch {
      return null;
    }
  }
  const type = data[0]!;
  if (type === 0 || type === CLX.DEPRECATED || type > CLX.LEVEL) return null;
  try {
    const { obj } = records(new Reader(data), 0, data.length, 1, 0);
    return Object.keys(obj).length > 0 ? obj : null;
  } catch {
    return null;
  }
}

/** The value at a path of keys, or `undefined`. */
export function clxAt(obj: ClxValue | undefined, ...path: string[]): ClxValue | undefined {
  let cur: ClxValue | undefined = obj;
  for (const key of path) {
    if (cur === undefined || typeof cur !== 'object' || Array.isArray(cur) || 'byteArrayLength' in cur) return undefined;
    cur = (cur as ClxObject)[key];
  }
  return cur;
}

/** A finite number at a path, or `undefined`. */
export function clxNum(obj: ClxValue | undefined, ...path: string[]): number | undefined {
  const v = clxAt(obj, ...path);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A non-empty string at a path, or `undefined`. */
export function clxStr(obj: ClxValue | undefined, ...path: string[]): string | undefined {
  const v = clxAt(obj, ...path);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** The child objects of a LEVEL (its named children that are objects, or its list items). */
export function clxChildren(obj: ClxValue | undefined): ClxObject[] {
  if (obj === undefined || typeof obj !== 'object') return [];
  const values = Array.isArray(obj) ? obj : 'byteArrayLength' in obj ? [] : Object.values(obj);
  return values.filter((v): v is ClxObject => typeof v === 'object' && v !== null && !Array.isArray(v) && !('byteArrayLength' in v));
}
