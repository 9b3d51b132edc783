import type { Evidence } from '../../../../shared/model/evidence';
import { HEAD_BYTES, detection, type DetectContext, type Detection, type Detector } from '../../detector';
import { H5File } from './h5-access';
import { h5Host, type H5Host } from './h5-host';
import { findSignature, readSuperblock, signatureInHead } from './hdf5-signature';
import { readGenericHdf5 } from './hdf5-generic';
import { readImaris, readVelox } from './hdf5-imaging';
import { readBdvHdf5, readNxtomo } from './hdf5-multiview';
import { readDxchange } from './hdf5-dxchange';
import type { Hdf5Scan } from './hdf5-layout';
import { readAnnData, readLoom, readTenx } from './hdf5-omics';

/** An HDF5 signature whose file cannot be read further (truncated, damaged): still HDF5, with less certainty. */
const HDF5_UNREADABLE = 0.6;
/** Extensions of HDF5-based files (docs/formats.md §1), for files whose signature lies beyond the first 64 KiB. */
const HDF5_EXTENSIONS = new Set(['.h5', '.hdf5', '.hdf', '.he5', '.nxs', '.h5ad', '.loom', '.ims', '.emd']);

/** Sub-type readers, most specific first; the generic reader takes the rest. */
const SUBTYPES: readonly ((scan: Hdf5Scan) => Detection | null)[] = [readImaris, readVelox, readAnnData, readLoom, readTenx, readNxtomo, readDxchange, readBdvHdf5];

function message(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}

function scanFile(h5: H5File, container: Evidence): Detection {
  const root = h5.children('/');
  const scan: Hdf5Scan = { h5, root: root?.names ?? [], rootTotal: root?.total ?? 0, rootAttrs: h5.attributes('/'), container };
  const problems: string[] = [];
  let found: Detection | null = null;
  for (const read of SUBTYPES) {
    try {
      found = read(scan);
    } catch (err) {
      problems.push(`Reading the HDF5 layout failed: ${message(err)}.`);
    }
    if (found) break;
  }
  if (h5.exhausted) problems.push('Stopped after the most HDF5 objects one file may visit; some metadata may be missing.');
  if (h5.failure) problems.push(`HDF5 reading stopped: ${h5.failure} (a damaged file can make the library loop); some metadata may be missing.`);
  if (!found) return readGenericHdf5(scan, problems);
  return problems.length > 0 ? { ...found, problems: [...found.problems, ...problems] } : found;
}

async function detectHdf5(ctx: DetectContext): Promise<Detection | null> {
  const offset = await findSignature(ctx);
  if (offset < 0) return null;
  const sb = await readSuperblock(ctx, offset);
  const where = offset === 0 ? 'at byte 0' : `at byte ${offset}, after a ${offset}-byte user block`;
  if (typeof sb === 'string') {
    return detection('hdf5', HDF5_UNREADABLE, { evidence: [{ source: 'header', detail: `HDF5 signature (bytes 89 48 44 46 0D 0A 1A 0A) ${where}.`, weight: 0.8 }], problems: [`HDF5 superblock not readable: ${sb}.`] });
  }
  const container: Evidence = { source: 'header', detail: `HDF5 signature (bytes 89 48 44 46 0D 0A 1A 0A) ${where}, superblock version ${sb.version}.`, weight: 0.6 };
  if (sb.requiredSize !== undefined && ctx.size < sb.requiredSize) {
    return detection('hdf5', HDF5_UNREADABLE, { evidence: [container], problems: [`truncated: the superblock says the HDF5 data end at byte ${sb.requiredSize}, the file has ${ctx.size} bytes.`] });
  }
  let host: H5Host;
  try {
    host = await h5Host();
  } catch (err) {
    return detection('hdf5', HDF5_UNREADABLE, { evidence: [container], problems: [`The HDF5 library could not be loaded: ${message(err)}.`] });
  }
  const path = await ctx.localPath();
  let h5: H5File | null;
  try {
    h5 = H5File.open(host, path);
  } catch (err) {
    return detection('hdf5', HDF5_UNREADABLE, { evidence: [container], problems: [`The HDF5 library could not open the file: ${message(err)}.`] });
  }
  if (!h5) return detection('hdf5', HDF5_UNREADABLE, { evidence: [container], problems: ['The HDF5 library could not open the file (damaged, or a variant it does not support).'] });
  try {
    const found = scanFile(h5, container);
    // Without the worker a damaged file could make the HDF5 library loop with nothing to stop it: say so.
    return host.kind === 'inline' ? { ...found, problems: [...found.problems, 'Read without a time limit: the HDF5 worker thread was not available.'] } : found;
  } finally {
    h5.close();
  }
}

/**
 * HDF5 and the layouts built on it: AnnData, Loom, 10x matrices, Imaris, Velox EMD, and a generic container
 * that notes NeXus, BigDataViewer, EMAN2 and Berkeley EMD. One h5wasm open per file, closed in all cases.
 */
export const hdf5Detector: Detector = {
  id: 'hdf5',
  formats: ['hdf5', 'anndata', 'loom', 'tenx-h5', 'ims', 'velox-emd', 'nxtomo', 'dxchange', 'bdv-hdf5'],
  sniff: (ctx) => signatureInHead(ctx.head) >= 0 || (ctx.size > HEAD_BYTES && HDF5_EXTENSIONS.has(ctx.ext)),
  async detect(ctx) {
    try {
      return await detectHdf5(ctx);
    } catch (err) {
      // A read past the budget or an h5wasm failure: say so when the signature was there, else not ours.
      return signatureInHead(ctx.head) >= 0 ? detection('hdf5', HDF5_UNREADABLE, { evidence: [{ source: 'header', detail: 'HDF5 signature in the first bytes.', weight: 0.6 }], problems: [`HDF5 reading stopped: ${message(err)}.`] }) : null;
    }
  },
};
