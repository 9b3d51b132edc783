import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runScan } from '../../../../main/scan/run-scan';
import { checkExportTarget } from '../../../../main/export/export-target';
import { STATE_DIR, STATE_FILE, writeExport, type BundleToWrite } from '../../../../main/export/write-export';
import type { ScanReport } from '../../../../shared/model/scan-report';
import type { BundleTarget } from '../../../../shared/model/bundle';
import { makeTempDir, makeTree, removeTree } from '../../../helpers/temp-tree';

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) removeTree(t);
});

async function scan(root: string): Promise<ScanReport> {
  const outcome = await runScan([root], {});
  if (outcome.status !== 'done') throw new Error(outcome.status);
  return outcome.report;
}

/** One hand-made bundle holding every fileset of the report (the disk side is tested without the renderers). */
function oneBundle(report: ScanReport, archive: BundleTarget = 'EMPIAR'): BundleToWrite {
  return {
    bundle: {
      archive,
      filesetIds: report.filesets.map((f) => f.id),
      fileCount: report.filesets.reduce((n, f) => n + f.fileCount, 0),
      bytes: report.filesets.reduce((n, f) => n + f.bytes, 0),
      checklist: [],
      readiness: { done: 0, total: 0, ready: true },
    },
    files: [{ path: 'notes/TRANSFER.md', content: '# Transfer\n' }],
  };
}

function target(out: string, roots: string[], force = false) {
  const t = checkExportTarget(out, roots, force, '/');
  if (!t.ok) throw new Error(t.message);
  return t.target;
}

