import { promises as fsp, type Dirent, type Stats } from 'node:fs';

/** A path as the OS gave it: a string, or raw bytes when the name is not valid UTF-8. */
export type RawPath = string | Buffer;

/** The file-system calls the walker makes; tests inject faults through it. */
export interface WalkFs {
  readdir(path: RawPath): Promise<Dirent[]>;
  readdirRaw(path: RawPath): Promise<Dirent<Buffer>[]>;
  lstat(path: RawPath): Promise<Stats>;
  stat(path: RawPath): Promise<Stats>;
  readlink(path: RawPath): Promise<string>;
}

/** The real file system. */
export const nodeWalkFs: WalkFs = {
  readdir: (p) => fsp.readdir(p, { withFileTypes: true }),
  readdirRaw: (p) => fsp.readdir(p, { withFileTypes: true, encoding: 'buffer' }),
  lstat: (p) => fsp.lstat(p),
  stat: (p) => fsp.stat(p),
  readlink: (p) => fsp.readlink(p),
};
