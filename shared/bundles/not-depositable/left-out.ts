import { clauseById } from '../../policy/catalog';
import type { PolicyClause } from '../../policy/types';
import type { BundleFileset } from '../bundler';

/**
 * A DICOM UID as a folder name (PACS exports name study and series folders by their Study/Series Instance
 * UID): digit components separated by dots, at most 64 characters (DICOM PS3.5 §9.1). It is a header value
 * of the data, so it is never shown. Bounded, no backtracking.
 */
const DICOM_UID = /^[0-9]{1,64}(\.[0-9]{1,64}){1,63}$/;
/** The DICOM person-name component separator (PS3.5 §6.2, PN): a folder named `DOE^JOHN` is a patient's name. */
const PERSON_NAME_SEPARATOR = '^';
/** Longest folder segment shown: DICOM UIDs are at most 64 characters, and longer names are not browsing aids. */
const MAX_SEGMENT = 64;

/** What replaces a folder name that is itself an identifier. */
export const REDACTED_SEGMENT = '[identifier not shown]';

/** A folder path of left-out data as it may be shown: segments that are identifiers (DICOM UIDs, person names) replaced. */
export function showableFolder(directory: string): string {
  if (directory === '.') return '(the root folder)';
  return directory
    .split('/')
    .map((s) => (s.length > MAX_SEGMENT || DICOM_UID.test(s) || s.includes(PERSON_NAME_SEPARATOR) ? REDACTED_SEGMENT : s))
    .join('/');
}

/** Left-out data of one clause: the clause, how many filesets, files and bytes, and the folders (by root), never a file. */
export interface LeftOutGroup {
  readonly clause: PolicyClause;
  readonly filesets: number;
  readonly files: number;
  readonly bytes: number;
  /** `root N: folder`, redacted, distinct, sorted; empty for OS clutter, which is counted only. */
  readonly folders: readonly string[];
  /** Folders the group spans, redacted ones included. */
  readonly folderCount: number;
}

/** Clauses whose files are counted only, never placed: housekeeping files are everywhere and say nothing (docs/deposit.md §7). */
const COUNT_ONLY: ReadonlySet<string> = new Set(['not-research-data']);

/**
 * The NONE filesets grouped by the clause that left them out, in catalog order (docs/deposit.md §7): counts and
 * folders only. File names, patterns and facts of these filesets are never read here, so they cannot leak.
 */
export function leftOutGroups(members: readonly Pick<BundleFileset, 'clauseId' | 'root' | 'directory' | 'fileCount' | 'bytes'>[], roots: readonly string[]): LeftOutGroup[] {
  const byClause = new Map<string, (typeof members)[number][]>();
  for (const f of members) byClause.set(f.clauseId, [...(byClause.get(f.clauseId) ?? []), f]);
  const out: LeftOutGroup[] = [];
  for (const [id, fs] of byClause) {
    const clause = clauseById(id) ?? clauseById('user-override')!;
    const rootLabel = (root: string) => (roots.length > 1 ? `root ${roots.indexOf(root) + 1}: ` : '');
    const all = [...new Set(fs.map((f) => `${rootLabel(f.root)}${showableFolder(f.directory)}`))].sort();
    out.push({
      clause,
      filesets: fs.length,
      files: fs.reduce((n, f) => n + f.fileCount, 0),
      bytes: fs.reduce((n, f) => n + f.bytes, 0),
      folders: COUNT_ONLY.has(id) ? [] : all,
      folderCount: new Set(fs.map((f) => `${f.root}\u0000${f.directory}`)).size,
    });
  }
  return out;
}
