import type { Fileset } from '../model/fileset';
import type { Evidence, StagedEvidence } from '../model/evidence';
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

/** Evidence of a decided fileset: the scan's, then the modality's and the policy's stamped with their stage (the user's as `user`), in one array. */
function decidedEvidence(scan: readonly StagedEvidence[], modality: readonly Evidence[], policy: readonly Evidence[]): StagedEvidence[] {
  const out: StagedEvidence[] = scan.slice();
  for (const e of modality) out.push(e.stage ? (e as StagedEvidence) : { ...e, stage: e.source === 'user' ? 'user' : 'modality' });
  for (const e of policy) out.push(e.stage ? (e as StagedEvidence) : { ...e, stage: e.source === 'user' ? 'user' : 'policy' });
  return out;
}

/** What a decided fileset has of its own, beside what the scan found. */
interface DecidedFields {
  readonly id: string;
  readonly pattern: string;
  readonly files: string[];
  readonly bytes: number;
  readonly evidence: StagedEvidence[];
}

/**
 * A decided fileset: every field of the scanned one in its order (`sizes` left out), its own fields in their
 * places, then modality and decision. Built in one pass: spreading several objects into one literal per
 * fileset made routing allocation-bound (issue 11).
 */
function decidedFileset(f: ScannedFileset, own: DecidedFields, input: RouteInput, d: Decision): Fileset {
  const out: Record<string, unknown> = {};
  const from = f as unknown as Readonly<Record<string, unknown>>;
  for (const k in from) if (k !== 'sizes' && Object.hasOwn(from, k)) out[k] = from[k];
  out['id'] = own.id;
  out['pattern'] = own.pattern;
  out['files'] = own.files;
  out['fileCount'] = own.files.length;
  out['bytes'] = own.bytes;
  out['modality'] = input.modality;
  out['confidence'] = input.confidence;
  out['evidence'] = own.evidence;
  out['destination'] = d.destination;
  out['clauseId'] = d.clauseId;
  out['reason'] = d.reason;
  out['omicsArchive'] = d.omicsArchive ?? null;
  out['overridden'] = d.overridden && (d.overridden.modality || d.overridden.destination) ? { ...d.overridden } : null;
  // routeStudy gives every decision its own notes array (shared/policy/route.ts), so it is not copied again.
  out['policyNotes'] = d.notes;
  return out as unknown as Fileset;
}

/** The bytes of some of a fileset's files, by their sizes (a module function, not a closure per fileset: issue 11). */
function bytesOf(files: readonly string[], sizeOf: ReadonlyMap<string, number> | undefined): number {
  let n = 0;
  for (const file of files) n += sizeOf?.get(file) ?? 0;
  return n;
}

/** The modality the router sees: inferred, or the user's with the inferred one kept as evidence. */
function routeInput(f: ScannedFileset, m: ModalityResult | undefined, user: SetByUser | undefined): RouteInput & { readonly modalityEvidence: readonly Evidence[] } {
  const inferred = m ?? { modality: 'unknown' as const, confidence: 0, evidence: [], alternatives: [] };
  const because = inferred.evidence.find((e) => e.supports === inferred.modality)?.detail;
  const was: Evidence | undefined = user?.modality
    ? { source: 'user', detail: `Modality set by you: ${modalityLabel(user.modality)} (inferred: ${modalityLabel(inferred.modality)}, confidence ${inferred.confidence.toFixed(2)}).`, weight: 1, supports: user.modality }
    : undefined;
  // One literal per fileset, its keys in the order the spread of a base object gave them (issue 11).
  return {
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
    modality: user?.modality ?? inferred.modality,
    confidence: user?.modality ? 1 : inferred.confidence,
    ...(!user?.modality && because ? { because } : {}),
    modalityEvidence: was ? [was, ...inferred.evidence] : inferred.evidence,
  };
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
    const sizes = f.sizes;
    const sizeOf = routed.parts.length > 0 ? new Map(f.files.map((file, i) => [file, sizes[i] ?? 0])) : undefined;
    const taken = sizeOf ? new Set(routed.parts.flatMap((p) => p.files)) : undefined;
    const rest = taken && taken.size > 0 ? f.files.filter((file) => !taken.has(file)) : f.files;
    if (rest.length > 0) {
      const single = rest.length === 1 && rest.length < f.files.length ? rest[0]! : undefined;
      const own: DecidedFields = {
        id: f.id,
        pattern: single ? single.slice(single.lastIndexOf('/') + 1) : f.pattern,
        files: [...rest],
        bytes: rest.length === f.files.length ? f.bytes : bytesOf(rest, sizeOf),
        evidence: decidedEvidence(f.evidence, input.modalityEvidence, routed.decision.evidence),
      };
      out.push(decidedFileset(f, own, input, routed.decision));
    }
    routed.parts.forEach((part, i) => {
      const wanted = new Set(part.files);
      const files = f.files.filter((file) => wanted.has(file));
      if (files.length === 0) return;
      const id = `${f.id}~r${i + 1}`;
      for (const file of files) renamed.set(`${f.id}\0${file}`, id);
      const evidence = decidedEvidence(f.evidence, input.modalityEvidence, part.decision.evidence);
      evidence.push({ source: 'study', stage: 'policy', detail: `Split from ${f.pattern}: ${part.label}.`, weight: 1 });
      const own: DecidedFields = { id, pattern: files.length === 1 ? files[0]!.slice(files[0]!.lastIndexOf('/') + 1) : `${f.pattern} (${part.label})`, files, bytes: bytesOf(files, sizeOf), evidence };
      out.push(decidedFileset(f, own, input, part.decision));
    });
  }
  const representatives = routing.study.tomograms.representatives.map((r) => ({ ...r, filesetId: renamed.get(`${r.filesetId}\0${r.file}`) ?? r.filesetId }));
  return { filesets: out, study: { ...routing.study, tomograms: { ...routing.study.tomograms, representatives }, overrides: resolved.applied } };
}
