import { DESTINATION_LABELS, DESTINATIONS, destinationLabel } from '../../shared/model/destination';
import type { ScanReport } from '../../shared/model/scan-report';
import type { Issue } from '../../shared/model/issue';
import type { InspectResult } from '../../shared/model/inspect-result';
import { formatLabel, type FormatId } from '../../shared/formats/format-catalog';
import { describeFacts } from '../../shared/formats/describe-facts';
import { formatSourceTag } from '../../shared/model/report-selectors';
import { formatBytes, formatCount, formatDuration } from '../../shared/text/units';
import { renderTable, type Column } from './text-table';
import { wrap } from '../../shared/text/wrap';
import { modalityLabel } from '../../shared/modality/modalities';
import { clauseById } from '../../shared/policy/catalog';
import type { Fileset } from '../../shared/model/fileset';
import { describeStudy } from '../../shared/study/describe-study';
import { placeOf } from '../../shared/naming/place';
import type { FormatSource } from '../../shared/model/fileset';
import { escapeControls as esc } from './terminal-text';

/** Column at which decision reasons wrap, so they read as paragraphs in an 80–120 column terminal. */
const REASON_WIDTH = 96;

/** Issues listed in the human-readable output before the rest are only counted. */
export const ISSUES_SHOWN = 50;

const FILESET_COLUMNS: readonly Column[] = [
  { heading: 'FOLDER', maxWidth: 40 },
  { heading: 'PATTERN', maxWidth: 44 },
  { heading: 'FILES', align: 'right' },
  { heading: 'SIZE', align: 'right' },
  { heading: 'FORMAT', maxWidth: 28 },
  { heading: 'MODALITY', maxWidth: 36 },
  { heading: 'DESTINATION' },
];

/** Filesets named under each clause of the decisions section before the rest are counted. */
const FILESETS_NAMED_PER_CLAUSE = 5;

/** How a destination reads in a table: the label, the omics archive, and a mark when the user set it. */
function destinationCell(f: Fileset): string {
  const label = destinationLabel(f.destination, f.omicsArchive);
  return f.overridden?.destination ? `${label} (set by you)` : label;
}

/** How a modality reads in a table: its label with its confidence, or a mark when the user set it. */
function modalityCell(f: Fileset): string {
  const label = modalityLabel(f.modality);
  return f.overridden?.modality ? `${label} (set by you)` : f.modality === 'unknown' ? label : `${label} (${f.confidence.toFixed(2)})`;
}

/** How a fileset's format reads in a table: the label, and how it was established unless read from the file. */
export function formatCell(format: FormatId, source: FormatSource): string {
  const label = formatLabel(format);
  const tag = format === 'unknown' ? '' : formatSourceTag(source);
  return tag ? `${label} (${tag})` : label;
}

/** One line per issue: severity, code, path, message. */
export function renderIssues(issues: readonly Issue[], limit: number = ISSUES_SHOWN): string {
  const lines = issues.slice(0, limit).map((i) => `  ${i.severity.padEnd(7)}  ${i.code.padEnd(14)}  ${esc(i.path ?? '')}${i.path ? ': ' : ''}${esc(i.message)}`);
  if (issues.length > limit) lines.push(`  … and ${formatCount(issues.length - limit)} more (see --json).`);
  return lines.join('\n');
}

function plural(n: number, one: string): string {
  return `${formatCount(n)} ${one}${n === 1 ? '' : 's'}`;
}

/** Blocking checklist steps listed per bundle in the terminal; the rest are in --json and the export's README. */
const BLOCKING_SHOWN = 5;

