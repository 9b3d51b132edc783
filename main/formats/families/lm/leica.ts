import type { Evidence } from '../../../../shared/model/evidence';
import type { Facts, ImagingMode } from '../../../../shared/formats/facts';
import { plausibleCount } from '../../kit/numbers';
import { plausibleNm, roundNm, unitToNm } from '../../kit/units';
import { readRange, neverThrow } from '../../kit/read';
import { nonEmpty } from '../../kit/strings';
import { MAX_CHANNELS } from '../../kit/facts';
import { parseXml, xmlAll, xmlAt, xmlAttr, xmlRootName, type XmlNode, descendants, firstDescendant, numAttr } from '../../kit/xml';
import { Bytes } from '../../kit/bytes';
import { CONFIDENCE, detection, type DetectContext, type Detection, type Detector } from '../../detector';

/**
 * Leica LIF and LOF (LAS X). Layout from Bio-Formats `LIFReader.java` (LIF_MAGIC_BYTE 0x70,
 * LIF_MEMORY_BYTE 0x2a), `LOFReader.java` (checkForLofLayout) and cgohlke/liffile `liffile.py`
 * (`LifFile._init`: struct '<IIBI' then UTF-16LE text). A block starts: u32 LE 0x70, u32 block length,
 * u8 0x2A, u32 character count, then that many UTF-16LE characters.
 * LIF: the characters are the XML header (`<LMSDataContainerHeader Version=…>`).
 * LOF: they are the type name "LMS_Object_File"; then u8 0x2A + u32 major, u8 0x2A + u32 minor,
 * u8 0x2A + u64 memory size, the pixel memory, and then a second 0x70 block holding the XML.
 */
const LIF_MAGIC = 0x70;
const LIF_MEMORY_BYTE = 0x2a;
const BLOCK = { magic: 0, length: 4, memoryByte: 8, chars: 9, text: 13 } as const;
const LOF_TYPE_NAME = 'LMS_Object_File';
/** LOF after the type name: 0x2A+u32 major, 0x2A+u32 minor, 0x2A+u64 memory size (LOFReader.checkForLofLayout). */
const LOF_VERSIONS_BYTES = 10;
const LOF_MEMORY_HEADER_BYTES = 9;
/**
 * Largest XML header read: two reads of MAX_READ_BYTES. LAS X headers of tile scans reach several MB; a
 * larger one is read in part and searched for the attributes we need instead of parsed.
 */
export const MAX_LEICA_XML_BYTES = 8 * 1024 * 1024;
/** DimensionDescription@DimID values (liffile DIMENSION_ID; Bio-Formats translateImageNodes). */
const DIM_ID = { x: 1, y: 2, z: 3, t: 4, tiles: 10 } as const;
/** Images (series) counted in one header; LAS X projects hold hundreds at most. */
const MAX_SERIES = 4096;

type HeaderValues = Record<string, string | number | boolean | null>;

interface Block {
  readonly chars: number;
  readonly textStart: number;
}

function blockAt(b: Bytes, offset: number): Block | null {
  if (b.u32(offset + BLOCK.magic) !== LIF_MAGIC || b.u8(offset + BLOCK.memoryByte) !== LIF_MEMORY_BYTE) return null;
  const chars = b.u32(offset + BLOCK.chars);
  if (chars === undefined || chars === 0) return null;
  return { chars, textStart: offset + BLOCK.text };
}

function utf16(bytes: Uint8Array): string {
  return new TextDecoder('utf-16le').decode(bytes.subarray(0, bytes.length - (bytes.length % 2)));
}

/** Reads an XML block's text (capped), noting when it was cut. */
async function readXmlText(ctx: DetectContext, block: Block, problems: string[]): Promise<{ text: string; complete: boolean }> {
  const bytes = block.chars * 2;
  const capped = Math.min(bytes, MAX_LEICA_XML_BYTES);
  if (bytes > MAX_LEICA_XML_BYTES) problems.push(`XML header is ${bytes} bytes, over the ${MAX_LEICA_XML_BYTES}-byte limit: too large to parse; its first part was searched for instrument and mode.`);
  const raw = await readRange(ctx, block.textStart, capped, problems, 'the XML header');
  if (raw.length < capped) problems.push(`Truncated: the XML header should be ${bytes} bytes, ${raw.length} were read.`);
  return { text: utf16(raw), complete: raw.length === bytes };
}

