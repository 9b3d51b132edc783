import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runScan } from '../../../main/scan/run-scan';
import { chooseEngine, networkFileSystem } from '../../../main/scan/choose-engine';
import { findWalkWorker, walkInThread } from '../../../main/scan/thread-walk';
import { SharedTextSlot } from '../../../main/scan/shared-text-slot';
import type { ScanReport } from '../../../shared/model/scan-report';
import { makeTree, numbered, removeTree } from '../../helpers/temp-tree';

let root = '';
afterEach(() => removeTree(root));

/** A tree with everything awkward the walker handles: series, links, a pipe, non-UTF-8 names, deep folders. */
function awkwardTree(): string {
  const files: Record<string, number> = { 'a/b/c/d/deep.tif': 3, 'notes.txt': 5 };
  for (const n of numbered('stack/slice_%d.tif', 300)) files[n] = 7;
  const r = makeTree(files);
  symlinkSync(path.join(r, 'stack'), path.join(r, 'link-dir'));
  symlinkSync('/nowhere', path.join(r, 'dangling'));
  execFileSync('mkfifo', [path.join(r, 'pipe')]);
  writeFileSync(Buffer.concat([Buffer.from(`${r}/`), Buffer.from([0x63, 0x61, 0x66, 0xe9]), Buffer.from('.tif')]), 'x');
  const badDir = Buffer.concat([Buffer.from(`${r}/`), Buffer.from([0x64, 0xff])]);
  mkdirSync(badDir);
  writeFileSync(Buffer.concat([badDir, Buffer.from('/inner.tif')]), 'yy');
  return r;
}

async function report(engine: 'thread' | 'async', roots: string[], followSymlinks = false): Promise<ScanReport> {
  const outcome = await runScan(roots, { engine, followSymlinks, clock: () => new Date(0) });
  if (outcome.status !== 'done') throw new Error(outcome.status);
  return outcome.report;
}

describe('the thread engine', () => {
  it('finds its worker script when running from source', () => {
    expect(findWalkWorker(path.join(__dirname, '../../../main/scan'))).toMatchObject({ fromSource: true });
    expect(findWalkWorker('/nonexistent')).toBeNull();
  });

  it('reports exactly what the async engine reports, awkward entries included', async () => {
    root = awkwardTree();
    const viaThread = await report('thread', [root]);
    const viaAsync = await report('async', [root]);
    expect(viaThread).toEqual(viaAsync);
    expect(viaThread.filesets.flatMap((f) => f.files)).toHaveLength(300 + 2 + 2); // slices, deep.tif + notes.txt, two non-UTF-8 names
    const walkCodes = viaThread.issues.map((i) => i.code).filter((c) => c !== 'FORMAT_UNKNOWN' && c !== 'HEADER_PROBLEM');
    expect(walkCodes.sort()).toEqual(['NON_UTF8_NAME', 'NON_UTF8_NAME', 'SPECIAL_FILE', 'SYMLINK', 'SYMLINK']);
  });

  it('follows links like the async engine when asked', async () => {
    root = awkwardTree();
    expect(await report('thread', [root], true)).toEqual(await report('async', [root], true));
  });

  it('cancels at once and reports nothing afterwards', async () => {
    root = makeTree(Object.fromEntries(numbered('d%d/f.tif', 2000).map((n) => [n, 1])));
    const script = findWalkWorker(path.join(__dirname, '../../../main/scan'))!;
    const controller = new AbortController();
    let afterCancel = 0;
    let cancelled = false;
    const run = walkInThread(
      script,
      [{ index: 0, abs: root }],
      {
        file: () => {
          if (cancelled) afterCancel++;
          else {
            cancelled = true;
            controller.abort();
          }
        },
        directory: () => {},
        issue: () => {},
      },
      { signal: controller.signal },
    );
    await expect(run.done).resolves.toEqual({ cancelled: true });
    await new Promise((r) => setTimeout(r, 100));
    expect(afterCancel).toBe(0);
  });

  it('resolves at once for a signal already aborted', async () => {
    root = makeTree({ 'a.tif': 1 });
    const run = walkInThread(findWalkWorker(path.join(__dirname, '../../../main/scan'))!, [{ index: 0, abs: root }], { file: () => {}, directory: () => {}, issue: () => {} }, { signal: AbortSignal.abort() });
    await expect(run.done).resolves.toEqual({ cancelled: true });
  });

  it('fails clearly when the worker script is broken, and runScan then walks on the main thread', async () => {
    root = makeTree({ 'a.tif': 1 });
    const broken = makeTree({ 'scan-worker.js': 'throw new Error("broken build")' });
    try {
      const run = walkInThread({ file: path.join(broken, 'scan-worker.js'), fromSource: false }, [{ index: 0, abs: root }], { file: () => {}, directory: () => {}, issue: () => {} });
      await expect(run.done).rejects.toThrow(/broken build/);
    } finally {
      removeTree(broken);
    }
  });
});

describe('SharedTextSlot', () => {
  it('hands text between threads through shared memory', () => {
    const buffer = SharedTextSlot.allocate();
    const writer = new SharedTextSlot(buffer);
    const reader = new SharedTextSlot(buffer);
    expect(reader.read()).toBeNull();
    writer.write('/data/study/stack');
    expect(reader.read()).toBe('/data/study/stack');
    writer.write('/données/pile');
    expect(reader.read()).toBe('/données/pile');
  });
});

describe('chooseEngine', () => {
  const types: Record<string, number> = { '/local': 0xef53, '/nfs': 0x6969, '/smb': 0xfe534d42, '/lustre': 0x0bd00bd0 };
  const statfs = (p: string) => ({ type: types[p] ?? 0 });

  it('uses the thread engine on local disks and the async engine when any root is on a network file system', () => {
    expect(chooseEngine(['/local'], statfs).engine).toBe('thread');
    expect(chooseEngine(['/local', '/nfs'], statfs)).toEqual({ engine: 'async', because: '/nfs is on NFS' });
    expect(chooseEngine(['/smb'], statfs).because).toMatch(/SMB2/);
    expect(chooseEngine(['/lustre'], statfs).because).toMatch(/Lustre/);
  });

  it('treats Windows UNC paths as network shares and unreadable file systems as local', () => {
    expect(networkFileSystem('\\\\server\\share\\study', statfs)).toBe('Windows network share');
    expect(
      networkFileSystem('/x', () => {
        throw new Error('ENOSYS');
      }),
    ).toBeNull();
  });
});
