import type { Evidence } from '../../../../shared/model/evidence';
import type { Facts } from '../../../../shared/formats/facts';
import { count, within } from '../../kit/numbers';
import { significant, toNanometres, voltsToKv } from '../../kit/units';
import { guardDetector as guarded } from '../../kit/read';
import { fromHeader as ev } from '../../kit/evidence';
import { clean } from '../../kit/strings';
import { Bytes } from '../../kit/bytes';
import { CONFIDENCE, detection, type DetectContext, type Detection, type Detector } from '../../detector';
import { DM_TAG_DATA, DM_TAG_GROUP, dmHeader, readDmTree, type DmValue } from './dm-tags';

/**
 * Gatan DigitalMicrograph DM3/DM4 (docs/formats.md §4). Metadata paths under ImageList.<i>.ImageTags
 * as rosettasciio rsciio/digitalmicrograph/_api.py maps them (mapping, _get_microscope_name, signal_type):
 * Microscope Info.{Voltage (V), Illumination Mode, Imaging Mode, Indicated Magnification, Microscope, Name},
 * Session Info.Microscope, Acquisition.Device.Name, Meta Data.Signal; calibrations at
 * ImageData.Calibrations.Dimension.<d>.{Scale, Units}; sizes at ImageData.Dimensions.<d>.
 */
/** DM3: the file-size field is the file length minus 20; DM4: minus 24 (ncempy dm.py _validDM). */
const SIZE_OFFSET: Readonly<Record<3 | 4, number>> = { 3: 20, 4: 24 };
/** Signals that make the data a spectrum rather than an image (rosettasciio signal_type; "X-ray" = EDS). */
const SPECTRA = /^(EELS|EDS|EDX|X-ray|CL)$/i;
/** At most this many image entries compared to find the main image (index 0 is usually the thumbnail). */
const MAX_IMAGES = 64;

function str(v: DmValue | undefined): string | undefined {
  return typeof v === 'string' ? clean(v) : undefined;
}

function num(v: DmValue | undefined): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/**
 * DataType of the RGBA thumbnail DigitalMicrograph stores as ImageList entry 0 (ncempy dm.py parseHeader:
 * `dataType[0] == 23 and dataShape[0] == 2` → thumbnail, skipped by getDataset).
 */
const THUMBNAIL_DATA_TYPE = 23;

/** ImageList indices the root `Thumbnails.<n>.ImageIndex` tags name as thumbnails. */
function thumbnailIndices(values: Map<string, DmValue>): Set<number> {
  const out = new Set<number>();
  for (let n = 0; n < MAX_IMAGES; n++) {
    const v = num(values.get(`Thumbnails.${n}.ImageIndex`));
    if (v === undefined) break;
    out.add(v);
  }
  return out;
}

/**
 * The ImageList entry that holds the data, by its path prefix: entries that are thumbnails (DataType 23, or
 * named by Thumbnails.<n>.ImageIndex) are passed over when another exists — a 2048-channel EELS spectrum has
 * fewer values than its 256 × 256 thumbnail — and of the rest the one with the most values wins (docs/formats.md §4.1).
 */
function mainImage(values: Map<string, DmValue>): { prefix: string; dims: number[]; skipped: number } | undefined {
  const thumbs = thumbnailIndices(values);
  const all: { prefix: string; dims: number[]; n: number; thumb: boolean }[] = [];
  for (let i = 0; i < MAX_IMAGES; i++) {
    const prefix = `ImageList.${i}`;
    const dims: number[] = [];
    for (let d = 0; d < 4; d++) {
      const v = count(num(values.get(`${prefix}.ImageData.Dimensions.${d}`)), 2 ** 31);
      if (v === undefined) break;
      dims.push(v);
    }
    if (dims.length === 0) {
      if (![...values.keys()].some((k) => k.startsWith(`${prefix}.`))) break;
      continue;
    }
    const thumb = thumbs.has(i) || num(values.get(`${prefix}.ImageData.DataType`)) === THUMBNAIL_DATA_TYPE;
    all.push({ prefix, dims, n: dims.reduce((a, b) => a * b, 1), thumb });
  }
  const data = all.filter((e) => !e.thumb);
  const pool = data.length > 0 ? data : all;
  const best = pool.reduce<(typeof all)[number] | undefined>((b, e) => (!b || e.n > b.n ? e : b), undefined);
  return best ? { prefix: best.prefix, dims: best.dims, skipped: all.length - data.length } : undefined;
}

