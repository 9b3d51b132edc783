import { toNumber, nonNegativeInt } from '../../kit/numbers';
import { toNanometres } from '../../kit/units';
import { withoutNul } from '../../kit/strings';
import { parseXml, xmlAll, xmlAt, xmlAttr, xmlText, type XmlValue } from '../../kit/xml';
import { CONF, Found, readBase, setInstrument, setPixelSize, tiffDetector } from './found';
import { PRIVATE } from './tags';

/**
 * PerkinElmer (Evotec) Opera `.flex` (Bio-Formats FlexReader, FlexHandler): a TIFF whose IFD0 holds the FlexXML
 * document in tag 65200 — `<Root><Arrays><Array Name Width Height BitsPerPixel/>…</Arrays><FLEX version
 * OperaDevice>` with `<LightSources><LightSource><Wavelength>`, `<Objectives><Objective><Magnification>
 * <NumAperture>`, `<Plate><PlateName><XSize><YSize>` (plate rows and columns), `<Well><WellCoordinate Row Col/>`
 * (1-based; FlexReader subtracts 1) and `<Images><Image BufferNo><Sublayout>` (the field) with
 * `<ImageResolutionX>` in metres (FlexReader multiplies by 1 000 000 for µm). One file per well, named
 * RRRCCCFFF.flex (IDR idr0001). docs/formats.md §3.3.
 */

/** Most Image, Array, LightSource and Objective elements looked at (a well of a few hundred planes). */
const MAX_ITEMS = 4096;
/** Unit of ImageResolutionX/Y: metres (FlexReader: `Double.parseDouble(value) * 1000000` gives µm). */
const RESOLUTION_UNIT = 'm';
/** Unit of LightSource Wavelength: nm (FlexReader sets LaserWavelength from it as nm). */
const WAVELENGTH_UNIT = 'nm';

function childText(node: XmlValue | undefined, ...path: string[]): string | undefined {
  return withoutNul(xmlText(xmlAt(node, ...path))?.trim());
}

/** Opera .flex: plate rows/columns, the file's well and fields, objective, light sources, pixel size. */
export const operaFlexDetector = tiffDetector('opera-flex', ['opera-flex'], async (t, c) => {
  const f = new Found();
  await readBase(t, f);
  f.say(c.because, 0.9);
  const xml = (await t.text(PRIVATE.FlexXml)) ?? '';
  const root = parseXml(xml);
  const top = xmlAt(root ?? undefined, 'Root') ?? root ?? undefined;
  const flex = xmlAt(top, 'FLEX');
  if (!flex) {
    f.problems.push('The FlexXML in tag 65200 could not be parsed or has no <FLEX> element; only TIFF tags were read.');
    return f.finish(t, 'opera-flex', CONF.TAGGED);
  }
  const version = withoutNul(xmlAttr(flex, 'version'));
  if (version) f.header.flexVersion = version;
  const device = withoutNul(xmlAttr(flex, 'OperaDevice'));
  setInstrument(f, 'PerkinElmer', device ? `Opera (${device})` : 'Opera');

  const plate = xmlAt(flex, 'Plate');
  const rows = nonNegativeInt(toNumber(childText(plate, 'XSize')));
  const columns = nonNegativeInt(toNumber(childText(plate, 'YSize')));
  const plateName = childText(plate, 'PlateName');
  if (plateName) f.header.plateName = plateName;
  const wells = xmlAll(flex, 'Well').slice(0, MAX_ITEMS);
  const images = wells.flatMap((w) => xmlAll(w, 'Images', 'Image')).slice(0, MAX_ITEMS);
  const fields = new Set(images.map((i) => childText(i, 'Sublayout')).filter((s): s is string => s !== undefined));
  const plateValue: { rows?: number; columns?: number; wells?: number; fields?: number } = {};
  if (rows !== undefined && rows > 0) plateValue.rows = rows;
  if (columns !== undefined && columns > 0) plateValue.columns = columns;
  if (wells.length > 0) plateValue.wells = wells.length;
  if (fields.size > 0) plateValue.fields = fields.size;
  f.facts.plate = { value: plateValue, provenance: 'header' };
  f.facts.arrangement = { value: 'plate', provenance: 'header' };
  const coordinate = xmlAt(wells[0], 'WellCoordinate');
  const row = nonNegativeInt(toNumber(xmlAttr(coordinate, 'Row')));
  const col = nonNegativeInt(toNumber(xmlAttr(coordinate, 'Col')));
  if (row !== undefined) f.header.wellRow = row;
  if (col !== undefined) f.header.wellColumn = col;
  if (images.length > 0) f.header.images = images.length;

  const objective = xmlAll(flex, 'Objectives', 'Objective')[0];
  const mag = toNumber(childText(objective, 'Magnification'));
  if (mag !== undefined && mag > 0) f.facts.magnification = { value: mag, provenance: 'header' };
  const na = toNumber(childText(objective, 'NumAperture'));
  if (na !== undefined) f.header.objectiveLensNA = na;

  const wavelengths = xmlAll(flex, 'LightSources', 'LightSource')
    .slice(0, MAX_ITEMS)
    .map((l) => toNanometres(toNumber(childText(l, 'Wavelength')), WAVELENGTH_UNIT))
    .filter((w): w is number => w !== undefined);
  if (wavelengths.length > 0) f.facts.channels = { value: wavelengths.map((excitationNm) => ({ excitationNm })), provenance: 'header' };
  const arrays = xmlAll(top, 'Arrays', 'Array').length;
  if (arrays > 0) f.header.arrays = arrays;

  const res = toNumber(childText(images[0], 'ImageResolutionX'));
  const px = toNanometres(res, RESOLUTION_UNIT);
  setPixelSize(f, px, toNanometres(toNumber(childText(images[0], 'ImageResolutionY')), RESOLUTION_UNIT) ?? px);

  f.say(
    `FlexXML${version ? ` ${version}` : ''}${device ? ` from ${device}` : ''}: plate ${plateName ? `"${plateName}" ` : ''}${rows ?? '?'} × ${columns ?? '?'}, well ${row ?? '?'}/${col ?? '?'}, ${fields.size} field(s)${mag !== undefined ? `, objective ${mag}×` : ''} — a high-content screening plate well (Bio-Formats FlexReader).`,
    0.8,
  );
  if (px !== undefined) f.say(`ImageResolutionX ${res} m = ${px} nm per pixel.`, 0.4);
  return f.finish(t, 'opera-flex', c.verified ? CONF.VERIFIED : CONF.TAGGED);
});
