import { Bytes } from '../../kit/bytes';
import type { Facts } from '../../../../shared/formats/facts';
import type { Evidence } from '../../../../shared/model/evidence';
import { CONFIDENCE, detection, type Detection, type Detector } from '../../detector';
import { gunzipHead } from '../../gzip-head';
import { trimTrailingNul } from '../../kit/trim';

/** SAM header lines read (@HD, @SQ, @RG, @PG …): the fields we report are in the first few. */
const MAX_SAM_HEADER_LINES = 256;
/** Largest l_text believed (SAM headers with many @SQ lines reach a few MB; beyond is a damaged length). */
const MAX_L_TEXT = 256 * 1024 * 1024;
/**
 * CRAM versions (samtools/hts-specs CRAMv3.tex §"File definition": 1.0, 2.0, 2.1, 3.0; CRAMv3.1 and the
 * CRAMv4 draft add 3.1 and 4.0). docs/formats.md §23.
 */
const CRAM_VERSIONS = new Set(['1.0', '2.0', '2.1', '3.0', '3.1', '4.0']);

interface SamHeader {
  readonly version?: string;
  readonly sortOrder?: string;
  readonly program?: string;
  readonly platform?: string;
  readonly references: number;
}

/** Fields of a SAM header text (SAMv1.tex §1.3): @HD VN/SO, the first @PG PN/ID + VN, the first @RG PL, @SQ count. */
function samHeader(text: string): SamHeader {
  let version: string | undefined;
  let sortOrder: string | undefined;
  let program: string | undefined;
  let platform: string | undefined;
  let references = 0;
  for (const line of text.split('\n').slice(0, MAX_SAM_HEADER_LINES)) {
    const [tag, ...fields] = line.replace(/\r$/, '').split('\t');
    const field = (key: string) => fields.find((f) => f.startsWith(`${key}:`))?.slice(3) || undefined;
    if (tag === '@HD') {
      version = field('VN');
      sortOrder = field('SO');
    } else if (tag === '@SQ') references++;
    else if (tag === '@PG' && !program) {
      const name = field('PN') ?? field('ID');
      const vn = field('VN');
      program = name ? `${name}${vn ? ` ${vn}` : ''}` : undefined;
    } else if (tag === '@RG' && !platform) platform = field('PL');
  }
  return { ...(version ? { version } : {}), ...(sortOrder ? { sortOrder } : {}), ...(program ? { program } : {}), ...(platform ? { platform } : {}), references };
}

function factsFor(sam: SamHeader | undefined, header: Record<string, string | number | boolean>): Facts {
  const facts: Facts = { omics: { value: { kind: 'alignments', ...(sam?.platform ? { platform: sam.platform } : {}) }, provenance: 'header' } };
  if (sam?.program) facts.software = { value: sam.program, provenance: 'header' };
  const h: Record<string, string | number | boolean> = { ...header };
  if (sam?.version) h['samVersion'] = sam.version;
  if (sam?.sortOrder) h['sortOrder'] = sam.sortOrder;
  if (sam) h['sqLinesRead'] = sam.references;
  facts.header = { value: h, provenance: 'header' };
  return facts;
}

/**
 * BGZF block header (SAMv1.tex §4.1): gzip ID1 31, ID2 139, CM 8, FLG with FEXTRA (4), XLEN (u16 at 10), and an
 * extra subfield SI1 66 ("B"), SI2 67 ("C"), SLEN 2 carrying BSIZE (total block size − 1). Subfields are walked,
 * since the spec allows others. Returns BSIZE, or undefined when this is not a BGZF block.
 */
function bgzfBlockSize(b: Bytes): number | undefined {
  if (b.u8(0) !== 31 || b.u8(1) !== 139 || b.u8(2) !== 8 || ((b.u8(3) ?? 0) & 4) === 0) return undefined;
  const xlen = b.u16(10);
  if (xlen === undefined) return undefined;
  for (let p = 12; p + 4 <= 12 + xlen; ) {
    const slen = b.u16(p + 2);
    if (slen === undefined) return undefined;
    if (b.u8(p) === 66 && b.u8(p + 1) === 67 && slen === 2) return b.u16(p + 4);
    p += 4 + slen;
  }
  return undefined;
}

