import { existsSync } from 'node:fs';
import type { ScanProgress } from '../../shared/ipc/contract';
import type { ChecksumAlgorithm } from '../../shared/export/checksum-algorithm';
import type { ExportProgress, ExportSummary } from '../../shared/export/export-result';
import type { PreflightFinding } from '../../shared/export/preflight';
import { EMPTY_METADATA, type StudyMetadata } from '../../shared/deposit/metadata';
import type { PolicyInput } from '../../shared/study/decide-study';
import { formatBytes, formatCount } from '../../shared/text/units';
import { resolveRoots } from '../scan/roots';
import { scanResolved } from '../scan/run-scan';
import { checkExportTarget } from '../export/export-target';
import { exportStudy } from '../export/export-study';
import type { ExportHooks } from '../export/write-export';
import { readMetadataFile } from './read-metadata';
import { escapeControls } from './terminal-text';

/**
 * `deposit-assistant export <roots…> --out DIR` (docs/deposit.md §8): scans the roots, renders the bundles
 * and writes them, with checksum manifests and the pre-flight lint, atomically to DIR.
 */

/** How the export command ended; run-cli turns it into the exit code. */
export type ExportCommandResult = 'written' | 'unreadable' | 'refused' | 'interrupted';

/** What the command line said. */
export interface ExportFlags {
  readonly out: string;
  readonly metadata?: string;
  readonly checksums: readonly ChecksumAlgorithm[];
  readonly force: boolean;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly follow: boolean;
  readonly full: boolean;
  readonly policy: PolicyInput;
}

/** Where the command writes and what stops it; the CLI's `CliIo` fits. */
export interface ExportIo {
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown; readonly isTTY?: boolean };
  readonly cwd: string;
  readonly signal?: AbortSignal;
  /** Test hooks passed to the writer (fault injection, hashing counters). */
  readonly exportHooks?: ExportHooks;
  /** Checksum worker threads (tests); default every core. */
  readonly exportWorkers?: number;
  /** Where the in-place progress line and its cursor controls go (the raw stderr, when `stderr` escapes controls); default `stderr`. */
  readonly terminal?: { write(chunk: string): unknown };
}

/** Non-TTY stderr gets a progress line at most this often (as the scan's: main/cli/run-cli.ts). */
const LOG_PROGRESS_INTERVAL_MS = 5000;
/** Pre-flight paths printed per finding; the rest are in PREFLIGHT.md. */
const PATHS_PRINTED = 5;

/** A progress line writer: overwritten in place on a terminal, every few seconds in a log, nothing with --quiet. */
function reporter(io: ExportIo, quiet: boolean): { line(text: string, elapsedMs: number): void; clear(): void } {
  if (quiet) return { line() {}, clear() {} };
  if (io.stderr.isTTY) {
    const terminal = io.terminal ?? io.stderr;
    let shown = false;
    return {
      line(text) {
        terminal.write(`\r\x1b[2K${escapeControls(text).slice(0, (process.stderr.columns ?? 100) - 1)}`);
        shown = true;
      },
      clear() {
        if (shown) terminal.write('\r\x1b[2K');
        shown = false;
      },
    };
  }
  let last = 0;
  return {
    line(text, elapsedMs) {
      if (elapsedMs - last < LOG_PROGRESS_INTERVAL_MS) return;
      last = elapsedMs;
      io.stderr.write(`${text}\n`);
    },
    clear() {},
  };
}

function scanLine(p: ScanProgress): string {
  return `scanning: ${formatCount(p.files)} files · ${formatBytes(p.bytes)}${p.phase === 'reading' ? ` · reading headers ${formatCount(p.headersRead)}/${formatCount(p.headersTotal)}` : ''}`;
}

function exportLine(p: ExportProgress): string {
  if (p.phase !== 'checksums') return `export: ${p.phase}`;
  const reused = p.reused > 0 ? ` (${formatCount(p.reused)} from the earlier run)` : '';
  return `checksums: ${formatCount(p.filesDone)}/${formatCount(p.filesTotal)} files${reused} · ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)} · ${formatBytes(p.bytesPerSecond)}/s`;
}

function findingLines(f: PreflightFinding): string[] {
  const out = [`  ${f.bundle.padEnd(7)}${f.severity.padEnd(8)}${escapeControls(f.message)}${f.count > 0 ? ` (${formatCount(f.count)})` : ''}`];
  for (const p of f.paths.slice(0, PATHS_PRINTED)) out.push(`                 ${escapeControls(JSON.stringify(p).slice(1, -1))}`);
  if (f.count > PATHS_PRINTED) out.push(`                 … and ${formatCount(f.count - PATHS_PRINTED)} more`);
  return out;
}

