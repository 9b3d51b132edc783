/** A relative POSIX path inside a folder (`.` is the root): `dir/name`, or `name` at the root. */
export function inFolder(dir: string, name: string): string {
  return dir === '.' ? name : `${dir}/${name}`;
}

/** Where a fileset is, as the user reads it: its folder and name pattern (`tomo/TS_##.mrc`). */
export function placeOf(f: { readonly directory: string; readonly pattern: string }): string {
  return inFolder(f.directory, f.pattern);
}
