import { toNumber } from '../../kit/numbers';
import { toNanometres } from '../../kit/units';
import { withoutNul } from '../../kit/strings';
import { CONF, Found, readBase, setInstrument, setPixelSize, tiffDetector } from './found';
import { TAG } from './tags';

/**
 * Aperio SVS (OpenSlide "Aperio format"; Bio-Formats SVSReader): a tiled, pyramidal TIFF whose IFD0
 * ImageDescription is "Aperio Image Library vX.Y.Z" followed by a line of image geometry, then `|`-separated
 * `key = value` pairs (OpenSlide: "key = value" pairs separated by "|"; e.g. openslide test slide CMU-1.svs:
 * `…|AppMag = 20|StripeWidth = 2040|ScanScope ID = CPAPERIOCS|…|MPP = 0.4990|…`). MPP is microns per pixel
 * (OpenSlide maps it to openslide.mpp-x/-y; Bio-Formats SVSReader sets PhysicalSizeX from it), AppMag the
 * apparent objective magnification (OpenSlide openslide.objective-power). docs/formats.md §3.3.
 */

/** Most `|`-separated fields looked at (real descriptions have 10–30). */
const MAX_FIELDS = 256;
/** Keys read from the description (OpenSlide aperio backend and Bio-Formats SVSReader names). */
const KEY = { mpp: 'MPP', appMag: 'AppMag', scanner: 'ScanScope ID', date: 'Date', filename: 'Filename' } as const;

/** The `key = value` pairs after the first `|` of an Aperio ImageDescription (the text before it is the library line). */
export function aperioFields(description: string): Map<string, string> {
  const fields = new Map<string, string>();
  const parts = description.split('|', MAX_FIELDS + 1).slice(1);
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key && !fields.has(key)) fields.set(key, value);
  }
  return fields;
}

/** Aperio SVS: slide-scanner mode, pixel size from MPP, magnification from AppMag, pyramid arrangement. */
export const aperioSvsDetector = tiffDetector('aperio-svs', ['aperio-svs'], async (t, c) => {
  const f = new Found();
  await readBase(t, f);
  f.say(c.because, 0.9);
  const description = (await t.text(TAG.ImageDescription)) ?? '';
  const library = withoutNul(description.split(/[\r\n|]/, 1)[0]?.trim());
  if (library) f.header.aperioLibrary = library;
  const fields = aperioFields(description);
  const mpp = toNumber(fields.get(KEY.mpp));
  const px = toNanometres(mpp, 'µm');
  setPixelSize(f, px, px);
  if (px !== undefined) f.say(`MPP = ${fields.get(KEY.mpp)} µm per pixel (${px} nm).`, 0.5);
  else if (fields.has(KEY.mpp)) f.problems.push(`MPP "${fields.get(KEY.mpp)}" is not a usable pixel size — ignored.`);
  const mag = toNumber(fields.get(KEY.appMag));
  if (mag !== undefined && mag > 0) f.facts.magnification = { value: mag, provenance: 'header' };
  const scanner = withoutNul(fields.get(KEY.scanner));
  if (scanner) f.header.scanScopeId = scanner;
  const date = withoutNul(fields.get(KEY.date));
  if (date) f.header.scanDate = date;
  if (!f.facts.instrument) setInstrument(f, 'Aperio', scanner ? 'ScanScope' : undefined);
  f.facts.imagingMode = { value: 'slide-scanner', provenance: 'header' };
  // OpenSlide "Aperio format": single-file pyramidal tiled TIFF — IFD0 is the full-resolution level.
  f.facts.arrangement = { value: 'pyramid', provenance: 'header' };
  const pages = await t.pages();
  f.header.pages = pages.count;
  f.say(`Aperio whole-slide image (${fields.size} description fields${mag !== undefined ? `, AppMag ${mag}×` : ''}): a slide scanner's pyramidal TIFF, ${pages.count}${pages.complete ? '' : '+'} IFD(s).`, 0.7);
  return f.finish(t, 'aperio-svs', c.verified ? CONF.VERIFIED : CONF.TAGGED);
});
