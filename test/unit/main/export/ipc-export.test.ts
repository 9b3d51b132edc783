// The bundle, metadata and export channels through the real dispatcher and handlers (docs/design.md, IPC,
// conventions 1–3): the renderer's side is window.api as the preload builds it (createApi).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DepositApi } from '../../../../shared/ipc/api';
import type { ExportEvent, ScanEvent } from '../../../../shared/ipc/contract';
import { EMPTY_METADATA } from '../../../../shared/deposit/metadata';
import { createDispatcher, createHandlers } from '../../../../main/ipc/handlers';
import { createSenderCheck } from '../../../../main/ipc/sender';
import { ScanService } from '../../../../main/services/scan-service';
import { ExportService } from '../../../../main/services/export-service';
import { RootGrants } from '../../../../main/services/root-grants';
import { inProcessApi, TEST_ORIGIN } from '../../../helpers/in-process-api';
import { GALLERY } from '../../../layouts/gallery';
import { makeTempDir, makeTree, removeTree } from '../../../helpers/temp-tree';

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) removeTree(t);
});

/** The correlative two-disk layout on disk, scanned through the API as the UI does. */
async function scannedStudy(api: DepositApi, roots: string[]): Promise<string> {
  const events: ScanEvent[] = [];
  api.scan.onEvent((e) => events.push(e));
  const { scanId } = await api.scan.start(roots);
  await until(() => events.some((e) => e.scanId === scanId && e.type === 'done'));
  return scanId;
}

function layoutRoots(): { top: string; roots: string[] } {
  const layout = GALLERY.find((l) => l.id === 'clem-two-disks-registration-folder')!;
  const top = makeTree(layout.tree());
  temps.push(top);
  return { top, roots: layout.roots!.map((r) => path.join(top, r)) };
}

