import path from 'node:path';
import type { Evidence } from '../../../../shared/model/evidence';
import type { Facts } from '../../../../shared/formats/facts';
import { headIncludes } from '../../kit/text';
import { readJsonObject, startsWithBrace, type JsonObject } from '../../kit/json';
import { plausibleCount } from '../../kit/numbers';
import { neverThrow } from '../../kit/read';
import { CONFIDENCE, detection, type DetectContext, type Detection, type Detector } from '../../detector';
import { walkStore } from './store-walk';

/**
 * N5 containers (saalfeldlab/n5 README, "File-system specification"): every group and dataset is a folder with
 * an `attributes.json`; the root's may hold {"n5": "<version>"}; a dataset's holds "dimensions" (long[], fastest
 * axis first: x, y, z), "blockSize" (int[]), "dataType" ("uint8" … "float64") and "compression" {"type": …}.
 * Blocks are files at `<dataset>/<i>/<j>/<k>`. BigDataViewer's N5 (bigdataviewer-core N5ImageLoader, BigStitcher
 * "Resave as N5") nests setupN/timepointN/sN datasets, with downsamplingFactors in setupN/attributes.json.
 * docs/formats.md §9.1.
 */
const ATTRIBUTES = 'attributes.json';
/** N5 data types (N5 spec DataType). */
const DATA_TYPES: ReadonlySet<string> = new Set(['uint8', 'uint16', 'uint32', 'uint64', 'int8', 'int16', 'int32', 'int64', 'float32', 'float64', 'object']);
/** A version string as N5 writes it ("2.5.1", "4.0.0"). */
const VERSION = /^\d+\.\d+(\.\d+)?$/;
/** Most axes an N5 dataset's dimensions are read as image axes (x, y, z). */
const IMAGE_AXES = ['x', 'y', 'z'] as const;

interface N5Dataset {
  readonly dimensions: readonly number[];
  readonly blockSize: readonly number[];
  readonly dataType: string;
  readonly compression?: string;
}

function asDataset(json: unknown): N5Dataset | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const o = json as JsonObject;
  const dims = o['dimensions'];
  const block = o['blockSize'];
  const type = o['dataType'];
  if (!Array.isArray(dims) || !Array.isArray(block) || typeof type !== 'string' || !DATA_TYPES.has(type)) return undefined;
  if (dims.length === 0 || dims.length !== block.length || !dims.every((n) => typeof n === 'number' && plausibleCount(n))) return undefined;
  const c = o['compression'];
  const compression = typeof c === 'object' && c !== null && typeof (c as JsonObject)['type'] === 'string' ? String((c as JsonObject)['type']) : undefined;
  return { dimensions: dims as number[], blockSize: block as number[], dataType: type, ...(compression ? { compression } : {}) };
}

function datasetFacts(d: N5Dataset, facts: Facts, header: Record<string, string | number | boolean | null>): void {
  if (d.dimensions.length <= IMAGE_AXES.length) {
    const value: Record<string, number> = {};
    d.dimensions.forEach((n, i) => (value[IMAGE_AXES[i]!] = n));
    facts.dimensions = { value, provenance: 'header' };
  }
  header['dimensions'] = `[${d.dimensions.join(', ')}]`;
  header['blockSize'] = `[${d.blockSize.join(', ')}]`;
  header['dataType'] = d.dataType;
  if (d.compression) header['compression'] = d.compression;
}

async function detectN5(ctx: DetectContext): Promise<Detection | null> {
  const json = await readJsonObject(ctx);
  if (!json) return null;
  const facts: Facts = {};
  const evidence: Evidence[] = [];
  const header: Record<string, string | number | boolean | null> = {};
  const named = ctx.name === ATTRIBUTES;
  const dataset = asDataset(json);
  if (dataset) {
    datasetFacts(dataset, facts, header);
    header['node'] = 'dataset';
    facts.header = { value: header, provenance: 'header' };
    evidence.push({ source: 'header', detail: `N5 dataset attributes: dimensions ${header['dimensions']}, blockSize ${header['blockSize']}, dataType ${dataset.dataType}.`, weight: 0.8 });
    return detection('n5', named ? CONFIDENCE.STRUCTURE : CONFIDENCE.WEAK, { facts, evidence });
  }
  const version = json['n5'];
  if (typeof version !== 'string' || !VERSION.test(version)) return null;
  header['n5'] = version;
  header['node'] = 'root';
  evidence.push({ source: 'header', detail: `N5 root attributes: {"n5": "${version}"} (saalfeldlab/n5 container version).`, weight: 0.9 });
  if (named) {
    // The container's first dataset below the root gives the image size (bounded walk, store-walk.ts).
    const hit = await walkStore(path.dirname(await ctx.localPath()), [ATTRIBUTES], (j) => asDataset(j));
    if (hit) {
      datasetFacts(hit.value, facts, header);
      header['firstDataset'] = hit.relative;
      if (/^setup\d+\/timepoint\d+\/s\d+$/.test(hit.relative)) {
        facts.creator = { value: 'BigDataViewer', provenance: 'header' };
        evidence.push({ source: 'header', detail: `Datasets at setupN/timepointN/sN (${hit.relative}): the BigDataViewer N5 layout (BigStitcher "Resave as N5").`, weight: 0.6 });
      }
    }
  }
  facts.header = { value: header, provenance: 'header' };
  return detection('n5', named ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, { facts, evidence });
}

/** N5 container metadata (attributes.json): the root's "n5" version, a dataset's dimensions/blockSize/dataType. */
export const n5Detector: Detector = {
  id: 'n5',
  formats: ['n5'],
  sniff: (ctx) => startsWithBrace(ctx.head) && (headIncludes(ctx.head.subarray(0, 4096), '"n5"') || headIncludes(ctx.head.subarray(0, 4096), '"blockSize"')),
  detect: (ctx) => neverThrow(() => detectN5(ctx), () => null),
};
