import type { Evidence } from '../../../../shared/model/evidence';
import type { Facts } from '../../../../shared/formats/facts';
import type { FormatId } from '../../../../shared/formats/format-catalog';
import { nonNegativeInt } from '../../kit/numbers';
import { withoutNul } from '../../kit/strings';
import { significant } from '../../kit/units';
import { CONFIDENCE, detection, type Detection, type Detector } from '../../detector';
import { classify, type Classification } from './classify';
import { looksLikeTiff, openTiff, type TiffFile } from './reader';
import { COMPRESSION_NAMES, TAG } from './tags';

/**
 * Confidences of the TIFF family. Vendor variants whose private structure was checked are STRUCTURE; a vendor
 * tag present but not verified stays above plain TIFF; plain TIFF stays below MAGIC so that a DICOM file whose
 * preamble starts with a TIFF header (medical family, ≥ 0.97; docs/formats.md §0.1) and every specific
 * reader win.
 */
export const CONF = {
  VERIFIED: CONFIDENCE.STRUCTURE,
  TAGGED: 0.9,
  PLAIN: 0.8,
  PLAIN_INCOMPLETE: 0.65,
  NO_IFD: 0.5,
} as const;

/** Raw header fields shown to the user. */
export type HeaderValues = Record<string, string | number | boolean | null>;

/** Collects the facts, evidence and problems of one detection. */
export class Found {
  readonly facts: Facts = {};
  readonly evidence: Evidence[] = [];
  readonly problems: string[] = [];
  readonly header: HeaderValues = {};

  /** Adds a sentence of evidence read from the file. */
  say(detail: string, weight: number): void {
    this.evidence.push({ source: 'header', detail, weight });
  }

  /** Builds the detection; the reader's problems (cut values, failed reads) are appended. */
  finish(t: TiffFile, format: FormatId, confidence: number): Detection {
    if (Object.keys(this.header).length > 0) this.facts.header = { value: { ...this.header }, provenance: 'header' };
    const problems = [...this.problems, ...t.problems.filter((p) => !this.problems.includes(p))];
    return detection(format, confidence, { facts: this.facts, evidence: this.evidence, problems });
  }
}

/** Sets the pixel size when x is a positive finite length in nm. */
export function setPixelSize(f: Found, x: number | undefined, y?: number, z?: number): void {
  if (x === undefined || !(x > 0) || !Number.isFinite(x)) return;
  const value: { x: number; y?: number; z?: number } = { x: significant(x, 12) };
  if (y !== undefined && y > 0 && Number.isFinite(y)) value.y = significant(y, 12);
  if (z !== undefined && z > 0 && Number.isFinite(z)) value.z = significant(z, 12);
  f.facts.pixelSize = { value, unit: 'nm', provenance: 'header' };
}

/** Merges axis sizes into the dimensions fact (invalid values are dropped). */
export function setDimensions(f: Found, dims: { x?: number; y?: number; z?: number; c?: number; t?: number; frames?: number }): void {
  const value: Record<string, number> = { ...(f.facts.dimensions?.value ?? {}) };
  for (const [k, v] of Object.entries(dims)) {
    const n = nonNegativeInt(v);
    if (n !== undefined) value[k] = n;
  }
  if (Object.keys(value).length > 0) f.facts.dimensions = { value, provenance: 'header' };
}

/** Sets the instrument fact from a manufacturer and a model, when either is known. */
export function setInstrument(f: Found, manufacturer: string | undefined, model: string | undefined): void {
  const value: { manufacturer?: string; model?: string } = {};
  const m = withoutNul(manufacturer);
  const mo = withoutNul(model);
  if (m) value.manufacturer = m;
  if (mo) value.model = mo;
  if (m || mo) f.facts.instrument = { value, provenance: 'header' };
}

