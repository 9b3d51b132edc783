import { createHash } from 'node:crypto';
import { NamePattern, originalExtension, splitExtension, stemKey } from '../../shared/naming/name-pattern';
import type { WalkRoot } from './walker';

/**
 * In one folder, more than this many single files of one extension whose names share no pattern
 * (`GAPDH.tif`, `ACTB.tif`, …) form one fileset `*.tif` instead of a fileset each.
 */
export const SINGLETON_MERGE_THRESHOLD = 4;

/** A group of files before classification: where it lies, its pattern and its members. */
export interface FileGroup {
  readonly id: string;
  readonly root: WalkRoot;
  readonly directory: string;
  readonly pattern: string;
  readonly extension: string;
  /** Names inside `directory`, sorted. */
  readonly names: readonly string[];
  /** Size of each file, in the order of `names`. */
  readonly sizes: readonly number[];
  readonly bytes: number;
  /** A folder layout the group stands for, when it collapses one (an OME-Zarr store). */
  readonly layout?: 'zarr';
  /** Indices of the files whose headers tell what the group is (a store's root metadata), read instead of a sample. */
  readonly headerFiles?: readonly number[];
}

interface Group {
  readonly root: WalkRoot;
  readonly directory: string;
  /** What the group's id hashes: its stem key and extension. */
  readonly key: GroupKey;
  readonly extension: string;
  readonly pattern: NamePattern;
  readonly names: string[];
  readonly sizes: number[];
  bytes: number;
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Names sorted by code units, sizes kept beside their names. */
function sortedFiles(names: readonly string[], sizes: readonly number[]): { names: string[]; sizes: number[] } {
  const order = names.map((_, i) => i).sort((a, b) => byCodeUnits(names[a]!, names[b]!));
  return { names: order.map((i) => names[i]!), sizes: order.map((i) => sizes[i]!) };
}

/** What tells groups of one folder apart: a name pattern and extension, a merge of singletons, or a store. */
type GroupKey = readonly ['files', string, string] | readonly ['merged', string] | readonly ['zarr', string];

/**
 * A map key of its parts. Structured (JSON of the parts), not joined by a separator: a name may hold any byte
 * but `/` and NUL, and the digit placeholder of stem keys is NUL, so no separator is safe (issue 12, finding 4).
 */
function keyOf(...parts: readonly (string | number)[]): string {
  return JSON.stringify(parts);
}

function groupId(root: WalkRoot, directory: string, key: GroupKey): string {
  return createHash('sha1').update(keyOf(root.abs, directory, ...key)).digest('hex').slice(0, 12);
}

/**
 * Groups files into candidate filesets by folder + name pattern (digit runs collapsed) + extension, as
 * docs/design.md "Group" says. Add files in any order; `groups()` is deterministic.
 */
export class FilesetGrouper {
  private readonly groupsByKey = new Map<string, Group>();

  /** Adds one regular file. */
  add(root: WalkRoot, directory: string, name: string, size: number): void {
    const { stem, ext } = splitExtension(name);
    const key: GroupKey = ['files', stemKey(stem), ext];
    const mapKey = keyOf(root.index, directory, ...key);
    const g = this.groupsByKey.get(mapKey);
    if (g) {
      g.pattern.add(stem);
      g.names.push(name);
      g.sizes.push(size);
      g.bytes += size;
      return;
    }
    this.groupsByKey.set(mapKey, {
      root,
      directory,
      key,
      extension: ext,
      pattern: new NamePattern(stem, ext, originalExtension(name, ext)),
      names: [name],
      sizes: [size],
      bytes: size,
    });
  }

  /** The groups, singletons of busy folders merged, sorted by root, folder and pattern. */
  groups(): FileGroup[] {
    const singletons = new Map<string, Group[]>();
    const out: FileGroup[] = [];
    for (const g of this.groupsByKey.values()) {
      if (g.names.length === 1) {
        const k = keyOf(g.root.index, g.directory, g.extension);
        const list = singletons.get(k);
        if (list) list.push(g);
        else singletons.set(k, [g]);
      } else {
        out.push(this.toFileGroup(g));
      }
    }
    for (const list of singletons.values()) {
      if (list.length > SINGLETON_MERGE_THRESHOLD) {
        const first = list[0]!;
        const key: GroupKey = ['merged', first.extension];
        const { names, sizes } = sortedFiles(
          list.map((g) => g.names[0]!),
          list.map((g) => g.sizes[0]!),
        );
        out.push({
          id: groupId(first.root, first.directory, key),
          root: first.root,
          directory: first.directory,
          pattern: `*${first.extension}`,
          extension: first.extension,
          names,
          sizes,
          bytes: list.reduce((n, g) => n + g.bytes, 0),
        });
      } else {
        for (const g of list) out.push(this.toFileGroup(g));
      }
    }
    return collapseZarrStores(out).sort(
      (a, b) => a.root.index - b.root.index || byCodeUnits(a.directory, b.directory) || byCodeUnits(a.pattern, b.pattern) || byCodeUnits(a.id, b.id),
    );
  }

