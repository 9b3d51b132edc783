import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Bundle, BundleFile, BundleTarget } from '../../shared/model/bundle';
import type { ScanReport } from '../../shared/model/scan-report';
import type { ChecksumAlgorithm } from '../../shared/export/checksum-algorithm';
import type { ExportedBundle, ExportProgress, ExportSummary, ManifestInfo } from '../../shared/export/export-result';
import { bundleFolder, rootNames } from '../../shared/export/bundle-folder';
import { compareNameBytes, manifestLine } from '../../shared/export/manifest-line';
import { preflight, renderPreflight, type PreflightFile } from '../../shared/export/preflight';
import { redactReportForExport } from '../../shared/export/redact-report';
import { uploadPath } from '../../shared/bundles/bia/file-list';
import { perSecond } from '../../shared/text/units';
import { TOOL } from '../app-meta';
import { ProgressThrottle } from '../scan/progress-throttle';
import { runChecksums, type ChecksumJob } from './checksum-pool';
import { ChecksumStateWriter, readChecksumState, stateKey } from './checksum-state';
import { EXPORT_MARKER, type ExportTarget } from './export-target';
import type { HashOutcome } from './hash-file';
import { RawPathResolver } from './raw-path';

/** Folder inside the temporary export that holds the resume state; removed before the export is moved into place. */
export const STATE_DIR = '.state';
/** The resume state: one JSON line per finished file (main/export/checksum-state.ts). */
export const STATE_FILE = 'checksums.jsonl';

/** Marks the temporary folder as in use by one export, so a second export to the same folder cannot wipe it. */
const LOCK_FILE = 'lock';

/** Temporary folders this process is exporting into (the lock file's pid cannot tell two exports of one process apart). */
const busy = new Set<string>();

/** Another export to the same folder is running (in this process or another); nothing was touched. */
export class ExportBusyError extends Error {}

/** True when a process with this id exists (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the temporary folder for this export, or throws ExportBusyError; a lock left by a process that died is taken over. */
function lock(partial: string): () => void {
  if (busy.has(partial)) throw new ExportBusyError(`another export to the same folder is running (${partial})`);
  const stateDir = path.join(partial, STATE_DIR);
  mkdirSync(stateDir, { recursive: true });
  const file = path.join(stateDir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      const pid = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new ExportBusyError(`another export to the same folder is running (process ${pid}, ${partial})`);
      unlinkSync(file);
    }
  }
  busy.add(partial);
  return () => {
    busy.delete(partial);
    rmSync(file, { force: true });
  };
}

/** A bundle with the files it is made of (the shape of shared/bundles/plan-bundles.ts `RenderedBundle`). */
export interface BundleToWrite {
  readonly bundle: Bundle;
  readonly files: readonly BundleFile[];
}

/** Test hooks: fault injection in the writer and a look at which files were really hashed. */
export interface ExportHooks {
  /** Called before each file is written (path relative to the export folder); throw to simulate a failure. */
  readonly beforeWrite?: (rel: string) => void;
  /** Called for every file whose digests were computed by this run (not reused). */
  readonly onHashed?: (root: string, rel: string) => void;
  /** Called for every finished file (hashed, reused or failed), in completion order; may abort the signal. */
  readonly onFileDone?: (root: string, rel: string) => void;
}

/** Everything one export needs: the study, what was rendered from it, where it goes and how. */
export interface WriteExportInput {
  readonly report: ScanReport;
  readonly bundles: readonly BundleToWrite[];
  /** Files at the top of the export (README.md, CITATION.md, citation.bib, citation.ris). */
  readonly studyFiles: readonly BundleFile[];
  readonly target: ExportTarget;
  readonly algorithms: readonly ChecksumAlgorithm[];
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ExportProgress) => void;
  /** Worker threads for checksums (default: every core). */
  readonly workers?: number;
  readonly now?: () => number;
  readonly hooks?: ExportHooks;
}

/** How an export ended. A failure leaves no folder at `out` and nothing of the bundles in the temporary folder. */
export type WriteExportOutcome =
  | { readonly status: 'done'; readonly summary: ExportSummary }
  | { readonly status: 'cancelled'; readonly partial: string; readonly progress: ExportProgress };

/** A path a renderer gave, checked to stay inside its folder: POSIX, relative, no `.`/`..` segments. */
function safeRelative(rel: string): string {
  const parts = rel.split('/');
  if (rel.length === 0 || rel.startsWith('/') || rel.includes('\\') || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new Error(`refusing to write ${JSON.stringify(rel)}: bundle files must be relative POSIX paths inside their folder`);
  }
  return rel;
}

/** One file a manifest and the lint look at, with where it is on disk. */
interface SourceFile {
  readonly bundle: BundleTarget;
  readonly root: string;
  readonly rootName: string;
  readonly rel: string;
  /** The bytes of the root-relative name; `null` when the name could not be matched on disk. */
  readonly relBytes: Buffer | null;
  readonly utf8: boolean;
  readonly job: number | null;
}

