import { promises as fsp } from 'node:fs';
import path from 'node:path';

/**
 * A bounded walk down the folder hierarchy of a chunked store (Zarr, N5) from the folder of its root metadata
 * file, reading one small JSON metadata file per folder, breadth-first, until a caller's test accepts one.
 * Chunk folders are skipped by name (all digits, as Zarr v2 "0/0/0" and N5 "0/0/0" blocks are named), so the
 * walk sees only groups and arrays. Every limit is a named constant; errors end the walk quietly.
 */

/** Folder levels below the root looked at (OpenOrganelle: recon-1/em/fibsem-uint8 is three; BDV N5: setupN/timepointN/sN three). */
export const MAX_WALK_DEPTH = 6;
/** Folders visited in one walk (a store's groups and arrays, not its chunks). */
export const MAX_WALK_FOLDERS = 64;
/** Entries of one folder listed (a group with more children is read in part). */
export const MAX_WALK_ENTRIES = 256;
/** Largest metadata file read during the walk (OME-NGFF .zattrs and N5 attributes.json are a few kB). */
export const MAX_WALK_FILE_BYTES = 256 * 1024;
/** Chunk and block folders: Zarr v2 / N5 name them by their integer grid index. */
const CHUNK_NAME = /^\d+$/;
/** A Zarr v2 array's metadata: its folder holds chunks, not groups (Zarr v2 spec). */
const ARRAY_MARKERS: ReadonlySet<string> = new Set(['.zarray']);

/** One metadata file found by the walk: its path relative to the root folder and its parsed JSON object. */
export interface WalkHit<T> {
  readonly relative: string;
  readonly value: T;
}

/** Parses a JSON file of at most MAX_WALK_FILE_BYTES; `undefined` when larger. Throws on a missing file or bad JSON (callers catch). */
export async function readSmallJson(file: string): Promise<unknown> {
  const handle = await fsp.open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > MAX_WALK_FILE_BYTES) return undefined;
    const buf = Buffer.alloc(size);
    await handle.read(buf, 0, size, 0);
    return JSON.parse(buf.toString('utf8').replace(/^\uFEFF/, '')) as unknown;
  } finally {
    await handle.close();
  }
}

/** Up to MAX_WALK_ENTRIES entries of a folder, read in batches (opendir), so a folder of a million chunk files costs no more. */
async function listFolder(dir: string): Promise<{ folders: string[]; isArray: boolean }> {
  const folders: string[] = [];
  let isArray = false;
  let seen = 0;
  const handle = await fsp.opendir(dir, { bufferSize: 64 });
  try {
    for (let e = await handle.read(); e !== null && seen < MAX_WALK_ENTRIES; e = await handle.read(), seen++) {
      if (ARRAY_MARKERS.has(e.name)) isArray = true;
      if (e.isDirectory() && !CHUNK_NAME.test(e.name) && !e.name.startsWith('.')) folders.push(e.name);
    }
  } finally {
    await handle.close();
  }
  return { folders: folders.sort(), isArray };
}

/**
 * Breadth-first from `rootDir` (the root itself excluded), reading `fileNames` (first present wins) in each
 * folder; returns the first whose parsed JSON `accept` maps to a value. Arrays (a `.zarray` in the folder) are not
 * descended into. `null` when none within the limits.
 */
export async function walkStore<T>(rootDir: string, fileNames: readonly string[], accept: (json: unknown, relative: string) => T | undefined): Promise<WalkHit<T> | null> {
  let level: string[] = [''];
  let visited = 0;
  for (let depth = 1; depth <= MAX_WALK_DEPTH && level.length > 0; depth++) {
    const next: string[] = [];
    for (const rel of level) {
      let listing: { folders: string[]; isArray: boolean };
      try {
        listing = await listFolder(path.join(rootDir, rel));
      } catch {
        continue;
      }
      if (listing.isArray) continue;
      for (const name of listing.folders) {
        if (visited >= MAX_WALK_FOLDERS) return null;
        visited++;
        const child = rel === '' ? name : `${rel}/${name}`;
        for (const file of fileNames) {
          let json: unknown;
          try {
            json = await readSmallJson(path.join(rootDir, child, file));
          } catch {
            continue;
          }
          const value = json === undefined ? undefined : accept(json, child);
          if (value !== undefined) return { relative: child, value };
          break;
        }
        next.push(child);
      }
    }
    level = next;
  }
  return null;
}
