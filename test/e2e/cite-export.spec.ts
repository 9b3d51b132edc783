// Journeys 5 (Cite) and 6 (Export) of issue 10: the real UI in Chromium against the real main-process handlers,
// on the correlative layout of the gallery (two disks: confocal ND2 on one, 3View SBF-SEM and a registration
// folder on the other) and on the demo study, whose CT_small.dcm is patient-associated medical imaging.
import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, expectNoA11yViolations, REPO, type OpenApp } from './fixtures';
import type { Page } from '@playwright/test';
import { GALLERY } from '../layouts/gallery';
import { listRegularFiles, makeTempDir, makeTree, removeTree } from '../helpers/temp-tree';
import { EXAMPLE_METADATA } from '../../shared/deposit/example-metadata';
import { POLICY_CATALOG } from '../../shared/policy/catalog';

const DEMO = path.join(REPO, 'demo', 'study');
const temps: string[] = [];
test.afterEach(() => {
  while (temps.length) removeTree(temps.pop()!);
});
function temp(prefix: string): string {
  const dir = makeTempDir(prefix);
  temps.push(dir);
  return dir;
}

/** The correlative layout written to a temporary folder; its two roots (lm_disk, em_disk). */
function clemStudy(): { readonly top: string; readonly roots: string[] } {
  const layout = GALLERY.find((l) => l.id === 'clem-two-disks-registration-folder');
  if (!layout?.roots) throw new Error('gallery layout clem-two-disks-registration-folder with two roots is missing');
  const top = makeTree(layout.tree());
  temps.push(top);
  return { top, roots: layout.roots.map((r) => path.join(top, r)) };
}

/** Opens the app on the given folders through Open folders… and waits for the routed study. */
async function scanFolders(openApp: OpenApp, roots: readonly string[], options: Parameters<OpenApp>[0] = {}): Promise<Page> {
  const page = await openApp({ dialogPaths: roots, ...options });
  await page.getByRole('button', { name: 'Open folders…' }).click();
  await expect(page.getByRole('navigation', { name: 'Study pages' })).toBeVisible();
  return page;
}

async function goTo(page: Page, name: 'Study' | 'Prepare' | 'Cite' | 'Export' | 'Policy'): Promise<void> {
  await page.getByRole('navigation', { name: 'Study pages' }).getByRole('button', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name, exact: true })).toBeVisible();
}

/** Every file under a folder with its text, to look for names that must never be written. */
function allText(dir: string): string {
  return listRegularFiles(dir)
    .map((f) => `${f}\n${readFileSync(path.join(dir, f), 'latin1')}`)
    .join('\n');
}

