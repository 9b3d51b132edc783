import type { Evidence } from '../../../../shared/model/evidence';
import type { Facts, ImagingMode } from '../../../../shared/formats/facts';
import { exactNumber, plausibleCount } from '../../kit/numbers';
import { plausibleNm, roundNm } from '../../kit/units';
import { neverThrow, readOrReport } from '../../kit/read';
import { nonEmpty } from '../../kit/strings';
import { MAX_CHANNELS } from '../../kit/facts';
import { parseXml, xmlAll, xmlAt, xmlAttr, xmlText, type XmlNode, type XmlValue } from '../../kit/xml';
import { Bytes } from '../../kit/bytes';
import { CONFIDENCE, detection, MAX_READ_BYTES, type DetectContext, type Detection, type Detector } from '../../detector';
import { isAiryscanChannelType, modeFromAcquisitionMode, mostSpecificMode } from './acquisition-mode';
import { trimTrailingNul } from '../../kit/trim';

/**
 * Zeiss CZI (ZISRAW). Layout from libCZI `Src/libCZI/CziStructs.h` (ZEISS/libczi, `#pragma pack(2)`) and
 * Bio-Formats `ZeissCZIReader.java` (CZI_MAGIC_STRING, HEADER_SIZE = 32; checked against the real sample
 * test/fixtures/real/czi/s_1_t_1_c_1_z_1.czi). Every segment starts with a 32-byte SegmentHeader:
 * `Id[16]` (NUL-padded ASCII), `int64 AllocatedSize`, `int64 UsedSize`.
 */
const CZI_MAGIC = 'ZISRAWFILE';
/** libCZI SIZE_SEGMENTID: the segment id field is 16 bytes, NUL-padded. */
const SEGMENT_ID_BYTES = 16;
/** libCZI SIZE_SEGMENTHEADER. */
const SEGMENT_HEADER_BYTES = 32;
/**
 * FileHeaderSegmentData after the segment header (libCZI, pack 2): Major@0, Minor@4, 2×reserved, two 16-byte
 * GUIDs @16/@32, FilePart@48, SubBlockDirectoryPosition int64@52, MetadataPosition int64@60,
 * updatePending@68, AttachmentDirectoryPosition int64@72 — absolute offsets below.
 */
const FH = { major: 32, minor: 36, filePart: 80, directory: 84, metadata: 92, attachments: 104 } as const;
/** Bytes of the file header needed to know where the metadata segment is (through MetadataPosition). */
const FH_NEEDED = FH.metadata + 8;
/** MetadataSegmentData (libCZI SIZE_METADATA_DATA = 256): int32 XmlSize, int32 AttachmentSize, spare; the XML follows. */
const METADATA_DATA_BYTES = 256;
const METADATA_ID = 'ZISRAWMETADATA';
/**
 * Largest metadata XML we read: one read of MAX_READ_BYTES. ZEN metadata is typically 0.1–2 MB (the
 * sample's is 290 kB); larger XML is reported as a problem, not read.
 */
export const MAX_CZI_XML_BYTES = MAX_READ_BYTES - SEGMENT_HEADER_BYTES - METADATA_DATA_BYTES;

const CZI_XML_TOO_LARGE = 'too large';

interface FileHeader {
  readonly major?: number;
  readonly minor?: number;
  readonly metadataPosition?: number;
  readonly directoryPosition?: number;
}

function readFileHeader(head: Uint8Array): FileHeader {
  const b = new Bytes(head, true);
  return { major: b.i32(FH.major), minor: b.i32(FH.minor), directoryPosition: b.u64(FH.directory), metadataPosition: b.u64(FH.metadata) };
}

