import { readInFile } from '../../kit/read';
import { fromHeader } from '../../kit/evidence';
import { clip } from '../../kit/strings';
import { Bytes } from '../../kit/bytes';
import { CONFIDENCE, detection, type DetectContext, type Detector } from '../../detector';

// ZIP, PKWARE APPNOTE.TXT 6.3: §4.3.7 local file header, §4.3.12 central directory header, §4.3.14–4.3.16
// ZIP64 end of central directory record/locator and end of central directory record. Little-endian.
// docs/formats.md §22.2.
const LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04] as const; // "PK\3\4", 0x04034b50
const EMPTY_ARCHIVE = [0x50, 0x4b, 0x05, 0x06] as const; // an archive that is only its EOCD record
const EOCD_SIG = [0x50, 0x4b, 0x05, 0x06] as const; // 0x06054b50
const CENTRAL_SIG = 0x02014b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
/** §4.3.16: the EOCD record is 22 bytes plus a comment of at most 65535 bytes, so it lies in the last 65557 bytes. */
const EOCD_SIZE = 22;
const EOCD_SEARCH_BYTES = EOCD_SIZE + 0xffff;
/** §4.3.15 ZIP64 locator (20 bytes, right before the EOCD) and §4.3.14 ZIP64 EOCD record (56 bytes fixed part). */
const ZIP64_LOCATOR_SIZE = 20;
const ZIP64_EOCD_SIZE = 56;
/** §4.3.12 central directory header: 46 bytes before the name. */
const CENTRAL_HEADER_SIZE = 46;
/** Central directory bytes read: 1 MiB holds ~10 000 typical entries, enough to recognise any container. */
const ZIP_CD_READ_BYTES = 1024 * 1024;
/** Entries scanned for container hints. */
const ZIP_MAX_SCANNED_ENTRIES = 10_000;
/** Entry names listed in the header fact. */
const ZIP_LISTED_NAMES = 8;
/** Extensions listed in the `contains` summary of the header fact (the most frequent first). */
const ZIP_LISTED_EXTENSIONS = 8;
/** §4.4.4 general purpose bit 0: the entry is encrypted. */
const FLAG_ENCRYPTED = 0x0001;

// §4.4.4 bit 11 marks UTF-8 names; older names are IBM 437, read as UTF-8 too, which is exact for ASCII names.
const utf8 = new TextDecoder('utf-8');

/** Known containers built on ZIP; other families read them, this note only explains the entries. */
const CONTAINER_HINTS: readonly { readonly what: string; readonly test: (names: readonly string[]) => boolean }[] = [
  // JPK force archives: header.properties at the top and segments/<n>/… (JPK archive readers, e.g. jpkfile).
  { what: 'a JPK force-curve archive (.jpk-force)', test: (n) => n.includes('header.properties') && n.some((x) => x.startsWith('segments/')) },
  // Zarr v2 (.zgroup/.zarray/.zattrs) or v3 (zarr.json) stores, zipped (docs/formats.md §0.7, §9).
  { what: 'a zipped Zarr store (.zarr.zip)', test: (n) => n.some((x) => /(^|\/)(\.zgroup|\.zarray|\.zattrs|zarr\.json)$/.test(x)) },
  { what: 'an Office Open XML document', test: (n) => n.includes('[Content_Types].xml') },
  { what: 'an OpenDocument or EPUB file', test: (n) => n[0] === 'mimetype' },
  { what: 'a Java archive', test: (n) => n.includes('META-INF/MANIFEST.MF') },
  { what: 'a macOS Finder archive (with __MACOSX/ resource-fork entries)', test: (n) => n.some((x) => x.startsWith('__MACOSX/')) },
];

/** What a ZIP's end-of-central-directory record and central directory say (entry names bounded by ZIP_MAX_SCANNED_ENTRIES). */
export interface Directory {
  readonly entries: number;
  readonly names: string[];
  readonly zip64: boolean;
  readonly comment: string;
  readonly encrypted: boolean;
  readonly problems: string[];
}