/** The text summary of a finished export. */
export function renderExportSummary(s: ExportSummary): string {
  const lines = [`Exported to ${escapeControls(s.out)}${s.replaced ? ' (replacing the earlier export)' : ''}`];
  for (const b of s.bundles) {
    const state = b.readiness.ready ? 'nothing blocks the deposition' : 'blocking steps left (README.md)';
    const ready = b.archive === 'NONE' ? 'left out, listed by folder only' : `checklist ${b.readiness.done}/${b.readiness.total} done, ${state}`;
    const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
    lines.push(`  ${`${escapeControls(b.folder)}/`.padEnd(17)}${plural(b.files.length, 'file')}, ${plural(b.manifests.length, 'manifest')} · ${ready}`);
  }
  const c = s.checksums;
  if (c.algorithms.length > 0) {
    const reused = c.reused > 0 ? `, ${formatCount(c.reused)} reused from the interrupted run` : '';
    lines.push(`Checksums (${c.algorithms.join(', ')}): ${formatCount(c.files)} files, ${formatBytes(c.bytes)}${reused}${c.failed > 0 ? `; ${formatCount(c.failed)} could not be read` : ''}.`);
    const m = s.bundles.find((b) => b.manifests.length > 0)?.manifests[0];
    if (m) lines.push(`  Verify with: cd ${escapeControls(JSON.stringify(m.root))} && ${m.algorithm}sum -c ${escapeControls(JSON.stringify(`${s.out}/${m.file}`))}`);
  }
  const findings = s.bundles.flatMap((b) => b.preflight);
  const problems = findings.filter((f) => f.severity !== 'info');
  lines.push(problems.length === 0 ? 'Pre-flight: nothing the archives are known to refuse.' : `Pre-flight: ${formatCount(problems.length)} to look at before uploading (each bundle's PREFLIGHT.md lists them all):`);
  for (const f of problems) lines.push(...findingLines(f));
  lines.push(`Next: read ${escapeControls(s.out)}/README.md.`);
  return lines.join('\n') + '\n';
}

/** Runs `export`: metadata, roots and target are checked before anything is scanned or written. */
export async function exportCommand(roots: readonly string[], flags: ExportFlags, io: ExportIo): Promise<ExportCommandResult> {
  let metadata: StudyMetadata = EMPTY_METADATA;
  if (flags.metadata !== undefined) {
    const parsed = await readMetadataFile(flags.metadata, io.cwd);
    if ('problems' in parsed) {
      io.stderr.write(`error: the metadata file cannot be used:\n${parsed.problems.map((p) => `  ${p.field}: ${p.message}`).join('\n')}\n`);
      return 'unreadable';
    }
    metadata = parsed.metadata;
  }
  const resolved = await resolveRoots(roots, io.cwd);
  if (resolved.problems.length > 0) {
    for (const p of resolved.problems) io.stderr.write(`error: ${p.message}\n`);
    return 'unreadable';
  }
  const rootPaths = resolved.roots.map((r) => r.abs);
  const check = () => checkExportTarget(flags.out, rootPaths, flags.force, io.cwd);
  const first = check();
  if (!first.ok) {
    io.stderr.write(`error: ${first.message}\n`);
    return 'refused';
  }
  const progress = reporter(io, flags.quiet);
  const scanned = await scanResolved(resolved, {
    signal: io.signal,
    followSymlinks: flags.follow,
    fullHeaders: flags.full,
    policy: flags.policy,
    onProgress: (p) => progress.line(scanLine(p), p.elapsedMs),
  });
  progress.clear();
  if (scanned.status === 'cancelled') {
    io.stderr.write(`Cancelled while scanning; nothing was written.\n`);
    return 'interrupted';
  }
  // Checked again: the scan may have taken hours, and the folder may have appeared meanwhile.
  const again = check();
  if (!again.ok) {
    io.stderr.write(`error: ${again.message}\n`);
    return 'refused';
  }
  let outcome;
  try {
    outcome = await exportStudy({
      report: scanned.report,
      metadata,
      target: again.target,
      algorithms: flags.checksums,
      signal: io.signal,
      onProgress: (p) => progress.line(exportLine(p), p.elapsedMs),
      ...(io.exportWorkers !== undefined ? { workers: io.exportWorkers } : {}),
      ...(io.exportHooks ? { hooks: io.exportHooks } : {}),
    });
  } catch (err) {
    progress.clear();
    io.stderr.write(`error: the export could not be written (${err instanceof Error ? err.message : String(err)}); nothing was left at ${again.target.out}.\n`);
    return 'unreadable';
  }
  progress.clear();
  if (outcome.status === 'cancelled') {
    const p = outcome.progress;
    const kept = existsSync(outcome.partial) ? ` Run the same command again to resume: the finished checksums are kept in ${outcome.partial}.` : '';
    io.stderr.write(`Interrupted after checksums of ${formatCount(p.filesDone)} of ${formatCount(p.filesTotal)} files; nothing was written to ${again.target.out}.${kept}\n`);
    return 'interrupted';
  }
  io.stdout.write(flags.json ? `${JSON.stringify(outcome.summary, null, 2)}\n` : renderExportSummary(outcome.summary));
  return 'written';
}
