import type { LayoutFileset } from './types';

/** The folder part of a POSIX path (`.` for a top-level file). */
export function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '.' : p.slice(0, i);
}

/** The name part of a POSIX path. */
export function baseOf(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** True when `dir` is `ancestor` or lies inside it (both relative POSIX folders, `.` the root). */
export function within(dir: string, ancestor: string): boolean {
  return ancestor === '.' || dir === ancestor || dir.startsWith(`${ancestor}/`);
}

/** Filesets of the same root at or below a folder. */
export function filesetsUnder(all: readonly LayoutFileset[], root: string, dir: string): LayoutFileset[] {
  return all.filter((f) => f.root === root && within(f.directory, dir));
}

/** The fileset holding a given file (root + relative path), if any. */
export function filesetOfFile(all: readonly LayoutFileset[], root: string, file: string): LayoutFileset | undefined {
  const dir = dirOf(file);
  return all.find((f) => f.root === root && f.directory === dir && f.files.includes(file));
}

/** The folder above a relative POSIX folder, `undefined` above the root (`.`). */
export function parentDir(dir: string): string | undefined {
  return dir === '.' ? undefined : dirOf(dir);
}
