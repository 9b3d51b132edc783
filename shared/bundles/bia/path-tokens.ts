/**
 * Metadata that instruments write into file and folder names, read back as file-list columns: the BIA asks
 * for what folder names encode to become columns, since paths are not shown on the study page (docs/bia.md
 * §1.1 rule 10). Plate coordinates follow the naming each screening system documents (test/layouts/gallery
 * cites them per layout): Harmony/Operetta `r02c03f01p01-ch1…`, MetaXpress `<plate>_A01_s1_w1…`, IN Cell
 * `B - 3(fld 1 wv …)`, CellVoyager `…_B03_T0001F001L01A01Z01C01`.
 */

/** What a file's name and folders say about it. Absent fields: the name does not say. */
export interface PathTokens {
  /** Well as letter + two digits (`B03`). */
  readonly well?: string;
  /** Field (site) number, without padding (`1`). */
  readonly field?: string;
  /** 1-based channel index, when the name numbers channels (`ch2`, `_w2`, `C02`). */
  readonly channelIndex?: number;
  /** Channel name, when the name spells it (IN Cell `wv HOECHST 33342 - …`). */
  readonly channelName?: string;
  readonly z?: string;
  readonly t?: string;
  /** A sample label (`cellA`, `Sample1`, `mouse3`) from a folder or a name token. */
  readonly sample?: string;
}

/** Longest name read: file names are at most 255 bytes on every file system we scan, so nothing longer is real. */
const MAX_NAME = 255;

const ROW_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** `B` + 3 → `B03` (96- and 384-well plates number columns to 24). */
function wellName(row: string, col: string): string {
  return `${row.toUpperCase()}${String(Number(col)).padStart(2, '0')}`;
}

/** Unpadded number (`01` → `1`). */
function n(s: string): string {
  return String(Number(s));
}

/** Harmony/Operetta: `r<row>c<col>f<field>p<plane>-ch<channel>sk<t>fk1fl1` (Bio-Formats OperettaReader). */
const OPERETTA = /^r(\d{2})c(\d{2})f(\d{2,3})p(\d{2,3})-ch(\d{1,2})sk(\d{1,4})/;
/** CellVoyager: `_<well>_T<t>F<field>L<line>A<action>Z<z>C<ch>` (fractal-tasks-core cellvoyager parser). */
const CELLVOYAGER = /_([A-P])(\d{2})_T(\d{4})F(\d{3})L\d{2}A\d{2}Z(\d{2})C(\d{2})/;
/** IN Cell Analyzer: `<Row> - <col>(fld <f> wv <ex> - <em>)` (Bio-Formats InCellReader). */
const INCELL = /^([A-P]) - (\d{1,2})\(fld (\d{1,3}) wv ([^)]{1,60}) - [^)]{1,60}\)/;
/** MetaXpress: `<plate>_<well>_s<site>_w<wave>` (Bio-Formats MetaxpressTiffReader). */
const METAXPRESS = /_([A-P])(\d{2})_s(\d{1,3})(?:_w(\d))?/;
/** A bare well token between separators (`…_A01_…`, `A01.tif`). */
const WELL_TOKEN = /(?:^|[_\-. ])([A-P])(\d{2})(?=[_\-. ]|$)/;
/** `_z3`, `-z03`, `_t12` tokens (MERSCOPE mosaics, many exporters). */
const Z_TOKEN = /(?:^|[_\-. ])z(\d{1,4})(?=[_\-. ]|$)/i;
const T_TOKEN = /(?:^|[_\-. ])t(\d{1,5})(?=[_\-. ]|$)/i;
/**
 * Sample labels in folder names or name tokens: a word for a biological sample followed by its id, which starts
 * with a digit or a capital (`cellA`, `Sample1`, `mouse3`; not `cells`).
 */
const SAMPLE_TOKEN = /^([A-Za-z]{2,10}?)[-_]?(\d[A-Za-z0-9]{0,11}|[A-Z][A-Za-z0-9]{0,11})$/;
const SAMPLE_WORDS: ReadonlySet<string> = new Set(['sample', 'cell', 'specimen', 'animal', 'mouse', 'rat', 'fish', 'embryo', 'organoid', 'tissue', 'biopsy', 'donor', 'slide', 'block', 'grid', 'worm', 'larva', 'plant', 'leaf']);

function isSampleToken(token: string): boolean {
  const m = SAMPLE_TOKEN.exec(token);
  return m !== null && SAMPLE_WORDS.has(m[1]!.toLowerCase());
}

/**
 * An OME-Zarr plate's wells and fields are folders: `<plate>.zarr/<row>/<column>/<field>/…` (OME-NGFF 0.4,
 * "plate": rows named by letters, columns by numbers; "well": field images by path).
 */
function zarrPlateTokens(parts: readonly string[]): { well: string; field?: string } | null {
  const at = parts.findIndex((p) => /\.zarr$/i.test(p));
  // The last part is the file name: a well needs its row and column folders before it.
  if (at < 0 || parts.length < at + 4) return null;
  const [row, col] = [parts[at + 1]!, parts[at + 2]!];
  if (!/^[A-Za-z]{1,2}$/.test(row) || !/^\d{1,3}$/.test(col)) return null;
  const well = `${row.toUpperCase()}${String(Number(col)).padStart(2, '0')}`;
  const field = at + 3 < parts.length - 1 ? parts[at + 3]! : undefined;
  return field !== undefined && /^\d{1,4}$/.test(field) ? { well, field } : { well };
}

/** Reads what a path (relative to its root) says: well, field, channel, z, t and sample. */
export function pathTokens(relPath: string): PathTokens {
  const parts = relPath.split('/');
  const name = (parts[parts.length - 1] ?? '').slice(0, MAX_NAME);
  const out: { -readonly [K in keyof PathTokens]: PathTokens[K] } = {};
  const op = OPERETTA.exec(name);
  const cv = op ? null : CELLVOYAGER.exec(name);
  const ic = op || cv ? null : INCELL.exec(name);
  const mx = op || cv || ic ? null : METAXPRESS.exec(name);
  if (op) {
    out.well = wellName(ROW_LETTERS[Number(op[1]) - 1] ?? '?', op[2]!);
    out.field = n(op[3]!);
    out.z = n(op[4]!);
    out.channelIndex = Number(op[5]);
  } else if (cv) {
    out.well = wellName(cv[1]!, cv[2]!);
    out.t = n(cv[3]!);
    out.field = n(cv[4]!);
    out.z = n(cv[5]!);
    out.channelIndex = Number(cv[6]);
  } else if (ic) {
    out.well = wellName(ic[1]!, ic[2]!);
    out.field = n(ic[3]!);
    out.channelName = ic[4]!.trim();
  } else if (mx) {
    out.well = wellName(mx[1]!, mx[2]!);
    out.field = n(mx[3]!);
    if (mx[4]) out.channelIndex = Number(mx[4]);
  } else if (zarrPlateTokens(parts)) {
    const zp = zarrPlateTokens(parts)!;
    out.well = zp.well;
    if (zp.field !== undefined) out.field = zp.field;
  } else {
    const w = WELL_TOKEN.exec(name);
    if (w) out.well = wellName(w[1]!, w[2]!);
    const z = Z_TOKEN.exec(name);
    if (z) out.z = n(z[1]!);
    const t = T_TOKEN.exec(name);
    if (t) out.t = n(t[1]!);
  }
  for (const part of parts) {
    const stem = part.slice(0, MAX_NAME);
    const token = stem.split(/[_.\- ]/).find(isSampleToken);
    if (token) {
      out.sample = token;
      break;
    }
  }
  return out;
}
