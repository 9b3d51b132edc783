import { toNumber, count, positive } from '../../kit/numbers';
import { guardDetector, readPrefix } from '../../kit/read';
import { fromHeader } from '../../kit/evidence';
import { printable } from '../../kit/strings';
import { parseIni } from '../../kit/text';
import { compact, dimensionsFact, headerFact, pixelSizeFact, xrayTubeFacts } from '../../kit/facts';
import type { Facts } from '../../../../shared/formats/facts';
import { CONFIDENCE, detection, type DetectContext, type Detection } from '../../detector';

/**
 * Text headers of lab X-ray CT scanners (docs/formats.md §12), as the public demo files of
 * xray-imaging/meta-cli show them: Bruker SkyScan `.log` (docs/source/demo/bruker/skyscan_1173/*.log:
 * `[System]` Scanner=SkyScan1173, `[Acquisition]` Source Voltage (kV), Image Pixel Size (um), Number of
 * Files, Rotation Step (deg), Filter, `[Reconstruction]` from NRecon) and Nikon XT H `.xtekct`
 * (docs/source/demo/nikon/*.xtekct: `[XTekCT]` VoxelSizeX/Y/Z with Units=mm, VoxelsX/Y/Z, Projections,
 * `[Xrays]` XraykV/XrayuA, `[CTPro]` Version, Filter_Material).
 */

/** Scan logs and reconstruction setups are a few KB; 256 KiB bounds a lying one. */
const CT_TEXT_BYTES = 256 * 1024;
/** "Scanner=SkyScan1173" — the model is the word after "SkyScan" (meta-cli demo logs: 1173, 1272, 1275). */
const SKYSCAN_SCANNER = /^Sky[Ss]can\s*\d+[A-Za-z]*$/;
/** Largest plausible projection count and image side. */
const MAX_COUNT = 1_000_000;
const MAX_KV = 1000;

function decode(bytes: Uint8Array): string {
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  // Windows scanner PCs write Latin-1 (µ); fall back when UTF-8 decoding had to replace bytes.
  return (utf8.includes('\uFFFD') ? new TextDecoder('latin1').decode(bytes) : utf8).replace(/^\uFEFF/, '');
}

function num(section: Map<string, string> | undefined, key: string): number | undefined {
  return toNumber(section?.get(key));
}

function kv(value: number | undefined, problems: string[]): number | undefined {
  if (value === undefined) return undefined;
  if (value > 0 && value <= MAX_KV) return value;
  problems.push(`Source voltage ${value} kV is implausible — ignored.`);
  return undefined;
}

/** The first line decides before more is read. */
const FIRST_LINE_BYTES = 64;

async function detectSkyScan(ctx: DetectContext): Promise<Detection | null> {
  if (!/^\s*\[System\]/.test(decode(ctx.head.subarray(0, FIRST_LINE_BYTES)))) return null;
  const { bytes } = await readPrefix(ctx, CT_TEXT_BYTES);
  const txt = decode(bytes);
  if (!/^\s*\[System\]/.test(txt)) return null;
  const ini = parseIni(txt);
  const system = ini.get('System');
  const scanner = printable(system?.get('Scanner'));
  if (!scanner || !SKYSCAN_SCANNER.test(scanner)) return null;
  const acq = ini.get('Acquisition');
  const rec = ini.get('Reconstruction');
  const problems: string[] = [];
  const pixelUm = positive(num(acq, 'Image Pixel Size (um)'));
  const facts: Facts = {
    imagingMode: { value: 'X-ray CT', provenance: 'header' },
    instrument: { value: { manufacturer: 'Bruker', model: scanner }, provenance: 'header' },
    software: printable(system?.get('Software')) ? { value: `SkyScan ${printable(system?.get('Software'))}`, provenance: 'header' } : undefined,
    ...xrayTubeFacts(kv(num(acq, 'Source Voltage (kV)'), problems)),
    pixelSize: pixelSizeFact(pixelUm, pixelUm, undefined, 'um'),
    dimensions: dimensionsFact({ x: count(num(acq, 'Number of Columns'), MAX_COUNT), y: count(num(acq, 'Number of Rows'), MAX_COUNT), z: count(num(acq, 'Number of Files'), MAX_COUNT) }),
    header: headerFact({
      rotationStepDeg: num(acq, 'Rotation Step (deg)'),
      use360Rotation: printable(acq?.get('Use 360 Rotation')),
      filter: printable(acq?.get('Filter')),
      sourceCurrentUA: num(acq, 'Source Current (uA)'),
      sourceType: printable(system?.get('Source Type')),
      exposureMs: num(acq, 'Exposure (ms)'),
      reconstruction: rec !== undefined,
      reconstructionProgram: printable(rec?.get('Reconstruction Program')),
      sectionsCount: num(rec, 'Sections Count'),
    }),
  };
  if (pixelUm === undefined && acq?.has('Image Pixel Size (um)')) problems.push('Image Pixel Size (um) is not a positive number — ignored.');
  return detection('skyscan-log', acq ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, {
    facts: compact(facts),
    evidence: [
      fromHeader(`SkyScan log: [System] Scanner=${scanner}${acq ? ', with an [Acquisition] section' : ''}${rec ? ' and an NRecon [Reconstruction] section' : ''}.`, 1),
      fromHeader('Bruker SkyScan scanners are X-ray micro-CT systems.', 0.6),
    ],
    problems,
  });
}

