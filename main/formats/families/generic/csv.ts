import { detection, type Detector } from '../../detector';
import { fromHeader } from '../../kit/evidence';
import { clip } from '../../kit/strings';
import { wholeFile } from '../../kit/read';
import { completeLines, firstSignificantChar, headText } from '../../kit/text';

// Delimited tables (RFC 4180 CSV, and tab/semicolon/pipe variants): the same number of fields on every line,
// quotes ("…", doubled "" inside) protecting delimiters.
/** Generic tables sit below the readers of specific tables (Visium positions, MERSCOPE transcripts, BigWarp landmarks…). */
const CSV_CONFIDENCE = 0.5;
/** Lines compared: enough to trust a consistent field count, few enough to stay cheap. */
const MAX_CSV_LINES = 64;
/** A table has a header and at least one row, or two rows. */
const MIN_CSV_LINES = 2;
/** Leading comment lines ("# …", as in many TSV exports) skipped before the table. */
const MAX_COMMENT_LINES = 32;
/** Column names listed in the header fact, and the longest shown. */
const MAX_COLUMN_NAMES = 16;
const MAX_COLUMN_NAME_CHARS = 40;
const DELIMITERS = [
  { char: '\t', name: 'tab' },
  { char: ',', name: 'comma' },
  { char: ';', name: 'semicolon' },
  { char: '|', name: 'pipe' },
] as const;
const NUMERIC = /^\s*[+-]?(\d+(?:\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** Fields of one line split at `delim` outside quotes; `null` when a quote is left open. */
export function splitFields(line: string, delim: string): string[] | null {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') {
      if (quoted && line[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = !quoted;
    } else if (c === delim && !quoted) {
      out.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) return null;
  out.push(field);
  return out;
}

/** A CSV or TSV table: a delimiter giving the same number of columns on every line read; header names when there is a header row. */
export const csvDetector: Detector = {
  id: 'generic-csv',
  formats: ['csv'],
  sniff: (ctx) => ctx.head.length > 0 && !ctx.head.subarray(0, 512).includes(0),
  async detect(ctx) {
    const t = headText(ctx);
    if (!t) return null;
    // XML and JSON have their own readers; a comma inside them is no table.
    if ('<{['.includes(firstSignificantChar(t.text))) return null;
    let lines = completeLines(t.text, wholeFile(ctx));
    let comments = 0;
    while (comments < MAX_COMMENT_LINES && lines.length > 0 && lines[0]!.startsWith('#')) {
      lines = lines.slice(1);
      comments++;
    }
    lines = lines.filter((l) => l.trim() !== '').slice(0, MAX_CSV_LINES);
    if (lines.length < MIN_CSV_LINES) return null;
    let best: { delim: (typeof DELIMITERS)[number]; rows: string[][] } | undefined;
    for (const delim of DELIMITERS) {
      const rows: string[][] = [];
      for (const line of lines) {
        const f = splitFields(line, delim.char);
        if (!f || (rows.length > 0 && f.length !== rows[0]!.length)) break;
        rows.push(f);
      }
      if (rows.length === lines.length && rows[0]!.length >= 2 && (!best || rows[0]!.length > best.rows[0]!.length)) best = { delim, rows };
    }
    if (!best) return null;
    // Prose ("Dear all, the samples…") has commas too: no number anywhere and every later field starting with a space and a word.
    const prose = best.delim.char !== '\t' && best.rows.every((r) => r.every((f, i) => !NUMERIC.test(f) && (i === 0 || /^ [A-Za-z]/.test(f))));
    if (prose) return null;
    const [first, ...rest] = best.rows;
    const columns = first!.length;
    const headerRow = first!.every((f) => f.trim() !== '' && !NUMERIC.test(f)) && rest.some((r) => r.some((f) => NUMERIC.test(f)));
    const header: Record<string, string | number | boolean> = { delimiter: best.delim.name, columns, linesChecked: lines.length, headerRow };
    if (comments > 0) header['commentLines'] = comments;
    if (headerRow) header['columnNames'] = clip(first!.slice(0, MAX_COLUMN_NAMES).map((f) => clip(f.trim(), MAX_COLUMN_NAME_CHARS)).join(', '), 600);
    return detection('csv', CSV_CONFIDENCE, {
      facts: { header: { value: header, provenance: 'header' } },
      evidence: [fromHeader(`A ${best.delim.name}-separated table: ${columns} columns on each of the ${lines.length} lines read${headerRow ? ', with a header row' : ''}; no more specific reader recognised it.`, 0.5)],
    });
  },
};
