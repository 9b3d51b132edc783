import { afterEach, describe, expect, it } from 'vitest';
import { createApi, type IpcTransport } from '../../../shared/ipc/api';
import { applyInvalidScanEvent, applyScanEvent, resetScan, startScan, useScanStore } from '../../../renderer/src/store/scan-store';
import { inProcessApi } from '../../helpers/in-process-api';

afterEach(() => resetScan());

/** A transport whose `scan:event` subscription the test feeds by hand, as main's events would arrive. */
function fedTransport(): { transport: IpcTransport; send(payload: unknown): void } {
  let listener: (p: unknown) => void = () => {};
  return {
    transport: {
      invoke: async () => ({ ok: false, error: { code: 'INTERNAL', message: 'not used' } }),
      subscribe: (_event, l) => {
        listener = l;
        return () => {};
      },
    },
    send: (payload) => listener(payload),
  };
}

describe('a scan event the window cannot read (issue 12, finding 7)', () => {
  it('turns a done event whose report fails the parse into an error that says what to do, not an endless "scanning"', () => {
    const { transport, send } = fedTransport();
    createApi(transport).scan.onEvent(applyScanEvent, applyInvalidScanEvent);
    useScanStore.setState({ phase: 'scanning', scanId: 's1' });
    send({ type: 'done', scanId: 's1', report: { filesets: 'not a list' } });
    const state = useScanStore.getState();
    expect(state.phase).toBe('failed');
    expect(state.error).toMatch(/could not read its report/);
    expect(state.error).toMatch(/Scan again/);
    expect(state.error).toMatch(/deposit-assistant scan --json/);
  });

  it('ignores an unreadable event of another scan, and an unreadable progress tick', () => {
    const { transport, send } = fedTransport();
    createApi(transport).scan.onEvent(applyScanEvent, applyInvalidScanEvent);
    useScanStore.setState({ phase: 'scanning', scanId: 's1' });
    send({ type: 'done', scanId: 'other', report: {} });
    send({ type: 'progress', scanId: 's1', progress: { files: -1 } });
    expect(useScanStore.getState()).toMatchObject({ phase: 'scanning', error: null });
  });

  it('keeps the study on screen when a re-scan’s report cannot be read, saying so', () => {
    useScanStore.setState({ phase: 'scanning', scanId: 's2', change: { kind: 'rescan' }, previous: { roots: ['/data'], scanId: 's1', report: { filesets: [] } as never, selectedFilesetId: null } });
    applyInvalidScanEvent({ id: 's2', type: 'done', problem: 'bad' });
    expect(useScanStore.getState()).toMatchObject({ phase: 'done', scanId: 's1', notice: expect.stringMatching(/could not read its report/) });
  });

  it('replays an unreadable end that arrived before scan:start answered', async () => {
    let finishStart: (v: { scanId: string }) => void = () => {};
    const api = inProcessApi();
    const slowApi = { ...api, scan: { ...api.scan, start: () => new Promise<{ scanId: string }>((r) => (finishStart = r)) } };
    const pending = startScan(slowApi, ['/data']);
    applyInvalidScanEvent({ id: 'abc', type: 'done', problem: 'bad' });
    expect(useScanStore.getState().phase).toBe('starting');
    finishStart({ scanId: 'abc' });
    await pending;
    expect(useScanStore.getState()).toMatchObject({ phase: 'failed', error: expect.stringMatching(/could not read its report/) });
  });
});
