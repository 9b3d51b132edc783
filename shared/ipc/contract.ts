import { z } from 'zod';
import { ScanReportViewSchema } from '../model/scan-report';
import { OverrideSchema, PolicyOptionsSchema } from '../policy/types';
import { BundleSchema, BundleTargetSchema } from '../model/bundle';
import { StudyMetadataSchema } from '../deposit/metadata';
import { ChecksumAlgorithmSchema, CHECKSUM_ALGORITHMS } from '../export/checksum-algorithm';
import { ExportProgressSchema, ExportSummarySchema } from '../export/export-result';
import { DraftKeySchema, DraftSummarySchema, StudyDraftSchema } from '../drafts/draft';

/** Longest root list one scan accepts; a person drops a handful of folders, not thousands. */
export const MAX_ROOTS_PER_SCAN = 64;

/** Largest page of file paths one `scan:files` call returns. */
export const MAX_FILES_PAGE = 1000;

/** Most overrides one re-routing accepts; a person sets a handful, a script might set hundreds. */
export const MAX_OVERRIDES = 10000;

/** Longest path string accepted over IPC (PATH_MAX is 4096 on Linux; Windows long paths reach 32767). */
export const MAX_PATH_LENGTH = 32767;

const PathString = z.string().min(1).max(MAX_PATH_LENGTH);
const ScanId = z.string().min(1).max(64);
const Empty = z.object({}).strict();

/** What the app tells the UI about itself. */
export const AppInfoSchema = z
  .object({
    name: z.string().min(1),
    version: z.string().min(1),
    /** Absolute path of the bundled demo study, `null` if the build does not contain it. */
    demoStudyPath: PathString.nullable(),
  })
  .strict();

/** Progress of a running scan, sent at most ten times a second. */
export const ScanProgressSchema = z
  .object({
    phase: z.enum(['walking', 'grouping', 'reading']),
    files: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
    directories: z.number().int().nonnegative(),
    errors: z.number().int().nonnegative(),
    /** Header reads done and planned (the `reading` phase; 0 before it). */
    headersRead: z.number().int().nonnegative(),
    headersTotal: z.number().int().nonnegative(),
    elapsedMs: z.number().nonnegative(),
    filesPerSecond: z.number().nonnegative(),
    bytesPerSecond: z.number().nonnegative(),
    /** Absolute path of the folder being read, `null` between folders. */
    currentDirectory: z.string().nullable(),
  })
  .strict();

/** Progress of a running scan. */
export type ScanProgress = z.infer<typeof ScanProgressSchema>;

/** Everything a scan tells the UI after it starts. */
export const ScanEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), scanId: ScanId, progress: ScanProgressSchema }).strict(),
  z.object({ type: z.literal('done'), scanId: ScanId, report: ScanReportViewSchema }).strict(),
  z.object({ type: z.literal('cancelled'), scanId: ScanId, progress: ScanProgressSchema }).strict(),
  z.object({ type: z.literal('failed'), scanId: ScanId, message: z.string().min(1) }).strict(),
]);

/** One scan event. */
export type ScanEvent = z.infer<typeof ScanEventSchema>;

const ExportId = z.string().min(1).max(64);

/**
 * Study metadata as the UI sends it for validation: any JSON object. Main parses it and answers shape
 * problems (a misspelt field, a wrong type) as problems, in the same words as `metadata --check`.
 */
const MetadataDocument = z.record(z.string(), z.unknown());

/** One problem of the study metadata (shared/deposit/metadata-problem.ts). */
export const MetadataProblemSchema = z
  .object({
    field: z.string().min(1),
    message: z.string().min(1),
    severity: z.enum(['error', 'warning']),
    blocks: z.array(BundleTargetSchema),
  })
  .strict();

/** Why main did not start an export: the same refusals as the CLI's exit code 3 (main/export/export-target.ts). */
export const EXPORT_REFUSALS = ['inside-root', 'contains-root', 'exists', 'not-an-export', 'parent-missing', 'parent-not-writable'] as const;

