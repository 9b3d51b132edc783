import type { Evidence } from '../../../../shared/model/evidence';
import type { Facts } from '../../../../shared/formats/facts';
import { neverThrow, readPrefix } from '../../kit/read';
import { headIncludes } from '../../kit/text';
import { xmlRootName } from '../../kit/xml';
import { decodeXml } from '../../kit/xml-scan';
import { CONFIDENCE, detection, type DetectContext, type Detection, type Detector } from '../../detector';
import { fromXml } from './leica';

/**
 * Leica LAS X image XML written by "Export → Image → TIFF" beside the planes (`<Project>/MetaData/<Series>.xml`
 * and `<Series>_Properties.xml`): the same `<Image><ImageDescription>… <Attachment Name="HardwareSetting" …>`
 * XML the .lif header holds (read here with the LIF reader's XML code, leica.ts), as UTF-8 text under a root
 * `<LMSDataContainerHeader>` or `<Data>`. The planes are `<Project>/<Series>_z<ZZ>_ch<CC>.tif` (also _t…, LAS X
 * help "Exporting images"), one folder up: the XML's dimensions say which index parts the names carry.
 * docs/formats.md §10.3.
 */
/** LAS X image XMLs are tens of kB to a few MB for tile scans. */
const MAX_XML_BYTES = 4 * 1024 * 1024;
const ROOTS: ReadonlySet<string> = new Set(['LMSDataContainerHeader', 'Data']);
/** LAS X's name for the second XML of an export. */
const PROPERTIES_SUFFIX = /_properties$/i;

/** `../<series>[_t*][_z*][_ch*].tif`: the export's plane names, with an index part for each axis longer than one. */
function planeTemplate(series: string, dims: NonNullable<Facts['dimensions']>['value'] | undefined): string {
  const parts = [(dims?.t ?? 1) > 1 ? '_t*' : '', (dims?.z ?? 1) > 1 ? '_z*' : '', (dims?.c ?? 1) > 1 ? '_ch*' : ''].join('');
  return `../${series}${parts}.tif`;
}

async function detectLeicaXml(ctx: DetectContext): Promise<Detection | null> {
  if (ctx.size > MAX_XML_BYTES) return null;
  const { bytes, complete } = await readPrefix(ctx, MAX_XML_BYTES);
  if (!complete) return null;
  const text = decodeXml(bytes);
  const root = xmlRootName(text);
  if (!root || !ROOTS.has(root) || !text.includes('<ImageDescription')) return null;
  const facts: Facts = {};
  const evidence: Evidence[] = [];
  const problems: string[] = [];
  const header: Record<string, string | number | boolean | null> = {};
  if (!fromXml(text, true, facts, evidence, problems, header) && root !== 'Data') return null;
  if (!facts.dimensions && !facts.instrument && !facts.pixelSize) return null;
  const stem = ctx.name.replace(/\.xml$/i, '');
  const series = stem.replace(PROPERTIES_SUFFIX, '');
  if (series) facts.describes = { value: [planeTemplate(series, facts.dimensions?.value)], provenance: 'header' };
  if (Object.keys(header).length > 0) facts.header = { value: header, provenance: 'header' };
  evidence.unshift({ source: 'header', detail: `Leica LAS X image XML (root <${root}>, <Image><ImageDescription>), as "Export → TIFF" writes it into MetaData/ beside the exported planes of ${series}.`, weight: 0.9 });
  return detection('leica-xml', CONFIDENCE.STRUCTURE, { facts, evidence, problems });
}

/** Leica LAS X `MetaData/<Series>.xml` (and `_Properties.xml`): the acquisition of exported TIFF planes. */
export const leicaXmlDetector: Detector = {
  id: 'leica-xml',
  formats: ['leica-xml'],
  sniff: (ctx) => headIncludes(ctx.head.subarray(0, 4096), '<LMSDataContainerHeader') || (headIncludes(ctx.head.subarray(0, 512), '<Data') && headIncludes(ctx.head, '<ImageDescription')),
  detect: (ctx) => neverThrow(() => detectLeicaXml(ctx), () => null),
};
