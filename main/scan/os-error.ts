import type { IssueCode } from '../../shared/model/issue';

const KNOWN: ReadonlySet<string> = new Set(['EACCES', 'EPERM', 'ENOENT', 'ELOOP', 'ENOTDIR', 'EIO', 'EMFILE']);

/** The `code` of a Node system error, or `undefined`. */
export function errnoCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') return err.code;
  return undefined;
}

/** Maps an OS error to an issue code; unknown codes become OS_ERROR. */
export function issueCodeOf(err: unknown): IssueCode {
  const code = errnoCode(err);
  return code && KNOWN.has(code) ? (code as IssueCode) : 'OS_ERROR';
}

/**
 * A short description of an OS error for people, without the path Node puts in `message`. `input` is for
 * paths the user typed or chose (ENOENT: "does not exist"); `walk` for paths found during a scan
 * (ENOENT: it vanished meanwhile).
 */
export function describeOsError(err: unknown, context: 'walk' | 'input' = 'walk'): string {
  switch (errnoCode(err)) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return context === 'input' ? 'it does not exist' : 'it no longer exists (removed or renamed during the scan)';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENOTDIR':
      return 'it is no longer a folder';
    case 'EIO':
      return 'input/output error (failing disk or lost network share?)';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default: {
      const code = errnoCode(err);
      const msg = err instanceof Error ? err.message : String(err);
      return code ? `${code}: ${msg}` : msg;
    }
  }
}

/** True for errors that say "try again later" rather than "this path is bad". */
export function isTransient(err: unknown): boolean {
  const code = errnoCode(err);
  return code === 'EMFILE' || code === 'ENFILE' || code === 'EAGAIN' || code === 'EBUSY';
}
