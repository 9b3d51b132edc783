import type { Facts } from '../../../../shared/formats/facts';
import { Bytes } from '../../kit/bytes';
import { within } from '../../kit/numbers';
import { neverThrow, readOrReport } from '../../kit/read';
import { CONFIDENCE, detection, type DetectContext, type Detection, type Detector } from '../../detector';

/**
 * Olympus/Evident cellSens ETS tile files (`_<name>_/stackNNNNN/frame_t.ets`, the pixels of a .vsi slide), as
 * ome/bioformats CellSensReader.parseETSFile reads them, little-endian: "SIS" (4 bytes) at 0, headerSize i32 @4,
 * version i32 @8, nDimensions i32 @12, additionalHeaderOffset i64 @16, additionalHeaderSize i32 @24,
 * usedChunkOffset i64 @32, nUsedChunks i32 @40; at additionalHeaderOffset "ETS" (4 bytes), version i32,
 * pixelType i32, sizeC i32, colorspace i32, compressionType i32, compressionQuality i32, tileX, tileY, tileZ i32.
 * docs/formats.md §10.1.
 */
const SIS_MAGIC = [0x53, 0x49, 0x53, 0x00] as const; // "SIS\0"
const ETS_MAGIC = [0x45, 0x54, 0x53, 0x00] as const; // "ETS\0"
const SIS = { headerSize: 4, version: 8, nDimensions: 12, additionalHeaderOffset: 16, additionalHeaderSize: 24, usedChunkOffset: 32, nUsedChunks: 40 } as const;
/** ETS header fields after the magic (CellSensReader.parseETSFile, in reading order). */
const ETS = { version: 4, pixelType: 8, sizeC: 12, colorspace: 16, compression: 20, quality: 24, tileX: 28, tileY: 32, tileZ: 36 } as const;
/** Bytes of the ETS header read: the ten fields above (the pixel-info hints and background colour follow). */
const ETS_READ_BYTES = 40;
/** CellSensReader pixel types: 1 CHAR … 10 DOUBLE. */
const PIXEL_TYPES = ['', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float', 'double'] as const;
/** CellSensReader compression codes. */
const COMPRESSION: Readonly<Record<number, string>> = { 0: 'raw', 2: 'JPEG', 3: 'JPEG 2000', 5: 'JPEG lossless', 8: 'PNG', 9: 'BMP' };
/** Plausible channel counts and tile sides (cellSens writes 512-px tiles, RGB or one plane per fluorescence channel). */
const MAX_CHANNELS = 64;
const MAX_TILE = 65536;

async function detectEts(ctx: DetectContext): Promise<Detection | null> {
  const b = new Bytes(ctx.head, true);
  if (!b.startsWith(SIS_MAGIC)) return null;
  const problems: string[] = [];
  const offset = b.u64(SIS.additionalHeaderOffset);
  if (offset === undefined || offset < SIS.nUsedChunks + 4 || offset >= ctx.size) return null;
  const etsBytes = await readOrReport(ctx, offset, ETS_READ_BYTES, problems, 'the ETS header');
  const e = etsBytes ? new Bytes(etsBytes, true) : null;
  if (!e || !e.startsWith(ETS_MAGIC)) {
    // "SIS\0" alone is also the start of other Olympus SIS files; without "ETS\0" it is not claimed.
    return null;
  }
  const channels = within(e.i32(ETS.sizeC), 1, MAX_CHANNELS);
  const tileX = within(e.i32(ETS.tileX), 1, MAX_TILE);
  const tileY = within(e.i32(ETS.tileY), 1, MAX_TILE);
  const pixelType = PIXEL_TYPES[e.i32(ETS.pixelType) ?? 0] || undefined;
  const compression = COMPRESSION[e.i32(ETS.compression) ?? -1];
  const chunks = within(b.i32(SIS.nUsedChunks), 0, 2 ** 31 - 1);
  const facts: Facts = {
    imagingMode: { value: 'slide-scanner', provenance: 'header' },
    instrument: { value: { manufacturer: 'Olympus' }, provenance: 'header' },
    software: { value: 'cellSens', provenance: 'header' },
    arrangement: { value: 'pyramid', provenance: 'header' },
  };
  if (channels) facts.dimensions = { value: { c: channels }, provenance: 'header' };
  const header: Record<string, string | number> = { sisVersion: b.i32(SIS.version) ?? 0, dimensions: b.i32(SIS.nDimensions) ?? 0 };
  if (pixelType) header['pixelType'] = pixelType;
  if (compression) header['compression'] = compression;
  if (tileX && tileY) header['tile'] = `${tileX}×${tileY}`;
  if (chunks !== undefined) header['tiles'] = chunks;
  facts.header = { value: header, provenance: 'header' };
  if (!channels) problems.push(`sizeC ${e.i32(ETS.sizeC) ?? '?'} is not a channel count: ignored.`);
  return detection('cellsens-ets', CONFIDENCE.STRUCTURE, {
    facts,
    evidence: [
      { source: 'header', detail: `cellSens ETS: "SIS\\0" at byte 0 and "ETS\\0" at the additional-header offset ${offset}${channels ? `; ${channels} channel(s)` : ''}${compression ? `, ${compression} tiles` : ''}${tileX && tileY ? ` of ${tileX}×${tileY} px` : ''}.`, weight: 1 },
      { source: 'header', detail: 'ETS files hold the tiled pixels of an Olympus/Evident .vsi slide scan (the folder _<name>_/ beside <name>.vsi).', weight: 0.4 },
    ],
    problems,
  });
}

/** Olympus cellSens ETS tile pyramids ("SIS\0" + "ETS\0"), the pixel files beside a .vsi. */
export const etsDetector: Detector = {
  id: 'cellsens-ets',
  formats: ['cellsens-ets'],
  sniff: (ctx) => new Bytes(ctx.head).startsWith(SIS_MAGIC),
  detect: (ctx) => neverThrow(() => detectEts(ctx), () => null),
};
