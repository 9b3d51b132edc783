import type { Evidence } from '../model/evidence';
import type { Facts } from '../formats/facts';
import type { LayoutFileset, LayoutFinding, LayoutReader, LayoutRef } from './types';
import { imodTiltFiles, serialEmMdocs, skyscanScans, tiaSeries } from './acquisition-sidecars';
import { epuSessions, hcsPlates, relionProjects, spaceRangerOuts, zarrStores } from './folder-layouts';

/** Every layout reader, in the order their facts are offered (the first to offer a fact gives it). */
export const LAYOUT_READERS: readonly LayoutReader[] = [serialEmMdocs, imodTiltFiles, tiaSeries, skyscanScans, epuSessions, relionProjects, spaceRangerOuts, hcsPlates, zarrStores];

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
