import { fromHeader } from '../../kit/evidence';
import { clip } from '../../kit/strings';
import { looksLikeText } from '../../kit/text';
import { Bytes } from '../../kit/bytes';
import { CONFIDENCE, detection, type Detector } from '../../detector';
import { gunzipHead, isGzip } from '../../gzip-head';

// POSIX ustar (IEEE Std 1003.1, pax "ustar Interchange Format"; git tar.h / GNU tar.h struct posix_header):
// 512-byte header blocks; name[100] @0, size[12] @124 (octal), chksum[8] @148, typeflag @156,
// magic[6] @257 ("ustar\0"), version[2] @263 ("00"), prefix[155] @345. Old GNU tar writes "ustar  \0" at 257.
// docs/formats.md §22.3.
const TAR_BLOCK = 512;
const MAGIC_OFFSET = 257;
const POSIX_MAGIC = 'ustar\0';
const GNU_MAGIC = 'ustar  \0';
const CHKSUM_OFFSET = 148;
const CHKSUM_LENGTH = 8;
const TYPEFLAG_OFFSET = 156;
const SIZE_OFFSET = 124;
const PREFIX_OFFSET = 345;
/** typeflag values: POSIX '0'–'7' (NUL = old regular file), pax 'x'/'g' extended headers, GNU 'L' long name. */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  '0': 'file',
  '\0': 'file',
  '1': 'hard link',
  '2': 'symbolic link',
  '3': 'character device',
  '4': 'block device',
  '5': 'directory',
  '6': 'FIFO',
  '7': 'contiguous file',
  x: 'pax extended header',
  g: 'pax global header',
  L: 'GNU long name',
};
/** Headers followed to reach the first real member (past pax/GNU long-name headers). */
const MAX_TAR_HEADERS = 4;
/** Longest pax/GNU long name read. */
const MAX_LONG_NAME = 4096;

/** gzip, RFC 1952 §2.3: ID1 1F, ID2 8B, CM 8 (deflate), FLG, MTIME (4, LE), XFL, OS; then optional fields by FLG. */
const FTEXT = 0x01;
const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
const FLG_RESERVED = 0xe0;
const GZIP_FIXED_HEADER = 10;
/** Longest FNAME/FCOMMENT read (zero-terminated ISO 8859-1). */
const MAX_GZIP_STRING = 1024;
/** Below the specific readers of gzip-wrapped formats (NIfTI .nii.gz, FASTQ .fastq.gz, BGZF/BAM) and of tar.gz. */
const GZIP_CONFIDENCE = 0.6;
/** A ustar magic whose header checksum does not add up: a damaged archive, or a coincidence. */
const TAR_BAD_CHECKSUM_CONFIDENCE = 0.6;
/** RFC 1952 §2.3.1 OS codes. */
const GZIP_OS: Readonly<Record<number, string>> = { 0: 'FAT', 3: 'Unix', 7: 'Macintosh', 11: 'NTFS', 255: 'unknown' };

function octal(b: Bytes, offset: number, length: number): number | undefined {
  const text = b.ascii(offset, length).trim();
  return /^[0-7]+$/.test(text) ? parseInt(text, 8) : undefined;
}

function tarMagic(b: Bytes): 'POSIX ustar' | 'GNU tar' | null {
  if (b.startsWith(GNU_MAGIC, MAGIC_OFFSET)) return 'GNU tar';
  if (b.startsWith(POSIX_MAGIC, MAGIC_OFFSET)) return 'POSIX ustar';
  return null;
}

/** §10.1.1: the checksum is the sum of the header bytes with the chksum field taken as spaces. */
function checksumOk(b: Bytes, at: number): boolean {
  const stored = octal(b, at + CHKSUM_OFFSET, CHKSUM_LENGTH);
  if (stored === undefined) return false;
  let sum = 0;
  for (let i = 0; i < TAR_BLOCK; i++) sum += i >= CHKSUM_OFFSET && i < CHKSUM_OFFSET + CHKSUM_LENGTH ? 0x20 : (b.u8(at + i) ?? 0);
  return sum === stored;
}

interface TarHead {
  readonly format: 'POSIX ustar' | 'GNU tar';
  readonly checksum: boolean;
  readonly name: string;
  readonly type: string;
  readonly pax: boolean;
}

