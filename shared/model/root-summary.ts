import type { Issue } from './issue';
import type { FilesetView } from './fileset';

/** What one scanned root holds, and whether it could be read at all. */
export interface RootSummary {
  readonly root: string;
  readonly files: number;
  readonly bytes: number;
  readonly filesets: number;
  /** The error that kept the root itself from being listed (e.g. permission denied), `null` when it was read. */
  readonly unreadable: Issue | null;
  /** Errors met inside the root (folders or files that could not be read), the root's own error excluded. */
  readonly errorsInside: number;
}

/** True when `p` is `root` or lies inside it, in either separator style (issue paths are in the OS's form). */
function isUnder(p: string, root: string): boolean {
  if (p === root) return true;
  if (root.endsWith('/') || root.endsWith('\\')) return p.startsWith(root);
  return p.startsWith(`${root}/`) || p.startsWith(`${root}\\`);
}

/** Per-root totals of a report, in the report's root order, with the root's own read error if it had one. */
export function summarizeRoots(
  roots: readonly string[],
  filesets: readonly Pick<FilesetView, 'root' | 'fileCount' | 'bytes'>[],
  issues: readonly Issue[],
): RootSummary[] {
  return roots.map((root) => {
    const sets = filesets.filter((f) => f.root === root);
    const errors = issues.filter((i) => i.severity === 'error' && i.path !== undefined && isUnder(i.path, root));
    const unreadable = errors.find((i) => i.path === root) ?? null;
    return {
      root,
      files: sets.reduce((n, f) => n + f.fileCount, 0),
      bytes: sets.reduce((n, f) => n + f.bytes, 0),
      filesets: sets.length,
      unreadable,
      errorsInside: errors.length - (unreadable ? 1 : 0),
    };
  });
}

/** The roots of a study with `added` appended (each once, in the order first given): what a re-scan scans. */
export function unionRoots(current: readonly string[], added: readonly string[]): string[] {
  return [...new Set([...current, ...added])];
}
