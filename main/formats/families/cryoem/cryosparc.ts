import type { Evidence } from '../../../../shared/model/evidence';
import type { Facts } from '../../../../shared/formats/facts';
import { within } from '../../kit/numbers';
import { angstromToNm } from '../../kit/units';
import { guardDetector, safeRead } from '../../kit/read';
import { fromHeader } from '../../kit/evidence';
import { decodeText } from '../../kit/text';
import { Bytes } from '../../kit/bytes';
import { CONFIDENCE, detection, type DetectContext, type Detection, type Detector } from '../../detector';
import { MAX_NPY_HEADER_BYTES, NPY_MAGIC, npyPreamble, parsePyLiteral, structFields, type NpyField, type PyValue } from './npy';

/**
 * cryoSPARC .cs datasets are NumPy structured arrays saved with np.save (docs/formats.md §1, §16; sample
 * cryosparc/4k_dataset.cs from cryoem-uoft/cryosparc-tools): a 'uid' field and "group/field" names such as
 * blob/path, blob/psize_A, ctf/accel_kv, alignments3D/pose, movie_blob/path, location/center_x_frac.
 */
const CS_PREFIXES: readonly (readonly [prefix: string, kind: string])[] = [
  ['blob/', 'particles'],
  ['alignments3D/', 'particles'],
  ['alignments2D/', 'particles'],
  ['location/', 'particles'],
  ['pick_stats/', 'particles'],
  ['movie_blob/', 'movies'],
  ['micrograph_blob/', 'micrographs'],
  ['map/', 'volumes'],
  ['ctf/', 'ctf'],
];
/** Field names listed in the header fact (the full list can run to hundreds). */
const MAX_LISTED_FIELDS = 24;
/** Largest record decoded for pixel size and voltage (cryoSPARC particle records are ~1–2 kB). */
const MAX_RECORD_BYTES = 64 * 1024;
/** Pixel-size fields in order of preference (particle blob, then micrograph, then movie). */
const PSIZE_FIELDS = ['blob/psize_A', 'micrograph_blob/psize_A', 'movie_blob/psize_A'];

function kindOf(fields: readonly NpyField[]): string | undefined {
  for (const [prefix, kind] of CS_PREFIXES) if (fields.some((f) => f.name.startsWith(prefix))) return kind;
  return undefined;
}

function dictOf(v: PyValue | undefined): { [key: string]: PyValue } | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
}

/** Reads float fields of the first record when every field before them has a known size. */
async function firstRecord(ctx: DetectContext, dataStart: number, fields: readonly NpyField[], wanted: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (fields.some((f) => f.bytes === undefined)) return out;
  const size = fields.reduce((n, f) => n + (f.bytes ?? 0), 0);
  if (size <= 0 || size > MAX_RECORD_BYTES || dataStart + size > ctx.size) return out;
  const bytes = await safeRead(ctx, dataStart, size);
  if (!bytes || bytes.length < size) return out;
  const b = new Bytes(bytes, true);
  let o = 0;
  for (const f of fields) {
    if (wanted.includes(f.name)) {
      const le = !f.type.startsWith('>');
      const v = f.type.endsWith('f4') ? b.f32(o, le) : f.type.endsWith('f8') ? b.f64(o, le) : undefined;
      if (v !== undefined && Number.isFinite(v)) out.set(f.name, v);
    }
    o += f.bytes ?? 0;
  }
  return out;
}

async function read(ctx: DetectContext): Promise<Detection | null> {
  const pre = npyPreamble(ctx.head);
  if (!pre) return null;
  const problems: string[] = [];
  if (pre.headerLength > MAX_NPY_HEADER_BYTES) return null;
  const raw = await safeRead(ctx, pre.headerStart, pre.headerLength);
  if (!raw) return null;
  const header = parsePyLiteral(decodeText(raw));
  const dict = dictOf(header);
  const fields = structFields(dict?.['descr']);
  const names = fields?.map((f) => f.name) ?? [];
  const csLike = names.includes('uid') || names.some((n) => n.includes('/'));
  if (!fields || !csLike) {
    // A NumPy file, but not a cryoSPARC dataset; only the .cs extension makes it worth a weak guess.
    if (ctx.ext !== '.cs') return null;
    return detection('cryosparc-cs', CONFIDENCE.WEAK, {
      evidence: [fromHeader('NumPy .npy magic "\\x93NUMPY" without cryoSPARC field names.', 0.4)],
      problems: [dict ? 'The array is not a structured cryoSPARC dataset.' : 'The .npy header dictionary could not be read.'],
    });
  }
  const facts: Facts = {};
  const evidence: Evidence[] = [fromHeader(`NumPy structured array ("\\x93NUMPY" v${pre.major}.${pre.minor}) with ${fields.length} fields in cryoSPARC "group/field" form (${names.slice(0, 3).join(', ')}…).`, 1)];
  const kind = kindOf(fields);
  facts.processing = { value: { tool: 'cryoSPARC', ...(kind ? { kind } : {}) }, provenance: 'header' };
  facts.creator = { value: 'cryoSPARC', provenance: 'header' };
  const shape = dict?.['shape'];
  const records = Array.isArray(shape) && typeof shape[0] === 'number' ? shape[0] : undefined;
  const groups = [...new Set(names.map((n) => n.split('/')[0]!))];
  if (kind) evidence.push(fromHeader(`Field groups ${groups.slice(0, 6).join(', ')}: cryoSPARC ${kind}.`, 0.6));
  const dataStart = pre.headerStart + pre.headerLength;
  if (records !== undefined && records > 0) {
    const values = await firstRecord(ctx, dataStart, fields, [...PSIZE_FIELDS, 'ctf/accel_kv']);
    const psize = PSIZE_FIELDS.map((f) => within(values.get(f), 1e-3, 1e8)).find((v) => v !== undefined);
    if (psize !== undefined) facts.pixelSize = { value: { x: angstromToNm(psize) }, unit: 'nm', provenance: 'header' };
    const kv = within(values.get('ctf/accel_kv'), 1, 10_000);
    if (kv !== undefined) facts.voltageKV = { value: Number(kv.toPrecision(6)), unit: 'kV', provenance: 'header' };
    if (psize !== undefined || kv !== undefined) evidence.push(fromHeader('Pixel size / voltage read from the first record.', 0.3));
  }
  if (!Array.isArray(dict?.['descr'])) problems.push('No descr list in the header.');
  facts.header = {
    value: {
      npyVersion: `${pre.major}.${pre.minor}`,
      records: records ?? null,
      fieldCount: fields.length,
      fields: names.slice(0, MAX_LISTED_FIELDS).join(',') + (names.length > MAX_LISTED_FIELDS ? ',…' : ''),
      groups: groups.slice(0, MAX_LISTED_FIELDS).join(','),
    },
    provenance: 'header',
  };
  return detection('cryosparc-cs', CONFIDENCE.STRUCTURE, { facts, evidence, problems });
}

/** cryoSPARC .cs datasets (NumPy structured arrays with cryoSPARC field names). */
export const cryosparcDetector: Detector = guardDetector({
  id: 'cryosparc-cs',
  formats: ['cryosparc-cs'],
  sniff: (ctx) => new Bytes(ctx.head).startsWith(NPY_MAGIC),
  detect: read,
});
