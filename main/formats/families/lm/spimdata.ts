import type { Evidence } from '../../../../shared/model/evidence';
import type { Facts } from '../../../../shared/formats/facts';
import { pixelSizeFact } from '../../kit/facts';
import { plausibleCount } from '../../kit/numbers';
import { neverThrow, readPrefix } from '../../kit/read';
import { clip } from '../../kit/strings';
import { headIncludes } from '../../kit/text';
import { parseXml, xmlAll, xmlAt, xmlAttr, xmlText, xmlRootName, type XmlValue } from '../../kit/xml';
import { decodeXml } from '../../kit/xml-scan';
import { CONFIDENCE, detection, type DetectContext, type Detection, type Detector } from '../../detector';

/**
 * BigDataViewer / BigStitcher SpimData XML (bigdataviewer-core XmlIoSpimDataMinimal, spim_data XmlKeys):
 * root `<SpimData version="0.2">`, `<BasePath>`, `<SequenceDescription><ImageLoader format="bdv.hdf5">
 * <hdf5>dataset.h5</hdf5>` (or format "bdv.n5" with `<n5>`, "bdv.multimg.zarr" with `<zarr>`), `<ViewSetups>`
 * of `<ViewSetup>` with `<size>` "x y z" and `<voxelSize><unit>µm</unit><size>x y z</size>`, `<Attributes
 * name="illumination|channel|tile|angle">` listing each attribute's values, and `<Timepoints>`. Illumination
 * sides and rotation angles are the attributes of multiview light-sheet (SPIM) acquisitions, for which
 * SpimData was made (Preibisch et al.; BigStitcher, Hörl et al. 2019). docs/formats.md §10.4.
 */
/** A dataset.xml is tens of kB; projects with thousands of views and registrations reach a few MB. */
const MAX_XML_BYTES = 4 * 1024 * 1024;
/** Containers named by the loaders we know: the element holding the path per ImageLoader format. */
const LOADER_PATHS: readonly string[] = ['hdf5', 'n5', 'zarr'];
/** View setups counted (BigStitcher projects hold hundreds of tiles × channels at most). */
const MAX_SETUPS = 10_000;
/** Attribute kinds of SpimData view setups (spim_data XmlKeys). */
const ATTRIBUTE_KINDS = { illumination: 'Illumination', channel: 'Channel', tile: 'Tile', angle: 'Angle' } as const;

function numbers(text: string | undefined): number[] {
  return (text ?? '').trim().split(/\s+/, 4).map(Number).filter((n) => Number.isFinite(n));
}

