import { detection, type Detector } from '../../detector';
import { clip, firstSignificantByte, firstSignificantChar, fromHeader, headText, wholeFile } from './util';

/** Generic XML sits below every specific XML reader (EPU, OME, HCS indexes, mzML… are ≥ 0.85) and above plain text. */
const XML_CONFIDENCE = 0.5;
/** A whole document that does not end by closing its root: still XML-looking, less sure. */
const XML_UNCLOSED_CONFIDENCE = 0.45;
const LT = 0x3c;
/** Prolog items (declaration, processing instructions, comments, DOCTYPE) skipped before the root; real prologs have a few. */
const MAX_PROLOG_ITEMS = 256;
const NAME = /^([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)(?=[\s>/])/;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The root element of an XML document. */
export interface XmlRoot {
  /** Local name (namespace prefix removed). */
  readonly name: string;
  readonly prefix?: string;
  /** The start tag, from "<" to ">". */
  readonly tag: string;
  /** Index just after the start tag. */
  readonly end: number;
  /** Whether the root start tag is self-closing ("<a/>"). */
  readonly selfClosing: boolean;
}

/**
 * The root element of XML text, found in linear time by skipping the prolog (W3C XML 1.0 §2.8: XMLDecl, Misc =
 * comments, PIs, whitespace, and doctypedecl with an optional [internal subset]). Regular expressions over the
 * whole head (as in shared/decode/xml.ts xmlRootName) take seconds on a hostile head of 16 000 "<!--"; this does not.
 */
export function xmlRoot(text: string): XmlRoot | null {
  let i = 0;
  for (let items = 0; items < MAX_PROLOG_ITEMS; items++) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text[i] !== '<') return null;
    // Where the prolog item starting at i ends (the index just after it), or -1 when it is not terminated.
    let close: number;
    if (text.startsWith('<?', i)) close = after(text.indexOf('?>', i + 2), 2);
    else if (text.startsWith('<!--', i)) close = after(text.indexOf('-->', i + 4), 3);
    else if (text.startsWith('<!', i)) {
      const gt = text.indexOf('>', i);
      const bracket = text.indexOf('[', i);
      const subsetEnd = bracket >= 0 && (gt < 0 || bracket < gt) ? text.indexOf(']', bracket) : i;
      close = subsetEnd < 0 ? -1 : after(text.indexOf('>', subsetEnd), 1);
    } else {
      const m = NAME.exec(text.slice(i + 1, i + 1 + 256));
      if (!m) return null;
      const gt = text.indexOf('>', i);
      if (gt < 0) return null;
      const tag = text.slice(i, gt + 1);
      return { name: m[2]!, ...(m[1] ? { prefix: m[1].slice(0, -1) } : {}), tag, end: gt + 1, selfClosing: tag.endsWith('/>') };
    }
    if (close < 0) return null;
    i = close;
  }
  return null;
}

function after(index: number, length: number): number {
  return index < 0 ? -1 : index + length;
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
