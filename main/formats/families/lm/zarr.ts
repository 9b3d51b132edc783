import type { Evidence } from '../../../../shared/model/evidence';
import type { Facts } from '../../../../shared/formats/facts';
import { Bytes } from '../../../../shared/decode/bytes';
import { CONFIDENCE, detection, MAX_READ_BYTES, type DetectContext, type Detection, type Detector } from '../../detector';
import { isObject, ngffFacts, ngffKinds, type Json, type JsonObject } from './ome-ngff';
import { readRange } from './read-range';
import { neverThrow, plausibleCount } from './shared';

/**
 * Zarr node metadata files (reference/formats.md §9): v2 `.zgroup` {"zarr_format": 2}, `.zarray`
 * (shape, chunks, dtype, compressor, …), `.zattrs` (user attributes), consolidated `.zmetadata`
 * {"zarr_consolidated_format": 1, "metadata": {…}}; v3 `zarr.json` {"zarr_format": 3, "node_type":
 * "group"|"array", "attributes": {…}} (Zarr v2 and v3 specifications, "Metadata"). The JSON content decides;
 * the file name only raises confidence when it agrees. Attributes carrying OME-NGFF keys make the file OME-Zarr.
 */
/** Largest metadata file parsed: one read. Plate attributes with 1536 wells are ~200 kB. */
export const MAX_ZARR_JSON_BYTES = MAX_READ_BYTES;
/** Keys whose presence in the first bytes makes a JSON file worth parsing here. */
const SNIFF_KEYS = ['"zarr_format"', '"zarr_consolidated_format"', '"multiscales"', '"plate"', '"well"', '"labels"', '"image-label"', '"bioformats2raw.layout"'];
/** Node metadata file names (a tie-breaker only). */
const NAMES = { zgroup: '.zgroup', zarray: '.zarray', zattrs: '.zattrs', zmetadata: '.zmetadata', v3: 'zarr.json' } as const;

type HeaderValues = Record<string, string | number | boolean | null>;

function firstNonSpace(head: Uint8Array): number | undefined {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  return head[i];
}

function looksLikeZarrJson(head: Uint8Array): boolean {
  if (firstNonSpace(head) !== 0x7b) return false;
  const b = new Bytes(head);
  return SNIFF_KEYS.some((k) => b.indexOf(k) >= 0);
}

function shapeText(v: Json | undefined): string | undefined {
  return Array.isArray(v) && v.length <= 32 && v.every((n) => typeof n === 'number') ? `[${v.join(', ')}]` : undefined;
}

/** v3 arrays name their dimensions; when every name is one of x, y, z, c, t the shape gives the dimension sizes. */
function dimensionsFromNames(meta: JsonObject, facts: Facts): void {
  const names = meta['dimension_names'];
  const shape = meta['shape'];
  if (!Array.isArray(names) || !Array.isArray(shape) || names.length !== shape.length) return;
  const value: Record<string, number> = {};
  for (let i = 0; i < names.length; i++) {
    const n = typeof names[i] === 'string' ? (names[i] as string).toLowerCase() : '';
    const size = shape[i];
    if (!['x', 'y', 'z', 'c', 't'].includes(n) || typeof size !== 'number' || !plausibleCount(size)) return;
    value[n] = size;
  }
  facts.dimensions = { value, provenance: 'header' };
}

function arrayHeader(meta: JsonObject, header: HeaderValues): void {
  const dtype = meta['dtype'] ?? meta['data_type'];
  if (typeof dtype === 'string') header['dtype'] = dtype;
  const shape = shapeText(meta['shape']);
  if (shape) header['shape'] = shape;
  const chunks = shapeText(meta['chunks']) ?? shapeText(isObject(meta['chunk_grid']) && isObject(meta['chunk_grid']['configuration']) ? meta['chunk_grid']['configuration']['chunk_shape'] : undefined);
  if (chunks) header['chunks'] = chunks;
  const compressor = meta['compressor'];
  if (isObject(compressor) && typeof compressor['id'] === 'string') header['compressor'] = compressor['id'];
}

async function readJson(ctx: DetectContext, problems: string[]): Promise<JsonObject | null> {
  if (ctx.size > MAX_ZARR_JSON_BYTES) {
    problems.push(`Metadata file is ${ctx.size} bytes, over the ${MAX_ZARR_JSON_BYTES}-byte limit: too large to read.`);
    return null;
  }
  const bytes = await readRange(ctx, 0, ctx.size, problems, 'the metadata JSON');
  try {
    const v = JSON.parse(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '')) as Json;
    return isObject(v) ? v : null;
  } catch {
    return null;
  }
}

