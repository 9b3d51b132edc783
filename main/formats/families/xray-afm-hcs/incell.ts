import { toNumber, count, MAX_IMAGE_SIDE, MAX_PLATE_SIDE, positive } from '../../kit/numbers';
import { guardDetector, readPrefix } from '../../kit/read';
import { fromHeader } from '../../kit/evidence';
import { printable } from '../../kit/strings';
import { compact, dimensionsFact, headerFact, pixelSizeFact } from '../../kit/facts';
import { blocks, root, startsLikeXml, startTags, decodeXml } from '../../kit/xml-scan';
import type { Facts } from '../../../../shared/formats/facts';
import { CONFIDENCE, detection, type DetectContext, type Detection } from '../../detector';

/**
 * GE / Cytiva IN Cell Analyzer .xdce (docs/formats.md §14). Source: ome/bioformats InCellReader.java —
 * INCELL_MAGIC_STRING "IN Cell Analyzer", CYTELL_MAGIC_STRING "Cytell"; MinimalInCellHandler: Plate
 * (rows, columns), Wavelength (fusion_wave "false" counts a channel), offset_point (one per field), Row
 * number then Column number (an acquired well), Size (width, height), ZDimensionParameters
 * number_of_slices; InCellHandler: ObjectiveCalibration (magnification, numerical_aperture,
 * objective_name, pixel_width / pixel_height in µm), ExcitationFilter / EmissionFilter (name, wavelength),
 * Camera name. A public xdce starts `<ImageStack>` with `<Application name="IN Cell Analyzer 2000"
 * software_version="…"/>` (ISO-8859-1).
 */

const MAGIC = /IN Cell Analyzer|Cytell/;
/** The magic sits in the first elements (Application); look this far before reading more. */
const MAGIC_WINDOW = 16 * 1024;
/** Images, fields and wells scanned. */
const MAX_TAGS = 100_000;
const MAX_CHANNELS = 32;
/** Root of an .xdce (the public IN Cell Analyzer 2000 sample starts with <ImageStack>). */
const INCELL_ROOTS = ['ImageStack'];

async function detectXdce(ctx: DetectContext): Promise<Detection | null> {
  const start = decodeXml(ctx.head.subarray(0, MAGIC_WINDOW));
  const magic = MAGIC.exec(start);
  const r = root(start);
  if (!magic || !r) return null;
  // The magic must name the instrument (Application element) or sit in an InCell document root, not in any XML.
  const appStart = startTags(start, 'Application', 1)[0];
  if (!INCELL_ROOTS.includes(r.name) && !MAGIC.test(appStart?.get('name') ?? '')) return null;
  const { bytes, complete } = await readPrefix(ctx);
  const xml = decodeXml(bytes);
  const app = startTags(xml, 'Application', 1)[0];
  const plate = startTags(xml, 'Plate', 1)[0];
  const cal = startTags(xml, 'ObjectiveCalibration', 1)[0];
  const size = startTags(xml, 'Size', 1)[0];
  const channels = blocks(xml, 'Wavelength', MAX_CHANNELS)
    .filter((w) => w.attrs.get('fusion_wave') !== 'true')
    .map((w) => {
      const ex = startTags(w.body, 'ExcitationFilter', 1)[0];
      const em = startTags(w.body, 'EmissionFilter', 1)[0];
      const name = printable(em?.get('name') ?? ex?.get('name'));
      const exNm = positive(toNumber(ex?.get('wavelength')));
      const emNm = positive(toNumber(em?.get('wavelength')));
      return { ...(name ? { name } : {}), ...(exNm ? { excitationNm: exNm } : {}), ...(emNm ? { emissionNm: emNm } : {}) };
    });
  // MinimalInCellHandler: a Column after a Row marks an acquired well.
  const wells = new Set<string>();
  const re = /<(Row|Column)\s[^>]*?number\s*=\s*"(\d+)"/g;
  let row: string | undefined;
  let tags = 0;
  for (let m = re.exec(xml); m && tags < MAX_TAGS; m = re.exec(xml), tags++) {
    if (m[1] === 'Row') row = m[2];
    else if (row !== undefined) wells.add(`${row}:${m[2]}`);
  }
  const fields = startTags(xml, 'offset_point', MAX_TAGS).length;
  const model = printable(app?.get('name')) ?? magic[0];
  const mag = positive(toNumber(cal?.get('magnification')));
  const rows = count(toNumber(plate?.get('rows')), MAX_PLATE_SIDE);
  const columns = count(toNumber(plate?.get('columns')), MAX_PLATE_SIDE);
  const facts: Facts = {
    arrangement: { value: 'plate', provenance: 'header' },
    instrument: { value: { manufacturer: 'GE Healthcare (Cytiva)', model }, provenance: 'header' },
    software: printable(app?.get('software_version')) ? { value: `${model} ${printable(app?.get('software_version'))}`, provenance: 'header' } : undefined,
    plate: {
      value: {
        ...(rows ? { rows } : {}),
        ...(columns ? { columns } : {}),
        ...(wells.size ? { wells: wells.size } : {}),
        ...(fields ? { fields } : {}),
      },
      provenance: 'header',
    },
    channels: channels.length > 0 ? { value: channels, provenance: 'header' } : undefined,
    pixelSize: pixelSizeFact(toNumber(cal?.get('pixel_width')), toNumber(cal?.get('pixel_height')), undefined, 'um'),
    dimensions: dimensionsFact({ x: count(toNumber(size?.get('width')), MAX_IMAGE_SIDE), y: count(toNumber(size?.get('height')), MAX_IMAGE_SIDE), c: channels.length || undefined }),
    magnification: mag ? { value: mag, provenance: 'header' } : undefined,
    header: headerFact({ objective: printable(cal?.get('objective_name')), numericalAperture: toNumber(cal?.get('numerical_aperture')), microscopy: printable(startTags(xml, 'Microscopy', 1)[0]?.get('type')) }),
  };
  return detection('incell-xdce', r.name === 'ImageStack' || plate ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, {
    facts: compact(facts),
    evidence: [
      fromHeader(`InCell XML (root ${r.name}) naming "${magic[0]}"${app ? ` in its Application element (${model})` : ''}.`, 1),
      fromHeader('IN Cell Analyzer / Cytell instruments image multi-well plates (high-content screening).', 0.5),
    ],
    problems: complete ? [] : [`Wells and fields counted from the first ${bytes.length} of ${ctx.size} bytes.`],
  });
}

/** GE/Cytiva InCell .xdce. */
export const inCellDetector = guardDetector({ id: 'incell-xdce', formats: ['incell-xdce'], sniff: (ctx) => startsLikeXml(ctx.head), detect: detectXdce });
