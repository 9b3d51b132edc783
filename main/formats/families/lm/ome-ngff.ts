import type { Evidence } from '../../../../shared/model/evidence';
import type { Facts } from '../../../../shared/formats/facts';
import { plausibleCount } from '../../kit/numbers';
import { plausibleNm, roundNm, unitToNm } from '../../kit/units';
import { MAX_CHANNELS } from '../../kit/facts';

/**
 * OME-NGFF (OME-Zarr) attributes: 0.1–0.4 in a v2 `.zattrs`, 0.5 under `attributes.ome` of a v3 `zarr.json`
 * (docs/formats.md §9; NGFF specification 0.4 §§ "multiscales", "omero", "plate", "well", "labels",
 * "image-label", "bioformats2raw.layout"; ome-zarr-models-py tests/v05/data/image_example.json).
 */

/** A parsed JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/** What an NGFF node is, from the keys its attributes carry. */
export type NgffKind = 'image' | 'plate' | 'well' | 'labels' | 'label-image' | 'bioformats2raw';

/** Most datasets, axes, wells or channels looked at in one node (HCS plates have 1536 wells at most). */
const MAX_ITEMS = 4096;

/** True for a JSON object (not an array, not null). */
export function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function arr(v: Json | undefined): Json[] {
  return Array.isArray(v) ? v.slice(0, MAX_ITEMS) : [];
}

function str(v: Json | undefined): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function finite(v: Json | undefined): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The NGFF kinds these attributes declare, checked structurally (not just by key). */
export function ngffKinds(attrs: JsonObject): NgffKind[] {
  const kinds: NgffKind[] = [];
  const ms = arr(attrs['multiscales']);
  if (ms.some((m) => isObject(m) && arr(m['datasets']).some((d) => isObject(d) && typeof d['path'] === 'string'))) kinds.push('image');
  const plate = attrs['plate'];
  if (isObject(plate) && (Array.isArray(plate['wells']) || Array.isArray(plate['rows']) || Array.isArray(plate['columns']))) kinds.push('plate');
  const well = attrs['well'];
  if (isObject(well) && Array.isArray(well['images'])) kinds.push('well');
  const labels = attrs['labels'];
  if (Array.isArray(labels) && labels.every((l) => typeof l === 'string')) kinds.push('labels');
  if (isObject(attrs['image-label'])) kinds.push('label-image');
  if (typeof attrs['bioformats2raw.layout'] === 'number') kinds.push('bioformats2raw');
  return kinds;
}

function version(attrs: JsonObject, ome: JsonObject | undefined): string | undefined {
  const first = arr(attrs['multiscales']).find(isObject);
  const plate = attrs['plate'];
  const well = attrs['well'];
  return (
    str(ome?.['version']) ??
    str(first?.['version']) ??
    (isObject(plate) ? str(plate['version']) : undefined) ??
    (isObject(well) ? str(well['version']) : undefined) ??
    str(attrs['version'])
  );
}

/** The `scale` of the first "scale" coordinate transformation in a list, or `undefined`. */
function scaleOf(transforms: Json | undefined): number[] | undefined {
  const t = arr(transforms).find((x) => isObject(x) && x['type'] === 'scale');
  if (!isObject(t) || !Array.isArray(t['scale'])) return undefined;
  const s = t['scale'].map((v) => finite(v) ?? NaN);
  return s.every((v) => Number.isFinite(v)) ? s : undefined;
}