function attrByRegex(text: string, name: string): string | undefined {
  return nonEmpty(new RegExp(`\\b${name}="([^"]*)"`).exec(text)?.[1]);
}

interface Hardware {
  model?: string;
  dataSource?: string;
  confocal: boolean;
  camera: boolean;
  objective?: string;
  na?: number;
  magnification?: number;
}

function modeOf(hw: Hardware, evidence: Evidence[]): ImagingMode | undefined {
  const src = hw.dataSource?.toLowerCase();
  if (src === 'confocal' || (src === undefined && hw.confocal && !hw.camera)) {
    evidence.push({ source: 'header', detail: `${hw.dataSource ? `DataSourceTypeName "${hw.dataSource}"` : 'ATLConfocalSettingDefinition'}: a laser-scanning confocal acquisition.`, weight: 0.8 });
    return 'confocal';
  }
  if (src === 'camera' || (src === undefined && hw.camera && !hw.confocal)) {
    evidence.push({ source: 'header', detail: `${hw.dataSource ? `DataSourceTypeName "${hw.dataSource}"` : 'ATLCameraSettingDefinition'}: a camera-based acquisition, read as widefield.`, weight: 0.6 });
    return 'widefield';
  }
  return undefined;
}

function hardwareFromTree(image: XmlNode): Hardware {
  const attachments = xmlAll(image, 'Attachment');
  const setting = attachments.find((a) => xmlAttr(a, 'Name') === 'HardwareSetting');
  const confocalDef = firstDescendant(image, 'ATLConfocalSettingDefinition');
  const cameraDef = firstDescendant(image, 'ATLCameraSettingDefinition');
  // Old layout (SP5): ScannerSettingRecord Identifier="SystemType" Variant=… (LeicaMicrosystemsMetadata MicroscopeExtractor).
  const systemRecord = descendants(image, 'ScannerSettingRecord').find((r) => xmlAttr(r, 'Identifier') === 'SystemType');
  const def = confocalDef ?? cameraDef;
  return {
    model: nonEmpty(xmlAttr(setting, 'SystemTypeName')) ?? nonEmpty(xmlAttr(systemRecord, 'Variant')),
    dataSource: nonEmpty(xmlAttr(setting, 'DataSourceTypeName')),
    confocal: confocalDef !== undefined,
    camera: cameraDef !== undefined,
    objective: nonEmpty(xmlAttr(def, 'ObjectiveName')),
    na: numAttr(def, 'NumericalAperture'),
    magnification: numAttr(def, 'Magnification'),
  };
}

function hardwareFromText(text: string): Hardware {
  const na = Number(attrByRegex(text, 'NumericalAperture'));
  return {
    model: attrByRegex(text, 'SystemTypeName'),
    dataSource: attrByRegex(text, 'DataSourceTypeName'),
    confocal: text.includes('<ATLConfocalSettingDefinition'),
    camera: text.includes('<ATLCameraSettingDefinition'),
    objective: attrByRegex(text, 'ObjectiveName'),
    ...(Number.isFinite(na) && na > 0 ? { na } : {}),
  };
}

function channelsOf(image: XmlNode, count: number): NonNullable<Facts['channels']>['value'] {
  const camera = firstDescendant(image, 'ATLCameraSettingDefinition');
  if (camera) {
    return descendants(camera, 'WideFieldChannelInfo', MAX_CHANNELS).map((info) => {
      const name = nonEmpty(xmlAttr(info, 'UserDefName'));
      const em = numAttr(info, 'EmissionWavelength');
      return { ...(name ? { name } : {}), ...(em && em > 0 ? { emissionNm: em } : {}) };
    });
  }
  const confocal = firstDescendant(image, 'ATLConfocalSettingDefinition');
  if (!confocal) return [];
  // Bio-Formats LIFReader.translateDetectors: active detectors (IsActive="1") and the MultiBand of their Channel name the dye.
  const bands = descendants(confocal, 'MultiBand', MAX_CHANNELS);
  return descendants(confocal, 'Detector', MAX_CHANNELS)
    .filter((d) => xmlAttr(d, 'IsActive') === '1')
    .slice(0, Math.max(count, 0) || MAX_CHANNELS)
    .map((d) => {
      const band = bands.find((m) => xmlAttr(m, 'Channel') === xmlAttr(d, 'Channel'));
      const dye = nonEmpty(xmlAttr(band, 'DyeName'));
      return dye ? { name: dye, fluor: dye } : {};
    });
}

