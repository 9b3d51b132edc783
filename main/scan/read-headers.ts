import path from 'node:path';
import type { Issue } from '../../shared/model/issue';
import type { SampleResult } from '../../shared/formats/aggregate';
import { sampleIndices } from '../../shared/formats/sampling';
import { contextFromFile, NotRegularFileError, SymlinkRefusedError, type FileContext } from '../formats/context';
import { identify } from '../formats/registry';
import type { FileGroup } from './grouper';
import { describeOsError, errnoCode, issueCodeOf } from './os-error';
import { inFolder } from '../../shared/naming/place';
import { findHeaderWorker, readHeadersInPool } from './header-pool';

/**
 * Files whose headers are read at once. Header reads are small and random; eight keep a disk or a
 * network share busy without flooding libuv's queue, which the app shares with everything else.
 */
export const HEADER_READ_CONCURRENCY = 8;

/**
 * Headers below which a scan reads them on its own thread: starting worker threads costs tens of
 * milliseconds (more from source through tsx), which a small study would notice and a big one does not.
 */
export const POOL_MIN_JOBS = 200;

/** What Node puts in place of bytes that are not UTF-8 (see the walker). */
const REPLACEMENT_CHAR = '\uFFFD';

/** What reading a study's headers produced: samples per fileset id, and files that could not be opened. */
export interface HeaderReadResult {
  readonly samples: ReadonlyMap<string, readonly SampleResult[]>;
  readonly issues: readonly Issue[];
  readonly cancelled: boolean;
}

interface Job {
  readonly group: FileGroup;
  readonly index: number;
}

/** The relative POSIX path and absolute OS path of a group's file. */
export function paths(group: FileGroup, index: number): { rel: string; abs: string } {
  const name = group.names[index]!;
  const rel = inFolder(group.directory, name);
  return { rel, abs: path.join(group.root.abs, ...rel.split('/')) };
}

/** The files to read for a group: its header files when a layout names them, else a sample (or all with `full`). */
export function samplesOf(group: FileGroup, full: boolean): number[] {
  return group.headerFiles && group.headerFiles.length > 0 ? [...group.headerFiles] : sampleIndices(group.sizes, full);
}

/** The number of header reads a scan will make: the samples of every group. */
export function headerJobs(groups: readonly FileGroup[], full: boolean): number {
  return groups.reduce((n, g) => n + samplesOf(g, full).length, 0);
}

/**
 * Reads the headers of each group's sample files (all files with `full`), at most
 * HEADER_READ_CONCURRENCY at a time. A file that cannot be opened becomes an issue and an unknown
 * sample; what the readers could not understand stays in the samples' problems. Nothing here throws.
 */
export async function readHeaders(
  groups: readonly FileGroup[],
  options: {
    readonly full: boolean;
    readonly signal?: AbortSignal;
    readonly onFileRead?: () => void;
    readonly concurrency?: number;
    /** Open files through symbolic links (`--follow-symlinks`); otherwise a file swapped for a link since the walk is refused. */
    readonly followSymlinks?: boolean;
    /**
     * Worker threads to read on (header-pool.ts): `auto` (default) uses them when there are at least
     * POOL_MIN_JOBS headers; 0 reads on this thread; a number forces that many.
     */
    readonly workers?: number | 'auto';
    /** Longest one file may take on a worker before it is stopped and reported (header-pool.ts FILE_BUDGET_MS). */
    readonly fileBudgetMs?: number;
  },
): Promise<HeaderReadResult> {
  const jobs: Job[] = groups.flatMap((group) => samplesOf(group, options.full).map((index) => ({ group, index })));
  const samples = new Map<string, SampleResult[]>();
  const issues: Issue[] = [];
  const keep = (job: Job, outcome: HeaderOutcome) => {
    if (outcome.issue) issues.push(outcome.issue);
    const list = samples.get(job.group.id);
    if (list) list.push(outcome.sample);
    else samples.set(job.group.id, [outcome.sample]);
  };

  // Left for this thread: every job, unless the pool read them.
  let left: readonly Job[] = jobs;
  const workers = options.workers ?? 'auto';
  const script = workers === 0 || (workers === 'auto' && jobs.length < POOL_MIN_JOBS) ? null : findHeaderWorker();
  if (script) {
    const run = await readHeadersInPool(
      jobs.map((j) => paths(j.group, j.index)),
      {
        script,
        followSymlinks: options.followSymlinks,
        signal: options.signal,
        onFileRead: options.onFileRead,
        ...(typeof workers === 'number' ? { workers } : {}),
        ...(options.fileBudgetMs !== undefined ? { fileBudgetMs: options.fileBudgetMs } : {}),
      },
    );
    if (run.cancelled) return { samples, issues, cancelled: true };
    jobs.forEach((job, k) => {
      const outcome = run.outcomes[k];
      if (outcome) keep(job, outcome);
    });
    left = run.broken ? jobs.filter((_, k) => run.outcomes[k] === undefined) : [];
  }

  let next = 0;
  async function worker(): Promise<void> {
    while (next < left.length && !options.signal?.aborted) {
      const job = left[next++]!;
      keep(job, await readHeaderJob(paths(job.group, job.index), contextFromFile, options.followSymlinks === true));
      options.onFileRead?.();
    }
  }

  if (left.length > 0) await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? HEADER_READ_CONCURRENCY, left.length)) }, worker));
  // Workers finish in any order; keep each fileset's samples in file order so reports are deterministic.
  for (const list of samples.values()) list.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { samples, issues, cancelled: options.signal?.aborted === true };
}

