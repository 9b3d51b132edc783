import { afterEach, describe, expect, it } from 'vitest';
import type { ScanEvent, ScanProgress } from '../../../shared/ipc/contract';
import { addRoots, applyScanEvent, removeRoot, rescanStudy, resetScan, scanDropped, startScan, useScanStore } from '../../../renderer/src/store/scan-store';
import { inProcessApi } from '../../helpers/in-process-api';
import { makeTree, removeTree } from '../../helpers/temp-tree';

const PROGRESS: ScanProgress = {
  phase: 'walking',
  files: 5,
  bytes: 50,
  directories: 1,
  errors: 0,
  headersRead: 0,
  headersTotal: 0,
  elapsedMs: 100,
  filesPerSecond: 50,
  bytesPerSecond: 500,
  currentDirectory: '/data',
};

let root = '';
const extra: string[] = [];
afterEach(() => {
  resetScan();
  removeTree(root);
  while (extra.length) removeTree(extra.pop()!);
});

describe('scan store', () => {
  it('ignores events of other scans', () => {
    useScanStore.setState({ phase: 'scanning', scanId: 'mine' });
    applyScanEvent({ type: 'progress', scanId: 'other', progress: PROGRESS });
    expect(useScanStore.getState().progress).toBeNull();
    applyScanEvent({ type: 'progress', scanId: 'mine', progress: PROGRESS });
    expect(useScanStore.getState().progress).toEqual(PROGRESS);
  });

  it('shows cancellation and failure', () => {
    useScanStore.setState({ phase: 'scanning', scanId: 's' });
    applyScanEvent({ type: 'cancelled', scanId: 's', progress: PROGRESS });
    expect(useScanStore.getState()).toMatchObject({ phase: 'cancelled', progress: PROGRESS });
    useScanStore.setState({ phase: 'scanning', scanId: 's' });
    applyScanEvent({ type: 'failed', scanId: 's', message: 'disk on fire' });
    expect(useScanStore.getState()).toMatchObject({ phase: 'failed', error: expect.stringContaining('disk on fire') });
  });

  it('keeps events that arrive before scan:start answers and replays them', async () => {
    let finishStart: (v: { scanId: string }) => void = () => {};
    const api = inProcessApi();
    const slowApi = { ...api, scan: { ...api.scan, start: () => new Promise<{ scanId: string }>((r) => (finishStart = r)) } };
    const pending = startScan(slowApi, ['/data']);
    const early: ScanEvent = { type: 'progress', scanId: 'abc', progress: PROGRESS };
    applyScanEvent(early);
    expect(useScanStore.getState()).toMatchObject({ phase: 'starting', progress: null });
    finishStart({ scanId: 'abc' });
    await pending;
    expect(useScanStore.getState()).toMatchObject({ phase: 'scanning', scanId: 'abc', progress: PROGRESS });
  });

  it('shows main’s refusal of a root as the error', async () => {
    root = makeTree({ 'a.tif': 1 });
    // A folder inside a chosen one that has gone says so; a folder never chosen, there or not, is not scanned (issue 12).
    const chosen = inProcessApi({ folders: { chooseFolders: async () => [root], chooseExportFolder: async () => null } });
    await chosen.dialog.openFolders();
    await startScan(chosen, [`${root}/gone`]);
    expect(useScanStore.getState()).toMatchObject({ phase: 'failed', error: expect.stringMatching(/does not exist/) });
    await startScan(inProcessApi(), [root]);
    expect(useScanStore.getState()).toMatchObject({ phase: 'failed', error: expect.stringMatching(/was not chosen by you/) });
    await startScan(inProcessApi(), ['/not/a/real/folder']);
    expect(useScanStore.getState()).toMatchObject({ phase: 'failed', error: expect.stringMatching(/was not chosen by you/) });
  });

  it('runs a real scan to its report through the real handlers', async () => {
    root = makeTree({ 'a/x_01.tif': 10, 'a/x_02.tif': 10 });
    const api = inProcessApi({}, { study: root });
    const off = api.scan.onEvent(applyScanEvent);
    await scanDropped(api, [new File([], 'study')]);
    await expect.poll(() => useScanStore.getState().phase).toBe('done');
    off();
    const { report, selectedFilesetId } = useScanStore.getState();
    expect(report?.filesets.map((f) => [f.pattern, f.fileCount])).toEqual([['x_##.tif', 2]]);
    expect(selectedFilesetId).toBe(report?.filesets[0]?.id);
  });

  it('adds dropped folders to the study on screen, and removes one by scanning the rest again', async () => {
    root = makeTree({ 'a/x_01.tif': 10 });
    const second = makeTree({ 'b/y.tif': 5, 'b/z.txt': 'z' });
    extra.push(second);
    const api = inProcessApi({}, { first: root, second });
    const off = api.scan.onEvent(applyScanEvent);
    await scanDropped(api, [new File([], 'first')]);
    await expect.poll(() => useScanStore.getState().phase).toBe('done');
    await scanDropped(api, [new File([], 'second')]);
    expect(useScanStore.getState()).toMatchObject({ change: { kind: 'add', paths: [second] }, previous: { roots: [root] } });
    await expect.poll(() => useScanStore.getState().phase).toBe('done');
    expect(useScanStore.getState()).toMatchObject({ roots: [root, second], previous: null, notice: null });
    expect(useScanStore.getState().report?.totals.files).toBe(3);

    await removeRoot(api, second);
    await expect.poll(() => useScanStore.getState().phase).toBe('done');
    expect(useScanStore.getState()).toMatchObject({ roots: [root], report: { totals: { files: 1 } } });
    // The last folder is not removed: that would be a new scan.
    await removeRoot(api, root);
    expect(useScanStore.getState()).toMatchObject({ phase: 'done', roots: [root] });
    off();
  });

  it('puts the study back when adding a folder is cancelled or refused, saying what happened', async () => {
    root = makeTree({ 'a.tif': 1 });
    const api = inProcessApi({}, { study: root });
    const off = api.scan.onEvent(applyScanEvent);
    await scanDropped(api, [new File([], 'study')]);
    await expect.poll(() => useScanStore.getState().phase).toBe('done');
    const before = useScanStore.getState();

    // main refuses a folder that is not there any more: the study stays, with the reason and what to do.
    removeTree(root);
    await rescanStudy(api);
    expect(useScanStore.getState()).toMatchObject({ phase: 'done', scanId: before.scanId, report: before.report, notice: expect.stringMatching(/does not exist[\s\S]*network share[\s\S]*The study is as it was/) });

    // A cancelled change: the scan's own cancellation event puts the study back.
    useScanStore.setState({ phase: 'scanning', scanId: 'later', change: { kind: 'add', paths: ['/data/b'] }, previous: { roots: before.roots, scanId: before.scanId!, report: before.report!, selectedFilesetId: null } });
    applyScanEvent({ type: 'cancelled', scanId: 'later', progress: PROGRESS });
    expect(useScanStore.getState()).toMatchObject({ phase: 'done', scanId: before.scanId, roots: before.roots, notice: 'Adding /data/b was cancelled after 5 files. The study is as it was; nothing was changed on disk.' });
    off();
  });

  it('says a folder is already in the study instead of scanning it again', async () => {
    root = makeTree({ 'a.tif': 1 });
    const api = inProcessApi({}, { study: root });
    const off = api.scan.onEvent(applyScanEvent);
    await scanDropped(api, [new File([], 'study')]);
    await expect.poll(() => useScanStore.getState().phase).toBe('done');
    await addRoots(api, [root]);
    expect(useScanStore.getState()).toMatchObject({ phase: 'done', notice: `${root} is already in the study.` });
    off();
  });
});
