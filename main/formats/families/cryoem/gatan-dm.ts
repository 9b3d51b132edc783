import type { Evidence } from '../../../../shared/model/evidence';
import type { Facts } from '../../../../shared/formats/facts';
import { Bytes } from '../../../../shared/decode/bytes';
import { significant, toNanometres } from '../../../../shared/formats/units';
import { CONFIDENCE, detection, type DetectContext, type Detection, type Detector } from '../../detector';
import { clean, count, ev, guarded, voltsToKv, within } from './common';
import { DM_TAG_DATA, DM_TAG_GROUP, dmHeader, readDmTree, type DmValue } from './dm-tags';

/**
 * Gatan DigitalMicrograph DM3/DM4 (reference/formats.md §4). Metadata paths under ImageList.<i>.ImageTags
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

/** The ImageList entry with the most pixels (thumbnails are small), by its path prefix. */
function mainImage(values: Map<string, DmValue>): { prefix: string; dims: number[] } | undefined {
  let best: { prefix: string; dims: number[]; n: number } | undefined;
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
    const n = dims.reduce((a, b) => a * b, 1);
    if (!best || n > best.n) best = { prefix, dims, n };
  }
  return best ? { prefix: best.prefix, dims: best.dims } : undefined;
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
  if (signal && SPECTRA.test(signal)) {
    f.imagingMode = { value: 'spectroscopy', provenance: 'header' };
    evidence.push(ev(`Meta Data.Signal "${signal}": a spectrum or spectrum image, not an image.`, 0.7));
  } else if (imaging && /diffraction/i.test(imaging)) {
    f.imagingMode = { value: 'diffraction', provenance: 'header' };
    evidence.push(ev(`Imaging Mode "${imaging}".`, 0.6));
  } else if (illumination && /STEM/i.test(illumination)) {
    f.imagingMode = { value: 'STEM', provenance: 'header' };
    evidence.push(ev(`Illumination Mode "${illumination}".`, 0.6));
  } else if (illumination && /TEM/i.test(illumination)) {
    f.imagingMode = { value: 'TEM', provenance: 'header' };
    evidence.push(ev(`Illumination Mode "${illumination}".`, 0.5));
  }
  f.header = {
    value: { image: p, signal: signal ?? null, illuminationMode: illumination ?? null, imagingMode: imaging ?? null, operationMode: str(at('ImageTags.Microscope Info.Operation Mode')) ?? null },
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
