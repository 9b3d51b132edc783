import { CONF, Found, readBase, resolutionNm, setPixelSize, tiffDetector } from './found';

/**
 * Display resolutions (72–2400 px/inch) give pixel sizes of 10 µm and more; below this a resolution is taken
 * as a real calibration (docs/formats.md §3: IMOD/SerialEM and LM writers store one; EM TIFFs often
 * store nonsense, §0.4 — EM vendors are caught earlier by their private tags).
 */
const MAX_CALIBRATED_PIXEL_NM = 10_000;

/** Plain TIFF and BigTIFF: no vendor tags. Size, pixel layout, pages (capped), compression, Make/Model, Software. */
export const plainTiffDetector = tiffDetector('tiff', ['tiff', 'bigtiff'], async (t, c) => {
  const f = new Found();
  const { width, height } = await readBase(t, f);
  if (!t.ifd0) {
    f.problems.push('No image directory could be read: the file has a TIFF header but no readable IFD0.');
    return f.finish(t, c.format, CONF.NO_IFD);
  }
  const pages = await t.pages();
  f.header.pages = pages.count;
  f.header.pagesComplete = pages.complete;
  f.say(pages.complete ? `${pages.count} page(s) (IFDs) in the chain.` : `At least ${pages.count} pages (IFDs); counting stopped there.`, 0.2);
  const res = await resolutionNm(t);
  if (res.x !== undefined && res.x < MAX_CALIBRATED_PIXEL_NM) {
    setPixelSize(f, res.x, res.y);
    f.say(`XResolution ${res.xres} px/${res.unit === 3 ? 'cm' : 'inch'} gives ${(res.x / 1000).toPrecision(4)} µm per pixel.`, 0.2);
  } else if (res.x !== undefined) {
    f.say(`XResolution ${res.xres} px/${res.unit === 3 ? 'cm' : 'inch'} is a display resolution, not a pixel size — ignored.`, 0.1);
  }
  f.say(c.because, 0.1);
  if (width === undefined || height === undefined) {
    f.problems.push('IFD0 has no valid ImageWidth/ImageLength (tags 256/257).');
    return f.finish(t, c.format, CONF.PLAIN_INCOMPLETE);
  }
  return f.finish(t, c.format, CONF.PLAIN);
});
