import { CONFIDENCE, detection, type DetectContext, type Detection, type Detector } from '../../detector';
import { neverThrow, readPrefix } from '../../kit/read';
import { withoutNul } from '../../kit/strings';
import { xmlRootName } from '../../kit/xml';
import { decodeXml, startTags } from '../../kit/xml-scan';
import { Found } from './found';
import { readOmeXml } from './ome-tiff';

/**
 * The companion file of a multi-file OME-TIFF set (OME-TIFF specification, "Companion files"; Bio-Formats
 * OMETiffReader reads a `.companion.ome` as the set's metadata): a standalone OME-XML document (root `<OME>`)
 * holding the full Instrument / Image / Pixels / Channel metadata, whose `<TiffData><UUID FileName="…">` elements
 * name the TIFFs that hold the planes (each of which carries only `<BinaryOnly MetadataFile=… UUID=…/>`). The
 * OME-XML is read as OME-TIFF reads its ImageDescription (ome-tiff.ts readOmeXml); `describes` lists the files.
 * docs/formats.md §3.3.
 */

/** Largest companion read whole: one detector read (MAX_READ_BYTES). Larger files are read as a prefix. */
const PREFIX_BYTES = 4 * 1024 * 1024;
/** Head bytes searched for the root element (a declaration and comments come first). */
const ROOT_WINDOW_CHARS = 4096;
/** Most TiffData/UUID elements read for the plane file names (a set of a few thousand planes). */
const MAX_UUIDS = 4096;
/** Most distinct plane files listed in `describes`. */
const MAX_FILES = 1024;
/** The name OME-TIFF writers give the companion (OME-TIFF specification; bfconvert, Micro-Manager). */
const COMPANION_SUFFIX = '.companion.ome';

function isOmeRoot(head: Uint8Array): boolean {
  return xmlRootName(decodeXml(head.subarray(0, ROOT_WINDOW_CHARS))) === 'OME';
}

async function detectCompanion(ctx: DetectContext): Promise<Detection | null> {
  if (!isOmeRoot(ctx.head)) return null;
  const { bytes, complete } = await readPrefix(ctx, PREFIX_BYTES);
  const text = decodeXml(bytes);
  const f = new Found();
  const named = ctx.name.toLowerCase().endsWith(COMPANION_SUFFIX);
  const files = [...new Set(startTags(text, 'UUID', MAX_UUIDS).map((a) => withoutNul(a.get('FileName'))).filter((n): n is string => n !== undefined))];
  const ome = complete ? readOmeXml(text, f) : undefined;
  if (!complete) f.problems.push(`The OME-XML is ${ctx.size} bytes, over the ${PREFIX_BYTES}-byte read limit: only the plane file names of its first part were read.`);
  else if (!ome) f.problems.push('The OME-XML could not be parsed (malformed); only the plane file names were read.');
  if (files.length > 0) f.facts.describes = { value: files.slice(0, MAX_FILES), provenance: 'header' };
  if (files.length > MAX_FILES) f.problems.push(`${files.length} plane files are named; only the first ${MAX_FILES} are listed.`);
  f.header.planeFiles = files.length;
  // A companion describes images; its own arrangement and size are the planes', not its own.
  delete f.facts.arrangement;
  f.evidence.unshift({
    source: 'header',
    detail: `Standalone OME-XML (root <OME>)${named ? ` named ${COMPANION_SUFFIX}` : ''}${files.length > 0 ? ` whose TiffData/UUID elements name ${files.length} plane file(s) (${files.slice(0, 3).join(', ')}${files.length > 3 ? ', …' : ''})` : ''}: the metadata of a multi-file OME-TIFF set (OME-TIFF specification, companion files).`,
    weight: 0.9,
  });
  f.facts.header = { value: { ...f.header }, provenance: 'header' };
  const confidence = ome && (named || files.length > 0) ? CONFIDENCE.STRUCTURE : ome || named ? CONFIDENCE.MAGIC : CONFIDENCE.WEAK;
  return detection('ome-companion', confidence, { facts: f.facts, evidence: f.evidence, problems: f.problems });
}

/** `.companion.ome`: the OME-XML of a multi-file OME-TIFF set, describing the plane files it lists. */
export const omeCompanionDetector: Detector = {
  id: 'ome-companion',
  formats: ['ome-companion'],
  sniff: (ctx) => isOmeRoot(ctx.head),
  detect: (ctx) => neverThrow(() => detectCompanion(ctx), () => null),
};