describe('writeExport', () => {
  it('writes manifests that md5sum -c and sha256sum -c verify from the root, odd names included', async () => {
    const root = makeTree({ 'a/x.tif': 'xx', 'a/y.tif': 'yyy', 'sp ace.txt': 'space', "quo'te\".txt": 'quote', 'back\\slash.txt': 'bs', 'new\nline.txt': 'nl', 'cr\rname.txt': 'cr' });
    temps.push(root);
    // A name that is not UTF-8 (0xFF is never valid UTF-8): Linux stores the bytes as they are.
    writeFileSync(Buffer.concat([Buffer.from(`${root}/latin1-`), Buffer.from([0xe9, 0xff]), Buffer.from('.txt')]), 'latin');
    const report = await scan(root);
    const outParent = makeTempDir();
    temps.push(outParent);
    const out = path.join(outParent, 'export');
    const result = await writeExport({ report, bundles: [oneBundle(report)], studyFiles: [{ path: 'README.md', content: '# Next\n' }], target: target(out, [root]), algorithms: ['md5', 'sha256'] });
    expect(result.status).toBe('done');
    const rootName = path.basename(root);
    for (const [tool, ext] of [['md5sum', 'md5'], ['sha256sum', 'sha256']] as const) {
      const manifest = path.join(out, 'empiar', `MANIFEST-${rootName}.${ext}`);
      const r = spawnSync(tool, ['--strict', '-c', manifest], { cwd: root, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      // 8 files, each verified once.
      expect(r.stdout.trim().split('\n').filter((l) => l.endsWith(': OK'))).toHaveLength(8);
    }
    // The plain line of a plain name, as coreutils prints it: digest, two spaces, path (MD5 of "xx" by RFC 1321).
    const md5 = readFileSync(path.join(out, 'empiar', `MANIFEST-${rootName}.md5`), 'latin1');
    expect(md5).toContain(`${createHash('md5').update('xx').digest('hex')}  a/x.tif\n`);
    // GNU's escaped form for a backslash in the name: a leading backslash and the backslash doubled.
    expect(md5).toContain(`\\${createHash('md5').update('bs').digest('hex')}  back\\\\slash.txt\n`);
    expect(readdirSync(outParent)).toEqual(['export']);
    expect(existsSync(path.join(out, STATE_DIR))).toBe(false);
    expect(readFileSync(path.join(out, 'empiar', 'notes', 'TRANSFER.md'), 'utf8')).toBe('# Transfer\n');
    expect(readFileSync(path.join(out, 'README.md'), 'utf8')).toBe('# Next\n');
  });

  it('verifies what coreutils itself writes for the same tree', async () => {
    const root = makeTree({ 'one.bin': 'a', 'two/three.bin': 'bc' });
    temps.push(root);
    const report = await scan(root);
    const outParent = makeTempDir();
    temps.push(outParent);
    const out = path.join(outParent, 'x');
    await writeExport({ report, bundles: [oneBundle(report, 'BIA')], studyFiles: [], target: target(out, [root]), algorithms: ['md5'] });
    const ours = readFileSync(path.join(out, 'bia', `MANIFEST-${path.basename(root)}.md5`), 'utf8');
    const theirs = execFileSync('md5sum', ['one.bin', 'two/three.bin'], { cwd: root, encoding: 'utf8' });
    expect(ours).toBe(theirs);
  });

  it('keeps the checksums of an interrupted run and hashes only the rest when re-run', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 24; i++) files[`s/f_${String(i).padStart(2, '0')}.dat`] = `content ${i}`;
    const root = makeTree(files);
    temps.push(root);
    const report = await scan(root);
    const outParent = makeTempDir();
    temps.push(outParent);
    const out = path.join(outParent, 'exp');
    const t = target(out, [root]);
    const controller = new AbortController();
    let done = 0;
    const first = await writeExport({
      report,
      bundles: [oneBundle(report)],
      studyFiles: [],
      target: t,
      algorithms: ['md5'],
      signal: controller.signal,
      hooks: { onFileDone: () => ++done === 5 && controller.abort() },
    });
    expect(first.status).toBe('cancelled');
    expect(existsSync(out)).toBe(false);
    const stateLines = readFileSync(path.join(t.partial, STATE_DIR, STATE_FILE), 'utf8').trim().split('\n');
    const finished = new Set(stateLines.map((l) => (JSON.parse(l) as { path: string }).path));
    expect(finished.size).toBe(5);
    // Only the resume state is left in the temporary folder.
    expect(readdirSync(t.partial)).toEqual([STATE_DIR]);

    const hashed: string[] = [];
    const second = await writeExport({ report, bundles: [oneBundle(report)], studyFiles: [], target: target(out, [root]), algorithms: ['md5'], hooks: { onHashed: (_r, rel) => hashed.push(rel) } });
    expect(second.status).toBe('done');
    expect(hashed.sort()).toEqual(Object.keys(files).filter((f) => !finished.has(f)).sort());
    if (second.status === 'done') expect(second.summary.checksums).toMatchObject({ hashed: 19, reused: 5, files: 24 });
    const r = spawnSync('md5sum', ['--strict', '-c', path.join(out, 'empiar', `MANIFEST-${path.basename(root)}.md5`)], { cwd: root });
    expect(r.status).toBe(0);
    expect(existsSync(t.partial)).toBe(false);
  });

  it('hashes a file again when its size or mtime changed since the interrupted run', async () => {
    const root = makeTree({ 'a.dat': 'one', 'b.dat': 'two' });
    temps.push(root);
    const report = await scan(root);
    const outParent = makeTempDir();
    temps.push(outParent);
    const out = path.join(outParent, 'exp');
    const t = target(out, [root]);
    // A state as an interrupted run left it, with a wrong digest under a stale mtime for a.dat.
    mkdirSync(path.join(t.partial, STATE_DIR), { recursive: true });
    writeFileSync(path.join(t.partial, STATE_DIR, STATE_FILE), JSON.stringify({ root, path: 'a.dat', size: 3, mtimeMs: 1, digests: { md5: '0'.repeat(32) } }) + '\n');
    const hashed: string[] = [];
    await writeExport({ report, bundles: [oneBundle(report)], studyFiles: [], target: t, algorithms: ['md5'], hooks: { onHashed: (_r, rel) => hashed.push(rel) } });
    expect(hashed.sort()).toEqual(['a.dat', 'b.dat']);
    expect(spawnSync('md5sum', ['-c', path.join(out, 'empiar', `MANIFEST-${path.basename(root)}.md5`)], { cwd: root }).status).toBe(0);
  });

  it('leaves no export and no bundle file when writing fails midway', async () => {
    const root = makeTree({ 'a.dat': 'one', 'b.dat': 'two' });
    temps.push(root);
    const report = await scan(root);
    const outParent = makeTempDir();
    temps.push(outParent);
    const out = path.join(outParent, 'exp');
    const t = target(out, [root]);
    await expect(
      writeExport({
        report,
        bundles: [oneBundle(report)],
        studyFiles: [{ path: 'README.md', content: 'x' }],
        target: t,
        algorithms: ['md5'],
        hooks: {
          beforeWrite: (rel) => {
            if (rel === 'README.md') throw new Error('disk full (injected)');
          },
        },
      }),
    ).rejects.toThrow('disk full (injected)');
    expect(existsSync(out)).toBe(false);
    // The checksums already computed are kept for the next run; nothing else.
    expect(readdirSync(t.partial)).toEqual([STATE_DIR]);
  });

  it('replaces an earlier export with --force only after the new one is complete', async () => {
    const root = makeTree({ 'a.dat': 'one' });
    temps.push(root);
    const report = await scan(root);
    const outParent = makeTempDir();
    temps.push(outParent);
    const out = path.join(outParent, 'exp');
    await writeExport({ report, bundles: [oneBundle(report)], studyFiles: [{ path: 'README.md', content: 'first' }], target: target(out, [root]), algorithms: ['md5'] });
    // A failing second attempt leaves the first export as it was.
    await expect(
      writeExport({ report, bundles: [oneBundle(report)], studyFiles: [{ path: 'README.md', content: 'second' }], target: target(out, [root], true), algorithms: ['md5'], hooks: { beforeWrite: (rel) => { if (rel === 'report.json') throw new Error('injected'); } } }),
    ).rejects.toThrow('injected');
    expect(readFileSync(path.join(out, 'README.md'), 'utf8')).toBe('first');
    const again = await writeExport({ report, bundles: [oneBundle(report)], studyFiles: [{ path: 'README.md', content: 'second' }], target: target(out, [root], true), algorithms: ['md5'] });
    expect(again.status === 'done' && again.summary.replaced).toBe(true);
    expect(readFileSync(path.join(out, 'README.md'), 'utf8')).toBe('second');
    expect(readdirSync(outParent)).toEqual(['exp']);
  });

  it('never names or hashes not-depositable files', async () => {
    const root = makeTree({ 'PatientDoe_John.dcm': 'secret', 'ok.dat': 'fine' });
    temps.push(root);
    const report = await scan(root);
    const patient = report.filesets.find((f) => f.pattern.startsWith('PatientDoe'))!;
    const ok = report.filesets.find((f) => f !== patient)!;
    const asNone = { ...report, filesets: report.filesets.map((f) => (f === patient ? { ...f, destination: 'NONE' as const } : f)) };
    const bundles: BundleToWrite[] = [
      { bundle: { archive: 'BIA', filesetIds: [ok.id], fileCount: 1, bytes: ok.bytes, checklist: [], readiness: { done: 0, total: 0, ready: true } }, files: [] },
      { bundle: { archive: 'NONE', filesetIds: [patient.id], fileCount: 1, bytes: patient.bytes, checklist: [], readiness: { done: 0, total: 0, ready: true } }, files: [{ path: 'LEFT-OUT.md', content: '1 fileset left out\n' }] },
    ];
    const outParent = makeTempDir();
    temps.push(outParent);
    const out = path.join(outParent, 'exp');
    const hashed: string[] = [];
    await writeExport({ report: asNone, bundles, studyFiles: [], target: target(out, [root]), algorithms: ['md5', 'sha256'], hooks: { onHashed: (_r, rel) => hashed.push(rel) } });
    expect(hashed).toEqual(['ok.dat']);
    expect(readdirSync(path.join(out, 'not-depositable'))).toEqual(['LEFT-OUT.md']);
    // grep exits 1 when no file matches: the name is nowhere in the export (report.json included).
    const grep = spawnSync('grep', ['-rl', 'PatientDoe', out], { encoding: 'utf8' });
    expect(grep.stdout).toBe('');
    expect(grep.status).toBe(1);
    expect(existsSync(path.join(out, 'report.json'))).toBe(true);
  });
});

