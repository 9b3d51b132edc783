import { z } from 'zod';
import { OverrideSchema, PolicyOptionsSchema } from '../policy/types';

/**
 * A study's draft: what the user entered for a scanned study (the metadata as typed, the routing
 * corrections) kept by main between sessions, one per study, keyed by its sorted roots. Main writes it
 * atomically into the app's user-data folder (main/services/draft-store.ts; docs/deposit.md §9).
 */

/** Version of a draft file's shape; a file of another version is set aside rather than misread. */
export const DRAFT_VERSION = 1;

/**
 * Largest draft main keeps: the limit of a metadata file (docs/deposit.md §1.10, 4 MiB). A draft is typed
 * by a person — the complete example document is about 3 KB — so anything larger is a mistake.
 */
export const MAX_DRAFT_BYTES = 4 * 1024 * 1024;

/** Most drafts the recent-studies list shows; older ones stay on disk until removed. */
export const MAX_LISTED_DRAFTS = 20;

/** Most roots a draft names (the limit of one scan, shared/ipc/contract.ts `MAX_ROOTS_PER_SCAN`). */
const MAX_DRAFT_ROOTS = 64;
/** Longest root path (shared/ipc/contract.ts `MAX_PATH_LENGTH`). */
const MAX_DRAFT_PATH = 32767;
/** Most overrides a draft keeps (shared/ipc/contract.ts `MAX_OVERRIDES`). */
const MAX_DRAFT_OVERRIDES = 10000;

/** A draft's key: 32 hex digits of SHA-256 of its sorted roots; the only name of a draft the renderer sends. */
export const DraftKeySchema = z.string().regex(/^[0-9a-f]{32}$/, 'a draft key is 32 hexadecimal digits');

/** A draft file as main writes and reads it. */
export const StudyDraftSchema = z
  .object({
    version: z.literal(DRAFT_VERSION),
    key: DraftKeySchema,
    /** Absolute paths of the study's roots, in the order they were scanned. */
    roots: z.array(z.string().min(1).max(MAX_DRAFT_PATH)).min(1).max(MAX_DRAFT_ROOTS),
    /** The study metadata as typed (defaults not applied), so a half-filled form comes back as it was left. */
    metadata: z.record(z.string(), z.unknown()),
    /** The policy thresholds the study was routed with. */
    options: PolicyOptionsSchema.partial(),
    /** The user's corrections to the routing. */
    overrides: z.array(OverrideSchema).max(MAX_DRAFT_OVERRIDES),
    /** ISO 8601 times the draft was last written and last opened or written (the recent list's order). */
    savedAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime(),
  })
  .strict();

/** A draft. */
export type StudyDraft = z.infer<typeof StudyDraftSchema>;

/** One line of the recent-studies list. */
export const DraftSummarySchema = z
  .object({
    key: DraftKeySchema,
    roots: z.array(z.string().min(1)),
    /** The study title typed so far, `null` before one is. */
    title: z.string().nullable(),
    savedAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime(),
  })
  .strict();

/** One line of the recent-studies list. */
export type DraftSummary = z.infer<typeof DraftSummarySchema>;
