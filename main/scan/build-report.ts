import { SCAN_REPORT_SCHEMA_VERSION, type ScanReport } from '../../shared/model/scan-report';
import type { Fileset } from '../../shared/model/fileset';
import type { Issue } from '../../shared/model/issue';
import { classifyByName } from '../../shared/policy/name-only-decision';
import { groupBundles } from '../../shared/bundles/group-bundles';
import { TOOL } from '../app-meta';
import type { FileGroup } from './grouper';
import type { WalkRoot } from './walker';

/** What a finished walk hands to the report. */
export interface ReportInput {
  readonly roots: readonly WalkRoot[];
  readonly groups: readonly FileGroup[];
  readonly issues: readonly Issue[];
  readonly directories: number;
  readonly generatedAt: Date;
}

function byCodeUnits(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Turns grouped files into the scan report: one fileset per group, classified, with totals and bundles. */
export function buildReport(input: ReportInput): ScanReport {
  const filesets: Fileset[] = input.groups.map((g) => ({
    id: g.id,
    root: g.root.abs,
    directory: g.directory,
    pattern: g.pattern,
    extension: g.extension,
    files: g.directory === '.' ? [...g.names] : g.names.map((n) => `${g.directory}/${n}`),
    fileCount: g.names.length,
    bytes: g.bytes,
    ...classifyByName(g.names[0]!),
  }));

  const issues = [...input.issues];
  for (const root of input.roots) {
    if (!input.groups.some((g) => g.root.index === root.index)) {
      issues.push({ severity: 'info', code: 'EMPTY_ROOT', path: root.abs, message: 'No regular files were found in this folder.' });
    }
  }
  issues.sort((a, b) => byCodeUnits(a.path, b.path) || byCodeUnits(a.code, b.code) || byCodeUnits(a.message, b.message));

  const modalities = [...new Set(filesets.map((f) => f.modality).filter((m) => m !== 'unknown'))].sort();
  return {
    schemaVersion: SCAN_REPORT_SCHEMA_VERSION,
    tool: { name: TOOL.name, version: TOOL.version },
    generatedAt: input.generatedAt.toISOString(),
    roots: input.roots.map((r) => r.abs),
    study: { correlative: null, components: modalities },
    totals: {
      files: filesets.reduce((n, f) => n + f.fileCount, 0),
      bytes: filesets.reduce((n, f) => n + f.bytes, 0),
      filesets: filesets.length,
      directories: input.directories,
      errors: issues.filter((i) => i.severity === 'error').length,
      warnings: issues.filter((i) => i.severity === 'warning').length,
    },
    filesets,
    bundles: groupBundles(filesets),
    issues,
  };
}
