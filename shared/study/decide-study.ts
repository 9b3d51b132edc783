import type { Fileset } from '../model/fileset';
import { staged, type Evidence, type StagedEvidence } from '../model/evidence';
import { modalityLabel } from '../modality/modalities';
import { inferModalities } from '../modality/infer';
import type { ModalityResult } from '../modality/types';
import { routeStudy } from '../policy/route';
import type { Decision, Override, PolicyOptions, RouteInput, StudyFindings } from '../policy/types';
import { resolveOverrides, type SetByUser } from './overrides';

/** A fileset as the scan found it, before modality inference and the policy; `sizes` (per file, in `files` order) stay out of the report. */
export type ScannedFileset = Omit<Fileset, 'modality' | 'confidence' | 'destination' | 'clauseId' | 'reason' | 'omicsArchive' | 'overridden' | 'policyNotes'> & {
  readonly sizes: readonly number[];
};

/** What the user may set before the policy runs: thresholds and overrides. */
export interface PolicyInput {
  readonly options?: Partial<PolicyOptions>;
  readonly overrides?: readonly Override[];
}

/** The decided study: every fileset with its modality and decision (split where the policy splits one), and the study findings. */
export interface DecidedStudy {
  readonly filesets: Fileset[];
  readonly study: StudyFindings;
}

function decisionFields(d: Decision): Pick<Fileset, 'destination' | 'clauseId' | 'reason' | 'omicsArchive' | 'overridden' | 'policyNotes'> {
  return {
    destination: d.destination,
    clauseId: d.clauseId,
    reason: d.reason,
    omicsArchive: d.omicsArchive ?? null,
    overridden: d.overridden && (d.overridden.modality || d.overridden.destination) ? { ...d.overridden } : null,
    policyNotes: [...d.notes],
  };
}

/** The modality the router sees: inferred, or the user's with the inferred one kept as evidence. */
function routeInput(f: ScannedFileset, m: ModalityResult | undefined, user: SetByUser | undefined): RouteInput & { readonly modalityEvidence: readonly Evidence[] } {
  const inferred = m ?? { modality: 'unknown' as const, confidence: 0, evidence: [], alternatives: [] };
  const because = inferred.evidence.find((e) => e.supports === inferred.modality)?.detail;
  const base = {
    id: f.id,
    root: f.root,
    directory: f.directory,
    pattern: f.pattern,
    files: f.files,
    format: f.format,
    kind: f.kind,
    facts: f.facts,
    layouts: f.layouts,
    alternatives: inferred.alternatives,
    ...(inferred.supports ? { supports: inferred.supports } : {}),
    ...(user ? { override: user } : {}),
  };
  if (user?.modality) {
    const was: Evidence = { source: 'user', detail: `Modality set by you: ${modalityLabel(user.modality)} (inferred: ${modalityLabel(inferred.modality)}, confidence ${inferred.confidence.toFixed(2)}).`, weight: 1, supports: user.modality };
    return { ...base, modality: user.modality, confidence: 1, modalityEvidence: [was, ...inferred.evidence] };
  }
  return { ...base, modality: inferred.modality, confidence: inferred.confidence, ...(because ? { because } : {}), modalityEvidence: inferred.evidence };
}

/**
 * Applies the user's overrides (splitting files overridden one by one into their own filesets), infers
 * every fileset's modality, routes the whole study by the policy, and applies the result: one decision per
 * fileset, and where the policy sends part of a fileset elsewhere (representative tomograms) that part
 * becomes its own fileset, so every file is still in exactly one. Pure and deterministic.
 */
export function decideStudy(scanned: readonly ScannedFileset[], policy: PolicyInput = {}): DecidedStudy {
  const resolved = resolveOverrides(scanned, policy.overrides ?? []);
  const inferred = inferModalities(resolved.filesets);
  const inputs = resolved.filesets.map((f) => routeInput(f, inferred.get(f.id), resolved.set.get(f.id)));
  const routing = routeStudy(inputs, policy.options);
  const byId = new Map(resolved.filesets.map((f, i) => [f.id, { f, input: inputs[i]! }]));
  const renamed = new Map<string, string>();
  const out: Fileset[] = [];
  for (const routed of routing.filesets) {
    const entry = byId.get(routed.filesetId);
    if (!entry) continue;
    const { f, input } = entry;
    const { sizes, ...base } = f;
    const sizeOf = routed.parts.length > 0 ? new Map(f.files.map((file, i) => [file, sizes[i] ?? 0])) : new Map<string, number>();
    const taken = new Set(routed.parts.flatMap((p) => p.files));
    const rest = taken.size === 0 ? f.files : f.files.filter((file) => !taken.has(file));
    const evidenceOf = (d: Decision): StagedEvidence[] => [...base.evidence, ...staged((e) => (e.source === 'user' ? 'user' : 'modality'), input.modalityEvidence), ...staged((e) => (e.source === 'user' ? 'user' : 'policy'), d.evidence)];
    const common = { modality: input.modality, confidence: input.confidence };
    if (rest.length > 0) {
      const single = rest.length === 1 && rest.length < f.files.length ? rest[0]! : undefined;
      out.push({
        ...base,
        ...(single ? { pattern: single.slice(single.lastIndexOf('/') + 1) } : {}),
        files: [...rest],
        fileCount: rest.length,
        bytes: rest.length === f.files.length ? f.bytes : rest.reduce((n, file) => n + (sizeOf.get(file) ?? 0), 0),
        ...common,
        evidence: evidenceOf(routed.decision),
        ...decisionFields(routed.decision),
      });
    }
    routed.parts.forEach((part, i) => {
      const wanted = new Set(part.files);
      const files = f.files.filter((file) => wanted.has(file));
      if (files.length === 0) return;
      const id = `${f.id}~r${i + 1}`;
      for (const file of files) renamed.set(`${f.id}\0${file}`, id);
      out.push({
        ...base,
        id,
        pattern: files.length === 1 ? files[0]!.slice(files[0]!.lastIndexOf('/') + 1) : `${f.pattern} (${part.label})`,
        files,
        fileCount: files.length,
        bytes: files.reduce((n, file) => n + (sizeOf.get(file) ?? 0), 0),
        ...common,
        evidence: [...evidenceOf(part.decision), { source: 'study', stage: 'policy', detail: `Split from ${f.pattern}: ${part.label}.`, weight: 1 }],
        ...decisionFields(part.decision),
      });
    });
  }
  const representatives = routing.study.tomograms.representatives.map((r) => ({ ...r, filesetId: renamed.get(`${r.filesetId}\0${r.file}`) ?? r.filesetId }));
  return { filesets: out, study: { ...routing.study, tomograms: { ...routing.study.tomograms, representatives }, overrides: resolved.applied } };
}
