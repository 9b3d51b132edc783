import { promises as fsp } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { ScanProgress } from '../../shared/ipc/contract';
import type { Issue } from '../../shared/model/issue';
import type { ScanReport } from '../../shared/model/scan-report';
import { perSecond } from '../../shared/text/units';
import { buildScanned, reportFromScanned, type ScannedStudy } from './build-report';
import type { PolicyInput } from '../../shared/study/decide-study';
import { FilesetGrouper } from './grouper';
import { headerJobs, readHeaders } from './read-headers';
import { ProgressThrottle } from './progress-throttle';
import { resolveRoots, type ResolvedRoots, type RootProblem } from './roots';
import { walk, type WalkDir, type WalkResult, type WalkRoot, type WalkSink } from './walker';
import { describeOsError, issueCodeOf } from './os-error';
import { chooseEngine, type WalkEngine } from './choose-engine';
import { findWalkWorker, walkInThread } from './thread-walk';
import type { WalkFs } from './walk-fs';

/** A progress event is re-sent at least this often while one slow call (a stalled network share) holds the walk. */
const HEARTBEAT_MS = 1000;

/** How to run a scan. */
export interface ScanOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ScanProgress) => void;
  readonly concurrency?: number;
  readonly followSymlinks?: boolean;
  /** `auto` (default): a worker thread on local disks, async calls on network file systems. */
  readonly engine?: WalkEngine | 'auto';
  /** Read every file's header instead of a sample per fileset (`--full`). */
  readonly fullHeaders?: boolean;
  /** A file system to walk instead of the real one (fault injection); implies the async engine. */
  readonly fs?: WalkFs;
  /** Monotonic milliseconds, for rates and throttling. */
  readonly now?: () => number;
  /** Wall clock, for the report's `generatedAt`. */
  readonly clock?: () => Date;
  /** Folder relative roots are resolved against. */
  readonly cwd?: string;
  /** Policy thresholds and user overrides (the defaults when absent). */
  readonly policy?: PolicyInput;
  /** Worker threads for header reads (read-headers.ts): `auto` by default, 0 for this thread. */
  readonly headerWorkers?: number | 'auto';
  /** Longest one file's header may take before it is stopped and reported (header-pool.ts FILE_BUDGET_MS). */
  readonly fileBudgetMs?: number;
}

/** How a scan ended: a report, a cancellation, or roots that cannot be scanned at all. */
export type ScanOutcome =
  | { readonly status: 'done'; readonly report: ScanReport; readonly scanned: ScannedStudy }
  | { readonly status: 'cancelled'; readonly progress: ScanProgress }
  | { readonly status: 'invalid-roots'; readonly problems: readonly RootProblem[] };

/**
 * The one scan engine the app and the CLI share: resolve the roots, walk them, group the files and build
 * the report. Per-file problems end up in the report's issues; only unusable roots stop it.
 */
export async function runScan(inputs: readonly string[], options: ScanOptions = {}): Promise<ScanOutcome> {
  const resolved = await resolveRoots(inputs, options.cwd);
  if (resolved.problems.length > 0) return { status: 'invalid-roots', problems: resolved.problems };
  return scanResolved(resolved, options);
}

