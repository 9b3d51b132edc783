import { parseXml } from '../../kit/xml';
import { Bytes } from '../../kit/bytes';
import type { FormatId } from '../../../../shared/formats/format-catalog';
import { type TiffFile } from './reader';
import { T } from './values';
import { EER_COMPRESSIONS, PRIVATE, TAG } from './tags';

/** What the tags of IFD0 say the file is, most specific first, and why. */
export interface Classification {
  readonly format: FormatId;
  /** One sentence for the evidence list. */
  readonly because: string;
  /** True when the structure behind the tag was checked, not only its presence. */
  readonly verified: boolean;
}

/** Bytes of 65001 compared with "<metadata>" (tifffile `TiffPage.is_eer`: value[:10] == b'<metadata>'). */
const EER_XML_PREFIX = '<metadata>';
/** Characters of the Operetta XML searched for the vendor names (Bio-Formats OperettaReader: index < 1024). */
const OPERETTA_SEARCH_CHARS = 1024;
/** Vendor names in the Operetta/Harmony XML (Bio-Formats OperettaReader HARMONY_MAGIC, OPERETTA_MAGIC; docs/formats.md adds Phenix). */
const OPERETTA_MARKERS = ['Harmony', 'Operett', 'Phenix'];
/** cellSens VSI volume header at byte 8: u16 header size 24, u16 version 21321 (Bio-Formats CellSensReader.readTags). */
const VSI_HEADER_AT = 8;
const VSI_HEADER_SIZE = 24;
const VSI_VERSION = 21321;
/** CZ_LSMINFO magic numbers (tifffile `read_cz_lsminfo`: 50350412 or 67127628, little-endian). */
const LSM_MAGICS: ReadonlySet<number> = new Set([50350412, 67127628]);
/** Tags of the Gatan export range required before calling a file a DigitalMicrograph export. */
const GATAN_MIN_TAGS = 3;
/** Largest EER gain defect XML parsed to confirm it (defect lists are a few kB). */
export const MAX_GAIN_XML_BYTES = 1024 * 1024;
/** JPK tags 0x8000–0x8063 (Gwyddion jpk.h); counted for the extension-backed fallback. */
const JPK_FIRST = 0x8000;
const JPK_LAST = 0x8063;
const JPK_MIN_TAGS = 3;

const classified = new WeakMap<TiffFile, Promise<Classification>>();

/** Classifies once per file (the TIFF detectors share it). */
export function classify(t: TiffFile): Promise<Classification> {
  let p = classified.get(t);
  if (!p) {
    p = run(t);
    classified.set(t, p);
  }
  return p;
}

function plain(t: TiffFile): Classification {
  return { format: t.header.bigTiff ? 'bigtiff' : 'tiff', because: 'No vendor or application tags recognised in IFD0.', verified: false };
}

async function run(t: TiffFile): Promise<Classification> {
  if (!t.ifd0) return plain(t);
  const checks = [eer, eerGain, vsi, ome, flex, svs, fei, zeissSem, jeol, gatan, olympusSis, lsm, stk, microManager, operetta, jpk, imageJ];
  for (const check of checks) {
    const c = await check(t);
    if (c) return c;
  }
  return plain(t);
}

/**
 * Types tag 65001 may have: UNDEFINED as TFS writes it (tifffile is_eer checks dtype 7) and BYTE, the other
 * uninterpreted 8-bit type (TIFF 6.0 Section 2). ASCII is not accepted: text tags 65000+ are other vendors'.
 */
const EER_XML_TYPES: ReadonlySet<number> = new Set([T.UNDEFINED, T.BYTE]);
/** Bytes of tag 65001 searched for "<metadata": room for a BOM, an XML declaration and blanks before it. */
const EER_XML_SEARCH_BYTES = 256;

/** True when the text starts, after an optional BOM, XML declaration and blanks, with the EER root element. */
function startsWithEerRoot(head: string): boolean {
  let s = head.replace(/^\uFEFF/, '').trimStart();
  if (s.startsWith('<?xml')) {
    const end = s.indexOf('?>');
    if (end < 0) return false;
    s = s.slice(end + 2).trimStart();
  }
  return s.startsWith(EER_XML_PREFIX.slice(0, -1)) && (s[EER_XML_PREFIX.length - 1] === '>' || s[EER_XML_PREFIX.length - 1] === ' ');
}