/** One file whose header is read: its path relative to the root (POSIX) and on disk. */
export interface HeaderJob {
  readonly rel: string;
  readonly abs: string;
}

/** What reading one header gave: the sample, and the issue to report when the file could not be opened. */
export interface HeaderOutcome {
  readonly sample: SampleResult;
  readonly issue?: Issue;
}

/** A sample that says why nothing was read. */
function unread(rel: string, problem: string): SampleResult {
  return { file: rel, format: 'unknown', formatSource: 'none', confidence: 0, facts: {}, evidence: [], problems: [problem] };
}

/**
 * Opens one file (with `open`: promise or blocking calls) and identifies it. A file that cannot be opened is
 * an issue and an unknown sample; nothing here throws.
 */
export async function readHeaderJob(
  { rel, abs }: HeaderJob,
  open: (file: string, options: { readonly noFollow?: boolean }) => FileContext | Promise<FileContext>,
  followSymlinks: boolean,
): Promise<HeaderOutcome> {
  if (rel.includes(REPLACEMENT_CHAR)) {
    // The walk kept this name only as lossy text (it is not UTF-8), so it cannot be opened by it; the
    // walk already reported the name.
    return { sample: unread(rel, 'its name is not valid UTF-8, so its header was not read') };
  }
  let opened;
  try {
    opened = await open(abs, { noFollow: !followSymlinks });
  } catch (err) {
    if (err instanceof NotRegularFileError) {
      return {
        sample: unread(rel, 'could not be opened (it is no longer a regular file)'),
        issue: { severity: 'warning', code: 'SPECIAL_FILE', path: abs, message: 'No longer a regular file (replaced by a pipe, device, socket or folder since the walk); its header was not read.' },
      };
    }
    if (err instanceof SymlinkRefusedError) {
      return {
        sample: unread(rel, 'could not be opened (it is now a symbolic link)'),
        issue: { severity: 'warning', code: 'SYMLINK', path: abs, message: 'Replaced by a symbolic link since the walk; the link was not followed and its header was not read.' },
      };
    }
    const vanished = errnoCode(err) === 'ENOENT';
    return {
      sample: unread(rel, `could not be opened (${describeOsError(err)})`),
      issue: {
        severity: vanished ? 'warning' : 'error',
        code: issueCodeOf(err),
        path: abs,
        message: vanished ? 'File disappeared before its header could be read.' : `Could not open the file to read its header: ${describeOsError(err)}.`,
      },
    };
  }
  try {
    return { sample: { file: rel, ...(await identify(opened.ctx)) } };
  } catch (err) {
    // identify catches what readers throw; this is a last guard so one file never ends the scan.
    return { sample: unread(rel, `its header could not be read: ${err instanceof Error ? err.message : String(err)}`) };
  } finally {
    await opened.close().catch(() => undefined);
  }
}
