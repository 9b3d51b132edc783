// `scan` of a root deleted mid-scan (issue 12, finding 4): the real scan, with a file system that deletes the
// root during the walk, must end in an error on the root and exit 1 (EXIT_UNREADABLE), not 0.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT_OK, EXIT_UNREADABLE } from '../../../main/cli/run-cli';
import type * as RunScan from '../../../main/scan/run-scan';
import { wrapOp } from '../../helpers/fault-fs';
import { makeTree, removeTree } from '../../helpers/temp-tree';
import { runCliBuffered } from '../../helpers/run-cli-buffered';

/** When set, the scan's first listing below this root deletes the root. */
const doomed: { root: string | null } = vi.hoisted(() => ({ root: null }));

vi.mock('../../../main/scan/run-scan', async (importOriginal) => {
  const real = await importOriginal<typeof RunScan>();
  const runScan: typeof real.runScan = (inputs, options) => {
    const root = doomed.root;
    if (!root) return real.runScan(inputs, options);
    let deleted = false;
    const fs = wrapOp('readdir', (readdir) => (p, cb) => {
      if (!deleted && String(p) !== root) {
        deleted = true;
        rmSync(root, { recursive: true });
      }
      readdir(p, cb);
    });
    return real.runScan(inputs, { ...options, fs, concurrency: 1 });
  };
  return { ...real, runScan };
});

let root = '';
afterEach(() => {
  doomed.root = null;
  removeTree(root);
});

describe('scan of a root deleted mid-scan', () => {
  it('reports an error on the root and exits 1', async () => {
    root = makeTree({ 'a/1.tif': 1, 'b/2.tif': 2 });
    doomed.root = root;
    const r = await runCliBuffered(['scan', root, '--json', '--quiet']);
    expect(r.code).toBe(EXIT_UNREADABLE);
    const report = JSON.parse(r.stdout) as { totals: { errors: number }; issues: { severity: string; path?: string }[] };
    expect(report.totals.errors).toBeGreaterThan(0);
    expect(report.issues.some((i) => i.severity === 'error' && i.path === root)).toBe(true);
  });

  it('still exits 0 for a root that stays, even with per-file problems', async () => {
    root = makeTree({ 'a/1.tif': 1 });
    const r = await runCliBuffered(['scan', root, '--json', '--quiet']);
    expect(r.code).toBe(EXIT_OK);
  });
});