/** Reads the ZISRAWMETADATA segment's XML, or says why it could not. */
async function readMetadataXml(ctx: DetectContext, position: number, problems: string[]): Promise<string | null> {
  if (position + SEGMENT_HEADER_BYTES + METADATA_DATA_BYTES > ctx.size) {
    problems.push(`Truncated: the metadata segment should start at byte ${position}, but the file ends at byte ${ctx.size}.`);
    return null;
  }
  const head = await readOrReport(ctx, position, SEGMENT_HEADER_BYTES + METADATA_DATA_BYTES, problems, 'the metadata segment header');
  if (!head) return null;
  const b = new Bytes(head, true);
  const id = b.ascii(0, SEGMENT_ID_BYTES);
  if (id !== METADATA_ID) {
    problems.push(`No ZISRAWMETADATA segment at byte ${position} (found "${id.replace(/[^\x20-\x7e]/g, '?').slice(0, 16)}"); metadata not read.`);
    return null;
  }
  const xmlSize = b.i32(SEGMENT_HEADER_BYTES) ?? -1;
  if (xmlSize <= 0) {
    problems.push(`Metadata segment declares an XML size of ${xmlSize} bytes; metadata not read.`);
    return null;
  }
  if (xmlSize > MAX_CZI_XML_BYTES) {
    problems.push(`Metadata XML is ${xmlSize} bytes, over the ${MAX_CZI_XML_BYTES}-byte limit: ${CZI_XML_TOO_LARGE} to read, so instrument, channels and pixel size are missing.`);
    return null;
  }
  const start = position + SEGMENT_HEADER_BYTES + METADATA_DATA_BYTES;
  const xmlBytes = await readOrReport(ctx, start, xmlSize, problems, 'the metadata XML');
  if (!xmlBytes) return null;
  if (xmlBytes.length < xmlSize) problems.push(`Truncated: the metadata XML should be ${xmlSize} bytes, only ${xmlBytes.length} are in the file.`);
  return trimTrailingNul(new TextDecoder('utf-8').decode(xmlBytes));
}

function intText(node: XmlValue | undefined, ...path: string[]): number | undefined {
  const v = exactNumber(xmlText(xmlAt(node, ...path)));
  return v !== undefined && Number.isInteger(v) ? v : undefined;
}

function channelFacts(image: XmlValue | undefined, facts: Facts, evidence: Evidence[]): void {
  const channels = xmlAll(image, 'Dimensions', 'Channels', 'Channel').slice(0, MAX_CHANNELS);
  const list: NonNullable<Facts['channels']>['value'] = [];
  const acqModes = new Set<string>();
  const modes: ImagingMode[] = [];
  let airyscan = false;
  for (const ch of channels) {
    const name = nonEmpty(xmlAttr(ch, 'Name'));
    const fluor = nonEmpty(xmlText(xmlAt(ch, 'Fluor')));
    const ex = exactNumber(xmlText(xmlAt(ch, 'ExcitationWavelength')));
    const em = exactNumber(xmlText(xmlAt(ch, 'EmissionWavelength')));
    list.push({ ...(name ? { name } : {}), ...(fluor ? { fluor } : {}), ...(ex && ex > 0 ? { excitationNm: ex } : {}), ...(em && em > 0 ? { emissionNm: em } : {}) });
    const acq = nonEmpty(xmlText(xmlAt(ch, 'AcquisitionMode')));
    const type = nonEmpty(xmlText(xmlAt(ch, 'ChannelType')));
    if (acq) acqModes.add(acq);
    if (isAiryscanChannelType(type)) {
      airyscan = true;
      modes.push('confocal');
    } else {
      const m = modeFromAcquisitionMode(acq);
      if (m) modes.push(m);
    }
    const illumination = nonEmpty(xmlText(xmlAt(ch, 'IlluminationType')));
    const contrast = nonEmpty(xmlText(xmlAt(ch, 'ContrastMethod')));
    if (acq || illumination || contrast || type) {
      const parts = [acq && `AcquisitionMode ${acq}`, type && `ChannelType ${type}`, illumination && `IlluminationType ${illumination}`, contrast && `ContrastMethod ${contrast}`].filter(Boolean);
      evidence.push({ source: 'header', detail: `Channel "${name ?? '?'}": ${parts.join(', ')}.`, weight: 0.6 });
    }
  }
  if (list.length > 0) facts.channels = { value: list, provenance: 'header' };
  if (acqModes.size > 0) facts.acquisitionModes = { value: [...acqModes], provenance: 'header' };
  const mode = mostSpecificMode(modes);
  if (mode) {
    facts.imagingMode = { value: mode, provenance: 'header' };
    if (airyscan) evidence.push({ source: 'header', detail: 'Airyscan channel: the Airyscan detector sits on a laser-scanning confocal, so the mode is read as confocal (processed Airyscan images may be super-resolved).', weight: 0.7 });
  }
}

