import path from 'node:path';
import type { Issue } from '../../shared/model/issue';
import type { SampleResult } from '../../shared/formats/aggregate';
import { sampleIndices } from '../../shared/formats/sampling';
import { contextFromFile, NotRegularFileError, SymlinkRefusedError } from '../formats/context';
import { identify } from '../formats/registry';
import type { FileGroup } from './grouper';
import { describeOsError, errnoCode, issueCodeOf } from './os-error';
import { inFolder } from '../../shared/naming/place';

/**
 * Files whose headers are read at once. Header reads are small and random; eight keep a disk or a
 * network share busy without flooding libuv's queue, which the app shares with everything else.
 */
export const HEADER_READ_CONCURRENCY = 8;

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
function paths(group: FileGroup, index: number): { rel: string; abs: string } {
  const name = group.names[index]!;
  const rel = inFolder(group.directory, name);
  return { rel, abs: path.join(group.root.abs, ...rel.split('/')) };
}

/** The files to read for a group: its header files when a layout names them, else a sample (or all with `full`). */
function samplesOf(group: FileGroup, full: boolean): number[] {
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
  },
): Promise<HeaderReadResult> {
  const jobs: Job[] = groups.flatMap((group) => samplesOf(group, options.full).map((index) => ({ group, index })));
  const samples = new Map<string, SampleResult[]>();
  const issues: Issue[] = [];
  let next = 0;

  async function readOne({ group, index }: Job): Promise<SampleResult> {
    const { rel, abs } = paths(group, index);
    if (rel.includes(REPLACEMENT_CHAR)) {
      // The walk kept this name only as lossy text (it is not UTF-8), so it cannot be opened by it; the
      // walk already reported the name.
      return { file: rel, format: 'unknown', formatSource: 'none', confidence: 0, facts: {}, evidence: [], problems: ['its name is not valid UTF-8, so its header was not read'] };
    }
    let opened;
    try {
      opened = await contextFromFile(abs, { noFollow: options.followSymlinks !== true });
    } catch (err) {
      if (err instanceof NotRegularFileError) {
        issues.push({
          severity: 'warning',
          code: 'SPECIAL_FILE',
          path: abs,
          message: 'No longer a regular file (replaced by a pipe, device, socket or folder since the walk); its header was not read.',
        });
        return { file: rel, format: 'unknown', formatSource: 'none', confidence: 0, facts: {}, evidence: [], problems: ['could not be opened (it is no longer a regular file)'] };
      }
      if (err instanceof SymlinkRefusedError) {
        issues.push({ severity: 'warning', code: 'SYMLINK', path: abs, message: 'Replaced by a symbolic link since the walk; the link was not followed and its header was not read.' });
        return { file: rel, format: 'unknown', formatSource: 'none', confidence: 0, facts: {}, evidence: [], problems: ['could not be opened (it is now a symbolic link)'] };
      }
      const vanished = errnoCode(err) === 'ENOENT';
      issues.push({
        severity: vanished ? 'warning' : 'error',
        code: issueCodeOf(err),
        path: abs,
        message: vanished ? 'File disappeared before its header could be read.' : `Could not open the file to read its header: ${describeOsError(err)}.`,
      });
      return { file: rel, format: 'unknown', formatSource: 'none', confidence: 0, facts: {}, evidence: [], problems: [`could not be opened (${describeOsError(err)})`] };
    }
    try {
      return { file: rel, ...(await identify(opened.ctx)) };
    } finally {
      await opened.close().catch(() => undefined);
    }
  }

  async function worker(): Promise<void> {
    while (next < jobs.length && !options.signal?.aborted) {
      const job = jobs[next++]!;
      const result = await readOne(job);
      const list = samples.get(job.group.id);
      if (list) list.push(result);
      else samples.set(job.group.id, [result]);
      options.onFileRead?.();
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? HEADER_READ_CONCURRENCY, jobs.length)) }, worker));
  // Workers finish in any order; keep each fileset's samples in file order so reports are deterministic.
  for (const list of samples.values()) list.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { samples, issues, cancelled: options.signal?.aborted === true };
}
