/**
 * The BioImage Archive's file-list rules as a lint: every rule of docs/bia.md §1.3 (derived from the help page,
 * docs/bia.md §1.1, and what the BioStudies backend enforces, docs/bia.md §1.2), each problem with its line and
 * a plain message. The BIA bundle lints every list it writes; the export's pre-flight uses the same rules.
 */

/** What can be wrong with a file list; `error`s the BIA refuses, `warning`s it advises against. */
export const FILE_LIST_PROBLEM_CODES = [
  'bad-character',
  'backslash',
  'leading-dot-slash',
  'dot-segment',
  'parent-segment',
  'doubled-slash',
  'trailing-slash',
  'trailing-space',
  'empty-path',
  'duplicate-path',
  'tab-or-newline',
  'blank-header',
  'first-header',
  'empty-list',
  'bad-extension',
  'missing-file',
  'space',
  'directory-entry',
  'constant-column',
  'case-duplicate',
  'blank-line',
] as const;

/** A file-list problem's code. */
export type FileListProblemCode = (typeof FILE_LIST_PROBLEM_CODES)[number];

/** One problem of a file list. */
export interface FileListProblem {
  readonly code: FileListProblemCode;
  readonly severity: 'error' | 'warning';
  /** 1-based line of the TSV (the header is line 1); 0 for the list as a whole (its name, its emptiness). */
  readonly line: number;
  /** The path concerned, when the problem is a path's. */
  readonly path?: string;
  /** The column concerned, when the problem is a column's. */
  readonly column?: string;
  readonly message: string;
}

/** A file list as a table: the header (first cell `Files`) and one row per file. */
export interface FileListTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** Options of the lint. */
export interface LintOptions {
  /** The list's file name, for the extension rule (docs/bia.md §1.2: `.json`, `.tsv` or `.xlsx`). */
  readonly name?: string;
  /** Paths that exist in the upload; when given, a listed path not among them is an error (docs/bia.md §1.2). */
  readonly existing?: ReadonlySet<string>;
}

/**
 * The path pattern of the BioStudies backend (`FileSourcesList.kt`, docs/bia.md §1.2), verbatim. A path the lint
 * accepts always matches it (the property test proves it); the lint is stricter where BIA's help page is.
 */
