import { z } from 'zod';
import { BundleTargetSchema, type BundleTarget } from '../model/bundle';
import { assertNever } from '../assert-never';
import { lintFileList } from '../bundles/bia/file-list-rules';

/**
 * The pre-flight lint of an export: what the archives will refuse or question in a bundle's files, found
 * from the names, sizes and checksums the export gathered. Pure: main/export passes the facts in.
 */

/** Kinds of finding, each with its rule. */
export const PREFLIGHT_CODES = [
  'zero-byte',
  'case-collision',
  'bia-path-characters',
  'bia-path-space',
  'not-utf8-name',
  'duplicate-content',
  'bia-web-file-size',
  'bia-web-total-size',
  'bia-ftp-total-size',
  'empiar-size-limit',
  'unreadable',
] as const;

/** A finding's kind. */
export type PreflightCode = (typeof PREFLIGHT_CODES)[number];

/** Paths a finding lists by name; the rest are counted (a million empty files should not make a million-line report). */
export const PREFLIGHT_PATHS_SHOWN = 100;

/**
 * The BIA web upload tool's limits: under 50 GB in total and 20 GB per file; FTP up to 1 TB; above that
 * Aspera (docs/bia.md §0). The source says "GB" and "TB" without defining them; read here as powers of ten
 * (10^9, 10^12), the smaller reading, so a warning is never missed.
 */
export const BIA_WEB_MAX_FILE_BYTES = 20e9;
/** docs/bia.md §0: the web tool for under 50 GB in total. */
export const BIA_WEB_MAX_TOTAL_BYTES = 50e9;
/** docs/bia.md §0: FTP up to 1 TB; above, Aspera. */
export const BIA_FTP_MAX_TOTAL_BYTES = 1e12;

/** One finding: what, how bad, the rule behind it, and the files (first PREFLIGHT_PATHS_SHOWN of `count`). */
export const PreflightFindingSchema = z
  .object({
    bundle: BundleTargetSchema,
    code: z.enum(PREFLIGHT_CODES),
    /** `error`: the archive refuses it; `warning`: it will likely cause trouble; `info`: worth knowing. */
    severity: z.enum(['error', 'warning', 'info']),
    message: z.string().min(1),
    /** The archive rule or repo note behind it (`docs/bia.md §1.2`). */
    rule: z.string().min(1),
    /** Files concerned, as `<root name>/<path relative to the root>`; for duplicates and case collisions one entry per group. */
    paths: z.array(z.string()),
    count: z.number().int().nonnegative(),
  })
  .strict();

/** One pre-flight finding. */
export type PreflightFinding = z.infer<typeof PreflightFindingSchema>;

/** A bundle file as the lint sees it. */
export interface PreflightFile {
  /**
   * Its path in the upload: the root's folder name, then the POSIX path in the root, as the archives' uploads
   * mirror the folders (shared/bundles/bia/file-list.ts `uploadPath`; lossy where `utf8` is false).
   */
  readonly uploadPath: string;
  /** Bytes, `null` when the file could not be read. */
  readonly size: number | null;
  readonly md5?: string;
  readonly sha256?: string;
  /** False when the name on disk is not valid UTF-8. */
  readonly utf8: boolean;
}

/** What the lint looks at for one bundle. */
export interface PreflightInput {
  readonly bundle: BundleTarget;
  readonly files: readonly PreflightFile[];
}

const shown = (xs: readonly string[]) => xs.slice(0, PREFLIGHT_PATHS_SHOWN);

/** Members of one duplicate or case group written out; a group of thousands is summed up after these. */
const GROUP_MEMBERS_SHOWN = 5;

/** One group as one entry: `a = b = c`, or `a = b = … (n files)` past GROUP_MEMBERS_SHOWN. */
function groupEntry(members: readonly string[], sep: string): string {
  if (members.length <= GROUP_MEMBERS_SHOWN) return members.join(sep);
  return `${members.slice(0, GROUP_MEMBERS_SHOWN).join(sep)}${sep}… (${members.length} in all)`;
}
const display = (f: PreflightFile) => f.uploadPath;

/** File-list rules that are about one path alone (the others — columns, duplicates, case — are the list's, or checked here across the bundle). */
const PATH_RULES = new Set(['bad-character', 'backslash', 'leading-dot-slash', 'dot-segment', 'parent-segment', 'doubled-slash', 'trailing-slash', 'trailing-space', 'tab-or-newline', 'empty-path', 'space']);

