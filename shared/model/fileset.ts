import { z } from 'zod';
import { DestinationSchema, OmicsArchiveSchema } from './destination';
import { ModalitySchema } from '../modality/modalities';
import { StagedEvidenceSchema } from './evidence';
import { FactsSchema } from '../formats/facts';
import { FileKindSchema } from '../formats/file-kind';
import { FormatIdSchema } from '../formats/format-catalog';
import { LayoutRefSchema } from '../layouts/types';

/** How the fileset's format was established: read from bytes, a known file name, only the extension, or not at all. */
export const FormatSourceSchema = z.enum(['bytes', 'layout', 'name', 'extension', 'none']);

/** How a format was established. */
export type FormatSource = z.infer<typeof FormatSourceSchema>;

/** Fields every fileset carries, whether or not its file list travels with it. */
const FilesetCore = z
  .object({
    /** Stable for the same root, folder and pattern across scans. */
    id: z.string().min(1),
    /** Absolute path of the scan root the fileset lies in. */
    root: z.string().min(1),
    /** POSIX path of the folder relative to `root`; `.` for the root itself. */
    directory: z.string().min(1),
    /** Display pattern of the names, digits collapsed (`slice_####.tif`). */
    pattern: z.string().min(1),
    /** Lower-case extension shared by the files (`.ome.tiff`), `""` when none. */
    extension: z.string(),
    fileCount: z.number().int().positive(),
    bytes: z.number().int().nonnegative(),
    format: FormatIdSchema,
    formatSource: FormatSourceSchema,
    /** 0–1: how sure the format is (the modality has its own `confidence`). */
    formatConfidence: z.number().min(0).max(1),
    /** Files whose headers were read to decide the format: a sample of `total`, or all with `full`. */
    sampling: z.object({ read: z.number().int().nonnegative(), total: z.number().int().positive(), full: z.boolean() }).strict(),
    kind: FileKindSchema,
    modality: ModalitySchema,
    /** 0–1: how sure the modality is; 0 when nothing has been inferred. */
    confidence: z.number().min(0).max(1),
    evidence: z.array(StagedEvidenceSchema),
    facts: FactsSchema,
    /** Folder layouts the fileset belongs to (an EPU session, a RELION project, an HCS plate…). */
    layouts: z.array(LayoutRefSchema),
    destination: DestinationSchema,
    /** Policy clause that made the decision (shared/policy/catalog.ts); review has its own clauses. */
    clauseId: z.string().min(1),
    reason: z.string().min(1),
    /** Note clauses of the policy that inform the decision (policy points, note 1, linking), by id. */
    policyNotes: z.array(z.string().min(1)),
    /** For `OMICS`: which omics archive; `null` otherwise. */
    omicsArchive: OmicsArchiveSchema.nullable(),
    /** What the user set for this fileset (modality, destination); `null` when nothing was overridden. */
    overridden: z.object({ modality: ModalitySchema.optional(), destination: DestinationSchema.optional() }).strict().nullable(),
  })
  .strict();

/** A group of files of one folder that share a name pattern and extension, with its classification and decision. */
export const FilesetSchema = FilesetCore.extend({
  /** Every file, as a POSIX path relative to `root`, sorted. */
  files: z.array(z.string().min(1)).min(1),
}).strict();

/** A fileset with its full file list. */
export type Fileset = z.infer<typeof FilesetSchema>;

/** Files of a fileset shipped with a view before the rest is asked for. */
export const FILESET_VIEW_SAMPLE = 20;

/** A fileset as the UI receives it: the first few files only; the rest are paged on demand. */
export const FilesetViewSchema = FilesetCore.extend({
  sampleFiles: z.array(z.string().min(1)).max(FILESET_VIEW_SAMPLE),
}).strict();

/** A fileset as the UI receives it. */
export type FilesetView = z.infer<typeof FilesetViewSchema>;
