import { z } from 'zod';
import { ARCHIVE_DESTINATIONS } from './destination';

/**
 * What a bundle is built for: each archive that receives data, and `NONE` — the filesets left out
 * (patient data, OS clutter), reported by count, folder and clause, never by file name (issue 9).
 */
export const BUNDLE_TARGETS = [...ARCHIVE_DESTINATIONS, 'NONE'] as const;

/** Schema of a bundle target. */
export const BundleTargetSchema = z.enum(BUNDLE_TARGETS);

/** A bundle target. */
export type BundleTarget = z.infer<typeof BundleTargetSchema>;

/**
 * One step of depositing a bundle: what to do, the archive rule or policy clause behind it, and whether the
 * data or the metadata already satisfy it (with the evidence that says so).
 */
export const ChecklistItemSchema = z
  .object({
    /** Stable within its bundle (`empiar-corresponding-author`), for the UI and tests. */
    id: z.string().min(1),
    /** What to do, in words a researcher understands. */
    text: z.string().min(1),
    /** The rule behind it: a policy clause id or a section of the repo's archive notes (`docs/empiar.md §7`). */
    rule: z.string().min(1),
    done: z.boolean(),
    /** What makes it done (a fact, a metadata field), or what is missing. */
    evidence: z.string().min(1).nullable(),
    /** The archive refuses the deposition until this is done (a final file is not written before). */
    blocking: z.boolean(),
  })
  .strict();

/** One checklist item. */
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

/** Schema of one deposition bundle: the filesets that go to one target, their totals, checklist and readiness. */
export const BundleSchema = z
  .object({
    archive: BundleTargetSchema,
    filesetIds: z.array(z.string().min(1)).min(1),
    fileCount: z.number().int().positive(),
    bytes: z.number().int().nonnegative(),
    /** Ordered steps; the UI and the CLI show the same list. */
    checklist: z.array(ChecklistItemSchema),
    /** Checklist items done, of all; `ready` when no blocking item is left. */
    readiness: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative(), ready: z.boolean() }).strict(),
  })
  .strict();

/** One deposition bundle. */
export type Bundle = z.infer<typeof BundleSchema>;

/** A file a bundle consists of, as text: its path inside the bundle folder and its content. */
export interface BundleFile {
  /** POSIX path relative to the bundle's folder (`empiar-deposition.json`, `file-lists/light-microscopy.tsv`). */
  readonly path: string;
  readonly content: string;
}