function instrumentFacts(info: XmlValue | undefined, facts: Facts, header: Record<string, string | number | boolean | null>): void {
  const instrument = xmlAt(info, 'Instrument');
  const microscope = xmlAt(instrument, 'Microscopes', 'Microscope');
  const model = nonEmpty(xmlAttr(microscope, 'Name')) ?? nonEmpty(xmlText(xmlAt(microscope, 'System'))) ?? nonEmpty(xmlText(xmlAt(microscope, 'Manufacturer', 'Model')));
  const manufacturer = nonEmpty(xmlText(xmlAt(microscope, 'Manufacturer', 'Manufacturer')));
  if (model || manufacturer) facts.instrument = { value: { ...(manufacturer ? { manufacturer } : {}), ...(model ? { model } : {}) }, provenance: 'header' };
  const type = nonEmpty(xmlText(xmlAt(microscope, 'Type')));
  if (type) header['microscopeType'] = type;

  const objectives = xmlAll(instrument, 'Objectives', 'Objective');
  const ref = xmlAttr(xmlAt(info, 'Image', 'ObjectiveSettings', 'ObjectiveRef'), 'Id');
  const objective = objectives.find((o) => ref !== undefined && xmlAttr(o, 'Id') === ref) ?? objectives[0];
  if (objective) {
    const name = nonEmpty(xmlAttr(objective, 'Name')) ?? nonEmpty(xmlText(xmlAt(objective, 'Manufacturer', 'Model')));
    if (name) header['objective'] = name;
    const mag = exactNumber(xmlText(xmlAt(objective, 'NominalMagnification')));
    if (mag !== undefined) header['objectiveMagnification'] = mag;
    const na = exactNumber(xmlText(xmlAt(objective, 'LensNA')));
    if (na !== undefined) header['objectiveNA'] = na;
    const immersion = nonEmpty(xmlText(xmlAt(objective, 'Immersion')));
    if (immersion) header['immersion'] = immersion;
  }
  const detector = xmlAt(instrument, 'Detectors', 'Detector');
  const detectorName = nonEmpty(xmlText(xmlAt(detector, 'Manufacturer', 'Model'))) ?? nonEmpty(xmlAttr(detector, 'Name'));
  if (detectorName) facts.detector = { value: detectorName, provenance: 'header' };
  const app = xmlAt(info, 'Application');
  const software = [nonEmpty(xmlText(xmlAt(app, 'Name'))), nonEmpty(xmlText(xmlAt(app, 'Version')))].filter(Boolean).join(' ');
  if (software) facts.software = { value: software, provenance: 'header' };
}

function imageFacts(info: XmlValue | undefined, metadata: XmlValue | undefined, facts: Facts, header: Record<string, string | number | boolean | null>, problems: string[]): void {
  const image = xmlAt(info, 'Image');
  const sizes = { x: intText(image, 'SizeX'), y: intText(image, 'SizeY'), z: intText(image, 'SizeZ'), c: intText(image, 'SizeC'), t: intText(image, 'SizeT') };
  const dims = Object.fromEntries(Object.entries(sizes).filter(([, v]) => plausibleCount(v))) as { x?: number; y?: number; z?: number; c?: number; t?: number };
  if (Object.keys(dims).length > 0) facts.dimensions = { value: dims, provenance: 'header' };
  for (const key of ['SizeS', 'SizeM', 'SizeH', 'SizeB'] as const) {
    const v = intText(image, key);
    if (v !== undefined) header[key] = v;
  }
  const pixelType = nonEmpty(xmlText(xmlAt(image, 'PixelType')));
  if (pixelType) header['pixelType'] = pixelType;
  const mosaic = intText(image, 'SizeM') ?? 1;
  if (mosaic > 1) facts.arrangement = { value: 'montage', provenance: 'header' };
  else if ((dims.z ?? 1) > 1 && (dims.t ?? 1) <= 1) facts.arrangement = { value: 'volume', provenance: 'header' };
  else if ((dims.t ?? 1) > 1 && (dims.z ?? 1) <= 1) facts.arrangement = { value: 'time-series', provenance: 'header' };

  const distances = xmlAll(metadata, 'Scaling', 'Items', 'Distance');
  const byAxis = (axis: string): number | undefined => {
    const node = distances.find((d) => xmlAttr(d, 'Id') === axis);
    const metres = exactNumber(xmlText(xmlAt(node, 'Value')));
    return metres === undefined ? undefined : metres * 1e9;
  };
  const [x, y, z] = [byAxis('X'), byAxis('Y'), byAxis('Z')];
  if (plausibleNm(x)) {
    facts.pixelSize = { value: { x: roundNm(x), ...(plausibleNm(y) ? { y: roundNm(y) } : {}), ...(plausibleNm(z) ? { z: roundNm(z) } : {}) }, unit: 'nm', provenance: 'header' };
  } else if (distances.length > 0) {
    problems.push('Scaling/Items/Distance[@Id="X"] is missing, zero or implausible; pixel size not set.');
  }
}

