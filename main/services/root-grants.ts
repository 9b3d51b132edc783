import path from 'node:path';
import { promises as fsp } from 'node:fs';

/** A scan root the renderer asked for that the user never chose. */
export class NotGrantedError extends Error {
  /** Names the refused path. */
  constructor(readonly root: string) {
    super(`${root} was not chosen by you: choose folders with Open folders… or drop them on the window.`);
    this.name = 'NotGrantedError';
  }
}

async function real(p: string): Promise<string | null> {
  try {
    return await fsp.realpath(path.resolve(p));
  } catch {
    return null;
  }
}

/**
 * Where a path would be once its links are resolved: the real path of its deepest ancestor that exists,
 * with the missing rest appended. A path that does not exist (yet) is checked like any other (issue 12,
 * finding 6b), and `..` cannot climb out once the existing part is resolved.
 */
async function realOrPlanned(p: string): Promise<string> {
  let existing = path.resolve(p);
  const missing: string[] = [];
  for (;;) {
    const r = await real(existing);
    if (r !== null) return path.join(r, ...missing.reverse());
    const parent = path.dirname(existing);
    if (parent === existing) return path.resolve(p);
    missing.push(path.basename(existing));
    existing = parent;
  }
}

function within(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Dropped paths sorted by what main must do with them (see `RootGrants.sortDropped`). */
export interface DroppedPaths {
  /** On disk and already granted (or inside a granted folder), as given but resolved. */
  readonly granted: readonly string[];
  /** On disk and not granted: the user must confirm them in main's own dialog first. */
  readonly ask: readonly string[];
}

/**
 * The folders the user chose for this window — in the folder dialog, by dropping them (confirmed in main's
 * dialog), or the bundled demo study. The renderer may only scan these (or folders inside them); paths are
 * compared after resolving links, so a link inside a granted folder cannot reach outside it.
 */
export class RootGrants {
  private readonly granted = new Set<string>();

  /** Grants the paths that exist and returns them, as given; paths that do not exist are left out. Only for paths main itself produced. */
  async grant(paths: readonly string[]): Promise<string[]> {
    const accepted: string[] = [];
    for (const p of paths) {
      const r = await real(p);
      if (r === null) continue;
      this.granted.add(r);
      accepted.push(path.resolve(p));
    }
    return accepted;
  }

  /** Sorts paths the renderer says were dropped: those already granted, and those on disk to ask the user about; the rest are left out. */
  async sortDropped(paths: readonly string[]): Promise<DroppedPaths> {
    const granted: string[] = [];
    const ask: string[] = [];
    for (const p of paths) {
      const r = await real(p);
      if (r === null) continue;
      (this.covers(r) ? granted : ask).push(path.resolve(p));
    }
    return { granted, ask };
  }

  /** Throws `NotGrantedError` for the first root that is not a granted folder or inside one, whether or not it exists. */
  async check(roots: readonly string[]): Promise<void> {
    for (const root of roots) {
      if (!this.covers(await realOrPlanned(root))) throw new NotGrantedError(root);
    }
  }

  private covers(realPath: string): boolean {
    return [...this.granted].some((g) => within(realPath, g));
  }
}
