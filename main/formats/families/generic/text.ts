import { detection, type Detector } from '../../detector';
import { wholeFile } from '../../kit/read';
import { fromHeader } from '../../kit/evidence';
import { headText } from '../../kit/text';

/** Plain text is the last resort: below XML, JSON and tables, and far below every specific text format. */
const TEXT_CONFIDENCE = 0.4;
/** Bytes sniffed for NUL before the full check in detect. */
const TEXT_SNIFF_BYTES = 512;

/** Any other text (valid UTF-8 or UTF-16 with a BOM, no NUL, few control characters): lines in the first bytes. */
export const textDetector: Detector = {
  id: 'generic-text',
  formats: ['text'],
  sniff: (ctx) => {
    const h = ctx.head;
    const utf16 = h.length >= 2 && ((h[0] === 0xff && h[1] === 0xfe) || (h[0] === 0xfe && h[1] === 0xff));
    return h.length > 0 && (utf16 || !h.subarray(0, TEXT_SNIFF_BYTES).includes(0));
  },
  async detect(ctx) {
    const t = headText(ctx);
    if (!t) return null;
    const complete = wholeFile(ctx);
    const newlines = (t.text.match(/\r\n|\n|\r/g) ?? []).length;
    const lines = newlines + (t.text.length > 0 && !/[\r\n]$/.test(t.text) ? 1 : 0);
    const endings = t.text.includes('\r\n') ? 'CRLF' : t.text.includes('\n') ? 'LF' : t.text.includes('\r') ? 'CR' : 'none';
    const header = { encoding: t.encoding, lines, lineEndings: endings, linesCounted: complete ? 'whole file' : `first ${ctx.head.length} bytes` };
    return detection('text', TEXT_CONFIDENCE, {
      facts: { header: { value: header, provenance: 'header' } },
      evidence: [fromHeader(`Text (${t.encoding}, no NUL bytes): ${lines} line(s) in ${complete ? 'the whole file' : `the first ${ctx.head.length} bytes`}; no more specific reader recognised it.`, 0.3)],
    });
  },
};