async function until(ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function freshOut(): string {
  const parent = makeTempDir('da-ipc-export-');
  temps.push(parent);
  return path.join(parent, 'bundles');
}

describe('bundles:build and metadata:validate', () => {
  it('answer the bundles with checklists and readiness, and the metadata problems per archive', async () => {
    const { roots } = layoutRoots();
    const api = inProcessApi({ folders: { chooseFolders: async () => roots, chooseExportFolder: async () => null } });
    await api.dialog.openFolders();
    const scanId = await scannedStudy(api, roots);
    const { bundles } = await api.bundles.build(scanId, EMPTY_METADATA);
    // The layout's expert table: SBF-SEM to EMPIAR, the confocal data and the registrations to the BIA.
    expect(bundles.map((b) => b.archive)).toEqual(['EMPIAR', 'BIA']);
    for (const b of bundles) {
      expect(b.checklist.length).toBeGreaterThan(0);
      expect(b.readiness.total).toBe(b.checklist.length);
      // With no metadata entered, neither archive can be ready (issue 9: EMPIAR needs a corresponding author).
      expect(b.readiness.ready).toBe(false);
    }

    const { problems } = await api.metadata.validate({}, scanId);
    // Issue 9: "EMPIAR needs a corresponding author with country; the BIA needs a licence".
    expect(problems.some((p) => p.blocks.includes('EMPIAR') && p.severity === 'error')).toBe(true);
    expect(problems.some((p) => p.field === 'licence' && p.blocks.includes('BIA'))).toBe(true);
    expect(problems.flatMap((p) => p.blocks).every((t) => t === 'EMPIAR' || t === 'BIA')).toBe(true);

    const shape = await api.metadata.validate({ authors: 'Ada Lovelace' });
    expect(shape.problems.map((p) => p.field)).toContain('authors');
  });
});

describe('export:start, export:event and export:cancel', () => {
  it('exports to the folder chosen in main, with progress, and the manifests verify', async () => {
    const { roots } = layoutRoots();
    const out = freshOut();
    const api = inProcessApi({ folders: { chooseFolders: async () => roots, chooseExportFolder: async () => out } });
    await api.dialog.openFolders();
    const scanId = await scannedStudy(api, roots);
    const events: ExportEvent[] = [];
    api.export.onEvent((e) => events.push(e));
    const started = await api.export.start(scanId, EMPTY_METADATA, ['md5'], false);
    expect(started).toMatchObject({ status: 'started', out });
    if (started.status !== 'started') return;
    await until(() => events.some((e) => e.exportId === started.exportId && e.type !== 'progress'));
    const end = events.find((e) => e.type !== 'progress')!;
    expect(end.type).toBe('done');
    expect(events.some((e) => e.type === 'progress' && e.progress.phase === 'checksums')).toBe(true);
    if (end.type !== 'done') return;
    expect(end.summary.bundles.map((b) => b.folder)).toEqual(['empiar', 'bia']);
    const r = spawnSync('md5sum', ['--strict', '-c', path.join(out, 'empiar', 'MANIFEST-em_disk.md5')], { cwd: roots[1] });
    expect(r.status, r.stderr.toString()).toBe(0);

    // A second export to the same folder is refused unless the user agreed to replace it.
    expect(await api.export.start(scanId, EMPTY_METADATA, ['md5'], false)).toMatchObject({ status: 'refused', reason: 'exists' });
  });

  it('answers no-folder when the user closes the dialog, and refuses a folder inside a scanned root', async () => {
    const { roots } = layoutRoots();
    let answer: string | null = null;
    const api = inProcessApi({ folders: { chooseFolders: async () => roots, chooseExportFolder: async () => answer } });
    await api.dialog.openFolders();
    const scanId = await scannedStudy(api, roots);
    expect(await api.export.start(scanId, EMPTY_METADATA, ['md5'], false)).toEqual({ status: 'no-folder' });
    answer = path.join(roots[0]!, 'bundles');
    expect(await api.export.start(scanId, EMPTY_METADATA, ['md5'], true)).toMatchObject({ status: 'refused', reason: 'inside-root' });
    expect(existsSync(answer)).toBe(false);
  });

  it('cancels a running export: nothing at the folder, the finished checksums kept', async () => {
    const { roots } = layoutRoots();
    const out = freshOut();
    const scans = new ScanService();
    let exportId = '';
    let done = 0;
    const ref: { api?: DepositApi } = {};
    const exports = new ExportService(scans, {
      workers: 1,
      hooks: {
        onFileDone: () => {
          if (++done === 3) void ref.api!.export.cancel(exportId);
        },
      },
    });
    const api = (ref.api = inProcessApi({ scans, exports, folders: { chooseFolders: async () => roots, chooseExportFolder: async () => out } }));
    await api.dialog.openFolders();
    const scanId = await scannedStudy(api, roots);
    const events: ExportEvent[] = [];
    api.export.onEvent((e) => events.push(e));
    const started = await api.export.start(scanId, EMPTY_METADATA, ['md5'], false);
    if (started.status !== 'started') throw new Error(started.status);
    exportId = started.exportId;
    await until(() => events.some((e) => e.type !== 'progress'));
    const end = events.find((e) => e.type !== 'progress')!;
    expect(end).toMatchObject({ type: 'cancelled', resumable: true });
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(path.dirname(out))[0]).toMatch(/^bundles\.partial-/);
    expect(await api.export.cancel(exportId)).toEqual({ cancelled: false });
  });

  it('takes no path from the renderer and refuses unknown scans', async () => {
    // convention 3: the request is parsed before a handler sees it; `out` is not part of the contract.
    const dispatch = createDispatcher(
      createHandlers({ scans: new ScanService(), grants: new RootGrants(), folders: { chooseFolders: async () => [], chooseExportFolder: async () => '/tmp/x' }, appInfo: () => ({ name: 'x', version: '1', demoStudyPath: null }) }),
      createSenderCheck({ origins: [TEST_ORIGIN] }),
    );
    const ctx = { senderUrl: `${TEST_ORIGIN}/index.html`, emit: () => {} };
    const base = { scanId: 'nope', metadata: EMPTY_METADATA, checksums: ['md5'], replace: false };
    await expect(dispatch('export:start', { ...base, out: '/etc' }, ctx)).resolves.toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    await expect(dispatch('export:start', { ...base, checksums: ['crc32'] }, ctx)).resolves.toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    await expect(dispatch('export:start', base, ctx)).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await expect(dispatch('bundles:build', { scanId: 'nope', metadata: EMPTY_METADATA }, ctx)).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
