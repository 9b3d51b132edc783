import { within } from '../../kit/numbers';
import { safeRead } from '../../kit/read';
import { clean } from '../../kit/strings';
import { Bytes } from '../../kit/bytes';
import type { DetectContext } from '../../detector';
import { MRC_HEADER_BYTES, type MrcHeader } from './mrc-header';

/**
 * FEI1/FEI2 extended header (Thermo EPU / Tomography MRC output): one record per section, offsets from the
 * packed numpy dtypes of ccpem/mrcfile mrcfile/dtypes.py (FEI_EXTENDED_HEADER_DTYPE, FEI_V2_EXTENDED_HEADER_DTYPE;
 * docs/formats.md §2). FEI1 records are 768 bytes, FEI2 888 (both dtypes' itemsize).
 */
const FEI = {
  metadataSize: 0, // int32
  metadataVersion: 4, // int32
  microscopeType: 20, // S16
  application: 52, // S16: "EPU", "Tomography"…
  applicationVersion: 68, // S16
  ht: 84, // float64, volts
  dose: 92, // float64, e/m² (the unit EPU XML uses for Dose, docs/formats.md §7)
  alphaTilt: 100, // float64, degrees
  pixelSizeX: 156, // float64, metres
  pixelSizeY: 164, // float64, metres
  magnification: 289, // float64
  cameraName: 435, // S16
  isDoseFraction: 655, // bool
  detectorCommercialName: 804, // S16, FEI2 only
} as const;
/** Record size of FEI1 (mrcfile FEI_EXTENDED_HEADER_DTYPE.itemsize). */
export const FEI1_RECORD_BYTES = 768;
/** Record size of FEI2 (mrcfile FEI_V2_EXTENDED_HEADER_DTYPE.itemsize). */
export const FEI2_RECORD_BYTES = 888;
/** Largest record we accept: later metadata versions append fields, a few kB is already generous. */
const MAX_FEI_RECORD_BYTES = 16 * 1024;
/** Most FEI records read: a tilt series has ≤ ~200 sections; 1024 × 888 B ≈ 0.9 MB stays in one read. */
export const MAX_FEI_SECTIONS = 1024;
/** m² per Å² (1 Å = 1e-10 m), to turn e/m² into e/Å². */
const M2_PER_A2 = 1e-20;
/** Largest plausible dose on one image or stack, e/Å² (cryo-ET totals are ~100–200). */
const MAX_DOSE_E_PER_A2 = 10_000;

/** What the FEI extended header says. */
export interface FeiSummary {
  readonly type: string;
  readonly recordBytes: number;
  readonly recordsRead: number;
  readonly application?: string;
  readonly applicationVersion?: string;
  readonly microscope?: string;
  readonly htVolts?: number;
  readonly pixelSizeM?: number;
  readonly magnification?: number;
  readonly camera?: string;
  /** Per-section alpha tilt (degrees), plausible values only. */
  readonly tilts: readonly number[];
  /** Sum of per-section doses in e/Å² (plausible values only), and how many sections had one. */
  readonly doseSum?: number;
  readonly doseSections: number;
  readonly doseFraction: boolean;
  readonly problems: readonly string[];
}

function s16(b: Bytes, o: number): string | undefined {
  const s = b.ascii(o, 16);
  return /^[\x20-\x7e]*$/.test(s) ? clean(s) : undefined;
}

function recordSize(b: Bytes, h: MrcHeader): { size: number; le: boolean } | undefined {
  for (const le of [h.le, !h.le]) {
    const size = b.i32(FEI.metadataSize, le);
    if (size !== undefined && size >= FEI1_RECORD_BYTES && size <= MAX_FEI_RECORD_BYTES) return { size, le };
  }
  const perSection = h.nz > 0 ? Math.floor(h.nsymbt / h.nz) : 0;
  if (perSection >= FEI1_RECORD_BYTES && perSection <= MAX_FEI_RECORD_BYTES) return { size: perSection, le: h.le };
  return undefined;
}

