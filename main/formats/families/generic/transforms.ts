import { fromHeader } from '../../kit/evidence';
import { clip } from '../../kit/strings';
import { wholeFile } from '../../kit/read';
import { completeLines, headText } from '../../kit/text';
import { hasLineTerminator, isSpace, isWordChar, skipSpace } from '../../kit/trim';
import { Bytes } from '../../kit/bytes';
import { CONFIDENCE, detection, type Detector } from '../../detector';

// elastix parameter maps (elastix manual §"parameter file"; TransformParameters.N.txt written by elastix):
// one "(Name value …)" per line, "//" comments, strings quoted, e.g.
//   (Transform "EulerTransform") (NumberOfParameters 6) (TransformParameters 0.01 …) (FixedImageDimension 3)
const ELASTIX_TRANSFORM_KEY = '(Transform ';
/** Lines parsed; a TransformParameters file has ~30, a registration parameter file ~60. */
const MAX_ELASTIX_LINES = 1000;
/** Bytes searched by sniff for "(Transform " (after the comment header elastix and users put first). */
const ELASTIX_SNIFF_BYTES = 16 * 1024;
/** A registration parameter file (settings, no result): still elastix, a little less distinctive. */
const ELASTIX_PARAMETERS_CONFIDENCE = CONFIDENCE.MAGIC;

/**
 * An elastix entry line (trimmed): `(Name value)` then blanks and perhaps a `//` comment; name and value. What
 * `/^\s*\((\w+)\s+(.*?)\)\s*(\/\/.*)?$/` matched (the value ends at the first `)` that only blanks or a
 * comment follow, and neither holds a line terminator), scanned in linear time: `\s+(.*?)` backtracked
 * quadratically over a long run of blanks (issue 12, finding 1).
 */
function entryOf(s: string): { name: string; value: string } | undefined {
  if (!s.startsWith('(')) return undefined;
  let i = 1;
  while (i < s.length && isWordChar(s.charCodeAt(i))) i++;
  if (i === 1 || !isSpace(s[i])) return undefined;
  const from = skipSpace(s, i);
  const firstTerminator = s.slice(from).search(/[\n\r\u2028\u2029]/);
  const stop = firstTerminator < 0 ? s.length : from + firstTerminator;
  let lastTerminator = s.length - 1;
  while (lastTerminator >= 0 && !hasLineTerminator(s[lastTerminator]!)) lastTerminator--;
  for (let e = s.indexOf(')', from); e >= 0 && e < stop; e = s.indexOf(')', e + 1)) {
    const k = skipSpace(s, e + 1);
    if (k === s.length || (s.startsWith('//', k) && lastTerminator < k + 2)) return { name: s.slice(1, i), value: s.slice(from, e) };
  }
  return undefined;
}

function unquote(v: string): string {
  return v.trim().replace(/^"(.*)"$/, '$1');
}

function dimension(v: string | undefined): 1 | 2 | 3 | 4 | undefined {
  const n = Number(v);
  return n === 1 || n === 2 || n === 3 || n === 4 ? n : undefined;
}

