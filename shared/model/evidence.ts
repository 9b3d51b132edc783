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
 * One piece of evidence behind a classification: its source, a sentence for the user, its weight (0–1),
 * and — for modality evidence — the modality it speaks for, so evidence against the chosen one stays visible.
 */
export const EvidenceSchema = z
  .object({
    source: EvidenceSourceSchema,
    detail: z.string().min(1),
    weight: z.number().min(0).max(1),
    supports: ModalitySchema.optional(),
  })
  .strict();

/** One piece of evidence. */
export type Evidence = z.infer<typeof EvidenceSchema>;
