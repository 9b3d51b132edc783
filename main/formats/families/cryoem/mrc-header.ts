import { Bytes } from '../../kit/bytes';

/**
 * The MRC2014 main header (1024 bytes), field offsets from ccpem/mrcfile mrcfile/dtypes.py HEADER_DTYPE and
 * IMOD html/mrc_format.txt (docs/formats.md §2). DeltaVision uses the same first words (Bio-Formats
 * DeltavisionReader.java) and is told apart by nDVID at byte 96.
 */
export const MRC_HEADER_BYTES = 1024;

/** Byte offsets of the header fields we read (mrcfile dtypes.py; IMOD mrc_format.txt for 96–195). */
export const MRC = {
  nx: 0,
  ny: 4,
  nz: 8,
  mode: 12,
  mx: 28,
  my: 32,
  mz: 36,
  cella: 40, // 3 × float32, Å
  ispg: 88,
  nsymbt: 92, // extended-header bytes ("next" in IMOD)
  creatid: 96, // int16; DeltaVision nDVID −16224 here
  exttyp: 104, // char[4]
  nversion: 108, // 20140 / 20141 = MRC2014
  nint: 128, // int16, SerialEM: bytes per section
  nreal: 130, // int16, SerialEM: bit flags
  imodStamp: 152,
  imodFlags: 156,
  idtype: 160, // int16: 0 mono, 1 tilt, 2 tilts, 3 lina, 4 lins
  vd1: 168, // int16: 100 × tilt increment (idtype 1)
  vd2: 170, // int16: 100 × starting angle (idtype 1)
  map: 208, // "MAP "
  machst: 212,
  nlabl: 220,
  labels: 224, // 10 × 80 characters
} as const;

/** Number of 80-character labels (mrcfile dtypes.py: ('label', 'S80', 10)). */
export const MRC_LABELS = 10;
/** Length of one label. */
export const MRC_LABEL_BYTES = 80;

/** "IMOD" read as a little-endian int32 (IMOD mrc_format.txt: imodStamp 1146047817). */
export const IMOD_STAMP = 1146047817;

/** DeltaVision nDVID at byte 96: −16224 = A0 C0 little-endian / C0 A0 big-endian (Bio-Formats DeltavisionReader LITTLE_ENDIAN). */
export const DV_ID = -16224;

/**
 * Bytes per pixel of each MRC mode (mrcfile utils.py dtype_from_mode; IMOD mrc_format.txt): 0 int8,
 * 1 int16, 2 float32, 3 complex int16, 4 complex float32, 6 uint16, 12 float16, 16 RGB (IMOD), 101 4-bit.
 */
export const MODE_BYTES: Readonly<Record<number, number>> = { 0: 1, 1: 2, 2: 4, 3: 4, 4: 8, 6: 2, 12: 2, 16: 3, 101: 0.5 };

/** Human names of the modes, for the header fact. */
export const MODE_NAMES: Readonly<Record<number, string>> = {
  0: 'int8',
  1: 'int16',
  2: 'float32',
  3: 'complex int16',
  4: 'complex float32',
  6: 'uint16',
  12: 'float16',
  16: 'RGB uint8×3',
  101: '4-bit packed',
};

/** Most sections/columns/rows we believe one header can declare (2^31 − 1 is the int32 limit). */
const MAX_AXIS = 2 ** 31 - 1;

/** The fields of an MRC (or DeltaVision) header we use. */
export interface MrcHeader {
  readonly le: boolean;
  readonly nx: number;
  readonly ny: number;
  readonly nz: number;
  readonly mode: number;
  readonly mx: number;
  readonly my: number;
  readonly mz: number;
  readonly cella: readonly [number, number, number];
  readonly ispg: number;
  readonly nsymbt: number;
  readonly creatid: number;
  /** exttyp as printable ASCII ("" when it is not). */
  readonly exttyp: string;
  readonly nversion: number;
  readonly nint: number;
  readonly nreal: number;
  readonly imodStamp: boolean;
  readonly imodFlags: number;
  readonly idtype: number;
  readonly vd1: number;
  readonly vd2: number;
  /** "MAP " at 208. */
  readonly hasMap: boolean;
  readonly machst: readonly number[];
  readonly labels: readonly string[];
}

/** True when bytes 208–211 are "MAP " (mrcfile constants MAP_ID, MAP_ID_OFFSET_BYTES = 208). */
export function hasMapId(b: Bytes): boolean {
  return b.startsWith('MAP ', MRC.map);
}

/**
 * Byte order from the machine stamp at 212 (mrcfile utils byte_order_from_machine_stamp: 0x44 ⇒ little-endian,
 * 0x11 ⇒ big-endian; IMOD files with "44 00 00 00" exist, docs/formats.md §0.6), or `undefined`.
 */
