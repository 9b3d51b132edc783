import path from 'node:path';
import { promises as fsp } from 'node:fs';
import type { Evidence } from '../../shared/model/evidence';
import type { Facts } from '../../shared/formats/facts';
import type { FormatId } from '../../shared/formats/format-catalog';
import { formatInfo } from '../../shared/formats/format-catalog';
import { withLayouts } from '../../shared/layouts/apply-layouts';
import type { LayoutFileset, LayoutRef } from '../../shared/layouts/types';
import { dataStems } from '../../shared/layouts/sidecars';
import { splitExtension } from '../../shared/naming/name-pattern';
import { contextFromFile } from '../formats/context';
import { identify } from '../formats/registry';

/**
 * The sidecars `inspect` reads beside one file, so that a single file is told what the scan would tell it:
 * `x_1.ser` gets the metadata of `x.emi`, `TS_01.mrc` the tilt angles of `TS_01.mrc.mdoc`. Bounded: only the
 * file's own folder, only names that pair with it by stem (shared/layouts/sidecars.ts dataStems — the keys
 * the scan's sidecar rules match), a capped number of entries looked at and of sidecars read. Which pairings
 * hold and which facts are lent is decided by the scan's own layout code (withLayouts → applyLayouts).
 */

/** Folder entries looked at for sidecars (a folder of 10 000 movies is listed, not read). */
export const MAX_FOLDER_ENTRIES = 10_000;
/** Sidecar candidates identified at most (a tilt series has its mdoc, .rawtlt, .tlt, .xf, .prexf…). */
export const MAX_SIDECARS = 16;

/** What one file looks like to the layout code. */
export interface InspectedFile {
  readonly name: string;
  readonly format: FormatId;
  readonly facts: Facts;
  readonly evidence: readonly Evidence[];
}

/** What the sidecars lent the inspected file: its facts after fusion, the layouts it belongs to, and why. */
export interface Borrowed {
  readonly facts: Facts;
  readonly layouts: readonly LayoutRef[];
  readonly evidence: readonly Evidence[];
  /** Sidecar names that were read (whether or not they lent anything). */
  readonly read: readonly string[];
  readonly problems: readonly string[];
}

/** True when `candidate` starts with one of the stems followed by a separator (`x` → `x.emi`, `TS_01` → `TS_01.mrc.mdoc`). */
function pairsByName(candidate: string, stems: readonly string[]): boolean {
  const lower = candidate.toLowerCase();
  return stems.some((s) => s.length > 0 && lower.startsWith(s) && (lower.length === s.length || lower[s.length] === '.' || lower[s.length] === '_'));
}

/** Same-folder names that may be sidecars of `name`: pairing stems, not the file itself, not files of its own series (same extension). */
export function sidecarCandidates(name: string, entries: readonly string[]): string[] {
  const stems = dataStems(name);
  const ext = splitExtension(name).ext;
  return entries.filter((e) => e !== name && splitExtension(e).ext !== ext && pairsByName(e, stems)).sort().slice(0, MAX_SIDECARS);
}

function layoutFileset(dir: string, f: InspectedFile): LayoutFileset & { readonly layouts: readonly LayoutRef[]; readonly evidence: readonly Evidence[] } {
  return { id: f.name, root: dir, directory: '.', pattern: f.name, files: [f.name], format: f.format, kind: formatInfo(f.format)?.kind ?? 'unknown', facts: f.facts, layouts: [], evidence: [] };
}

/** Runs the scan's layout code over the file and its sidecars; what it lends the file (pure, for tests too). */
export function borrowFromSidecars(dir: string, file: InspectedFile, sidecars: readonly InspectedFile[]): Omit<Borrowed, 'read' | 'problems'> {
  const [own] = withLayouts([layoutFileset(dir, file), ...sidecars.map((s) => layoutFileset(dir, s))]).filter((f) => f.id === file.name);
  return { facts: own?.facts ?? file.facts, layouts: own?.layouts ?? [], evidence: own?.evidence ?? [] };
}

/** Lists the file's folder (bounded), identifies the names that pair with it, and asks the layout code what they lend. Never throws. */
export async function readSidecars(abs: string, file: InspectedFile): Promise<Borrowed> {
  const dir = path.dirname(abs);
  const problems: string[] = [];
  const entries: string[] = [];
  try {
    const handle = await fsp.opendir(dir);
    try {
      for await (const d of handle) {
        if (d.isFile()) entries.push(d.name);
        if (entries.length >= MAX_FOLDER_ENTRIES) {
          problems.push(`Looked for sidecars among the first ${MAX_FOLDER_ENTRIES} files of the folder only.`);
          break;
        }
      }
    } finally {
      await handle.close().catch(() => undefined);
    }
  } catch (err) {
    problems.push(`The folder could not be listed for sidecars: ${err instanceof Error ? err.message : String(err)}.`);
    return { facts: file.facts, layouts: [], evidence: [], read: [], problems };
  }
  const sidecars: InspectedFile[] = [];
  for (const name of sidecarCandidates(file.name, entries)) {
    try {
      const opened = await contextFromFile(path.join(dir, name));
      try {
        const found = await identify(opened.ctx);
        sidecars.push({ name, format: found.format, facts: found.facts, evidence: found.evidence });
      } finally {
        await opened.close();
      }
    } catch (err) {
      problems.push(`Sidecar ${name} could not be read: ${err instanceof Error ? err.message : String(err)}.`);
    }
  }
  if (sidecars.length === 0) return { facts: file.facts, layouts: [], evidence: [], read: [], problems };
  return { ...borrowFromSidecars(dir, file, sidecars), read: sidecars.map((s) => s.name), problems };
}
