import { mkdirSync, symlinkSync, writeFileSync, type Dirent } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Issue } from '../../../shared/model/issue';
import { walk, type WalkDir, type WalkRoot } from '../../../main/scan/walker';
import { nodeWalkFs, type Callback, type RawPath, type WalkFs } from '../../../main/scan/walk-fs';
import { errnoError, faultyFs } from '../../helpers/fault-fs';
import { listRegularFiles, makeTempDir, makeTree, removeTree } from '../../helpers/temp-tree';

const trees: string[] = [];
afterEach(() => {
  while (trees.length) removeTree(trees.pop()!);
});
function tree(files: Parameters<typeof makeTree>[0]): string {
  const root = makeTree(files);
  trees.push(root);
  return root;
}

interface Collected {
  files: string[];
  sizes: Map<string, number>;
  dirs: string[];
  issues: Issue[];
}

async function collect(roots: string[], options: Parameters<typeof walk>[2] = {}) {
  const out: Collected = { files: [], sizes: new Map(), dirs: [], issues: [] };
  const walkRoots: WalkRoot[] = roots.map((abs, index) => ({ index, abs }));
  const result = await walk(
    walkRoots,
    {
      file(dir: WalkDir, name: string, size: number) {
        const rel = dir.rel === '.' ? name : `${dir.rel}/${name}`;
        out.files.push(rel);
        out.sizes.set(rel, size);
      },
      directory(dir: WalkDir) {
        out.dirs.push(dir.rel);
      },
      issue(issue: Issue) {
        out.issues.push(issue);
      },
    },
    options,
  );
  out.files.sort();
  out.dirs.sort();
  return { ...out, result };
}