/** What `export:start` answers: started (with the folder the user chose), no folder chosen, or refused. */
export const ExportStartResponseSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('started'), exportId: ExportId, out: PathString }).strict(),
  z.object({ status: z.literal('no-folder') }).strict(),
  z.object({ status: z.literal('refused'), reason: z.enum(EXPORT_REFUSALS), message: z.string().min(1) }).strict(),
]);

/** Everything an export tells the UI after it starts. */
export const ExportEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), exportId: ExportId, progress: ExportProgressSchema }).strict(),
  z.object({ type: z.literal('done'), exportId: ExportId, summary: ExportSummarySchema }).strict(),
  /** `resumable`: finished checksums were kept, and exporting to the same folder again reuses them. */
  z.object({ type: z.literal('cancelled'), exportId: ExportId, progress: ExportProgressSchema, resumable: z.boolean() }).strict(),
  z.object({ type: z.literal('failed'), exportId: ExportId, message: z.string().min(1) }).strict(),
]);

/** One export event. */
export type ExportEvent = z.infer<typeof ExportEventSchema>;

/** Longest text `files:saveText` writes: citation files are a few KB; anything near this is not one. */
export const MAX_SAVED_TEXT = 4 * 1024 * 1024;

/** A file name the UI suggests for a save dialog: a bare name, no folder, no control character. */
const SuggestedFileName = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => !/[/\\]/.test(name) && ![...name].some((ch) => ch < ' '), 'a file name without a folder or control character');

/** Citation text of a routed study (docs/deposit.md §4), as `citations:build` answers it (shared/bundles/citations). */
export const CitationsSchema = z
  .object({
    /** The archives the study deposits in, in citation order (EMPIAR, BIA, EMDB, the omics archives). */
    archives: z.array(z.string().min(1)),
    availability: z
      .object({
        text: z.string(),
        sentences: z.array(z.object({ archive: z.string().min(1), text: z.string().min(1), accessions: z.array(z.string()), placeholder: z.boolean() }).strict()),
        /** Entered accessions that do not fit their archive's pattern, left out of the text. */
        problems: z.array(MetadataProblemSchema),
      })
      .strict(),
    methods: z.array(z.object({ modality: z.string().min(1), archive: z.string().min(1), filesetCount: z.number().int().positive(), text: z.string().min(1), empty: z.boolean() }).strict()),
    acknowledgement: z.string().min(1).nullable(),
    /** The archives' references, formatted as the archives' pages print them, with the archives that ask for each. */
    references: z.array(z.object({ key: z.string().min(1), text: z.string().min(1), archives: z.array(z.string().min(1)) }).strict()),
    bibtex: z.string(),
    ris: z.string(),
    /** CITATION.md, everything above as one text. */
    markdown: z.string(),
  })
  .strict();

/** Citation text of a routed study. */
export type Citations = z.infer<typeof CitationsSchema>;

/**
 * What the desktop shell asks of the UI: scan folders main already granted (File ▸ Open folders…, folders
 * dropped on the dock or taskbar icon, a second launch's arguments), or show a page (File ▸ Export…, Help).
 */
export const AppCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('open-paths'), paths: z.array(PathString).min(1).max(MAX_ROOTS_PER_SCAN) }).strict(),
  z.object({ type: z.literal('show-page'), page: z.enum(['export', 'policy']) }).strict(),
]);

/** One command of the desktop shell. */
export type AppCommand = z.infer<typeof AppCommandSchema>;

