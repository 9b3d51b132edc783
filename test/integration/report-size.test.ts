// A report's size grows with filesets, not with files: a SerialEM session of 2,000 tilt series (stack + mdoc
// each, side by side under tomo/, as SerialEM writes them: see test/layouts/gallery/cryo.ts) fits in 1 MB,
// with the pairing said once per pair of filesets rather than once per file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runScan } from '../../main/scan/run-scan';
import { writeMrc } from '../fixtures/writers/cryoem/mrc';
import { makeTree, removeTree } from '../helpers/temp-tree';
import type { FileSpec } from '../helpers/temp-tree';

/** The bound for a 2,000-tilt-series session ("Routing an expert would sign", done-when). */
const MAX_REPORT_BYTES = 1_000_000;
const SERIES = 2000;

const made: string[] = [];
afterAll(() => made.forEach(removeTree));

it(`the report of a ${SERIES}-tilt-series session is under 1 MB, and every stack is a tilt series`, async () => {
  const mdoc = readFileSync(path.join(__dirname, '..', 'fixtures', 'real', 'mdoc', 'tilt_series.mdoc'), 'latin1');
  const stack = writeMrc({ nx: 4, ny: 4, nz: 41, mode: 0, labels: ['SerialEM: Digitized on Titan Krios 3           12-Mar-19  10:11:12'] });
  const tree: Record<string, FileSpec> = {};
  for (let i = 1; i <= SERIES; i++) {
    const stem = `TS_${String(i).padStart(4, '0')}`;
    tree[`tomo/${stem}.mrc`] = stack;
    tree[`tomo/${stem}.mrc.mdoc`] = mdoc.replace('ImageFile = TS_01.mrc', `ImageFile = ${stem}.mrc`);
  }
  const root = makeTree(tree);
  made.push(root);
  const outcome = await runScan([root], {});
  if (outcome.status !== 'done') throw new Error(`scan ended ${outcome.status}`);
  const json = JSON.stringify(outcome.report);
  expect(Buffer.byteLength(json)).toBeLessThan(MAX_REPORT_BYTES);
  const byPattern = new Map(outcome.report.filesets.map((f) => [f.pattern, f]));
  expect(byPattern.get('TS_####.mrc')).toMatchObject({ fileCount: SERIES, modality: 'cryoet-tilt-series', destination: 'EMPIAR' });
  expect(byPattern.get('TS_####.mrc.mdoc')).toMatchObject({ fileCount: SERIES, destination: 'EMPIAR', clauseId: 'supporting-follows-data' });
  // One evidence line for the pairing, naming the count, not one line per mdoc.
  const pairing = byPattern.get('TS_####.mrc')!.evidence.filter((e) => /paired by name/.test(e.detail));
  expect(pairing).toHaveLength(1);
  expect(pairing[0]!.detail).toContain('2,000 files');
}, 120_000);
