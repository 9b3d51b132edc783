// Issue 10's "done when": a new user goes from a dropped correlative study to exported EMPIAR and BIA bundles
// with citation text, in one window, without documentation — the real UI in Chromium against the real
// main-process handlers, on the gallery's two-disk CLEM layout (confocal ND2 on one disk, 3View SBF-SEM and a
// registration folder on the other). What each step must show comes from the layout's expert table and the
// docs (docs/policy.md note 3, docs/empiar.md §2.2 and §8, docs/bia.md §1.3), not from what the UI printed.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { test, expect, dropItems, expectNoA11yViolations, REPO } from './fixtures';
import type { Page } from '@playwright/test';
import { GALLERY } from '../layouts/gallery';
import { listRegularFiles, makeTempDir, makeTree, removeTree } from '../helpers/temp-tree';
import { EXAMPLE_METADATA } from '../../shared/deposit/example-metadata';
import { lintFileList, passesFileListRules } from '../../shared/bundles/bia/file-list-rules';

const temps: string[] = [];
test.afterEach(() => {
  while (temps.length) removeTree(temps.pop()!);
});
function temp(prefix: string): string {
  const dir = makeTempDir(prefix);
  temps.push(dir);
  return dir;
}

async function goTo(page: Page, name: 'Study' | 'Prepare' | 'Cite' | 'Export'): Promise<void> {
  await page.getByRole('navigation', { name: 'Study pages' }).getByRole('button', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name, exact: true })).toBeVisible();
}

test('from two dropped folders of a correlative study to exported EMPIAR and BIA bundles and the citation text', async ({ openApp }) => {
  test.setTimeout(90_000);
  const layout = GALLERY.find((l) => l.id === 'clem-two-disks-registration-folder');
  if (!layout?.roots) throw new Error('the two-disk CLEM layout is missing from the gallery');
  const top = makeTree(layout.tree());
  temps.push(top);
  const [lm, em] = layout.roots.map((r) => path.join(top, r)) as [string, string];
  const metaFile = path.join(temp('da-meta-'), 'study.json');
  writeFileSync(metaFile, JSON.stringify(EXAMPLE_METADATA));
  const out = path.join(temp('da-out-'), 'cell-study-deposit');
  const page = await openApp({ dropPaths: { lm_disk: lm, em_disk: em }, metadataPath: metaFile, exportPath: out });
  await page.setViewportSize({ width: 1024, height: 700 });

  // 1. Drop both disks' folders on the window.
  await dropItems(page, 'drop-zone', ['lm_disk', 'em_disk']);
  await expect(page.getByRole('navigation', { name: 'Study pages' })).toBeVisible();

  // 2. Understand: policy note 3 splits the study — the 3D EM (12 DM4 blocks) to EMPIAR, the light microscopy
  // (2 ND2) with the 3 registration files to the BIA (the layout's expert table).
  await expect(page.getByTestId('summary-study')).toContainText(/correlative/i);
  const grid = page.getByRole('grid');
  await expect(grid.getByRole('row').filter({ hasText: 'cellA_block_####.dm4' })).toContainText('EMPIAR');
  await expect(grid.getByRole('row').filter({ hasText: 'spinning.nd2' }).first()).toContainText('BioImage Archive');
  await page.screenshot({ path: test.info().outputPath('journey-study-1024.png') });

  // 3. Prepare: nothing entered yet, so EMPIAR is not ready and the page says what is missing.
  await goTo(page, 'Prepare');
  await expect(page.getByRole('progressbar', { name: 'EMPIAR readiness' })).toHaveAttribute('aria-valuetext', /not ready$/);
  await expect(page.getByTestId('missing-EMPIAR')).toContainText('Title');

  // 4. Export: the study details loaded from a file the user already has; then both archives are ready.
  await goTo(page, 'Export');
  await page.getByRole('button', { name: 'Load metadata file…' }).click();
  await expect(page.getByTestId('export-metadata')).toContainText('Nothing the archives need is missing.');
  await goTo(page, 'Prepare');
  await expect(page.getByRole('progressbar', { name: 'EMPIAR readiness' })).toHaveAttribute('aria-valuetext', /, ready$/);
  await expect(page.getByRole('progressbar', { name: 'BioImage Archive readiness' })).toHaveAttribute('aria-valuetext', /, ready$/);
  await goTo(page, 'Export');
  await page.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByTestId('export-done')).toContainText(out);
  await page.screenshot({ path: test.info().outputPath('journey-exported-1024.png') });
  await expectNoA11yViolations(page, 'the Export page after the journey');

  // The EMPIAR file is final and passes the upstream schema (experiment type 7, CLEM: docs/empiar.md §2.2).
  const { $schema: _draft, ...schema } = JSON.parse(readFileSync(path.join(REPO, 'shared', 'bundles', 'empiar', 'empiar-deposition.schema.json'), 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const deposition = JSON.parse(readFileSync(path.join(out, 'empiar', 'empiar-deposition.json'), 'utf8')) as { experiment_type: number };
  expect(validate(deposition), JSON.stringify(validate.errors)).toBe(true);
  expect(deposition.experiment_type).toBe(7);
  // The BIA file lists pass every rule of docs/bia.md §1.3.
  const lists = listRegularFiles(path.join(out, 'bia')).filter((f) => f.endsWith('.tsv'));
  expect(lists.length).toBeGreaterThan(0);
  for (const list of lists) expect(passesFileListRules(lintFileList(readFileSync(path.join(out, 'bia', list), 'utf8'), { name: list })), list).toBe(true);

  // 5. Cite: the data-availability text names both archives and fills in as the accession is entered.
  await goTo(page, 'Cite');
  const statement = page.getByTestId('availability');
  await expect(statement).toContainText('Electron Microscopy Public Image Archive');
  await expect(statement).toContainText('BioImage Archive');
  await page.getByLabel('EMPIAR accession', { exact: true }).fill('EMPIAR-12345');
  await expect(statement).toContainText('10.6019/EMPIAR-12345');
  await expect(page.getByTestId('references')).toContainText('doi:10.1016/j.jmb.2022.167505');
  await page.screenshot({ path: test.info().outputPath('journey-cite-1024.png') });
});
