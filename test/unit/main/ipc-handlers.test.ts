import { afterEach, describe, expect, it } from 'vitest';
import type { ScanEvent } from '../../../shared/ipc/contract';
import { ApiError } from '../../../shared/ipc/api';
import { createDispatcher, createHandlers, type CallContext } from '../../../main/ipc/handlers';
import { createSenderCheck } from '../../../main/ipc/sender';
import { ScanService } from '../../../main/services/scan-service';
import { RootGrants } from '../../../main/services/root-grants';
import { rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import type { ScanReportView } from '../../../shared/model/scan-report';
import { writePng } from '../../fixtures/writers/generic/png';
import { inProcessApi } from '../../helpers/in-process-api';
import { faultyFs } from '../../helpers/fault-fs';
import { makeTree, numbered, removeTree } from '../../helpers/temp-tree';

let root = '';
afterEach(() => removeTree(root));

function dispatcher(chosen: string[] = []) {
  const events: ScanEvent[] = [];
  const dispatch = createDispatcher(
    createHandlers({
      scans: new ScanService(),
      grants: new RootGrants(),
      folders: { chooseFolders: async () => chosen, chooseExportFolder: async () => null },
      // Dropped folders are granted once the user confirms them in main's dialog (ipc-hardening.test.ts tests refusals).
      dropConsent: { confirm: async () => true },
      appInfo: () => ({ name: 'Deposit Assistant', version: '1.2.3', demoStudyPath: null }),
    }),
    createSenderCheck({ fileUrl: 'file:///opt/app/dist/renderer/index.html', origins: ['http://localhost:5173'] }),
  );
  const ctx = (senderUrl: string | undefined): CallContext => ({
    senderUrl,
    emit: (e, p) => {
      if (e === 'scan:event') events.push(p as ScanEvent);
    },
  });
  return { dispatch, ctx, events };
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

describe('the IPC dispatcher', () => {
  const trusted = 'file:///opt/app/dist/renderer/index.html';

  it('answers a trusted sender', async () => {
    root = makeTree({ 'a.tif': 1 });
    const { dispatch, ctx } = dispatcher([root, '/no/longer/there']);
    await expect(dispatch('app:info', {}, ctx(trusted))).resolves.toEqual({
      ok: true,
      value: { name: 'Deposit Assistant', version: '1.2.3', demoStudyPath: null },
    });
    await expect(dispatch('dialog:openFolders', {}, ctx('http://localhost:5173/'))).resolves.toEqual({ ok: true, value: { paths: [root] } });
  });

  it.each([
    ['another file page', 'file:///tmp/evil.html'],
    ['a web origin', 'https://example.com/'],
    ['a look-alike port', 'http://localhost:5174/'],
    ['no frame at all', undefined],
    ['garbage', 'not a url'],
  ])('refuses %s', async (_what, url) => {
    const { dispatch, ctx } = dispatcher();
    await expect(dispatch('app:info', {}, ctx(url))).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it.each<[string, string, unknown]>([
    ['an unknown channel', 'fs:readFile', {}],
    ['an extra field', 'app:info', { path: '/etc/passwd' }],
    ['no roots', 'scan:start', { roots: [] }],
    ['a non-string root', 'scan:start', { roots: [42] }],
    ['a huge page', 'scan:files', { scanId: 'x', filesetId: 'y', offset: 0, limit: 1_000_000 }],
    ['a negative offset', 'scan:files', { scanId: 'x', filesetId: 'y', offset: -1, limit: 10 }],
  ])('refuses %s as a bad request', async (_what, channel, payload) => {
    const { dispatch, ctx } = dispatcher();
    await expect(dispatch(channel, payload, ctx(trusted))).resolves.toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('scans only folders the user chose: in the dialog, by dropping them, or inside those', async () => {
    root = makeTree({ 'chosen/sub/a.tif': 1, 'secret/b.tif': 1 });
    symlinkSync(`${root}/secret`, `${root}/chosen/escape`);
    const { dispatch, ctx } = dispatcher([`${root}/chosen`]);
    const start = (r: string) => dispatch('scan:start', { roots: [r] }, ctx(trusted));
    await expect(start(`${root}/chosen`)).resolves.toMatchObject({ ok: false, error: { code: 'NOT_GRANTED' } });
    await dispatch('dialog:openFolders', {}, ctx(trusted));
    await expect(start(`${root}/chosen`)).resolves.toMatchObject({ ok: true });
    await expect(start(`${root}/chosen/sub`)).resolves.toMatchObject({ ok: true });
    await expect(start(`${root}/secret`)).resolves.toMatchObject({ ok: false, error: { code: 'NOT_GRANTED', message: expect.stringMatching(/Open folders/) } });
    await expect(start(`${root}/chosen/escape`)).resolves.toMatchObject({ ok: false, error: { code: 'NOT_GRANTED' } });
    await expect(dispatch('roots:grant', { paths: [`${root}/secret`, '/does/not/exist'] }, ctx(trusted))).resolves.toEqual({ ok: true, value: { paths: [`${root}/secret`] } });
    await expect(start(`${root}/secret`)).resolves.toMatchObject({ ok: true });
  });

  it('refuses roots that cannot be scanned with the reason, and starts nothing', async () => {
    root = makeTree({ 'a.tif': 1 });
    const { dispatch, ctx, events } = dispatcher([root]);
    await dispatch('dialog:openFolders', {}, ctx(trusted));
    const answer = await dispatch('scan:start', { roots: [`${root}/definitely/not/here`] }, ctx(trusted));
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_ROOT', message: expect.stringMatching(/does not exist/) } });
    expect(events).toEqual([]);
  });

  /** Chooses `root` in the dialog, scans it through the dispatcher, and waits for the report. */
  async function scanChosen(root: string) {
    const { dispatch, ctx, events } = dispatcher([root]);
    await dispatch('dialog:openFolders', {}, ctx(trusted));
    const started = await dispatch('scan:start', { roots: [root] }, ctx(trusted));
    if (!started.ok) throw new Error(started.error.message);
    const { scanId } = started.value as { scanId: string };
    const end = await waitForEnd(events);
    if (end.type !== 'done') throw new Error(`scan ended ${end.type}`);
    return { dispatch, ctx, scanId, end };
  }

  it('runs a scan, streams its end, and pages a fileset’s files', async () => {
    root = makeTree(Object.fromEntries(numbered('stack/slice_%d.tif', 45).map((n) => [n, 1])));
    const { dispatch, ctx, scanId, end } = await scanChosen(root);
    expect(end.report.filesets.map((f) => [f.pattern, f.fileCount, f.sampleFiles.length])).toEqual([['slice_####.tif', 45, 20]]);
    const id = end.report.filesets[0]!.id;
    const page = await dispatch('scan:files', { scanId, filesetId: id, offset: 40, limit: 10 }, ctx(trusted));
    expect(page).toEqual({ ok: true, value: { files: numbered('stack/slice_%d.tif', 5, 4, 41), total: 45 } });
    const report = await dispatch('scan:report', { scanId }, ctx(trusted));
    expect(report).toMatchObject({ ok: true, value: { scanId, totals: { files: 45 } } });
    await expect(dispatch('scan:cancel', { scanId }, ctx(trusted))).resolves.toEqual({ ok: true, value: { cancelled: false } });
  });

  it('answers NOT_FOUND for scans and filesets it does not know', async () => {
    const { dispatch, ctx } = dispatcher();
    await expect(dispatch('scan:report', { scanId: 'nope' }, ctx(trusted))).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await expect(dispatch('scan:route', { scanId: 'nope', options: {}, overrides: [] }, ctx(trusted))).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('re-routes a finished scan with your overrides and thresholds, without reading a file again, and pages the new filesets', async () => {
    root = makeTree({ 'misc/photo_1.png': writePng({ width: 4, height: 4 }), 'misc/photo_2.png': writePng({ width: 4, height: 4 }) });
    const { dispatch, ctx, scanId, end } = await scanChosen(root);
    expect(end.report.filesets.map((f) => [f.pattern, f.destination])).toEqual([['photo_#.png', 'REVIEW']]);
    rmSync(path.join(root, 'misc'), { recursive: true });
    const routed = await dispatch('scan:route', { scanId, options: { tomogramsFew: 1 }, overrides: [{ target: 'misc/photo_1.png', destination: 'BIA' }] }, ctx(trusted));
    if (!routed.ok) throw new Error(routed.error.message);
    const view = routed.value as ScanReportView;
    expect(view.filesets.map((f) => [f.pattern, f.destination, f.clauseId])).toEqual([
      ['photo_2.png', 'REVIEW', 'review-low-confidence'],
      ['photo_1.png', 'BIA', 'user-override'],
    ]);
    expect(view.study.options).toEqual({ tomogramsFew: 1, representatives: 3 });
    const split = view.filesets[1]!.id;
    await expect(dispatch('scan:files', { scanId, filesetId: split, offset: 0, limit: 10 }, ctx(trusted))).resolves.toEqual({ ok: true, value: { files: ['misc/photo_1.png'], total: 1 } });
    await expect(dispatch('scan:report', { scanId }, ctx(trusted))).resolves.toMatchObject({ ok: true, value: { filesets: [{ pattern: 'photo_2.png' }, { pattern: 'photo_1.png' }] } });
    // Payloads are checked: an override must set something, and an omics archive goes with OMICS.
    await expect(dispatch('scan:route', { scanId, options: {}, overrides: [{ target: 'x' }] }, ctx(trusted))).resolves.toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    await expect(dispatch('scan:route', { scanId, options: {}, overrides: [{ target: 'x', destination: 'BIA', omicsArchive: 'ENA' }] }, ctx(trusted))).resolves.toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

describe('createApi over the real dispatcher', () => {
  it('returns parsed values and throws ApiError with the code on refusal', async () => {
    const api = inProcessApi();
    await expect(api.app.info()).resolves.toMatchObject({ name: 'Deposit Assistant' });
    const err = await api.scan.start(['/not/here']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    // Never chosen, so not granted, whether or not it exists (issue 12, finding 6b).
    expect((err as ApiError).error.code).toBe('NOT_GRANTED');
  });

  it('cancels a running scan, even one stuck on a stalled folder', async () => {
    root = makeTree({ 'stalled/f.tif': 1 });
    const stalled = faultyFs({ readdir: { '/stalled': 'stall' } });
    const api = inProcessApi({ scans: new ScanService({ fs: stalled }), folders: { chooseFolders: async () => [root], chooseExportFolder: async () => null } });
    const events: ScanEvent[] = [];
    api.scan.onEvent((e) => events.push(e));
    const { scanId } = await api.scan.start((await api.dialog.openFolders()).paths);
    await expect(api.scan.cancel(scanId)).resolves.toEqual({ cancelled: true });
    const end = await waitForEnd(events);
    expect(end.type).toBe('cancelled');
  });
});
