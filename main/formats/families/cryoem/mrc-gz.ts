import { Bytes } from '../../kit/bytes';
import { neverThrow, readInFile } from '../../kit/read';
import { gunzipHead, inflatedContext, isGzip } from '../../gzip-head';
import { CONFIDENCE, HEAD_BYTES, detection, type DetectContext, type Detection, type Detector } from '../../detector';
import { mrcDetector } from './mrc';

/**
 * gzip-compressed MRC/CCP4 maps (`emd_NNNN.map.gz`, `emd_NNNN_half_map_1.map.gz`: EMDB's archive ships every
 * primary and half map gzipped, ftp.ebi.ac.uk/pub/databases/emdb/structures/EMD-NNNN/map/). Only the head of
 * the gzip stream is inflated (gzip-head.ts: 16 KiB in, 256 KiB out at most) and read by the MRC reader as if
 * it were the file; the uncompressed size is the gzip trailer's ISIZE (RFC 1952 §2.3.1: the last 4 bytes,
 * little-endian, size modulo 2^32). docs/formats.md §2.1.
 */
/** RFC 1952 §2.3.1: ISIZE is the last 4 bytes of the member. */
const ISIZE_BYTES = 4;
/** The MRC header is 1024 bytes (MRC2014); fewer inflated bytes cannot be a map. */
const MRC_HEADER_BYTES = 1024;
/** "MAP " at byte 208 of an MRC2014 header (docs/formats.md §2). */
const MAP_AT = 208;

async function detectMrcGz(ctx: DetectContext): Promise<Detection | null> {
  const inflated = gunzipHead(ctx.head);
  if (!inflated || inflated.length < MRC_HEADER_BYTES || !new Bytes(inflated).startsWith('MAP ', MAP_AT)) return null;
  const trailer = await readInFile(ctx, ctx.size - ISIZE_BYTES, ISIZE_BYTES);
  const isize = trailer ? new Bytes(trailer).u32(0) : undefined;
  const size = isize !== undefined && isize >= inflated.length ? isize : inflated.length;
  const found = await mrcDetector.detect(inflatedContext(ctx, inflated, { size, headBytes: HEAD_BYTES, what: 'map' }));
  if (!found || found.format !== 'mrc') return null;
  const header = { ...(found.facts.header?.value ?? {}), compression: 'gzip', uncompressedBytes: size };
  return detection('mrc', Math.min(found.confidence, CONFIDENCE.STRUCTURE), {
    facts: { ...found.facts, header: { value: header, provenance: 'header' } },
    evidence: [{ source: 'header', detail: `gzip-compressed (1F 8B 08); the inflated first ${inflated.length} bytes hold an MRC2014 header ("MAP " at byte 208), ${size} bytes uncompressed (gzip ISIZE).`, weight: 0.9 }, ...found.evidence],
    problems: isize === undefined ? ['The gzip trailer (ISIZE) could not be read: the uncompressed size is not known.', ...found.problems] : found.problems,
  });
}

/** MRC/CCP4 maps inside gzip (EMDB's .map.gz), read from the inflated head. */
export const mrcGzDetector: Detector = {
  id: 'mrc-gz',
  formats: ['mrc'],
  sniff: (ctx) => isGzip(ctx.head),
  detect: (ctx) => neverThrow(() => detectMrcGz(ctx), () => null),
};
