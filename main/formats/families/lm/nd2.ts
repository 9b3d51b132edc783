import type { Evidence } from '../../../../shared/model/evidence';
import type { Facts } from '../../../../shared/formats/facts';
import { readRange, neverThrow, readOrReport } from '../../kit/read';
import { Bytes } from '../../kit/bytes';
import { CONFIDENCE, detection, type DetectContext, type Detection, type Detector } from '../../detector';
import { decodeClxLite } from './nd2-clx';
import { nd2Facts, rootOf, type Nd2Chunks } from './nd2-metadata';

/**
 * Nikon ND2. Layout from tlambert03/nd2 `src/nd2/_parse/_chunk_decode.py` (ND2_CHUNK_MAGIC, CHUNK_HEADER
 * "IIQ", START_FILE_CHUNK, ND2_CHUNKMAP_SIGNATURE, ND2_FILEMAP_SIGNATURE, get_version, get_chunkmap,
 * read_nd2_chunk) and Bio-Formats `NativeND2Reader.java` (ND2_MAGIC_BYTES_1 = 0xDACEBE0A read big-endian,
 * ND2_MAGIC_BYTES_2 = 0x6A502020 at byte 4). Every v2/v3 chunk starts with u32 LE magic 0x0ABECEDA,
 * u32 name length, u64 data length; the name (NUL-padded, ending in "!") and the data follow.
 */
const ND2_CHUNK_MAGIC = 0x0abeceda;
const CHUNK_HEADER_BYTES = 16;
const ND2_FILE_SIGNATURE = 'ND2 FILE SIGNATURE CHUNK NAME01!';
/** START_FILE_CHUNK: header, name[32], data[64] ("Ver3.0"…). */
const START = { nameLength: 4, dataLength: 8, name: 16, data: 48, end: 112 } as const;
const ND2_CHUNKMAP_SIGNATURE = 'ND2 CHUNK MAP SIGNATURE 0000001!';
const ND2_FILEMAP_SIGNATURE = 'ND2 FILEMAP SIGNATURE NAME 0001!';
/** The last 40 bytes: chunk-map signature[32] and u64 chunk-map position (SIG_CHUNKMAP_LOC "32sQ"). */
const TRAILER_BYTES = 40;
/** Legacy (JPEG 2000) ND2: JP2 signature box "00 00 00 0C 'jP  ' 0D 0A 87 0A" (ISO/IEC 15444-1 I.5.1). */
const JP2_SIGNATURE = [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a] as const;
/** Legacy ND2 trailer: "LABORATORY IMAGING ND BOX MAP 00" + u64 (tlambert03/nd2 legacy_reader.legacy_nd2_chunkmap). */
const LEGACY_MAP_SIGNATURE = 'LABORATORY IMAGING ND BOX MAP 00';
/** Most chunk-map bytes read (entries are a name plus 16 bytes; files with 100 000 frames have maps of a few MB). */
export const MAX_ND2_CHUNKMAP_BYTES = 2 * 1024 * 1024;
/** Most bytes of one metadata chunk read; ImageMetadataLV! of large multipoint experiments is the biggest. */
export const MAX_ND2_CHUNK_BYTES = 1024 * 1024;
/** First bytes of a chunk read to check its header and name. */
const CHUNK_PEEK_BYTES = CHUNK_HEADER_BYTES + 64;

/** Metadata chunks read, by name, with the SLx root each holds (modern_reader.py). */
const METADATA_CHUNKS: readonly (readonly [key: keyof Nd2Chunks, name: string, root: string])[] = [
  ['attributes', 'ImageAttributesLV!', 'SLxImageAttributes'],
  ['calibration', 'ImageCalibrationLV|0!', 'SLxCalibration'],
  ['textInfo', 'ImageTextInfoLV!', 'SLxImageTextInfo'],
  ['pictureMetadata', 'ImageMetadataSeqLV|0!', 'SLxPictureMetadata'],
  ['experiment', 'ImageMetadataLV!', 'SLxExperiment'],
];

const latin1 = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

