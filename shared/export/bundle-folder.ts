import type { BundleTarget } from '../model/bundle';
import { assertNever } from '../assert-never';

/** The folder of an export that holds a bundle (issue 9, Export: one folder per bundle). */
export function bundleFolder(target: BundleTarget): string {
  switch (target) {
    case 'EMPIAR':
      return 'empiar';
    case 'BIA':
      return 'bia';
    case 'EMDB':
      return 'emdb';
    case 'OMICS':
      return 'omics';
    case 'NONE':
      return 'not-depositable';
    default:
      return assertNever(target, 'bundle target');
  }
}

/**
 * Short, file-name-safe names for the roots of a study, used in `MANIFEST-<rootname>.<alg>`: each root's
 * last folder name with anything but `A-Z a-z 0-9 . _ -` replaced by `_`, and `-2`, `-3`… added when two
 * roots share a name (`/disk1/data`, `/disk2/data`). Same order as `roots`.
 */
export function rootNames(roots: readonly string[]): string[] {
  const used = new Set<string>();
  return roots.map((root) => {
    const last = root.split(/[\\/]/).filter(Boolean).pop() ?? '';
    const base = last.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || 'root';
    let name = base;
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base}-${i}`;
    used.add(name.toLowerCase());
    return name;
  });
}