/**
 * EER (TFS "EER file format" spec; tifffile is_eer; FEI EerReader EerFile.cpp: TIFFTAG_EER_ACQUISITION_METADATA
 * = 65001, TIFF_COMPRESSION_EER_V0/V1 = 65000/65001). Two things identify it, and the tag number 65001 must
 * not be confused with the compression value 65001:
 *  - tag 65001 holding the `<metadata>` acquisition XML (format v2.2 and later), possibly after an XML
 *    declaration, typed UNDEFINED or BYTE — on a BigTIFF this is EER (verified); on a classic TIFF only when the
 *    frames are EER-compressed;
 *  - IFD0 compressed with 65000–65002 and no tag 65001 at all (every EER frame is so compressed; files before
 *    v2.2 carry no acquisition XML): EER on a BigTIFF or a file named .eer, unverified (docs/formats.md §3.1).
 */
async function eer(t: TiffFile): Promise<Classification | null> {
  const e = t.entry(PRIVATE.EerAcquisition);
  const compression = await t.number(TAG.Compression);
  const eerCompressed = compression !== undefined && EER_COMPRESSIONS.has(compression);
  if (e && EER_XML_TYPES.has(e.type)) {
    const start = await t.bytes(PRIVATE.EerAcquisition, EER_XML_SEARCH_BYTES);
    if (start && startsWithEerRoot(new TextDecoder().decode(start))) {
      if (t.header.bigTiff) return { format: 'eer', because: `BigTIFF whose tag 65001 (type ${e.type}) holds the "<metadata>" EER acquisition XML (tifffile is_eer).`, verified: true };
      if (eerCompressed) return { format: 'eer', because: `Tag 65001 holds the "<metadata>" XML and frames use EER compression ${compression}, but the file is classic TIFF, not BigTIFF.`, verified: false };
    }
  }
  // Only without a tag 65001: other vendors reuse 65000+ for their own tags and compressions (families/tiff.ts nuvu_frames).
  if (!e && eerCompressed && (t.header.bigTiff || t.ctx.ext === '.eer' || t.ctx.ext === '.mrc.eer')) {
    return { format: 'eer', because: `IFD0 uses EER compression ${compression} (${compression === 65000 ? 'v0' : compression === 65001 ? 'v1' : 'v2'}) with no acquisition XML in tag 65001: an EER movie from before format v2.2 (or stripped of its metadata).`, verified: false };
  }
  return null;
}

async function eerGain(t: TiffFile): Promise<Classification | null> {
  if (!t.has(PRIVATE.EerGain)) return null;
  const xml = (await t.text(PRIVATE.EerGain, MAX_GAIN_XML_BYTES))?.trim();
  if (!xml?.startsWith('<') || !parseXml(xml)) return null;
  return { format: 'eer-gain', because: 'Tag 65100 holds XML: the TFS EER gain-reference defect list (scipion-em-motioncorr parseEERDefects).', verified: true };
}

/** True when tag 33560 points to an OlympusSIS structure ("SIS0", tifffile read_sis). */
async function carriesSis(t: TiffFile): Promise<boolean> {
  if (!t.has(PRIVATE.OlympusSis)) return false;
  const sis = await t.structure(PRIVATE.OlympusSis, 4);
  return sis !== undefined && new Bytes(sis).startsWith('SIS0');
}

/**
 * cellSens VSI (Bio-Formats CellSensReader): a `.vsi` whose byte 8 starts the cellSens tag container (header
 * size 24, version 21321) and whose pixels live in `_<name>_/stackN/` .ets files. Olympus Soft Imaging's TEM software
 * (iTEM/RADIUS, Quemesa/Morada/Veleta cameras) writes TIFFs of the same family: an SIS TIFF carries the
 * OlympusSIS structure in tag 33560 (tifffile read_sis: camera, magnification, pixel size), which a cellSens
 * slide does not need. So a container at byte 8 makes a VSI only when the file is named .vsi or carries no SIS
 * structure; a named .vsi stays VSI (docs/formats.md §3.2).
 */
async function vsi(t: TiffFile): Promise<Classification | null> {
  const b = new Bytes(t.ctx.head, t.header.littleEndian);
  const container = t.header.ifd0 !== VSI_HEADER_AT && b.u16(VSI_HEADER_AT) === VSI_HEADER_SIZE && b.u16(VSI_HEADER_AT + 2) === VSI_VERSION;
  const named = t.ctx.ext === '.vsi';
  if (container && !named && (await carriesSis(t))) return null; // an Olympus SIS TIFF: olympusSis below decides
  if (container) {
    return { format: 'vsi', because: `cellSens volume header at byte 8 (header size 24, version ${VSI_VERSION}), as Bio-Formats CellSensReader reads it.`, verified: true };
  }
  if (named) return { format: 'vsi', because: 'TIFF named .vsi: Olympus cellSens slide (Bio-Formats CellSensReader accepts the suffix; tifffile keeps .vsi apart from SIS).', verified: false };
  return null;
}