export function orderFromStamp(b: Bytes): boolean | undefined {
  const first = b.u8(MRC.machst);
  if (first === 0x44) return true;
  if (first === 0x11) return false;
  return undefined;
}

/** True when the first words are plausible in this byte order: nx, ny, nz > 0, a known mode, nsymbt ≥ 0. */
export function plausibleWords(b: Bytes, le: boolean): boolean {
  const nx = b.i32(MRC.nx, le);
  const ny = b.i32(MRC.ny, le);
  const nz = b.i32(MRC.nz, le);
  const mode = b.i32(MRC.mode, le);
  const next = b.i32(MRC.nsymbt, le);
  return (
    nx !== undefined && ny !== undefined && nz !== undefined && mode !== undefined && next !== undefined &&
    nx > 0 && ny > 0 && nz > 0 && nx <= MAX_AXIS && ny <= MAX_AXIS && nz <= MAX_AXIS && MODE_BYTES[mode] !== undefined && next >= 0
  );
}

/** The byte order: the machine stamp's when "MAP " is present, else whichever order gives plausible words (little first). */
export function byteOrder(b: Bytes): { le: boolean; fromStamp: boolean } | undefined {
  if (hasMapId(b)) {
    const stamp = orderFromStamp(b);
    if (stamp !== undefined && plausibleWords(b, stamp)) return { le: stamp, fromStamp: true };
  }
  if (plausibleWords(b, true)) return { le: true, fromStamp: false };
  if (plausibleWords(b, false)) return { le: false, fromStamp: false };
  return undefined;
}

function printable(s: string): string {
  return /^[\x20-\x7e]*$/.test(s) ? s.trim() : '';
}

/** Reads the header fields in the given byte order (values out of range become 0). */
export function parseMrcHeader(bytes: Uint8Array, le: boolean): MrcHeader {
  const b = new Bytes(bytes, le);
  const labels: string[] = [];
  for (let i = 0; i < MRC_LABELS; i++) {
    const raw = b.ascii(MRC.labels + i * MRC_LABEL_BYTES, MRC_LABEL_BYTES);
    const text = raw.replace(/[^\x20-\x7e]/g, ' ').trim();
    if (text) labels.push(text);
  }
  return {
    le,
    nx: b.i32(MRC.nx) ?? 0,
    ny: b.i32(MRC.ny) ?? 0,
    nz: b.i32(MRC.nz) ?? 0,
    mode: b.i32(MRC.mode) ?? -1,
    mx: b.i32(MRC.mx) ?? 0,
    my: b.i32(MRC.my) ?? 0,
    mz: b.i32(MRC.mz) ?? 0,
    cella: [b.f32(MRC.cella) ?? 0, b.f32(MRC.cella + 4) ?? 0, b.f32(MRC.cella + 8) ?? 0],
    ispg: b.i32(MRC.ispg) ?? 0,
    nsymbt: b.i32(MRC.nsymbt) ?? 0,
    creatid: b.i16(MRC.creatid) ?? 0,
    exttyp: printable(b.ascii(MRC.exttyp, 4)),
    nversion: b.i32(MRC.nversion) ?? 0,
    nint: b.i16(MRC.nint) ?? 0,
    nreal: b.i16(MRC.nreal) ?? 0,
    imodStamp: b.i32(MRC.imodStamp) === IMOD_STAMP,
    imodFlags: b.i32(MRC.imodFlags) ?? 0,
    idtype: b.i16(MRC.idtype) ?? 0,
    vd1: b.i16(MRC.vd1) ?? 0,
    vd2: b.i16(MRC.vd2) ?? 0,
    hasMap: hasMapId(b),
    machst: Array.from(b.slice(MRC.machst, 4)),
    labels,
  };
}

/** Bytes the image data should take (an approximation above 2^53, which only matters for "too big"). */
export function dataBytes(h: Pick<MrcHeader, 'nx' | 'ny' | 'nz' | 'mode'>): number {
  const bpp = MODE_BYTES[h.mode] ?? 0;
  if (h.mode === 101) return Math.ceil(h.nx / 2) * h.ny * h.nz;
  return h.nx * h.ny * h.nz * bpp;
}

/** True when the nDVID word at 96 says DeltaVision, in either byte order (Bio-Formats DV_MAGIC_BYTES_1/2). */
export function dvOrder(b: Bytes): boolean | undefined {
  if (b.i16(MRC.creatid, true) === DV_ID) return true;
  if (b.i16(MRC.creatid, false) === DV_ID) return false;
  return undefined;
}
