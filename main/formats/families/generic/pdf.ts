import type { Facts } from '../../../../shared/formats/facts';
import { readInFile } from '../../kit/read';
import { fromHeader } from '../../kit/evidence';
import { clip } from '../../kit/strings';
import { latin1 } from '../../kit/text';
import { Bytes } from '../../kit/bytes';
import { CONFIDENCE, detection, type Detector } from '../../detector';

// PDF, ISO 32000-1:2008 §7.5.2 (file header "%PDF-1.n") and §7.5.5 (file trailer ending "%%EOF").
const PDF_MAGIC = '%PDF-';
/** Readers accept the header anywhere in the first 1024 bytes (ISO 32000-1 Annex C, Acrobat's historical limit). */
const PDF_HEADER_WINDOW = 1024;
/** "%%EOF" is looked for in the last 1024 bytes, as conforming readers do. */
const PDF_TAIL_BYTES = 1024;
const EOF_MARKER = '%%EOF';
/** Longest Info-dictionary string read (Producer, Creator). */
const MAX_INFO_CHARS = 200;

/** A PDF literal string: escapes of §7.3.4.2 undone, UTF-16BE (BOM FE FF) decoded. */
function pdfString(raw: string): string {
  const unescaped = raw.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_m, e: string) =>
    /^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8) & 0xff) : ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e,
  );
  if (unescaped.startsWith('\u00fe\u00ff')) {
    let out = '';
    for (let i = 2; i + 1 < unescaped.length; i += 2) out += String.fromCharCode((unescaped.charCodeAt(i) << 8) | unescaped.charCodeAt(i + 1));
    return out;
  }
  return unescaped;
}

function infoString(text: string, key: 'Producer' | 'Creator'): string | undefined {
  const m = new RegExp(`/${key}\\s*\\(((?:[^()\\\\]|\\\\.){1,${MAX_INFO_CHARS}})\\)`).exec(text);
  const value = m ? pdfString(m[1]!).trim() : '';
  return value ? clip(value) : undefined;
}

/** A PDF document: header version, whether the trailer's %%EOF is there, Producer/Creator when written uncompressed. */
export const pdfDetector: Detector = {
  id: 'generic-pdf',
  formats: ['pdf'],
  sniff: (ctx) => new Bytes(ctx.head).indexOf(PDF_MAGIC, 0, PDF_HEADER_WINDOW) >= 0,
  async detect(ctx) {
    const b = new Bytes(ctx.head);
    const at = b.indexOf(PDF_MAGIC, 0, PDF_HEADER_WINDOW);
    if (at < 0) return null;
    const version = /^%PDF-(\d\.\d)/.exec(b.ascii(at, 8))?.[1];
    if (!version) return null;
    const problems: string[] = [];
    if (at > 0) problems.push(`The header starts at byte ${at}, after ${at} bytes of something else.`);
    const tail = ctx.head.length >= ctx.size ? ctx.head.subarray(Math.max(0, ctx.head.length - PDF_TAIL_BYTES)) : await readInFile(ctx, Math.max(0, ctx.size - PDF_TAIL_BYTES), PDF_TAIL_BYTES);
    const tailText = tail ? latin1(tail) : '';
    const hasEof = tailText.includes(EOF_MARKER);
    if (!hasEof) problems.push(`No ${EOF_MARKER} marker in the last ${PDF_TAIL_BYTES} bytes: the file may be truncated.`);
    const headText = latin1(ctx.head);
    const producer = infoString(headText, 'Producer') ?? infoString(tailText, 'Producer');
    const creator = infoString(headText, 'Creator') ?? infoString(tailText, 'Creator');
    const header: Record<string, string | boolean> = { version, linearized: /\/Linearized\b/.test(headText.slice(0, PDF_HEADER_WINDOW * 2)) };
    if (producer) header['producer'] = producer;
    if (creator) header['creator'] = creator;
    const facts: Facts = { header: { value: header, provenance: 'header' } };
    const software = creator ?? producer;
    if (software) facts.software = { value: software, provenance: 'header' };
    return detection('pdf', hasEof ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, {
      facts,
      evidence: [fromHeader(`PDF header "%PDF-${version}" at byte ${at}${hasEof ? ` and the trailer's ${EOF_MARKER} at the end` : ''}.`, 1)],
      problems,
    });
  },
};
