import type { Evidence } from '../../../../shared/model/evidence';
import type { Facts } from '../../../../shared/formats/facts';
import { exactNumber, plausibleCount } from '../../kit/numbers';
import { plausibleNm, roundNm, unitToNm } from '../../kit/units';
import { readRange, neverThrow, readOrReport } from '../../kit/read';
import { nonEmpty } from '../../kit/strings';
import { MAX_CHANNELS } from '../../kit/facts';
import { parseXml, xmlAttr, type XmlNode, descendants, descendantText, firstDescendant } from '../../kit/xml';
import { Bytes } from '../../kit/bytes';
import { CONFIDENCE, detection, type DetectContext, type Detection, type Detector } from '../../detector';

/**
 * Olympus/Evident OIR (FluoView FV3000/FV4000/FVMPE-RS). No public specification; layout from
 * cgohlke/oirfile `oirfile/oirfile.py` (`OirFile._parse`, `BLOCK`) and Bio-Formats `OIRReader.java`
 * (element names of `lsmimage:imageProperties`). Header: "OLYMPUSRAWFORMAT" (16 bytes), 4×u32
 * (12, 0, 1, 2), u64 file size @32, u64 block-index offset @40. The index is u32 0xFFFFFFFF then u64 block
 * offsets. Each block is u32 payload length, u32 kind; kind 0 (METADATA) holds XML documents, each
 * preceded by its u32 length. The complete metadata is written last, so the index is searched from its end.
 */
const OIR_MAGIC = 'OLYMPUSRAWFORMAT';
const HEADER = { words: 16, fileSize: 32, indexOffset: 40, end: 48 } as const;
/** oirfile `_parse`: header words 12, 0, 1, 2. */
const HEADER_WORDS = [12, 0, 1, 2] as const;
const INDEX_MARKER = 0xffffffff;
const BLOCK_HEADER_BYTES = 8;
/** oirfile BLOCK.METADATA. */
const METADATA_BLOCK = 0;
/** Index entries examined from the end of the index looking for the last metadata block (one read each, 8 index bytes each). */
const MAX_BLOCK_PROBES = 48;
/** Largest metadata block read: 4 MB (LUT documents make real ones a few MB; the imageProperties come first). */
export const MAX_OIR_METADATA_BYTES = 4 * 1024 * 1024;
/** Most XML documents taken from one block. */
const MAX_DOCUMENTS = 64;

type HeaderValues = Record<string, string | number | boolean | null>;

/** XML documents in a metadata payload: from each "<?xml" to the end its u32 length prefix gives (or the next one). */
function documents(payload: Uint8Array): string[] {
  const b = new Bytes(payload, true);
  const out: string[] = [];
  let from = 0;
  while (out.length < MAX_DOCUMENTS) {
    const at = b.indexOf('<?xml', from);
    if (at < 0) break;
    const declared = b.u32(at - 4);
    const next = b.indexOf('<?xml', at + 5);
    const end = declared !== undefined && declared > 5 && at + declared <= payload.length && (next < 0 || at + declared <= next) ? at + declared : next < 0 ? payload.length : next;
    const doc = new TextDecoder('utf-8').decode(payload.subarray(at, end));
    // Drop whatever follows the last '>' (was `.replace(/[^>]*$/, '')`, quadratic on a long run without '>').
    out.push(doc.slice(0, doc.lastIndexOf('>') + 1));
    from = at + 5;
  }
  return out;
}