/** Reads the chunk map's bytes (whole when small; its first and last parts when large). */
async function readChunkMap(ctx: DetectContext, problems: string[]): Promise<Uint8Array | null> {
  if (ctx.size < START.end + TRAILER_BYTES) {
    problems.push('File too short for a chunk map; metadata not read.');
    return null;
  }
  const tail = await readOrReport(ctx, ctx.size - TRAILER_BYTES, TRAILER_BYTES, problems, 'the chunk-map trailer');
  if (!tail) return null;
  const t = new Bytes(tail, true);
  if (!t.startsWith(ND2_CHUNKMAP_SIGNATURE)) {
    problems.push('No "ND2 CHUNK MAP SIGNATURE" in the last 40 bytes (file truncated or still being written); metadata not read.');
    return null;
  }
  const location = t.u64(32);
  if (location === undefined || location < START.end || location >= ctx.size - TRAILER_BYTES) {
    problems.push(`Chunk map position ${location ?? '?'} lies outside the file; metadata not read.`);
    return null;
  }
  const head = new Bytes(await readRange(ctx, location, CHUNK_PEEK_BYTES, problems, 'the chunk-map header'), true);
  const nameLength = head.u32(4) ?? 0;
  const dataLength = head.u64(8) ?? 0;
  if (head.u32(0) !== ND2_CHUNK_MAGIC || !head.startsWith(ND2_FILEMAP_SIGNATURE, CHUNK_HEADER_BYTES)) {
    problems.push(`No "ND2 FILEMAP SIGNATURE" chunk at byte ${location}; metadata not read.`);
    return null;
  }
  const start = location + CHUNK_HEADER_BYTES + nameLength;
  const length = Math.min(dataLength, ctx.size - start);
  if (length <= MAX_ND2_CHUNKMAP_BYTES) return readRange(ctx, start, length, problems, 'the chunk map');
  problems.push(`Chunk map is ${length} bytes; only its first and last ${MAX_ND2_CHUNKMAP_BYTES / 2} bytes were searched.`);
  const first = await readRange(ctx, start, MAX_ND2_CHUNKMAP_BYTES / 2, problems, 'the chunk map');
  const last = await readRange(ctx, start + length - MAX_ND2_CHUNKMAP_BYTES / 2, MAX_ND2_CHUNKMAP_BYTES / 2, problems, 'the chunk map');
  const both = new Uint8Array(first.length + last.length);
  both.set(first);
  both.set(last, first.length);
  return both;
}

/** Reads one named chunk's data through the map entry "name!" + u64 offset + u64 size (get_chunkmap). */
async function readChunk(ctx: DetectContext, map: Bytes, name: string, problems: string[]): Promise<Uint8Array | null> {
  const at = map.indexOf(latin1(name));
  if (at < 0) return null;
  const offset = map.u64(at + name.length);
  if (offset === undefined || offset >= ctx.size) {
    problems.push(`Chunk ${name} points outside the file.`);
    return null;
  }
  const head = new Bytes(await readRange(ctx, offset, CHUNK_PEEK_BYTES, problems, `chunk ${name}`), true);
  if (head.u32(0) !== ND2_CHUNK_MAGIC || !head.startsWith(latin1(name), CHUNK_HEADER_BYTES)) {
    problems.push(`Chunk ${name}: no chunk header at byte ${offset}.`);
    return null;
  }
  const dataLength = head.u64(8) ?? 0;
  if (dataLength > MAX_ND2_CHUNK_BYTES) {
    problems.push(`Chunk ${name} is ${dataLength} bytes, over the ${MAX_ND2_CHUNK_BYTES}-byte limit; not read.`);
    return null;
  }
  return readRange(ctx, offset + CHUNK_HEADER_BYTES + (head.u32(4) ?? 0), dataLength, problems, `chunk ${name}`);
}

