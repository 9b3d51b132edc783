import type { Facts } from '../../../../shared/formats/facts';
import { significant } from '../../kit/units';
import { Bytes } from '../../kit/bytes';
import { detection, type Detection, type Detector } from '../../detector';
import { gunzipHead, isGzip } from '../../gzip-head';

/**
 * NIfTI-1 (nifti1.h) and NIfTI-2 (nifti2.h; offsets as nibabel nifti2.py header_dtd lists them). The header
 * size field is 348 or 540 in the file's own byte order, which is how the byte order is found
 * (docs/formats.md §11: the anatomical.nii sample is big-endian).
 */
const NIFTI1_SIZE = 348;
const NIFTI2_SIZE = 540;
const N1 = { dim: 40, datatype: 70, pixdim: 76, xyztUnits: 123, descrip: 148, magic: 344 } as const;
const N2 = { magic: 4, datatype: 12, dim: 16, pixdim: 104, descrip: 240, xyztUnits: 500 } as const;
/** Spatial units, xyzt_units & 0x07 (nifti1.h NIFTI_UNITS_METER/MM/MICRON) → nm per unit. */
const SPATIAL_UNIT_NM: Readonly<Record<number, number>> = { 1: 1e9, 2: 1e6, 3: 1e3 };
/** Largest plausible dimension count (dim[0] is 1–7 by the standard). */
const MAX_DIMS = 7;
const CONFIDENT = 0.97;
/** An ANALYZE 7.5 header (348 bytes, no NIfTI magic): the predecessor, recognised with less certainty. */
const ANALYZE = 0.7;

interface Parsed {
  readonly version: 1 | 2 | 0;
  readonly le: boolean;
  readonly magic: string;
  readonly dims: number[];
  readonly pixdim: number[];
  readonly unitNm: number | undefined;
  readonly datatype: number | undefined;
  readonly descrip: string;
}

function parseHeader(bytes: Uint8Array): Parsed | null {
  const b = new Bytes(bytes);
  for (const le of [true, false]) {
    const size = b.i32(0, le);
    if (size === NIFTI1_SIZE && bytes.length >= NIFTI1_SIZE) {
      const magic = b.ascii(N1.magic, 4);
      const version = magic === 'n+1' || magic === 'ni1' ? 1 : 0;
      const ndim = b.i16(N1.dim, le) ?? 0;
      if (ndim < 1 || ndim > MAX_DIMS) continue;
      const dims = Array.from({ length: ndim }, (_, i) => b.i16(N1.dim + 2 * (i + 1), le) ?? 0);
      const pixdim = Array.from({ length: ndim }, (_, i) => b.f32(N1.pixdim + 4 * (i + 1), le) ?? 0);
      return { version, le, magic, dims, pixdim, unitNm: SPATIAL_UNIT_NM[(b.u8(N1.xyztUnits) ?? 0) & 0x07], datatype: b.i16(N1.datatype, le), descrip: b.ascii(N1.descrip, 80).trim() };
    }
    if (size === NIFTI2_SIZE && bytes.length >= NIFTI2_SIZE) {
      const magic = b.ascii(N2.magic, 4);
      if (magic !== 'n+2' && magic !== 'ni2') continue;
      const ndim = b.u64(N2.dim, le) ?? 0;
      if (ndim < 1 || ndim > MAX_DIMS) continue;
      const dims = Array.from({ length: ndim }, (_, i) => b.u64(N2.dim + 8 * (i + 1), le) ?? 0);
      const pixdim = Array.from({ length: ndim }, (_, i) => b.f64(N2.pixdim + 8 * (i + 1), le) ?? 0);
      return { version: 2, le, magic, dims, pixdim, unitNm: SPATIAL_UNIT_NM[(b.i32(N2.xyztUnits, le) ?? 0) & 0x07], datatype: b.i16(N2.datatype, le), descrip: b.ascii(N2.descrip, 80).trim() };
    }
  }
  return null;
}

/** A dimension is a count of voxels: a positive integer (a corrupt header can say anything). */
function size(n: number | undefined): number | undefined {
  return n !== undefined && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function toDetection(p: Parsed, gzipped: boolean): Detection {
  const facts: Facts = {};
  const problems: string[] = [];
  const [x, y, z, t] = p.dims.map(size);
  if (p.dims.some((d) => size(d) === undefined)) problems.push(`Dimensions ${p.dims.join(' × ')} include values that are not sizes; they were left out.`);
  facts.dimensions = { value: { ...(x ? { x } : {}), ...(y ? { y } : {}), ...(z && z > 1 ? { z } : {}), ...(t && t > 1 ? { t } : {}) }, provenance: 'header' };
  const [px, py, pz] = p.pixdim;
  if (p.unitNm && px && px > 0 && Number.isFinite(px)) {
    facts.pixelSize = {
      // NIfTI-1 pixdim is float32: keep the digits it really has.
      value: {
        x: significant(px * p.unitNm),
        ...(py && py > 0 ? { y: significant(py * p.unitNm) } : {}),
        ...(pz && pz > 0 && p.dims.length >= 3 ? { z: significant(pz * p.unitNm) } : {}),
      },
      unit: 'nm',
      provenance: 'header',
    };
  }
  facts.imagingMode = { value: 'medical', provenance: 'header' };
  facts.header = { value: { version: p.version === 0 ? 'ANALYZE 7.5' : `NIfTI-${p.version}`, single: p.magic.startsWith('n+'), byteOrder: p.le ? 'little-endian' : 'big-endian', datatype: p.datatype ?? null, gzipped }, provenance: 'header' };
  const what = p.version === 0 ? 'ANALYZE 7.5 header (348 bytes, no NIfTI magic)' : `NIfTI-${p.version} header (sizeof_hdr ${p.version === 1 ? NIFTI1_SIZE : NIFTI2_SIZE}, magic "${p.magic}")`;
  return detection('nifti', p.version === 0 ? ANALYZE : CONFIDENT, {
    facts,
    evidence: [
      { source: 'header', detail: `${what}, ${p.le ? 'little' : 'big'}-endian${gzipped ? ', gzip-compressed' : ''}.`, weight: 1 },
      { source: 'header', detail: 'NIfTI is a medical/neuroimaging format; it carries no patient tags, but its images may come from patients.', weight: 0.4 },
    ],
    problems: [...problems, ...(p.version === 0 ? ['No NIfTI magic: read as its predecessor ANALYZE 7.5.'] : [])],
  });
}

/** NIfTI-1/-2 single files and .hdr headers, plain or gzip-compressed. */
export const niftiDetector: Detector = {
  id: 'nifti',
  formats: ['nifti'],
  sniff: (ctx) => {
    const b = new Bytes(ctx.head);
    return isGzip(ctx.head) || [true, false].some((le) => b.i32(0, le) === NIFTI1_SIZE || b.i32(0, le) === NIFTI2_SIZE);
  },
  async detect(ctx) {
    const gzipped = isGzip(ctx.head);
    const bytes = gzipped ? gunzipHead(ctx.head) : ctx.head;
    if (!bytes) return null;
    const parsed = parseHeader(bytes);
    if (!parsed) return null;
    // An ANALYZE-shaped header is only believed with an extension that says so.
    if (parsed.version === 0 && ctx.ext !== '.hdr' && ctx.ext !== '.img') return null;
    return toDetection(parsed, gzipped);
  },
};
