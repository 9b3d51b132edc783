// The corrections' history (renderer/src/store/correction-store.ts) against the real handlers: each step
// re-routes the real scan, undo and redo move through the history, and the engine's refusals are kept.
import { afterEach, describe, expect, it } from 'vitest';
import { applyScanEvent, resetScan, startScan, useScanStore } from '../../../renderer/src/store/scan-store';
import { correct, redoCorrection, resetCorrections, undoCorrection, useCorrectionStore } from '../../../renderer/src/store/correction-store';
import { inProcessApi } from '../../helpers/in-process-api';
import { makeTree, removeTree } from '../../helpers/temp-tree';
import type { DepositApi } from '../../../shared/ipc/api';

let root = '';
afterEach(() => {
  resetScan();
  resetCorrections(null);
  removeTree(root);
});

async function scanned(files: Parameters<typeof makeTree>[0]): Promise<{ api: DepositApi; scanId: string }> {
  root = makeTree(files);
  const api = inProcessApi({ folders: { chooseFolders: async () => [root], chooseExportFolder: async () => null } });
  api.scan.onEvent(applyScanEvent);
  await api.dialog.openFolders();
  await startScan(api, [root]);
  for (let i = 0; i < 200 && useScanStore.getState().phase !== 'done'; i++) await new Promise((r) => setTimeout(r, 20));
  const scanId = useScanStore.getState().scanId!;
  return { api, scanId };
}

const destinationOf = (pattern: string) => useScanStore.getState().report?.filesets.find((f) => f.pattern === pattern)?.destination;

describe('correction store', () => {
  it('re-routes on each step, undoes and redoes, and a new step clears what was undone', async () => {
    const { api, scanId } = await scanned({ 'a/x.xyz': new Uint8Array([1, 2, 3, 4, 5]), 'b/y.qqq': new Uint8Array([9, 8, 7, 6]) });
    expect(useCorrectionStore.getState().scanId).toBe(scanId);
    expect(destinationOf('x.xyz')).toBe('REVIEW');
    const x = useScanStore.getState().report!.filesets.find((f) => f.pattern === 'x.xyz')!;
    // Two steps at once: the second is planned after the first is shown, so both hold.
    await Promise.all([
      correct(api, scanId, { label: 'x is confocal', add: { target: x.id, modality: 'lm-confocal' } }),
      correct(api, scanId, { label: 'y to EMPIAR', add: { target: 'b/y.qqq', destination: 'EMPIAR' } }),
    ]);
    expect(useCorrectionStore.getState().current.overrides.map((o) => o.target)).toEqual([x.id, 'b/y.qqq']);
    // Light microscopy goes to the BioImage Archive (docs/policy.md, row-light-microscopy).
    expect(destinationOf('x.xyz')).toBe('BIA');
    expect(destinationOf('y.qqq')).toBe('EMPIAR');
    expect(useCorrectionStore.getState().outcome).toEqual({ text: 'Applied to the fileset b/y.qqq.', refused: false });

    await undoCorrection(api, scanId);
    expect(destinationOf('y.qqq')).toBe('REVIEW');
    expect(destinationOf('x.xyz')).toBe('BIA');
    await undoCorrection(api, scanId);
    expect(destinationOf('x.xyz')).toBe('REVIEW');
    await undoCorrection(api, scanId); // nothing left: nothing happens
    expect(useCorrectionStore.getState().past).toHaveLength(0);
    await redoCorrection(api, scanId);
    expect(destinationOf('x.xyz')).toBe('BIA');
    expect(useCorrectionStore.getState().future.map((c) => c.label)).toEqual(['y to EMPIAR']);

    // A new step drops the redo branch; removing a target's overrides is a step of its own.
    await correct(api, scanId, { label: 'thresholds', options: { tomogramsFew: 9 } });
    expect(useCorrectionStore.getState().future).toHaveLength(0);
    expect(useScanStore.getState().report!.study.options.tomogramsFew).toBe(9);
    await correct(api, scanId, { label: 'x back', removeTargets: [x.id] });
    expect(destinationOf('x.xyz')).toBe('REVIEW');
    expect(useCorrectionStore.getState().current.options).toEqual({ tomogramsFew: 9 });
    expect(useCorrectionStore.getState().past.map((c) => c.label)).toEqual(['the scan as routed', 'x is confocal', 'thresholds']);
  });

  it('keeps the engine’s refusal when an override names nothing', async () => {
    const { api, scanId } = await scanned({ 'a/x.xyz': new Uint8Array([1, 2, 3]) });
    await correct(api, scanId, { label: 'nothing', add: { target: 'no/such/file', destination: 'BIA' } });
    expect(useCorrectionStore.getState().outcome).toEqual({ text: 'It matched no fileset, file or folder of the scanned folders, so nothing was changed.', refused: true });
  });
});
