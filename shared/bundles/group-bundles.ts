import { ARCHIVE_DESTINATIONS } from '../model/destination';
import type { Bundle } from '../model/bundle';
import type { Fileset } from '../model/fileset';

/** The fields of a fileset that bundling looks at. */
type BundleInput = Pick<Fileset, 'id' | 'destination' | 'fileCount' | 'bytes'>;

/** One bundle per archive that receives at least one fileset, in the fixed archive order; REVIEW and NONE make none. */
export function groupBundles(filesets: readonly BundleInput[]): Bundle[] {
  const bundles: Bundle[] = [];
  for (const archive of ARCHIVE_DESTINATIONS) {
    const members = filesets.filter((f) => f.destination === archive);
    if (members.length === 0) continue;
    bundles.push({
      archive,
      filesetIds: members.map((f) => f.id),
      fileCount: members.reduce((n, f) => n + f.fileCount, 0),
      bytes: members.reduce((n, f) => n + f.bytes, 0),
    });
  }
  return bundles;
}
