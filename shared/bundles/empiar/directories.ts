/**
 * Where a fileset lands in an EMPIAR entry. `empiar-depositor` uploads its DATA folder with
 * `ascp … DATA emp_dep@…:upload/<entry directory>/data`, so the folder itself becomes the first level under
 * `data/` and its files keep their paths below it (docs/empiar.md §6.2); an image set's `directory` is
 * therefore `data/<root folder name>/<folder inside the root>` (docs/empiar.md §1.4, §5.1).
 */

/** The top folder of every EMPIAR upload; reserved, uploads land in it (docs/empiar.md §1.4). */
export const EMPIAR_DATA_FOLDER = 'data';

/** The last segment of an absolute root path, POSIX or Windows (`/mnt/em_disk/` → `em_disk`, `D:\\scans` → `scans`). */
export function rootBasename(root: string): string {
  const parts = root.split(/[\\/]+/).filter((p) => p !== '');
  const last = parts[parts.length - 1];
  // A drive or file-system root ("/", "D:") has no folder name of its own.
  return last === undefined || /^[A-Za-z]:$/.test(last) ? 'root' : last;
}

/** The image-set `directory` of a fileset folder (`.` for the root itself) of the given root. */
export function empiarDirectory(root: string, directory: string): string {
  const base = `${EMPIAR_DATA_FOLDER}/${rootBasename(root)}`;
  return directory === '.' || directory === '' ? base : `${base}/${directory}`;
}
