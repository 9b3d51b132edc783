import type { Facts } from '../../../../shared/formats/facts';
import type { Evidence } from '../../../../shared/model/evidence';
import { Bytes } from '../../kit/bytes';
import { within } from '../../kit/numbers';
import { neverThrow } from '../../kit/read';
import { printable } from '../../kit/strings';
import { CONFIDENCE, detection, type DetectContext, type Detection, type Detector } from '../../detector';

/**
 * Janelia enhanced FIB-SEM `.dat` (Shan Xu / Harald Hess acquisition software): a 1024-byte big-endian header,
 * then the image as (YResolution, XResolution, ChanNum) int16 (uint8 when EightBit = 1). Field offsets from
 * janelia-cosem/fibsem-tools `fibsem_tools/io/dat.py` `parse_header` (adapted from FIB-SEM-Aligner fibsem.py;
 * the same offsets in clbarnes/jeiss-specs and Fiji's FIBSEM_Reader); docs/formats.md §21.
 */
/** `FileMagicNum` >u4 @0 (fibsem-tools MAGIC_NUMBER = 3_555_587_570). */
const MAGIC = 3555587570;
/** The header size: image data begin at byte 1024 (fibsem-tools OFFSET). */
const HEADER_BYTES = 1024;
/** Offsets valid for every FileVersion (fibsem-tools parse_header, first block and the common fields). */
const AT = { version: 4, fileType: 6, swDate: 8, chanNum: 32, eightBit: 33, xRes: 100, yRes: 104, notes: 180, detA: 380, detB: 390, mode: 600, machineId: 800, sliceNum: 878, fileLength: 1000 } as const;
/** FileVersion 1–2: Mag, PixelSize, WD, EHT are >f8 at 408/416/424/432; FileVersion ≥ 3: >f4 at 460/464/468/472. */
const OPTICS_V12 = { mag: 408, pixelSize: 416, eht: 432 } as const;
const OPTICS_V3 = { mag: 460, pixelSize: 464, eht: 472 } as const;
/** MachineID (>S30 @800) exists from FileVersion 5, FIBSliceNum (>u4 @878) from FileVersion 6 (fibsem-tools). */
const MACHINE_ID_FROM = 5;
const SLICE_NUM_FROM = 6;
/** FileVersions fibsem-tools knows (1–9); a larger number is not a header we can trust. */
const MAX_FILE_VERSION = 9;
/** Mode codes (fibsem-tools comment): 0 SEM, 1 FIB, 2 Milling, 3 SEM+FIB, 4 Mill+SEM, 5 SEM Drift Correction, 6 FIB Drift Correction, 7 No Beam, 8 External, 9 External+SEM. */
const MODES = ['SEM', 'FIB', 'Milling', 'SEM+FIB', 'Mill+SEM', 'SEM Drift Correction', 'FIB Drift Correction', 'No Beam', 'External', 'External+SEM'] as const;
/** Modes in which the ion beam mills between SEM images: a FIB-SEM volume (2 Milling, 3 SEM+FIB, 4 Mill+SEM). */
const MILLING_MODES: ReadonlySet<number> = new Set([2, 3, 4]);
/** SEM column energies (EHT) are ≤ 30 kV; outside (0, 30] the value is not trusted. */
const MAX_EHT_KV = 30;
/** Pixel sizes in nm accepted (a FIB-SEM images at 2–50 nm; 0.1 nm – 1 mm covers any SEM field). */
const PIXEL_NM = { min: 0.1, max: 1e6 } as const;
/** Image sides accepted (the Janelia scans are up to ~25 000 px wide). */
const MAX_SIDE = 1_000_000;