/**
 * What the BIA's file-list rules say of one upload path (shared/bundles/bia/file-list-rules.ts, the same
 * rules the BIA bundle's lists are linted with: docs/bia.md §1.1–§1.3): errors, and warnings (a space).
 */
export function biaPathProblems(uploadPath: string): { readonly errors: string[]; readonly warnings: string[] } {
  const problems = lintFileList({ header: ['Files'], rows: [[uploadPath]] }).filter((p) => PATH_RULES.has(p.code));
  return { errors: problems.filter((p) => p.severity === 'error').map((p) => p.message), warnings: problems.filter((p) => p.severity === 'warning').map((p) => p.message) };
}

/** The rule text of each code, cited in the finding. */
function ruleOf(code: PreflightCode): string {
  switch (code) {
    case 'zero-byte':
      return 'issue 9 (pre-flight lint)';
    case 'case-collision':
      return 'docs/bia.md §1.1 item 5, §1.3';
    case 'bia-path-characters':
      return 'docs/bia.md §1.1 rules 6–8, §1.2';
    case 'bia-path-space':
      return 'docs/bia.md §1.1 item 7, §1.3';
    case 'not-utf8-name':
      return 'docs/bia.md §1.2';
    case 'duplicate-content':
      return 'issue 9 (pre-flight lint)';
    case 'bia-web-file-size':
    case 'bia-web-total-size':
    case 'bia-ftp-total-size':
      return 'docs/bia.md §0';
    case 'empiar-size-limit':
      return 'docs/empiar.md §6.2';
    case 'unreadable':
      return 'issue 9 (Export: manifests)';
    default:
      return assertNever(code, 'preflight code');
  }
}

function finding(bundle: BundleTarget, code: PreflightCode, severity: PreflightFinding['severity'], message: string, paths: readonly string[], count = paths.length): PreflightFinding {
  return { bundle, code, severity, message, rule: ruleOf(code), paths: shown(paths), count };
}

/**
 * Names that collide on a case-insensitive file system or store, across the bundle's upload: two files, a
 * file and a folder, or two folders (`Raw/` and `raw/` merge), whose paths differ only in case.
 */
function caseCollisions(files: readonly PreflightFile[]): string[][] {
  // Every file path and every folder prefix, each spelling once, grouped by its lower-case form.
  const spellings = new Map<string, Set<string>>();
  for (const f of files) {
    const parts = f.uploadPath.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const p = parts.slice(0, i).join('/');
      const key = p.toLowerCase();
      const set = spellings.get(key) ?? new Set<string>();
      set.add(p);
      spellings.set(key, set);
    }
  }
  const groups: string[][] = [];
  for (const set of spellings.values()) if (set.size > 1) groups.push([...set].sort());
  return groups;
}

/** Files of equal size and equal digest (MD5, else SHA-256), two or more per group; empty files are left to `zero-byte`. */
function duplicates(files: readonly PreflightFile[]): string[][] | null {
  const hasDigest = files.some((f) => f.md5 !== undefined || f.sha256 !== undefined);
  if (!hasDigest) return null;
  const groups = new Map<string, string[]>();
  for (const f of files) {
    const digest = f.md5 ?? f.sha256;
    if (f.size === null || f.size === 0 || digest === undefined) continue;
    const key = `${f.size}:${digest}`;
    groups.set(key, [...(groups.get(key) ?? []), display(f)]);
  }
  return [...groups.values()].filter((g) => g.length > 1).map((g) => g.sort());
}