describe('two exports to the same folder', () => {
  it('refuse the second while the first runs, touching nothing of it', async () => {
    const files: Record<string, number> = {};
    for (let i = 0; i < 30; i++) files[`d/f${i}.dat`] = 10_000 + i;
    const root = makeTree(files);
    temps.push(root);
    const report = await scan(root);
    const outParent = makeTempDir();
    temps.push(outParent);
    const out = path.join(outParent, 'exp');
    // The second export's outcome is captured at once, so its rejection is handled while the first runs on.
    let second: Promise<unknown> | null = null;
    const first = writeExport({
      report,
      bundles: [oneBundle(report)],
      studyFiles: [],
      target: target(out, [root]),
      algorithms: ['md5'],
      workers: 1,
      hooks: {
        onFileDone: () => {
          second ??= writeExport({ report, bundles: [oneBundle(report)], studyFiles: [], target: target(out, [root]), algorithms: ['md5'] }).then(
            () => new Error('the second export ran'),
            (err: unknown) => err,
          );
        },
      },
    });
    await expect(first).resolves.toMatchObject({ status: 'done' });
    expect(second).not.toBeNull();
    expect(String(await second)).toMatch(/another export to the same folder is running/);
    expect(spawnSync('md5sum', ['--strict', '-c', path.join(out, 'empiar', `MANIFEST-${path.basename(root)}.md5`)], { cwd: root }).status).toBe(0);
  });
});