/** Classifies the JSON and builds the detection; `null` when it is not Zarr metadata. */
function classify(ctx: DetectContext, meta: JsonObject, problems: string[]): Detection | null {
  const facts: Facts = {};
  const evidence: Evidence[] = [];
  const header: HeaderValues = {};
  const name = ctx.name;
  const done = (format: 'zarr' | 'ome-zarr', expected: readonly string[], what: string): Detection => {
    const nameFits = expected.includes(name);
    evidence.unshift({ source: 'header', detail: what, weight: 0.8 });
    if (nameFits) evidence.push({ source: 'name', detail: `The file name "${name}" is the Zarr name for this node metadata.`, weight: 0.2 });
    facts.header = { value: header, provenance: 'header' };
    return detection(format, nameFits ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, { facts, evidence, problems });
  };
  const zarrFormat = meta['zarr_format'];
  if (zarrFormat === 3 && (meta['node_type'] === 'group' || meta['node_type'] === 'array')) {
    header['zarr_format'] = 3;
    header['node_type'] = meta['node_type'];
    const attrs = meta['attributes'];
    const ome = isObject(attrs) && isObject(attrs['ome']) ? attrs['ome'] : undefined;
    if (meta['node_type'] === 'array') {
      arrayHeader(meta, header);
      dimensionsFromNames(meta, facts);
    }
    const kinds = ome ? ngffKinds(ome) : [];
    if (ome && kinds.length > 0) {
      ngffFacts(ome, ome, kinds, facts, evidence, problems, header);
      return done('ome-zarr', [NAMES.v3], `Zarr v3 ${meta['node_type']} metadata (zarr.json) with OME-NGFF attributes under "ome".`);
    }
    return done('zarr', [NAMES.v3], `Zarr v3 ${meta['node_type']} metadata: {"zarr_format": 3, "node_type": "${meta['node_type']}"}.`);
  }
  if (zarrFormat === 2) {
    header['zarr_format'] = 2;
    if (Array.isArray(meta['shape']) && Array.isArray(meta['chunks']) && meta['dtype'] !== undefined) {
      header['node_type'] = 'array';
      arrayHeader(meta, header);
      return done('zarr', [NAMES.zarray], `Zarr v2 array metadata (.zarray): shape ${header['shape'] ?? '?'}, dtype ${String(header['dtype'] ?? '?')}.`);
    }
    if (Object.keys(meta).length === 1) {
      header['node_type'] = 'group';
      return done('zarr', [NAMES.zgroup], 'Zarr v2 group metadata (.zgroup): {"zarr_format": 2}.');
    }
    return null;
  }
  if (meta['zarr_consolidated_format'] === 1 && isObject(meta['metadata'])) {
    header['consolidated'] = true;
    const rootAttrs = meta['metadata']['.zattrs'];
    const kinds = isObject(rootAttrs) ? ngffKinds(rootAttrs) : [];
    header['nodes'] = Object.keys(meta['metadata']).length;
    if (isObject(rootAttrs) && kinds.length > 0) {
      ngffFacts(rootAttrs, undefined, kinds, facts, evidence, problems, header);
      return done('ome-zarr', [NAMES.zmetadata], 'Consolidated Zarr v2 metadata (.zmetadata) whose root attributes are OME-NGFF.');
    }
    return done('zarr', [NAMES.zmetadata], 'Consolidated Zarr v2 metadata (.zmetadata): {"zarr_consolidated_format": 1}.');
  }
  if (zarrFormat === undefined) {
    const kinds = ngffKinds(meta);
    if (kinds.length === 0) return null;
    ngffFacts(meta, undefined, kinds, facts, evidence, problems, header);
    return done('ome-zarr', [NAMES.zattrs], `Zarr v2 attributes (.zattrs) with OME-NGFF ${kinds.join(' + ')} metadata.`);
  }
  return null;
}

async function detectZarr(ctx: DetectContext): Promise<Detection | null> {
  if (!looksLikeZarrJson(ctx.head)) return null;
  const problems: string[] = [];
  const meta = await readJson(ctx, problems);
  if (!meta) {
    // Too large or cut: only a file whose name is a Zarr node name is claimed, weakly.
    const isNodeName = (Object.values(NAMES) as string[]).includes(ctx.name);
    if (!isNodeName || problems.length === 0) return null;
    return detection(new Bytes(ctx.head).indexOf('"multiscales"') >= 0 || new Bytes(ctx.head).indexOf('"plate"') >= 0 ? 'ome-zarr' : 'zarr', CONFIDENCE.WEAK, {
      evidence: [{ source: 'name', detail: `Zarr node metadata name "${ctx.name}" with Zarr keys in its first bytes.`, weight: 0.3 }],
      problems,
    });
  }
  return classify(ctx, meta, problems);
}

/** Zarr v2/v3 node metadata (.zgroup, .zarray, .zattrs, .zmetadata, zarr.json) and OME-NGFF attributes in them. */
export const zarrDetector: Detector = {
  id: 'zarr',
  formats: ['zarr', 'ome-zarr'],
  sniff: (ctx) => looksLikeZarrJson(ctx.head),
  detect: (ctx) => neverThrow(() => detectZarr(ctx), () => null),
};
