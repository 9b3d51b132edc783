import type { Evidence } from '../../../../shared/model/evidence';
import type { Facts } from '../../../../shared/formats/facts';
import { toNumber, count, positive } from '../../kit/numbers';
import { guardDetector as guarded } from '../../kit/read';
import { fromHeader as ev } from '../../kit/evidence';
import { clean } from '../../kit/strings';
import { decodeText } from '../../kit/text';
import { CONFIDENCE, detection, type DetectContext, type Detection, type Detector } from '../../detector';
import { electronKvFromWavelength, radiationOf, xrayKevFromWavelength } from './wavelength';

/**
 * SMV ("Super Marty View", ADSC and Rigaku) diffraction frames, `.img`: an ASCII header `{`, newline,
 * `HEADER_BYTES=  512;`, then `KEY=value;` lines and a closing `}`, padded to HEADER_BYTES; the pixels
 * follow uncompressed (DIM=2, SIZE1 × SIZE2 of TYPE in BYTE_ORDER). Sources: dxtbx
 * src/dxtbx/format/FormatSMV.py (`understand` compares the first 15 bytes with b"{\nHEADER_BYTES=",
 * `get_smv_header` splits `key=value;`), FormatSMVADSC.py (PIXEL_SIZE and DISTANCE in mm, WAVELENGTH in Å,
 * OSC_START/OSC_RANGE in degrees, TIME in s), James Holton's "X-ray image formats" page (the ALS 8.3.1
 * header), fabio adscimage.py (writer: `HEADER_BYTES=%5d;`, blank padding) — the writer instamatic uses
 * for MicroED frames — and dxtbx FormatSMVTimePix_SU / FormatSMV_TVIPS (electron diffraction SMV); docs/formats.md §20.2.
 */
const MAGIC = '{\nHEADER_BYTES=';
const MAGIC_CRLF = '{\r\nHEADER_BYTES=';
/** Headers are 512 bytes almost always (Holton), 1024–4096 for some Rigaku/ADSC variants; 64 KiB = the head is plenty. */
const MAX_HEADER_BYTES = 64 * 1024;
/** Most header items read (real headers have 20–60). */
const MAX_ITEMS = 512;
/** Bytes per pixel by TYPE (ADSC: unsigned_short; Rigaku also writes unsigned_long / signed_long 32-bit). */
const TYPE_BYTES: Readonly<Record<string, number>> = { unsigned_short: 2, signed_short: 2, unsigned_long: 4, signed_long: 4, unsigned_int: 4, signed_int: 4, float: 4 };
/** Largest image side believed (the largest MX detectors are ~6000 pixels wide). */
const MAX_SIDE = 100_000;
/** Header items shown as they are, next to the facts. */
const SHOWN = ['DETECTOR_SN', 'BEAMLINE', 'DATE', 'BIN', 'TWOTHETA', 'BEAM_CENTER_X', 'BEAM_CENTER_Y', 'DETECTOR_NAME'] as const;

/** The `KEY=value;` items of an SMV header text (up to its closing brace), in order; never backtracks. */
export function smvItems(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const end = text.indexOf('}');
  const body = end >= 0 ? text.slice(0, end) : text;
  for (const raw of body.split(/[;\n]/)) {
    if (out.size >= MAX_ITEMS) break;
    const eq = raw.indexOf('=');
    if (eq <= 0) continue;
    const key = raw.slice(0, eq).replace('{', '').trim();
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(key) || out.has(key)) continue;
    out.set(key, raw.slice(eq + 1).trim());
  }
  return out;
}

function headerBytesOf(head: Uint8Array): number | undefined {
  const start = decodeText(head.subarray(0, 64));
  if (!start.startsWith(MAGIC) && !start.startsWith(MAGIC_CRLF)) return undefined;
  return toNumber(start.slice(start.indexOf('=') + 1));
}

function num(kv: Map<string, string>, key: string): number | undefined {
  const n = toNumber(kv.get(key));
  return n !== undefined && Number.isFinite(n) ? n : undefined;
}