  private toFileGroup(g: Group): FileGroup {
    return {
      id: groupId(g.root, g.directory, g.key),
      root: g.root,
      directory: g.directory,
      pattern: g.pattern.toString(),
      extension: g.extension,
      ...sortedFiles(g.names, g.sizes),
      bytes: g.bytes,
    };
  }
}

/** Files that make a folder a Zarr node: v2 group/array/attributes, v3 node metadata (docs/formats.md §9). */
const ZARR_MARKERS: readonly string[] = ['zarr.json', '.zattrs', '.zgroup', '.zarray'];
/** An N5 container's root metadata (saalfeldlab/n5 "File-system specification": attributes.json with the "n5" version). */
const N5_MARKER = 'attributes.json';
/** Folders that are one chunked store by name: `*.zarr` and N5 containers `*.n5`. */
const STORE_FOLDER = /\.(zarr|n5)$/i;

function parentOf(dir: string): string {
  const i = dir.lastIndexOf('/');
  return i < 0 ? '.' : dir.slice(0, i);
}

function baseOf(dir: string): string {
  return dir.slice(dir.lastIndexOf('/') + 1);
}

/**
 * An OME-Zarr (or plain Zarr) store is one image however many chunk files it holds: every group inside a
 * store collapses into one fileset named after the store, whose header files are its root metadata. A store
 * is a folder named *.zarr, or the top-most folder holding Zarr metadata.
 */
export function collapseZarrStores(groups: readonly FileGroup[]): FileGroup[] {
  const key = (g: FileGroup, dir: string) => keyOf(g.root.index, dir);
  // Folders holding Zarr metadata, per root.
  const markerDirs = new Map<number, Set<string>>();
  for (const g of groups) {
    if (!g.names.some((n) => ZARR_MARKERS.includes(n))) continue;
    const dirs = markerDirs.get(g.root.index);
    if (dirs) dirs.add(g.directory);
    else markerDirs.set(g.root.index, new Set([g.directory]));
  }
  const storeOf = (g: FileGroup): string | null => {
    // The outermost folder on the path that is a store wins, so a store's nested groups stay inside it. Each
    // prefix is a slice of the folder, not a join of its parts, and is looked up only where the root has Zarr
    // metadata at all: a 2,000-level path costs 2,000 steps, not 2,000 joins (issue 11).
    const dir = g.directory;
    if (dir === '.') return null;
    const markers = markerDirs.get(g.root.index);
    for (let start = 0; start <= dir.length; ) {
      const slash = dir.indexOf('/', start);
      const end = slash < 0 ? dir.length : slash;
      if (STORE_FOLDER.test(dir.slice(start, end))) return dir.slice(0, end);
      if (markers) {
        const prefix = dir.slice(0, end);
        if (markers.has(prefix) && !markers.has(parentOf(prefix))) return prefix;
      }
      start = end + 1;
    }
    return null;
  };
  const stores = new Map<string, { readonly store: string; readonly members: FileGroup[] }>();
  const rest: FileGroup[] = [];
  for (const g of groups) {
    const store = storeOf(g);
    if (store === null) {
      rest.push(g);
      continue;
    }
    const k = key(g, store);
    const entry = stores.get(k);
    if (entry) entry.members.push(g);
    else stores.set(k, { store, members: [g] });
  }
  for (const { store, members } of stores.values()) {
    const first = members[0]!;
    const parent = parentOf(store);
    const base = baseOf(store);
    const names: string[] = [];
    const sizes: number[] = [];
    for (const m of members) {
      const inner = m.directory === store ? '' : `${m.directory.slice(store.length + 1)}/`;
      m.names.forEach((n, i) => {
        names.push(`${base}/${inner}${n}`);
        sizes.push(m.sizes[i]!);
      });
    }
    const sorted = sortedFiles(names, sizes);
    const n5 = /\.n5$/i.test(base);
    const headerFiles = (n5 ? [N5_MARKER] : ZARR_MARKERS).map((m) => sorted.names.indexOf(`${base}/${m}`)).filter((i) => i >= 0);
    rest.push({
      id: groupId(first.root, parent, ['zarr', base]),
      root: first.root,
      directory: parent,
      pattern: `${base}/`,
      extension: n5 ? '.n5' : /\.ome\.zarr$/i.test(base) ? '.ome.zarr' : '.zarr',
      ...sorted,
      bytes: members.reduce((n, m) => n + m.bytes, 0),
      layout: 'zarr',
      headerFiles: headerFiles.slice(0, 1),
    });
  }
  return rest;
}