function imageFacts(image: XmlNode, facts: Facts, header: HeaderValues, problems: string[]): void {
  const dims = descendants(xmlAt(image, 'ImageDescription', 'Dimensions'), 'DimensionDescription');
  const channelCount = descendants(xmlAt(image, 'ImageDescription', 'Channels'), 'ChannelDescription', MAX_CHANNELS).length;
  const byId = (id: number): XmlNode | undefined => dims.find((d) => numAttr(d, 'DimID') === id);
  const count = (id: number): number | undefined => {
    const n = numAttr(byId(id), 'NumberOfElements');
    return plausibleCount(n) ? n : undefined;
  };
  const [x, y, z, t] = [count(DIM_ID.x), count(DIM_ID.y), count(DIM_ID.z), count(DIM_ID.t)];
  const value = { ...(x ? { x } : {}), ...(y ? { y } : {}), ...(z ? { z } : {}), ...(plausibleCount(channelCount) ? { c: channelCount } : {}), ...(t ? { t } : {}) };
  if (Object.keys(value).length > 0) facts.dimensions = { value, provenance: 'header' };
  const tiles = count(DIM_ID.tiles);
  if (tiles) header['tiles'] = tiles;
  if (tiles && tiles > 1) facts.arrangement = { value: 'montage', provenance: 'header' };
  else if ((z ?? 1) > 1 && (t ?? 1) <= 1) facts.arrangement = { value: 'volume', provenance: 'header' };
  else if ((t ?? 1) > 1 && (z ?? 1) <= 1) facts.arrangement = { value: 'time-series', provenance: 'header' };
  // liffile LifDimension.length: "physical length from first to last element" → spacing = Length / (N − 1).
  const spacing = (id: number): number | undefined => {
    const d = byId(id);
    const n = numAttr(d, 'NumberOfElements');
    const length = numAttr(d, 'Length');
    const perUnit = unitToNm(xmlAttr(d, 'Unit'));
    if (d === undefined || n === undefined || n < 2 || length === undefined || perUnit === undefined) return undefined;
    return (Math.abs(length) / (n - 1)) * perUnit;
  };
  const [px, py, pz] = [spacing(DIM_ID.x), spacing(DIM_ID.y), spacing(DIM_ID.z)];
  if (plausibleNm(px)) facts.pixelSize = { value: { x: roundNm(px), ...(plausibleNm(py) ? { y: roundNm(py) } : {}), ...(plausibleNm(pz) ? { z: roundNm(pz) } : {}) }, unit: 'nm', provenance: 'header' };
  else if (byId(DIM_ID.x)) problems.push(`The X dimension has no usable Length/Unit ("${xmlAttr(byId(DIM_ID.x), 'Unit') ?? ''}"); pixel size not set.`);
  const channels = channelsOf(image, channelCount);
  if (channels.some((c) => Object.keys(c).length > 0)) facts.channels = { value: channels, provenance: 'header' };
}

function applyHardware(hw: Hardware, facts: Facts, evidence: Evidence[], header: HeaderValues): void {
  if (hw.model) facts.instrument = { value: { manufacturer: 'Leica Microsystems', model: hw.model }, provenance: 'header' };
  const mode = modeOf(hw, evidence);
  if (mode) facts.imagingMode = { value: mode, provenance: 'header' };
  if (hw.dataSource) header['dataSource'] = hw.dataSource;
  if (hw.objective) header['objective'] = hw.objective;
  if (hw.na !== undefined) header['objectiveNA'] = hw.na;
  if (hw.magnification !== undefined) header['objectiveMagnification'] = hw.magnification;
}

