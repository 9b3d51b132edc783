import type { Facts } from '../../../../shared/formats/facts';
import { pixelSizeFact } from '../../kit/facts';
import { count, toNumber, within } from '../../kit/numbers';
import { neverThrow, readPrefix } from '../../kit/read';
import { clip, printable } from '../../kit/strings';
import { textOf } from '../../kit/text';
import { CONFIDENCE, detection, type DetectContext, type Detection, type Detector } from '../../detector';

/**
 * mesoSPIM acquisition metadata (`<file>_meta.txt` beside each stack `<file>`, mesoSPIM-control
 * mesoSPIM_ImageWriter write_metadata; its readers open `file.with_name(file.name + '_meta.txt')`): one
 * `[Key] value` per line — [METADATA], [CFG], [Laser] 488 nm, [Intensity (%)], [Zoom], [Pixelsize in um],
 * [Filter] 525/50, [POSITION], [x_pos], [z_start], [z_end], [z_stepsize], [z_planes], [x_pixels], [y_pixels],
 * [CAMERA PARAMETERS] …. The mesoSPIM is a light-sheet microscope (mesospim.org), and only its control
 * software writes these files. docs/formats.md §10.5.
 */
/** A _meta.txt is a few kB. */
const META_BYTES = 64 * 1024;
/** Lines read (the file has about sixty). */
const MAX_LINES = 512;
/** Keys that make a `[Key] value` text a mesoSPIM record: at least two of them besides [METADATA]. */
const KEYS = ['Pixelsize in um', 'z_stepsize', 'z_planes', 'Laser', 'Filter', 'Zoom', 'CFG', 'Shutter', 'x_pos'] as const;
/** The suffix mesoSPIM appends to the data file's name. */
const SUFFIX = '_meta.txt';
/** Laser lines and filter centres accepted, in nm (visible and near infrared). */
const NM = { min: 300, max: 1100 } as const;
const LINE = /^\[([^\]\r\n]{1,64})\][ \t]*(.*)$/;

function parse(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/, MAX_LINES)) {
    const m = LINE.exec(line.slice(0, 512));
    if (m && !out.has(m[1]!.trim())) out.set(m[1]!.trim(), m[2]!.trim());
  }
  return out;
}

async function detectMeta(ctx: DetectContext): Promise<Detection | null> {
  const { bytes } = await readPrefix(ctx, META_BYTES);
  const text = textOf(bytes);
  if (text === null || !text.trimStart().startsWith('[')) return null;
  const kv = parse(text);
  const present = KEYS.filter((k) => kv.has(k));
  const header = kv.has('METADATA');
  if (present.length < 2 || (!header && present.length < 4)) return null;
  const num = (k: string) => toNumber(kv.get(k));
  const facts: Facts = {
    imagingMode: { value: 'light-sheet', provenance: 'header' },
    instrument: { value: { model: 'mesoSPIM' }, provenance: 'header' },
    software: { value: 'mesoSPIM-control', provenance: 'header' },
  };
  const problems: string[] = [];
  const px = num('Pixelsize in um');
  const voxel = pixelSizeFact(px, px, num('z_stepsize'), 'µm');
  if (voxel) facts.pixelSize = voxel;
  else if (kv.has('Pixelsize in um')) problems.push(`[Pixelsize in um] "${printable(kv.get('Pixelsize in um'))}" is not a length: ignored.`);
  const dims = { x: count(num('x_pixels')), y: count(num('y_pixels')), z: count(num('z_planes')) };
  const d = Object.fromEntries(Object.entries(dims).filter(([, v]) => v !== undefined)) as Record<string, number>;
  if (Object.keys(d).length > 0) facts.dimensions = { value: d, provenance: 'header' };
  const excitation = within(num('Laser'), NM.min, NM.max);
  const emission = within(num('Filter'), NM.min, NM.max);
  if (excitation || emission) facts.channels = { value: [{ ...(excitation ? { excitationNm: excitation } : {}), ...(emission ? { emissionNm: emission } : {}) }], provenance: 'header' };
  const hdr: Record<string, string> = {};
  for (const k of ['Laser', 'Filter', 'Zoom', 'Intensity (%)', 'Shutter', 'CFG', 'Sample Name', 'Filename']) {
    const v = printable(kv.get(k));
    if (v) hdr[k] = clip(v);
  }
  facts.header = { value: hdr, provenance: 'header' };
  const lower = ctx.name.toLowerCase();
  const data = lower.endsWith(SUFFIX) && ctx.name.length > SUFFIX.length ? ctx.name.slice(0, -SUFFIX.length) : undefined;
  if (data) facts.describes = { value: [data], provenance: 'name' };
  return detection('mesospim-meta', header && data ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, {
    facts,
    evidence: [
      { source: 'header', detail: `mesoSPIM metadata: "[Key] value" lines${header ? ' under [METADATA]' : ''} with ${present.map((k) => `[${k}]`).join(', ')} (mesoSPIM-control).`, weight: 1 },
      ...(data ? [{ source: 'name' as const, detail: `Named "<data file>${SUFFIX}": it describes ${data}.`, weight: 0.5 }] : []),
    ],
    problems,
  });
}

/** mesoSPIM `<file>_meta.txt` light-sheet acquisition record, describing `<file>`. */
export const mesospimDetector: Detector = {
  id: 'mesospim-meta',
  formats: ['mesospim-meta'],
  sniff: (ctx) => ctx.head[0] === 0x5b || (ctx.head[0] === 0xef && ctx.head[3] === 0x5b),
  detect: (ctx) => neverThrow(() => detectMeta(ctx), () => null),
};
