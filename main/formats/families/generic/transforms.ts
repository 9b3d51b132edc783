import { Bytes } from '../../../../shared/decode/bytes';
import { CONFIDENCE, detection, type Detector } from '../../detector';
import { clip, completeLines, fromHeader, headText } from './util';

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
const ENTRY = /^\s*\((\w+)\s+(.*?)\)\s*(\/\/.*)?$/;

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
    for (const line of completeLines(ctx, t.text).slice(0, MAX_ELASTIX_LINES)) {
      const s = line.trim();
      if (s === '' || s.startsWith('//')) continue;
      const m = ENTRY.exec(s);
      if (!m) {
        other++;
        continue;
      }
      if (!entries.has(m[1]!)) entries.set(m[1]!, m[2]!);
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
    for (const line of completeLines(ctx, t.text)) {
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
