import { z } from 'zod';
import { BundleTargetSchema } from '../model/bundle';
import { ChecksumAlgorithmSchema } from './checksum-algorithm';
import { PreflightFindingSchema } from './preflight';

/** Where an export is: writing the rendered bundles, hashing the files, writing manifests and moving the folder into place. */
export const EXPORT_PHASES = ['rendering', 'checksums', 'finishing'] as const;

/** Progress of an export (checksums dominate: files and bytes hashed of all, with the rate). */
export const ExportProgressSchema = z
  .object({
    phase: z.enum(EXPORT_PHASES),
    filesDone: z.number().int().nonnegative(),
    filesTotal: z.number().int().nonnegative(),
    /** Bytes read for checksums so far, and the bytes of all files to hash (from the scan). */
    bytesDone: z.number().int().nonnegative(),
    bytesTotal: z.number().int().nonnegative(),
    /** Files whose digests came from an interrupted earlier run. */
    reused: z.number().int().nonnegative(),
    elapsedMs: z.number().nonnegative(),
    bytesPerSecond: z.number().nonnegative(),
    filesPerSecond: z.number().nonnegative(),
  })
  .strict();

/** Progress of an export. */
export type ExportProgress = z.infer<typeof ExportProgressSchema>;

/** One checksum manifest: `cd <root> && md5sum -c <file>` verifies it. */
export const ManifestInfoSchema = z
  .object({
    algorithm: ChecksumAlgorithmSchema,
    /** Absolute path of the scan root its paths are relative to. */
    root: z.string().min(1),
    /** Path of the manifest relative to the export folder (`empiar/MANIFEST-em_disk.md5`). */
    file: z.string().min(1),
    entries: z.number().int().nonnegative(),
  })
  .strict();

/** One manifest an export wrote. */
export type ManifestInfo = z.infer<typeof ManifestInfoSchema>;

/** What an export wrote for one bundle. */
export const ExportedBundleSchema = z
  .object({
    archive: BundleTargetSchema,
    /** The bundle's folder in the export (`empiar`). */
    folder: z.string().min(1),
    /** Every file written for it, relative to the export folder. */
    files: z.array(z.string().min(1)),
    manifests: z.array(ManifestInfoSchema),
    readiness: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative(), ready: z.boolean() }).strict(),
    preflight: z.array(PreflightFindingSchema),
  })
  .strict();

/** What an export wrote for one bundle. */
export type ExportedBundle = z.infer<typeof ExportedBundleSchema>;

/** The result of a finished export (`export --json`, the `export:event` done event). */
export const ExportSummarySchema = z
  .object({
    /** Absolute path of the export folder. */
    out: z.string().min(1),
    /** A previous export was replaced (`--force`). */
    replaced: z.boolean(),
    bundles: z.array(ExportedBundleSchema),
    /** Study-level files at the top of the export (`report.json`, `README.md`, `CITATION.md`…). */
    studyFiles: z.array(z.string().min(1)),
    checksums: z
      .object({
        algorithms: z.array(ChecksumAlgorithmSchema),
        files: z.number().int().nonnegative(),
        bytes: z.number().int().nonnegative(),
        /** Files hashed by this run, and reused from an interrupted one (same path, size and mtime). */
        hashed: z.number().int().nonnegative(),
        reused: z.number().int().nonnegative(),
        /** Files that could not be read (listed in the bundle's pre-flight findings). */
        failed: z.number().int().nonnegative(),
        /** Worker threads used (0: hashed on the main thread). */
        threads: z.number().int().nonnegative(),
      })
      .strict(),
  })
  .strict();

/** The result of a finished export. */
export type ExportSummary = z.infer<typeof ExportSummarySchema>;