function detectBam(head: Uint8Array): Detection | null {
  const bsize = bgzfBlockSize(new Bytes(head));
  if (bsize === undefined) return null;
  const inflated = gunzipHead(head);
  const d = inflated ? new Bytes(inflated) : undefined;
  // BAM magic "BAM\1", then l_text (int32), the SAM header text, n_ref (SAMv1.tex §4.2).
  if (!d || !d.startsWith([0x42, 0x41, 0x4d, 0x01])) return null;
  const lText = d.i32(4);
  const evidence: Evidence[] = [{ source: 'header', detail: `BGZF block (gzip with the "BC" extra field, block size ${bsize + 1} bytes) whose content starts with the BAM magic "BAM\\1".`, weight: 1 }];
  const problems: string[] = [];
  let sam: SamHeader | undefined;
  const header: Record<string, string | number | boolean> = {};
  if (lText === undefined || lText < 0 || lText > MAX_L_TEXT) problems.push(`Header text length ${lText ?? 'missing'} is implausible; SAM header not read.`);
  else {
    header['headerTextBytes'] = lText;
    sam = samHeader(trimTrailingNul(new TextDecoder('utf-8').decode(d.slice(8, lText))));
    const nRef = d.i32(8 + lText);
    if (nRef !== undefined && nRef >= 0) header['references'] = nRef;
    if (sam.program) evidence.push({ source: 'header', detail: `SAM header @PG: ${sam.program}${sam.platform ? `; @RG platform ${sam.platform}` : ''}.`, weight: 0.4 });
  }
  return detection('bam', CONFIDENCE.STRUCTURE, { facts: factsFor(sam, header), evidence, problems });
}

function detectCram(head: Uint8Array): Detection | null {
  const b = new Bytes(head);
  // File definition: "CRAM", major, minor, 20-byte file id (CRAMv3.tex §"File definition", 26 bytes).
  if (!b.startsWith('CRAM') || head.length < 26) return null;
  const version = `${b.u8(4)}.${b.u8(5)}`;
  const known = CRAM_VERSIONS.has(version);
  if (!known && !((b.u8(4) ?? 0) >= 1 && (b.u8(4) ?? 0) <= 4)) return null;
  const fileId = b.ascii(6, 20).replace(/[^\x20-\x7e]/g, '').trim();
  // The SAM header is the first container's first block; stored raw (method 0) it is plain text after the file definition.
  const at = b.indexOf('@HD\t', 26);
  const start = at >= 0 ? at : b.indexOf('@SQ\t', 26);
  let sam: SamHeader | undefined;
  if (start >= 0) {
    let end = start;
    while (end < head.length && head[end] !== 0) end++;
    sam = samHeader(new TextDecoder('utf-8').decode(head.subarray(start, end)));
  }
  const header: Record<string, string | number | boolean> = { cramVersion: version };
  if (fileId) header['fileId'] = fileId;
  return detection('cram', sam && known ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, {
    facts: factsFor(sam, header),
    evidence: [
      { source: 'header', detail: `CRAM file definition: "CRAM", version ${version}${fileId ? `, file id "${fileId}"` : ''}.`, weight: 1 },
      ...(sam ? [{ source: 'header' as const, detail: `Uncompressed SAM header in the first container${sam.program ? ` (@PG ${sam.program})` : ''}.`, weight: 0.5 }] : []),
    ],
    problems: known ? [] : [`CRAM version ${version} is not one the specification defines.`],
  });
}

/** BAM (BGZF whose inflated start is "BAM\1") and CRAM ("CRAM" + version) alignment files. */
export const alignmentsDetector: Detector = {
  id: 'bam-cram',
  formats: ['bam', 'cram'],
  sniff: (ctx) => (ctx.head[0] === 0x1f && ctx.head[1] === 0x8b && ctx.head[2] === 8 && ((ctx.head[3] ?? 0) & 4) !== 0) || new Bytes(ctx.head).startsWith('CRAM'),
  async detect(ctx) {
    return detectCram(ctx.head) ?? detectBam(ctx.head);
  },
};
