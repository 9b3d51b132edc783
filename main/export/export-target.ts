import { createHash } from 'node:crypto';
import { accessSync, constants as fsConstants, existsSync, lstatSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * The file an export writes at its top so a later `--force` knows the folder is one of ours: an export
 * replaces only a folder holding this marker (or an empty one), never an arbitrary folder named by mistake.
 */
export const EXPORT_MARKER = '.deposit-assistant-export';

/** Why an export is refused before anything is written (exit code 3 in the CLI). */
export type RefusalReason = 'inside-root' | 'contains-root' | 'exists' | 'not-an-export' | 'parent-missing' | 'parent-not-writable';

/** Where an export goes: the final folder, the temporary one beside it, and the name the old export is moved to. */
export interface ExportTarget {
  /** Absolute final folder (`--out`). */
  readonly out: string;
  /** `<out>.partial-<key>`: written first, renamed to `out` when complete; kept after an interruption for resume. */
  readonly partial: string;
  /** `<out>.old-<key>`: a replaced export, deleted once the new one is in place. */
  readonly old: string;
  /** A previous export is there and `--force` replaces it. */
  readonly replaces: boolean;
}

/** The outcome of checking `--out`: a target, or a refusal with its reason in plain words. */
export type TargetCheck = { readonly ok: true; readonly target: ExportTarget } | { readonly ok: false; readonly reason: RefusalReason; readonly message: string };

function within(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/**
 * A key for the temporary folder's name that is the same on every run for the same `--out`, so an
 * interrupted export is found and resumed (8 hex digits of SHA-256 of the absolute path).
 */
function stableKey(out: string): string {
  return createHash('sha256').update(out).digest('hex').slice(0, 8);
}

/**
 * Checks where an export may go, before anything is written: not inside a scan root, not holding one, not
 * over an existing folder unless `force` (and then only over a previous export or an empty folder), in a
 * parent folder that exists and is writable. Paths are compared after resolving links, so a link cannot
 * smuggle the export into the data it describes.
 */
export function checkExportTarget(outInput: string, roots: readonly string[], force: boolean, cwd: string): TargetCheck {
  const out = path.resolve(cwd, outInput);
  const parent = path.dirname(out);
  if (!existsSync(parent)) return { ok: false, reason: 'parent-missing', message: `${parent} does not exist; create it first or choose another --out.` };
  const realParent = realOrSelf(parent);
  const realOut = path.join(realParent, path.basename(out));
  const key = stableKey(realOut);
  const partial = `${out}.partial-${key}`;
  const old = `${out}.old-${key}`;
  for (const root of roots) {
    const realRoot = realOrSelf(root);
    for (const candidate of [realOut, path.join(realParent, path.basename(partial)), path.join(realParent, path.basename(old))]) {
      if (within(candidate, realRoot)) {
        return { ok: false, reason: 'inside-root', message: `${out} is inside the scanned folder ${root}; an export never writes into the data it describes. Choose a folder outside it.` };
      }
      if (within(realRoot, candidate)) {
        return { ok: false, reason: 'contains-root', message: `${out} would hold the scanned folder ${root}; choose a folder that does not contain your data.` };
      }
    }
  }
  try {
    accessSync(realParent, fsConstants.W_OK | fsConstants.X_OK);
  } catch {
    return { ok: false, reason: 'parent-not-writable', message: `${parent} is not writable; choose another --out.` };
  }
  let replaces = false;
  let st;
  try {
    st = lstatSync(out);
  } catch {
    st = null;
  }
  if (st) {
    if (!force) return { ok: false, reason: 'exists', message: `${out} already exists; use --force to replace an earlier export, or choose another --out.` };
    const isOurs = st.isDirectory() && (existsSync(path.join(out, EXPORT_MARKER)) || readdirSync(out).length === 0);
    if (!isOurs) return { ok: false, reason: 'not-an-export', message: `${out} exists and is not an export written by deposit-assistant; it is not replaced, even with --force.` };
    replaces = true;
  }
  return { ok: true, target: { out, partial, old, replaces } };
}
