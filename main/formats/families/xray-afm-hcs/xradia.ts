import { count, positive } from '../../kit/numbers';
import { significant } from '../../kit/units';
import { guardDetector } from '../../kit/read';
import { fromHeader } from '../../kit/evidence';
import { printable } from '../../kit/strings';
import { compact, dimensionsFact, headerFact, pixelSizeFact, xrayTubeFacts } from '../../kit/facts';
import { Bytes } from '../../kit/bytes';
import type { Facts } from '../../../../shared/formats/facts';
import { CONFIDENCE, detection, type DetectContext, type Detection } from '../../detector';
import { CompoundFile, CFB_STORAGE, type CfbEntry } from './cfb';

/**
 * Zeiss Xradia .txrm / .txm / .xrm: an OLE2 compound file with a storage "ImageInfo" of small streams
 * (docs/formats.md §12). Stream types as public readers decode them: data-exchange/dxchange
 * dxchange/reader.py `read_txrm` (`ImageInfo/ImageWidth` '<I', `PixelSize` '<f', `XrayVoltage` / `XrayCurrent` /
 * `Angles` '<{n}f'), DiamondLightSource/txrm2tiff xradia_properties/stream_dtypes.py (`ImagesTaken`
 * XRM_UNSIGNED_INT, `OpticalMagnification` XRM_FLOAT, `ObjectiveName` XRM_STRING), and the AMNH txrm-monitor
 * field table (`SystemType`, `SourceType` strings, '<f' voltages in kV, `PixelSize` in µm).
 */

/** The storage every Xradia file carries (dxchange reader.py, txrm2tiff stream_dtypes.py). */
const IMAGE_INFO = 'ImageInfo';
/** Extensions of Xradia files (format catalog), used only when the directory cannot be read. */
const XRADIA_EXTENSIONS = ['.txrm', '.txm', '.xrm'];
/** Streams whose presence proves the Xradia layout (two are enough). */
const KEY_STREAMS = ['IMAGEWIDTH', 'IMAGEHEIGHT', 'PIXELSIZE', 'XRAYVOLTAGE', 'IMAGESTAKEN', 'NOOFIMAGES', 'ANGLES'];
/** Scalar streams are a few bytes; per-image arrays (one float per projection) are read only this far. */
const SCALAR_BYTES = 64;
/** Most projection angles read (4 bytes each): a 10 000-projection scan in one 40 KB read. */
const MAX_ANGLES = 10_000;
/** Text streams (names of objective, system, source) are short; longer ones are cut. */
const STRING_BYTES = 512;
/** Largest plausible image side in pixels and plausible ranges (µm pixel, kV tube voltage). */
const MAX_SIDE = 100_000;
const MAX_PIXEL_UM = 10_000;
const MAX_KV = 1000;

/** A NUL-terminated string stream, ASCII or UTF-16LE (the txrm-monitor heuristic: zero second and fourth bytes). */
function decodeString(data: Uint8Array | undefined): string | undefined {
  if (!data || data.length === 0) return undefined;
  if (data.length >= 4 && data[1] === 0 && data[3] === 0 && data[0] !== 0) {
    let end = 0;
    while (end + 1 < data.length && !(data[end] === 0 && data[end + 1] === 0)) end += 2;
    return printable(new TextDecoder('utf-16le').decode(data.subarray(0, end)));
  }
  return printable(new Bytes(data).ascii(0, data.length));
}

function floats(data: Uint8Array | undefined): number[] {
  if (!data) return [];
  const b = new Bytes(data);
  const out: number[] = [];
  for (let o = 0; o + 4 <= data.length; o += 4) out.push(b.f32(o) ?? NaN);
  return out;
}

/**
 * When the streams cannot be reached: an ImageInfo storage alone, or an Xradia extension on a compound file
 * whose directory could not be read within the budget, still says Xradia — with less certainty.
 */
function fallback(ctx: DetectContext, cf: CompoundFile, hasImageInfo: boolean): Detection | null {
  const byName = XRADIA_EXTENSIONS.includes(ctx.ext) && cf.problems.length > 0;
  if (!hasImageInfo && !byName) return null;
  return detection('xradia', hasImageInfo ? CONFIDENCE.MAGIC : CONFIDENCE.WEAK, {
    facts: { imagingMode: { value: 'X-ray CT', provenance: 'header' } },
    evidence: [
      fromHeader(
        hasImageInfo
          ? 'OLE2 compound file with an "ImageInfo" storage (Zeiss Xradia), whose streams could not be read.'
          : `OLE2 compound file (D0 CF 11 E0 A1 B1 1A E1) named ${ctx.ext}; its directory could not be read far enough to find the ImageInfo storage.`,
        hasImageInfo ? 0.8 : 0.5,
      ),
    ],
    problems: ['Xradia ImageInfo streams not read: no acquisition facts.', ...cf.problems],
  });
}

