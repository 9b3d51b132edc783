import { z } from 'zod';
import { ModalitySchema } from '../modality/modalities';

/** Where a fact came from: file bytes, a sidecar file, the name, the folder layout, the extension. */
export const PROVENANCES = ['header', 'sidecar', 'name', 'layout', 'extension'] as const;

/** Schema of a provenance. */
export const ProvenanceSchema = z.enum(PROVENANCES);

/** A provenance. */
export type Provenance = z.infer<typeof ProvenanceSchema>;

/**
 * Where a piece of evidence came from: a fact's provenance, or what modality inference and the policy add —
 * a neighbouring fileset, the study as a whole, or the user's own choice.
 */
export const EVIDENCE_SOURCES = [...PROVENANCES, 'neighbour', 'study', 'user'] as const;

/** Schema of an evidence source. */
export const EvidenceSourceSchema = z.enum(EVIDENCE_SOURCES);

/** An evidence source. */
export type EvidenceSource = z.infer<typeof EvidenceSourceSchema>;

/**
 * The stage of the engine that produced a piece of evidence: reading a file's format, a folder layout, a
 * sidecar that describes the data, a modality rule, the policy, or the user's own setting.
 */
export const EVIDENCE_STAGES = ['format', 'layout', 'sidecar', 'modality', 'policy', 'user'] as const;

/** Schema of an evidence stage. */
export const EvidenceStageSchema = z.enum(EVIDENCE_STAGES);

/** The stage that produced a piece of evidence. */
export type EvidenceStage = z.infer<typeof EvidenceStageSchema>;

/**
 * One piece of evidence behind a classification: its source, a sentence for the user, its weight, and —
 * for modality evidence — the modality it speaks for, so evidence against the chosen one stays visible.
 * `weight` has one meaning at every stage: how strongly the entry bears on the decision of its stage, 0–1
 * (a modality vote's strength; how sure a reading or pairing is; 1 for a fact the policy or the user
 * decided by; 0 for a note or problem that decided nothing). Readers add `stage` when they assemble a
 * fileset's evidence (see `staged`); every fileset of a report carries it.
 */
export const EvidenceSchema = z
  .object({
    source: EvidenceSourceSchema,
    stage: EvidenceStageSchema.optional(),
    detail: z.string().min(1),
    weight: z.number().min(0).max(1),
    supports: ModalitySchema.optional(),
  })
  .strict();

/** One piece of evidence. */
export type Evidence = z.infer<typeof EvidenceSchema>;

/** Evidence as a report carries it: with the stage that produced it. */
export const StagedEvidenceSchema = EvidenceSchema.extend({ stage: EvidenceStageSchema }).strict();

/** Evidence with its stage. */
export type StagedEvidence = z.infer<typeof StagedEvidenceSchema>;

/** Stamps evidence with the stage that produced it (an entry that already has one keeps it). */
export function staged(stage: EvidenceStage | ((e: Evidence) => EvidenceStage), list: readonly Evidence[]): StagedEvidence[] {
  return list.map((e) => (e.stage ? (e as StagedEvidence) : { ...e, stage: typeof stage === 'function' ? stage(e) : stage }));
}