function units(u: string | undefined): string | undefined {
  if (!u) return undefined;
  return u.replace(/^u/, 'µ').replace('\u00b5', 'µ');
}

function facts(values: Map<string, DmValue>, evidence: Evidence[], problems: string[]): Facts {
  const f: Facts = {};
  const img = mainImage(values);
  if (!img) {
    problems.push('No image dimensions found in the tag tree.');
    return f;
  }
  const p = img.prefix;
  const at = (k: string): DmValue | undefined => values.get(`${p}.${k}`);
  const [x, y, z] = img.dims;
  f.dimensions = { value: { ...(x ? { x } : {}), ...(y ? { y } : {}), ...(z && z > 1 ? { z } : {}) }, provenance: 'header' };
  if (img.skipped > 0) evidence.push(ev(`${p} holds the data (${img.dims.join(' × ')}); ${img.skipped} thumbnail entr${img.skipped === 1 ? 'y' : 'ies'} (DataType 23 / Thumbnails.ImageIndex) passed over.`, 0.3));
  // One axis (or a second axis of 1) is a spectrum: EELS, EDS, CL (rosettasciio: 1-D signal → Signal1D).
  const oneD = img.dims.length === 1 || (img.dims.length === 2 && y === 1);
  const scale = (d: number): number | undefined => {
    const s = within(num(at(`ImageData.Calibrations.Dimension.${d}.Scale`)), 1e-12, 1e12);
    const u = units(str(at(`ImageData.Calibrations.Dimension.${d}.Units`)));
    const nm = s !== undefined && u ? toNanometres(s, u) : undefined;
    // Scales are float32: keep the digits they have (1.05e-3 µm, not 1.04999996 nm).
    return nm === undefined ? undefined : significant(nm);
  };
  const sx = scale(0);
  const sy = scale(1);
  if (sx !== undefined) f.pixelSize = { value: { x: sx, ...(sy !== undefined ? { y: sy } : {}) }, unit: 'nm', provenance: 'header' };
  const volts = within(num(at('ImageTags.Microscope Info.Voltage')), 1e3, 1e7);
  if (volts !== undefined) f.voltageKV = { value: voltsToKv(volts), unit: 'kV', provenance: 'header' };
  const mag = within(num(at('ImageTags.Microscope Info.Indicated Magnification')), 1, 1e9);
  if (mag !== undefined) f.magnification = { value: mag, provenance: 'header' };
  const scope = str(at('ImageTags.Session Info.Microscope')) ?? str(at('ImageTags.Microscope Info.Name')) ?? str(at('ImageTags.Microscope Info.Microscope'));
  if (scope && scope !== '[]') f.instrument = { value: { model: scope }, provenance: 'header' };
  const device = str(at('ImageTags.Acquisition.Device.Name'));
  if (device) f.detector = { value: device, provenance: 'header' };
  const signal = str(at('ImageTags.Meta Data.Signal'));
  const illumination = str(at('ImageTags.Microscope Info.Illumination Mode'));
  const imaging = str(at('ImageTags.Microscope Info.Imaging Mode'));
  const operation = str(at('ImageTags.Microscope Info.Operation Mode'));
  if (signal && SPECTRA.test(signal)) {
    f.imagingMode = { value: 'spectroscopy', provenance: 'header' };
    evidence.push(ev(`Meta Data.Signal "${signal}": a spectrum or spectrum image, not an image.`, 0.7));
  } else if (oneD) {
    f.imagingMode = { value: 'spectroscopy', provenance: 'header' };
    evidence.push(ev(`One-dimensional data (${img.dims.join(' × ')} channels${str(at('ImageData.Calibrations.Dimension.0.Units')) ? ` in ${str(at('ImageData.Calibrations.Dimension.0.Units'))}` : ''}): a spectrum.`, 0.6));
  } else if ((operation && /diffraction/i.test(operation)) || (imaging && /diffraction/i.test(imaging))) {
    f.imagingMode = { value: 'diffraction', provenance: 'header' };
    evidence.push(ev(operation && /diffraction/i.test(operation) ? `Operation Mode "${operation}": a diffraction pattern.` : `Imaging Mode "${imaging}".`, 0.6));
  } else if (illumination && /STEM/i.test(illumination)) {
    f.imagingMode = { value: 'STEM', provenance: 'header' };
    evidence.push(ev(`Illumination Mode "${illumination}".`, 0.6));
  } else if (illumination && /TEM/i.test(illumination)) {
    f.imagingMode = { value: 'TEM', provenance: 'header' };
    evidence.push(ev(`Illumination Mode "${illumination}".`, 0.5));
  }
  f.header = {
    // ImageData.DataType: the pixel type of the data (ncempy dm.py _DM2NPDataType; docs/formats.md §4).
    value: { image: p, dataType: num(at('ImageData.DataType')) ?? null, signal: signal ?? null, illuminationMode: illumination ?? null, imagingMode: imaging ?? null, operationMode: operation ?? null },
    provenance: 'header',
  };
  return f;
}