async function detectXradia(ctx: DetectContext): Promise<Detection | null> {
  const cf = CompoundFile.open(ctx);
  if (!cf) return null;
  const info = await cf.resolve([IMAGE_INFO]);
  const storage = info?.type === CFB_STORAGE ? info : undefined;
  const streams = new Map<string, CfbEntry>((storage ? await cf.children(storage) : []).map((e) => [e.name.toUpperCase(), e]));
  const present = KEY_STREAMS.filter((k) => streams.has(k));
  if (present.length === 0) return fallback(ctx, cf, storage !== undefined);
  const read = async (name: string, limit: number): Promise<Uint8Array | undefined> => {
    const e = streams.get(name.toUpperCase());
    return e ? cf.read(e, limit) : undefined;
  };
  const u32 = async (name: string): Promise<number | undefined> => {
    const d = await read(name, SCALAR_BYTES);
    return d ? new Bytes(d).u32(0) : undefined;
  };
  const firstPositive = async (name: string, limit = SCALAR_BYTES): Promise<number | undefined> => floats(await read(name, limit)).find((v) => Number.isFinite(v) && v > 0);

  const problems: string[] = [];
  const width = count(await u32('ImageWidth'), MAX_SIDE);
  const height = count(await u32('ImageHeight'), MAX_SIDE);
  const taken = count(await u32('ImagesTaken')) ?? count(await u32('NoOfImages'));
  let kv = await firstPositive('XrayVoltage');
  if (kv !== undefined && kv > MAX_KV) {
    problems.push(`X-ray voltage ${kv} kV is implausible — ignored.`);
    kv = undefined;
  }
  const current = await firstPositive('XrayCurrent');
  let pixelUm = await firstPositive('PixelSize');
  if (pixelUm !== undefined && pixelUm > MAX_PIXEL_UM) {
    problems.push(`Pixel size ${pixelUm} µm is implausible — ignored.`);
    pixelUm = undefined;
  }
  const magnification = positive(await firstPositive('OpticalMagnification'));
  const angles = floats(await read('Angles', 4 * Math.min(MAX_ANGLES, taken ?? MAX_ANGLES))).filter((a) => Number.isFinite(a) && Math.abs(a) <= 3600);
  const objective = decodeString(await read('ObjectiveName', STRING_BYTES));
  const system = decodeString(await read('SystemType', STRING_BYTES));
  const source = decodeString(await read('SourceType', STRING_BYTES));
  const camera = decodeString(await read('CameraName', STRING_BYTES));

  const facts: Facts = {
    imagingMode: { value: 'X-ray CT', provenance: 'header' },
    instrument: { value: { manufacturer: 'Zeiss', ...(system ? { model: system } : {}) }, provenance: 'header' },
    dimensions: dimensionsFact({ x: width, y: height, z: taken }),
    pixelSize: pixelUm === undefined ? undefined : pixelSizeFact(significant(pixelUm), significant(pixelUm), undefined, 'um'),
    ...xrayTubeFacts(kv),
    magnification: magnification === undefined ? undefined : { value: significant(magnification), provenance: 'header' },
    detector: camera ? { value: camera, provenance: 'header' } : undefined,
    header: headerFact({
      objective,
      sourceType: source,
      xrayCurrentUA: current === undefined ? undefined : significant(current),
      projections: taken,
      rotationMinDeg: angles.length > 0 ? significant(Math.min(...angles)) : undefined,
      rotationMaxDeg: angles.length > 0 ? significant(Math.max(...angles)) : undefined,
      anglesRead: angles.length > 0 ? angles.length : undefined,
    }),
  };
  const evidence = [
    fromHeader(`OLE2 compound file (D0 CF 11 E0 A1 B1 1A E1) with an "ImageInfo" storage holding ${present.length} Xradia streams (${present.join(', ').toLowerCase()}).`, 1),
    fromHeader('Zeiss Xradia files record X-ray micro/nano-CT projections or reconstructions.', 0.6),
  ];
  if (kv !== undefined) evidence.push(fromHeader(`ImageInfo/XrayVoltage: ${significant(kv)} kV (tube voltage).`, 0.3));
  return detection('xradia', present.length >= 2 ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, {
    facts: compact(facts),
    evidence,
    problems: [...problems, ...cf.problems],
  });
}

/** Zeiss Xradia TXRM/TXM/XRM (OLE2 with an ImageInfo storage). */
export const xradiaDetector = guardDetector({
  id: 'xradia',
  formats: ['xradia'],
  sniff: (ctx) => CompoundFile.is(ctx.head),
  detect: (ctx) => detectXradia(ctx),
});
