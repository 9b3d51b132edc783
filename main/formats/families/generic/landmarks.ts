import { detection, type Detector } from '../../detector';
import { splitFields } from './csv';
import { exactNumber } from '../../kit/numbers';
import { fromHeader } from '../../kit/evidence';
import { clip } from '../../kit/strings';
import { wholeFile } from '../../kit/read';
import { completeLines, headText } from '../../kit/text';
import { xmlRoot } from '../../kit/xml';

// BigWarp landmarks CSV (saalfeldlab/bigwarp LandmarkTableModel.save/loadCsv): headerless, opencsv quoting
// every field; per row name ("Pt-0"), active ("true"/"false"), then the moving and the fixed point:
// 2 + 2·ndims fields (6 in 2D, 8 in 3D). Newer development versions add an integer Id column after
// "active" (7 or 9 fields). Unpaired points are written as Double "Infinity". docs/formats.md §22.5.
/** Rows checked in the head. */
const MAX_LANDMARK_ROWS = 256;
/** One matching row is distinctive; several consistent rows more so. */
const ONE_ROW_CONFIDENCE = 0.85;
const ROWS_CONFIDENCE = 0.92;
/** Unquoted rows whose names are not BigWarp's "Pt-N": the shape fits, but any 6/8-column table with a true/false column could. */
const PLAIN_CONFIDENCE = 0.7;
const COORDINATE = /^[+-]?((\d+(?:\.\d*)?|\.\d+)([eE][+-]?\d+)?|Infinity|NaN)$/;
const FIRST_ROW = /^\s*"?[^",\r\n]*"?\s*,\s*"?(true|false)"?\s*,/;

interface Layout {
  readonly dims: 2 | 3;
  readonly id: boolean;
}

function layoutOf(fields: readonly string[]): Layout | null {
  const n = fields.length;
  if (!['true', 'false'].includes(fields[1] ?? '')) return null;
  const layout: Layout | null = n === 6 ? { dims: 2, id: false } : n === 8 ? { dims: 3, id: false } : n === 7 ? { dims: 2, id: true } : n === 9 ? { dims: 3, id: true } : null;
  if (!layout) return null;
  if (layout.id && !/^\d+$/.test(fields[2]!)) return null;
  return fields.slice(layout.id ? 3 : 2).every((f) => COORDINATE.test(f)) ? layout : null;
}

/** BigWarp landmark pairs (moving and fixed points) exported as CSV: 2D or 3D. */
export const bigwarpDetector: Detector = {
  id: 'generic-bigwarp-landmarks',
  formats: ['bigwarp-landmarks'],
  sniff: (ctx) => FIRST_ROW.test(String.fromCharCode(...ctx.head.subarray(0, 256))),
  async detect(ctx) {
    const t = headText(ctx);
    if (!t) return null;
    const lines = completeLines(t.text, wholeFile(ctx)).filter((l) => l.trim() !== '').slice(0, MAX_LANDMARK_ROWS);
    let layout: Layout | null = null;
    let active = 0;
    // BigWarp's own files: opencsv quotes every field, and default names are Pt-0, Pt-1…
    let bigwarpLike = true;
    for (const line of lines) {
      const fields = splitFields(line.trim(), ',')?.map((f) => f.trim());
      const l = fields ? layoutOf(fields) : null;
      if (!l || (layout && (l.dims !== layout.dims || l.id !== layout.id))) return null;
      layout = l;
      if (fields![1] === 'true') active++;
      if (!line.trimStart().startsWith('"') && !/^Pt-\d+$/.test(fields![0]!)) bigwarpLike = false;
    }
    if (!layout) return null;
    const header = { landmarks: lines.length, active, columns: layout.dims * 2 + (layout.id ? 3 : 2), idColumn: layout.id };
    const confidence = !bigwarpLike ? PLAIN_CONFIDENCE : lines.length > 1 ? ROWS_CONFIDENCE : ONE_ROW_CONFIDENCE;
    return detection('bigwarp-landmarks', confidence, {
      facts: { transform: { value: { kind: 'BigWarp landmarks', dimensions: layout.dims }, provenance: 'header' }, header: { value: header, provenance: 'header' } },
      evidence: [
        fromHeader(
          `BigWarp landmark table: ${lines.length} row(s) of name, active flag${layout.id ? ', id' : ''}, then moving and fixed ${layout.dims}D coordinates (${header.columns} fields each, as LandmarkTableModel writes them).`,
          1,
        ),
      ],
      problems: bigwarpLike ? [] : ['Unquoted rows without BigWarp point names (Pt-N): the shape fits BigWarp landmarks, but the file may be another table.'],
    });
  },
};