function ascii(b: Bytes, offset: number, length: number): string | undefined {
  const raw = b.slice(offset, length);
  let s = '';
  for (const c of raw) {
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return printable(s);
}

async function detectDat(ctx: DetectContext): Promise<Detection | null> {
  const b = new Bytes(ctx.head, false);
  if (b.u32(0) !== MAGIC) return null;
  const version = b.u16(AT.version);
  const problems: string[] = [];
  const evidence: Evidence[] = [{ source: 'header', detail: `Janelia FIB-SEM .dat: magic number 3555587570 (big-endian) at byte 0, FileVersion ${version ?? '?'}.`, weight: 1 }];
  if (version === undefined || version < 1 || version > MAX_FILE_VERSION || ctx.head.length < HEADER_BYTES) {
    if (ctx.head.length < HEADER_BYTES) problems.push(`truncated: ${ctx.head.length} of the ${HEADER_BYTES} header bytes.`);
    else problems.push(`FileVersion ${version ?? '?'} is outside 1–${MAX_FILE_VERSION}: header fields not read.`);
    return detection('janelia-dat', CONFIDENCE.MAGIC, { evidence, problems });
  }
  const optics = version <= 2 ? OPTICS_V12 : OPTICS_V3;
  const float = (o: number): number | undefined => (version <= 2 ? b.f64(o) : b.f32(o));
  const facts: Facts = { creator: { value: 'Janelia FIB-SEM', provenance: 'header' } };
  const x = within(b.u32(AT.xRes), 1, MAX_SIDE);
  const y = within(b.u32(AT.yRes), 1, MAX_SIDE);
  const channels = within(b.u8(AT.chanNum), 1, 8);
  if (x && y) facts.dimensions = { value: { x, y, ...(channels ? { c: channels } : {}) }, provenance: 'header' };
  else problems.push(`XResolution/YResolution ${b.u32(AT.xRes) ?? '?'} × ${b.u32(AT.yRes) ?? '?'} are not image sides: dimensions not read.`);
  // PixelSize is in nm, EHT in kV (fibsem-tools comments "Pixel size in nm", "EHT in kV").
  const px = within(float(optics.pixelSize), PIXEL_NM.min, PIXEL_NM.max);
  if (px !== undefined) facts.pixelSize = { value: { x: Number(px.toPrecision(7)), y: Number(px.toPrecision(7)) }, unit: 'nm', provenance: 'header' };
  else problems.push(`PixelSize ${float(optics.pixelSize) ?? '?'} nm is implausible: ignored.`);
  const eht = float(optics.eht);
  if (eht !== undefined && eht > 0 && eht <= MAX_EHT_KV) facts.voltageKV = { value: Number(eht.toPrecision(6)), unit: 'kV', provenance: 'header' };
  else problems.push(`EHT ${eht ?? '?'} kV is not an SEM beam energy: ignored.`);
  const mode = b.u8(AT.mode);
  const modeName = mode !== undefined ? MODES[mode] : undefined;
  // The .dat format is written only by the Janelia enhanced FIB-SEM systems, so even a frame taken in an SEM-only
  // mode is one image of a FIB-SEM run; the milling modes say so outright.
  facts.imagingMode = { value: 'FIB-SEM', provenance: 'header' };
  const milling = mode !== undefined && MILLING_MODES.has(mode);
  evidence.push({ source: 'header', detail: milling ? `Mode ${mode} = ${modeName}: the ion beam mills between SEM images (FIB-SEM volume).` : `Mode ${mode ?? '?'}${modeName ? ` = ${modeName}` : ''}; the .dat format is written only by the Janelia enhanced FIB-SEM systems.`, weight: milling ? 0.9 : 0.6 });
  const machine = version >= MACHINE_ID_FROM ? ascii(b, AT.machineId, 30) : undefined;
  if (machine) facts.instrument = { value: { model: machine }, provenance: 'header' };
  const slice = version >= SLICE_NUM_FROM ? b.u32(AT.sliceNum) : undefined;
  const detectors = [ascii(b, AT.detA, 10), ascii(b, AT.detB, 18)].filter((d): d is string => d !== undefined);
  if (detectors.length > 0) facts.detector = { value: detectors.join(' + '), provenance: 'header' };
  const header: Record<string, string | number | boolean | null> = { fileVersion: version };
  if (modeName) header['mode'] = `${mode} (${modeName})`;
  if (slice !== undefined) header['fibSliceNum'] = slice;
  const mag = float(optics.mag);
  if (mag !== undefined && Number.isFinite(mag) && mag > 0) header['magnification'] = Number(mag.toPrecision(6));
  const eightBit = b.u8(AT.eightBit);
  if (eightBit !== undefined) header['sampleType'] = eightBit === 1 ? 'uint8' : 'int16';
  const sw = ascii(b, AT.swDate, 10);
  if (sw) header['swDate'] = sw;
  const notes = ascii(b, AT.notes, 200);
  if (notes) header['notes'] = notes;
  facts.header = { value: header, provenance: 'header' };
  const length = b.u64(AT.fileLength);
  if (length !== undefined && length > 0 && length !== ctx.size) problems.push(`FileLength says ${length} bytes, the file has ${ctx.size}: truncated or still being written.`);
  return detection('janelia-dat', CONFIDENCE.STRUCTURE, { facts, evidence, problems });
}

/** Janelia enhanced FIB-SEM raw `.dat` (magic 3555587570): pixel size, EHT, mode, machine, slice number. */
export const janeliaDatDetector: Detector = {
  id: 'janelia-dat',
  formats: ['janelia-dat'],
  sniff: (ctx) => new Bytes(ctx.head, false).u32(0) === MAGIC,
  detect: (ctx) => neverThrow(() => detectDat(ctx), () => null),
};
