import type { Destination, OmicsArchive } from '../model/destination';
import type { Facts } from '../formats/facts';
import type { Modality } from '../modality/modalities';
import { within } from '../layouts/paths';
import type { AppliedOverride, Override } from '../policy/types';
import { isPatientIdentifiable } from '../policy/route';
import { placeOf } from '../naming/place';

/** What override resolution needs of a fileset; the rest of it is carried along untouched. */
export interface Splittable {
  readonly id: string;
  readonly root: string;
  readonly directory: string;
  readonly pattern: string;
  readonly files: readonly string[];
  readonly sizes: readonly number[];
  readonly fileCount: number;
  readonly bytes: number;
  readonly facts: Facts;
}

/** What the user set for one fileset. */
export interface SetByUser {
  readonly modality?: Modality;
  readonly destination?: Destination;
  readonly omicsArchive?: OmicsArchive;
}

/** Overrides matched to filesets: the filesets (files overridden one by one split into their own), what is set for each, and a note per override. */
export interface ResolvedOverrides<T extends Splittable> {
  readonly filesets: T[];
  readonly set: ReadonlyMap<string, SetByUser>;
  readonly applied: AppliedOverride[];
}

/** POSIX form of a path typed on any system, without a trailing slash. */
function posix(p: string): string {
  const s = p.replace(/\\/g, '/');
  return s.length > 1 ? s.replace(/\/+$/, '') : s;
}

/** A path relative to a root, or `undefined` when it is not inside it (`.` for the root itself). */
function relativeTo(root: string, abs: string): string | undefined {
  const r = posix(root);
  if (abs === r) return '.';
  return abs.startsWith(`${r}/`) ? abs.slice(r.length + 1) : undefined;
}

/** The user's values of an override (only those it sets). */
function valuesOf(o: Override): SetByUser {
  return { ...(o.modality ? { modality: o.modality } : {}), ...(o.destination ? { destination: o.destination } : {}), ...(o.omicsArchive ? { omicsArchive: o.omicsArchive } : {}) };
}

type Match<T> = { readonly kind: 'filesets'; readonly sets: T[] } | { readonly kind: 'file'; readonly set: T; readonly file: string };

/** Finds what an override names: a fileset by id or folder/pattern, a file, or a folder; nothing when it names nothing. */
function match<T extends Splittable>(all: readonly T[], target: string): Match<T> | undefined {
  const byId = all.find((f) => f.id === target);
  if (byId) return { kind: 'filesets', sets: [byId] };
  const t = posix(target);
  const absolute = t.startsWith('/') || /^[A-Za-z]:\//.test(t);
  const candidates = all.flatMap((f) => {
    const rel = absolute ? relativeTo(f.root, t) : t;
    return rel === undefined ? [] : [{ f, rel }];
  });
  // A Zarr store's pattern ends in "/" (image.zarr/); a typed name may or may not.
  const named = candidates.filter(({ f, rel }) => rel === posix(placeOf(f))).map((c) => c.f);
  if (named.length > 0) return { kind: 'filesets', sets: named };
  for (const { f, rel } of candidates) if (f.files.includes(rel)) return { kind: 'file', set: f, file: rel };
  const folder = candidates.filter(({ f, rel }) => within(f.directory, rel === '' ? '.' : rel)).map((c) => c.f);
  return folder.length > 0 ? { kind: 'filesets', sets: [...new Set(folder)] } : undefined;
}

/** Splits the named files of a fileset into a fileset of their own (id `<id>~u<n>`), sizes and bytes carried along. */
function split<T extends Splittable>(f: T, files: ReadonlySet<string>, n: number): { part: T; rest: T } {
  const keep: number[] = [];
  const take: number[] = [];
  f.files.forEach((file, i) => (files.has(file) ? take : keep).push(i));
  const pick = (idx: number[]) => ({ files: idx.map((i) => f.files[i]!), sizes: idx.map((i) => f.sizes[i] ?? 0) });
  const a = pick(take);
  const b = pick(keep);
  const only = a.files.length === 1 ? a.files[0]! : undefined;
  const part = {
    ...f,
    id: `${f.id}~u${n}`,
    pattern: only ? only.slice(only.lastIndexOf('/') + 1) : `${f.pattern} (your selection)`,
    ...a,
    fileCount: a.files.length,
    bytes: a.sizes.reduce((s, x) => s + x, 0),
  };
  const left = b.files.length === 1 ? b.files[0]! : undefined;
  const rest = { ...f, ...(left ? { pattern: left.slice(left.lastIndexOf('/') + 1) } : {}), ...b, fileCount: b.files.length, bytes: f.bytes - part.bytes };
  return { part, rest };
}

/**
 * Matches each override to what it names, in the order given (a later override wins where two set the
 * same thing). Files named one by one are split into their own fileset so every file stays in exactly
 * one. Patient-identifiable filesets take no override: the note says so.
 */
export function resolveOverrides<T extends Splittable>(scanned: readonly T[], overrides: readonly Override[]): ResolvedOverrides<T> {
  let filesets = [...scanned];
  const set = new Map<string, SetByUser>();
  const applied: AppliedOverride[] = [];
  let parts = 0;
  for (const o of overrides) {
    const m = match(filesets, o.target);
    const base = { target: o.target, ...valuesOf(o) };
    if (!m) {
      applied.push({ ...base, matched: [], note: 'It matched no fileset, file or folder of the scanned folders, so nothing was changed.' });
      continue;
    }
    let targets: T[];
    if (m.kind === 'file' && isPatientIdentifiable(m.set)) targets = [m.set];
    else if (m.kind === 'file' && m.set.files.length > 1) {
      const { part, rest } = split(m.set, new Set([m.file]), ++parts);
      filesets = filesets.flatMap((f) => (f === m.set ? [rest, part] : [f]));
      const before = set.get(m.set.id);
      if (before) set.set(part.id, before);
      targets = [part];
    } else targets = m.kind === 'file' ? [m.set] : m.sets;
    const blocked = targets.filter(isPatientIdentifiable);
    const taken = targets.filter((f) => !blocked.includes(f));
    for (const f of taken) set.set(f.id, { ...set.get(f.id), ...valuesOf(o) });
    const what = m.kind === 'file' ? (targets[0] === m.set ? `the file ${m.file} (its whole fileset)` : `the file ${m.file}, now a fileset of its own`) : taken.length === 1 ? `the fileset ${taken[0]!.directory === '.' ? '' : `${taken[0]!.directory}/`}${taken[0]!.pattern}` : `${taken.length} filesets`;
    const note =
      taken.length === 0
        ? 'Not applied: the data it names are patient-identifiable and cannot be deposited at EBI.'
        : `Applied to ${what}.${blocked.length > 0 ? ` Not applied to ${blocked.length} patient-identifiable fileset${blocked.length === 1 ? '' : 's'}.` : ''}`;
    applied.push({ ...base, matched: taken.map((f) => f.id), note });
  }
  return { filesets, set, applied };
}
