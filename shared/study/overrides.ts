import type { Destination, OmicsArchive } from '../model/destination';
import type { Facts } from '../formats/facts';
import type { Modality } from '../modality/modalities';
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

/** What an index keeps under one key: one value (the common case, no allocation) or several. */
type Some<V> = V | Set<V>;

/** A two-level index: by root, then by a path relative to it (no key strings built per file). */
type ByRoot<V> = Map<string, Map<string, Some<V>>>;

/** Adds `v` under `root` and `k`. */
function add<V extends object | number>(map: ByRoot<V>, root: string, k: string, v: V): void {
  let inRoot = map.get(root);
  if (!inRoot) map.set(root, (inRoot = new Map()));
  const had = inRoot.get(k);
  if (had === undefined) inRoot.set(k, v);
  else if (had instanceof Set) had.add(v);
  else if (had !== v) inRoot.set(k, new Set([had, v]));
}

/** Removes `v` from under `root` and `k`. */
function remove<V extends object | number>(map: ByRoot<V>, root: string, k: string, v: V): void {
  const inRoot = map.get(root);
  const had = inRoot?.get(k);
  if (had === v) inRoot!.delete(k);
  else if (had instanceof Set) {
    had.delete(v);
    if (had.size === 1) inRoot!.set(k, had.values().next().value!);
  }
}

/** Every folder a fileset in `dir` lies within, as `within` (shared/layouts/paths.ts) reads it: `.`, the folder itself, and each prefix ending before a `/`. */
function foldersAround(dir: string): string[] {
  const out = ['.', dir];
  for (let i = dir.indexOf('/'); i >= 0; i = dir.indexOf('/', i + 1)) out.push(dir.slice(0, i));
  return out;
}

/**
 * The filesets being resolved, in order, indexed by id, place, file and folder, so each override finds what
 * it names without scanning the study. Each scanned fileset is a slot; splitting one puts its rest in its
 * place and the part right after it, in the slot, so the order is the one the user sees.
 */
class OverrideIndex<T extends Splittable> {
  private readonly slots: T[][];
  private readonly slotOf = new Map<T, number>();
  private readonly roots: string[];
  // Each index is built the first time an override needs it (one override by place never indexes files).
  private byId: Map<string, Some<T>> | undefined;
  private byPlace: ByRoot<T> | undefined;
  private byFile: ByRoot<T> | undefined;
  private byFolder: ByRoot<number> | undefined;

  /** Takes the scanned filesets, each its own slot. */
  constructor(scanned: readonly T[]) {
    this.slots = scanned.map((f) => [f]);
    scanned.forEach((f, i) => this.slotOf.set(f, i));
    this.roots = [...new Set(scanned.map((f) => f.root))];
  }

  /** The filesets in order. */
  all(): T[] {
    return this.slots.flat();
  }

  /** Finds what an override names: a fileset by id or folder/pattern, a file, or a folder; nothing when it names nothing. */
  match(target: string): Match<T> | undefined {
    const byId = this.ordered(this.ids().get(target))[0];
    if (byId) return { kind: 'filesets', sets: [byId] };
    const t = posix(target);
    const absolute = t.startsWith('/') || /^[A-Za-z]:\//.test(t);
    const rels: { root: string; rel: string }[] = [];
    for (const root of this.roots) {
      const rel = absolute ? relativeTo(root, t) : t;
      if (rel !== undefined) rels.push({ root, rel });
    }
    const collect = <V extends object | number>(map: ByRoot<V>, folder = false): Set<V> => {
      const out = new Set<V>();
      for (const { root, rel } of rels) {
        const had = map.get(root)?.get(folder && rel === '' ? '.' : rel);
        if (had instanceof Set) for (const v of had) out.add(v);
        else if (had !== undefined) out.add(had);
      }
      return out;
    };
    // A Zarr store's pattern ends in "/" (image.zarr/); a typed name may or may not.
    const named = this.ordered(collect(this.places()));
    if (named.length > 0) return { kind: 'filesets', sets: named };
    const holding = this.ordered(collect(this.files()))[0];
    if (holding) return { kind: 'file', set: holding, file: rels.find((r) => r.root === holding.root)!.rel };
    const folder = [...collect(this.folders(), true)].sort((a, b) => a - b).flatMap((i) => this.slots[i]!);
    return folder.length > 0 ? { kind: 'filesets', sets: folder } : undefined;
  }

