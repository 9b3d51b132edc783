import { detection, type Detector } from '../../detector';
import { wholeFile } from '../../kit/read';
import { fromHeader } from '../../kit/evidence';
import { clip } from '../../kit/strings';
import { firstSignificantByte, firstSignificantChar, headText } from '../../kit/text';
import { xmlRoot } from '../../kit/xml';

/** Generic XML sits below every specific XML reader (EPU, OME, HCS indexes, mzML… are ≥ 0.85) and above plain text. */
const XML_CONFIDENCE = 0.5;
/** A whole document that does not end by closing its root: still XML-looking, less sure. */
const XML_UNCLOSED_CONFIDENCE = 0.45;
const LT = 0x3c;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The text without its comments, in linear time (an unterminated comment runs to the end). */
function withoutComments(text: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const open = text.indexOf('<!--', at);
    if (open < 0) return out + text.slice(at);
    out += text.slice(at, open);
    const close = text.indexOf('-->', open + 4);
    if (close < 0) return out;
    at = close + 3;
  }
}

/** Any XML document (W3C XML 1.0: optional declaration, then one root element): root name and namespace. */
export const xmlDetector: Detector = {
  id: 'generic-xml',
  formats: ['xml'],
  sniff: (ctx) => firstSignificantByte(ctx.head) === LT,
  async detect(ctx) {
    const t = headText(ctx);
    if (!t || firstSignificantChar(t.text) !== '<') return null;
    const text = t.text;
    const r = xmlRoot(text);
    if (!r) return null;
    const root = r.name;
    const declaration = /^\s*<\?xml\s([^?]*)\?>/.exec(text.slice(0, 512))?.[1] ?? '';
    // HTML is not XML unless it says so (XHTML with an XML declaration).
    if (root.toLowerCase() === 'html' && !declaration) return null;
    const prefix = r.prefix;
    const ns = new RegExp(`\\bxmlns${prefix ? `:${escapeRegExp(prefix)}` : ''}\\s*=\\s*["']([^"']*)["']`).exec(r.tag)?.[1];
    const header: Record<string, string | boolean> = { root };
    if (ns) header['namespace'] = clip(ns);
    const version = /version\s*=\s*["']([^"']+)["']/.exec(declaration)?.[1];
    const encoding = /encoding\s*=\s*["']([^"']+)["']/.exec(declaration)?.[1];
    if (version) header['xmlVersion'] = version;
    if (encoding) header['encoding'] = encoding;
    const problems: string[] = [];
    let confidence = XML_CONFIDENCE;
    if (wholeFile(ctx)) {
      const qname = prefix ? `${prefix}:${root}` : root;
      const after = withoutComments(text.slice(r.end)).trimEnd();
      const closed = r.selfClosing ? after.trim() === '' : after.endsWith('>') && new RegExp(`</${escapeRegExp(qname)}\\s*>$`).test(after.slice(-qname.length - 64));
      header['complete'] = closed;
      if (!closed) {
        problems.push(`The document does not end by closing its root element <${qname}>: truncated or not well-formed.`);
        confidence = XML_UNCLOSED_CONFIDENCE;
      }
    }
    return detection('xml', confidence, {
      facts: { header: { value: header, provenance: 'header' } },
      evidence: [fromHeader(`XML${declaration ? ' declaration and' : ''} root element <${root}>${ns ? ` in namespace ${clip(ns, 80)}` : ''}; no more specific reader recognised it.`, 0.5)],
      problems,
    });
  },
};