/** Finds the EOCD record in the tail (the last one whose comment length fits) and reads the central directory. */
export async function readDirectory(ctx: DetectContext): Promise<Directory | null> {
  const tailStart = Math.max(0, ctx.size - EOCD_SEARCH_BYTES);
  const tail = ctx.head.length >= ctx.size ? ctx.head.subarray(tailStart) : await readInFile(ctx, tailStart, EOCD_SEARCH_BYTES);
  if (!tail) return null;
  const t = new Bytes(tail);
  let at = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (t.startsWith(EOCD_SIG, i) && i + EOCD_SIZE + (t.u16(i + 20) ?? 0) <= tail.length) {
      at = i;
      break;
    }
  }
  if (at < 0) return null;
  const problems: string[] = [];
  let entries = t.u16(at + 10)!;
  let cdSize = t.u32(at + 12)!;
  let cdOffset = t.u32(at + 16)!;
  const comment = utf8.decode(t.slice(at + EOCD_SIZE, t.u16(at + 20)!)).trim();
  let zip64 = false;
  // All-ones values mean "read the ZIP64 record instead" (APPNOTE §4.4.1.4).
  if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    zip64 = true;
    const loc = at - ZIP64_LOCATOR_SIZE;
    const rec = t.u32(loc) === ZIP64_LOCATOR_SIG ? t.u64(loc + 8) : undefined;
    const z = rec === undefined ? null : await readInFile(ctx, rec, ZIP64_EOCD_SIZE);
    const zb = z ? new Bytes(z) : null;
    if (zb && zb.u32(0) === ZIP64_EOCD_SIG && zb.u64(32) !== undefined && zb.u64(40) !== undefined && zb.u64(48) !== undefined) {
      entries = zb.u64(32)!;
      cdSize = zb.u64(40)!;
      cdOffset = zb.u64(48)!;
    } else {
      problems.push('ZIP64 archive whose ZIP64 end-of-central-directory record could not be read.');
      return { entries, names: [], zip64, comment, encrypted: false, problems };
    }
  }
  // Data prepended to the archive (self-extractors) shifts every offset: the directory then ends right before the EOCD.
  const eocdAbs = tailStart + at;
  const candidates = [cdOffset, eocdAbs - (zip64 ? ZIP64_LOCATOR_SIZE + ZIP64_EOCD_SIZE : 0) - cdSize];
  let cd: Uint8Array | null = null;
  for (const off of candidates) {
    if (off < 0 || off >= ctx.size) continue;
    const bytes = off + 4 <= ctx.head.length && off + Math.min(cdSize, ZIP_CD_READ_BYTES) <= ctx.head.length ? ctx.head.subarray(off, off + Math.min(cdSize, ZIP_CD_READ_BYTES)) : await readInFile(ctx, off, Math.min(cdSize, ZIP_CD_READ_BYTES));
    if (bytes && new Bytes(bytes).u32(0) === CENTRAL_SIG) {
      if (off !== cdOffset) problems.push(`The central directory is at byte ${off}, not ${cdOffset}: ${off - cdOffset} bytes precede the archive.`);
      cd = bytes;
      break;
    }
  }
  const names: string[] = [];
  let encrypted = false;
  if (!cd) {
    if (entries > 0) problems.push(`The central directory (${entries} entries at byte ${cdOffset}) could not be found.`);
    return { entries, names, zip64, comment, encrypted, problems };
  }
  const c = new Bytes(cd);
  let p = 0;
  for (let i = 0; i < Math.min(entries, ZIP_MAX_SCANNED_ENTRIES); i++) {
    if (c.u32(p) !== CENTRAL_SIG) break;
    const flags = c.u16(p + 8) ?? 0;
    const nameLen = c.u16(p + 28);
    const extraLen = c.u16(p + 30);
    const commentLen = c.u16(p + 32);
    if (nameLen === undefined || extraLen === undefined || commentLen === undefined || p + CENTRAL_HEADER_SIZE + nameLen > c.length) break;
    if (flags & FLAG_ENCRYPTED) encrypted = true;
    names.push(utf8.decode(c.slice(p + CENTRAL_HEADER_SIZE, nameLen)));
    p += CENTRAL_HEADER_SIZE + nameLen + extraLen + commentLen;
  }
  return { entries, names, zip64, comment, encrypted, problems };
}