/** Image size, pixel layout, Make/Model and Software of IFD0, with the header sentence. */
export async function readBase(t: TiffFile, f: Found, opts: { instrument?: boolean } = {}): Promise<{ width?: number; height?: number }> {
  const { littleEndian, bigTiff } = t.header;
  const sig = bigTiff ? (littleEndian ? 'II+\\0' : 'MM\\0+') : littleEndian ? 'II*\\0' : 'MM\\0*';
  const ifd = t.ifd0;
  f.say(
    `${bigTiff ? 'BigTIFF' : 'TIFF'} header "${sig}" (${littleEndian ? 'little' : 'big'}-endian)${ifd ? `, IFD0 at byte ${ifd.offset} with ${ifd.declared} entries` : ''}.`,
    0.6,
  );
  f.header.byteOrder = littleEndian ? 'little-endian' : 'big-endian';
  f.header.bigTiff = bigTiff;
  if (!ifd) return {};
  const width = nonNegativeInt(await t.number(TAG.ImageWidth));
  const height = nonNegativeInt(await t.number(TAG.ImageLength));
  setDimensions(f, { x: width, y: height });
  const bits = nonNegativeInt(await t.number(TAG.BitsPerSample));
  if (bits !== undefined) f.header.bitsPerSample = bits;
  const spp = nonNegativeInt(await t.number(TAG.SamplesPerPixel));
  if (spp !== undefined) f.header.samplesPerPixel = spp;
  const compression = nonNegativeInt(await t.number(TAG.Compression));
  if (compression !== undefined) f.header.compression = COMPRESSION_NAMES[compression] ? `${compression} (${COMPRESSION_NAMES[compression]})` : compression;
  const sampleFormat = nonNegativeInt(await t.number(TAG.SampleFormat));
  if (sampleFormat !== undefined) f.header.sampleFormat = sampleFormat;
  if (opts.instrument !== false) setInstrument(f, await t.text(TAG.Make), await t.text(TAG.Model));
  const software = withoutNul(await t.text(TAG.Software));
  if (software) f.facts.software = { value: software, provenance: 'header' };
  return { width, height };
}

/** Pixel size in nm from XResolution/YResolution when ResolutionUnit is inch (2) or centimetre (3) (TIFF 6.0 Section 8). */
export async function resolutionNm(t: TiffFile): Promise<{ x?: number; y?: number; xres?: number; unit?: number }> {
  const unit = (await t.number(TAG.ResolutionUnit)) ?? 2; // TIFF 6.0: default ResolutionUnit is inch
  const xres = await t.number(TAG.XResolution);
  const yres = (await t.number(TAG.YResolution)) ?? xres;
  const perUnit = unit === 2 ? 25.4e6 : unit === 3 ? 1e7 : undefined; // nm per inch, nm per cm
  if (perUnit === undefined || xres === undefined || !(xres > 0)) return { xres, unit };
  return { x: perUnit / xres, y: yres !== undefined && yres > 0 ? perUnit / yres : undefined, xres, unit };
}

/** Arrangement of a light-microscopy image from its axis sizes. */
export function setArrangement(f: Found): void {
  const d = f.facts.dimensions?.value;
  if (!d) return;
  const arrangement = (d.t ?? 1) > 1 ? 'time-series' : (d.z ?? 1) > 1 ? 'volume' : 'image';
  f.facts.arrangement = { value: arrangement, provenance: 'header' };
}

/**
 * A detector of the TIFF family: opens the file once (shared), classifies IFD0 once (shared) and runs its
 * reader only when the classification is one of its formats. Never throws: anything unexpected is "not mine".
 */
export function tiffDetector(id: string, formats: readonly FormatId[], read: (t: TiffFile, c: Classification) => Promise<Detection>): Detector {
  return {
    id,
    formats,
    sniff: (ctx) => looksLikeTiff(ctx.head),
    async detect(ctx) {
      try {
        const t = await openTiff(ctx);
        if (!t) return null;
        const c = await classify(t);
        if (!formats.includes(c.format)) return null;
        return await read(t, c);
      } catch {
        return null;
      }
    },
  };
}
