import type { Evidence } from '../../../../shared/model/evidence';
import type { Facts } from '../../../../shared/formats/facts';
import { plausibleCount } from '../../kit/numbers';
import { readRange, neverThrow } from '../../kit/read';
import { Bytes } from '../../kit/bytes';
import { CONFIDENCE, detection, MAX_READ_BYTES, type DetectContext, type Detection, type Detector } from '../../detector';
import { isObject, ngffFacts, ngffKinds, type Json, type JsonObject } from './ome-ngff';
import { readSmallJson, walkStore } from './store-walk';
import { Found } from '../tiff/found';
import { readOmeXml } from '../tiff/ome-tiff';
import { promises as fsp } from 'node:fs';
import path from 'node:path';

/**
 * Zarr node metadata files (docs/formats.md §9): v2 `.zgroup` {"zarr_format": 2}, `.zarray`
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

/**
 * COSEM / OpenOrganelle group names of FIB-SEM volumes: `<dataset>.zarr/recon-N/em/fibsem-<dtype>` (Janelia
 * COSEM data portal layout, s3://janelia-cosem-datasets/<dataset>/<dataset>.zarr/recon-1/em/fibsem-uint8).
 */
const COSEM_FIBSEM_GROUP = /(^|\/)em\/fibsem(-[a-z0-9]+)?$/i;

/** NGFF attributes of a nested node: v2 `.zattrs` itself, or v3 `zarr.json` attributes (under "ome" from NGFF 0.5). */
function nestedNgff(json: unknown): { attrs: JsonObject; ome: JsonObject | undefined } | undefined {
  if (!isObject(json as Json)) return undefined;
  const o = json as JsonObject;
  const attrs = o['zarr_format'] === 3 && isObject(o['attributes']) ? o['attributes'] : o;
  const ome = isObject(attrs['ome']) ? attrs['ome'] : undefined;
  const target = ome ?? attrs;
  return ngffKinds(target).includes('image') ? { attrs: target, ome } : undefined;
}

/**
 * A root group without OME metadata whose image groups lie deeper (OpenOrganelle/COSEM: recon-1/em/fibsem-uint8
 * holds the multiscales): the store's folders are walked (bounded, store-walk.ts) to the first OME-NGFF image,
 * whose axes and scales are read as the store's. `null` when there is none, or the file is not on disk beside its store.
 */
async function nestedImage(ctx: DetectContext, found: Detection | null, problems: readonly string[]): Promise<Detection | null> {
  // A root group's .zgroup / zarr.json, or its .zattrs holding attributes that are not OME-NGFF (the scan reads
  // .zattrs first when a store root has both, main/scan/grouper.ts ZARR_MARKERS).
  const rootGroup = found !== null && found.format === 'zarr' && (ctx.name === NAMES.zgroup || ctx.name === NAMES.v3) && found.facts.header?.value['node_type'] === 'group';
  if (!rootGroup && !(found === null && ctx.name === NAMES.zattrs)) return null;
  const file = await ctx.localPath();
  const hit = await walkStore(path.dirname(file), [NAMES.zattrs, NAMES.v3], (json) => nestedNgff(json));
  if (!hit) return null;
  const facts: Facts = {};
  const evidence: Evidence[] = [];
  const header: HeaderValues = { ...(found?.facts.header?.value ?? {}), multiscalesPath: hit.relative };
  const nestedProblems = [...(found?.problems ?? problems)];
  ngffFacts(hit.value.attrs, hit.value.ome, ngffKinds(hit.value.attrs), facts, evidence, nestedProblems, header);
  facts.header = { value: header, provenance: 'header' };
  evidence.unshift({ source: 'header', detail: `Zarr root group without OME metadata; the first OME-NGFF multiscales image below it is ${hit.relative} (read from its ${NAMES.zattrs} / ${NAMES.v3}).`, weight: 0.8 });
  if (COSEM_FIBSEM_GROUP.test(hit.relative)) {
    facts.imagingMode = { value: 'FIB-SEM', provenance: 'name' };
    evidence.push({ source: 'name', detail: `The image group is named ${hit.relative}: the Janelia COSEM/OpenOrganelle name of a FIB-SEM volume (em/fibsem-*).`, weight: 0.5 });
  }
  return detection('ome-zarr', found?.confidence ?? CONFIDENCE.MAGIC, { facts, evidence, problems: nestedProblems });
}

/**
 * bioformats2raw layout (NGFF 0.4 "bioformats2raw.layout" transitional spec, ngff.openmicroscopy.org/0.4/#bf2raw;
 * glencoesoftware/bioformats2raw README): the root group's attributes are `{"bioformats2raw.layout": 3}`; the
 * group `OME/` holds `METADATA.ome.xml`, the full OME-XML of the converted file, and may list the image groups in
 * its `series` attribute; otherwise the images are the consecutively numbered groups `0/`, `1/`, … each an NGFF
 * image (multiscales + omero). The first series' NGFF attributes and the OME-XML (instrument, channel
 * AcquisitionMode) are read as the store's.
 */
const BF2RAW = { omeGroup: 'OME', omeXml: 'METADATA.ome.xml', seriesKey: 'series', firstSeries: '0' } as const;
/** Largest METADATA.ome.xml read (one detector read; converted screens of many images are larger and are cut). */
const MAX_OME_XML_BYTES = MAX_READ_BYTES;

async function readCapped(file: string, cap: number): Promise<{ text: string; complete: boolean } | undefined> {
  const handle = await fsp.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const n = Math.min(size, cap);
    const buf = Buffer.alloc(n);
    await handle.read(buf, 0, n, 0);
    return { text: buf.toString('utf8').replace(/^\uFEFF/, ''), complete: n >= size };
  } finally {
    await handle.close();
  }
}

