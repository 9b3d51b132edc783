import { CONTEXT_RULES, studyContext } from './context';
import { fuse } from './fuse';
import { DATA_RULES } from './rules-data';
import { EM_RULES } from './rules-em';
import { IMAGING_RULES } from './rules-imaging';
import { signalsOf } from './signals';
import type { ModalityInput, ModalityResult } from './types';
import type { ModalityRule } from './weights';

/** Every rule that reads one fileset, in the order their evidence is listed. */
export const MODALITY_RULES: readonly ModalityRule[] = [...EM_RULES, ...IMAGING_RULES, ...DATA_RULES];


/**
 * Infers the modality of every fileset of a study: first from each fileset's own evidence, then once more
 * with what the study around it says (neighbours in its folder, tilt series beside volumes, the output
 * folder of a spatial-omics run). Pure and deterministic; linear in the number of filesets.
 */
export function inferModalities(filesets: readonly ModalityInput[]): Map<string, ModalityResult> {
  const signals = filesets.map(signalsOf);
  const own = new Map(signals.map((s) => [s.f.id, MODALITY_RULES.flatMap((r) => r.votes(s))]));
  const first = new Map(signals.map((s) => [s.f.id, fuse(own.get(s.f.id)!)]));
  const ctx = studyContext({ signals, results: first });
  const out = new Map<string, ModalityResult>();
  for (const s of signals) {
    const r = first.get(s.f.id)!;
    const findings = CONTEXT_RULES.map((rule) => rule(s, r, ctx));
    const extra = findings.flatMap((c) => c.votes);
    if (extra.length === 0) {
      out.set(s.f.id, r);
      continue;
    }
    let votes = own.get(s.f.id)!;
    for (const { relabel } of findings) {
      if (relabel) votes = votes.map((v) => (v.modality === relabel.from ? { ...v, modality: relabel.to, detail: `${v.detail.replace(/\.$/, '')} — ${relabel.why}.` } : v));
    }
    out.set(s.f.id, fuse([...votes, ...extra]));
  }
  return out;
}
