import type { Evidence } from '../../../../shared/model/evidence';
import type { Facts, ImagingMode } from '../../../../shared/formats/facts';
import { clxAt, clxChildren, clxNum, clxStr, type ClxObject, type ClxValue } from './nd2-clx';
import { plausibleCount } from '../../kit/numbers';
import { plausibleNm, roundNm } from '../../kit/units';
import { MAX_CHANNELS } from '../../kit/facts';
import { mostSpecificMode } from './acquisition-mode';

/**
 * Facts from decoded ND2 v3 metadata chunks; key names as tlambert03/nd2 `_parse/_parse.py` reads them with
 * strip_prefix=False (load_attributes, load_global_metadata, load_metadata, load_text_info, load_experiment).
 */
export interface Nd2Chunks {
  /** ImageAttributesLV! → SLxImageAttributes. */
  attributes?: ClxObject;
  /** ImageCalibrationLV|0! → SLxCalibration. */
  calibration?: ClxObject;
  /** ImageTextInfoLV! → SLxImageTextInfo. */
  textInfo?: ClxObject;
  /** ImageMetadataSeqLV|0! → SLxPictureMetadata (per-frame metadata of frame 0). */
  pictureMetadata?: ClxObject;
  /** ImageMetadataLV! → SLxExperiment (the acquisition loops). */
  experiment?: ClxObject;
}

/** tlambert03/nd2 `_sdk_types.ELxModalityMask` bits, with the imaging mode each stands for (unmapped bits only name the flag). */
const MODALITY_BITS: readonly (readonly [name: string, bit: number, mode?: ImagingMode])[] = [
  ['fluorescence', 0x1],
  ['brightfield', 0x2],
  ['phaseContrast', 0x10],
  ['diContrast', 0x20],
  ['RCM', 0x40, 'confocal'],
  ['VCS', 0x80, 'super-resolution'],
  ['camera', 0x100],
  ['laserScanConfocal', 0x200, 'confocal'],
  ['spinningDiskConfocal', 0x400, 'spinning-disk'],
  ['sweptFieldConfocalSlit', 0x800, 'confocal'],
  ['sweptFieldConfocalPinhole', 0x1000, 'confocal'],
  ['dsdConfocal', 0x2000],
  ['SIM', 0x4000, 'super-resolution'],
  ['iSIM', 0x8000, 'super-resolution'],
  ['multiphoton', 0x10000, 'multiphoton'],
  ['TIRF', 0x20000, 'TIRF'],
  ['liveSR', 0x40000, 'super-resolution'],
  ['sora', 0x40000000, 'super-resolution'],
];

/** tlambert03/nd2 `structures.LoopType`: TimeLoop 1, XYPosLoop 2, ZStackLoop 4, NETimeLoop 8, ZStackLoopAccurate 10. */
const LOOP = { time: 1, xyPos: 2, zStack: 4, neTime: 8, zStackAccurate: 10 } as const;
/** Deepest ppNextLevelEx nesting followed (real experiments nest 2–4 loops). */
const MAX_LOOP_DEPTH = 8;

function hasBit(mask: number, bit: number): boolean {
  return Math.floor(mask / bit) % 2 === 1;
}

/** The SLx… root of a chunk (`attrs.get("SLxImageAttributes", attrs)` in modern_reader.py). */
export function rootOf(obj: ClxObject | null | undefined, name: string): ClxObject | undefined {
  if (!obj) return undefined;
  const inner = obj[name];
  return typeof inner === 'object' && inner !== null && !Array.isArray(inner) && !('byteArrayLength' in inner) ? (inner as ClxObject) : obj;
}

interface Loops {
  z?: number;
  zStepUm?: number;
  t?: number;
  positions?: number;
}

function loopCount(pars: ClxValue | undefined): number | undefined {
  return clxNum(pars, 'uiCount') ?? clxNum(clxChildren(pars)[0], 'uiCount');
}

function walkLoops(exp: ClxValue | undefined, out: Loops, depth: number): void {
  if (exp === undefined || depth > MAX_LOOP_DEPTH) return;
  const node = (clxAt(exp, 'SLxExperiment') ?? exp) as ClxValue;
  const type = clxNum(node, 'eType');
  const pars = clxAt(node, 'uLoopPars');
  const count = loopCount(pars);
  if ((type === LOOP.zStack || type === LOOP.zStackAccurate) && plausibleCount(count)) {
    out.z ??= count;
    out.zStepUm ??= clxNum(pars, 'dZStep') ?? clxNum(clxChildren(pars)[0], 'dZStep');
  } else if ((type === LOOP.time || type === LOOP.neTime) && plausibleCount(count)) out.t ??= count;
  else if (type === LOOP.xyPos && plausibleCount(count)) out.positions ??= count;
  for (const next of clxChildren(clxAt(node, 'ppNextLevelEx'))) walkLoops(next, out, depth + 1);
}