// ec-CLEM (Icy plugin; anrcrocoval/ec-clem, PerrineGilloteaux/ec-clem). Icy's XMLUtil.createDocument(true) makes
// a root element named "root". Two layouts are written:
//  - ec-CLEM 2 (storage/transformation_schema XmlTransformation.java): <transformation type="AFFINE|RIGID|
//    SIMILARITY|SPLINE" noiseModel=… date=…> with <sequenceSize dimension=… type="source|target">,
//    <dataset type=… n=… dimension="2|3" pointType=…><point id=…><coordinate dimension=…>…;
//  - the _transfo.xml of ec-CLEM 1 and of the 2.x matrix writer: <TargetSize width height sx sy sz/> and
//    <MatrixTransformation m00 … m33 [order] process_date/> (a 4 × 4 homogeneous matrix).
const SCHEMA_CONFIDENCE = 0.95;
const MATRIX_CONFIDENCE = 0.9;
/** A _transfo.xml holding only the target size (written before the first transform is saved). */
const TARGET_ONLY_CONFIDENCE = 0.85;
/** Matrices counted. */
const MAX_MATRICES = 64;
/** Characters searched for ec-CLEM elements: the transformation, its first dataset and the matrices come first. */
const EC_CLEM_SCAN_CHARS = 16 * 1024;

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`).exec(tag)?.[1];
}

/** An ec-CLEM registration (Icy): its transformation schema with fiducials, or its saved transformation matrices. */
export const ecClemDetector: Detector = {
  id: 'generic-ec-clem',
  formats: ['ec-clem'],
  sniff: (ctx) => {
    const start = String.fromCharCode(...ctx.head.subarray(0, 512));
    return /^\s*(<\?xml[^>]*>\s*)?<root[\s>]/.test(start);
  },
  async detect(ctx) {
    const t = headText(ctx);
    if (!t || xmlRoot(t.text)?.name !== 'root') return null;
    // Bounded: each tag pattern below scans to the next ">", which a hostile head may not have.
    const text = t.text.slice(0, EC_CLEM_SCAN_CHARS);
    const transformation = /<transformation\s[^>]*>/.exec(text)?.[0];
    const dataset = /<dataset\s[^>]*>/.exec(text)?.[0];
    const type = transformation ? attr(transformation, 'type') : undefined;
    const dim = dataset ? Number(attr(dataset, 'dimension')) : NaN;
    if (type && dataset) {
      const dimensions = dim === 2 || dim === 3 ? dim : undefined;
      const header: Record<string, string | number> = { layout: 'ec-CLEM transformation schema', transformationType: clip(type, 40) };
      const noise = attr(transformation!, 'noiseModel');
      const n = Number(attr(dataset, 'n'));
      if (noise) header['noiseModel'] = clip(noise, 40);
      if (Number.isInteger(n) && n >= 0) header['fiducials'] = n;
      return detection('ec-clem', SCHEMA_CONFIDENCE, {
        facts: { transform: { value: { kind: `ec-CLEM ${type.toLowerCase()}`, ...(dimensions ? { dimensions } : {}) }, provenance: 'header' }, header: { value: header, provenance: 'header' } },
        evidence: [fromHeader(`ec-CLEM transformation schema: <root><transformation type="${clip(type, 20)}"> with fiducial <dataset dimension="${dim}">, as ec-CLEM's XmlTransformationWriter writes it.`, 1)],
      });
    }
    const matrices = [...text.matchAll(/<MatrixTransformation\s[^>]*>/g)].slice(0, MAX_MATRICES).filter((m) => attr(m[0], 'm00') !== undefined && attr(m[0], 'm33') !== undefined);
    const target = /<TargetSize\s[^>]*>/.exec(text)?.[0];
    const targetOk = target !== undefined && attr(target, 'width') !== undefined && attr(target, 'height') !== undefined && attr(target, 'sx') !== undefined;
    if (matrices.length === 0 && !targetOk) return null;
    const header: Record<string, string | number> = { layout: 'ec-CLEM _transfo.xml', matrices: matrices.length };
    // A damaged size ("1 2", a control character) is left out rather than written as NaN.
    const targetWidth = targetOk ? exactNumber(attr(target!, 'width')) : undefined;
    const targetHeight = targetOk ? exactNumber(attr(target!, 'height')) : undefined;
    if (targetWidth !== undefined) header.targetWidth = targetWidth;
    if (targetHeight !== undefined) header.targetHeight = targetHeight;
    return detection('ec-clem', matrices.length > 0 ? MATRIX_CONFIDENCE : TARGET_ONLY_CONFIDENCE, {
      facts: { transform: { value: { kind: matrices.length > 0 ? 'ec-CLEM affine matrix' : 'ec-CLEM transformation' }, provenance: 'header' }, header: { value: header, provenance: 'header' } },
      evidence: [
        fromHeader(
          `ec-CLEM transformation file: <root> with ${matrices.length > 0 ? `${matrices.length} <MatrixTransformation m00…m33> (4 × 4 homogeneous matrix)` : ''}${matrices.length > 0 && targetOk ? ' and ' : ''}${targetOk ? '<TargetSize width height sx sy sz>' : ''}.`,
          matrices.length > 0 ? 0.9 : 0.8,
        ),
      ],
      problems: matrices.length === 0 ? ['Only the target image size is saved: no transformation matrix yet, so the transform dimensionality is unknown.'] : [],
    });
  },
};
