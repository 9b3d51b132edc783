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

function within(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The folders the user chose for this window — in the folder dialog, by dropping them, or the bundled demo
 * study. The renderer may only scan these (or folders inside them); paths are compared after resolving
 * links, so a link inside a granted folder cannot reach outside it.
 */
export class RootGrants {
  private readonly granted = new Set<string>();

  /** Grants the paths that exist and returns them, as given; paths that do not exist are left out. */
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

  /** Throws `NotGrantedError` for the first root that is not a granted folder or inside one. */
  async check(roots: readonly string[]): Promise<void> {
    for (const root of roots) {
      const r = await real(root);
      // A path that does not exist is left to root validation, which says so in plain words.
      if (r === null) continue;
      if (![...this.granted].some((g) => within(r, g))) throw new NotGrantedError(root);
    }
  }
}
