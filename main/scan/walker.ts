import path from 'node:path';
import type { Dirent, Stats } from 'node:fs';
import type { Issue } from '../../shared/model/issue';
import { describeOsError, errnoCode, isTransient, issueCodeOf } from './os-error';
import { nodeWalkFs, type RawPath, type WalkFs } from './walk-fs';

/**
 * File-system operations in flight at once. Measured on 200k files (test/bench): 16 keeps the libuv pool
 * (4 threads) saturated; more only adds memory.
 */
export const DEFAULT_WALK_CONCURRENCY = 16;

/** Attempts for an operation that failed with "too many open files" or "busy" before it is reported. */
const TRANSIENT_ATTEMPTS = 3;

/** Pause between those attempts, doubled each time. */
const TRANSIENT_BACKOFF_MS = 25;

/** U+FFFD: what Node puts in a name whose bytes are not valid UTF-8. */
const REPLACEMENT_CHAR = '\uFFFD';

/** A scan root, already resolved to an absolute path and checked to be a readable folder. */
export interface WalkRoot {
  readonly index: number;
  readonly abs: string;
}

/** A folder the walker reads: its root, its path for the OS, its POSIX path relative to the root, and its path for people. */
export interface WalkDir {
  readonly root: WalkRoot;
  readonly abs: RawPath;
  readonly rel: string;
  readonly display: string;
}

/** Receives what the walker finds. Calls stop once the walk has settled (cancelled walks included). */
export interface WalkSink {
  /** A regular file. `name` is its name in `dir` (lossy if the bytes are not UTF-8). */
  file(dir: WalkDir, name: string, size: number, mtimeMs: number): void;
  /** A folder about to be read. */
  directory(dir: WalkDir): void;
  /** That folder's listing has arrived (or failed); its entries may still be in progress. */
  directoryRead?(dir: WalkDir): void;
  /** A problem with one path; the walk goes on. */
  issue(issue: Issue): void;
}

/** How to walk. */
export interface WalkOptions {
  /** Operations in flight at once (≥ 1). */
  readonly concurrency?: number;
  /** Follow symbolic links, with loop detection; off by default, links are then only reported. */
  readonly followSymlinks?: boolean;
  readonly signal?: AbortSignal;
  readonly fs?: WalkFs;
}

/** How a walk ended. */
export interface WalkResult {
  readonly cancelled: boolean;
}

/** A directory entry with the name to show and the name to hand to the OS (bytes when not UTF-8). */
interface Entry {
  readonly dirent: Dirent | Dirent<Buffer>;
  readonly name: string;
  readonly raw: RawPath;
}

interface Batch {
  readonly dir: WalkDir;
  readonly entries: readonly (Dirent | Entry)[];
  next: number;
}

function isEntry(e: Dirent | Entry): e is Entry {
  return 'raw' in e;
}

function joinRaw(parent: RawPath, name: RawPath): RawPath {
  if (typeof parent === 'string' && typeof name === 'string') {
    return parent.endsWith(path.sep) ? parent + name : parent + path.sep + name;
  }
  const p = typeof parent === 'string' ? Buffer.from(parent) : parent;
  const n = typeof name === 'string' ? Buffer.from(name) : name;
  const needsSep = p.length === 0 || p[p.length - 1] !== path.sep.charCodeAt(0);
  return Buffer.concat(needsSep ? [p, Buffer.from(path.sep), n] : [p, n]);
}

function displayOf(p: RawPath): string {
  return typeof p === 'string' ? p : p.toString('utf8');
}

function childDir(parent: WalkDir, name: string, raw: RawPath): WalkDir {
  const abs = joinRaw(parent.abs, raw);
  return { root: parent.root, abs, rel: parent.rel === '.' ? name : `${parent.rel}/${name}`, display: displayOf(abs) };
}