async function ome(t: TiffFile): Promise<Classification | null> {
  const d = await t.text(TAG.ImageDescription);
  if (!d || !d.includes('<OME') || !d.trimEnd().endsWith('OME>')) return null;
  return { format: 'ome-tiff', because: 'ImageDescription of IFD0 holds an OME-XML document (tifffile is_ome).', verified: true };
}

/** Characters of tag 65200 searched for the FlexXML root elements (Bio-Formats FlexReader parses <Root> … <FLEX>). */
const FLEX_SEARCH_CHARS = 4096;
/** ImageDescription prefix of Aperio slides (OpenSlide "Aperio format", Detection: ImageDescription starts with "Aperio"; Bio-Formats SVSReader.isThisType checks "Aperio Image Library"). */
const APERIO_PREFIX = 'Aperio';
const APERIO_LIBRARY = 'Aperio Image Library';

/**
 * Opera .flex (Bio-Formats FlexReader): IFD0 carries the FlexXML document in tag 65200. Verified when the XML's
 * start holds the <FLEX> element FlexReader's handler reads (its Plate, Well and Arrays children).
 */
async function flex(t: TiffFile): Promise<Classification | null> {
  if (!t.has(PRIVATE.FlexXml)) return null;
  const start = ((await t.text(PRIVATE.FlexXml)) ?? '').slice(0, FLEX_SEARCH_CHARS);
  const verified = start.includes('<FLEX') || start.includes('<Root');
  if (!verified && t.ctx.ext !== '.flex') return null;
  return { format: 'opera-flex', because: `Tag 65200 holds ${verified ? 'the FlexXML document' : 'a value'} of an Opera .flex (Bio-Formats FlexReader FLEX = 65200).`, verified };
}

/**
 * Aperio SVS (OpenSlide "Aperio format"; Bio-Formats SVSReader): ImageDescription of IFD0 starts with "Aperio"
 * ("Aperio Image Library vX.Y" then |-separated key = value pairs). Verified with the full library prefix.
 */
async function svs(t: TiffFile): Promise<Classification | null> {
  const d = (await t.text(TAG.ImageDescription))?.trimStart();
  if (!d?.startsWith(APERIO_PREFIX)) return null;
  const verified = d.startsWith(APERIO_LIBRARY);
  return { format: 'aperio-svs', because: `ImageDescription starts with "${verified ? APERIO_LIBRARY : APERIO_PREFIX}" (OpenSlide Aperio detection; Bio-Formats SVSReader).`, verified };
}

async function fei(t: TiffFile): Promise<Classification | null> {
  // Bio-Formats FEITiffReader: the Titan tag is checked first; Helios files may carry an empty Titan tag.
  for (const tag of [PRIVATE.FeiTitan, PRIVATE.FeiHelios, PRIVATE.FeiSfeg]) {
    if (!t.has(tag)) continue;
    const text = (await t.text(tag))?.trim();
    if (!text) continue;
    const verified = text.startsWith('<') || /^\[[^\]\n]+\]/m.test(text);
    return { format: 'fei-tiff', because: `FEI/Thermo private tag ${tag} holds ${text.startsWith('<') ? 'XML' : 'INI'} metadata (tifffile is_fei; Bio-Formats FEITiffReader).`, verified };
  }
  return null;
}

async function zeissSem(t: TiffFile): Promise<Classification | null> {
  if (!t.has(PRIVATE.CzSem)) return null;
  const text = (await t.text(PRIVATE.CzSem)) ?? '';
  const verified = /^(AP|DP|SV)_[A-Z0-9_]+\s*$/m.test(text);
  return { format: 'zeiss-sem-tiff', because: 'Zeiss SEM private tag 34118 (CZ_SEM; tifffile is_sem, Bio-Formats LEOReader).', verified };
}

async function jeol(t: TiffFile): Promise<Classification | null> {
  const d = (await t.text(TAG.ImageDescription))?.trimStart();
  if (d && /^(<\?xml[^>]*\?>\s*)?<TemReporter/.test(d)) return { format: 'jeol-tiff', because: 'ImageDescription is JEOL TemReporter XML (docs/formats.md §1).', verified: true };
  const make = (await t.text(TAG.Make))?.trim();
  if (make?.startsWith('JEOL')) return { format: 'jeol-tiff', because: `Make is "${make}" (docs/formats.md §1: JEOL TIFFs carry Make "JEOL Ltd.").`, verified: false };
  return null;
}