/** Facts from the XML header: parsed when complete and parseable, otherwise searched by pattern (also used by leica-xml.ts). */
export function fromXml(text: string, complete: boolean, facts: Facts, evidence: Evidence[], problems: string[], header: HeaderValues): boolean {
  const tree = complete ? parseXml(text) : null;
  if (!tree) {
    if (complete) problems.push('The XML header could not be parsed; instrument and mode were searched by pattern.');
    const hw = hardwareFromText(text);
    applyHardware(hw, facts, evidence, header);
    return /<LMSDataContainerHeader|<Element\b/.test(text.slice(0, 4096));
  }
  const root = xmlAt(tree, 'LMSDataContainerHeader');
  const version = xmlAttr(root, 'Version');
  if (version) header['version'] = version;
  const images = descendants(tree, 'Image', MAX_SERIES).filter((i) => xmlAt(i, 'ImageDescription') !== undefined);
  header['series'] = images.length;
  const first = images[0];
  if (!first) {
    problems.push('The XML header describes no image.');
    return true;
  }
  imageFacts(first, facts, header, problems);
  const withHardware = images.slice(0, 16).find((i) => firstDescendant(i, 'ATLConfocalSettingDefinition') ?? firstDescendant(i, 'ATLCameraSettingDefinition')) ?? first;
  applyHardware(hardwareFromTree(withHardware), facts, evidence, header);
  return true;
}

async function detectLeica(ctx: DetectContext): Promise<Detection | null> {
  const b = new Bytes(ctx.head, true);
  const first = blockAt(b, 0);
  if (!first) return null;
  const problems: string[] = [];
  const evidence: Evidence[] = [];
  const facts: Facts = {};
  const header: HeaderValues = {};
  const peek = utf16(b.slice(first.textStart, Math.min(first.chars, 64) * 2));
  let format: 'lif' | 'lof';
  let xmlBlock: Block | null = first;
  if (first.chars === LOF_TYPE_NAME.length && peek === LOF_TYPE_NAME) {
    format = 'lof';
    evidence.push({ source: 'header', detail: 'Leica block (u32 0x70, 0x2A) whose type name is "LMS_Object_File": a LAS X object file.', weight: 0.9 });
    const after = first.textStart + first.chars * 2;
    const v = new Bytes(await readRange(ctx, after, LOF_VERSIONS_BYTES + LOF_MEMORY_HEADER_BYTES, problems, 'the LOF version fields'), true);
    if (v.u8(0) !== LIF_MEMORY_BYTE || v.u8(5) !== LIF_MEMORY_BYTE || v.u8(10) !== LIF_MEMORY_BYTE) {
      problems.push('The LOF version and memory-size fields are missing or corrupt; metadata not read.');
      xmlBlock = null;
    } else {
      header['lofVersion'] = `${v.u32(1) ?? '?'}.${v.u32(6) ?? '?'}`;
      const memory = v.u64(11);
      const xmlOffset = memory === undefined ? undefined : after + LOF_VERSIONS_BYTES + LOF_MEMORY_HEADER_BYTES + memory;
      const blockBytes = xmlOffset === undefined || xmlOffset + BLOCK.text > ctx.size ? null : await readRange(ctx, xmlOffset, BLOCK.text, problems, 'the LOF XML block header');
      xmlBlock = blockBytes ? blockAt(new Bytes(blockBytes, true), 0) : null;
      if (xmlBlock && xmlOffset !== undefined) xmlBlock = { chars: xmlBlock.chars, textStart: xmlOffset + BLOCK.text };
      else problems.push(`Truncated or corrupt: no XML block after the ${memory ?? '?'}-byte pixel memory; metadata not read.`);
    }
  } else if (peek.trimStart().startsWith('<')) {
    format = 'lif';
    const root = xmlRootName(peek);
    evidence.push({ source: 'header', detail: `Leica block at byte 0 (u32 0x70, 0x2A at byte 8) holding a UTF-16 XML header${root ? ` <${root}>` : ''}.`, weight: 0.9 });
  } else {
    return null;
  }
  let confidence: number = CONFIDENCE.MAGIC;
  if (xmlBlock) {
    const { text, complete } = await readXmlText(ctx, xmlBlock, problems);
    if (fromXml(text, complete, facts, evidence, problems, header)) confidence = CONFIDENCE.STRUCTURE;
  }
  if (Object.keys(header).length > 0) facts.header = { value: header, provenance: 'header' };
  return detection(format, confidence, { facts, evidence, problems });
}

/** Leica LIF (XML header first) and LOF ("LMS_Object_File" block, pixels, then XML), both from LAS X. */
export const leicaDetector: Detector = {
  id: 'leica-lif-lof',
  formats: ['lif', 'lof'],
  sniff: (ctx) => blockAt(new Bytes(ctx.head, true), 0) !== null,
  detect: (ctx) => neverThrow(() => detectLeica(ctx), () => null),
};
