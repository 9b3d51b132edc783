import { z } from 'zod';
import { EvidenceSchema } from './evidence';
import { FactsSchema } from '../formats/facts';
import { FormatSourceSchema } from './fileset';
import { FileKindSchema } from '../formats/file-kind';
import { FormatIdSchema } from '../formats/format-catalog';

/** What the engine knows about one file: `inspect <file> --json` prints exactly this. */
export const InspectResultSchema = z
  .object({
    path: z.string().min(1),
    size: z.number().int().nonnegative(),
    modifiedAt: z.iso.datetime(),
    format: FormatIdSchema,
    formatSource: FormatSourceSchema,
    kind: FileKindSchema,
    /** 0–1: how sure the format is. */
    confidence: z.number().min(0).max(1),
    facts: FactsSchema,
    evidence: z.array(EvidenceSchema),
    /** Why the engine could not say more; empty when it read what it needed. */
    problems: z.array(z.string().min(1)),
  })
  .strict();

/** What the engine knows about one file. */
export type InspectResult = z.infer<typeof InspectResultSchema>;
