import { CONTEXT_RULES, studyContext, type ContextFinding } from './context';
import { fuse } from './fuse';
import { DATA_RULES } from './rules-data';
import { EM_RULES } from './rules-em';
import { IMAGING_RULES } from './rules-imaging';
import { signalsOf } from './signals';
import type { ModalityInput, ModalityResult, Vote } from './types';
import type { ModalityRule } from './weights';

/** Every rule that reads one fileset, in the order their evidence is listed. */
export const MODALITY_RULES: readonly ModalityRule[] = [...EM_RULES, ...IMAGING_RULES, ...DATA_RULES];


/**
 * Infers the modality of every fileset of a study: first from each fileset's own evidence, then once more
 * with what the study around it says (neighbours in its folder, tilt series beside volumes, the output
 * folder of a spatial-omics run). Pure and deterministic; linear in the number of filesets.
 */
export function inferModalities(filesets: readonly ModalityInput[]): Map<string, ModalityResult> {
  // Loops rather than map/flatMap: the rules run for every fileset of a study, and the intermediate arrays
  // per fileset and rule made inference allocation-bound over 40k filesets (issue 11).
  const signals = filesets.map(signalsOf);
  const own = new Map<string, Vote[]>();
  const first = new Map<string, ModalityResult>();
  for (const s of signals) {
    const votes: Vote[] = [];
    for (const r of MODALITY_RULES) for (const v of r.votes(s)) votes.push(v);
    own.set(s.f.id, votes);
    first.set(s.f.id, fuse(votes));
  }
  const ctx = studyContext({ signals, results: first });
  const out = new Map<string, ModalityResult>();
  for (const s of signals) {
    const r = first.get(s.f.id)!;
    let findings: ContextFinding[] | undefined;
    for (const rule of CONTEXT_RULES) {
      const c = rule(s, r, ctx);
      if (c.votes.length > 0 || c.relabel) (findings ??= []).push(c);
    }
    const extra: Vote[] = [];
    if (findings) for (const c of findings) for (const v of c.votes) extra.push(v);
    if (!findings || extra.length === 0) {
      out.set(s.f.id, r);
      continue;
    }
    let votes = own.get(s.f.id)!;
    for (const { relabel } of findings) {
      if (relabel) votes = votes.map((v) => (v.modality === relabel.from ? { ...v, modality: relabel.to, detail: `${v.detail.replace(/\.$/, '')} — ${relabel.why}.` } : v));
    }
    for (const v of extra) votes.push(v);
    out.set(s.f.id, fuse(votes));
  }
  return out;
}