/**
 * Files among the entry names (folders, ending "/", and macOS __MACOSX/ resource forks left out) and their
 * extensions by frequency, e.g. "lif ×2, txt ×1", so that a ZIP of LIF files can be told from one of scripts.
 */
export function summariseEntries(names: readonly string[]): { files: number; contains: string } {
  const byExt = new Map<string, number>();
  let files = 0;
  for (const n of names) {
    if (n.endsWith('/') || n.startsWith('__MACOSX/')) continue;
    files++;
    const base = n.slice(n.lastIndexOf('/') + 1);
    const dot = base.lastIndexOf('.');
    const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : '(none)';
    byExt.set(ext, (byExt.get(ext) ?? 0) + 1);
  }
  const top = [...byExt.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, ZIP_LISTED_EXTENSIONS);
  const more = byExt.size > ZIP_LISTED_EXTENSIONS ? ', …' : '';
  return { files, contains: top.map(([e, c]) => `${e} ×${c}`).join(', ') + more };
}

/** A ZIP archive: entry count and first names from the central directory; notes containers other readers own. */
export const zipDetector: Detector = {
  id: 'generic-zip',
  formats: ['zip'],
  sniff: (ctx) => {
    const b = new Bytes(ctx.head);
    return b.startsWith(LOCAL_HEADER) || (b.startsWith(EMPTY_ARCHIVE) && ctx.size === EOCD_SIZE);
  },
  async detect(ctx) {
    const b = new Bytes(ctx.head);
    const empty = b.startsWith(EMPTY_ARCHIVE) && ctx.size === EOCD_SIZE;
    if (!b.startsWith(LOCAL_HEADER) && !empty) return null;
    // §4.3.7: name length at 26, extra length at 28, name at 30.
    const firstLen = b.u16(26);
    const first = !empty && firstLen !== undefined && firstLen > 0 ? utf8.decode(b.slice(30, firstLen)) : undefined;
    if (!empty && (firstLen === undefined || !first)) return null;
    const dir = await readDirectory(ctx);
    const problems = dir ? [...dir.problems] : [`No end-of-central-directory record in the last ${EOCD_SEARCH_BYTES} bytes: the archive is truncated or still being written.`];
    const names = dir && dir.names.length > 0 ? dir.names : first ? [first] : [];
    const header: Record<string, string | number | boolean> = {};
    if (dir) Object.assign(header, { entries: dir.entries, zip64: dir.zip64 });
    if (dir?.encrypted) header['encrypted'] = true;
    if (dir?.comment) header['comment'] = clip(dir.comment);
    if (names.length > 0) header['firstEntries'] = clip(names.slice(0, ZIP_LISTED_NAMES).join(', '), 400);
    const contents = summariseEntries(names);
    if (contents.files > 0) Object.assign(header, { files: contents.files, contains: contents.contains });
    const evidence = [fromHeader(`ZIP local file header "PK\\3\\4" at byte 0${dir ? ` and an end-of-central-directory record listing ${dir.entries} entr${dir.entries === 1 ? 'y' : 'ies'}` : ''}.`, 1)];
    if (empty) evidence[0] = fromHeader('An empty ZIP archive: only its end-of-central-directory record "PK\\5\\6".', 1);
    for (const hint of CONTAINER_HINTS) {
      if (hint.test(names)) evidence.push(fromHeader(`Its entries look like ${hint.what}; that format's own reader decides, here it stays a ZIP archive.`, 0.3));
    }
    return detection('zip', CONFIDENCE.MAGIC, { facts: { header: { value: header, provenance: 'header' } }, evidence, problems });
  },
};
