import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { runScan } from '../../main/scan/run-scan';
import { CASES, SIZES } from '../fixtures/adversarial-files';
import { listRegularFiles, makeTree, removeTree } from '../helpers/temp-tree';

let root = '';
afterEach(() => removeTree(root));

describe('a folder of adversarial files (issue 12, "Done when")', () => {
  it('is scanned within 5 s, every file read or reported, on the worker pool and on the scan thread', async () => {
    const files: Record<string, Uint8Array> = {};
    CASES.forEach((c, i) => {
      for (const size of SIZES) files[`case_${i}_${size}/${c.name}`] = c.bytes(size);
    });
    root = makeTree(files);
    for (const headerWorkers of [2, 0] as const) {
      const t = performance.now();
      const outcome = await runScan([root], { fullHeaders: true, headerWorkers });
      const ms = performance.now() - t;
      if (outcome.status !== 'done') throw new Error(`scan ended ${outcome.status}`);
      // The bound the issue sets for the whole folder (each file took 9–20 s at 64 KB before finding 1 was fixed).
      expect(ms).toBeLessThan(5000);
      const listed = outcome.report.filesets.flatMap((f) => f.files).sort();
      expect(listed).toEqual(listRegularFiles(root));
      // Every file's header was read (one sample per file with --full), none given up on.
      expect(outcome.report.filesets.reduce((n, f) => n + f.sampling.read, 0)).toBe(listed.length);
      expect(outcome.report.issues.filter((i) => i.code === 'HEADER_STOPPED').map((i) => path.relative(root, i.path ?? ''))).toEqual([]);
    }
  }, 60_000);
});
