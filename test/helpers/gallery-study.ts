// A gallery layout (test/layouts/gallery) written to a temporary folder and scanned by the real engine: the
// study bundle, citation and export tests start from folders laid out as instruments write them.
import path from 'node:path';
import { runScan } from '../../main/scan/run-scan';
import { ScanReportSchema, type ScanReport } from '../../shared/model/scan-report';
import { GALLERY } from '../layouts/gallery';
import { makeTree, removeTree } from './temp-tree';

/** A scanned gallery layout: its folder (kept until `remove`), its roots and the report. */
export interface GalleryStudy {
  readonly top: string;
  readonly roots: readonly string[];
  readonly report: ScanReport;
  remove(): void;
}

/** Writes the gallery layout `id` to a temporary folder and scans it (its named roots, or the folder as one root). */
export async function scanGalleryLayout(id: string): Promise<GalleryStudy> {
  const layout = GALLERY.find((l) => l.id === id);
  if (!layout) throw new Error(`no gallery layout ${id}`);
  const top = makeTree(layout.tree());
  const roots = layout.roots ? layout.roots.map((r) => path.join(top, r)) : [top];
  const outcome = await runScan(roots, {});
  if (outcome.status !== 'done') {
    removeTree(top);
    throw new Error(`scan of ${id} ended ${outcome.status}`);
  }
  return { top, roots, report: ScanReportSchema.parse(outcome.report), remove: () => removeTree(top) };
}