/** Reads the first member of a tar stream (bytes from the start of the archive). */
function readTar(bytes: Uint8Array): TarHead | null {
  const b = new Bytes(bytes);
  const format = tarMagic(b);
  if (!format || b.length < TAR_BLOCK) return null;
  const checksum = checksumOk(b, 0);
  let at = 0;
  let longName: string | undefined;
  let pax = false;
  for (let i = 0; i < MAX_TAR_HEADERS && at + TAR_BLOCK <= b.length; i++) {
    const flag = String.fromCharCode(b.u8(at + TYPEFLAG_OFFSET) ?? 0);
    const size = octal(b, at + SIZE_OFFSET, 12) ?? 0;
    if (flag === 'x' || flag === 'g' || flag === 'L') {
      const data = new TextDecoder().decode(b.slice(at + TAR_BLOCK, Math.min(size, MAX_LONG_NAME)));
      if (flag === 'L') longName = data.replace(/\0.*$/s, '');
      else {
        pax = true;
        // pax records: "<length> path=<name>\n".
        longName = /(?:^|\n)\d+ path=([^\n]*)/.exec(data)?.[1] ?? longName;
      }
      at += TAR_BLOCK + Math.ceil(size / TAR_BLOCK) * TAR_BLOCK;
      continue;
    }
    const prefix = b.ascii(at + PREFIX_OFFSET, 155);
    const base = b.ascii(at, 100);
    const name = longName ?? (prefix && format === 'POSIX ustar' ? `${prefix}/${base}` : base);
    return { format, checksum, name, type: TYPE_NAMES[flag] ?? `type "${clip(flag, 4)}"`, pax };
  }
  return { format, checksum, name: longName ?? b.ascii(0, 100), type: 'unknown', pax };
}

/** A tar archive (POSIX ustar or GNU), plain or gzip-compressed: the first member's name and type. */
export const tarDetector: Detector = {
  id: 'generic-tar',
  formats: ['tar'],
  sniff: (ctx) => isGzip(ctx.head) || tarMagic(new Bytes(ctx.head)) !== null,
  async detect(ctx) {
    const gz = isGzip(ctx.head);
    const bytes = gz ? gunzipHead(ctx.head) : ctx.head;
    const t = bytes ? readTar(bytes) : null;
    if (!t) return null;
    const header = { format: t.pax ? `${t.format} (pax)` : t.format, firstMember: clip(t.name), firstMemberType: t.type, compression: gz ? 'gzip' : 'none', checksum: t.checksum ? 'ok' : 'mismatch' };
    return detection('tar', t.checksum ? CONFIDENCE.MAGIC : TAR_BAD_CHECKSUM_CONFIDENCE, {
      facts: { header: { value: header, provenance: 'header' } },
      evidence: [
        fromHeader(`${gz ? 'gzip-compressed tar: after inflating the first bytes, ' : ''}"${t.format === 'GNU tar' ? 'ustar  ' : 'ustar'}" at byte ${MAGIC_OFFSET} of a 512-byte header${t.checksum ? ' whose checksum adds up' : ''}; first member "${clip(t.name, 80)}".`, 1),
      ],
      problems: t.checksum ? [] : ['The first tar header checksum does not match its bytes.'],
    });
  },
};

function zeroTerminated(b: Bytes, at: number): { text: string; end: number } | null {
  const nul = b.indexOf([0], at, at + MAX_GZIP_STRING + 1);
  if (nul < 0) return null;
  return { text: String.fromCharCode(...b.slice(at, nul - at)), end: nul + 1 };
}

/** A gzip stream (RFC 1952): original name, modification time and OS; what it inflates to is a hint only. */
export const gzipDetector: Detector = {
  id: 'generic-gzip',
  formats: ['gzip'],
  sniff: (ctx) => isGzip(ctx.head),
  async detect(ctx) {
    if (!isGzip(ctx.head)) return null;
    const b = new Bytes(ctx.head);
    const flg = b.u8(3);
    if (flg === undefined || flg & FLG_RESERVED) return null;
    const problems: string[] = [];
    const header: Record<string, string | number | boolean> = {};
    const mtime = b.u32(4);
    if (mtime) header['modified'] = new Date(mtime * 1000).toISOString();
    const os = b.u8(9);
    if (os !== undefined) header['os'] = GZIP_OS[os] ?? `code ${os}`;
    if (flg & FTEXT) header['text'] = true;
    let p = GZIP_FIXED_HEADER;
    if (flg & FEXTRA) {
      const xlen = b.u16(p);
      if (xlen === undefined) problems.push('Truncated inside the extra field.');
      else {
        // BGZF (the BAM block format) is gzip with an extra subfield "BC" (SAM/BAM specification §4.1).
        if (b.ascii(p + 2, 2) === 'BC') header['bgzf'] = true;
        p += 2 + xlen;
      }
    }
    if (flg & FNAME) {
      const s = zeroTerminated(b, p);
      if (s) {
        header['originalName'] = clip(s.text);
        p = s.end;
      } else problems.push('The original file name is not terminated within 1 KiB.');
    }
    if (flg & FCOMMENT) {
      const s = zeroTerminated(b, p);
      if (s) {
        header['comment'] = clip(s.text);
        p = s.end;
      }
    }
    if (flg & FHCRC) p += 2;
    const inner = gunzipHead(ctx.head);
    if (!inner) problems.push('The compressed data does not inflate.');
    const content = !inner ? undefined : tarMagic(new Bytes(inner)) ? 'a tar archive' : looksLikeText(inner) ? 'text' : 'binary data';
    if (content) header['content'] = content;
    const name = header['originalName'] ? `, original name "${header['originalName']}"` : '';
    return detection('gzip', GZIP_CONFIDENCE, {
      facts: { header: { value: header, provenance: 'header' } },
      evidence: [fromHeader(`gzip header 1F 8B 08 (deflate)${name}${content ? `; it inflates to ${content}` : ''}.`, 0.8)],
      problems,
    });
  },
};
