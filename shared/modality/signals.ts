import type { EvidenceSource } from '../model/evidence';
import type { Arrangement, ImagingMode } from '../formats/facts';
import type { ModalityInput } from './types';
import { placeOf } from '../naming/place';

/**
 * Fewest numbered images that read as one volume (a slice stack). Volume-EM runs produce hundreds to
 * thousands of slices (EMPIAR-10310 FIB-SEM: 1,000+; EMPIAR-10462 SBF-SEM: 500+); a handful of numbered
 * TEM images are more often separate cells or fields than serial sections.
 */
export const MIN_STACK_SLICES = 10;

/** What the rules read of one fileset, computed once. */
export interface Signals {
  readonly f: ModalityInput;
  readonly mode?: ImagingMode;
  /** Where the imaging mode was read. */
  readonly modeSource: EvidenceSource;
  readonly arrangement?: Arrangement;
  readonly arrangementSource: EvidenceSource;
  /** Pixel size in nm along x. */
  readonly pixelNm?: number;
  readonly kv?: number;
  /** Images along z: numbered files of a slice series, or sections in one file. */
  readonly slices: number;
  /** A series of numbered files (the pattern collapsed digit runs) of at least MIN_STACK_SLICES. */
  readonly numberedStack: boolean;
  /** Lower-case folder and pattern, for name hints. */
  readonly path: string;
  /** Lower-case name of the fileset's first file. */
  readonly firstName: string;
  readonly layoutKinds: ReadonlySet<string>;
  readonly creator?: string;
  readonly processingKind?: string;
  readonly processingTool?: string;
  /** The first MRC label (IMOD programs sign their output there). */
  readonly mrcLabel?: string;
}

function firstLabel(f: ModalityInput): string | undefined {
  const label = f.facts.header?.value['label'];
  return typeof label === 'string' ? label : undefined;
}

/** Computes a fileset's signals. */
export function signalsOf(f: ModalityInput): Signals {
  const z = f.facts.dimensions?.value.z ?? 1;
  // A series split over sibling folders (shared/layouts/section-series.ts) counts as one.
  const seriesFiles = f.facts.series?.value.files ?? 0;
  const numbered = (f.pattern.includes('#') && f.fileCount >= MIN_STACK_SLICES) || seriesFiles >= MIN_STACK_SLICES;
  const first = f.files[0] ?? f.pattern;
  // Assigned key by key, in the order the conditional spreads listed them: one object per fileset, not one
  // per optional field (issue 11).
  const facts = f.facts;
  const out: { -readonly [K in keyof Signals]: Signals[K] } = {
    f,
    modeSource: facts.imagingMode?.provenance ?? 'header',
    arrangementSource: facts.arrangement?.provenance ?? 'header',
    slices: numbered ? Math.max(f.fileCount, seriesFiles) : z,
    numberedStack: numbered,
    path: placeOf(f).toLowerCase(),
    firstName: first.slice(first.lastIndexOf('/') + 1).toLowerCase(),
    layoutKinds: new Set(f.layouts.map((l) => l.kind)),
  };
  if (facts.imagingMode) out.mode = facts.imagingMode.value;
  if (facts.arrangement) out.arrangement = facts.arrangement.value;
  if (facts.pixelSize) out.pixelNm = facts.pixelSize.value.x;
  if (facts.voltageKV) out.kv = facts.voltageKV.value;
  if (facts.creator) out.creator = facts.creator.value;
  if (facts.processing) {
    out.processingKind = facts.processing.value.kind ?? '';
    out.processingTool = facts.processing.value.tool;
  }
  const label = firstLabel(f);
  if (label !== undefined) out.mrcLabel = label;
  return out;
}

/** True when the fileset holds more than one image along z: a slice series, a multi-section file, or an OME-Zarr with a z axis. */
export function isStack(s: Signals): boolean {
  return s.numberedStack || s.slices >= MIN_STACK_SLICES || zarrVolume(s);
}

/** An OME-Zarr whose multiscale has a z space axis with a physical spacing (NGFF 0.4 "axes"): a volume, however many planes. */
function zarrVolume(s: Signals): boolean {
  return s.f.format === 'ome-zarr' && s.f.facts.pixelSize?.value.z !== undefined && (s.f.facts.dimensions?.value.z ?? 2) > 1;
}