/** Attributes of a group: v2 `.zattrs`, or v3 `zarr.json` attributes (NGFF 0.5 puts them under "ome"). */
async function groupAttrs(dir: string): Promise<JsonObject | undefined> {
  for (const name of [NAMES.zattrs, NAMES.v3]) {
    let json: unknown;
    try {
      json = await readSmallJson(path.join(dir, name));
    } catch {
      continue;
    }
    if (!isObject(json as Json)) return undefined;
    const o = json as JsonObject;
    const attrs = name === NAMES.v3 ? (isObject(o['attributes']) ? o['attributes'] : undefined) : o;
    if (!attrs) return undefined;
    return isObject(attrs['ome']) ? attrs['ome'] : attrs;
  }
  return undefined;
}

/** Completes a bioformats2raw root's detection with its first series group and OME/METADATA.ome.xml; `null` when not one. */
async function bioformats2raw(ctx: DetectContext, found: Detection | null): Promise<Detection | null> {
  const header0 = found?.facts.header?.value;
  if (!found || found.format !== 'ome-zarr' || header0?.['bioformats2raw.layout'] === undefined || String(header0['ngff'] ?? '').includes('image')) return null;
  const root = path.dirname(await ctx.localPath());
  const facts: Facts = { ...found.facts };
  const evidence: Evidence[] = [...found.evidence];
  const problems: string[] = [...found.problems];
  const header: HeaderValues = { ...(header0 ?? {}) };
  const omeAttrs = await groupAttrs(path.join(root, BF2RAW.omeGroup));
  const listed = omeAttrs ? omeAttrs[BF2RAW.seriesKey] : undefined;
  const series = Array.isArray(listed) ? listed.filter((x): x is string => typeof x === 'string') : [];
  if (series.length > 0) header['series'] = series.length;
  // A series path is relative to the root; "..", absolute paths and empty names are refused.
  const first = series[0] ?? BF2RAW.firstSeries;
  if (first.split('/').some((p) => p === '..' || p === '') || path.isAbsolute(first)) problems.push(`The OME group's first series path "${first}" is not a path inside the store — not read.`);
  else {
    const attrs = await groupAttrs(path.join(root, first));
    if (attrs && ngffKinds(attrs).includes('image')) {
      header['multiscalesPath'] = first;
      ngffFacts(attrs, undefined, ngffKinds(attrs), facts, evidence, problems, header);
      evidence.push({ source: 'header', detail: `bioformats2raw series group ${first}/ is an OME-NGFF image (multiscales${isObject(attrs['omero']) ? ' + omero' : ''}).`, weight: 0.6 });
    } else problems.push(`The bioformats2raw series group ${first}/ has no OME-NGFF multiscales attributes.`);
  }
  let xml: { text: string; complete: boolean } | undefined;
  try {
    xml = await readCapped(path.join(root, BF2RAW.omeGroup, BF2RAW.omeXml), MAX_OME_XML_BYTES);
  } catch {
    xml = undefined;
  }
  if (!xml) problems.push(`No ${BF2RAW.omeGroup}/${BF2RAW.omeXml} beside the root attributes: the instrument and acquisition modes of the converted file are unknown.`);
  else if (!xml.complete) problems.push(`${BF2RAW.omeGroup}/${BF2RAW.omeXml} is over ${MAX_OME_XML_BYTES} bytes: not read.`);
  else {
    const f = new Found();
    if (!readOmeXml(xml.text, f)) problems.push(`${BF2RAW.omeGroup}/${BF2RAW.omeXml} could not be parsed as OME-XML.`);
    else {
      // The OME-XML says how the images were acquired; the NGFF attributes keep what they already said (axes, scales, channel labels).
      for (const key of ['instrument', 'imagingMode', 'acquisitionModes', 'magnification', 'detector', 'creator'] as const) {
        if (f.facts[key] !== undefined && facts[key] === undefined) (facts as Record<string, unknown>)[key] = f.facts[key];
      }
      for (const key of ['pixelSize', 'channels', 'dimensions'] as const) {
        if (f.facts[key] !== undefined && facts[key] === undefined) (facts as Record<string, unknown>)[key] = f.facts[key];
      }
      for (const [k, v] of Object.entries(f.header)) if (header[`ome.${k}`] === undefined) header[`ome.${k}`] = v;
      evidence.push(...f.evidence.map((e) => ({ ...e, detail: `${BF2RAW.omeGroup}/${BF2RAW.omeXml}: ${e.detail}` })));
    }
  }
  facts.header = { value: header, provenance: 'header' };
  return detection('ome-zarr', found.confidence, { facts, evidence, problems });
}

/** Zarr keys in the first bytes, or a `.zattrs` (whose user attributes need no Zarr key) holding a JSON object. */
function mayBeZarr(ctx: DetectContext): boolean {
  return looksLikeZarrJson(ctx.head) || (ctx.name === NAMES.zattrs && firstNonSpace(ctx.head) === 0x7b);
}

async function detectZarr(ctx: DetectContext): Promise<Detection | null> {
  if (!mayBeZarr(ctx)) return null;
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
  const found = classify(ctx, meta, problems);
  return (await bioformats2raw(ctx, found)) ?? (await nestedImage(ctx, found, problems)) ?? found;
}

/** Zarr v2/v3 node metadata (.zgroup, .zarray, .zattrs, .zmetadata, zarr.json) and OME-NGFF attributes in them. */
export const zarrDetector: Detector = {
  id: 'zarr',
  formats: ['zarr', 'ome-zarr'],
  sniff: mayBeZarr,
  detect: (ctx) => neverThrow(() => detectZarr(ctx), () => null),
};
