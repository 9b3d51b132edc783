import { staged, type Evidence } from '../model/evidence';
import type { Facts } from '../formats/facts';
import type { LayoutFileset, LayoutFinding, LayoutReader, LayoutRef } from './types';
import { sidecarPairs, skyscanScans } from './sidecars';
import { sectionSeries } from './section-series';
import { conversions, reconstructions } from './reconstructions';
import { fuseFacts } from '../formats/fuse-facts';
import { epuSessions, hcsPlates, relionProjects, spaceRangerOuts, zarrStores } from './folder-layouts';
import { imagingStRuns } from './spatial-runs';
import { softworxSim } from './softworx-sim';
import { analysisOutputs } from './analysis-outputs';

/** Every layout reader, in the order their facts are offered (the first to offer a fact gives it). */
export const LAYOUT_READERS: readonly LayoutReader[] = [sidecarPairs, skyscanScans, epuSessions, relionProjects, spaceRangerOuts, hcsPlates, imagingStRuns, softworxSim, analysisOutputs, zarrStores, sectionSeries, reconstructions, conversions];

/** What the layouts add to one fileset. */
export interface LayoutAdditions {
  readonly layouts: LayoutRef[];
  readonly facts: Facts;
  readonly evidence: Evidence[];
}

/**
 * Runs every layout reader over the study's filesets and gathers, per fileset, its layouts, the facts
 * other files lend it (never overriding its own header), and the evidence. Deterministic and pure.
 */
export function applyLayouts(filesets: readonly LayoutFileset[], readers: readonly LayoutReader[] = LAYOUT_READERS): Map<string, LayoutAdditions> {
  const findings: LayoutFinding[] = readers.flatMap((read) => read(filesets));
  const out = new Map<string, LayoutAdditions>();
  for (const f of findings) {
    const entry = out.get(f.filesetId) ?? { layouts: [], facts: {}, evidence: [] };
    if (f.layout && !entry.layouts.some((l) => l.kind === f.layout!.kind && l.directory === f.layout!.directory)) entry.layouts.push(f.layout);
    for (const [name, fact] of Object.entries(f.facts ?? {})) {
      if (!(name in entry.facts)) (entry.facts as Record<string, unknown>)[name] = fact;
    }
    for (const e of f.evidence) if (!entry.evidence.some((x) => x.detail === e.detail)) entry.evidence.push(e);
    out.set(f.filesetId, entry);
  }
  return out;
}

/**
 * A study's filesets with what the layouts add: their layouts, their facts fused with the facts other files
 * lend them (shared/formats/fuse-facts.ts: the header wins, a describing file refines a generic
 * arrangement), and the evidence. What the scan and `inspect` both call.
 */
export function withLayouts<F extends LayoutFileset & { readonly layouts: readonly LayoutRef[]; readonly evidence: readonly Evidence[] }>(filesets: readonly F[], readers: readonly LayoutReader[] = LAYOUT_READERS): F[] {
  const additions = applyLayouts(filesets, readers);
  return filesets.map((f) => {
    const add = additions.get(f.id);
    if (!add) return f;
    const fused = fuseFacts(f.facts, add.facts);
    const stage = (e: Evidence) => (e.source === 'sidecar' ? 'sidecar' : 'layout');
    return { ...f, layouts: [...f.layouts, ...add.layouts], facts: fused.facts, evidence: [...f.evidence, ...staged(stage, add.evidence), ...staged('sidecar', fused.evidence)] };
  });
}