export const BIA_BACKEND_PATH_PATTERN = /^(?!\.\/)(?!.*\/$)(?!.*\.\.\/)[0-9A-Za-z!\-_*'(). /]+$/;

/** Characters a path may hold: the AWS S3 safe set, `/`, and the space the backend allows (docs/bia.md §1.1 rule 7, §1.3). */
const ALLOWED_CHARACTER = /[A-Za-z0-9!\-_.*'()/ ]/;

/** File-list extensions the backend takes (`SubFormat.checkFileListExtension`, docs/bia.md §1.2); `.xls` is refused. */
export const FILE_LIST_EXTENSIONS = ['.tsv', '.xlsx', '.json'] as const;

/** The first header cell the backend requires (docs/bia.md §1.1 rule 3, §1.2). */
export const FILES_HEADER = 'Files';

const RULE_CHARS = 'letters A–Z and a–z, digits, and ! - _ . * \' ( ) / (docs/bia.md §1.1 rule 7)';

/** How a character reads in a message: itself, or its code point when it is invisible or a control character. */
function shown(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return cp < 0x21 || (cp >= 0x7f && cp < 0xa0) || cp === 0xfeff ? hex : `"${ch}" (${hex})`;
}

/** The problems of one path alone (line given by the caller). */
function pathProblems(path: string, line: number): FileListProblem[] {
  const out: FileListProblem[] = [];
  const at = (code: FileListProblemCode, severity: 'error' | 'warning', message: string) => out.push({ code, severity, line, path, message });
  if (path.length === 0) {
    at('empty-path', 'error', `Line ${line} has no path in the Files column; the archive answers "File Path is required" (docs/bia.md §1.2).`);
    return out;
  }
  const bad = [...new Set([...path].filter((ch) => !ALLOWED_CHARACTER.test(ch) && ch !== '\\' && ch !== '\t' && ch !== '\n' && ch !== '\r'))];
  if (bad.length > 0) {
    at('bad-character', 'error', `"${path}" holds ${bad.map(shown).join(', ')}, which the archive refuses ("The given file path contains invalid characters"). Paths may hold only ${RULE_CHARS}: rename the file or folder before uploading.`);
  }
  if (path.includes('\\')) at('backslash', 'error', `"${path}" uses "\\": folders are separated by "/" only (docs/bia.md §1.1 rule 6).`);
  if (path.startsWith('./')) at('leading-dot-slash', 'error', `"${path}" starts with "./": paths are relative to the upload's root without it (docs/bia.md §1.1 rule 6).`);
  if (path.includes('/./')) at('dot-segment', 'error', `"${path}" holds "/./": write the path without it (docs/bia.md §1.1 rule 6).`);
  if (path.includes('../') || path === '..' || path.endsWith('/..')) at('parent-segment', 'error', `"${path}" holds "../": a path may not leave the upload's root (docs/bia.md §1.1 rule 6).`);
  if (path.includes('//')) at('doubled-slash', 'error', `"${path}" has a doubled "/" (docs/bia.md §1.1 rule 6).`);
  if (path.endsWith('/')) at('trailing-slash', 'error', `"${path}" ends with "/": list files, not folders (docs/bia.md §1.1 rule 9).`);
  if (/ $/.test(path) || path.includes(' /')) at('trailing-space', 'error', `"${path}" has a name ending in a space, which the archive trims, so the listed file is not found (docs/bia.md §1.1 rule 8): rename it.`);
  if (path.includes(' ')) at('space', 'warning', `"${path}" holds a space: the archive accepts it but advises against spaces (docs/bia.md §1.1 rule 7).`);
  return out;
}

/** Splits TSV text as the backend does: lines on `\n`, cells on tabs, no quoting (docs/bia.md §1.2). */
export function parseFileListTsv(tsv: string): { readonly header: readonly string[]; readonly lines: readonly (readonly string[] | null)[] } {
  const raw = tsv.split('\n');
  if (raw.length > 0 && raw[raw.length - 1] === '') raw.pop();
  const header = (raw[0] ?? '').split('\t');
  return { header, lines: raw.slice(1).map((l) => (l.trim() === '' ? null : l.split('\t'))) };
}

/**
 * Lints a file list given as TSV text (as written, `\n` line ends) or as a table. Rules: docs/bia.md §1.3 —
 * errors for characters outside the allowed set, `\`, a leading `./`, any `../`, a trailing `/` or space, an
 * empty or duplicate path, a tab or newline in a cell, a blank header cell, a first header cell other than
 * `Files`, an empty list, a wrong extension and (when `existing` is given) a missing file; warnings for a space,
 * a directory entry, a column with one value throughout and paths differing only in case.
 */
export function lintFileList(input: string | FileListTable, options: LintOptions = {}): FileListProblem[] {
  const out: FileListProblem[] = [];
  let header: readonly string[];
  // Rows by their line number; `null` for a blank line of TSV text (the backend skips it, BIA asks for none).
  const rows: { readonly line: number; readonly cells: readonly string[] }[] = [];
  if (typeof input === 'string') {
    const parsed = parseFileListTsv(input);
    header = parsed.header;
    parsed.lines.forEach((cells, i) => {
      const line = i + 2;
      if (cells === null) out.push({ code: 'blank-line', severity: 'warning', line, message: `Line ${line} is blank: the archive skips it, but the help page asks for one file per line and no blank lines (docs/bia.md §1.1 rule 4).` });
      else rows.push({ line, cells });
    });
  } else {
    header = input.header;
    input.rows.forEach((cells, i) => rows.push({ line: i + 2, cells }));
  }

  if (options.name !== undefined && !FILE_LIST_EXTENSIONS.some((e) => options.name!.toLowerCase().endsWith(e))) {
    out.push({ code: 'bad-extension', severity: 'error', line: 0, message: `The file list "${options.name}" must be named .tsv, .xlsx or .json; the archive refuses other extensions, .xls included (docs/bia.md §1.2).` });
  }

  const first = header[0] ?? '';
  if (first !== FILES_HEADER) {
    const bom = first.startsWith('\uFEFF') ? ' It starts with a byte-order mark: save the file as UTF-8 without BOM.' : '';
    out.push({ code: 'first-header', severity: 'error', line: 1, message: `The first header cell is "${first.replace('\uFEFF', '')}", not "Files"; the archive answers "First header value should be 'Files'" (docs/bia.md §1.2).${bom}` });
  }
  header.forEach((h, i) => {
    if (i > 0 && h.trim() === '') out.push({ code: 'blank-header', severity: 'error', line: 1, message: `Header cell ${i + 1} is blank; the archive answers "Attribute name is required" (docs/bia.md §1.2): name the column or remove it.` });
    if (/[\t\n\r]/.test(h)) out.push({ code: 'tab-or-newline', severity: 'error', line: 1, column: h, message: `Header cell ${i + 1} holds a tab or line break; cells cannot (the list is split on tabs and lines with no quoting, docs/bia.md §1.2).` });
  });

  if (rows.length === 0) {
    out.push({ code: 'empty-list', severity: 'error', line: 0, message: 'The file list has no files; the archive answers "A file list should contain at least one file" (docs/bia.md §1.2).' });
    return out;
  }

  const seen = new Map<string, number>();
  const byFolded = new Map<string, { path: string; line: number }>();
  for (const { line, cells } of rows) {
    const path = cells[0] ?? '';
    cells.forEach((c, i) => {
      if (/[\t\n\r]/.test(c)) out.push({ code: 'tab-or-newline', severity: 'error', line, ...(i === 0 ? { path } : { column: header[i] ?? `column ${i + 1}` }), message: `Line ${line}, column ${i + 1} holds a tab or line break (or a Windows line end); a value cannot, as the list is split on tabs and lines with no quoting (docs/bia.md §1.2).` });
    });
    if (cells.length > header.length) {
      out.push({ code: 'tab-or-newline', severity: 'error', line, path, message: `Line ${line} has ${cells.length} cells but the header ${header.length}: a value holds a tab, and the cells beyond the header would be dropped (docs/bia.md §1.2).` });
    }
    out.push(...pathProblems(path, line));
    if (path.length === 0) continue;
    const earlier = seen.get(path);
    if (earlier !== undefined) {
      out.push({ code: 'duplicate-path', severity: 'error', line, path, message: `"${path}" is listed twice (lines ${earlier} and ${line}): list each file once (docs/bia.md §1.1 rule 4).` });
    } else {
      seen.set(path, line);
      const folded = path.toLowerCase();
      const twin = byFolded.get(folded);
      if (twin) out.push({ code: 'case-duplicate', severity: 'warning', line, path, message: `"${path}" and "${twin.path}" (line ${twin.line}) differ only in case: paths are case-sensitive in the archive but not on every computer that downloads them (docs/bia.md §1.1 rule 5).` });
      else byFolded.set(folded, { path, line });
    }
    if (options.existing && !options.existing.has(path)) {
      out.push({ code: 'missing-file', severity: 'error', line, path, message: `"${path}" is not among the uploaded files: every listed file must exist in the upload when the submission is made (docs/bia.md §1.2).` });
    }
  }

  // A listed path that is the folder of another listed path is a directory entry (docs/bia.md §1.1 rule 9).
  const folders = new Set<string>();
  for (const listed of seen.keys()) {
    const p = listed.replace(/\/+$/, '');
    for (let i = p.indexOf('/'); i > 0; i = p.indexOf('/', i + 1)) folders.add(p.slice(0, i));
  }
  for (const [p, line] of seen) {
    const bare = p.endsWith('/') ? p.slice(0, -1) : p;
    if (folders.has(bare)) out.push({ code: 'directory-entry', severity: 'warning', line, path: p, message: `"${p}" is a folder: list its files instead; directory entries are only for very large datasets (over about 500,000 files), after contacting the BIA (docs/bia.md §1.1 rule 9).` });
  }

  // A column with one value in every row belongs in the form, not the list (docs/bia.md §1.1 rule 10).
  if (rows.length >= 2) {
    for (let c = 1; c < header.length; c++) {
      const values = new Set(rows.map((r) => r.cells[c] ?? ''));
      if (values.size === 1) {
        const [v] = values;
        out.push({ code: 'constant-column', severity: 'warning', line: 1, column: header[c]!, message: `Column "${header[c]}" has the same value ("${v}") in every row: enter it once in the study form instead (docs/bia.md §1.1 rule 10).` });
      }
    }
  }
  return out;
}

/** True when no problem is an error (warnings allowed). */
export function passesFileListRules(problems: readonly FileListProblem[]): boolean {
  return problems.every((p) => p.severity !== 'error');
}
