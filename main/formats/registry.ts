import type { Evidence } from '../../shared/model/evidence';
import type { FormatSource } from '../../shared/model/fileset';
import { formatInfo, formatLabel, type FormatId } from '../../shared/formats/format-catalog';
import { hintFromName } from '../../shared/formats/name-hints';
import { detection, MIN_CONFIDENCE, ReadBudgetError, type DetectContext, type Detection, type Detector } from './detector';
import { medicalDetectors } from './families/medical';
import { cryoEmDetectors } from './families/cryoem';
import { tiffDetectors } from './families/tiff';
import { lightMicroscopyDetectors } from './families/lm';
import { xrayAfmHcsDetectors } from './families/xray-afm-hcs';
import { omicsHdf5Detectors } from './families/omics-hdf5';
import { genericDetectors } from './families/generic';

/** Every detector, in the order they are asked: medical first (DICOM before TIFF), generic last. */
export const DETECTORS: readonly Detector[] = [
  ...medicalDetectors,
  ...cryoEmDetectors,
  ...tiffDetectors,
  ...lightMicroscopyDetectors,
  ...xrayAfmHcsDetectors,
  ...omicsHdf5Detectors,
  ...genericDetectors,
];

/** A detection with how the format was established. */
export interface Identification extends Detection {
  readonly formatSource: FormatSource;
}

/** Candidates whose confidence differs by less than this are tied; the extension then decides. */
const TIE = 0.05;

function extensionFits(format: FormatId, ext: string): boolean {
  return ext !== '' && (formatInfo(format)?.extensions.includes(ext) ?? false);
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Orders candidates: higher confidence first; within a tie, the one the extension agrees with; then registry order. */
function best(candidates: readonly Detection[], ext: string): Detection | undefined {
  return [...candidates].sort((a, b) => {
    if (Math.abs(a.confidence - b.confidence) >= TIE) return b.confidence - a.confidence;
    return Number(extensionFits(b.format, ext)) - Number(extensionFits(a.format, ext));
  })[0];
}

/**
 * Hints that name only a container; bytes that say something more specific (an OME-Zarr `.zattrs`, a FEI
 * TIFF, EPU's XML) refine such a hint rather than contradict it.
 */
const GENERIC_HINTS: ReadonlySet<FormatId> = new Set<FormatId>(['text', 'xml', 'json', 'csv', 'zarr', 'tiff', 'bigtiff', 'hdf5', 'gzip', 'zip', 'tar']);

/** Notes when the name says something else than the bytes, so users see why the extension was overruled. */
function nameEvidence(ctx: DetectContext, format: FormatId): Evidence[] {
  const hint = hintFromName(ctx.name);
  if (!hint || hint.format === format || GENERIC_HINTS.has(hint.format)) return [];
  return [{ source: hint.source, detail: `The ${hint.source === 'name' ? 'name' : 'extension'} suggests ${formatLabel(hint.format)}, but the bytes are ${formatLabel(format)}.`, weight: 0 }];
}

/**
 * Identifies one file: every detector whose sniff accepts the bytes reads what it needs; the most
 * confident detection wins and the extension only breaks ties. Never throws: a detector that fails or
 * reads past its budget becomes a problem; a file nobody recognises is `unknown`, with the reasons.
 */
export async function identify(ctx: DetectContext, detectors: readonly Detector[] = DETECTORS): Promise<Identification> {
  const hint = hintFromName(ctx.name);
  const hintEvidence: Evidence[] = hint ? [{ source: hint.source, detail: `${formatLabel(hint.format)} suggested by ${hint.because}, not confirmed by the bytes.`, weight: 0.1 }] : [];
  if (ctx.size === 0) {
    return { ...detection('unknown', 0, { evidence: hintEvidence, problems: ['Empty file (0 bytes).'] }), formatSource: 'none' };
  }
  const candidates: Detection[] = [];
  const problems: string[] = [];
  for (const d of detectors) {
    let mine = false;
    try {
      mine = d.sniff(ctx);
    } catch (err) {
      problems.push(`Reader ${d.id} failed on the first bytes: ${message(err)}.`);
      continue;
    }
    if (!mine) continue;
    try {
      const found = await d.detect(ctx);
      if (found) candidates.push(found);
    } catch (err) {
      problems.push(err instanceof ReadBudgetError ? `Reader ${d.id} stopped: ${err.message}.` : `Reader ${d.id} failed: ${message(err)}.`);
    }
  }
  const winner = best(candidates, ctx.ext);
  if (winner && winner.confidence >= MIN_CONFIDENCE) {
    return {
      ...winner,
      evidence: [...winner.evidence, ...nameEvidence(ctx, winner.format)],
      problems: [...winner.problems, ...problems],
      formatSource: 'bytes',
    };
  }
  const weak = candidates.map((c) => `${formatLabel(c.format)} (confidence ${c.confidence.toFixed(2)})`);
  return {
    ...detection('unknown', 0, {
      evidence: hintEvidence,
      problems: [
        weak.length > 0 ? `No reader was sure of the format; weak candidates: ${weak.join(', ')}.` : 'No reader recognised the bytes.',
        ...problems,
      ],
    }),
    formatSource: 'none',
  };
}