/** The scan report as people read it in a terminal: totals, one table per root, decisions explained, issues; names and file-read text with control characters escaped. */
export function renderReport(report: ScanReport, durationMs?: number): string {
  const t = report.totals;
  const out: string[] = [];
  out.push(`${report.tool.name} ${report.tool.version}`);
  out.push(
    [
      `${formatCount(t.files)} files`,
      formatBytes(t.bytes),
      `${formatCount(t.filesets)} filesets`,
      `${formatCount(t.directories)} folders`,
      `${formatCount(t.errors)} errors`,
      `${formatCount(t.warnings)} warnings`,
      ...(durationMs !== undefined ? [formatDuration(durationMs)] : []),
    ].join(' · '),
  );
  for (const root of report.roots) {
    const rows = report.filesets
      .filter((f) => f.root === root)
      .map((f) => [
        f.directory,
        f.pattern,
        formatCount(f.fileCount),
        formatBytes(f.bytes),
        formatCell(f.format, f.formatSource),
        modalityCell(f),
        destinationCell(f),
      ]);
    out.push('', `Root ${esc(root)}`);
    out.push(rows.length > 0 ? renderTable(FILESET_COLUMNS, rows) : '  (no files)');
  }

  const study = describeStudy(report.study);
  if (study.length > 0) out.push('', 'Study', ...study.map((l) => wrap(esc(l), REASON_WIDTH, '  ')));

  const byDestination = DESTINATIONS.map((d) => ({ d, sets: report.filesets.filter((f) => f.destination === d) })).filter((x) => x.sets.length > 0);
  if (byDestination.length > 0) {
    out.push('', 'Decisions');
    for (const { d, sets } of byDestination) {
      out.push(`  ${DESTINATION_LABELS[d]}: ${formatCount(sets.length)} filesets, ${formatCount(sets.reduce((n, s) => n + s.fileCount, 0))} files.`);
      const byClause = new Map<string, Fileset[]>();
      for (const f of sets) {
        const members = byClause.get(f.clauseId);
        if (members) members.push(f);
        else byClause.set(f.clauseId, [f]);
      }
      for (const [clauseId, members] of byClause) {
        out.push(`    [${esc(clauseId)}] ${esc(clauseById(clauseId)?.title ?? clauseId)}`);
        for (const f of members.slice(0, FILESETS_NAMED_PER_CLAUSE)) {
          out.push(`      ${esc(placeOf(f))}:`);
          out.push(wrap(esc(f.reason), REASON_WIDTH, '        '));
        }
        if (members.length > FILESETS_NAMED_PER_CLAUSE) out.push(`      … and ${formatCount(members.length - FILESETS_NAMED_PER_CLAUSE)} more filesets under this clause (see --json).`);
      }
    }
  }
  if (report.bundles.length > 0) {
    out.push('', 'Bundles (deposit-assistant export writes them; a checklist per bundle)');
    for (const b of report.bundles) {
      const label = DESTINATION_LABELS[b.archive];
      const size = `${plural(b.filesetIds.length, 'fileset')}, ${plural(b.fileCount, 'file')}, ${formatBytes(b.bytes)}`;
      // The part left out is deposited nowhere: it has no readiness, only what the user is told about it.
      const state = b.archive === 'NONE' ? 'left out of every bundle' : `${b.readiness.done} of ${b.readiness.total} steps done, ${b.readiness.ready ? 'nothing blocks the deposition' : 'blocked'}`;
      out.push(`  ${label}: ${size} · ${state}.`);
      const open = b.checklist.filter((i) => !i.done && i.blocking);
      for (const item of open.slice(0, BLOCKING_SHOWN)) out.push(wrap(`to do: ${esc(item.text)}`, REASON_WIDTH, '    '));
      if (open.length > BLOCKING_SHOWN) out.push(`    … and ${formatCount(open.length - BLOCKING_SHOWN)} more blocking steps (see --json).`);
    }
  }
  if (report.issues.length > 0) {
    out.push('', `Issues (${formatCount(report.issues.length)})`, renderIssues(report.issues));
  }
  return out.join('\n') + '\n';
}

/** One file's inspection as people read it. */
export function renderInspect(r: InspectResult): string {
  const lines = [
    esc(r.path),
    `  ${'Format'.padEnd(16)} ${formatCell(r.format, r.formatSource)}  (confidence ${r.confidence.toFixed(2)})`,
    `  ${'Kind'.padEnd(16)} ${r.kind}`,
    `  ${'Size'.padEnd(16)} ${formatBytes(r.size)} (${formatCount(r.size)} bytes)`,
    `  ${'Modified'.padEnd(16)} ${r.modifiedAt}`,
  ];
  // Fact values, evidence and problems quote the file's own bytes (an instrument name, a title): escaped like names.
  for (const f of describeFacts(r.facts)) lines.push(`  ${f.label.padEnd(16)} ${esc(f.value)}  [${esc(f.provenance)}]`);
  for (const e of r.evidence) lines.push(`  ${'Evidence'.padEnd(16)} [${esc(e.source)}] ${esc(e.detail)}`);
  for (const p of r.problems) lines.push(`  ${'Problem'.padEnd(16)} ${esc(p)}`);
  return lines.join('\n') + '\n';
}
