import fs, { type Dirent, type Stats } from 'node:fs';

/** A path as the OS gave it: a string, or raw bytes when the name is not valid UTF-8. */
export type RawPath = string | Buffer;

/** Node's callback shape: an error, or the value. */
export type Callback<T> = (err: NodeJS.ErrnoException | null, value?: T) => void;

/**
 * The file-system calls the walker makes; tests inject faults through it. Callback-style on purpose: on
 * 200k files, promise-based lstat costs about twice the callback API (test/bench, /tmp micro-benchmark
 * in the commit that made this change), and lstat is the walk's hot path.
 */
export interface WalkFs {
  readdir(path: RawPath, cb: Callback<Dirent[]>): void;
  readdirRaw(path: RawPath, cb: Callback<Dirent<Buffer>[]>): void;
  lstat(path: RawPath, cb: Callback<Stats>): void;
  stat(path: RawPath, cb: Callback<Stats>): void;
  readlink(path: RawPath, cb: Callback<string>): void;
}

/** The real file system. */
export const nodeWalkFs: WalkFs = {
  readdir: (p, cb) => fs.readdir(p, { withFileTypes: true }, cb),
  readdirRaw: (p, cb) => fs.readdir(p, { withFileTypes: true, encoding: 'buffer' }, cb),
  lstat: (p, cb) => fs.lstat(p, cb),
  stat: (p, cb) => fs.stat(p, cb),
  readlink: (p, cb) => fs.readlink(p, cb),
};