function imageFacts(attrs: JsonObject, facts: Facts, evidence: Evidence[], problems: string[], header: Record<string, string | number | boolean | null>): void {
  const ms = arr(attrs['multiscales']).find(isObject);
  if (!ms) return;
  const axes = arr(ms['axes']).map((a) => (typeof a === 'string' ? { name: a } : isObject(a) ? { name: str(a['name']), type: str(a['type']), unit: str(a['unit']) } : {}));
  const names = axes.map((a) => a.name ?? '?');
  if (axes.length > 0) header['axes'] = names.join(',');
  const name = str(ms['name']);
  if (name) header['name'] = name;
  const datasets = arr(ms['datasets']).filter(isObject);
  header['resolutionLevels'] = datasets.length;
  if (datasets.length > 1) facts.arrangement = { value: 'pyramid', provenance: 'header' };
  evidence.push({ source: 'header', detail: `OME-NGFF multiscales image: axes ${axes.length > 0 ? names.join(', ') : 'not given (NGFF ≤0.2: t, c, z, y, x)'}, ${datasets.length} resolution level(s).`, weight: 0.8 });

  // Pixel size: dataset 0's scale, times the multiscale-wide scale when present, for space axes with a length unit.
  const scale = scaleOf(datasets[0]?.['coordinateTransformations']);
  const global = scaleOf(ms['coordinateTransformations']);
  if (!scale || axes.length === 0 || scale.length !== axes.length) {
    if (datasets.length > 0) problems.push('No usable scale transformation for dataset 0 (or axes without names); pixel size not set.');
    return;
  }
  const nm: Record<string, number> = {};
  const unitless: string[] = [];
  axes.forEach((a, i) => {
    const axisName = a.name?.toLowerCase();
    if (axisName !== 'x' && axisName !== 'y' && axisName !== 'z') return;
    if (a.type !== undefined && a.type !== 'space') return;
    const perUnit = unitToNm(a.unit);
    if (perUnit === undefined) {
      unitless.push(a.name ?? '?');
      return;
    }
    const v = scale[i]! * (global && global.length === scale.length ? global[i]! : 1) * perUnit;
    if (plausibleNm(v)) nm[axisName] = roundNm(v);
  });
  if (unitless.length > 0) problems.push(`Space axes ${unitless.join(', ')} have no length unit; their scale is not a physical pixel size.`);
  if (nm['x'] !== undefined) facts.pixelSize = { value: { x: nm['x'], ...(nm['y'] !== undefined ? { y: nm['y'] } : {}), ...(nm['z'] !== undefined ? { z: nm['z'] } : {}) }, unit: 'nm', provenance: 'header' };
}

/** NGFF `omero.channels[].color`: a 6-digit hex RGB string (NGFF 0.4 §"omero"; ome_zarr_metadata's Color). */
const HEX_COLOR = /^[0-9A-Fa-f]{6}$/;
/** Channel labels and colours copied into the header fact. */
const MAX_SHOWN_CHANNELS = 16;
const MAX_LABEL_CHARS = 80;

/** A channel's display window `{start, end, min, max}` (NGFF 0.4 §"omero"), as "start–end of min–max". */
function windowText(w: Json | undefined): string | undefined {
  if (!isObject(w)) return undefined;
  const [start, end, min, max] = [finite(w['start']), finite(w['end']), finite(w['min']), finite(w['max'])];
  if (start === undefined || end === undefined) return undefined;
  return `${start}–${end}${min !== undefined && max !== undefined ? ` of ${min}–${max}` : ''}`;
}

/**
 * The transitional `omero` block (NGFF 0.4 §"omero": `channels[]` with `label`, `color` hex RGB, `window`
 * {start, end, min, max}, `active`, `family`): channel labels become the `channels` fact (modality inference
 * reads fluorophore names and contrast methods in them); colours and windows are shown in the header.
 */
function omeroFacts(attrs: JsonObject, facts: Facts, header: Record<string, string | number | boolean | null>): void {
  const omero = attrs['omero'];
  if (!isObject(omero)) return;
  const channels = arr(omero['channels']).filter(isObject).slice(0, MAX_CHANNELS);
  if (channels.length === 0) return;
  facts.channels = { value: channels.map((c) => (str(c['label']) ? { name: str(c['label'])!.slice(0, MAX_LABEL_CHARS) } : {})), provenance: 'header' };
  facts.dimensions = { value: { c: channels.length }, provenance: 'header' };
  const shown = channels.slice(0, MAX_SHOWN_CHANNELS);
  const labels = shown.map((c, i) => str(c['label'])?.slice(0, MAX_LABEL_CHARS) ?? `channel ${i}`);
  header['channels'] = labels.join(', ');
  const colors = shown.map((c) => str(c['color'])).map((c) => (c !== undefined && HEX_COLOR.test(c) ? c.toUpperCase() : '?'));
  if (colors.some((c) => c !== '?')) header['channelColors'] = colors.join(', ');
  const windows = shown.map((c) => windowText(c['window']));
  if (windows.some((w) => w !== undefined)) header['channelWindows'] = windows.map((w) => w ?? '?').join('; ');
  const inactive = shown.filter((c) => c['active'] === false).length;
  if (inactive > 0) header['inactiveChannels'] = inactive;
}

