import { z } from 'zod';
import { BundleSchema } from './bundle';
import { FilesetSchema, FilesetViewSchema } from './fileset';
import { IssueSchema } from './issue';
import { StudyFindingsSchema } from '../policy/types';

/**
 * Version of the report's shape; bumped on any change a consumer could notice. 3: evidence carries the
 * stage that produced it, formats are a closed list, facts gained `series`, layouts gained the pairing kinds.
 * 4: bundles carry their checklist and readiness, and the not-depositable part has a bundle of its own.
 * 5: facts gained `species` (DICOM Patient Species, issue 12 finding 8).
 */
export const SCAN_REPORT_SCHEMA_VERSION = 5;

/** Study-level findings of the policy over all roots together: correlative or not, tomogram rule, patient data, options and overrides. */
export const StudySchema = StudyFindingsSchema;

/** Counts over the whole scan. */
export const TotalsSchema = z
  .object({
    files: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
    filesets: z.number().int().nonnegative(),
    directories: z.number().int().nonnegative(),
    errors: z.number().int().nonnegative(),
    warnings: z.number().int().nonnegative(),
  })
  .strict();

/** Counts over the whole scan. */
export type Totals = z.infer<typeof TotalsSchema>;

const ReportCore = z
  .object({
    schemaVersion: z.literal(SCAN_REPORT_SCHEMA_VERSION),
    tool: z.object({ name: z.string().min(1), version: z.string().min(1) }).strict(),
    /** ISO 8601 time the scan finished. */
    generatedAt: z.iso.datetime(),
    /** Absolute paths of the scanned roots, in the order given. */
    roots: z.array(z.string().min(1)),
    study: StudySchema,
    totals: TotalsSchema,
    bundles: z.array(BundleSchema),
  })
  .strict();

/** The scan report the CLI prints with `--json` and the app shows: every regular file of every root, exactly once, in one fileset. */
export const ScanReportSchema = ReportCore.extend({
  filesets: z.array(FilesetSchema),
  issues: z.array(IssueSchema),
}).strict();

/** The scan report. */
export type ScanReport = z.infer<typeof ScanReportSchema>;

/** Issues a report view carries; the rest are counted in `issuesOmitted`. */
export const REPORT_VIEW_ISSUES = 1000;

/** The report as the UI receives it: filesets without their full file lists, issues capped. */
export const ScanReportViewSchema = ReportCore.extend({
  scanId: z.string().min(1),
  filesets: z.array(FilesetViewSchema),
  issues: z.array(IssueSchema).max(REPORT_VIEW_ISSUES),
  issuesOmitted: z.number().int().nonnegative(),
}).strict();

/** The report as the UI receives it. */
export type ScanReportView = z.infer<typeof ScanReportViewSchema>;
