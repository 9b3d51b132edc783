// Runs one gallery layout through the real engine (walk, readers, layouts, inference, policy) and compares
// every file with the layout's expected table.
import path from 'node:path';
import { runScan } from '../../main/scan/run-scan';
import { ScanReportSchema, type ScanReport } from '../../shared/model/scan-report';
import { makeTree, removeTree } from '../helpers/temp-tree';
import { globToRegExp } from './glob';
import type { ExpectedRow, StudyLayout, Where } from './types';

/** What the engine said of one file. */
export interface FileRow {
  readonly file: string;
  readonly filesetId: string;
  readonly modality: string;
  readonly where: string;
  readonly clause: string;
  readonly reason: string;
}

/** One way the engine and the expected table disagree. */
export interface Mismatch {
  readonly file: string;
  readonly got: string;
  readonly expected: string;
  readonly reason?: string;
}

/** A layout's outcome: per-file rows, disagreements, and per-fileset figures. */
export interface LayoutOutcome {
  readonly layout: StudyLayout;
  readonly report: ScanReport;
  readonly rows: readonly FileRow[];
  readonly mismatches: readonly Mismatch[];
  /** Mismatches on files the layout lists as known gaps. */
  readonly known: readonly Mismatch[];
  /** Known gaps whose files all route right now. */
  readonly closedGaps: readonly string[];
  readonly filesets: number;
  /** Filesets every file of which is as expected. */
  readonly filesetsRight: number;
  readonly filesetsInReview: number;
}

function whereOf(destination: string, omicsArchive: string | null): string {
  return destination === 'OMICS' ? `OMICS:${omicsArchive ?? '?'}` : destination;
}

function describeRow(modality: string, where: string | Where, clause: string): string {
  return `${modality} → ${where} [${clause}]`;
}

/** Scans a layout's tree (as one root, or its named top-level folders as separate roots) and compares. */
export async function runLayout(layout: StudyLayout): Promise<LayoutOutcome> {
  const top = makeTree(layout.tree());
  try {
    const roots = layout.roots ? layout.roots.map((r) => path.join(top, r)) : [top];
    const outcome = await runScan(roots, {});
    if (outcome.status !== 'done') throw new Error(`scan of ${layout.id} ended ${outcome.status}`);
    const report = ScanReportSchema.parse(outcome.report);
    const rows: FileRow[] = [];
    for (const f of report.filesets) {
      const prefix = path.relative(top, f.root).split(path.sep).filter(Boolean).join('/');
      for (const file of f.files) {
        rows.push({ file: prefix ? `${prefix}/${file}` : file, filesetId: f.id, modality: f.modality, where: whereOf(f.destination, f.omicsArchive), clause: f.clauseId, reason: f.reason });
      }
    }
    rows.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const compiled = layout.expected.map((row) => ({ row, re: globToRegExp(row[0]) }));
    const used = new Set<ExpectedRow>();
    const mismatches: Mismatch[] = [];
    const wrongSets = new Set<string>();
    for (const r of rows) {
      const hit = compiled.find((c) => c.re.test(r.file));
      if (!hit) {
        mismatches.push({ file: r.file, got: describeRow(r.modality, r.where, r.clause), expected: '(no row of the expected table matches this file)' });
        wrongSets.add(r.filesetId);
        continue;
      }
      used.add(hit.row);
      const [, modality, where, clause] = hit.row;
      if (r.modality !== modality || r.where !== where || r.clause !== clause) {
        mismatches.push({ file: r.file, got: describeRow(r.modality, r.where, r.clause), expected: describeRow(modality, where, clause), reason: r.reason });
        wrongSets.add(r.filesetId);
      }
    }
    for (const { row } of compiled) {
      if (!used.has(row)) mismatches.push({ file: row[0], got: '(no file)', expected: 'the glob of this row to match a file no earlier row takes' });
    }
    const gaps = (layout.knownGaps ?? []).map((g) => ({ g, re: globToRegExp(g.glob) }));
    const isKnown = (m: Mismatch) => gaps.some(({ re }) => re.test(m.file));
    const closedGaps = gaps.filter(({ re }) => !mismatches.some((m) => re.test(m.file))).map(({ g }) => g.glob);
    const inReview = report.filesets.filter((f) => f.destination === 'REVIEW').length;
    return {
      layout,
      report,
      rows,
      mismatches: mismatches.filter((m) => !isKnown(m)),
      known: mismatches.filter(isKnown),
      closedGaps,
      filesets: report.filesets.length,
      filesetsRight: report.filesets.length - wrongSets.size,
      filesetsInReview: inReview,
    };
  } finally {
    removeTree(top);
  }
}
