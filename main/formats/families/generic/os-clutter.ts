import { fromHeader, fromName } from '../../kit/evidence';
import { headText } from '../../kit/text';
import { terminatedLines } from '../../kit/trim';
import { Bytes } from '../../kit/bytes';
import { CONFIDENCE, detection, type Detection, type DetectContext, type Detector } from '../../detector';

// Operating-system housekeeping files (shared/formats/name-hints.ts lists their names). The bytes decide;
// the name only raises a distinctive magic to STRUCTURE, or is required where the magic is shared. docs/formats.md §22.6.

/** .DS_Store (Mac::Finder::DSStore DSStoreFormat.pod; kaitai_struct_formats macos/ds_store.ksy): alignment
 * 00 00 00 01, "Bud1", then the bookkeeping block offset (u32 BE @8), its length (@12) and a copy of the offset (@16). */
const DS_STORE_MAGIC = [0x00, 0x00, 0x00, 0x01, 0x42, 0x75, 0x64, 0x31] as const;
/** AppleDouble header file (RFC 1740 §3; Apple's AppleSingle/AppleDouble note): magic 0x00051607, version
 * 0x00010000 or 0x00020000, 16 filler bytes, entry count u16 BE @24. */
const APPLE_DOUBLE_MAGIC = [0x00, 0x05, 0x16, 0x07] as const;
const APPLE_DOUBLE_VERSIONS = [0x00010000, 0x00020000] as const;
/** Entries in an AppleDouble header: Finder info, resource fork, a few attributes; far fewer than this. */
const MAX_APPLE_DOUBLE_ENTRIES = 64;
/** OLE2/CFB compound file ([MS-CFB] §2.2; docs/formats.md §1 OIB/Xradia rows): D0 CF 11 E0 A1 B1 1A E1. Shared by
 * Office, OIB, Xradia… so it is clutter only under a thumbnail-cache name. */
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;
/** [MS-CFB] §2.2: byte order FFFE at 28 (LE bytes FE FF), sector shift 9 or 12 at 30. */
const OLE2_BYTE_ORDER_OFFSET = 28;
const OLE2_SECTOR_SHIFT_OFFSET = 30;
const THUMBS_NAME = /^(thumbs|ehthumbs|ehthumbs_vista)\.db$/i;
const DS_STORE_NAME = /^\.ds_store$/i;
const APPLE_DOUBLE_NAME = /^\._./;
const DESKTOP_INI_NAME = /^desktop\.ini$/i;
/** Sections Windows Explorer writes in desktop.ini; the first is Explorer's alone, the others only count under the name. */
const SHELL_SECTION = /^\[\.ShellClassInfo\]$/;
const DESKTOP_INI_SECTION = /^\[(\.ShellClassInfo|ViewState|LocalizedFileNames|\{[0-9A-Fa-f-]{36}\})\]$/;
/** A desktop.ini whose text has none of Explorer's sections: the name and plain text only. */
const NAME_AND_TEXT_CONFIDENCE = CONFIDENCE.WEAK;
/** Explorer's sections in a file not named desktop.ini. */
const SECTIONS_ONLY_CONFIDENCE = 0.6;

function clutter(confidence: number, what: string, magic: string, nameAgrees: boolean, kind: string): Detection {
  return detection('os-clutter', confidence, {
    facts: { header: { value: { kind }, provenance: 'header' } },
    evidence: [fromHeader(`${what}: ${magic}.`, 1), ...(nameAgrees ? [fromName(`Its name is the one the operating system gives these files.`, 0.3)] : [])],
    problems: nameAgrees ? [] : [`${what} under an unusual name: operating-system metadata, not data.`],
  });
}

function dsStore(ctx: DetectContext, b: Bytes): Detection | null {
  if (!b.startsWith(DS_STORE_MAGIC)) return null;
  const offset = b.u32(8, false);
  if (offset === undefined || offset !== b.u32(16, false)) return null;
  const named = DS_STORE_NAME.test(ctx.name);
  return clutter(named ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, 'macOS Finder view settings (.DS_Store)', '"\\0\\0\\0\\1Bud1" buddy-allocator header with matching bookkeeping offsets', named, '.DS_Store');
}

function appleDouble(ctx: DetectContext, b: Bytes): Detection | null {
  if (!b.startsWith(APPLE_DOUBLE_MAGIC)) return null;
  const version = b.u32(4, false);
  const entries = b.u16(24, false);
  if (version === undefined || !(APPLE_DOUBLE_VERSIONS as readonly number[]).includes(version) || entries === undefined || entries > MAX_APPLE_DOUBLE_ENTRIES) return null;
  const named = APPLE_DOUBLE_NAME.test(ctx.name);
  return clutter(named ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, 'macOS AppleDouble resource fork / extended attributes', `magic 00 05 16 07, version ${version >>> 16}, ${entries} entr${entries === 1 ? 'y' : 'ies'}`, named, 'AppleDouble (._*)');
}

function thumbsDb(ctx: DetectContext, b: Bytes): Detection | null {
  if (!b.startsWith(OLE2_MAGIC) || !THUMBS_NAME.test(ctx.name)) return null;
  const shift = b.u16(OLE2_SECTOR_SHIFT_OFFSET, true);
  if (b.u16(OLE2_BYTE_ORDER_OFFSET, true) !== 0xfffe || (shift !== 9 && shift !== 12)) return null;
  return clutter(CONFIDENCE.STRUCTURE, 'Windows Explorer thumbnail cache (Thumbs.db)', 'OLE2 compound-file header D0 CF 11 E0 A1 B1 1A E1', true, 'Thumbs.db');
}

function desktopIni(ctx: DetectContext): Detection | null {
  const named = DESKTOP_INI_NAME.test(ctx.name);
  const t = headText(ctx);
  if (!t) return null;
  // Tested on each trimmed line: the same as `/^\s*\[…\]\s*$/m` over the head, whose `\s*` ran over every blank
  // line from each line start, quadratic on a head of blank lines (issue 12, finding 1).
  const section = named ? DESKTOP_INI_SECTION : SHELL_SECTION;
  const sections = terminatedLines(t.text).some((l) => section.test(l.trim()));
  if (!sections && !named) return null;
  const confidence = sections ? (named ? CONFIDENCE.STRUCTURE : SECTIONS_ONLY_CONFIDENCE) : NAME_AND_TEXT_CONFIDENCE;
  return clutter(confidence, 'Windows Explorer folder settings (desktop.ini)', sections ? 'INI text with an Explorer section ([.ShellClassInfo], [ViewState]…)' : 'plain text under that name', named, 'desktop.ini');
}

/** Operating-system housekeeping files: .DS_Store, AppleDouble "._*", Thumbs.db, desktop.ini. */
export const osClutterDetector: Detector = {
  id: 'generic-os-clutter',
  formats: ['os-clutter'],
  sniff: (ctx) => {
    const b = new Bytes(ctx.head);
    return b.startsWith(DS_STORE_MAGIC) || b.startsWith(APPLE_DOUBLE_MAGIC) || (b.startsWith(OLE2_MAGIC) && THUMBS_NAME.test(ctx.name)) || DESKTOP_INI_NAME.test(ctx.name) || ctx.head.subarray(0, 4096).includes(0x5b);
  },
  async detect(ctx) {
    const b = new Bytes(ctx.head);
    return dsStore(ctx, b) ?? appleDouble(ctx, b) ?? thumbsDb(ctx, b) ?? desktopIni(ctx);
  },
};