/**
 * Writes an export atomically: everything goes into the temporary folder beside `out` (bundle files,
 * PREFLIGHT.md, checksum manifests per bundle and root, report.json without not-depositable names, the study
 * files), which is then renamed to `out`; a replaced export is moved aside first and deleted only once the
 * new one is in place. Cancelling keeps the temporary folder with the checksums finished so far, which the
 * next run reuses. Source files are only ever opened for reading. Throws on failure, after removing what it
 * wrote (the resume state is kept).
 */
export async function writeExport(input: WriteExportInput): Promise<WriteExportOutcome> {
  const { target, report, algorithms } = input;
  const now = input.now ?? (() => performance.now());
  const started = now();
  const stateDir = path.join(target.partial, STATE_DIR);
  const unlock = lock(target.partial);
  // A previous attempt's bundle files are stale (the metadata may have changed); only its checksums are kept.
  clearExceptState(target.partial);
  const written: string[] = [];
  const put = (rel: string, content: string | Uint8Array) => {
    safeRelative(rel);
    input.hooks?.beforeWrite?.(rel);
    const abs = path.join(target.partial, ...rel.split('/'));
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content, { flag: 'wx' });
    written.push(rel);
  };
  const progress: ExportProgress = { phase: 'rendering', filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, reused: 0, elapsedMs: 0, bytesPerSecond: 0, filesPerSecond: 0 };
  const throttle = new ProgressThrottle(now);
  const emit = (force = false) => {
    if (!input.onProgress || (!force && !throttle.due())) return;
    const elapsedMs = Math.max(0, now() - started);
    input.onProgress({ ...progress, elapsedMs, bytesPerSecond: perSecond(progress.bytesDone, elapsedMs), filesPerSecond: perSecond(progress.filesDone, elapsedMs) });
  };
  let state: ChecksumStateWriter | null = null;
  try {
    emit(true);
    const names = rootNames(report.roots);
    const rootName = new Map(report.roots.map((r, i) => [r, names[i]!]));
    const filesetsById = new Map(report.filesets.map((f) => [f.id, f]));

    // The bundles' own files.
    for (const b of input.bundles) {
      const folder = bundleFolder(b.bundle.archive);
      for (const f of b.files) put(`${folder}/${safeRelative(f.path)}`, f.content);
    }

    // What to hash: every file of every bundle but the not-depositable one (never listed, never hashed).
    const resolver = new RawPathResolver();
    const known = readChecksumState(path.join(stateDir, STATE_FILE));
    const jobs: ChecksumJob[] = [];
    const jobFiles: SourceFile[] = [];
    const sources: SourceFile[] = [];
    // A file is hashed once even if two bundles were to list it; each bundle's manifest still lists it.
    const jobByKey = new Map<string, number>();
    for (const b of input.bundles) {
      if (b.bundle.archive === 'NONE') continue;
      const seen = new Set<string>();
      for (const id of b.bundle.filesetIds) {
        const fs = filesetsById.get(id);
        if (!fs) throw new Error(`bundle ${b.bundle.archive} names fileset ${id}, which the report does not hold`);
        progress.bytesTotal += fs.bytes;
        for (const rel of fs.files) {
          const key = stateKey(fs.root, rel);
          if (seen.has(key)) continue;
          seen.add(key);
          const onDisk = resolver.resolve(fs.root, rel);
          const base = { bundle: b.bundle.archive, root: fs.root, rootName: rootName.get(fs.root) ?? 'root', rel, utf8: !rel.includes('\uFFFD') };
          if (!onDisk) {
            sources.push({ ...base, relBytes: null, job: null });
            continue;
          }
          let job = jobByKey.get(key);
          const file: SourceFile = { ...base, relBytes: onDisk.relBytes, job: job ?? jobs.length };
          if (job === undefined) {
            job = jobs.length;
            jobByKey.set(key, job);
            const prior = known.get(key);
            jobs.push({ path: onDisk.abs, ...(prior ? { known: prior } : {}) });
            jobFiles.push(file);
          }
          sources.push(file);
        }
      }
    }

    // Checksums, resumable: each finished file is appended to the state as it comes.
    progress.phase = 'checksums';
    progress.filesTotal = jobs.length;
    emit(true);
    state = new ChecksumStateWriter(path.join(stateDir, STATE_FILE));
    const writer = state;
    const run = await runChecksums(jobs, {
      algorithms,
      signal: input.signal,
      ...(input.workers !== undefined ? { workers: input.workers } : {}),
      onResult: (index, outcome) => {
        const f = jobFiles[index]!;
        if (outcome.kind !== 'failed') writer.add(f.root, f.rel, outcome);
        if (outcome.kind === 'hashed') input.hooks?.onHashed?.(f.root, f.rel);
        input.hooks?.onFileDone?.(f.root, f.rel);
      },
      onCounts: (c) => {
        progress.filesDone = c.filesDone;
        progress.bytesDone = c.bytesRead;
        progress.reused = c.reused;
        emit();
      },
    });
    state.close();
    state = null;
    if (run.status === 'cancelled') {
      unlock();
      clearExceptState(target.partial);
      const elapsedMs = Math.max(0, now() - started);
      return { status: 'cancelled', partial: target.partial, progress: { ...progress, elapsedMs, bytesPerSecond: perSecond(progress.bytesDone, elapsedMs), filesPerSecond: perSecond(progress.filesDone, elapsedMs) } };
    }
    progress.phase = 'finishing';
    emit(true);
    const outcomeOf = (f: SourceFile): HashOutcome | undefined => (f.job === null ? undefined : run.outcomes[f.job]);

    // Manifests per bundle and root, and the pre-flight lint per bundle.
    const exported: ExportedBundle[] = [];
    let bytesHashed = 0;
    for (const b of input.bundles) {
      const archive = b.bundle.archive;
      const folder = bundleFolder(archive);
      const manifests: ManifestInfo[] = [];
      let findings: ExportedBundle['preflight'] = [];
      if (archive !== 'NONE') {
        const mine = sources.filter((s) => s.bundle === archive);
        for (const root of report.roots) {
          const inRoot = mine.filter((s) => s.root === root);
          if (inRoot.length === 0) continue;
          for (const algorithm of algorithms) {
            const lines: Array<{ name: Buffer; line: Uint8Array }> = [];
            for (const s of inRoot) {
              const o = outcomeOf(s);
              const hex = o && o.kind !== 'failed' ? o.digests[algorithm] : undefined;
              if (hex === undefined || s.relBytes === null) continue;
              lines.push({ name: s.relBytes, line: manifestLine(hex, s.relBytes) });
            }
            lines.sort((x, y) => compareNameBytes(x.name, y.name));
            const file = `${folder}/MANIFEST-${rootName.get(root) ?? 'root'}.${algorithm}`;
            put(file, Buffer.concat(lines.map((l) => l.line)));
            manifests.push({ algorithm, root, file, entries: lines.length });
          }
        }
        const lintFiles: PreflightFile[] = mine.map((s) => {
          const o = outcomeOf(s);
          const ok = o && o.kind !== 'failed' ? o : null;
          return {
            uploadPath: uploadPath(s.root, s.rel),
            size: ok ? ok.size : null,
            utf8: s.utf8,
            ...(ok?.digests.md5 ? { md5: ok.digests.md5 } : {}),
            ...(ok?.digests.sha256 ? { sha256: ok.digests.sha256 } : {}),
          };
        });
        for (const f of lintFiles) bytesHashed += f.size ?? 0;
        findings = preflight({ bundle: archive, files: lintFiles });
        put(`${folder}/PREFLIGHT.md`, renderPreflight(archive, findings));
      }
      exported.push({
        archive,
        folder,
        files: writtenIn(written, folder),
        manifests,
        readiness: b.bundle.readiness,
        preflight: findings,
      });
    }

    // The study files and the report, then the marker that makes this folder replaceable by a later --force.
    const studyFiles: string[] = [];
    for (const f of input.studyFiles) {
      put(safeRelative(f.path), f.content);
      studyFiles.push(f.path);
    }
    const redacted = redactReportForExport(report, input.bundles.map((b) => b.bundle));
    put('report.json', JSON.stringify(redacted, null, 2) + '\n');
    studyFiles.push('report.json');
    put(EXPORT_MARKER, JSON.stringify({ tool: TOOL, generatedAt: report.generatedAt }) + '\n');

    const summary: ExportSummary = {
      out: target.out,
      replaced: target.replaces,
      bundles: exported,
      studyFiles,
      checksums: { algorithms: [...algorithms], files: run.counts.filesDone - run.counts.failed, bytes: bytesHashed, hashed: run.counts.hashed, reused: run.counts.reused, failed: run.counts.failed + sources.filter((s) => s.job === null).length, threads: run.threads },
    };

    // Into place: the resume state goes, the old export is moved aside, the new one renamed in.
    unlock();
    rmSync(stateDir, { recursive: true, force: true });
    if (target.replaces) renameSync(target.out, target.old);
    try {
      renameSync(target.partial, target.out);
    } catch (err) {
      if (target.replaces) renameSync(target.old, target.out);
      throw err;
    }
    if (target.replaces) rmSync(target.old, { recursive: true, force: true });
    return { status: 'done', summary };
  } catch (err) {
    state?.close();
    unlock();
    clearExceptState(target.partial);
    throw err;
  }
}

/** Files written into one bundle folder, in the order written. */
function writtenIn(written: readonly string[], folder: string): string[] {
  return written.filter((w) => w.startsWith(`${folder}/`));
}

/** Removes everything in the temporary folder but the resume state; removes the folder when no checksum is kept. */
function clearExceptState(partial: string): void {
  let entries: string[];
  try {
    entries = readdirSync(partial);
  } catch {
    return;
  }
  for (const e of entries) if (e !== STATE_DIR) rmSync(path.join(partial, e), { recursive: true, force: true });
  // Kept while it is locked or holds finished checksums; an empty state is not worth a folder.
  if (entries.includes(STATE_DIR) && readdirSync(path.join(partial, STATE_DIR)).some((f) => f === LOCK_FILE || (f === STATE_FILE && statSync(path.join(partial, STATE_DIR, f)).size > 0))) return;
  rmSync(partial, { recursive: true, force: true });
}
