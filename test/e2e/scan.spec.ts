import path from 'node:path';
import { test, expect, dropItems, REPO } from './fixtures';
import { tempTrees } from './temp-trees';
import { faultyFs } from '../helpers/fault-fs';
import { listRegularFiles, numbered } from '../helpers/temp-tree';

const DEMO = path.join(REPO, 'demo', 'study');
const tree = tempTrees();

test('the demo study: one click from the start screen to the routed table', async ({ openApp }) => {
  const page = await openApp();
  await expect(page.getByRole('heading', { name: 'Drop dataset folders here' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('start.png') });
  await page.getByRole('button', { name: 'Try the demo study' }).click();

  const totals = page.getByTestId('summary-totals');
  await expect(totals).toContainText(`${listRegularFiles(DEMO).length} files`);
  const rows = page.getByTestId('fileset-row');
  await expect(rows.first()).toBeVisible();
  const maps = rows.filter({ hasText: 'EMD-####.map' });
  await expect(maps.getByRole('gridcell').nth(4)).toContainText('MRC/CCP4');
  // The format was read from the bytes, so the row carries no "by ext." hedge.
  await expect(maps.locator('.tag--source')).toHaveCount(0);
  await expect(maps.getByRole('gridcell').nth(5)).toHaveText('3D cryo-EM density map');
  await expect(maps.getByRole('gridcell').nth(6)).toHaveText('EMDB');
  // Patient data is never routed anywhere.
  await expect(rows.filter({ hasText: 'CT_small.dcm' }).getByRole('gridcell').nth(6)).toHaveText('Not depositable');
  await expect(page.getByTestId('summary-study')).toContainText('Patient-associated medical imaging was found');

  await maps.click();
  const details = page.getByTestId('fileset-details');
  await expect(details).toContainText('maps/EMD-3001.map');
  await expect(details).toContainText('maps/EMD-3197.map');
  await expect(details).toContainText('read from the file');
  await expect(page.getByTestId('fileset-sampling')).toHaveText('all 2');
  await expect(page.getByTestId('fileset-facts')).toContainText('EMDB');
  // Why it goes where it goes: the modality with its evidence, the clause, the policy's own words, and the notes.
  await expect(page.getByTestId('fileset-modality')).toContainText('3D cryo-EM density map');
  await expect(page.getByTestId('fileset-clause')).toHaveText('3D cryo-EM maps go to EMDB (empiar-maps-to-emdb)');
  await expect(page.getByTestId('fileset-reason')).toContainText('The header carries the EMDB accession EMD-3001');
  await expect(page.getByTestId('evidence-for')).toContainText('EMDB accession EMD-3001');
  // The policy's own words are shown with the decision, not behind a click.
  await expect(page.getByTestId('fileset-clause-source')).toContainText('raw images underpinning 3D cryo-EM maps and tomograms (themselves archived in EMDB)');
  const read = page.getByTestId('evidence-read');
  await expect(read).toContainText('"MAP " at byte 208');
  // Two different EMDB maps share a name pattern: the panel says whose facts it shows.
  await expect(read).toContainText('The files differ in');
  await page.screenshot({ path: test.info().outputPath('demo-report.png'), fullPage: true });

  // A supporting file explains which data it follows.
  await rows.filter({ hasText: 'TS_01.mdoc' }).click();
  await expect(page.getByTestId('fileset-clause')).toContainText('Supporting files follow the data they describe');
  await expect(page.getByTestId('fileset-reason')).toContainText('It describes Cryo-ET: tilt series, which is not in the scanned folders; such data go to EMPIAR');
  await expect(page.getByTestId('fileset-notes')).toContainText('What EMPIAR accepts');
  await page.screenshot({ path: test.info().outputPath('supporting-details.png') });
});

test('open folders: a numbered vEM stack becomes one fileset whose files page in on demand', async ({ openApp }) => {
  const files: Record<string, number> = { 'tomo/TS_01.mdoc': 200 };
  for (const n of numbered('FIB-SEM/slice_%d.tif', 600)) files[n] = 2048;
  const root = tree(files);
  const page = await openApp({ dialogPaths: [root] });
  await page.getByRole('button', { name: 'Open folders…' }).click();

  const stack = page.getByTestId('fileset-row').filter({ hasText: 'slice_####.tif' });
  await expect(stack).toContainText('600');
  await expect(stack).toContainText('1.17 MiB');
  await stack.click();
  const list = page.getByTestId('fileset-files').locator('li');
  await expect(list).toHaveCount(20);
  await page.getByRole('button', { name: 'Show 200 more' }).click();
  await expect(list).toHaveCount(220);
  await expect(list.last()).toHaveText('FIB-SEM/slice_0220.tif');
});

test('drop folders on the window to scan them; a dropped file is refused with the reason', async ({ openApp }) => {
  const a = tree({ 'x_1.tif': 1, 'x_2.tif': 1 });
  const b = tree({ 'notes.txt': 'n' });
  const page = await openApp({ dropPaths: { 'study-a': a, 'study-b': b, 'notes.txt': path.join(b, 'notes.txt') } });

  await dropItems(page, 'drop-zone', ['notes.txt']);
  await expect(page.getByTestId('scan-error')).toContainText('is not a folder');

  await dropItems(page, 'drop-zone', ['study-a', 'study-b']);
  await expect(page.getByTestId('summary-totals')).toContainText('3 files');
  await expect(page.getByTestId('fileset-row')).toHaveCount(2);
  await expect(page.getByTestId('summary')).toContainText(a);
  await expect(page.getByTestId('summary')).toContainText(b);
});

test('progress is live while a folder stalls, and Cancel stops the scan at once', async ({ openApp }) => {
  const files: Record<string, number> = { 'stalled/never-read.tif': 1 };
  for (const n of numbered('fast/img_%d.tif', 1500)) files[n] = 1000;
  const root = tree(files);
  // A folder on a network share that stopped answering: its readdir never returns.
  const fs = faultyFs({ readdir: { [`${path.sep}stalled`]: 'stall' } });
  const page = await openApp({ dialogPaths: [root], fs });
  await page.getByRole('button', { name: 'Open folders…' }).click();

  const progress = page.getByTestId('progress');
  await expect(progress).toBeVisible();
  await expect(page.getByTestId('progress-files')).toHaveText('1,500');
  await expect(page.getByTestId('progress-bytes')).toHaveText('1.43 MiB');
  await expect(page.getByTestId('progress-current')).toHaveText(path.join(root, 'stalled'));
  await page.screenshot({ path: test.info().outputPath('progress.png') });

  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('scan-cancelled')).toContainText('Scan cancelled after 1500 files');
  await expect(page.getByRole('heading', { name: 'Drop dataset folders here' })).toBeVisible();
});

test('problems found during the scan are listed and the rest of the study is still shown', async ({ openApp }) => {
  const root = tree({ 'ok/a.tif': 1, 'locked/b.tif': 1 });
  const fs = faultyFs({ readdir: { [`${path.sep}locked`]: 'EACCES' } });
  const page = await openApp({ dialogPaths: [root], fs });
  await page.getByRole('button', { name: 'Open folders…' }).click();
  await expect(page.getByTestId('summary-totals')).toContainText('1 files');
  await expect(page.getByTestId('summary-totals')).toContainText('1 errors');
  const issues = page.getByTestId('issues');
  await expect(issues).toContainText('EACCES');
  await expect(issues).toContainText(path.join(root, 'locked'));
  await expect(issues).toContainText('permission denied');
});

test('arrow keys move through the filesets', async ({ openApp }) => {
  const root = tree({ 'a/x.tif': 1, 'b/y.tif': 1, 'c/z.tif': 1 });
  const page = await openApp({ dialogPaths: [root] });
  await page.getByRole('button', { name: 'Open folders…' }).click();
  const rows = page.getByTestId('fileset-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('grid', { name: 'Filesets' }).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(2)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('fileset-details')).toContainText('z.tif');
});
