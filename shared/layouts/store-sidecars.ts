import type { LayoutFileset, LayoutFinding, LayoutReader } from './types';
import { ACQUISITION_FACTS, borrowFacts } from './sidecars';
import { baseOf, dirOf } from './paths';
import { inFolder } from '../naming/place';

/**
 * Sidecars that name a chunked store (an N5 or Zarr folder) as the data they describe: BigDataViewer's SpimData
 * XML names its container in `<ImageLoader format="bdv.n5"><n5>dataset.n5</n5>` (bigdataviewer-core
 * XmlIoN5ImageLoader; BigStitcher "Resave as N5"), and the same for `bdv.zarr`. The scan collapses a store into
 * one fileset whose files are the store's members, so the store is found by its folder name, not by a file
 * name (shared/layouts/sidecars.ts pairs files). The pairing is recorded as `described-by`, like every pairing
 * by a `describes` fact, and the store borrows the sidecar's acquisition facts where its own metadata are silent.
 */

/** Formats of stores collapsed into one fileset by the scan (main/scan/grouper.ts). */
const STORE_FORMATS: ReadonlySet<string> = new Set(['n5', 'zarr', 'ome-zarr']);

/** The store folder (relative to the root) of a collapsed store fileset, or `undefined`. */
function storeFolder(f: LayoutFileset): string | undefined {
  return STORE_FORMATS.has(f.format) && f.pattern.endsWith('/') ? inFolder(f.directory, f.pattern.slice(0, -1)) : undefined;
}

/** Pairs describing files with the stores they name, in the sidecar's folder or below it. */
export const storeSidecars: LayoutReader = (all) => {
  const stores = new Map<string, LayoutFileset>();
  for (const f of all) {
    const folder = storeFolder(f);
    if (folder) stores.set(`${f.root}\0${folder}`, f);
  }
  if (stores.size === 0) return [];
  const out: LayoutFinding[] = [];
  for (const sidecar of all) {
    const named = sidecar.facts.describes?.value;
    if (!named || sidecar.kind === 'image' || storeFolder(sidecar)) continue;
    const marker = sidecar.files[0]!;
    const dir = dirOf(marker);
    for (const name of named) {
      const store = stores.get(`${sidecar.root}\0${inFolder(dir, name.replace(/\/+$/, ''))}`);
      if (!store) continue;
      const layout = { kind: 'described-by' as const, directory: store.directory, marker };
      const borrowed = borrowFacts(sidecar.facts, ACQUISITION_FACTS, store.facts, marker);
      out.push({ filesetId: store.id, layout, facts: borrowed.facts, evidence: [{ source: 'sidecar', detail: `${marker} names the store ${baseOf(name)} as the data it describes.`, weight: 0.7 }, ...borrowed.evidence] });
      out.push({ filesetId: sidecar.id, layout, evidence: [{ source: 'layout', detail: `Describes the store ${inFolder(dir, name)}.`, weight: 0.5 }] });
    }
  }
  return out;
};