function plateFacts(attrs: JsonObject, facts: Facts, evidence: Evidence[], header: Record<string, string | number | boolean | null>): void {
  const plate = attrs['plate'];
  if (isObject(plate)) {
    const rows = Array.isArray(plate['rows']) ? plate['rows'].length : undefined;
    const columns = Array.isArray(plate['columns']) ? plate['columns'].length : undefined;
    const wells = Array.isArray(plate['wells']) ? plate['wells'].length : undefined;
    // NGFF 0.4 plate.field_count ("maximum number of fields per view across all wells"), else acquisitions[].maximumfieldcount.
    const fieldCounts = arr(plate['acquisitions'])
      .map((a) => (isObject(a) ? finite(a['maximumfieldcount']) : undefined))
      .filter((v): v is number => v !== undefined);
    const fields = finite(plate['field_count']) ?? (fieldCounts.length > 0 ? Math.max(...fieldCounts) : undefined);
    const value = { ...(plausibleCount(rows) ? { rows } : {}), ...(plausibleCount(columns) ? { columns } : {}), ...(plausibleCount(wells) ? { wells } : {}), ...(plausibleCount(fields) ? { fields } : {}) };
    facts.plate = { value, provenance: 'header' };
    facts.arrangement = { value: 'plate', provenance: 'header' };
    const name = str(plate['name']);
    if (name) header['plateName'] = name;
    evidence.push({ source: 'header', detail: `OME-NGFF plate: ${rows ?? '?'} rows × ${columns ?? '?'} columns, ${wells ?? '?'} wells${fields ? `, up to ${fields} fields per well` : ''}.`, weight: 0.8 });
  }
  const well = attrs['well'];
  if (isObject(well) && Array.isArray(well['images'])) {
    const fields = well['images'].length;
    if (plausibleCount(fields)) facts.plate = { value: { fields }, provenance: 'header' };
    facts.arrangement = { value: 'plate', provenance: 'header' };
    evidence.push({ source: 'header', detail: `OME-NGFF well with ${fields} field(s) of view.`, weight: 0.7 });
  }
}

/** Reads NGFF attributes into facts; `ome` is the v3 `attributes.ome` object when the attributes came from there. */
export function ngffFacts(attrs: JsonObject, ome: JsonObject | undefined, kinds: readonly NgffKind[], facts: Facts, evidence: Evidence[], problems: string[], header: Record<string, string | number | boolean | null>): void {
  const v = version(attrs, ome);
  if (v) header['ngffVersion'] = v;
  header['ngff'] = kinds.join(',');
  omeroFacts(attrs, facts, header);
  if (kinds.includes('image')) imageFacts(attrs, facts, evidence, problems, header);
  if (kinds.includes('plate') || kinds.includes('well')) plateFacts(attrs, facts, evidence, header);
  if (kinds.includes('labels')) {
    const labels = arr(attrs['labels']);
    header['labels'] = labels.length;
    evidence.push({ source: 'header', detail: `OME-NGFF labels group listing ${labels.length} label image(s).`, weight: 0.6 });
  }
  if (kinds.includes('label-image')) evidence.push({ source: 'header', detail: 'OME-NGFF image-label: a segmentation (label) image.', weight: 0.6 });
  if (kinds.includes('bioformats2raw')) {
    header['bioformats2raw.layout'] = attrs['bioformats2raw.layout'] as number;
    evidence.push({ source: 'header', detail: 'bioformats2raw layout: the instrument and acquisition modes are in OME/METADATA.ome.xml next to this file.', weight: 0.6 });
  }
}
