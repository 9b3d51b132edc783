import { z } from 'zod';
import { ScanReportViewSchema } from '../model/scan-report';
import { OverrideSchema, PolicyOptionsSchema } from '../policy/types';
import { BundleSchema, BundleTargetSchema } from '../model/bundle';
import { StudyMetadataSchema } from '../deposit/metadata';
import { ChecksumAlgorithmSchema, CHECKSUM_ALGORITHMS } from '../export/checksum-algorithm';
import { ExportProgressSchema, ExportSummarySchema } from '../export/export-result';

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

/** Request and response schema of every invoke channel. Types come from these, so they cannot drift. */
export const IPC_CONTRACT = {
  'app:info': { request: Empty, response: AppInfoSchema },
  'dialog:openFolders': { request: Empty, response: z.object({ paths: z.array(PathString) }).strict() },
  /** Only the preload calls this, with the paths of files the user really dropped (page script cannot forge those). */
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
} as const;

/** Event channels from main to the UI, with their payload schemas. */
export const IPC_EVENTS = { 'scan:event': ScanEventSchema, 'export:event': ExportEventSchema } as const;

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