async function read(ctx: DetectContext): Promise<Detection | null> {
  const declared = headerBytesOf(ctx.head);
  if (declared === undefined) return null;
  const problems: string[] = [];
  const hb = Number.isInteger(declared) && declared >= MAGIC.length && declared <= MAX_HEADER_BYTES ? declared : undefined;
  if (hb === undefined) problems.push(`HEADER_BYTES=${declared} is not a plausible header size — read the first ${Math.min(ctx.head.length, MAX_HEADER_BYTES)} bytes.`);
  const headerLength = Math.min(ctx.head.length, hb ?? MAX_HEADER_BYTES);
  const text = decodeText(ctx.head.subarray(0, headerLength));
  const closed = text.includes('}');
  if (!closed) problems.push(`No closing "}" in the first ${headerLength} bytes: the header is cut or damaged.`);
  const kv = smvItems(text);
  const evidence: Evidence[] = [ev(`SMV header: "{" then HEADER_BYTES=${declared} at byte 0 (dxtbx FormatSMV), ${kv.size} KEY=value; items.`, 1)];
  const f: Facts = {};
  const header: Record<string, string | number | boolean | null> = { headerBytes: hb ?? null, items: kv.size };

  const x = count(num(kv, 'SIZE1'), MAX_SIDE);
  const y = count(num(kv, 'SIZE2'), MAX_SIDE);
  if (x !== undefined || y !== undefined) f.dimensions = { value: { ...(x !== undefined ? { x } : {}), ...(y !== undefined ? { y } : {}) }, provenance: 'header' };
  const dim = num(kv, 'DIM');
  if (dim !== undefined && dim !== 2) problems.push(`DIM=${dim}: SMV frames are two-dimensional.`);
  const type = clean(kv.get('TYPE'));
  const order = clean(kv.get('BYTE_ORDER'));
  if (type) header.type = type;
  if (order) header.byteOrder = order;
  const bpp = type ? TYPE_BYTES[type] : undefined;
  if (hb !== undefined && x !== undefined && y !== undefined && bpp !== undefined) {
    const need = hb + x * y * bpp;
    if (ctx.size < need) problems.push(`Truncated: SIZE1 × SIZE2 × ${bpp} bytes after a ${hb}-byte header need ${need} bytes, the file has ${ctx.size}.`);
  }

  // Detector geometry: PIXEL_SIZE is the detector pixel in mm, not a pixel on the specimen (no pixelSize fact).
  const pixelMm = positive(num(kv, 'PIXEL_SIZE'));
  if (pixelMm !== undefined) header.detectorPixelSizeMm = pixelMm;
  const distance = positive(num(kv, 'DISTANCE'));
  if (distance !== undefined) header.distanceMm = distance;
  for (const key of ['OSC_START', 'OSC_RANGE', 'PHI'] as const) {
    const v = num(kv, key);
    if (v !== undefined) header[key === 'OSC_START' ? 'oscStartDeg' : key === 'OSC_RANGE' ? 'oscRangeDeg' : 'phiDeg'] = v;
  }
  const time = num(kv, 'TIME');
  if (time !== undefined && time >= 0) header.exposureS = time;
  for (const key of SHOWN) {
    const v = clean(kv.get(key));
    if (v) header[key] = v;
  }

  const wavelength = positive(num(kv, 'WAVELENGTH'));
  const radiation = wavelength !== undefined ? radiationOf(wavelength) : undefined;
  if (wavelength !== undefined) header.wavelengthA = wavelength;
  if (radiation) header.radiation = radiation;
  if (radiation === 'electron') {
    const kv0 = electronKvFromWavelength(wavelength!);
    f.voltageKV = { value: kv0, unit: 'kV', provenance: 'header' };
    f.imagingMode = { value: 'diffraction', provenance: 'header' };
    evidence.push(ev(`WAVELENGTH=${wavelength} Å is an electron wavelength (${kv0} kV, relativistic λ = h/√(2m₀eV(1 + eV/2m₀c²))): an electron diffraction frame.`, 0.8));
  } else if (radiation === 'X-ray') {
    const keV = xrayKevFromWavelength(wavelength!);
    f.xrayEnergyKeV = { value: keV, unit: 'keV', provenance: 'header' };
    evidence.push(ev(`WAVELENGTH=${wavelength} Å is an X-ray wavelength (${keV} keV): an X-ray diffraction frame (macromolecular crystallography), not electron diffraction.`, 0.8));
  } else if (wavelength !== undefined) {
    problems.push(`WAVELENGTH=${wavelength} Å fits neither electrons (0.003–0.09 Å) nor diffraction X-rays (0.2–5 Å): radiation unknown.`);
  } else problems.push('No WAVELENGTH in the header: cannot tell electron from X-ray diffraction.');
  const osc = num(kv, 'OSC_RANGE');
  evidence.push(ev(`One diffraction frame${osc !== undefined ? ` of a rotation series (OSC_RANGE=${osc}°${num(kv, 'OSC_START') !== undefined ? `, OSC_START=${num(kv, 'OSC_START')}°` : ''})` : ''}; the series is the set of frames.`, 0.3));
  f.arrangement = { value: 'image', provenance: 'header' };
  f.header = { value: header, provenance: 'header' };
  const structured = closed && x !== undefined && y !== undefined && hb !== undefined;
  return detection('smv', structured ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, { facts: f, evidence, problems });
}

/** SMV/ADSC diffraction frames (`.img`): X-ray or electron (MicroED) by the header's wavelength. */
export const smvDetector: Detector = guarded({
  id: 'smv',
  formats: ['smv'],
  sniff: (ctx) => ctx.head.length >= MAGIC.length && ctx.head[0] === 0x7b && headerBytesOf(ctx.head) !== undefined,
  detect: read,
});