  /** Puts `rest` in the place of `was` and `part` right after it. */
  replace(was: T, rest: T, part: T): void {
    const i = this.slotOf.get(was)!;
    const slot = this.slots[i]!;
    slot.splice(slot.indexOf(was), 1, rest, part);
    this.slotOf.delete(was);
    this.slotOf.set(rest, i);
    this.slotOf.set(part, i);
    // Folders index slots, and a split keeps its folder: only the other indexes change.
    if (this.byId) {
      const had = this.byId.get(was.id);
      if (had === was) this.byId.delete(was.id);
      else if (had instanceof Set) had.delete(was);
      for (const f of [rest, part]) this.addId(this.byId, f);
    }
    if (this.byPlace) {
      remove(this.byPlace, was.root, posix(placeOf(was)), was);
      for (const f of [rest, part]) add(this.byPlace, f.root, posix(placeOf(f)), f);
    }
    if (this.byFile) {
      for (const file of was.files) remove(this.byFile, was.root, file, was);
      for (const f of [rest, part]) for (const file of f.files) add(this.byFile, f.root, file, f);
    }
  }

  private addId(map: Map<string, Some<T>>, f: T): void {
    const had = map.get(f.id);
    map.set(f.id, had === undefined ? f : had instanceof Set ? had.add(f) : new Set([had, f]));
  }

  private ids(): Map<string, Some<T>> {
    if (!this.byId) {
      const map = new Map<string, Some<T>>();
      for (const slot of this.slots) for (const f of slot) this.addId(map, f);
      this.byId = map;
    }
    return this.byId;
  }

  private places(): ByRoot<T> {
    if (!this.byPlace) {
      const map: ByRoot<T> = new Map();
      for (const slot of this.slots) for (const f of slot) add(map, f.root, posix(placeOf(f)), f);
      this.byPlace = map;
    }
    return this.byPlace;
  }

  private files(): ByRoot<T> {
    if (!this.byFile) {
      const map: ByRoot<T> = new Map();
      for (const slot of this.slots) for (const f of slot) for (const file of f.files) add(map, f.root, file, f);
      this.byFile = map;
    }
    return this.byFile;
  }

  private folders(): ByRoot<number> {
    if (!this.byFolder) {
      const map: ByRoot<number> = new Map();
      this.slots.forEach((slot, i) => {
        for (const dir of foldersAround(slot[0]!.directory)) add(map, slot[0]!.root, dir, i);
      });
      this.byFolder = map;
    }
    return this.byFolder;
  }

  /** Filesets in the order of the study. */
  private ordered(found: Some<T> | undefined): T[] {
    if (found === undefined) return [];
    if (!(found instanceof Set)) return [found];
    if (found.size <= 1) return [...found];
    const slots = [...new Set([...found].map((f) => this.slotOf.get(f)!))].sort((a, b) => a - b);
    return slots.flatMap((i) => this.slots[i]!.filter((f) => found.has(f)));
  }
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
  if (overrides.length === 0) return { filesets: [...scanned], set: new Map(), applied: [] };
  const index = new OverrideIndex(scanned);
  const set = new Map<string, SetByUser>();
  const applied: AppliedOverride[] = [];
  let parts = 0;
  for (const o of overrides) {
    const m = index.match(o.target);
    const base = { target: o.target, ...valuesOf(o) };
    if (!m) {
      applied.push({ ...base, matched: [], note: 'It matched no fileset, file or folder of the scanned folders, so nothing was changed.' });
      continue;
    }
    let targets: T[];
    if (m.kind === 'file' && isPatientIdentifiable(m.set)) targets = [m.set];
    else if (m.kind === 'file' && m.set.files.length > 1) {
      const { part, rest } = split(m.set, new Set([m.file]), ++parts);
      index.replace(m.set, rest, part);
      const before = set.get(m.set.id);
      if (before) set.set(part.id, before);
      targets = [part];
    } else targets = m.kind === 'file' ? [m.set] : m.sets;
    const blocked = targets.filter(isPatientIdentifiable);
    const taken = blocked.length === 0 ? targets : targets.filter((f) => !isPatientIdentifiable(f));
    for (const f of taken) set.set(f.id, { ...set.get(f.id), ...valuesOf(o) });
    const what = m.kind === 'file' ? (targets[0] === m.set ? `the file ${m.file} (its whole fileset)` : `the file ${m.file}, now a fileset of its own`) : taken.length === 1 ? `the fileset ${taken[0]!.directory === '.' ? '' : `${taken[0]!.directory}/`}${taken[0]!.pattern}` : `${taken.length} filesets`;
    const note =
      taken.length === 0
        ? 'Not applied: the data it names are patient-identifiable and cannot be deposited at EBI.'
        : `Applied to ${what}.${blocked.length > 0 ? ` Not applied to ${blocked.length} patient-identifiable fileset${blocked.length === 1 ? '' : 's'}.` : ''}`;
    applied.push({ ...base, matched: taken.map((f) => f.id), note });
  }
  return { filesets: index.all(), set, applied };
}