/** An elastix transform (TransformParameters.N.txt) or parameter file: transform type and image dimension. */
export const elastixDetector: Detector = {
  id: 'generic-elastix-transform',
  formats: ['elastix-transform'],
  sniff: (ctx) => new Bytes(ctx.head).indexOf(ELASTIX_TRANSFORM_KEY, 0, ELASTIX_SNIFF_BYTES) >= 0,
  async detect(ctx) {
    const t = headText(ctx);
    if (!t) return null;
    const entries = new Map<string, string>();
    let other = 0;
    for (const line of completeLines(t.text, wholeFile(ctx)).slice(0, MAX_ELASTIX_LINES)) {
      const s = line.trim();
      if (s === '' || s.startsWith('//')) continue;
      const m = entryOf(s);
      if (!m) {
        other++;
        continue;
      }
      if (!entries.has(m.name)) entries.set(m.name, m.value);
    }
    const transform = entries.get('Transform');
    // Every meaningful line of an elastix file is an entry; a stray "(Transform …)" in other text is not enough.
    if (!transform || entries.size < 2 || other > entries.size) return null;
    const result = entries.has('TransformParameters') || entries.has('NumberOfParameters');
    const kind = clip(unquote(transform), 60);
    const dims = dimension(entries.get('FixedImageDimension')) ?? dimension(entries.get('MovingImageDimension'));
    const header: Record<string, string | number> = { transform: kind, role: result ? 'transform result (TransformParameters)' : 'registration parameters' };
    const nParams = Number(entries.get('NumberOfParameters'));
    if (Number.isInteger(nParams)) header['numberOfParameters'] = nParams;
    const initial = entries.get('InitialTransformParametersFileName');
    if (initial) header['initialTransform'] = clip(unquote(initial));
    const combine = entries.get('HowToCombineTransforms');
    if (combine) header['howToCombine'] = clip(unquote(combine), 40);
    return detection('elastix-transform', result ? CONFIDENCE.STRUCTURE : ELASTIX_PARAMETERS_CONFIDENCE, {
      facts: { transform: { value: { kind, ...(dims ? { dimensions: dims } : {}) }, provenance: 'header' }, header: { value: header, provenance: 'header' } },
      evidence: [
        fromHeader(`elastix parameter map: (Transform "${kind}")${dims ? `, (FixedImageDimension ${dims})` : ''}${result ? ' and the fitted (TransformParameters …)' : ' — registration settings, not a fitted result'}.`, 1),
      ],
      problems: dims ? [] : ['No FixedImageDimension: the transform dimensionality is unknown.'],
    });
  },
};

// ITK transform text (InsightSoftwareConsortium/ITK Modules/IO/TransformInsightLegacy/src/itkTxtTransformIO.cxx):
// "#Insight Transform File V1.0", then per transform "#Transform n", "Transform: <Name>_<double|float>_<in>_<out>",
// "Parameters: …", "FixedParameters: …". ITK's HDF5 (.h5) and MATLAB (.mat) transform files are not read here.
const ITK_MAGIC = '#Insight Transform File';
const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
/** Transforms listed from one file (a composite of a few is usual). */
const MAX_ITK_TRANSFORMS = 16;
const ITK_TYPE = /^([A-Za-z0-9]+?)_(double|float)_(\d+)_(\d+)$/;

/** An ITK transform text file (.tfm/.txt): transform type and dimension. */
export const itkDetector: Detector = {
  id: 'generic-itk-transform',
  formats: ['itk-transform'],
  sniff: (ctx) => {
    const b = new Bytes(ctx.head);
    return b.startsWith(ITK_MAGIC) || (b.startsWith(UTF8_BOM) && b.startsWith(ITK_MAGIC, UTF8_BOM.length));
  },
  async detect(ctx) {
    const t = headText(ctx);
    if (!t || !t.text.trimStart().startsWith(ITK_MAGIC)) return null;
    const types: string[] = [];
    for (const line of completeLines(t.text, wholeFile(ctx))) {
      const m = /^\s*Transform:\s*(\S+)/.exec(line);
      if (m) types.push(m[1]!);
      if (types.length >= MAX_ITK_TRANSFORMS) break;
    }
    const version = /^#Insight Transform File V?([\d.]+)/.exec(t.text.trimStart())?.[1];
    const parsed = types.map((x) => ITK_TYPE.exec(x));
    const first = parsed.find((p) => p && !p[1]!.startsWith('Composite')) ?? parsed[0];
    const composite = types.some((x) => x.startsWith('CompositeTransform'));
    const kind = first ? first[1]! : types[0] ? clip(types[0], 60) : 'unknown';
    const outDim = first ? Number(first[4]) : NaN;
    const dims = outDim >= 1 && outDim <= 4 ? outDim : undefined;
    const header: Record<string, string | number> = { transforms: types.length, types: clip(types.join(', '), 300) };
    if (version) header['version'] = version;
    if (first) header['precision'] = first[2]!;
    return detection('itk-transform', types.length > 0 ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, {
      facts: { transform: { value: { kind: composite && first ? `${kind} (in a composite)` : kind, ...(dims ? { dimensions: dims } : {}) }, provenance: 'header' }, header: { value: header, provenance: 'header' } },
      evidence: [fromHeader(`"${ITK_MAGIC}${version ? ` V${version}` : ''}" header${types.length ? ` and ${types.length} transform(s), first "${clip(types[0]!, 60)}"` : ''}.`, 1)],
      problems: types.length === 0 ? ['No "Transform:" line in the first bytes.'] : [],
    });
  },
};