async function detectXtekct(ctx: DetectContext): Promise<Detection | null> {
  if (!/^\s*\[XTekCT\]/.test(decode(ctx.head.subarray(0, FIRST_LINE_BYTES)))) return null;
  const { bytes } = await readPrefix(ctx, CT_TEXT_BYTES);
  const txt = decode(bytes);
  if (!/^\s*\[XTekCT\]/.test(txt)) return null;
  const ini = parseIni(txt);
  const ct = ini.get('XTekCT');
  const xr = ini.get('Xrays');
  const pro = ini.get('CTPro');
  const problems: string[] = [];
  const unit = printable(ct?.get('Units')) ?? 'mm';
  const voxel = pixelSizeFact(positive(num(ct, 'VoxelSizeX')), positive(num(ct, 'VoxelSizeY')), positive(num(ct, 'VoxelSizeZ')), unit);
  if (!voxel && ct?.has('VoxelSizeX')) problems.push(`VoxelSizeX "${printable(ct.get('VoxelSizeX'))}" in unit "${unit}" is not a length — ignored.`);
  const version = printable(pro?.get('Version'));
  const facts: Facts = {
    imagingMode: { value: 'X-ray CT', provenance: 'header' },
    instrument: { value: { manufacturer: 'Nikon' }, provenance: 'header' },
    software: version ? { value: `CT Pro ${version}`, provenance: 'header' } : undefined,
    ...xrayTubeFacts(kv(num(xr, 'XraykV'), problems)),
    pixelSize: voxel,
    dimensions: dimensionsFact({ x: count(num(ct, 'VoxelsX'), MAX_COUNT), y: count(num(ct, 'VoxelsY'), MAX_COUNT), z: count(num(ct, 'VoxelsZ'), MAX_COUNT) }),
    header: headerFact({
      projections: count(num(ct, 'Projections'), MAX_COUNT),
      angularStepDeg: num(ct, 'AngularStep'),
      xrayCurrentUA: num(xr, 'XrayuA'),
      filterMaterial: printable(pro?.get('Filter_Material')),
      filterThicknessMm: num(pro, 'Filter_ThicknessMM'),
      name: printable(ct?.get('Name')),
    }),
  };
  // CT Pro writes <name>.xtekct beside the projections <name>_NNNN.tif, <name> being [XTekCT] Name (docs/source/demo/nikon).
  const projectionNames = [printable(ct?.get('Name')), ctx.name.replace(/\.xtekct$/i, '')]
    .filter((n): n is string => !!n && !/[\\/*?]/.test(n) && n !== ctx.name)
    .map((n) => `${n}_*.tif`);
  if (projectionNames.length > 0) facts.describes = { value: [...new Set(projectionNames)], provenance: 'header' };
  const structured = ct?.has('VoxelSizeX') || ct?.has('Projections');
  return detection('nikon-xtekct', structured ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, {
    facts: compact(facts),
    evidence: [
      fromHeader(`Nikon CT Pro reconstruction setup: starts with [XTekCT]${structured ? ' and gives voxel sizes / projections' : ''}.`, 1),
      fromHeader('Nikon XT H systems are X-ray micro-CT scanners.', 0.6),
    ],
    problems,
  });
}

const startsWithBracket = (h: Uint8Array): boolean => {
  let i = h[0] === 0xef && h[1] === 0xbb && h[2] === 0xbf ? 3 : 0;
  while (i < h.length && i < FIRST_LINE_BYTES && (h[i] === 0x20 || h[i] === 0x0d || h[i] === 0x0a || h[i] === 0x09)) i++;
  return h[i] === 0x5b;
};

/** Bruker SkyScan acquisition/reconstruction log. */
export const skyscanDetector = guardDetector({ id: 'skyscan-log', formats: ['skyscan-log'], sniff: (ctx) => startsWithBracket(ctx.head), detect: detectSkyScan });

/** Nikon XT H CT Pro `.xtekct` reconstruction setup. */
export const xtekctDetector = guardDetector({ id: 'nikon-xtekct', formats: ['nikon-xtekct'], sniff: (ctx) => startsWithBracket(ctx.head), detect: detectXtekct });
