import { afterEach, describe, expect, it } from 'vitest';
import { ScanReportSchema } from '../../../shared/model/scan-report';
import type { ScanProgress } from '../../../shared/ipc/contract';
import { runScan } from '../../../main/scan/run-scan';
import { PROGRESS_INTERVAL_MS, ProgressThrottle } from '../../../main/scan/progress-throttle';
import { faultyFs, wrapOp } from '../../helpers/fault-fs';
import { listRegularFiles, makeTree, numbered, removeTree } from '../../helpers/temp-tree';
import { writeNifti1 } from '../../fixtures/writers/medical/nifti';
import path from 'node:path';

let root = '';
afterEach(() => removeTree(root));

describe('runScan', () => {
  it('builds a schema-valid report listing every regular file exactly once, with formats read from a sample', async () => {
    const files: Record<string, Uint8Array | number> = { 'notes.bin': 12, 'maps/EMD-1.map': 100, 'maps/EMD-2.map': 200 };
    const nifti = writeNifti1({ dims: [8, 8, 4], pixdim: [0.5, 0.5, 2], spatialUnit: 3 });
    for (const n of numbered('stack/slice_%d.nii', 30)) files[n] = nifti;
    root = makeTree(files);
    const outcome = await runScan([root], { clock: () => new Date('2026-11-21T10:00:00Z') });
    if (outcome.status !== 'done') throw new Error(`expected a report, got ${outcome.status}`);
    const report = ScanReportSchema.parse(outcome.report);
    const listed = report.filesets.flatMap((f) => f.files).sort();
    expect(listed).toEqual(listRegularFiles(root));
    expect(report.filesets.map((f) => [f.directory, f.pattern, f.fileCount, f.bytes, f.format, f.sampling.read, f.destination])).toEqual([
      ['.', 'notes.bin', 1, 12, 'unknown', 1, 'REVIEW'],
      ['maps', 'EMD-#.map', 2, 300, 'unknown', 2, 'REVIEW'],
      ['stack', 'slice_####.nii', 30, 30 * 352, 'nifti', 5, 'REVIEW'],
    ]);
    const stack = report.filesets[2]!;
    expect(stack.facts.pixelSize?.value).toEqual({ x: 500, y: 500, z: 2000 });
    expect(stack.evidence.map((e) => e.detail)).toContain('Read 5 of 30 files (first, last, a spread between, and size outliers): all are NIfTI.');
    expect(report.totals).toEqual({ files: 33, bytes: 312 + 30 * 352, filesets: 3, directories: 3, errors: 0, warnings: 0 });
    // One note per fileset the readers did not understand, not one per file.
    expect(report.issues.map((i) => [i.code, path.basename(i.path!)])).toEqual([
      ['FORMAT_UNKNOWN', 'EMD-1.map'],
      ['FORMAT_UNKNOWN', 'notes.bin'],
    ]);
    expect(report.generatedAt).toBe('2026-11-21T10:00:00.000Z');
    expect(report.roots).toEqual([root]);
    // NIfTI (a neuroimaging format) with half-micrometre voxels (microscopy scale): the evidence conflicts, so a person decides.
    expect(stack.clauseId).toBe('review-low-confidence');
    expect(report.study).toMatchObject({ correlative: false, patientData: false, components: [] });
    expect(report.bundles).toEqual([]);
  });

  it('reads every header with fullHeaders', async () => {
    const files: Record<string, Uint8Array> = {};
    for (const n of numbered('s/f_%d.nii', 20)) files[n] = writeNifti1({ dims: [2, 2], pixdim: [1, 1] });
    root = makeTree(files);
    const outcome = await runScan([root], { fullHeaders: true });
    if (outcome.status !== 'done') throw new Error(outcome.status);
    expect(outcome.report.filesets[0]!.sampling).toEqual({ read: 20, total: 20, full: true });
  });

  it('refuses roots that cannot be scanned and does not walk the others', async () => {
    root = makeTree({ 'a/x.tif': 1 });
    const outcome = await runScan([`${root}/a`, `${root}/nope`]);
    expect(outcome).toMatchObject({ status: 'invalid-roots', problems: [{ input: `${root}/nope` }] });
  });

  it('notes a root without files', async () => {
    root = makeTree({});
    const outcome = await runScan([root]);
    if (outcome.status !== 'done') throw new Error(outcome.status);
    expect(outcome.report.issues).toMatchObject([{ code: 'EMPTY_ROOT', severity: 'info', path: root }]);
    expect(outcome.report.filesets).toEqual([]);
  });

  it('scans a nested root once, under its outer root, with a warning', async () => {
    root = makeTree({ 'inner/x.tif': 1, 'y.tif': 1 });
    const outcome = await runScan([`${root}/inner`, root]);
    if (outcome.status !== 'done') throw new Error(outcome.status);
    expect(outcome.report.roots).toEqual([root]);
    expect(outcome.report.filesets.flatMap((f) => f.files).sort()).toEqual(['inner/x.tif', 'y.tif']);
    expect(outcome.report.issues.filter((i) => i.severity !== 'info')).toMatchObject([{ code: 'ROOT_OVERLAP', severity: 'warning' }]);
    expect(outcome.report.totals.warnings).toBe(1);
  });

  it('sends progress no more often than the throttle allows, ending with the grouping phase', async () => {
    const files: Record<string, number> = {};
    for (const n of numbered('d/f_%d.tif', 200)) files[n] = 1;
    root = makeTree(files);
    let t = 0;
    const events: ScanProgress[] = [];
    // Each completed file-system call advances a fake clock by 7 ms: 200+ calls ≈ 1.4 s of "time".
    const fs = wrapOp('lstat', (real) => (p, cb) =>
      real(p, (err, st) => {
        t += 7;
        cb(err, st);
      }),
    );
    const outcome = await runScan([root], { fs, now: () => t, onProgress: (p) => events.push(p) });
    expect(outcome.status).toBe('done');
    expect(events.length).toBeGreaterThan(5);
    for (let i = 1; i < events.length; i++) {
      expect(events[i]!.elapsedMs - events[i - 1]!.elapsedMs).toBeGreaterThanOrEqual(PROGRESS_INTERVAL_MS);
    }
    const walking = events.filter((e) => e.phase === 'walking');
    expect(walking.at(-1)!.files).toBeGreaterThan(walking[0]!.files);
    expect(walking.some((e) => e.currentDirectory?.endsWith('/d'))).toBe(true);
  });

  it('names the folder a stalled read is stuck on as the current folder', async () => {
    const files: Record<string, number> = { 'stalled/x.tif': 1 };
    for (const n of numbered('fast/f_%d.tif', 50)) files[n] = 1;
    root = makeTree(files);
    const controller = new AbortController();
    const fs = faultyFs({ readdir: { '/stalled': 'stall' } });
    let t = 0;
    const events: ScanProgress[] = [];
    const pending = runScan([root], {
      fs,
      now: () => (t += 50),
      signal: controller.signal,
      onProgress: (p) => {
        events.push(p);
        if (p.files === 50) controller.abort();
      },
    });
    expect((await pending).status).toBe('cancelled');
    expect(events.at(-1)).toMatchObject({ files: 50, currentDirectory: `${root}/stalled` });
  });

  it('ends as cancelled, without a report, when aborted', async () => {
    root = makeTree({ 'a/x.tif': 1 });
    const outcome = await runScan([root], { signal: AbortSignal.abort() });
    expect(outcome.status).toBe('cancelled');
  });
});

describe('ProgressThrottle', () => {
  it('lets one event through per interval', () => {
    let now = 0;
    const t = new ProgressThrottle(() => now, 100);
    const due: number[] = [];
    for (now = 0; now <= 450; now += 25) if (t.due()) due.push(now);
    expect(due).toEqual([0, 100, 200, 300, 400]);
  });

  it('allows at most ten events a second by default', () => {
    expect(PROGRESS_INTERVAL_MS).toBe(100);
  });
});
