import path from 'node:path';
import { symlinkSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveRoots } from '../../../main/scan/roots';
import { makeTree, removeTree } from '../../helpers/temp-tree';

let root = '';
afterEach(() => removeTree(root));

describe('resolveRoots', () => {
  it('resolves relative roots against the working folder', async () => {
    root = makeTree({ 'a/x.tif': 1 });
    const r = await resolveRoots(['a'], root);
    expect(r.roots).toEqual([{ index: 0, abs: path.join(root, 'a') }]);
    expect(r.problems).toEqual([]);
  });

  it('refuses missing paths and files, saying why', async () => {
    root = makeTree({ 'file.tif': 1, 'ok/x.tif': 1 });
    const r = await resolveRoots(['missing', 'file.tif', 'ok'], root);
    expect(r.problems.map((p) => p.input)).toEqual(['missing', 'file.tif']);
    expect(r.problems[0]!.message).toMatch(/does not exist/);
    expect(r.problems[1]!.message).toMatch(/is not a folder.*inspect/);
  });

  it('drops a duplicate root and a nested root with a note, keeping the order given', async () => {
    root = makeTree({ 'study/sub/x.tif': 1, 'other/y.tif': 1 });
    symlinkSync(path.join(root, 'study'), path.join(root, 'alias'));
    const r = await resolveRoots(['other', 'study/sub', 'study', 'alias'], root);
    expect(r.roots.map((x) => path.basename(x.abs))).toEqual(['other', 'study']);
    expect(r.roots.map((x) => x.index)).toEqual([0, 1]);
    expect(r.notes.map((n) => [path.basename(n.path!), n.code]).sort()).toEqual([
      ['alias', 'ROOT_DUPLICATE'],
      ['sub', 'ROOT_OVERLAP'],
    ]);
  });

  it('accepts a symbolic link to a folder as a root', async () => {
    root = makeTree({ 'real/x.tif': 1 });
    symlinkSync(path.join(root, 'real'), path.join(root, 'link'));
    const r = await resolveRoots(['link'], root);
    expect(r.roots).toEqual([{ index: 0, abs: path.join(root, 'link') }]);
  });
});