/** Request and response schema of every invoke channel. Types come from these, so they cannot drift. */
export const IPC_CONTRACT = {
  'app:info': { request: Empty, response: AppInfoSchema },
  /** Commands of the shell posted before the UI was listening (folders the app was launched with); the UI asks once it listens. */
  'app:pendingCommands': { request: Empty, response: z.object({ commands: z.array(AppCommandSchema) }).strict() },
  'dialog:openFolders': { request: Empty, response: z.object({ paths: z.array(PathString) }).strict() },
  /** Only the preload calls this, with the paths of files the user dropped; main grants those not yet granted only once the user confirms them in its own dialog (main/ipc/handlers.ts DropConsent). */
  'roots:grant': {
    request: z.object({ paths: z.array(PathString).min(1).max(MAX_ROOTS_PER_SCAN) }).strict(),
    response: z.object({ paths: z.array(PathString) }).strict(),
  },
  'scan:start': {
    request: z.object({ roots: z.array(PathString).min(1).max(MAX_ROOTS_PER_SCAN) }).strict(),
    response: z.object({ scanId: ScanId }).strict(),
  },
  'scan:cancel': {
    request: z.object({ scanId: ScanId }).strict(),
    response: z.object({ cancelled: z.boolean() }).strict(),
  },
  'scan:report': { request: z.object({ scanId: ScanId }).strict(), response: ScanReportViewSchema },
  /** Re-runs modality inference and the policy on a finished scan with new thresholds and overrides, without re-reading a file. */
  'scan:route': {
    request: z
      .object({
        scanId: ScanId,
        options: PolicyOptionsSchema.partial(),
        overrides: z.array(OverrideSchema).max(MAX_OVERRIDES),
      })
      .strict(),
    response: ScanReportViewSchema,
  },
  'scan:files': {
    request: z
      .object({
        scanId: ScanId,
        filesetId: z.string().min(1).max(64),
        offset: z.number().int().nonnegative(),
        limit: z.number().int().positive().max(MAX_FILES_PAGE),
      })
      .strict(),
    response: z.object({ files: z.array(z.string()), total: z.number().int().nonnegative() }).strict(),
  },
  /** The bundles of a finished scan under the metadata entered so far: checklists and readiness (no files written). */
  'bundles:build': {
    request: z.object({ scanId: ScanId, metadata: StudyMetadataSchema }).strict(),
    response: z.object({ bundles: z.array(BundleSchema) }).strict(),
  },
  /** What the metadata lacks, field by field, and which archives it blocks (those of the scan, when given; else all). */
  'metadata:validate': {
    request: z.object({ metadata: MetadataDocument, scanId: ScanId.optional() }).strict(),
    response: z.object({ problems: z.array(MetadataProblemSchema) }).strict(),
  },
  /**
   * Exports a finished scan's bundles. Main asks the user for the folder (a save dialog): the renderer never
   * names a path. `replace` consents to replacing an earlier export in that folder (the CLI's --force).
   */
  'export:start': {
    request: z
      .object({
        scanId: ScanId,
        metadata: StudyMetadataSchema,
        checksums: z.array(ChecksumAlgorithmSchema).max(CHECKSUM_ALGORITHMS.length),
        replace: z.boolean(),
      })
      .strict(),
    response: ExportStartResponseSchema,
  },
  'export:cancel': {
    request: z.object({ exportId: ExportId }).strict(),
    response: z.object({ cancelled: z.boolean() }).strict(),
  },
  /** The recent studies (drafts), most recently used first, and a message for each unreadable draft set aside. */
  'drafts:list': {
    request: Empty,
    response: z.object({ drafts: z.array(DraftSummarySchema), notices: z.array(z.string().min(1)) }).strict(),
  },
  /**
   * Opens a draft by its key and grants its roots in main (the user chose them when the draft was made; the
   * renderer names no path). `roots` are those still on disk, `missingRoots` the rest.
   */
  'drafts:load': {
    request: z.object({ key: DraftKeySchema }).strict(),
    response: z.discriminatedUnion('status', [
      z.object({ status: z.literal('loaded'), draft: StudyDraftSchema, roots: z.array(PathString), missingRoots: z.array(PathString) }).strict(),
      z.object({ status: z.literal('missing'), message: z.string().min(1) }).strict(),
      z.object({ status: z.literal('corrupt'), message: z.string().min(1) }).strict(),
    ]),
  },
  /** Saves the draft of a finished scan: its roots and corrections come from main's copy of the scan, the metadata as typed from the UI. */
  'drafts:save': {
    request: z.object({ scanId: ScanId, metadata: MetadataDocument }).strict(),
    response: z.discriminatedUnion('status', [
      z.object({ status: z.literal('saved'), key: DraftKeySchema, savedAt: z.iso.datetime() }).strict(),
      z.object({ status: z.literal('refused'), reason: z.enum(['too-large']), message: z.string().min(1) }).strict(),
    ]),
  },
  'drafts:remove': {
    request: z.object({ key: DraftKeySchema }).strict(),
    response: z.object({ removed: z.boolean() }).strict(),
  },
  /** The citation text of a finished scan under the metadata entered so far: data availability, methods, acknowledgement, references. */
  'citations:build': {
    request: z.object({ scanId: ScanId, metadata: StudyMetadataSchema }).strict(),
    response: CitationsSchema,
  },
  /** Saves text (BibTeX, RIS) where the user says in main's save dialog; the renderer only suggests a file name. */
  'files:saveText': {
    request: z.object({ defaultName: SuggestedFileName, content: z.string().max(MAX_SAVED_TEXT) }).strict(),
    response: z.discriminatedUnion('status', [z.object({ status: z.literal('saved'), path: PathString }).strict(), z.object({ status: z.literal('cancelled') }).strict()]),
  },
  /** Shows a finished export's folder in the file manager: the one main wrote for `exportId`, else the latest. */
  'shell:reveal': {
    request: z.object({ exportId: ExportId.optional() }).strict(),
    response: z.object({ revealed: z.boolean() }).strict(),
  },
  /** Reads a study metadata file (JSON or YAML) the user chooses in main's open dialog (docs/deposit.md §1.10). */
  'metadata:open': {
    request: Empty,
    response: z.discriminatedUnion('status', [
      z.object({ status: z.literal('opened'), file: PathString, metadata: StudyMetadataSchema }).strict(),
      z.object({ status: z.literal('invalid'), file: PathString, problems: z.array(MetadataProblemSchema) }).strict(),
      z.object({ status: z.literal('cancelled') }).strict(),
    ]),
  },
} as const;

