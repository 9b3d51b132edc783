// File-system faults on real trees (issue 12, findings 2–4): files swapped for FIFOs after the walk, folders
// swapped for links mid-walk, hard links, names holding the grouper's old separator, a root deleted mid-scan.
import { execFileSync } from 'node:child_process';
import { closeSync, constants, linkSync, mkdirSync, openSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../shared/model/scan-report';
import { runScan, type ScanOptions } from '../../main/scan/run-scan';
import { contextFromFile } from '../../main/formats/context';
import { wrapOp } from '../helpers/fault-fs';
import { writeNifti1 } from '../fixtures/writers/medical/nifti';
import { listRegularFiles, makeTree, removeTree } from '../helpers/temp-tree';

const trees: string[] = [];
const fifos: string[] = [];
afterEach(() => {
  // A reader stuck in open() on a FIFO (the bug) is released by a writer appearing, so a failing run still ends.
  for (const f of fifos.splice(0)) {
    try {
      closeSync(openSync(f, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // No reader waiting: nothing to release.
    }
  }
  while (trees.length) removeTree(trees.pop()!);
});
function tree(files: Parameters<typeof makeTree>[0]): string {
  const root = makeTree(files);
  trees.push(root);
  return root;
}

async function report(roots: string[], options: ScanOptions = {}): Promise<ScanReport> {
  const outcome = await runScan(roots, { engine: 'async', ...options });
  if (outcome.status !== 'done') throw new Error(`expected a report, got ${outcome.status}`);
  return outcome.report;
}

function listed(r: ScanReport): string[] {
  return r.filesets.flatMap((f) => f.files).sort();
}

/** Bounds a promise, so a hang fails the test instead of the suite. */
function within<T>(ms: number, p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms).unref())]);
}

describe('a file swapped for a FIFO after the walk (finding 2)', () => {
  it('refuses to read the header of a FIFO, at once, with an error the caller can report', async () => {
    const root = tree({ 'a.tif': 1 });
    const fifo = path.join(root, 'pipe.tif');
    execFileSync('mkfifo', [fifo]);
    fifos.push(fifo);
    await expect(within(2000, contextFromFile(fifo))).rejects.toMatchObject({ code: 'SPECIAL_FILE' });
  });

  it('finishes the scan quickly with an issue on the swapped file, and reads the others', async () => {
    const root = tree({ 'img_1.tif': 10, 'img_2.tif': 10, 'notes.txt': 'hello' });
    const swapped = path.join(root, 'img_2.tif');
    fifos.push(swapped);
    // The walk sees a regular file; right after its lstat answers, the file becomes a FIFO.
    const fs = wrapOp('lstat', (real) => (p, cb) =>
      real(p, (err, st) => {
        cb(err, st);
        if (String(p) === swapped) {
          rmSync(swapped);
          execFileSync('mkfifo', [swapped]);
        }
      }),
    );
    const r = await within(5000, report([root], { fs, fullHeaders: true }));
    expect(listed(r)).toEqual(['img_1.tif', 'img_2.tif', 'notes.txt']);
    expect(r.issues.filter((i) => i.path === swapped)).toMatchObject([{ code: 'SPECIAL_FILE', severity: 'warning' }]);
  });
});