async function gatan(t: TiffFile): Promise<Classification | null> {
  const tags = t.tagsBetween(PRIVATE.GatanFirst, PRIVATE.GatanLast);
  if (tags.length < GATAN_MIN_TAGS) return null;
  const tree = await t.bytes(PRIVATE.GatanTagTree, 8);
  if (tree && new Bytes(tree, false).u32(0) === 4 && new Bytes(tree, false).u32(4) === 0) {
    return { format: 'gatan-tiff', because: `${tags.length} DigitalMicrograph tags 65003–65027, and tag 65027 starts like a DM4 tag tree (00 00 00 04).`, verified: true };
  }
  if (t.entry(PRIVATE.GatanXScale)?.type === T.DOUBLE && t.entry(PRIVATE.GatanXUnit)?.type === T.ASCII) {
    return { format: 'gatan-tiff', because: `${tags.length} DigitalMicrograph tags 65003–65027 with a unit (65003) and a scale (65009).`, verified: false };
  }
  return null;
}

async function olympusSis(t: TiffFile): Promise<Classification | null> {
  const sis = await t.structure(PRIVATE.OlympusSis, 4);
  if (sis && new Bytes(sis).startsWith('SIS0')) return { format: 'olympus-sis-tiff', because: 'Tag 33560 holds an Olympus SIS structure ("SIS0", tifffile read_sis).', verified: true };
  if (t.has(PRIVATE.OlympusSis) || t.has(PRIVATE.OlympusIni)) return { format: 'olympus-sis-tiff', because: 'Olympus SIS private tag 33560/33471 (tifffile is_sis).', verified: false };
  const make = (await t.text(TAG.Make))?.trim() ?? '';
  if (make.startsWith('Olympus Soft Imaging Solutions')) return { format: 'olympus-sis-tiff', because: `Make is "${make}".`, verified: false };
  if (t.has(PRIVATE.OlympusSis2) && make.startsWith('Olympus')) return { format: 'olympus-sis-tiff', because: 'Tag 34853 with an Olympus Make (Bio-Formats SISReader).', verified: false };
  return null;
}

async function lsm(t: TiffFile): Promise<Classification | null> {
  if (!t.has(PRIVATE.CzLsmInfo)) return null;
  const head = await t.structure(PRIVATE.CzLsmInfo, 4);
  const magic = head ? new Bytes(head, true).u32(0) : undefined;
  const verified = magic !== undefined && LSM_MAGICS.has(magic);
  return { format: 'zeiss-lsm', because: `Zeiss LSM tag 34412 (CZ_LSMINFO${verified ? ', magic number checked' : ''}; tifffile is_lsm).`, verified };
}

async function stk(t: TiffFile): Promise<Classification | null> {
  if (!t.has(PRIVATE.Uic1)) return null;
  return { format: 'metamorph-stk', because: 'MetaMorph UIC1 tag 33628 (tifffile is_stk).', verified: t.has(PRIVATE.Uic2) };
}

async function microManager(t: TiffFile): Promise<Classification | null> {
  if (!t.has(PRIVATE.MicroManager)) return null;
  const text = (await t.text(PRIVATE.MicroManager))?.trim() ?? '';
  return { format: 'micromanager-tiff', because: 'Micro-Manager metadata tag 51123 (tifffile is_micromanager).', verified: text.startsWith('{') };
}

async function operetta(t: TiffFile): Promise<Classification | null> {
  if (!t.has(PRIVATE.OperettaXml)) return null;
  const start = ((await t.text(PRIVATE.OperettaXml)) ?? '').slice(0, OPERETTA_SEARCH_CHARS);
  const marker = OPERETTA_MARKERS.find((m) => start.includes(m));
  if (!marker) return null;
  return { format: 'operetta-tiff', because: `Tag 65500 holds PerkinElmer XML naming "${marker}" (Bio-Formats OperettaReader).`, verified: true };
}

async function jpk(t: TiffFile): Promise<Classification | null> {
  const u = await t.number(PRIVATE.JpkGridULength);
  const v = await t.number(PRIVATE.JpkGridVLength);
  const channel = t.entry(PRIVATE.JpkChannelFancyName)?.type === T.ASCII || t.entry(PRIVATE.JpkChannel)?.type === T.ASCII;
  if (u !== undefined && v !== undefined && u > 0 && v > 0 && channel) {
    return { format: 'jpk', because: 'JPK scan tags: grid lengths 0x8042/0x8043 and a channel name (Gwyddion jpkscan_detect).', verified: true };
  }
  if (t.ctx.ext.startsWith('.jpk') && t.tagsBetween(JPK_FIRST, JPK_LAST).length >= JPK_MIN_TAGS) {
    return { format: 'jpk', because: 'TIFF named .jpk with JPK private tags 0x8000–0x8063.', verified: false };
  }
  return null;
}

async function imageJ(t: TiffFile): Promise<Classification | null> {
  const d = await t.text(TAG.ImageDescription);
  if (!d || !(d.startsWith('ImageJ=') || d.startsWith('SCIFIO='))) return null;
  return { format: 'imagej-tiff', because: `ImageDescription starts with "${d.slice(0, 7)}" (tifffile imagej_description).`, verified: true };
}