/** Event channels from main to the UI, with their payload schemas. */
export const IPC_EVENTS = { 'scan:event': ScanEventSchema, 'export:event': ExportEventSchema, 'app:command': AppCommandSchema } as const;

/** An invoke channel name. */
export type IpcChannel = keyof typeof IPC_CONTRACT;

/** An event channel name. */
export type IpcEventName = keyof typeof IPC_EVENTS;

/** The request type of a channel. */
export type IpcRequest<C extends IpcChannel> = z.infer<(typeof IPC_CONTRACT)[C]['request']>;

/** The response type of a channel. */
export type IpcResponse<C extends IpcChannel> = z.infer<(typeof IPC_CONTRACT)[C]['response']>;

/** The payload type of an event channel. */
export type IpcEventPayload<E extends IpcEventName> = z.infer<(typeof IPC_EVENTS)[E]>;

/** Why an IPC call failed, as the UI can act on it. */
export const IPC_ERROR_CODES = ['BAD_REQUEST', 'FORBIDDEN', 'NOT_FOUND', 'INVALID_ROOT', 'NOT_GRANTED', 'INTERNAL'] as const;

/** Schema of an IPC error. */
export const IpcErrorSchema = z.object({ code: z.enum(IPC_ERROR_CODES), message: z.string().min(1) }).strict();

/** An IPC error. */
export type IpcError = z.infer<typeof IpcErrorSchema>;

/** What every invoke returns across the process boundary: a value or a typed error, never a thrown exception. */
export const IpcEnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }).strict(),
  z.object({ ok: z.literal(false), error: IpcErrorSchema }).strict(),
]);

/** An invoke result. */
export type IpcEnvelope = z.infer<typeof IpcEnvelopeSchema>;

/** True when a string names an invoke channel of the contract. */
export function isIpcChannel(name: string): name is IpcChannel {
  return Object.prototype.hasOwnProperty.call(IPC_CONTRACT, name);
}

/** What the app tells the UI about itself. */
export type AppInfo = z.infer<typeof AppInfoSchema>;
