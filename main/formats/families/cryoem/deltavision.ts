import type { Facts } from '../../../../shared/formats/facts';
import { count, within } from '../../kit/numbers';
import { significant } from '../../kit/units';
import { guardDetector } from '../../kit/read';
import { fromHeader } from '../../kit/evidence';
import { Bytes } from '../../kit/bytes';
import { CONFIDENCE, detection, type DetectContext, type Detection, type Detector } from '../../detector';
import { DV_ID, dvOrder, hasMapId, MODE_BYTES, MRC, MRC_HEADER_BYTES } from './mrc-header';

/**
 * DeltaVision header fields beyond the shared MRC words (Bio-Formats DeltavisionReader.java initPixels /
 * initExtraMetadata): pixel sizes as float32 µm at 40/44/48, fileType int16 at 160, number of time points
 * uint16 at 180, number of wavelengths int16 at 196 and the first five emission wavelengths (int16, nm) at 198.
 */
const DV = {
  pixelSize: 40,
  fileType: 160,
  sizeT: 180,
  sizeW: 196,
  waves: 198,
} as const;
/** Old DV headers hold five wavelengths in the main header (Bio-Formats: "only first 5 wavelengths are here"). */
const HEADER_WAVES = 5;
/** DeltaVision allows at most 12 channels (Bio-Formats MAX_CHANNELS). */
const MAX_CHANNELS = 12;
/** nm per µm. */
const NM_PER_UM = 1000;
/** Bytes needed before the words we read: through the wavelength list (198 + 5 × 2). */
const MIN_BYTES = DV.waves + 2 * HEADER_WAVES;

async function read(ctx: DetectContext): Promise<Detection | null> {
  if (ctx.head.length < MIN_BYTES) return null;
  const probe = new Bytes(ctx.head);
  const le = dvOrder(probe);
  // Bio-Formats DeltavisionReader.isThisType: nDVID at 96, and "MAP " at 208 means it is MRC after all.
  if (le === undefined || hasMapId(probe)) return null;
  const b = probe.withEndianness(le);
  const nx = count(b.i32(MRC.nx));
  const ny = count(b.i32(MRC.ny));
  const sections = count(b.i32(MRC.nz));
  const mode = b.i32(MRC.mode) ?? -1;
  const problems: string[] = [];
  // isThisType: x > 0, y > 0, count > 0 and at least one plane plus the header in the file.
  const plausible = nx !== undefined && ny !== undefined && sections !== undefined && MRC_HEADER_BYTES + nx * ny <= ctx.size;
  if (!plausible) {
    if (ctx.ext !== '.dv' && ctx.ext !== '.r3d') return null;
    problems.push('nDVID found, but the image sizes are not plausible for the file length.');
  }
  const facts: Facts = {};
  const nw = within(b.i16(DV.sizeW), 0, MAX_CHANNELS) ?? 0;
  const ntRaw = b.u16(DV.sizeT) ?? 0;
  const nt = ntRaw === 0 || ntRaw === 0xffff ? 1 : ntRaw;
  const channels = Math.max(1, nw);
  if (nx !== undefined && ny !== undefined && sections !== undefined) {
    const nz = Math.max(1, Math.floor(sections / (channels * nt)));
    facts.dimensions = { value: { x: nx, y: ny, ...(nz > 1 ? { z: nz } : {}), ...(channels > 1 ? { c: channels } : {}), ...(nt > 1 ? { t: nt } : {}) }, provenance: 'header' };
  }
  const um = [0, 1, 2].map((i) => within(b.f32(DV.pixelSize + 4 * i), 1e-6, 1e4));
  if (um[0] !== undefined) {
    facts.pixelSize = {
      value: {
        x: significant(um[0] * NM_PER_UM),
        ...(um[1] !== undefined ? { y: significant(um[1] * NM_PER_UM) } : {}),
        ...(um[2] !== undefined && (facts.dimensions?.value.z ?? 1) > 1 ? { z: significant(um[2] * NM_PER_UM) } : {}),
      },
      unit: 'nm',
      provenance: 'header',
    };
  }
  const waves: { emissionNm: number }[] = [];
  for (let i = 0; i < Math.min(channels, HEADER_WAVES); i++) {
    const w = within(b.i16(DV.waves + 2 * i), 1, 10_000);
    if (w !== undefined) waves.push({ emissionNm: w });
  }
  if (waves.length > 0) facts.channels = { value: waves, provenance: 'header' };
  facts.header = {
    value: { mode, modeKnown: MODE_BYTES[mode] !== undefined, fileType: b.i16(DV.fileType) ?? null, byteOrder: le ? 'little-endian' : 'big-endian', extendedHeaderBytes: b.i32(MRC.nsymbt) ?? null },
    provenance: 'header',
  };
  return detection('deltavision', plausible ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, {
    facts,
    evidence: [
      fromHeader(`DeltaVision header: nDVID ${DV_ID} at byte 96 (${le ? 'A0 C0, little' : 'C0 A0, big'}-endian) and no "MAP " at 208.`, 1),
      fromHeader('DeltaVision is a light-microscopy format (Applied Precision / GE OMX), an MRC variant — not cryo-EM data.', 0.5),
    ],
    problems,
  });
}

/** DeltaVision .dv/.r3d: the MRC-like header with nDVID −16224 at byte 96 (light microscopy, never MRC). */
export const deltavisionDetector: Detector = guardDetector({
  id: 'deltavision',
  formats: ['deltavision'],
  sniff: (ctx) => ctx.head.length >= MIN_BYTES && dvOrder(new Bytes(ctx.head)) !== undefined,
  detect: read,
});
