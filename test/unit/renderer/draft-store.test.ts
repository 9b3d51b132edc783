import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DraftStore } from '../../../main/services/draft-store';
import { applyScanEvent, replaceReport, resetScan, startScan, useScanStore } from '../../../renderer/src/store/scan-store';
import { resetMetadata, updateMetadata, useMetadataStore } from '../../../renderer/src/store/metadata-store';
import { loadRecent, reopenStudy, resetDrafts, startAutosave, useDraftStore } from '../../../renderer/src/store/draft-store';
import { resetCorrections, useCorrectionStore } from '../../../renderer/src/store/correction-store';
import { inProcessApi } from '../../helpers/in-process-api';
import { makeTempDir, makeTree, removeTree } from '../../helpers/temp-tree';

const dirs: string[] = [];
const stops: (() => void)[] = [];
afterEach(() => {
  while (stops.length) stops.pop()!();
  resetScan();
  resetMetadata();
  resetDrafts();
  resetCorrections(null);
  while (dirs.length) removeTree(dirs.pop()!);
});

const WAIT = { timeout: 8000, interval: 20 };

describe('draft store (renderer)', () => {
  it('saves the metadata and corrections as they change, and a restarted app reopens the study with both', async () => {
    const top = makeTree({ 'lm/cells.tif': 64, 'em/notes.txt': 'not data' });
    const draftsDir = makeTempDir('da-drafts-ui-');
    dirs.push(top, draftsDir);
    const roots = [path.join(top, 'lm'), path.join(top, 'em')];

    // Session 1: the folders were dropped (granted), scanned; the user types a title and corrects a destination.
    const first = inProcessApi({ drafts: new DraftStore(draftsDir) }, { lm: roots[0]!, em: roots[1]! });
    await first.files.pathsForDrop([{ name: 'lm' }, { name: 'em' }]);
    stops.push(first.scan.onEvent(applyScanEvent), startAutosave(first));
    await startScan(first, roots);
    await vi.waitFor(() => expect(useScanStore.getState().phase).toBe('done'), WAIT);
    const scanId = useScanStore.getState().scanId!;
    updateMetadata((m) => ({ ...m, title: 'Cells on two disks' }));
    const override = { target: 'cells.tif', destination: 'BIA' as const };
    replaceReport(await first.scan.route(scanId, {}, [override]));
    await vi.waitFor(() => expect(useDraftStore.getState().save).toBe('saved'), WAIT);

    // Session 2: a new window with no folder granted, its stores empty.
    while (stops.length) stops.pop()!();
    resetScan();
    resetMetadata();
    resetDrafts();
    resetCorrections(null);
    const second = inProcessApi({ drafts: new DraftStore(draftsDir) });
    stops.push(second.scan.onEvent(applyScanEvent), startAutosave(second));
    await loadRecent(second);
    const [recent] = useDraftStore.getState().recent;
    expect(recent).toMatchObject({ title: 'Cells on two disks', roots });
    await reopenStudy(second, recent!.key);
    await vi.waitFor(() => expect(useScanStore.getState().report?.study.overrides.map((o) => o.target)).toEqual(['cells.tif']), WAIT);
    expect(useMetadataStore.getState().metadata).toEqual({ title: 'Cells on two disks' });
    expect(useScanStore.getState().report?.filesets.find((f) => f.pattern === 'cells.tif')?.destination).toBe('BIA');
    // The corrections are the start of the history: there is nothing to undo past the draft.
    expect(useCorrectionStore.getState()).toMatchObject({ scanId: useScanStore.getState().scanId, current: { overrides: [override] }, past: [] });
  });

  it('says so when a reopened study has lost its folders, and keeps the draft', async () => {
    const top = makeTree({ 'lm/cells.tif': 64 });
    const draftsDir = makeTempDir('da-drafts-ui-');
    dirs.push(top, draftsDir);
    const root = path.join(top, 'lm');
    const first = inProcessApi({ drafts: new DraftStore(draftsDir) }, { lm: root });
    await first.files.pathsForDrop([{ name: 'lm' }]);
    stops.push(first.scan.onEvent(applyScanEvent), startAutosave(first));
    await startScan(first, [root]);
    await vi.waitFor(() => expect(useDraftStore.getState().save).toBe('saved'), WAIT);
    removeTree(root);
    const shown = useScanStore.getState().scanId;

    const second = inProcessApi({ drafts: new DraftStore(draftsDir) });
    await loadRecent(second);
    await reopenStudy(second, useDraftStore.getState().recent[0]!.key);
    expect(useDraftStore.getState().notices.join('\n')).toContain('no longer there');
    expect(useScanStore.getState().scanId).toBe(shown); // no scan was started
    await loadRecent(second);
    expect(useDraftStore.getState().recent).toHaveLength(1);
  });
});