async function modernNd2(ctx: DetectContext): Promise<Detection> {
  const b = new Bytes(ctx.head, true);
  const facts: Facts = {};
  const evidence: Evidence[] = [];
  const problems: string[] = [];
  const header: Record<string, string | number | boolean | null> = {};
  const signed = b.u32(START.nameLength) === 32 && b.u64(START.dataLength) === 64 && b.startsWith(ND2_FILE_SIGNATURE, START.name);
  const version = b.ascii(START.data, 64).trim();
  const major = /^Ver(\d+)\.(\d+)/.exec(version);
  evidence.push({
    source: 'header',
    detail: signed ? `ND2 chunk magic DA CE BE 0A at byte 0 with the file signature chunk "${ND2_FILE_SIGNATURE}"${version ? `, "${version}"` : ''}.` : 'ND2 chunk magic DA CE BE 0A at byte 0.',
    weight: 0.9,
  });
  if (!signed) problems.push('The first chunk is not the ND2 file signature chunk; read as ND2 on the magic alone.');
  if (version) header['version'] = version;
  if (signed && major && Number(major[1]) >= 3) {
    const mapBytes = await readChunkMap(ctx, problems);
    if (mapBytes) {
      const map = new Bytes(mapBytes, true);
      const chunks: Nd2Chunks = {};
      for (const [key, name, root] of METADATA_CHUNKS) {
        const data = await readChunk(ctx, map, name, problems);
        if (!data) continue;
        if (data[0] === 0x3c) {
          problems.push(`Chunk ${name} holds XML (CLX variant), not read.`);
          continue;
        }
        const decoded = rootOf(decodeClxLite(data), root);
        if (decoded) chunks[key] = decoded;
        else problems.push(`Chunk ${name} could not be decoded.`);
      }
      const found = METADATA_CHUNKS.filter(([key]) => chunks[key]).map(([, name]) => name);
      if (found.length > 0) evidence.push({ source: 'header', detail: `Chunk map read; metadata chunks decoded: ${found.join(', ')}.`, weight: 0.3 });
      else problems.push('No metadata chunk could be read from the chunk map.');
      nd2Facts(chunks, facts, evidence, header);
    }
  } else if (signed && major) {
    problems.push(`ND2 ${version}: metadata of version 2 files (XML chunks) is not read.`);
  }
  if (Object.keys(header).length > 0) facts.header = { value: header, provenance: 'header' };
  return detection('nd2', signed ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, { facts, evidence, problems });
}

/** The JP2 signature box plus the .nd2 extension: a magic of another format, confirmed by the name only. */
const LEGACY_BY_EXTENSION = 0.7;
/** The JP2 signature box plus the Laboratory Imaging box-map trailer: the bytes prove it, but no metadata is read. */
const LEGACY_WITH_TRAILER = 0.9;

async function legacyNd2(ctx: DetectContext): Promise<Detection | null> {
  const problems: string[] = [];
  const tail = ctx.size >= JP2_SIGNATURE.length + TRAILER_BYTES ? await readOrReport(ctx, ctx.size - TRAILER_BYTES, TRAILER_BYTES, problems, 'the legacy ND2 trailer') : null;
  const trailer = tail !== null && new Bytes(tail).startsWith(LEGACY_MAP_SIGNATURE);
  if (!trailer && ctx.ext !== '.nd2') return null;
  const evidence: Evidence[] = [{ source: 'header', detail: 'JPEG 2000 signature box (00 00 00 0C "jP  " 0D 0A 87 0A) at byte 0: the legacy (JPEG 2000-based) ND2 layout.', weight: 0.5 }];
  if (trailer) evidence.push({ source: 'header', detail: `Trailer "${LEGACY_MAP_SIGNATURE}" in the last 40 bytes: a Nikon legacy ND2 box map.`, weight: 0.9 });
  else {
    evidence.push({ source: 'extension', detail: 'The .nd2 extension marks this JPEG 2000 file as a legacy ND2.', weight: 0.3 });
    problems.push('No legacy ND2 box map at the end of the file (truncated?); identified by the JPEG 2000 signature and the .nd2 extension.');
  }
  problems.push('Legacy JPEG 2000 ND2: metadata was not read.');
  return detection('nd2', trailer ? LEGACY_WITH_TRAILER : LEGACY_BY_EXTENSION, { facts: { header: { value: { version: 'legacy (JPEG 2000)' }, provenance: 'header' } }, evidence, problems });
}

async function detectNd2(ctx: DetectContext): Promise<Detection | null> {
  const b = new Bytes(ctx.head, true);
  if (b.u32(0) === ND2_CHUNK_MAGIC) return modernNd2(ctx);
  if (b.startsWith(JP2_SIGNATURE)) return legacyNd2(ctx);
  return null;
}

/** Nikon ND2: v2/v3 chunk files (signature chunk, chunk map, CLX Lite metadata) and legacy JPEG 2000 ND2. */
export const nd2Detector: Detector = {
  id: 'nd2',
  formats: ['nd2'],
  sniff: (ctx) => {
    const b = new Bytes(ctx.head, true);
    return b.u32(0) === ND2_CHUNK_MAGIC || b.startsWith(JP2_SIGNATURE);
  },
  detect: (ctx) => neverThrow(() => detectNd2(ctx), () => null),
};
