import { z } from 'zod';

/** Where a piece of evidence or a fact came from: file bytes, a sidecar file, the name, the folder layout. */
export const PROVENANCES = ['header', 'sidecar', 'name', 'layout', 'extension'] as const;

/** Schema of a provenance. */
export const ProvenanceSchema = z.enum(PROVENANCES);

/** A provenance. */
export type Provenance = z.infer<typeof ProvenanceSchema>;

/** One piece of evidence behind a classification: its source, a sentence for the user, and its weight (0–1). */
export const EvidenceSchema = z
  .object({
    source: ProvenanceSchema,
    detail: z.string().min(1),
    weight: z.number().min(0).max(1),
  })
  .strict();

/** One piece of evidence. */
export type Evidence = z.infer<typeof EvidenceSchema>;