describe('a subfolder swapped for a symbolic link mid-walk (finding 3)', () => {
  it('does not follow the link out of the root, and reports it', async () => {
    const outside = tree({ 'secret/passwd.txt': 'x', 'secret/more.txt': 'y' });
    const root = tree({ 'top.tif': 1, 'sub/inner.tif': 2 });
    const sub = path.join(root, 'sub');
    // The root is listed with `sub` a folder; before the walker descends, `sub` becomes a link outside.
    const fs = wrapOp('readdir', (real) => (p, cb) =>
      real(p, (err, entries) => {
        if (String(p) === root) {
          renameSync(sub, path.join(outside, 'moved-sub'));
          symlinkSync(path.join(outside, 'secret'), sub);
        }
        cb(err, entries);
      }),
    );
    const r = await report([root], { fs });
    expect(listed(r)).toEqual(['top.tif']);
    expect(r.issues.filter((i) => i.path === sub)).toMatchObject([{ code: 'SYMLINK', severity: 'warning' }]);
  });

  it('does not read a header through a file swapped for a link after the walk', async () => {
    const outside = tree({ 'brain.nii': writeNifti1({ dims: [8, 8, 4], pixdim: [1, 1, 1], spatialUnit: 3 }) });
    const root = tree({ 'scan.nii': 400 });
    const file = path.join(root, 'scan.nii');
    const fs = wrapOp('lstat', (real) => (p, cb) =>
      real(p, (err, st) => {
        cb(err, st);
        if (String(p) === file) {
          rmSync(file);
          symlinkSync(path.join(outside, 'brain.nii'), file);
        }
      }),
    );
    const r = await report([root], { fs });
    expect(r.filesets.map((f) => f.format)).toEqual(['unknown']);
    expect(r.issues.filter((i) => i.path === file)).toMatchObject([{ code: 'SYMLINK', severity: 'warning' }]);
  });

  it('still follows it with followSymlinks', async () => {
    const outside = tree({ 'secret/passwd.txt': 'x' });
    const root = tree({ 'top.tif': 1, 'sub/inner.tif': 2 });
    const sub = path.join(root, 'sub');
    const fs = wrapOp('readdir', (real) => (p, cb) =>
      real(p, (err, entries) => {
        if (String(p) === root) {
          rmSync(sub, { recursive: true });
          symlinkSync(path.join(outside, 'secret'), sub);
        }
        cb(err, entries);
      }),
    );
    const r = await report([root], { fs, followSymlinks: true });
    expect(listed(r)).toEqual(['sub/passwd.txt', 'top.tif']);
  });
});

describe('listings are neither lost nor corrupted silently (finding 4)', () => {
  it('reports a hard link listed once under followSymlinks, naming both paths', async () => {
    const root = tree({ 'a/one.tif': 3, 'other.txt': 'x' });
    mkdirSync(path.join(root, 'b'));
    linkSync(path.join(root, 'a/one.tif'), path.join(root, 'b/two.tif'));
    const r = await report([root], { followSymlinks: true });
    const files = listed(r).filter((f) => f.endsWith('.tif'));
    expect(files).toHaveLength(1);
    const note = r.issues.filter((i) => i.code === 'SAME_FILE');
    expect(note).toHaveLength(1);
    const [kept] = files;
    const dropped = kept === 'a/one.tif' ? 'b/two.tif' : 'a/one.tif';
    expect(note[0]!.path).toBe(path.join(root, ...dropped.split('/')));
    expect(note[0]!.message).toContain(path.join(root, ...kept!.split('/')));
  });

  it('lists a file whose name holds byte 0x01 under its real path', async () => {
    // With 0x01 as the key separator, "s" + "a\x01b.tif" and "s\x01a" + "b.tif" made one key.
    const root = tree({ 's/a\u0001b.tif': 1, 's\u0001a/b.tif': 2 });
    const r = await report([root]);
    expect(listed(r)).toEqual(listRegularFiles(root));
    expect(listed(r)).toContain('s/a\u0001b.tif');
  });

  it('reports a root deleted mid-scan as an error on the root', async () => {
    const root = tree({ 'a/1.tif': 1, 'b/2.tif': 2, 'c/3.tif': 3 });
    let deleted = false;
    const fs = wrapOp('readdir', (real) => (p, cb) => {
      if (!deleted && String(p) !== root) {
        deleted = true;
        rmSync(root, { recursive: true });
      }
      real(p, cb);
    });
    const r = await report([root], { fs, concurrency: 1 });
    expect(r.totals.errors).toBeGreaterThan(0);
    expect(r.issues.filter((i) => i.path === root && i.severity === 'error')).toHaveLength(1);
  });
});

describe('deep trees (issue 12: 2,000-level nesting)', () => {
  it('walks 2,000 nested folders on both engines and lists the file at the bottom and one at each 500th level', async () => {
    // One-letter folders keep the deepest path (~4,000 bytes) under Linux's PATH_MAX of 4,096 (limits.h).
    const levels = 2000;
    const files: Record<string, number> = {};
    for (const depth of [500, 1000, 1500, levels]) files[`${Array.from({ length: depth }, () => 'd').join('/')}/f${depth}.tif`] = depth;
    const root = tree(files);
    for (const engine of ['thread', 'async'] as const) {
      const r = await report([root], { engine });
      expect(listed(r)).toEqual(listRegularFiles(root));
      expect(r.totals).toMatchObject({ files: 4, directories: levels + 1, errors: 0 });
    }
    // Node's recursive rmSync recurses once per level and overflows the stack at this depth; rm(1) does not.
    execFileSync('rm', ['-rf', root]);
  }, 60_000);
});