// Affine matrices written as plain numbers (CLEM and registration tools export them so: Fiji/TrakEM2 and
// BigWarp "affine" exports, MATLAB/NumPy savetxt of a 4×4, Amira/Avizo and napari-style XML/CSV). A 2-D
// affine is 2×3, or 3×3 with the homogeneous last row 0 0 1; a 3-D affine is 3×4, or 4×4 with 0 0 0 1
// (any homogeneous-coordinates text: Hartley & Zisserman, Multiple View Geometry, §2.2). docs/formats.md §22.4;
// elastix and ITK transforms above, docs/formats.md §22.5.
/** Lines of text scanned for a matrix block. */
const MAX_MATRIX_LINES = 400;
/** Characters of one XML element's text read as matrix numbers. */
const MAX_MATRIX_ELEMENT_CHARS = 2000;
/** Above the generic text/CSV/XML readers (0.4–0.5), below every specific reader (≥ 0.85). */
const MATRIX_CONFIDENCE = 0.65;
/** How far from 0 or 1 a homogeneous row's entries may be (printed floats). */
const HOMOGENEOUS_TOLERANCE = 1e-6;
/** IMOD's tilt-series alignment transforms (.xf/.xg, six numbers a11 a12 a21 a22 dx dy per tilt): not correlation. */
const TILT_ALIGNMENT_EXT: ReadonlySet<string> = new Set(['.xf', '.xg']);
const NUMBER = /^[+-]?(\d+(?:\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** Words that name a transform in the text itself; needed when no homogeneous row says "affine". */
const MATRIX_WORDS = /(matrix|affine|transform|registration|rotation)/i;
const MATRIX_ELEMENT = /^[A-Za-z_:.-]{0,40}(matrix|affine|transform)[A-Za-z0-9_:.-]{0,40}$/i;
const XML_ELEMENT = /<([A-Za-z_][\w.:-]{0,80})(?:\s[^<>]{0,1000})?>([^<]{1,2000})<\/\1\s*>/g;
const XML_TAG = /<[^<>]{0,1000}>/g;
/** Root of a BigDataViewer dataset XML (bigdataviewer-core XmlIoSpimData). */
const SPIMDATA = /<SpimData[\s>]/;

/** An affine matrix found in a text: its shape and the dimensionality of the space it maps. */
export interface MatrixFound {
  readonly rows: number;
  readonly cols: number;
  readonly dimensions: 2 | 3;
  /** Separated by commas, tabs or semicolons (a table), not by spaces only. */
  readonly delimited: boolean;
}

function near(v: number, target: number): boolean {
  return Math.abs(v - target) <= HOMOGENEOUS_TOLERANCE;
}

/** Reads `values` (row-major) as an affine of `rows`×`cols`, when the shape and homogeneous row allow. */
function affineOf(values: readonly number[], rows: number, cols: number, named: boolean): 2 | 3 | undefined {
  const last = values.slice((rows - 1) * cols);
  const homogeneous = last.every((v, i) => near(v, i === cols - 1 ? 1 : 0));
  if (rows === 4 && cols === 4) return homogeneous ? 3 : undefined;
  if (rows === 3 && cols === 3) return homogeneous ? 2 : undefined;
  if (rows === 3 && cols === 4) return named ? 3 : undefined;
  if (rows === 2 && cols === 3) return named ? 2 : undefined;
  return undefined;
}

/** The numbers of one line, or `undefined` when it holds anything else (brackets and trailing separators allowed). */
function numbersOf(line: string): number[] | undefined {
  const inner = line.replace(/[[\](){}]/g, ' ').trim().replace(/[,;]$/, '').trim();
  if (inner === '') return undefined;
  const tokens = inner.split(/[\s,;]+/).filter((t) => t !== '');
  if (!tokens.every((t) => NUMBER.test(t))) return undefined;
  return tokens.map(Number);
}

/**
 * An affine matrix in a text: a block of 2–4 lines of 3 or 4 numbers each (and nothing but numbers) standing
 * alone between other lines, or an XML element named like a matrix/affine/transform holding 6, 9, 12 or 16
 * numbers. A homogeneous last row (0 0 1 / 0 0 0 1) suffices; a 2×3 or 3×4 block also needs the text to say
 * matrix, affine, transform, registration or rotation, since any small table has that shape. `complete` is
 * false when the text is the head of a longer file: its last line may be cut and is not read.
 */
export function matrixTransformIn(text: string, complete = true): MatrixFound | undefined {
  const named = MATRIX_WORDS.test(text.slice(0, MAX_MATRIX_LINES * 200));
  if (text.trimStart().startsWith('<')) {
    // BigDataViewer/BigStitcher dataset XML (<SpimData>) keeps per-view affines that stitch tiles of one image: its dataset's own metadata.
    if (SPIMDATA.test(text.slice(0, MAX_MATRIX_ELEMENT_CHARS))) return undefined;
    for (const m of text.matchAll(XML_ELEMENT)) {
      if (!MATRIX_ELEMENT.test(m[1]!)) continue;
      const values = numbersOf(m[2]!.slice(0, MAX_MATRIX_ELEMENT_CHARS).replace(/\s+/g, ' '));
      const shape = values ? ({ 6: [2, 3], 9: [3, 3], 12: [3, 4], 16: [4, 4] } as const)[values.length as 6 | 9 | 12 | 16] : undefined;
      const dims = values && shape ? affineOf(values, shape[0], shape[1], true) : undefined;
      if (dims && shape) return { rows: shape[0], cols: shape[1], dimensions: dims, delimited: false };
    }
    text = text.replace(XML_TAG, '\n');
  }
  const lines = text.split(/\r\n|\n|\r/);
  if (!complete) lines.pop();
  let block: number[][] = [];
  let delimited = false;
  // A block closes at a line that is not 3–4 numbers of its width; more than 4 rows is a table, not a matrix.
  const close = (): MatrixFound | undefined => {
    const rows = block.length;
    const cols = block[0]?.length ?? 0;
    const dims = rows >= 2 && rows <= 4 ? affineOf(block.flat(), rows, cols, named) : undefined;
    return dims ? { rows, cols, dimensions: dims, delimited } : undefined;
  };
  for (const line of lines.slice(0, MAX_MATRIX_LINES)) {
    if (line.trim() === '' && block.length === 0) continue;
    const nums = numbersOf(line);
    if (nums && (nums.length === 3 || nums.length === 4) && (block.length === 0 || nums.length === block[0]!.length)) {
      if (block.length === 0) delimited = /[,;\t]/.test(line);
      block.push(nums);
      continue;
    }
    const found = close();
    if (found) return found;
    block = nums && (nums.length === 3 || nums.length === 4) ? [nums] : [];
    if (block.length > 0) delimited = /[,;\t]/.test(line);
  }
  return close();
}

/** A text, table or XML file that holds an affine matrix: correlation information as a `transform` fact. */
export const affineMatrixDetector: Detector = {
  id: 'generic-affine-matrix',
  formats: ['xml', 'csv', 'text'],
  sniff: (ctx) => ctx.head.length > 0 && !ctx.head.subarray(0, 512).includes(0) && !TILT_ALIGNMENT_EXT.has(ctx.ext),
  async detect(ctx) {
    const t = headText(ctx);
    if (!t) return null;
    const found = matrixTransformIn(t.text, wholeFile(ctx));
    if (!found) return null;
    const xml = t.text.trimStart().startsWith('<');
    const format = xml ? 'xml' : found.delimited ? 'csv' : 'text';
    const kind = `affine matrix ${found.rows}×${found.cols}`;
    return detection(format, MATRIX_CONFIDENCE, {
      facts: {
        transform: { value: { kind, dimensions: found.dimensions }, provenance: 'header' },
        header: { value: { matrix: `${found.rows}×${found.cols}`, dimensions: found.dimensions }, provenance: 'header' },
      },
      evidence: [fromHeader(`A ${found.rows}×${found.cols} ${found.dimensions}-D affine matrix in ${xml ? 'XML' : found.delimited ? 'a table' : 'text'}: a registration between coordinate spaces.`, 0.7)],
    });
  },
};
