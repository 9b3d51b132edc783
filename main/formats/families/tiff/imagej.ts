import { toNumber, nonNegativeInt } from '../../kit/numbers';
import { toNanometres } from '../../kit/units';
import { withoutNul } from '../../kit/strings';
import { keyValueLines } from '../../kit/text';
import { CONF, Found, readBase, resolutionNm, setArrangement, setDimensions, setPixelSize, tiffDetector } from './found';
import { TAG } from './tags';

/** Most characters of the ImageJ description parsed (the key=value header is a few hundred bytes; tifffile imagej_description_metadata). */
const MAX_DESCRIPTION_CHARS = 64 * 1024;

/** ImageJ writes µ as the escape "\u00B5" in its description (tifffile imagej_description_metadata). */
function unescapeUnit(unit: string): string {
  return unit.replace(/\\u00[bB]5/g, 'µ');
}

/**
 * ImageJ hyperstack TIFF: ImageDescription "ImageJ=…\nimages=…\nchannels=…\nslices=…\nframes=…\nunit=…\nspacing=…"
 * (tifffile imagej_description). Pixel size is 1/XResolution in the ImageJ unit (docs/formats.md §3).
 */
export const imageJDetector = tiffDetector('imagej-tiff', ['imagej-tiff'], async (t, c) => {
  const f = new Found();
  await readBase(t, f);
  f.say(c.because, 0.9);
  const description = ((await t.text(TAG.ImageDescription)) ?? '').slice(0, MAX_DESCRIPTION_CHARS);
  const kv = keyValueLines(description);
  const [program, version] = description.startsWith('SCIFIO=') ? ['SCIFIO', kv.get('SCIFIO')] : ['ImageJ', kv.get('ImageJ')];
  if (!f.facts.software) f.facts.software = { value: withoutNul(`${program} ${version ?? ''}`) ?? program, provenance: 'header' };
  const images = nonNegativeInt(toNumber(kv.get('images')));
  if (images !== undefined) f.header.images = images;
  if (kv.get('hyperstack') !== undefined) f.header.hyperstack = kv.get('hyperstack') === 'true';
  const mode = withoutNul(kv.get('mode'));
  if (mode) f.header.displayMode = mode;
  setDimensions(f, { c: toNumber(kv.get('channels')), z: toNumber(kv.get('slices')), t: toNumber(kv.get('frames')) });
  const unit = unescapeUnit(kv.get('unit') ?? '');
  if (unit) f.header.unit = unit;
  const finterval = toNumber(kv.get('finterval'));
  if (finterval !== undefined) f.header.frameIntervalS = finterval;

  // ResolutionUnit 2/3 is an absolute unit; otherwise (ImageJ writes "none") XResolution is pixels per ImageJ unit.
  const resUnit = await t.number(TAG.ResolutionUnit);
  let px: number | undefined;
  let py: number | undefined;
  if (resUnit === 2 || resUnit === 3) ({ x: px, y: py } = await resolutionNm(t));
  else if (unit) {
    const xres = await t.number(TAG.XResolution);
    const yres = (await t.number(TAG.YResolution)) ?? xres;
    px = xres !== undefined && xres > 0 ? toNanometres(1 / xres, unit) : undefined;
    py = yres !== undefined && yres > 0 ? toNanometres(1 / yres, unit) : undefined;
  }
  const spacing = toNumber(kv.get('spacing'));
  const pz = spacing !== undefined && unit ? toNanometres(Math.abs(spacing), unit) : undefined;
  setPixelSize(f, px, py, pz);
  if (px !== undefined) f.say(`Pixel size ${px} nm from XResolution in the ImageJ unit "${unit}".`, 0.4);
  else if (unit && unit !== 'pixel') f.problems.push(`ImageJ unit "${unit}" is not a length this reader knows, or XResolution is missing — no pixel size.`);
  setArrangement(f);
  const d = f.facts.dimensions?.value;
  f.say(`ImageJ ${version ?? ''} description: ${images ?? '?'} images, ${d?.c ?? 1} channel(s), ${d?.z ?? 1} slice(s), ${d?.t ?? 1} frame(s).`, 0.6);
  return f.finish(t, 'imagej-tiff', CONF.VERIFIED);
});