/** Finds the last METADATA block through the index and reads its payload; `null` when the index is unusable. */
async function lastMetadataBlock(ctx: DetectContext, problems: string[]): Promise<Uint8Array | null> {
  const b = new Bytes(ctx.head, true);
  const indexOffset = b.u64(HEADER.indexOffset);
  if (indexOffset === undefined || indexOffset < HEADER.end || indexOffset >= ctx.size) {
    problems.push(`Block index offset ${indexOffset ?? '?'} lies outside the file (truncated?); metadata searched in the first bytes only.`);
    return null;
  }
  const marker = await readOrReport(ctx, indexOffset, 4, problems, 'the block index marker');
  if (!marker || new Bytes(marker, true).u32(0) !== INDEX_MARKER) {
    problems.push('No block index marker (0xFFFFFFFF) at the index offset; metadata searched in the first bytes only.');
    return null;
  }
  const entries = Math.floor((ctx.size - indexOffset - 4) / 8);
  const take = Math.min(entries, MAX_BLOCK_PROBES);
  const tail = new Bytes(await readRange(ctx, indexOffset + 4 + (entries - take) * 8, take * 8, problems, 'the block index'), true);
  for (let i = take - 1; i >= 0; i--) {
    const offset = tail.u64(i * 8);
    if (offset === undefined || offset === 0 || offset + BLOCK_HEADER_BYTES > ctx.size) continue;
    const head = await readOrReport(ctx, offset, BLOCK_HEADER_BYTES, problems, 'a block header');
    if (!head) return null;
    const h = new Bytes(head, true);
    if (h.u32(4) !== METADATA_BLOCK) continue;
    const length = h.u32(0) ?? 0;
    if (length > MAX_OIR_METADATA_BYTES) problems.push(`Metadata block is ${length} bytes; only its first ${MAX_OIR_METADATA_BYTES} were read.`);
    return readRange(ctx, offset + BLOCK_HEADER_BYTES, Math.min(length, MAX_OIR_METADATA_BYTES), problems, 'the metadata block');
  }
  problems.push(`No metadata block among the last ${take} blocks of the index.`);
  return null;
}

function imagePropertiesFacts(props: XmlNode, facts: Facts, evidence: Evidence[], header: HeaderValues): void {
  // oirfile/Bio-Formats paths: commonimage:system/base:systemName (FV3000, FV4000, FVMPE-RS), base:systemVersion,
  // commonimage:microscope/base:name (the stand), commonimage:general/base:creationDateTime.
  const system = firstDescendant(props, 'system');
  const model = descendantText(system, 'systemName');
  const version = descendantText(system, 'systemVersion');
  if (model) facts.instrument = { value: { manufacturer: 'Olympus', model }, provenance: 'header' };
  if (version) facts.software = { value: `FluoView ${version}`, provenance: 'header' };
  const stand = descendantText(firstDescendant(props, 'microscope'), 'name');
  if (stand) header['microscope'] = stand;
  const multiphoton = model !== undefined && /MPE/i.test(model);
  facts.imagingMode = { value: multiphoton ? 'multiphoton' : 'confocal', provenance: 'header' };
  evidence.push({
    source: 'header',
    detail: multiphoton
      ? `Laser-scanning image properties (lsmimage) from a multiphoton system (${model}).`
      : `Laser-scanning image properties (lsmimage:imageProperties)${model ? ` from ${model}` : ''}: a laser-scanning confocal acquisition.`,
    weight: 0.7,
  });

  const info = firstDescendant(props, 'imageInfo');
  const width = exactNumber(descendantText(info, 'width'));
  const height = exactNumber(descendantText(info, 'height'));
  const channels = descendants(info, 'channel', MAX_CHANNELS * 4).filter((c) => xmlAttr(c, 'id') !== undefined);
  const seen = new Set<string>();
  const list: NonNullable<Facts['channels']>['value'] = [];
  for (const ch of channels) {
    const id = xmlAttr(ch, 'id')!;
    if (seen.has(id) || list.length >= MAX_CHANNELS) continue;
    seen.add(id);
    const name = nonEmpty(descendantText(ch, 'name'));
    list.push(name ? { name } : {});
  }
  // Acquisition axes (Bio-Formats OIRReader: commonparam:axis with enable="true" → ZSTACK/TIMELAPSE maxSize).
  const axisSize = (axis: string): number | undefined => {
    const node = descendants(props, 'axis').find((a) => xmlAttr(a, 'enable') === 'true' && xmlAttr(a, 'paramEnable') !== 'false' && descendantText(a, 'axis') === axis);
    const n = exactNumber(descendantText(node, 'maxSize'));
    return plausibleCount(n) ? n : undefined;
  };
  const [z, t] = [axisSize('ZSTACK'), axisSize('TIMELAPSE')];
  const dims = { ...(plausibleCount(width) ? { x: width } : {}), ...(plausibleCount(height) ? { y: height } : {}), ...(z ? { z } : {}), ...(list.length > 0 ? { c: list.length } : {}), ...(t ? { t } : {}) };
  if (Object.keys(dims).length > 0) facts.dimensions = { value: dims, provenance: 'header' };
  if (list.some((c) => c.name)) facts.channels = { value: list, provenance: 'header' };

  // First commonphase:length x/y with the unit of the sibling commonphase:pixelUnit (MICRO_METER, NANO_METER…).
  const owner = channels.find((c) => firstDescendant(c, 'length') !== undefined);
  const length = firstDescendant(owner, 'length');
  const unit = descendantText(firstDescendant(owner, 'pixelUnit'), 'x');
  // No unit: Bio-Formats OIRReader passes null to FormatTools.getPhysicalSize, which takes micrometres.
  const perUnit = unit === undefined ? 1000 : unitToNm(unit);
  const [x, y] = [exactNumber(descendantText(length, 'x')), exactNumber(descendantText(length, 'y'))].map((v) => (v === undefined || perUnit === undefined ? undefined : v * perUnit));
  if (plausibleNm(x)) facts.pixelSize = { value: { x: roundNm(x), ...(plausibleNm(y) ? { y: roundNm(y) } : {}) }, unit: 'nm', provenance: 'header' };

  const lens = firstDescendant(props, 'objectiveLens');
  const objective = descendantText(lens, 'displayName') ?? descendantText(lens, 'name');
  if (objective) header['objective'] = objective;
  const mag = exactNumber(descendantText(lens, 'magnification'));
  if (mag !== undefined) header['objectiveMagnification'] = mag;
  const na = exactNumber(descendantText(lens, 'naValue'));
  if (na !== undefined) header['objectiveNA'] = na;
}

