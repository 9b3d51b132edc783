import fs from 'node:fs';
import type { Callback, RawPath, WalkFs } from './walk-fs';

function sync<T>(op: (p: RawPath) => T): (p: RawPath, cb: Callback<T>) => void {
  return (p, cb) => {
    let value: T;
    try {
      value = op(p);
    } catch (err) {
      cb(err as NodeJS.ErrnoException);
      return;
    }
    cb(null, value);
  };
}

/**
 * The file system through blocking calls, answering callbacks at once. Only for the walk worker thread:
 * there a blocking call stalls nobody, and it skips libuv's thread pool, whose queue is the walk's main
 * cost on local disks (npm run bench).
 */
export const syncWalkFs: WalkFs = {
  readdir: sync((p) => fs.readdirSync(p, { withFileTypes: true })),
  readdirRaw: sync((p) => fs.readdirSync(p, { withFileTypes: true, encoding: 'buffer' })),
  lstat: sync((p) => fs.lstatSync(p)),
  stat: sync((p) => fs.statSync(p)),
  readlink: sync((p) => fs.readlinkSync(p, 'utf8')),
};