/** Reads the FEI1/FEI2 extended header of up to MAX_FEI_SECTIONS sections; `undefined` when it cannot be read. */
export async function readFeiExtHeader(ctx: DetectContext, h: MrcHeader): Promise<FeiSummary | undefined> {
  const problems: string[] = [];
  const first = await safeRead(ctx, MRC_HEADER_BYTES, Math.min(h.nsymbt, FEI2_RECORD_BYTES));
  if (!first || first.length < FEI1_RECORD_BYTES) return undefined;
  const rs = recordSize(new Bytes(first, h.le), h);
  if (!rs) return undefined;
  const sections = Math.min(h.nz, Math.floor(h.nsymbt / rs.size), MAX_FEI_SECTIONS);
  if (h.nz > MAX_FEI_SECTIONS) problems.push(`FEI extended header: read the first ${MAX_FEI_SECTIONS} of ${h.nz} section records.`);
  const all = sections > 1 ? await safeRead(ctx, MRC_HEADER_BYTES, sections * rs.size) : first;
  const bytes = all ?? first;
  const b = new Bytes(bytes, rs.le);
  const n = Math.min(sections, Math.floor(bytes.length / rs.size));
  const tilts: number[] = [];
  let doseSum = 0;
  let doseSections = 0;
  let doseFraction = false;
  let ignoredDose = false;
  for (let i = 0; i < n; i++) {
    const base = i * rs.size;
    const tilt = within(b.f64(base + FEI.alphaTilt), -90, 90);
    if (tilt !== undefined) tilts.push(tilt);
    const doseM2 = b.f64(base + FEI.dose);
    if (doseM2 !== undefined && Number.isFinite(doseM2) && doseM2 > 0) {
      const perA2 = doseM2 * M2_PER_A2;
      if (perA2 <= MAX_DOSE_E_PER_A2) {
        doseSum += perA2;
        doseSections++;
      } else ignoredDose = true;
    }
    if (b.u8(base + FEI.isDoseFraction) === 1) doseFraction = true;
  }
  if (ignoredDose) problems.push('FEI extended header: a dose value is not plausible in e/m² — ignored.');
  const ht = within(b.f64(FEI.ht), 1e3, 1e7);
  if (b.f64(FEI.ht) !== undefined && b.f64(FEI.ht) !== 0 && ht === undefined) problems.push('FEI extended header: HT is not a plausible voltage — ignored.');
  const px = within(b.f64(FEI.pixelSizeX), 1e-14, 1e-3);
  const version = b.i32(FEI.metadataVersion) ?? 0;
  const commercial = rs.size >= FEI2_RECORD_BYTES ? s16(b, FEI.detectorCommercialName) : undefined;
  return {
    type: h.exttyp,
    recordBytes: rs.size,
    recordsRead: n,
    application: s16(b, FEI.application),
    applicationVersion: s16(b, FEI.applicationVersion),
    microscope: s16(b, FEI.microscopeType),
    htVolts: ht,
    pixelSizeM: px,
    magnification: within(b.f64(FEI.magnification), 1, 1e8),
    camera: commercial ?? s16(b, FEI.cameraName),
    tilts,
    doseSum: doseSections > 0 ? doseSum : undefined,
    doseSections,
    doseFraction,
    problems: version < 0 ? [...problems, 'FEI extended header: negative metadata version.'] : problems,
  };
}

/**
 * SerialEM-format extended header (IMOD mrc_format.txt, nint/nreal): nint bytes per section, nreal bit flags
 * saying which short items each section holds, in bit order: 1 tilt angle × 100 (2 bytes), 2 piece coordinates
 * (6), 4 stage position × 25 (4), 8 magnification / 100 (2), 16 intensity × 25000 (2), 32 exposure dose float
 * (4), 128/512 reserved 4-byte items, 64/256/1024 reserved 2-byte items. If the sizes do not add up to nint the
 * header is in the Agard format instead.
 */