async function detectSpimData(ctx: DetectContext): Promise<Detection | null> {
  if (ctx.size > MAX_XML_BYTES) return null;
  const { bytes, complete } = await readPrefix(ctx, MAX_XML_BYTES);
  if (!complete) return null;
  const text = decodeXml(bytes);
  if (xmlRootName(text) !== 'SpimData') return null;
  const tree = parseXml(text);
  const root = xmlAt(tree ?? undefined, 'SpimData');
  const problems: string[] = [];
  if (!root) {
    return detection('spimdata-xml', CONFIDENCE.WEAK, { evidence: [{ source: 'header', detail: 'Root element <SpimData> (BigDataViewer dataset XML), but the document could not be parsed.', weight: 0.5 }], problems: ['The XML could not be parsed: nothing read.'] });
  }
  const facts: Facts = {};
  const header: Record<string, string | number | boolean | null> = {};
  const version = xmlAttr(root, 'version');
  if (version) header['version'] = version;
  const seq = xmlAt(root, 'SequenceDescription');
  const loader = xmlAt(seq, 'ImageLoader');
  const loaderFormat = xmlAttr(loader, 'format');
  if (loaderFormat) header['imageLoader'] = loaderFormat;
  const container = LOADER_PATHS.map((k) => xmlText(xmlAt(loader, k))?.trim()).find((p): p is string => !!p);
  if (container) {
    header['container'] = clip(container);
    facts.describes = { value: [container], provenance: 'header' };
  }
  const setups = xmlAll(seq, 'ViewSetups', 'ViewSetup').slice(0, MAX_SETUPS);
  header['viewSetups'] = setups.length;
  const first: XmlValue | undefined = setups[0];
  const unit = xmlText(xmlAt(first, 'voxelSize', 'unit'))?.trim();
  const [vx, vy, vz] = numbers(xmlText(xmlAt(first, 'voxelSize', 'size')));
  const voxel = unit ? pixelSizeFact(vx, vy, vz, unit) : undefined;
  if (voxel) facts.pixelSize = voxel;
  else if (first) problems.push(`No voxel size with a length unit in the first ViewSetup${unit ? ` (unit "${unit}")` : ''}.`);
  const [sx, sy, sz] = numbers(xmlText(xmlAt(first, 'size')));
  const attributeSets = xmlAll(seq, 'ViewSetups', 'Attributes');
  const counts: Partial<Record<keyof typeof ATTRIBUTE_KINDS, number>> = {};
  for (const set of attributeSets) {
    const name = xmlAttr(set, 'name') as keyof typeof ATTRIBUTE_KINDS | undefined;
    if (name && name in ATTRIBUTE_KINDS) counts[name] = xmlAll(set, ATTRIBUTE_KINDS[name]).length;
  }
  for (const [k, n] of Object.entries(counts)) header[`${k}s`] = n;
  const first_ = numbers(xmlText(xmlAt(seq, 'Timepoints', 'first')))[0];
  const last = numbers(xmlText(xmlAt(seq, 'Timepoints', 'last')))[0];
  const timepoints = first_ !== undefined && last !== undefined && last >= first_ ? last - first_ + 1 : undefined;
  const dims: Record<string, number> = {};
  if (plausibleCount(sx)) dims['x'] = sx;
  if (plausibleCount(sy)) dims['y'] = sy;
  if (plausibleCount(sz)) dims['z'] = sz;
  if (plausibleCount(counts.channel) && counts.channel > 1) dims['c'] = counts.channel;
  if (plausibleCount(timepoints) && timepoints > 1) dims['t'] = timepoints;
  if (Object.keys(dims).length > 0) facts.dimensions = { value: dims, provenance: 'header' };
  facts.creator = { value: 'BigDataViewer', provenance: 'header' };
  const evidence: Evidence[] = [
    { source: 'header', detail: `BigDataViewer SpimData XML (root <SpimData${version ? ` version="${version}"` : ''}>)${loaderFormat ? ` with ImageLoader format "${loaderFormat}"` : ''}${container ? ` naming its container ${container}` : ''}; ${setups.length} view setup(s).`, weight: 1 },
  ];
  const multiview = counts.illumination !== undefined || counts.angle !== undefined;
  if (multiview) {
    facts.imagingMode = { value: 'light-sheet', provenance: 'header' };
    const several = (counts.illumination ?? 0) > 1 || (counts.angle ?? 0) > 1;
    evidence.push({ source: 'header', detail: `View setups carry illumination${counts.illumination !== undefined ? ` (${counts.illumination})` : ''} and angle${counts.angle !== undefined ? ` (${counts.angle})` : ''} attributes: the multiview light-sheet (SPIM) description BigStitcher uses.`, weight: several ? 0.8 : 0.5 });
  }
  facts.header = { value: header, provenance: 'header' };
  return detection('spimdata-xml', CONFIDENCE.STRUCTURE, { facts, evidence, problems });
}

/** BigDataViewer / BigStitcher `dataset.xml` (root <SpimData>): the sidecar naming its HDF5 / N5 container. */
export const spimDataDetector: Detector = {
  id: 'spimdata-xml',
  formats: ['spimdata-xml'],
  sniff: (ctx) => headIncludes(ctx.head.subarray(0, 1024), '<SpimData'),
  detect: (ctx) => neverThrow(() => detectSpimData(ctx), () => null),
};