test('Cite: placeholders until accessions are entered, the statement follows as they are typed, a malformed one is refused inline, copy and BibTeX work', async ({ openApp, context }) => {
  const { roots } = clemStudy();
  const saveDir = temp('da-save-');
  const page = await scanFolders(openApp, roots, { saveDir });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await page.setViewportSize({ width: 1024, height: 700 });
  await goTo(page, 'Cite');

  const statement = page.getByTestId('availability');
  // docs/deposit.md §4.2: before an accession is known, the archive's own shape with digits as X, marked "[to be filled]";
  // the layout sends the SBF-SEM run to EMPIAR and the confocal data with the registrations to the BIA (note 3).
  await expect(statement).toContainText('Electron Microscopy Public Image Archive');
  await expect(statement).toContainText('EMPIAR-XXXXX [to be filled]');
  await expect(statement).toContainText('S-BIADXXXX [to be filled]');
  await expect(page.getByTestId('references')).toContainText('doi:10.1093/nar/gkac1062'); // EMPIAR's paper, docs/empiar.md §8
  await page.screenshot({ path: test.info().outputPath('cite-placeholders-1024.png') });

  // docs/empiar.md §8: cite the accession as EMPIAR-#####, its DOI 10.6019/EMPIAR-#####.
  await page.getByLabel('EMPIAR accession', { exact: true }).fill('EMPIAR-12345');
  await expect(statement).toContainText('under accession code EMPIAR-12345 (https://doi.org/10.6019/EMPIAR-12345)');
  await expect(statement).not.toContainText('EMPIAR-XXXXX');

  // EMDB accessions are EMD- and at least four digits (docs/deposit.md §1.9): EMD-123 is refused where it is typed.
  const emdb = page.getByLabel('EMDB accessions', { exact: true });
  await emdb.fill('EMD-123');
  await expect(emdb).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: '"EMD-123" is not a EMDB accession' })).toBeVisible();
  await expect(statement).not.toContainText('EMD-123');
  await page.screenshot({ path: test.info().outputPath('cite-invalid-emdb-1024.png') });
  await emdb.fill('EMD-12345');
  await expect(emdb).not.toHaveAttribute('aria-invalid', 'true');
  await expect(statement).toContainText('associated with EMDB entry EMD-12345');

  // The accessions went into the study metadata: the Export page's bundles and the Prepare page see them too.
  await page.getByRole('button', { name: 'Copy the data-availability statement' }).click();
  await expect(page.getByTestId('cite-status')).toHaveText('Copied the data-availability statement to the clipboard.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('EMPIAR-12345 (https://doi.org/10.6019/EMPIAR-12345)');
  expect(copied).toContain('S-BIADXXXX [to be filled]');

  await page.getByRole('button', { name: 'Save BibTeX…' }).click();
  const bib = path.join(saveDir, 'citation.bib');
  await expect(page.getByTestId('cite-status')).toHaveText(`Saved BibTeX to ${bib}.`);
  const bibtex = readFileSync(bib, 'utf8');
  // docs/deposit.md §4.6: one @article per reference; §4.1: EMPIAR's paper, the BIA's and BioStudies', and, with
  // the EMDB accession entered, EMDB's two.
  expect(bibtex.match(/@article\{/g)?.length).toBe(5);
  expect(bibtex).toContain('10.1093/nar/gkac1062');
  expect(bibtex).toContain('10.1016/j.jmb.2022.167505');
  await page.getByRole('button', { name: 'Save RIS…' }).click();
  await expect(page.getByTestId('cite-status')).toHaveText(`Saved RIS to ${path.join(saveDir, 'citation.ris')}.`);
  expect(readFileSync(path.join(saveDir, 'citation.ris'), 'utf8')).toMatch(/^TY {2}- JOUR$/m);

  await expectNoA11yViolations(page, 'the Cite page');
  await page.setViewportSize({ width: 1920, height: 1200 });
  await page.screenshot({ path: test.info().outputPath('cite-large.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: test.info().outputPath('cite-dark-large.png'), fullPage: true });
  await expectNoA11yViolations(page, 'the Cite page, dark theme');
});

test('Export: the example metadata loaded from a file, bundles summarised, progress, done, the files the archives take, Reveal, and Replace', async ({ openApp }) => {
  const { roots } = clemStudy();
  const metaDir = temp('da-meta-');
  const metaFile = path.join(metaDir, 'study.json');
  writeFileSync(metaFile, JSON.stringify(EXAMPLE_METADATA));
  const out = path.join(temp('da-out-'), 'deposit-2026');
  const revealed: string[] = [];
  const page = await scanFolders(openApp, roots, { metadataPath: metaFile, exportPath: out, onReveal: (f) => revealed.push(f) });
  await page.setViewportSize({ width: 1024, height: 700 });
  await goTo(page, 'Export');

  await page.getByRole('button', { name: 'Load metadata file…' }).click();
  await expect(page.getByText(`Loaded ${metaFile}.`)).toBeVisible();
  await expect(page.getByTestId('export-metadata')).toContainText(EXAMPLE_METADATA.title);
  // The example document is complete for every archive (docs/deposit.md §1.1).
  await expect(page.getByTestId('export-metadata')).toContainText('Nothing the archives need is missing.');
  const bundles = page.getByTestId('export-bundles');
  // The layout's expert table: the 12 SBF-SEM blocks to EMPIAR; 2 ND2 files and 3 registration files to the BIA.
  // Cells after the row header: folder, filesets, files, size, readiness.
  await expect(bundles.getByRole('row', { name: /^EMPIAR empiar\// }).getByRole('cell').nth(2)).toHaveText('12');
  await expect(bundles.getByRole('row', { name: /^BioImage Archive bia\// }).getByRole('cell').nth(2)).toHaveText('5');
  await expect(page.getByTestId('patient-banner')).toHaveCount(0);
  await page.getByLabel('SHA-256').check();
  await page.screenshot({ path: test.info().outputPath('export-before-1024.png') });
  await expectNoA11yViolations(page, 'the Export page before exporting');

  await page.getByRole('button', { name: 'Export…' }).click();
  const done = page.getByTestId('export-done');
  await expect(done).toBeVisible();
  await expect(done).toContainText(out);
  await expect(page.getByTestId('export-preflight')).toContainText('EMPIAR');
  await page.screenshot({ path: test.info().outputPath('export-done-1024.png') });
  await expectNoA11yViolations(page, 'the Export page after exporting');

  // docs/deposit.md §2.1, §3: with complete metadata the final EMPIAR JSON, and the BIA's file lists.
  expect(existsSync(path.join(out, 'empiar', 'empiar-deposition.json'))).toBe(true);
  expect(existsSync(path.join(out, 'empiar', 'empiar-deposition.draft.json'))).toBe(false);
  const lists = listRegularFiles(path.join(out, 'bia')).filter((f) => /^file-lists\/[^/]+\.tsv$/.test(f));
  expect(lists.length).toBeGreaterThan(0);
  // Both algorithms asked for: one manifest per bundle, root and algorithm (docs/deposit.md §8.2).
  expect(existsSync(path.join(out, 'empiar', 'MANIFEST-em_disk.md5'))).toBe(true);
  expect(existsSync(path.join(out, 'empiar', 'MANIFEST-em_disk.sha256'))).toBe(true);

  await page.getByRole('button', { name: 'Reveal in file manager' }).click();
  await expect.poll(() => revealed).toEqual([out]);

  // Exporting to the same folder again is refused (it exists) with a way on: replacing the earlier export.
  await page.getByRole('button', { name: 'Export…' }).click();
  const refused = page.getByTestId('export-refused');
  await expect(refused).toContainText(`${out} already exists. Replace the earlier export there, or export again and choose another folder.`);
  await expect(refused).not.toContainText('--force');
  await page.screenshot({ path: test.info().outputPath('export-refused-1024.png') });
  await refused.getByRole('button', { name: 'Replace the earlier export' }).click();
  await expect(done).toContainText('replacing the earlier export');
  expect(existsSync(path.join(out, 'empiar', 'empiar-deposition.json'))).toBe(true);
  await page.setViewportSize({ width: 1920, height: 1200 });
  await page.screenshot({ path: test.info().outputPath('export-done-large.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: test.info().outputPath('export-done-dark-large.png'), fullPage: true });
  await expectNoA11yViolations(page, 'the Export page, dark theme');
});

test('Export: progress with files, bytes and rate while checksums run, and Cancel stops it leaving nothing at the folder', async ({ openApp }) => {
  const { roots } = clemStudy();
  // Make the SBF-SEM blocks large (sparse: no disk is used) so hashing them takes long enough to watch and cancel.
  const sbf = path.join(roots[1]!, 'sbf');
  for (const f of listRegularFiles(sbf)) truncateSync(path.join(sbf, f), 2 * 1024 ** 3);
  const out = path.join(temp('da-out-'), 'deposit-big');
  const page = await scanFolders(openApp, roots, { exportPath: out });
  await page.setViewportSize({ width: 1024, height: 700 });
  await goTo(page, 'Export');
  await page.getByRole('button', { name: 'Export…' }).click();

  const progress = page.getByTestId('export-progress');
  await expect(progress).toBeVisible();
  await expect(progress).toContainText('Computing checksums');
  // 12 blocks of 2 GiB (formatBytes: binary units): the total comes from the scan, the bytes done from the hashing.
  await expect(page.getByTestId('export-bytes')).toContainText('of 24.0 GiB', { timeout: 15_000 });
  await expect(page.getByTestId('export-bytes')).not.toContainText(/^0 B of/, { timeout: 15_000 });
  await expect(page.getByTestId('export-rate')).not.toHaveText('0 B/s');
  await expect(progress.getByRole('progressbar', { name: 'Checksums' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('export-progress-1024.png') });
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('export-outcome')).toContainText('Export cancelled');
  expect(existsSync(out)).toBe(false);
});

test('Export: patient-associated data gets a blocking banner in the policy’s words, and no patient file name is exported', async ({ openApp }) => {
  const out = path.join(temp('da-out-'), 'demo-export');
  const page = await openApp({ exportPath: out });
  await page.getByRole('button', { name: 'Try the demo study' }).click();
  await expect(page.getByRole('navigation', { name: 'Study pages' })).toBeVisible();
  await page.setViewportSize({ width: 1024, height: 700 });
  await goTo(page, 'Export');

  const banner = page.getByTestId('patient-banner');
  await expect(banner).toBeVisible();
  // The catalog's own words (docs/policy.md, clause patient-medical-imaging).
  const medical = POLICY_CATALOG.find((c) => c.id === 'patient-medical-imaging')!;
  await expect(banner).toContainText(medical.sourceText);
  await expect(banner).toContainText('They are never exported');
  const exportButton = page.getByRole('button', { name: 'Export…' });
  await expect(exportButton).toBeDisabled();
  await page.screenshot({ path: test.info().outputPath('export-patient-1024.png') });
  await expectNoA11yViolations(page, 'the Export page with patient data');

  await banner.getByRole('checkbox').check();
  await exportButton.click();
  await expect(page.getByTestId('export-done')).toBeVisible();
  // The demo study's patient file is demo/study/…/CT_small.dcm: neither its name nor its pattern is written anywhere.
  expect(listRegularFiles(DEMO).some((f) => f.endsWith('CT_small.dcm'))).toBe(true);
  const written = allText(out);
  expect(written).not.toContain('CT_small');
  expect(existsSync(path.join(out, 'not-depositable'))).toBe(true);
});
