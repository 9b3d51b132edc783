import { afterEach, describe, expect, it } from 'vitest';
import { runAppCommand } from '../../../renderer/src/store/app-commands';
import { resetScan, useScanStore } from '../../../renderer/src/store/scan-store';
import { resetView, useViewStore } from '../../../renderer/src/store/view-store';
import { inProcessApi } from '../../helpers/in-process-api';

afterEach(() => {
  resetScan();
  resetView();
});

function recordingApi() {
  const api = inProcessApi();
  const started: string[][] = [];
  return { started, api: { ...api, scan: { ...api.scan, start: async (roots: string[]) => (started.push(roots), { scanId: `s${started.length}` }) } } };
}

describe('the desktop shell’s commands', () => {
  it('scans launch folders at once when nothing runs', async () => {
    const { api, started } = recordingApi();
    await runAppCommand(api, { type: 'open-paths', paths: ['/data/lm'] });
    expect(started).toEqual([['/data/lm']]);
  });

  it('keeps folders dropped on the icon during a scan until that scan is over', async () => {
    const { api, started } = recordingApi();
    useScanStore.setState({ phase: 'scanning', scanId: 'running', roots: ['/data/a'] });
    const pending = runAppCommand(api, { type: 'open-paths', paths: ['/data/b'] });
    await Promise.resolve();
    expect(started).toEqual([]);
    useScanStore.setState({ phase: 'cancelled' });
    await pending;
    expect(started).toEqual([['/data/b']]);
  });

  it('opens a page only when a study is open', async () => {
    const { api } = recordingApi();
    await runAppCommand(api, { type: 'show-page', page: 'export' });
    expect(useViewStore.getState().view).toBe('study');
    useScanStore.setState({ phase: 'done' });
    await runAppCommand(api, { type: 'show-page', page: 'policy' });
    expect(useViewStore.getState().view).toBe('policy');
  });
});