async function read(ctx: DetectContext): Promise<Detection | null> {
  const h = dmHeader(ctx.head);
  if (!h) return null;
  // The root group's sorted/open bytes are 0 or 1 and its first tag is a group or data entry (GatanReader GROUP/VALUE).
  const b = new Bytes(ctx.head, false);
  const firstTag = b.u8(h.root + 2 + (h.version === 4 ? 8 : 4));
  const rootOk = (b.u8(h.root) ?? 2) <= 1 && (b.u8(h.root + 1) ?? 2) <= 1;
  if (!rootOk) return null;
  const structured = firstTag === DM_TAG_GROUP || firstTag === DM_TAG_DATA;
  // Without a tag entry after the root group, four zero bytes and a 3 or 4 are not enough (unless the name agrees).
  if (!structured && ctx.ext !== '.dm3' && ctx.ext !== '.dm4') return null;
  const problems: string[] = structured ? [] : ['The root tag group holds no readable tag entry.'];
  const evidence: Evidence[] = [ev(`Gatan DigitalMicrograph DM${h.version} header: version ${h.version} at byte 0, ${h.littleEndian ? 'little' : 'big'}-endian data, root tag group at byte ${h.root}.`, 1)];
  if (h.fileSize + SIZE_OFFSET[h.version] !== ctx.size) problems.push(`The header gives a file size of ${h.fileSize} (+${SIZE_OFFSET[h.version]}), the file has ${ctx.size} bytes.`);
  const tree = structured ? await readDmTree(ctx) : undefined;
  const f: Facts = {};
  if (tree) {
    problems.push(...tree.problems);
    if (!tree.complete) problems.push(`Read ${tree.tags} tags before the tag tree ended early (truncated or unreadable).`);
    Object.assign(f, facts(tree.values, evidence, problems));
    evidence.push(ev(`Tag tree: ${tree.tags} tags read.`, 0.4));
  }
  f.creator = { value: 'DigitalMicrograph', provenance: 'header' };
  const header = (f.header?.value ?? {}) as Record<string, string | number | boolean | null>;
  f.header = { value: { ...header, dmVersion: h.version, byteOrder: h.littleEndian ? 'little-endian' : 'big-endian', tags: tree?.tags ?? 0 }, provenance: 'header' };
  return detection('gatan-dm', !structured ? CONFIDENCE.WEAK : tree && tree.tags > 0 ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, { facts: f, evidence, problems });
}

/** Gatan DigitalMicrograph DM3/DM4: header, bounded tag-tree walk, microscope and calibration tags. */
export const gatanDmDetector: Detector = guarded({
  id: 'gatan-dm',
  formats: ['gatan-dm'],
  sniff: (ctx) => dmHeader(ctx.head) !== undefined,
  detect: read,
});