async function detectOir(ctx: DetectContext): Promise<Detection | null> {
  const b = new Bytes(ctx.head, true);
  if (!b.startsWith(OIR_MAGIC)) return null;
  const facts: Facts = {};
  const evidence: Evidence[] = [{ source: 'header', detail: '"OLYMPUSRAWFORMAT" at byte 0: an Olympus/Evident FluoView OIR file.', weight: 0.9 }];
  const problems: string[] = [];
  const header: HeaderValues = {};
  const wordsOk = HEADER_WORDS.every((w, i) => b.u32(HEADER.words + 4 * i) === w);
  const declared = b.u64(HEADER.fileSize);
  if (ctx.head.length < HEADER.end) problems.push(`Truncated: the OIR header needs ${HEADER.end} bytes, the file has ${ctx.size}.`);
  else if (declared !== undefined && declared > ctx.size) problems.push(`Truncated: the header declares ${declared} bytes, the file has ${ctx.size}.`);
  const payload = ctx.head.length >= HEADER.end ? await lastMetadataBlock(ctx, problems) : null;
  const docs = documents(payload ?? ctx.head);
  let props: XmlNode | undefined;
  for (const doc of docs) {
    const tree = parseXml(doc);
    const p = tree ? (tree['imageProperties'] as XmlNode | undefined) : undefined;
    if (p && typeof p === 'object') {
      props = p;
      break;
    }
  }
  if (props) {
    imagePropertiesFacts(props, facts, evidence, header);
    evidence.push({ source: 'header', detail: `Embedded XML documents read (${docs.length}), including lsmimage:imageProperties.`, weight: 0.3 });
  } else {
    problems.push('No readable lsmimage:imageProperties XML found; instrument and mode not read.');
  }
  if (Object.keys(header).length > 0) facts.header = { value: header, provenance: 'header' };
  return detection('oir', wordsOk && (payload !== null || props !== undefined) ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, { facts, evidence, problems });
}

/** Olympus OIR: "OLYMPUSRAWFORMAT" header, block index, and the XML documents of the last metadata block. */
export const oirDetector: Detector = {
  id: 'oir',
  formats: ['oir'],
  sniff: (ctx) => new Bytes(ctx.head).startsWith(OIR_MAGIC),
  detect: (ctx) =>
    neverThrow(
      () => detectOir(ctx),
      (err) =>
        new Bytes(ctx.head).startsWith(OIR_MAGIC)
          ? detection('oir', CONFIDENCE.MAGIC, { evidence: [{ source: 'header', detail: '"OLYMPUSRAWFORMAT" at byte 0.', weight: 0.9 }], problems: [`Metadata could not be read: ${String(err)}.`] })
          : null,
    ),
};
