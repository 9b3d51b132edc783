import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ScanEvent } from '../../../shared/ipc/contract';
import type { ExportProgress } from '../../../shared/export/export-result';
import { EMPTY_METADATA } from '../../../shared/deposit/metadata';
import { applyExportEvent, resetExport, setChecksum, startExport, useExportStore } from '../../../renderer/src/store/export-store';
import { inProcessApi } from '../../helpers/in-process-api';
import { makeTempDir, makeTree, removeTree } from '../../helpers/temp-tree';

const PROGRESS: ExportProgress = { phase: 'checksums', filesDone: 1, filesTotal: 2, bytesDone: 10, bytesTotal: 20, reused: 0, elapsedMs: 5, bytesPerSecond: 2000, filesPerSecond: 200 };

const temps: string[] = [];
afterEach(() => resetExport());
afterAll(() => {
  for (const t of temps) removeTree(t);
});

async function until(ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('export store', () => {
  it('keeps events that arrive before export:start answers (the first progress is sent at once) and ignores other exports', () => {
    useExportStore.setState({ phase: 'starting', exportId: null });
    applyExportEvent({ type: 'progress', exportId: 'e1', progress: PROGRESS });
    expect(useExportStore.getState().progress).toBeNull();
    useExportStore.setState({ phase: 'running', exportId: 'e1' });
    applyExportEvent({ type: 'progress', exportId: 'other', progress: PROGRESS });
    expect(useExportStore.getState().progress).toBeNull();
    applyExportEvent({ type: 'progress', exportId: 'e1', progress: PROGRESS });
    expect(useExportStore.getState().progress).toEqual(PROGRESS);
    applyExportEvent({ type: 'cancelled', exportId: 'e1', progress: PROGRESS, resumable: true });
    expect(useExportStore.getState()).toMatchObject({ phase: 'cancelled', resumable: true });
  });

  it('chooses checksums without repeats, and keeps the choice across exports', () => {
    setChecksum('sha256', true);
    setChecksum('sha256', true);
    expect(useExportStore.getState().checksums).toEqual(['md5', 'sha256']);
    setChecksum('md5', false);
    resetExport();
    expect(useExportStore.getState().checksums).toEqual(['sha256']);
  });

  it('runs a real export to done, then is refused with the reason when the folder exists, and says when no folder was chosen', async () => {
    const root = makeTree({ 'cells/a.ome.tiff': 'not really', 'cells/b.ome.tiff': 'not really' });
    temps.push(root);
    const parent = makeTempDir('da-store-export-');
    temps.push(parent);
    let out: string | null = path.join(parent, 'bundles');
    const api = inProcessApi({ folders: { chooseFolders: async () => [root], chooseExportFolder: async () => out } });
    await api.dialog.openFolders();
    const scanEvents: ScanEvent[] = [];
    api.scan.onEvent((e) => scanEvents.push(e));
    const { scanId } = await api.scan.start([root]);
    await until(() => scanEvents.some((e) => e.type === 'done'));

    await startExport(api, scanId, EMPTY_METADATA, false);
    await until(() => useExportStore.getState().phase === 'done' || useExportStore.getState().phase === 'failed');
    expect(useExportStore.getState()).toMatchObject({ phase: 'done', scanId, out });

    await startExport(api, scanId, EMPTY_METADATA, false);
    expect(useExportStore.getState()).toMatchObject({ phase: 'refused', refusal: { reason: 'exists' } });

    out = null;
    await startExport(api, scanId, EMPTY_METADATA, false);
    expect(useExportStore.getState().phase).toBe('no-folder');
  });
});
