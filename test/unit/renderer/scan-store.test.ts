import { afterEach, describe, expect, it } from 'vitest';
import type { ScanEvent, ScanProgress } from '../../../shared/ipc/contract';
import { applyScanEvent, resetScan, scanDropped, startScan, useScanStore } from '../../../renderer/src/store/scan-store';
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
afterEach(() => {
  resetScan();
  removeTree(root);
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
    expect(useScanStore.getState()).toMatchObject({ phase: 'failed', error: 'disk on fire' });
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
    await startScan(inProcessApi(), ['/not/a/real/folder']);
    expect(useScanStore.getState()).toMatchObject({ phase: 'failed', error: expect.stringMatching(/does not exist/) });
    root = makeTree({ 'a.tif': 1 });
    await startScan(inProcessApi(), [root]);
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
});
