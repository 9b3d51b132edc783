import type { Evidence } from '../model/evidence';
import type { Arrangement, FactName, Facts } from './facts';

/**
 * Arrangements that only say "one or several images": a sidecar or layout that knows what the images
 * are (tilt series, movie, montage, diffraction series) refines them.
 */
const GENERIC_ARRANGEMENTS: ReadonlySet<Arrangement> = new Set(['image', 'image-stack']);

/** Arrangements that say what a stack of images is; only another file can tell them when the header cannot. */
const SPECIFIC_ARRANGEMENTS: ReadonlySet<Arrangement> = new Set(['tilt-series', 'movie', 'montage', 'diffraction-series']);

/** Facts whose header value a describing sidecar may refine, and under which condition. */
function refines(name: FactName, own: Facts, lent: Facts): boolean {
  if (name !== 'arrangement') return false;
  const mine = own.arrangement?.value;
  const theirs = lent.arrangement?.value;
  return mine !== undefined && theirs !== undefined && GENERIC_ARRANGEMENTS.has(mine) && SPECIFIC_ARRANGEMENTS.has(theirs);
}

/** True when fusion would take the lent fact over the fileset's own: its header is silent, or the lent fact refines it. */
export function takesLent(name: FactName, own: Facts, lent: Facts): boolean {
  return lent[name] !== undefined && (own[name] === undefined || refines(name, own, lent));
}

/** A fileset's facts after fusion, and what fusion decided that its reader should see. */
export interface FusedFacts {
  readonly facts: Facts;
  readonly evidence: readonly Evidence[];
}

/**
 * The one precedence rule of the fact model: a file's own header states what it says; facts lent by the
 * files that describe it (an mdoc, an EPU XML, a .rawtlt, a plate index, the layout) fill what the header
 * is silent on; and a specific arrangement from a describing file refines the header's generic one (an
 * MRC header can only say "a stack of 41 images"; its mdoc says the 41 images are a tilt series). Every
 * fact keeps its provenance and source, so rules see where it came from.
 */
export function fuseFacts(own: Facts, lent: Facts): FusedFacts {
  const facts: Record<string, unknown> = { ...own };
  const evidence: Evidence[] = [];
  for (const name of Object.keys(lent) as FactName[]) {
    const fact = lent[name];
    if (fact === undefined) continue;
    if (!takesLent(name, own, lent)) continue;
    facts[name] = fact;
    if (own[name] !== undefined) {
      const from = lent.arrangement!.source ?? 'a file that describes them';
      evidence.push({ source: lent.arrangement!.provenance, detail: `The header says ${own.arrangement!.value.replace('-', ' ')}; ${from} says what the images are: ${lent.arrangement!.value.replace('-', ' ')}.`, weight: 0.8 });
    }
  }
  return { facts: facts as Facts, evidence };
}