async function withRetry<T>(op: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await op();
    } catch (err) {
      if (attempt >= TRANSIENT_ATTEMPTS || !isTransient(err)) throw err;
      await new Promise((r) => setTimeout(r, TRANSIENT_BACKOFF_MS * 2 ** (attempt - 1)));
    }
  }
}

/**
 * Walks the roots and reports every regular file, folder and problem to the sink. At most `concurrency`
 * file-system calls are in flight, however large a folder is; symbolic links are reported, not followed,
 * unless asked; every per-path error becomes an issue and the walk goes on. Resolves as soon as the signal
 * aborts, even if a call is stuck in the OS.
 */
export async function walk(roots: readonly WalkRoot[], sink: WalkSink, options: WalkOptions = {}): Promise<WalkResult> {
  const fs = options.fs ?? nodeWalkFs;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_WALK_CONCURRENCY));
  const follow = options.followSymlinks ?? false;
  const signal = options.signal;

  const dirs: WalkDir[] = roots.map((r) => ({ root: r, abs: r.abs, rel: '.', display: r.abs })).reverse();
  const batches: Batch[] = [];
  /** dev:ino of folders and files already visited, only kept when following links. */
  const seen = new Set<string>();
  let busy = 0;
  let settled = false;
  let waiters: (() => void)[] = [];

  const report = (issue: Issue) => {
    if (!settled) sink.issue(issue);
  };
  const wake = () => {
    const w = waiters;
    waiters = [];
    for (const resolve of w) resolve();
  };
  const aborted = () => signal?.aborted === true;

  const firstVisit = (st: Stats): boolean => {
    const key = `${st.dev}:${st.ino}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };

  async function readDir(dir: WalkDir): Promise<void> {
    if (follow) {
      try {
        if (!firstVisit(await fs.stat(dir.abs))) {
          report({ severity: 'warning', code: 'ELOOP', path: dir.display, message: 'Folder already scanned through another path (a symbolic-link loop or duplicate); skipped.' });
          return;
        }
      } catch (err) {
        report({ severity: 'error', code: issueCodeOf(err), path: dir.display, message: `Could not read folder: ${describeOsError(err)}.` });
        return;
      }
    }
    if (!settled) sink.directory(dir);
    let entries: readonly (Dirent | Entry)[];
    try {
      const list = await withRetry(() => fs.readdir(dir.abs));
      entries = list.some((d) => d.name.includes(REPLACEMENT_CHAR)) ? await readRaw(dir) : list;
      if (!settled) sink.directoryRead?.(dir);
    } catch (err) {
      if (!settled) sink.directoryRead?.(dir);
      const code = errnoCode(err);
      report({
        severity: code === 'ENOENT' ? 'warning' : 'error',
        code: issueCodeOf(err),
        path: dir.display,
        message: `Could not read folder: ${describeOsError(err)}. Nothing inside it was scanned.`,
      });
      return;
    }
    if (entries.length > 0) batches.push({ dir, entries, next: 0 });
  }

  /** Re-reads a folder whose names were not all UTF-8, keeping the raw bytes of those names. */
  async function readRaw(dir: WalkDir): Promise<Entry[]> {
    const list = await withRetry(() => fs.readdirRaw(dir.abs));
    return list.map((dirent) => {
      const name = dirent.name.toString('utf8');
      const valid = Buffer.from(name, 'utf8').equals(dirent.name);
      if (!valid) {
        report({
          severity: 'warning',
          code: 'NON_UTF8_NAME',
          path: displayOf(joinRaw(dir.abs, dirent.name)),
          message: `Name is not valid UTF-8 (shown as "${name}"). Archives need UTF-8 names; rename it before deposition.`,
        });
      }
      return { dirent, name, raw: valid ? name : dirent.name };
    });
  }

  async function handleStats(dir: WalkDir, name: string, raw: RawPath, st: Stats): Promise<void> {
    if (st.isFile()) {
      if (follow && !firstVisit(st)) return;
      if (!settled) sink.file(dir, name, st.size, st.mtimeMs);
    } else if (st.isDirectory()) {
      dirs.push(childDir(dir, name, raw));
    } else if (st.isSymbolicLink()) {
      await handleSymlink(dir, name, raw);
    } else {
      report({ severity: 'info', code: 'SPECIAL_FILE', path: displayOf(joinRaw(dir.abs, raw)), message: 'Not a regular file (device, pipe or socket); skipped.' });
    }
  }

  async function handleSymlink(dir: WalkDir, name: string, raw: RawPath): Promise<void> {
    const abs = joinRaw(dir.abs, raw);
    if (!follow) {
      let target = '';
      try {
        target = ` → ${await fs.readlink(abs)}`;
      } catch {
        // the target is only decoration for the message
      }
      report({ severity: 'info', code: 'SYMLINK', path: displayOf(abs), message: `Symbolic link not followed${target}.` });
      return;
    }
    let st: Stats;
    try {
      st = await fs.stat(abs);
    } catch (err) {
      report({ severity: 'warning', code: issueCodeOf(err), path: displayOf(abs), message: `Symbolic link cannot be followed: ${describeOsError(err)}.` });
      return;
    }
    if (st.isDirectory()) dirs.push(childDir(dir, name, raw));
    else await handleStats(dir, name, raw, st);
  }

  async function handleEntry(dir: WalkDir, entry: Dirent | Entry): Promise<void> {
    const dirent = isEntry(entry) ? entry.dirent : entry;
    const name = isEntry(entry) ? entry.name : entry.name;
    const raw = isEntry(entry) ? entry.raw : entry.name;
    if (dirent.isDirectory()) {
      dirs.push(childDir(dir, name, raw));
      return;
    }
    if (dirent.isSymbolicLink()) {
      await handleSymlink(dir, name, raw);
      return;
    }
    const known = dirent.isFile();
    if (!known && (dirent.isFIFO() || dirent.isSocket() || dirent.isBlockDevice() || dirent.isCharacterDevice())) {
      report({ severity: 'info', code: 'SPECIAL_FILE', path: displayOf(joinRaw(dir.abs, raw)), message: 'Not a regular file (device, pipe or socket); skipped.' });
      return;
    }
    // A regular file, or a type the file system did not tell (DT_UNKNOWN): lstat decides.
    let st: Stats;
    try {
      st = await withRetry(() => fs.lstat(joinRaw(dir.abs, raw)));
    } catch (err) {
      const vanished = errnoCode(err) === 'ENOENT';
      report({
        severity: vanished ? 'warning' : 'error',
        code: issueCodeOf(err),
        path: displayOf(joinRaw(dir.abs, raw)),
        message: vanished
          ? 'File disappeared during the scan (removed or renamed); not listed.'
          : `Could not read file information: ${describeOsError(err)}. Not listed in any fileset.`,
      });
      return;
    }
    await handleStats(dir, name, raw, st);
  }

  async function worker(): Promise<void> {
    for (;;) {
      if (aborted() || settled) return;
      const batch = batches[batches.length - 1];
      if (batch) {
        const entry = batch.entries[batch.next++]!;
        if (batch.next >= batch.entries.length) batches.pop();
        busy++;
        try {
          await handleEntry(batch.dir, entry);
        } finally {
          busy--;
        }
        if (waiters.length > 0) wake();
        continue;
      }
      const dir = dirs.pop();
      if (dir) {
        busy++;
        try {
          await readDir(dir);
        } finally {
          busy--;
        }
        wake();
        continue;
      }
      if (busy === 0) {
        wake();
        return;
      }
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  }

  if (aborted()) return { cancelled: true };
  let onAbort: (() => void) | undefined;
  const abortedPromise = new Promise<void>((resolve) => {
    onAbort = resolve;
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([Promise.all(Array.from({ length: concurrency }, worker)), abortedPromise]);
  } finally {
    settled = true;
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    wake();
  }
  return { cancelled: aborted() };
}
