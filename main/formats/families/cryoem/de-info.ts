import type { Facts } from '../../../../shared/formats/facts';
import { toNumber, count, within } from '../../kit/numbers';
import { voltsToKv } from '../../kit/units';
import { guardDetector, readPrefix } from '../../kit/read';
import { fromHeader } from '../../kit/evidence';
import { baseName, clean } from '../../kit/strings';
import { keyValueLines, textOf } from '../../kit/text';
import { CONFIDENCE, detection, type DetectContext, type Detection, type Detector } from '../../detector';

/**
 * Direct Electron DE-Server `*_info.txt` (docs/formats.md §1; samples in hyperspy/rosettasciio
 * rsciio/tests/data/mrc/*_info.txt): `Key = Value` lines padded with blanks, the first one
 * `Server Software Version = 2.7.x…`. Keys read: Camera Model/Name, Frame Count, Image Size X/Y (pixels),
 * Instrument Accelerating Voltage (V), Instrument Project Magnification, Autosave … File Path.
 */
const FIRST_KEY = 'Server Software Version';
/** Keys DE-Server always writes; one of them besides the first line makes the structure certain. */
const DE_KEYS = ['Camera Model', 'Camera Name', 'Frame Count', 'Dataset Name', 'Autosave Directory', 'ADUs Per Electron', 'Image Size X (pixels)'];
/** Info files are ~20–40 kB. */
const MAX_INFO_BYTES = 1024 * 1024;
/** Most data files listed in `describes`. */
const MAX_DESCRIBED = 16;

function firstLine(text: string): string {
  return text.split(/\r?\n/, 2)[0] ?? '';
}

async function read(ctx: DetectContext): Promise<Detection | null> {
  const head = textOf(ctx.head.subarray(0, 4096));
  if (head === null || !new RegExp(`^${FIRST_KEY}\\s*=`).test(firstLine(head).trim())) return null;
  const prefix = await readPrefix(ctx, MAX_INFO_BYTES);
  const text = textOf(prefix.bytes) ?? head;
  const kv = keyValueLines(text);
  const found = DE_KEYS.filter((k) => kv.has(k));
  const facts: Facts = { creator: { value: 'Direct Electron', provenance: 'header' } };
  const version = clean(kv.get(FIRST_KEY));
  if (version) facts.software = { value: `DE-Server ${version}`, provenance: 'header' };
  const model = clean(kv.get('Camera Model')) ?? clean(kv.get('Camera Name'));
  if (model) facts.detector = { value: model, provenance: 'header' };
  const frames = count(toNumber(kv.get('Frame Count')));
  const x = count(toNumber(kv.get('Image Size X (pixels)')));
  const y = count(toNumber(kv.get('Image Size Y (pixels)')));
  if (frames !== undefined || x !== undefined || y !== undefined) {
    facts.dimensions = { value: { ...(x !== undefined ? { x } : {}), ...(y !== undefined ? { y } : {}), ...(frames !== undefined ? { frames } : {}) }, provenance: 'header' };
  }
  const volts = within(toNumber(kv.get('Instrument Accelerating Voltage (V)')), 1e3, 1e7);
  if (volts !== undefined) facts.voltageKV = { value: voltsToKv(volts), unit: 'kV', provenance: 'header' };
  const mag = within(toNumber(kv.get('Instrument Project Magnification')), 1, 1e9);
  if (mag !== undefined) facts.magnification = { value: mag, provenance: 'header' };
  const files = [...kv]
    .filter(([k, v]) => /^Autosave .*File Path$/.test(k) && v.trim() !== '')
    .map(([, v]) => baseName(v.trim()))
    .filter((n) => n.length > 0)
    .slice(0, MAX_DESCRIBED);
  if (files.length > 0) facts.describes = { value: files, provenance: 'header' };
  facts.header = { value: { dataset: clean(kv.get('Dataset Name')) ?? null, scanEnabled: clean(kv.get('Scan - Enable')) ?? null, keys: kv.size }, provenance: 'header' };
  return detection('de-info', found.length > 0 ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, {
    facts,
    evidence: [fromHeader(`First line "${FIRST_KEY} = …"${found.length ? ` and DE-Server keys (${found.slice(0, 3).join(', ')})` : ''}: a Direct Electron acquisition info file.`, 1)],
    problems: prefix.complete ? [] : ['Read only the first part of a long info file.'],
  });
}

/** Direct Electron `*_info.txt` written by DE-Server next to its movies. */
export const deInfoDetector: Detector = guardDetector({
  id: 'de-info',
  formats: ['de-info'],
  sniff: (ctx) => {
    const t = textOf(ctx.head.subarray(0, 256));
    return t !== null && t.startsWith(FIRST_KEY);
  },
  detect: read,
});
