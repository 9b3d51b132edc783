import type { Facts } from '../../shared/formats/facts';
import type { FormatId } from '../../shared/formats/format-catalog';
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
      policyVersion: '2026-12-04',
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

/** A fact read from a file's own header. */
export function headerFact<T>(value: T): { value: T; provenance: 'header' } {
  return { value, provenance: 'header' };
}

let seriesSeq = 0;

/**
 * A fileset in `directory` named `pattern` as the scan hands it to inference: a pattern with `#` is a
 * numbered series of `count` files (12 by default), any other pattern one file of that name; the extension is
 * the pattern's last dot part.
 */
export function createSeries(directory: string, pattern: string, format: FormatId, facts: Facts = {}, extra: Partial<Fileset> & { count?: number } = {}): Fileset {
  const { count, ...rest } = extra;
  const run = /#+/.exec(pattern);
  const n = run ? (count ?? 12) : 1;
  const names = run ? Array.from({ length: n }, (_, i) => pattern.replace(run[0], String(i + 1).padStart(run[0].length, '0'))) : [pattern];
  const files = names.map((name) => (directory === '.' ? name : `${directory}/${name}`));
  const dot = pattern.lastIndexOf('.');
  return createFileset({
    id: `s${++seriesSeq}`,
    root: '/data/study',
    directory,
    pattern,
    extension: dot > 0 ? pattern.slice(dot).toLowerCase() : '',
    files,
    fileCount: files.length,
    bytes: files.length * 1024,
    format,
    kind: 'image',
    facts,
    layouts: [],
    sampling: { read: 1, total: files.length, full: files.length === 1 },
    ...rest,
  });
}
