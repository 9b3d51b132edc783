import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkExportTarget, EXPORT_MARKER } from '../../../../main/export/export-target';
import { readChecksumState, stateKey } from '../../../../main/export/checksum-state';
import { makeTempDir, makeTree, removeTree } from '../../../helpers/temp-tree';

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) removeTree(t);
});
const temp = () => {
  const d = makeTempDir();
  temps.push(d);
  return d;
};

describe('checkExportTarget', () => {
  it('refuses a folder reached through a link into a scanned root', () => {
    const root = makeTree({ 'a.tif': 1 });
    temps.push(root);
    const parent = temp();
    symlinkSync(root, path.join(parent, 'link'));
    expect(checkExportTarget(path.join(parent, 'link', 'export'), [root], false, '/')).toMatchObject({ ok: false, reason: 'inside-root' });
  });

  it('names the temporary folder the same way on every run, beside the export', () => {
    const parent = temp();
    const a = checkExportTarget('out', [], false, parent);
    const b = checkExportTarget(path.join(parent, 'out'), [], false, '/');
    expect(a.ok && b.ok && a.target.partial === b.target.partial).toBe(true);
    if (a.ok) expect(path.basename(a.target.partial)).toMatch(/^out\.partial-[0-9a-f]{8}$/);
  });

  it('replaces with --force an earlier export or an empty folder, nothing else', () => {
    const parent = temp();
    mkdirSync(path.join(parent, 'empty'));
    mkdirSync(path.join(parent, 'ours'));
    writeFileSync(path.join(parent, 'ours', EXPORT_MARKER), '{}');
    writeFileSync(path.join(parent, 'file'), 'x');
    expect(checkExportTarget(path.join(parent, 'empty'), [], true, '/')).toMatchObject({ ok: true, target: { replaces: true } });
    expect(checkExportTarget(path.join(parent, 'ours'), [], true, '/')).toMatchObject({ ok: true, target: { replaces: true } });
    expect(checkExportTarget(path.join(parent, 'file'), [], true, '/')).toMatchObject({ ok: false, reason: 'not-an-export' });
    expect(checkExportTarget(path.join(parent, 'ours'), [], false, '/')).toMatchObject({ ok: false, reason: 'exists' });
  });
});

describe('readChecksumState', () => {
  it('skips a last line cut short by a crash and lets later lines win', () => {
    const dir = temp();
    const file = path.join(dir, 'state.jsonl');
    const line = (md5: string) => JSON.stringify({ root: '/r', path: 'a.tif', size: 1, mtimeMs: 5, digests: { md5 } });
    writeFileSync(file, `${line('0'.repeat(32))}\n${line('1'.repeat(32))}\n{"root":"/r","path":"b.t`);
    const state = readChecksumState(file);
    expect([...state.keys()]).toEqual([stateKey('/r', 'a.tif')]);
    expect(state.get(stateKey('/r', 'a.tif'))?.digests.md5).toBe('1'.repeat(32));
  });
});