/** Walks roots that `resolveRoots` accepted and builds their report (the second half of `runScan`). */
export async function scanResolved(
  resolved: ResolvedRoots,
  options: ScanOptions = {},
): Promise<Exclude<ScanOutcome, { status: 'invalid-roots' }>> {
  const now = options.now ?? (() => performance.now());
  const started = now();

  const grouper = new FilesetGrouper();
  const issues: Issue[] = [...resolved.notes];
  let files = 0;
  let bytes = 0;
  let directories = 0;
  let errors = 0;
  // Folders whose listing is awaited, in the order their reads started: the newest one still waiting is
  // what the user sees, so a stalled network share shows as the folder it is stuck on.
  const reading = new Set<string>();
  let lastFileDirectory: string | null = null;
  /** The thread engine knows the folder it is blocked on better than its batched events can say. */
  let engineCurrentDirectory: (() => string | null) | null = null;
  const currentDirectory = (): string | null => {
    const fromEngine = engineCurrentDirectory?.();
    if (fromEngine) return fromEngine;
    let newest: string | null = null;
    for (const d of reading) newest = d;
    return newest ?? lastFileDirectory;
  };
  let phase: ScanProgress['phase'] = 'walking';
  let headersRead = 0;
  let headersTotal = 0;

  const snapshot = (): ScanProgress => {
    const elapsedMs = Math.max(0, now() - started);
    return {
      phase,
      files,
      bytes,
      directories,
      errors,
      elapsedMs,
      filesPerSecond: perSecond(files, elapsedMs),
      bytesPerSecond: perSecond(bytes, elapsedMs),
      headersRead,
      headersTotal,
      currentDirectory: phase === 'walking' ? currentDirectory() : null,
    };
  };
  const throttle = new ProgressThrottle(now);
  const maybeEmit = () => {
    if (options.onProgress && throttle.due()) options.onProgress(snapshot());
  };

  const heartbeat = setInterval(maybeEmit, HEARTBEAT_MS);
  heartbeat.unref?.();
  const sink: WalkSink = {
    file(dir: WalkDir, name: string, size: number) {
      grouper.add(dir.root, dir.rel, name, size);
      files++;
      bytes += size;
      lastFileDirectory = dir.display;
      maybeEmit();
    },
    directory(dir: WalkDir) {
      directories++;
      reading.add(dir.display);
      maybeEmit();
    },
    directoryRead(dir: WalkDir) {
      reading.delete(dir.display);
    },
    issue(issue: Issue) {
      issues.push(issue);
      if (issue.severity === 'error') errors++;
    },
  };
  let cancelled: boolean;
  try {
    ({ cancelled } = await runWalk(resolved, sink, options, (current) => (engineCurrentDirectory = current)));
  } finally {
    clearInterval(heartbeat);
  }
  reading.clear();
  lastFileDirectory = null;
  engineCurrentDirectory = null;
  if (cancelled) return { status: 'cancelled', progress: snapshot() };

  phase = 'grouping';
  maybeEmit();
  const groups = grouper.groups();

  phase = 'reading';
  const full = options.fullHeaders ?? false;
  headersTotal = headerJobs(groups, full);
  const headerHeartbeat = setInterval(maybeEmit, HEARTBEAT_MS);
  headerHeartbeat.unref?.();
  let read;
  try {
    read = await readHeaders(groups, {
      full,
      followSymlinks: options.followSymlinks,
      signal: options.signal,
      // Injected file systems (fault tests) are not what a worker would open.
      workers: options.fs ? 0 : (options.headerWorkers ?? 'auto'),
      ...(options.fileBudgetMs !== undefined ? { fileBudgetMs: options.fileBudgetMs } : {}),
      onFileRead: () => {
        headersRead++;
        maybeEmit();
      },
    });
  } finally {
    clearInterval(headerHeartbeat);
  }
  if (read.cancelled) return { status: 'cancelled', progress: snapshot() };
  issues.push(...read.issues);
  issues.push(...(await lostRoots(resolved.roots, issues)));
  const scanned = buildScanned({
    roots: resolved.roots,
    groups,
    issues,
    directories,
    generatedAt: (options.clock ?? (() => new Date()))(),
    samples: read.samples,
    full,
  });
  return { status: 'done', report: reportFromScanned(scanned, options.policy), scanned };
}

/**
 * Roots that are gone (or no longer folders) now the scan is over: the listing of each is partial, so each is
 * an error on the root, unless the walk already reported one there (issue 12, finding 4).
 */
async function lostRoots(roots: readonly WalkRoot[], issues: readonly Issue[]): Promise<Issue[]> {
  const lost = await Promise.all(
    roots.map(async (root): Promise<Issue | null> => {
      if (issues.some((i) => i.severity === 'error' && i.path === root.abs)) return null;
      try {
        if ((await fsp.stat(root.abs)).isDirectory()) return null;
        return { severity: 'error', code: 'ENOTDIR', path: root.abs, message: 'The scanned folder was replaced during the scan. The report is incomplete.' };
      } catch (err) {
        return { severity: 'error', code: issueCodeOf(err), path: root.abs, message: `The scanned folder could not be found after the scan: ${describeOsError(err)}. The report is incomplete.` };
      }
    }),
  );
  return lost.filter((i): i is Issue => i !== null);
}

/**
 * Runs the walk on the chosen engine. A worker that cannot start (a missing or broken script) falls back to
 * the async engine before anything was reported, so the scan still completes.
 */
async function runWalk(
  resolved: ResolvedRoots,
  sink: WalkSink,
  options: ScanOptions,
  setCurrentDirectory: (current: (() => string | null) | null) => void,
): Promise<WalkResult> {
  const asyncWalk = () =>
    walk(resolved.roots, sink, { concurrency: options.concurrency, followSymlinks: options.followSymlinks, signal: options.signal, fs: options.fs });
  const engine = options.fs ? 'async' : options.engine && options.engine !== 'auto' ? options.engine : chooseEngine(resolved.roots.map((r) => r.abs)).engine;
  const script = engine === 'thread' ? findWalkWorker() : null;
  if (!script) return asyncWalk();
  // Whether the worker reported anything: only a worker that failed before that can be replaced cleanly.
  let heard = false;
  const relay: WalkSink = {
    file(dir, name, size, mtimeMs) {
      heard = true;
      sink.file(dir, name, size, mtimeMs);
    },
    directory(dir) {
      heard = true;
      sink.directory(dir);
    },
    directoryRead(dir) {
      sink.directoryRead?.(dir);
    },
    issue(issue) {
      heard = true;
      sink.issue(issue);
    },
  };
  const run = walkInThread(script, resolved.roots, relay, { followSymlinks: options.followSymlinks, signal: options.signal });
  setCurrentDirectory(run.currentDirectory);
  try {
    return await run.done;
  } catch (err) {
    setCurrentDirectory(null);
    if (heard) throw err;
    return asyncWalk();
  }
}
