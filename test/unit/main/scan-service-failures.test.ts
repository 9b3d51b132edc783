import { afterEach, describe, expect, it } from 'vitest';
import { IPC_EVENTS, type ScanEvent } from '../../../shared/ipc/contract';
import { ScanService } from '../../../main/services/scan-service';
import { createDispatcher, createHandlers, type CallContext } from '../../../main/ipc/handlers';
import { createSenderCheck } from '../../../main/ipc/sender';
import { RootGrants } from '../../../main/services/root-grants';
import { toReportView } from '../../../shared/model/report-view';
import { makeTree, removeTree } from '../../helpers/temp-tree';

let root = '';
afterEach(() => removeTree(root));

/** Collects unhandled rejections while `run` runs and a little after (a rejection surfaces on a later tick). */
async function unhandledDuring(run: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', listener);
  try {
    await run();
    await new Promise((r) => setTimeout(r, 50));
  } finally {
    process.off('unhandledRejection', listener);
  }
  return seen;
}

function waitForEnd(events: ScanEvent[]): Promise<ScanEvent> {
  return new Promise((resolve) => {
    const poll = () => {
      const end = events.find((e) => e.type !== 'progress');
      if (end) resolve(end);
      else setTimeout(poll, 5);
    };
    poll();
  });
}

describe('a scan whose end cannot be sent (issue 12, finding 7)', () => {
  it('emits failed, with what to do, when the report fails the event schema on its way out of the dispatcher', async () => {
    root = makeTree({ 'a/x.tif': 1 });
    // The seam breaks the report view: a confidence above 1 fails ScanReportViewSchema (shared/model/fileset.ts).
    const scans = new ScanService({}, { view: (report, scanId) => {
      const view = toReportView(report, scanId);
      return { ...view, filesets: view.filesets.map((f) => ({ ...f, confidence: 2 })) };
    } });
    const grants = new RootGrants();
    await grants.grant([root]);
    const trusted = 'file:///opt/app/dist/renderer/index.html';
    const dispatch = createDispatcher(
      createHandlers({ scans, grants, folders: { chooseFolders: async () => [], chooseExportFolder: async () => null }, appInfo: () => ({ name: 'x', version: '1', demoStudyPath: null }) }),
      createSenderCheck({ fileUrl: trusted }),
    );
    const events: ScanEvent[] = [];
    const ctx: CallContext = { senderUrl: trusted, emit: (e, p) => { if (e === 'scan:event') events.push(p as ScanEvent); } };
    let end: ScanEvent | undefined;
    const unhandled = await unhandledDuring(async () => {
      const started = await dispatch('scan:start', { roots: [root] }, ctx);
      expect(started).toMatchObject({ ok: true });
      end = await waitForEnd(events);
    });
    expect(unhandled).toEqual([]);
    expect(end).toMatchObject({ type: 'failed', message: expect.stringMatching(/report could not be sent to the window.*Scan again/s) });
    expect(IPC_EVENTS['scan:event'].safeParse(end).success).toBe(true);
  });

  it('emits failed when sending the report throws, and stays quiet when even that cannot be sent', async () => {
    root = makeTree({ 'a/x.tif': 1 });
    const events: ScanEvent[] = [];
    const unhandled = await unhandledDuring(async () => {
      await new ScanService().start([root], (e) => {
        if (e.type === 'done') throw new Error('the window went away');
        events.push(e);
      });
      await waitForEnd(events);
      // Every end event throws: nothing to tell, but no unhandled rejection either.
      await new ScanService().start([root], () => {
        throw new Error('nobody listens');
      });
    });
    expect(unhandled).toEqual([]);
    expect(events.filter((e) => e.type !== 'progress')).toMatchObject([{ type: 'failed', message: expect.stringMatching(/the window went away/) }]);
  });

  it('emits a failed event with a message even for an error without one', async () => {
    root = makeTree({ 'a/x.tif': 1 });
    const events: ScanEvent[] = [];
    const scans = new ScanService({}, { view: () => {
      throw new Error('');
    } });
    const unhandled = await unhandledDuring(async () => {
      await scans.start([root], (e) => events.push(IPC_EVENTS['scan:event'].parse(e) as ScanEvent));
      await waitForEnd(events);
    });
    expect(unhandled).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: 'failed', message: expect.stringMatching(/\S/) });
  });
});
