import { detection, type Detector } from '../../detector';
import { wholeFile } from '../../kit/read';
import { fromHeader } from '../../kit/evidence';
import { clip } from '../../kit/strings';
import { firstSignificantByte, headText } from '../../kit/text';

/** Generic JSON sits below every specific JSON reader (Zarr, Visium scale factors, Xenium…) and above plain text. */
const JSON_CONFIDENCE = 0.5;
/** Top-level keys listed in the header fact. */
const MAX_JSON_KEYS = 16;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;

type Outcome = 'complete' | 'cut' | 'invalid';

interface Scan {
  readonly outcome: Outcome;
  readonly top: 'object' | 'array';
  readonly keys: string[];
  /** Top-level values read: more than one means JSON Lines (one value per line). */
  readonly records: number;
}

type State = 'value' | 'keyOrEnd' | 'key' | 'colon' | 'commaOrEnd' | 'valueOrEnd';

// RFC 8259 grammar as a pushdown automaton over the text, so a document cut by the bounded head read can
// still be judged: every token up to the cut must fit the grammar.
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const NUMBER_PREFIX = /-?(?:0|[1-9]\d*)?(?:\.\d*)?(?:[eE][+-]?\d*)?$/;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't', 'u']);

/** Scans a string starting at the quote `i`; returns the index after the closing quote, -1 at the end of text, -2 if invalid. */
function scanString(s: string, i: number): number {
  for (let j = i + 1; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c < 0x20) return -2;
    if (c === 0x5c) {
      const e = s[j + 1];
      if (e === undefined) return -1;
      if (!ESCAPES.has(e)) return -2;
      if (e === 'u') {
        const hex = s.slice(j + 2, j + 6);
        if (!/^[0-9a-fA-F]*$/.test(hex)) return -2;
        if (hex.length < 4) return -1;
        j += 4;
      }
      j++;
    }
  }
  return -1;
}

function scanJson(s: string): Scan | null {
  const stack: ('o' | 'a')[] = [];
  const keys: string[] = [];
  let state: State = 'value';
  let top: 'object' | 'array' | undefined;
  let records = 0;
  let i = 0;
  const result = (outcome: Outcome): Scan | null => (top ? { outcome, top, keys, records } : null);
  // The state after a value: another top-level value (JSON Lines), or a comma or the end of the container.
  const afterValue = (): State => {
    if (stack.length > 0) return 'commaOrEnd';
    records++;
    return 'value';
  };
  while (i < s.length) {
    const c = s[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const expectingValue = state === 'value' || state === 'valueOrEnd';
    if (stack.length === 0 && records > 0) {
      // After a complete top-level value only another one may follow, as JSON Lines (one per line).
      if (c !== '{' && c !== '[') return result('invalid');
      if (!/\n\s*$/.test(s.slice(Math.max(0, i - 64), i))) return result('invalid');
    }
    if (expectingValue && (c === '{' || c === '[')) {
      if (stack.length === 0 && records === 0) top = c === '{' ? 'object' : 'array';
      stack.push(c === '{' ? 'o' : 'a');
      state = c === '{' ? 'keyOrEnd' : 'valueOrEnd';
      i++;
    } else if ((c === '}' && (state === 'keyOrEnd' || state === 'commaOrEnd') && stack[stack.length - 1] === 'o') || (c === ']' && (state === 'valueOrEnd' || state === 'commaOrEnd') && stack[stack.length - 1] === 'a')) {
      stack.pop();
      i++;
      state = afterValue();
    } else if (c === ',' && state === 'commaOrEnd') {
      state = stack[stack.length - 1] === 'o' ? 'key' : 'value';
      i++;
    } else if (c === ':' && state === 'colon') {
      state = 'value';
      i++;
    } else if (c === '"' && (state === 'keyOrEnd' || state === 'key' || (expectingValue && stack.length > 0))) {
      const end = scanString(s, i);
      if (end === -1) return result('cut');
      if (end === -2) return result('invalid');
      if (state === 'keyOrEnd' || state === 'key') {
        if (stack.length === 1 && records === 0 && keys.length < MAX_JSON_KEYS) keys.push(s.slice(i + 1, end - 1));
        state = 'colon';
      } else state = afterValue();
      i = end;
    } else if (expectingValue && stack.length > 0 && (c === '-' || (c >= '0' && c <= '9'))) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(s);
      const rest = s.slice(i, i + 40);
      if (!m) return NUMBER_PREFIX.test(rest) && i + rest.length === s.length ? result('cut') : result('invalid');
      i += m[0].length;
      if (i === s.length) return result('cut');
      state = afterValue();
    } else if (expectingValue && stack.length > 0 && (c === 't' || c === 'f' || c === 'n')) {
      const word = c === 't' ? 'true' : c === 'f' ? 'false' : 'null';
      const got = s.slice(i, i + word.length);
      if (got !== word) return word.startsWith(got) && i + got.length === s.length ? result('cut') : result('invalid');
      i += word.length;
      state = afterValue();
    } else return result('invalid');
  }
  if (!top) return null;
  return result(stack.length === 0 && records > 0 ? 'complete' : 'cut');
}

/** A JSON document (RFC 8259) whose first bytes parse, or JSON Lines: top-level keys. */
export const jsonDetector: Detector = {
  id: 'generic-json',
  formats: ['json'],
  sniff: (ctx) => {
    const b = firstSignificantByte(ctx.head);
    return b === OPEN_BRACE || b === OPEN_BRACKET;
  },
  async detect(ctx) {
    const t = headText(ctx);
    if (!t) return null;
    const scan = scanJson(t.text);
    if (!scan || scan.outcome === 'invalid') return null;
    // A whole file that stops inside a value is broken JSON, not JSON cut by our bounded read.
    if (scan.outcome === 'cut' && wholeFile(ctx)) return null;
    const lines = scan.records > 1;
    const header: Record<string, string | number | boolean> = { topLevel: lines ? 'JSON Lines' : scan.top, complete: scan.outcome === 'complete' };
    if (lines) header['records'] = scan.records;
    if (scan.keys.length > 0) header['keys'] = clip(scan.keys.join(', '), 400);
    const how = scan.outcome === 'complete' ? 'parses completely' : `is valid JSON up to the end of the first ${ctx.head.length} bytes read`;
    return detection('json', JSON_CONFIDENCE, {
      facts: { header: { value: header, provenance: 'header' } },
      evidence: [fromHeader(`${lines ? `JSON Lines (${scan.records} records)` : `A JSON ${scan.top}`} that ${how}${scan.keys.length ? `; top-level keys ${clip(scan.keys.slice(0, 5).join(', '), 80)}` : ''}; no more specific reader recognised it.`, 0.5)],
    });
  },
};