/** Reads what the decoded chunks say into facts, evidence and header fields. */
export function nd2Facts(chunks: Nd2Chunks, facts: Facts, evidence: Evidence[], header: Record<string, string | number | boolean | null>): void {
  const attrs = chunks.attributes;
  const meta = chunks.pictureMetadata;
  const loops: Loops = {};
  walkLoops(chunks.experiment, loops, 0);

  const planes = clxAt(meta, 'sPicturePlanes');
  const planeList = clxChildren(clxAt(planes, 'sPlaneNew') ?? clxAt(planes, 'sPlane')).slice(0, MAX_CHANNELS);
  const channelCount = clxNum(planes, 'uiCount') ?? (planeList.length || undefined);
  const dims = {
    x: clxNum(attrs, 'uiWidth'),
    y: clxNum(attrs, 'uiHeight'),
    z: loops.z,
    c: channelCount,
    t: loops.t,
  };
  const value = Object.fromEntries(Object.entries(dims).filter(([, v]) => plausibleCount(v))) as { x?: number; y?: number; z?: number; c?: number; t?: number };
  if (Object.keys(value).length > 0) facts.dimensions = { value, provenance: 'header' };
  const seq = clxNum(attrs, 'uiSequenceCount');
  if (seq !== undefined) header['sequenceCount'] = seq;
  const bits = clxNum(attrs, 'uiBpcSignificant');
  if (bits !== undefined) header['bitsPerComponent'] = bits;
  if (loops.positions !== undefined) header['xyPositions'] = loops.positions;
  if ((value.z ?? 1) > 1 && (value.t ?? 1) <= 1) facts.arrangement = { value: 'volume', provenance: 'header' };
  else if ((value.t ?? 1) > 1 && (value.z ?? 1) <= 1) facts.arrangement = { value: 'time-series', provenance: 'header' };

  // ImageCalibrationLV|0! dCalibration (µm/px), falling back to the frame metadata's; bCalibrated false means "not calibrated".
  const calibrated = clxAt(chunks.calibration, 'bCalibrated') ?? clxAt(meta, 'bCalibrated');
  const umPerPx = clxNum(chunks.calibration, 'dCalibration') ?? clxNum(meta, 'dCalibration');
  if (calibrated !== false && umPerPx !== undefined && plausibleNm(umPerPx * 1000)) {
    const xy = roundNm(umPerPx * 1000);
    const z = loops.zStepUm !== undefined ? Math.abs(loops.zStepUm) * 1000 : undefined;
    facts.pixelSize = { value: { x: xy, y: xy, ...(plausibleNm(z) ? { z: roundNm(z) } : {}) }, unit: 'nm', provenance: 'header' };
    evidence.push({ source: 'header', detail: `Calibration dCalibration = ${umPerPx} µm/pixel.`, weight: 0.4 });
  }

  const objective = clxStr(meta, 'wsObjectiveName') ?? clxStr(meta, 'wasObjectiveName') ?? clxStr(chunks.calibration, 'wsObjectiveName');
  if (objective) header['objective'] = objective;
  const mag = clxNum(meta, 'dObjectiveMag');
  if (mag !== undefined && mag > 0) header['objectiveMagnification'] = mag;
  const na = clxNum(meta, 'dObjectiveNA');
  if (na !== undefined && na > 0) header['objectiveNA'] = na;

  const channels: NonNullable<Facts['channels']>['value'] = [];
  const flags = new Set<string>();
  const modes: ImagingMode[] = [];
  for (const plane of planeList) {
    const name = clxStr(plane, 'sDescription');
    channels.push(name ? { name } : {});
    const mask = clxNum(plane, 'uiModalityMask');
    if (mask === undefined || mask < 0) continue;
    const planeModes: ImagingMode[] = [];
    for (const [flag, bit, mode] of MODALITY_BITS) {
      if (!hasBit(mask, bit)) continue;
      flags.add(flag);
      if (mode) planeModes.push(mode);
    }
    if (planeModes.length === 0 && hasBit(mask, 0x100) && hasBit(mask, 0x1)) planeModes.push('widefield');
    if (planeModes.length === 0 && hasBit(mask, 0x2) && !hasBit(mask, 0x1)) planeModes.push('brightfield');
    const m = mostSpecificMode(planeModes);
    if (m) modes.push(m);
  }
  if (channels.some((c) => c.name)) facts.channels = { value: channels, provenance: 'header' };
  if (flags.size > 0) {
    facts.acquisitionModes = { value: [...flags], provenance: 'header' };
    evidence.push({ source: 'header', detail: `Picture-plane modality flags: ${[...flags].join(', ')}.`, weight: 0.6 });
  }
  const mode = mostSpecificMode(modes);
  if (mode) facts.imagingMode = { value: mode, provenance: 'header' };

  // load_text_info: TextInfoItem_14 is the application version, TextInfoItem_13 the optics.
  const app = clxStr(chunks.textInfo, 'TextInfoItem_14');
  if (app) facts.software = { value: app, provenance: 'header' };
  const optics = clxStr(chunks.textInfo, 'TextInfoItem_13');
  if (optics && !header['objective']) header['objective'] = optics;
}