/** The findings for one bundle, most severe first, in a fixed order within a severity. */
export function preflight(input: PreflightInput): PreflightFinding[] {
  const { bundle, files } = input;
  const out: PreflightFinding[] = [];
  const readable = files.filter((f) => f.size !== null);
  const unreadable = files.filter((f) => f.size === null).map(display);
  if (unreadable.length > 0) out.push(finding(bundle, 'unreadable', 'error', 'These files could not be read, so they have no checksum; they are left out of the manifests.', unreadable));
  const notUtf8 = files.filter((f) => !f.utf8).map(display);
  if (notUtf8.length > 0) out.push(finding(bundle, 'not-utf8-name', bundle === 'BIA' ? 'error' : 'warning', 'Names that are not valid UTF-8 (shown with � for the bad bytes): rename them before uploading.', notUtf8));
  const empty = readable.filter((f) => f.size === 0).map(display);
  if (empty.length > 0) out.push(finding(bundle, 'zero-byte', 'warning', 'Empty files (0 bytes): usually a failed copy or an interrupted transfer. Check them, then remove or replace them before uploading.', empty));
  const cases = caseCollisions(files);
  if (cases.length > 0) {
    out.push(finding(bundle, 'case-collision', 'warning', 'Paths that differ only in upper/lower case: they overwrite each other on a case-insensitive disk or upload. Rename one of each group.', cases.map((g) => groupEntry(g, ' ≡ ')), cases.length));
  }
  if (bundle === 'BIA') {
    const bad: string[] = [];
    const spaced: string[] = [];
    for (const f of files) {
      if (!f.utf8) continue; // said above, once
      const { errors, warnings } = biaPathProblems(f.uploadPath);
      if (errors.length > 0) bad.push(errors.join(' '));
      else if (warnings.length > 0) spaced.push(display(f));
    }
    if (bad.length > 0) out.push(finding(bundle, 'bia-path-characters', 'error', "Paths the BioImage Archive's file lists refuse (only A–Z a–z 0–9 ! - _ . * ' ( ) space and / are allowed, no ./ or ../, no trailing space): rename these files or folders.", bad));
    if (spaced.length > 0) out.push(finding(bundle, 'bia-path-space', 'warning', 'Paths with spaces: the BIA accepts them but advises against spaces.', spaced));
  }
  const dups = duplicates(readable);
  if (dups && dups.length > 0) {
    out.push(finding(bundle, 'duplicate-content', 'warning', 'Files with the same size and checksum: the same data stored twice. Keep one unless both copies are meant.', dups.map((g) => groupEntry(g, ' = ')), dups.length));
  }
  if (bundle === 'BIA') {
    const big = readable.filter((f) => (f.size ?? 0) > BIA_WEB_MAX_FILE_BYTES).map(display);
    if (big.length > 0) out.push(finding(bundle, 'bia-web-file-size', 'warning', 'Files over 20 GB: too large for the BIA web upload; use FTP or Aspera.', big));
    const total = readable.reduce((n, f) => n + (f.size ?? 0), 0);
    if (total > BIA_FTP_MAX_TOTAL_BYTES) out.push(finding(bundle, 'bia-ftp-total-size', 'warning', 'Over 1 TB in total: upload with Aspera (FTP is for up to 1 TB, the web tool for under 50 GB).', []));
    else if (total >= BIA_WEB_MAX_TOTAL_BYTES) out.push(finding(bundle, 'bia-web-total-size', 'warning', '50 GB or more in total: too much for the BIA web upload; use FTP (up to 1 TB) or Aspera.', []));
  }
  if (bundle === 'EMPIAR') {
    out.push(finding(bundle, 'empiar-size-limit', 'info', 'EMPIAR documents no per-file or total size limit; it is built for TB-scale data moved with Aspera or Globus.', []));
  }
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return out.sort((a, b) => rank[a.severity] - rank[b.severity]);
}

/** PREFLIGHT.md of one bundle: each finding with its rule and the files it names. */
export function renderPreflight(bundle: BundleTarget, findings: readonly PreflightFinding[]): string {
  const lines = [`# Pre-flight check: ${bundle}`, ''];
  const problems = findings.filter((f) => f.severity !== 'info');
  lines.push(problems.length === 0 ? 'Nothing the archive is known to refuse was found.' : `${problems.length} problem${problems.length === 1 ? '' : 's'} to look at before uploading.`, '');
  for (const f of findings) {
    lines.push(`## ${f.severity.toUpperCase()}: ${f.message}`, '', `Rule: ${f.rule}.${f.count > 0 ? ` ${f.count} found.` : ''}`, '');
    // A name with a control character (a newline) is shown as a JSON string so it stays on one line.
    for (const p of f.paths) lines.push([...p].some((c) => c < ' ' || c === '`') ? `- ${JSON.stringify(p)}` : `- \`${p}\``);
    if (f.count > f.paths.length) lines.push(`- … and ${f.count - f.paths.length} more`);
    if (f.paths.length > 0) lines.push('');
  }
  return lines.join('\n');
}
