import type { Facts } from '../../../../shared/formats/facts';
import { pixelSizeFact } from '../../kit/facts';
import { count, toNumber, within } from '../../kit/numbers';
import { guardDetector, readPrefix } from '../../kit/read';
import { fromHeader } from '../../kit/evidence';
import { clip, printable } from '../../kit/strings';
import { keyValueLines, latin1, textOf } from '../../kit/text';
import { CONFIDENCE, detection, type DetectContext, type Detection } from '../../detector';

/**
 * ESRF Data Format (EDF) images and the `.info` file of an ESRF EDF tomography scan.
 * EDF, as silx-kit/fabio edfimage.py reads it: an ASCII header "{" … "key = value ;" lines … "}" padded with
 * spaces to a multiple of 512 bytes (BLOCKSIZE), then the raw pixels; keys HeaderID, Image, ByteOrder
 * (LowByteFirst/HighByteFirst), DataType (UnsignedShort, FloatValue…), Dim_1 (columns), Dim_2 (rows), Size.
 * `.info` (tomwer edfdwprocess.py FILE_INFO_KEYS, tomoscan EDFTomoScan): "Key= value" lines TOMO_N, REF_ON,
 * REF_N, DARK_N, Energy (keV), PixelSize (µm), Dim_1, Dim_2, Prefix — the projections are <Prefix>NNNN.edf.
 * docs/formats.md §12.1.
 */
/** fabio edfimage.py BLOCKSIZE: headers are padded to multiples of 512 bytes. */
const EDF_BLOCK = 512;
/** Largest EDF header read (ESRF headers with motor lists are a few kB; fabio reads block by block). */
const MAX_EDF_HEADER = 64 * 1024;
/** An .info file is under 1 kB. */
const INFO_BYTES = 16 * 1024;
/** EDF header lines "key = value ;" (the ";" ends the value). */
const EDF_LINE = /^\s*([A-Za-z_][\w.\- ]{0,63}?)\s*=\s*([^;]{0,1024});\s*$/;
/** Photon energies accepted, in keV. */
const KEV = { min: 0.01, max: 1000 } as const;
/** .info keys of an EDF tomography scan (tomwer FILE_INFO_KEYS and the ones tomoscan reads). */
const INFO_KEYS = ['TOMO_N', 'REF_ON', 'REF_N', 'DARK_N', 'Energy', 'PixelSize', 'Prefix', 'ScanRange'] as const;

function edfHeader(head: Uint8Array): { fields: Map<string, string>; end: number } | null {
  let i = 0;
  while (i < head.length && i < 16 && (head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x20)) i++;
  if (head[i] !== 0x7b) return null; // "{"
  const window = latin1(head.subarray(i, Math.min(head.length, MAX_EDF_HEADER)));
  const close = window.indexOf('}');
  if (close < 0) return null;
  const fields = new Map<string, string>();
  for (const line of window.slice(1, close).split('\n')) {
    const m = EDF_LINE.exec(line);
    if (m && !fields.has(m[1]!.trim())) fields.set(m[1]!.trim(), m[2]!.trim());
  }
  return { fields, end: i + close + 1 };
}

async function detectEdf(ctx: DetectContext): Promise<Detection | null> {
  const h = edfHeader(ctx.head);
  if (!h) return null;
  const f = h.fields;
  const x = count(toNumber(f.get('Dim_1')));
  const y = count(toNumber(f.get('Dim_2')));
  if (!x || !y || !(f.has('DataType') || f.has('HeaderID') || f.has('ByteOrder'))) return null;
  const problems: string[] = [];
  // The header ends with "}\n" at a multiple of 512 bytes (fabio pads it so).
  const padded = (h.end + 1) % EDF_BLOCK === 0;
  if (!padded) problems.push(`The header ends at byte ${h.end + 1}, not at a multiple of ${EDF_BLOCK}.`);
  const facts: Facts = { dimensions: { value: { x, y }, provenance: 'header' } };
  const keV = within(toNumber(f.get('energy') ?? f.get('Energy')), KEV.min, KEV.max);
  if (keV !== undefined) facts.xrayEnergyKeV = { value: keV, unit: 'keV', provenance: 'header' };
  const header: Record<string, string | number> = {};
  for (const k of ['HeaderID', 'Image', 'ByteOrder', 'DataType', 'Size']) {
    const v = printable(f.get(k));
    if (v) header[k] = clip(v);
  }
  facts.header = { value: header, provenance: 'header' };
  return detection('esrf-edf', padded ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, {
    facts,
    evidence: [fromHeader(`ESRF Data Format: ASCII header "{ … }" with Dim_1 = ${x}, Dim_2 = ${y}${f.has('DataType') ? `, DataType = ${printable(f.get('DataType'))}` : ''}${padded ? `, padded to ${h.end + 1} bytes` : ''} (fabio edfimage).`, 1)],
    problems,
  });
}

async function detectInfo(ctx: DetectContext): Promise<Detection | null> {
  const { bytes } = await readPrefix(ctx, INFO_BYTES);
  const text = textOf(bytes);
  if (text === null) return null;
  const kv = keyValueLines(text);
  const present = INFO_KEYS.filter((k) => kv.has(k));
  if (!kv.has('TOMO_N') || present.length < 3) return null;
  const num = (k: string) => toNumber(kv.get(k));
  const facts: Facts = { imagingMode: { value: 'X-ray CT', provenance: 'header' } };
  const keV = within(num('Energy'), KEV.min, KEV.max);
  if (keV !== undefined) facts.xrayEnergyKeV = { value: keV, unit: 'keV', provenance: 'header' };
  const px = num('PixelSize');
  const voxel = pixelSizeFact(px, px, undefined, 'µm');
  if (voxel) facts.pixelSize = voxel;
  const x = count(num('Dim_1'));
  const y = count(num('Dim_2'));
  if (x && y) facts.dimensions = { value: { x, y }, provenance: 'header' };
  const prefix = printable(kv.get('Prefix'));
  const stem = ctx.name.replace(/\.info$/i, '');
  const base = prefix && !/[\\/*?]/.test(prefix) ? prefix : stem !== ctx.name ? stem : undefined;
  if (base) facts.describes = { value: [`${base}*.edf`], provenance: 'header' };
  const header: Record<string, number | string> = {};
  for (const k of ['TOMO_N', 'REF_ON', 'REF_N', 'DARK_N', 'ScanRange']) {
    const v = num(k);
    if (v !== undefined) header[k] = v;
  }
  facts.header = { value: header, provenance: 'header' };
  return detection('esrf-info', ctx.ext === '.info' ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, {
    facts,
    evidence: [fromHeader(`ESRF tomography scan description: ${present.join(', ')} (tomwer/tomoscan .info of an EDF acquisition)${base ? `; its projections are ${base}NNNN.edf` : ''}.`, 0.9)],
  });
}

/** ESRF EDF images ("{ key = value ; … }" header padded to 512-byte blocks). */
export const edfDetector = guardDetector({ id: 'esrf-edf', formats: ['esrf-edf'], sniff: (ctx) => ctx.head[0] === 0x7b || (ctx.head[0] === 0x0a && ctx.head[1] === 0x7b), detect: detectEdf });

/** The .info of an ESRF EDF tomography scan (TOMO_N, REF_ON, REF_N, DARK_N, Energy, PixelSize). */
export const edfInfoDetector = guardDetector({ id: 'esrf-info', formats: ['esrf-info'], sniff: (ctx) => ctx.ext === '.info' || latin1(ctx.head.subarray(0, 2048)).includes('TOMO_N'), detect: detectInfo });
