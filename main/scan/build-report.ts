import path from 'node:path';
import { SCAN_REPORT_SCHEMA_VERSION, type ScanReport } from '../../shared/model/scan-report';
import type { Issue } from '../../shared/model/issue';
import { staged } from '../../shared/model/evidence';
import { aggregateSamples, type SampleResult } from '../../shared/formats/aggregate';
import { decideStudy, type PolicyInput, type ScannedFileset } from '../../shared/study/decide-study';
import { withLayouts } from '../../shared/layouts/apply-layouts';
import { planBundles } from '../../shared/bundles/plan-bundles';
import { TOOL } from '../app-meta';
import type { FileGroup } from './grouper';
import type { WalkRoot } from './walker';
import { inFolder } from '../../shared/naming/place';

/** What a finished walk hands to the report. */
export interface ReportInput {
  readonly roots: readonly WalkRoot[];
  readonly groups: readonly FileGroup[];
  readonly issues: readonly Issue[];
  readonly directories: number;
  readonly generatedAt: Date;
  /** Header samples per group id. */
  readonly samples: ReadonlyMap<string, readonly SampleResult[]>;
  /** Whether every header was read (`--full`). */
  readonly full: boolean;
}

function byCodeUnits(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** One note per fileset (not per file) about what its readers could not understand. */
function filesetIssues(f: ScannedFileset, samples: readonly SampleResult[]): Issue[] {
  const where = (file: string) => path.join(f.root, ...file.split('/'));
  const out: Issue[] = [];
  const unknown = samples.filter((s) => s.format === 'unknown' && !s.problems.some((p) => p.startsWith('could not be opened') || p.includes('not valid UTF-8')));
  if (unknown.length > 0) {
    const first = unknown[0]!;
    out.push({
      severity: 'info',
      code: 'FORMAT_UNKNOWN',
      path: where(first.file),
      message: `Format not recognised in ${unknown.length} of ${samples.length} files read from ${f.pattern}: ${first.problems[0] ?? 'no reader recognised the bytes'}`,
    });
  }
  const troubled = samples.filter((s) => s.format !== 'unknown' && s.problems.length > 0);
  if (troubled.length > 0) {
    const first = troubled[0]!;
    out.push({
      severity: 'warning',
      code: 'HEADER_PROBLEM',
      path: where(first.file),
      message: `${troubled.length} of ${samples.length} files read from ${f.pattern} had problems: ${first.problems.join(' ')}`,
    });
  }
  return out;
}

/** A scan before the policy: its filesets with formats, facts and layouts, and what the walk found. Kept so the study can be re-routed without re-scanning. */
export interface ScannedStudy {
  readonly roots: readonly string[];
  readonly filesets: readonly ScannedFileset[];
  /** Walk and reader issues, sorted. */
  readonly issues: readonly Issue[];
  readonly directories: number;
  readonly generatedAt: Date;
}

/** Turns grouped files into scanned filesets: formats from their samples, then what layouts across filesets add. */
export function buildScanned(input: ReportInput): ScannedStudy {
  const read: ScannedFileset[] = input.groups.map((g) => {
    const samples = input.samples.get(g.id) ?? [];
    const found = aggregateSamples(samples, g.names.length, input.full);
    return {
      id: g.id,
      root: g.root.abs,
      directory: g.directory,
      pattern: g.pattern,
      extension: g.extension,
      files: g.names.map((n) => inFolder(g.directory, n)),
      sizes: g.sizes,
      fileCount: g.names.length,
      bytes: g.bytes,
      format: found.format,
      formatSource: found.formatSource,
      formatConfidence: found.confidence,
      sampling: { read: samples.length, total: g.names.length, full: input.full },
      kind: found.kind,
      evidence: staged('format', found.evidence),
      facts: found.facts,
      layouts: [],
    };
  });
  // Layouts across filesets: sidecars lend facts to the data they describe, folders say what they hold.
  const filesets: ScannedFileset[] = withLayouts(read);

  const issues = [...input.issues];
  for (const f of filesets) {
    const samples = input.samples.get(f.id) ?? [];
    issues.push(...filesetIssues(f, samples));
  }
  for (const root of input.roots) {
    if (!input.groups.some((g) => g.root.index === root.index)) {
      issues.push({ severity: 'info', code: 'EMPTY_ROOT', path: root.abs, message: 'No regular files were found in this folder.' });
    }
  }
  issues.sort((a, b) => byCodeUnits(a.path, b.path) || byCodeUnits(a.code, b.code) || byCodeUnits(a.message, b.message));
  return { roots: input.roots.map((r) => r.abs), filesets, issues, directories: input.directories, generatedAt: input.generatedAt };
}

/** The report of a scanned study under a policy input (thresholds, overrides): modality, decision and bundles for every fileset. */
export function reportFromScanned(scanned: ScannedStudy, policy: PolicyInput = {}): ScanReport {
  const { filesets, study } = decideStudy(scanned.filesets, policy);
  const { issues } = scanned;
  return {
    schemaVersion: SCAN_REPORT_SCHEMA_VERSION,
    tool: { name: TOOL.name, version: TOOL.version },
    generatedAt: scanned.generatedAt.toISOString(),
    roots: [...scanned.roots],
    study,
    totals: {
      files: filesets.reduce((n, f) => n + f.fileCount, 0),
      bytes: filesets.reduce((n, f) => n + f.bytes, 0),
      filesets: filesets.length,
      directories: scanned.directories,
      errors: issues.filter((i) => i.severity === 'error').length,
      warnings: issues.filter((i) => i.severity === 'warning').length,
    },
    filesets,
    // No metadata yet at scan time: each checklist says what is still to be entered (the export passes it).
    bundles: planBundles({ filesets, study, roots: scanned.roots }),
    issues: [...issues],
  };
}
