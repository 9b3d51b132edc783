import type { Fileset } from '../../shared/model/fileset';
import type { ScanReport } from '../../shared/model/scan-report';
import { SCAN_REPORT_SCHEMA_VERSION } from '../../shared/model/scan-report';

/** A valid fileset with the given fields replaced. */
export function createFileset(partial: Partial<Fileset> = {}): Fileset {
  return {
    id: 'fs-1',
    root: '/data/study',
    directory: 'stack',
    pattern: 'slice_####.tif',
    extension: '.tif',
    files: ['stack/slice_0001.tif', 'stack/slice_0002.tif'],
    fileCount: 2,
    bytes: 2048,
    format: 'tiff',
    formatSource: 'bytes',
    formatConfidence: 0.85,
    sampling: { read: 2, total: 2, full: false },
    kind: 'image',
    modality: 'unknown',
    confidence: 0,
    evidence: [{ source: 'header', stage: 'format', detail: 'TIFF header II*', weight: 0.8 }],
    facts: {},
    layouts: [],
    destination: 'REVIEW',
    clauseId: 'review-unknown',
    reason: 'Nothing says what these files are.',
    policyNotes: [],
    omicsArchive: null,
    overridden: null,
    ...partial,
  };
}

/** A valid report with the given fields replaced. */
export function createReport(partial: Partial<ScanReport> = {}): ScanReport {
  const filesets = partial.filesets ?? [createFileset()];
  return {
    schemaVersion: SCAN_REPORT_SCHEMA_VERSION,
    tool: { name: 'deposit-assistant', version: '0.1.0' },
    generatedAt: '2026-11-21T12:00:00.000Z',
    roots: ['/data/study'],
    study: {
      correlative: false,
      correlativeSplit: false,
      correlationInformation: false,
      components: [],
      tomograms: { count: 0, rule: 'none', representatives: [] },
      patientData: false,
      options: { tomogramsFew: 5, representatives: 3 },
      overrides: [],
      policyVersion: '2026-12-02',
    },
    totals: {
      files: filesets.reduce((n, f) => n + f.fileCount, 0),
      bytes: filesets.reduce((n, f) => n + f.bytes, 0),
      filesets: filesets.length,
      directories: 1,
      errors: 0,
      warnings: 0,
    },
    filesets,
    bundles: [],
    issues: [],
    ...partial,
  };
}