function fromXml(xml: string, facts: Facts, evidence: Evidence[], problems: string[], header: Record<string, string | number | boolean | null>): boolean {
  const tree = parseXml(xml);
  const root = tree ? (xmlAt(tree, 'ImageDocument') as XmlNode | undefined) : undefined;
  if (!root) {
    problems.push('The metadata segment does not hold a readable <ImageDocument> XML.');
    return false;
  }
  const metadata = xmlAt(root, 'Metadata');
  const info = xmlAt(metadata, 'Information');
  imageFacts(info, metadata, facts, header, problems);
  instrumentFacts(info, facts, header);
  channelFacts(xmlAt(info, 'Image'), facts, evidence);
  evidence.push({ source: 'header', detail: `ZISRAWMETADATA segment holds the ZEN <ImageDocument> XML (${xml.length} characters).`, weight: 0.3 });
  return true;
}

async function detectCzi(ctx: DetectContext): Promise<Detection | null> {
  const b = new Bytes(ctx.head, true);
  if (!b.startsWith(CZI_MAGIC)) return null;
  const facts: Facts = {};
  const evidence: Evidence[] = [];
  const problems: string[] = [];
  const header: Record<string, string | number | boolean | null> = {};
  const idPadded = b.slice(CZI_MAGIC.length, SEGMENT_ID_BYTES - CZI_MAGIC.length).every((x) => x === 0);
  evidence.push({ source: 'header', detail: `"ZISRAWFILE" file-header segment id at byte 0${idPadded ? ' (NUL-padded to 16 bytes)' : ''}.`, weight: 0.9 });
  if (ctx.head.length < FH_NEEDED) {
    problems.push(`Truncated: the CZI file header needs ${FH_NEEDED} bytes to locate the metadata, the file has ${ctx.head.length}.`);
    return detection('czi', CONFIDENCE.MAGIC, { facts, evidence, problems });
  }
  const fh = readFileHeader(ctx.head);
  header['version'] = `${fh.major ?? '?'}.${fh.minor ?? '?'}`;
  const headerOk = idPadded && fh.major === 1;
  if (!headerOk) problems.push(`Unexpected file header (major version ${fh.major ?? '?'}); read as CZI on the magic alone.`);
  // STRUCTURE only when the file header is sound and its metadata position leads to a readable ZISRAWMETADATA segment.
  let metadataOk = false;
  if (fh.metadataPosition === undefined || fh.metadataPosition <= 0) {
    problems.push('The file header gives no metadata segment position; metadata not read.');
  } else {
    const xml = await readMetadataXml(ctx, fh.metadataPosition, problems);
    metadataOk = xml !== null && fromXml(xml, facts, evidence, problems, header);
  }
  const confidence = headerOk && metadataOk ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC;
  facts.header = { value: header, provenance: 'header' };
  return detection('czi', confidence, { facts, evidence, problems });
}

/** Zeiss CZI: "ZISRAWFILE" file header, then the ZISRAWMETADATA segment's ZEN XML (instrument, channels, scaling). */
export const cziDetector: Detector = {
  id: 'czi',
  formats: ['czi'],
  sniff: (ctx) => new Bytes(ctx.head).startsWith(CZI_MAGIC),
  detect: (ctx) =>
    neverThrow(
      () => detectCzi(ctx),
      (err) => (new Bytes(ctx.head).startsWith(CZI_MAGIC) ? detection('czi', CONFIDENCE.MAGIC, { evidence: [{ source: 'header', detail: '"ZISRAWFILE" at byte 0.', weight: 0.9 }], problems: [`Metadata could not be read: ${String(err)}.`] }) : null),
    ),
};