describe('walk', () => {
  it('reports every regular file once with its size, and every folder', async () => {
    const root = tree({ 'a.txt': 'hello', 'sub/b.bin': 10, 'sub/deeper/c.tif': 3, 'empty/.keep': 0 });
    const got = await collect([root]);
    expect(got.files).toEqual(listRegularFiles(root));
    expect(got.sizes.get('a.txt')).toBe(5);
    expect(got.sizes.get('sub/b.bin')).toBe(10);
    expect(got.dirs).toEqual(['.', 'empty', 'sub', 'sub/deeper']);
    expect(got.issues).toEqual([]);
    expect(got.result.cancelled).toBe(false);
  });

  it('walks several roots and keeps them apart', async () => {
    const a = tree({ 'x/1.tif': 1 });
    const b = tree({ 'y/2.tif': 2 });
    const seen: [number, string][] = [];
    await walk([{ index: 0, abs: a }, { index: 1, abs: b }], {
      file: (dir, name) => seen.push([dir.root.index, `${dir.rel}/${name}`]),
      directory: () => {},
      issue: () => {},
    });
    expect(seen.sort()).toEqual([
      [0, 'x/1.tif'],
      [1, 'y/2.tif'],
    ]);
  });

  it('reports symbolic links without following them', async () => {
    const root = tree({ 'data/real.tif': 4 });
    symlinkSync(path.join(root, 'data'), path.join(root, 'link-to-data'));
    symlinkSync(path.join(root, 'data/real.tif'), path.join(root, 'link.tif'));
    symlinkSync(path.join(root, 'nowhere'), path.join(root, 'dangling'));
    const got = await collect([root]);
    expect(got.files).toEqual(['data/real.tif']);
    expect(got.issues.map((i) => [path.basename(i.path!), i.code, i.severity]).sort()).toEqual([
      ['dangling', 'SYMLINK', 'info'],
      ['link-to-data', 'SYMLINK', 'info'],
      ['link.tif', 'SYMLINK', 'info'],
    ]);
    expect(got.issues.find((i) => i.path!.endsWith('link-to-data'))!.message).toContain(path.join(root, 'data'));
  });

  it('follows links when asked, without looping or counting a file twice', async () => {
    const root = tree({ 'data/real.tif': 4, 'data/sub/x.tif': 1 });
    symlinkSync(root, path.join(root, 'data/sub/loop'));
    symlinkSync(path.join(root, 'data/real.tif'), path.join(root, 'alias.tif'));
    symlinkSync(path.join(root, 'nowhere'), path.join(root, 'dangling'));
    const got = await collect([root], { followSymlinks: true });
    expect(got.files.filter((f) => f.endsWith('real.tif') || f.endsWith('alias.tif'))).toHaveLength(1);
    expect(got.files.filter((f) => f.endsWith('x.tif'))).toHaveLength(1);
    // The file seen twice (through alias.tif) is listed once and said so (issue 12, finding 4).
    expect(got.issues.map((i) => i.code).sort()).toEqual(['ELOOP', 'ENOENT', 'SAME_FILE']);
  });

  it('reports pipes and sockets as special files and goes on', async () => {
    const root = tree({ 'a.tif': 1 });
    execFileSync('mkfifo', [path.join(root, 'pipe')]);
    const got = await collect([root]);
    expect(got.files).toEqual(['a.tif']);
    expect(got.issues).toMatchObject([{ code: 'SPECIAL_FILE', severity: 'info', path: path.join(root, 'pipe') }]);
  });

  it('lists files whose names are not UTF-8, with a warning', async () => {
    const root = tree({ 'ok.tif': 1 });
    const latin1 = Buffer.concat([Buffer.from(root + '/'), Buffer.from([0x63, 0x61, 0x66, 0xe9]), Buffer.from('.tif')]); // "café" in Latin-1
    writeFileSync(latin1, 'x');
    const badDir = Buffer.concat([Buffer.from(root + '/'), Buffer.from([0x64, 0xff])]);
    mkdirSync(badDir);
    writeFileSync(Buffer.concat([badDir, Buffer.from('/inner.tif')]), 'yy');
    const got = await collect([root]);
    expect(got.files).toHaveLength(3);
    expect(got.files).toContain('ok.tif');
    expect(got.files).toContain('caf\uFFFD.tif');
    expect(got.files).toContain('d\uFFFD/inner.tif');
    expect(got.sizes.get('d\uFFFD/inner.tif')).toBe(2);
    expect(got.issues.filter((i) => i.code === 'NON_UTF8_NAME')).toHaveLength(2);
  });

  it('records an unreadable folder as an error and scans the rest', async () => {
    const root = tree({ 'open/a.tif': 1, 'locked/b.tif': 1, 'c.tif': 1 });
    const got = await collect([root], { fs: faultyFs({ readdir: { '/locked': 'EACCES' } }) });
    expect(got.files).toEqual(['c.tif', 'open/a.tif']);
    expect(got.issues).toMatchObject([{ severity: 'error', code: 'EACCES', path: path.join(root, 'locked') }]);
    expect(got.issues[0]!.message).toMatch(/permission denied/);
  });

  it('records files that vanish or cannot be stat-ed, and goes on', async () => {
    const root = tree({ 'gone.tif': 1, 'secret.tif': 1, 'fine.tif': 1 });
    const got = await collect([root], { fs: faultyFs({ lstat: { 'gone.tif': 'ENOENT', 'secret.tif': 'EACCES' } }) });
    expect(got.files).toEqual(['fine.tif']);
    expect(got.issues.map((i) => [path.basename(i.path!), i.code, i.severity]).sort()).toEqual([
      ['gone.tif', 'ENOENT', 'warning'],
      ['secret.tif', 'EACCES', 'error'],
    ]);
  });

  it('retries "too many open files" before giving up', async () => {
    const root = tree({ 'a.tif': 1 });
    let failures = 2;
    const fs: WalkFs = {
      ...nodeWalkFs,
      readdir: (p, cb) => (failures-- > 0 ? setImmediate(() => cb(errnoError('EMFILE', p))) : nodeWalkFs.readdir(p, cb)),
    };
    const got = await collect([root], { fs });
    expect(got.files).toEqual(['a.tif']);
    expect(got.issues).toEqual([]);
  });

  it('asks lstat when the file system does not tell the entry type', async () => {
    const root = tree({ 'a.tif': 3, 'sub/b.tif': 4 });
    const unknownType = (d: Dirent): Dirent =>
      Object.assign(Object.create(Object.getPrototypeOf(d) as object) as Dirent, d, {
        isFile: () => false,
        isDirectory: () => false,
        isSymbolicLink: () => false,
      });
    const fs: WalkFs = { ...nodeWalkFs, readdir: (p, cb) => nodeWalkFs.readdir(p, (err, list) => cb(err, list?.map(unknownType))) };
    const got = await collect([root], { fs });
    expect(got.files).toEqual(['a.tif', 'sub/b.tif']);
    expect(got.sizes.get('sub/b.tif')).toBe(4);
  });

  it('never has more file-system calls in flight than its concurrency', async () => {
    const files: Record<string, number> = {};
    for (let d = 0; d < 5; d++) for (let f = 0; f < 40; f++) files[`d${d}/f${f}.tif`] = 1;
    const root = tree(files);
    let inFlight = 0;
    let peak = 0;
    const track =
      <T,>(real: (p: RawPath, cb: Callback<T>) => void) =>
      (p: RawPath, cb: Callback<T>) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        setTimeout(
          () =>
            real(p, (err, value) => {
              inFlight--;
              cb(err, value);
            }),
          1,
        );
      };
    const fs: WalkFs = { ...nodeWalkFs, readdir: track(nodeWalkFs.readdir), lstat: track(nodeWalkFs.lstat) };
    const got = await collect([root], { fs, concurrency: 3 });
    expect(got.files).toHaveLength(200);
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
  });

  it('stops when cancelled and reports nothing afterwards, even with a call stuck in the OS', async () => {
    const root = tree({ 'fast/a.tif': 1, 'stuck/b.tif': 1 });
    const controller = new AbortController();
    const fs = faultyFs({ readdir: { '/stuck': 'stall' } });
    const seenAfterCancel: string[] = [];
    let cancelled = false;
    const pending = walk(
      [{ index: 0, abs: root }],
      {
        file: (_d, name) => {
          if (cancelled) seenAfterCancel.push(name);
        },
        directory: (d) => {
          if (d.rel === 'stuck') {
            cancelled = true;
            setTimeout(() => controller.abort(), 5);
          }
        },
        issue: () => {},
      },
      { fs, signal: controller.signal },
    );
    await expect(pending).resolves.toEqual({ cancelled: true });
    expect(seenAfterCancel.filter((n) => n === 'b.tif')).toEqual([]);
  });

  it('returns at once for a signal that is already aborted', async () => {
    const root = tree({ 'a.tif': 1 });
    const got = await collect([root], { signal: AbortSignal.abort() });
    expect(got.result.cancelled).toBe(true);
    expect(got.files).toEqual([]);
  });
});

describe('walk on a tree the OS really locks', () => {
  const isRoot = process.getuid?.() === 0;
  it.skipIf(isRoot)('reports EACCES on a chmod-000 folder (skipped as root, who can read anything)', async () => {
    const root = makeTempDir();
    trees.push(root);
    makeTree({ 'locked/x.tif': 1, 'y.tif': 1 }, root);
    const { chmodSync } = await import('node:fs');
    chmodSync(path.join(root, 'locked'), 0o000);
    try {
      const got = await collect([root]);
      expect(got.files).toEqual(['y.tif']);
      expect(got.issues).toMatchObject([{ code: 'EACCES', severity: 'error' }]);
    } finally {
      chmodSync(path.join(root, 'locked'), 0o755);
    }
  });
});