const SERI_ITEM_BYTES: readonly (readonly [flag: number, bytes: number])[] = [
  [1, 2],
  [2, 6],
  [4, 4],
  [8, 2],
  [16, 2],
  [32, 4],
  [64, 2],
  [128, 4],
  [256, 2],
  [512, 4],
  [1024, 2],
];
/** Every flag bit the IMOD documentation defines. */
const SERI_KNOWN_FLAGS = SERI_ITEM_BYTES.reduce((m, [f]) => m | f, 0);
/** Most SerialEM section records read (tilt series and montages have at most a few thousand). */
export const MAX_SERI_SECTIONS = 4096;

/** What a SerialEM extended header says. */
export interface SeriSummary {
  readonly bytesPerSection: number;
  readonly flags: number;
  readonly tilts: readonly number[];
  readonly pieceCoordinates: boolean;
  readonly doseSum?: number;
  readonly problems: readonly string[];
}

/** Bytes per section the nreal flags imply, or `undefined` for unknown flags. */
export function seriBytes(flags: number): number | undefined {
  if (flags <= 0 || (flags & ~SERI_KNOWN_FLAGS) !== 0) return undefined;
  return SERI_ITEM_BYTES.reduce((sum, [f, n]) => ((flags & f) !== 0 ? sum + n : sum), 0);
}

/** Offset of a flag's item inside one section record. */
function itemOffset(flags: number, flag: number): number {
  let o = 0;
  for (const [f, n] of SERI_ITEM_BYTES) {
    if (f === flag) return o;
    if ((flags & f) !== 0) o += n;
  }
  return o;
}

/** Reads a SerialEM-format extended header when nint/nreal describe one; `undefined` otherwise. */
export async function readSeriExtHeader(ctx: DetectContext, h: MrcHeader): Promise<SeriSummary | undefined> {
  const per = seriBytes(h.nreal);
  if (per === undefined || per !== h.nint || per <= 0) return undefined;
  const problems: string[] = [];
  const sections = Math.min(h.nz, Math.floor(h.nsymbt / per), MAX_SERI_SECTIONS);
  if (h.nz > MAX_SERI_SECTIONS) problems.push(`SerialEM extended header: read the first ${MAX_SERI_SECTIONS} of ${h.nz} section records.`);
  if (sections <= 0) return undefined;
  const bytes = await safeRead(ctx, MRC_HEADER_BYTES, sections * per);
  if (!bytes) return undefined;
  const b = new Bytes(bytes, h.le);
  const n = Math.min(sections, Math.floor(bytes.length / per));
  const tilts: number[] = [];
  let dose = 0;
  let doses = 0;
  const doseAt = itemOffset(h.nreal, 32);
  for (let i = 0; i < n; i++) {
    const base = i * per;
    if ((h.nreal & 1) !== 0) {
      const raw = b.i16(base);
      if (raw !== undefined) tilts.push(raw / 100);
    }
    if ((h.nreal & 32) !== 0) {
      const d = within(serialEmFloat(b, base + doseAt), 0, 1e4);
      if (d !== undefined && d > 0) {
        dose += d;
        doses++;
      }
    }
  }
  return { bytesPerSection: per, flags: h.nreal, tilts, pieceCoordinates: (h.nreal & 2) !== 0, doseSum: doses > 0 ? dose : undefined, problems };
}

/**
 * A float SerialEM stores as two shorts s1, s2 (IMOD mrc_format.txt):
 * value = sign(s1) · (|s1|·256 + (|s2| mod 256)) · 2^(sign(s2) · (|s2| / 256)).
 */
export function serialEmFloat(b: Bytes, o: number): number | undefined {
  const s1 = b.i16(o);
  const s2 = b.i16(o + 2);
  if (s1 === undefined || s2 === undefined) return undefined;
  const mantissa = Math.sign(s1) * (Math.abs(s1) * 256 + (Math.abs(s2) % 256));
  const exponent = Math.sign(s2) * Math.trunc(Math.abs(s2) / 256);
  return mantissa * 2 ** exponent;
}
