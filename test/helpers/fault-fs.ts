import type { Dirent, Stats } from 'node:fs';
import { nodeWalkFs, type Callback, type RawPath, type WalkFs } from '../../main/scan/walk-fs';

/** What to do for a path: fail with an errno code, or `'stall'` — never answer, like a hung network share. */
export type Fault = string;

/** Faults by operation: path suffix → errno code or 'stall'. Paths that match nothing use the real file system. */
export interface Faults {
  readonly readdir?: Readonly<Record<string, Fault>>;
  readonly lstat?: Readonly<Record<string, Fault>>;
}

/** An errno-style error, as Node's fs produces. */
export function errnoError(code: string, p: RawPath): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${String(p)}`), { code });
}

function inject<T>(table: Readonly<Record<string, Fault>> | undefined, real: (p: RawPath, cb: Callback<T>) => void) {
  return (p: RawPath, cb: Callback<T>) => {
    const fault = Object.entries(table ?? {}).find(([suffix]) => String(p).endsWith(suffix))?.[1];
    if (fault === 'stall') return;
    if (fault) {
      setImmediate(() => cb(errnoError(fault, p)));
      return;
    }
    real(p, cb);
  };
}

/** The real file system with faults injected (EACCES on one folder, a stalled share, a file that vanishes…). */
export function faultyFs(faults: Faults, base: WalkFs = nodeWalkFs): WalkFs {
  return {
    ...base,
    readdir: inject<Dirent[]>(faults.readdir, base.readdir),
    lstat: inject<Stats>(faults.lstat, base.lstat),
  };
}

/** Wraps one operation of the real file system, e.g. to delay it or count calls in flight. */
export function wrapOp<K extends keyof WalkFs>(
  name: K,
  wrap: (real: WalkFs[K]) => WalkFs[K],
  base: WalkFs = nodeWalkFs,
): WalkFs {
  return { ...base, [name]: wrap(base[name]) };
}
