import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScanEvent } from '../../../shared/ipc/contract';
import type { DepositApi } from '../../../shared/ipc/api';
import { DraftStore } from '../../../main/services/draft-store';
import { RootGrants } from '../../../main/services/root-grants';
import { inProcessApi } from '../../helpers/in-process-api';
import { makeTempDir, makeTree, removeTree } from '../../helpers/temp-tree';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) removeTree(dirs.pop()!);
});

/** Starts a scan and waits for its end event. */
async function scan(api: DepositApi, roots: string[]): Promise<ScanEvent> {
  const events: ScanEvent[] = [];
  const off = api.scan.onEvent((e) => events.push(e));
  await api.scan.start(roots);
  for (;;) {
    const end = events.find((e) => e.type !== 'progress');
    if (end) {
      off();
      return end;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('drafts over IPC', () => {
  it('saves the draft of a scan, and a new session reopens it with its roots granted by main', async () => {
    const top = makeTree({ 'lm/a.tif': 10, 'em/b.tif': 10 });
    const draftsDir = makeTempDir('da-drafts-ipc-');
    dirs.push(top, draftsDir);
    const roots = [path.join(top, 'lm'), path.join(top, 'em')];

    // Session 1: the user drops the two folders (granted), scans, types a title; the UI saves the draft.
    const first = inProcessApi({ drafts: new DraftStore(draftsDir) }, { lm: roots[0]!, em: roots[1]! });
    expect(await first.files.pathsForDrop([{ name: 'lm' }, { name: 'em' }])).toEqual(roots);
    const done = await scan(first, roots);
    if (done.type !== 'done') throw new Error(`scan ended ${done.type}`);
    const saved = await first.drafts.save(done.scanId, { title: 'Two disks', authors: [{ givenName: 'Ada' }] });
    expect(saved.status).toBe('saved');

    // Session 2: a restarted app knows no folder yet; scanning them is refused until the draft is opened.
    const second = inProcessApi({ drafts: new DraftStore(draftsDir), grants: new RootGrants() });
    await expect(second.scan.start(roots)).rejects.toThrow('was not chosen by you');
    const { drafts } = await second.drafts.list();
    expect(drafts.map((d) => [d.title, d.roots])).toEqual([['Two disks', roots]]);
    const loaded = await second.drafts.load(drafts[0]!.key);
    if (loaded.status !== 'loaded') throw new Error(loaded.status);
    expect(loaded.roots).toEqual(roots);
    expect(loaded.missingRoots).toEqual([]);
    expect(loaded.draft.metadata).toEqual({ title: 'Two disks', authors: [{ givenName: 'Ada' }] });
    expect((await scan(second, loaded.roots)).type).toBe('done');
  });

  it('names the roots of a draft that are gone, and grants only those still there', async () => {
    const top = makeTree({ 'lm/a.tif': 10, 'em/b.tif': 10 });
    const draftsDir = makeTempDir('da-drafts-ipc-');
    dirs.push(top, draftsDir);
    const roots = [path.join(top, 'lm'), path.join(top, 'em')];
    const first = inProcessApi({ drafts: new DraftStore(draftsDir) }, { lm: roots[0]!, em: roots[1]! });
    await first.files.pathsForDrop([{ name: 'lm' }, { name: 'em' }]);
    const done = await scan(first, roots);
    if (done.type !== 'done') throw new Error(done.type);
    await first.drafts.save(done.scanId, {});
    removeTree(roots[1]!);

    const second = inProcessApi({ drafts: new DraftStore(draftsDir) });
    const loaded = await second.drafts.load((await second.drafts.list()).drafts[0]!.key);
    if (loaded.status !== 'loaded') throw new Error(loaded.status);
    expect(loaded.roots).toEqual([roots[0]]);
    expect(loaded.missingRoots).toEqual([roots[1]]);
  });

  it('refuses a key that is not 32 hex digits before the store sees it', async () => {
    const api = inProcessApi();
    await expect(api.drafts.load('../../etc/passwd')).rejects.toThrow('Invalid drafts:load request');
  });
});

describe('metadata:validate for a scan, while the form does not fit the schema yet', () => {
  it('says a shape problem blocks the archives the scan goes to, not every archive', async () => {
    // One TIFF with no EM or patient data: light microscopy, which goes to the BIA only (docs/policy.md).
    const top = makeTree({ 'lm/a.tif': 10 });
    dirs.push(top);
    const root = path.join(top, 'lm');
    const api = inProcessApi({}, { lm: root });
    await api.files.pathsForDrop([{ name: 'lm' }]);
    const done = await scan(api, [root]);
    if (done.type !== 'done') throw new Error(done.type);
    const targets = done.report.bundles.map((b) => b.archive).filter((a) => a !== 'NONE');
    // An author being typed: the family name is still empty.
    const { problems } = await api.metadata.validate({ authors: [{ givenName: 'Ada', familyName: '' }] }, done.scanId);
    const shape = problems.find((p) => p.field === 'authors[0].familyName');
    expect(shape?.blocks).toEqual(targets);
    // Without a scan the document blocks every archive, as `metadata --check` says.
    const all = await api.metadata.validate({ authors: [{ givenName: 'Ada', familyName: '' }] });
    expect(all.problems.find((p) => p.field === 'authors[0].familyName')?.blocks).toEqual(['EMPIAR', 'BIA', 'EMDB', 'OMICS']);
  });
});
