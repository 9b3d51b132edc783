// Journey 1 (issue 10): scan a study, add a folder to it by dropping it, remove it again, cancel and fail a
// change without losing the study, and read what happened to an unreadable folder — on real trees (the demo
// study, a gallery layout with real header bytes) through the real main-process handlers.
import { statSync } from 'node:fs';
import path from 'node:path';
import { test, expect, dropItems, sendAppCommand, REPO, type OpenApp } from './fixtures';
import { tempTrees } from './temp-trees';
import type { Page } from '@playwright/test';
import { faultyFs } from '../helpers/fault-fs';
import { listRegularFiles, numbered, removeTree } from '../helpers/temp-tree';
import { GALLERY } from '../layouts/gallery';
import { formatBytes, formatCount } from '../../shared/text/units';

const DEMO = path.join(REPO, 'demo', 'study');
const tree = tempTrees();

/** The correlative study's EM disk (a 3View run and a registration folder), written with real header bytes. */
function clemEmDisk(): string {
  const layout = GALLERY.find((l) => l.id === 'clem-two-disks-registration-folder');
  if (!layout) throw new Error('gallery layout clem-two-disks-registration-folder is missing');
  return path.join(tree(layout.tree()), 'em_disk');
}

/** What a folder holds on disk: its regular files and their bytes, as the study's folder list should show them. */
function onDisk(root: string): string {
  const files = listRegularFiles(root);
  const bytes = files.reduce((n, f) => n + statSync(path.join(root, f)).size, 0);
  return `${formatCount(files.length)} files · ${formatBytes(bytes)}`;
}

async function scanDemo(openApp: OpenApp, options: Parameters<OpenApp>[0] = {}): Promise<Page> {
  const page = await openApp(options);
  await page.getByRole('button', { name: 'Try the demo study' }).click();
  await expect(page.getByTestId('study-root')).toHaveCount(1);
  return page;
}

test('a dropped folder joins the study on screen, and removing it scans the rest again', async ({ openApp }) => {
  const em = clemEmDisk();
  const page = await scanDemo(openApp, { dropPaths: { em_disk: em } });
  const roots = page.getByTestId('study-root');
  await expect(roots.first()).toContainText(DEMO);
  await expect(roots.first()).toContainText(onDisk(DEMO));
  await expect(page.getByRole('button', { name: `Remove ${DEMO} from the study` })).toHaveCount(0); // the last folder stays
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot({ path: test.info().outputPath('study-one-root-1024.png') });

  // Dragging files over the window says what dropping them will do.
  const drag = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File([], 'em_disk'));
    return dt;
  });
  await page.locator('main').dispatchEvent('dragenter', { dataTransfer: drag });
  await expect(page.getByTestId('window-drop-hint')).toHaveText('Drop to add these folders to the study');
  await page.screenshot({ path: test.info().outputPath('drag-over-study-1024.png') });
  // Dropped anywhere on the window (not on a drop zone: there is none once a study is open).
  await dropItems(page, 'study-roots', ['em_disk']);
  await expect(page.getByTestId('window-drop-hint')).toHaveCount(0);
  await expect(roots).toHaveCount(2);
  await expect(roots.nth(0)).toContainText(onDisk(DEMO));
  await expect(roots.nth(1)).toContainText(em);
  await expect(roots.nth(1)).toContainText(onDisk(em));
  await expect(page.getByRole('heading', { name: '2 folders in this study' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('study-two-roots-1024.png') });

  // Dropping a folder the study already has changes nothing and says so.
  await dropItems(page, 'study-roots', ['em_disk']);
  await expect(page.getByTestId('study-notice')).toContainText(`${em} is already in the study`);
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('study-notice')).toHaveCount(0);

  await page.getByRole('button', { name: `Remove ${em} from the study` }).click();
  await expect(roots).toHaveCount(1);
  await expect(roots.first()).toContainText(DEMO);
  await expect(roots.first()).toContainText(onDisk(DEMO));
});

test('progress says what was seen, how fast, for how long, and estimates only what it can', async ({ openApp }) => {
  const files: Record<string, number> = { 'stalled/never-read.tif': 1 };
  for (const n of numbered('fast/img_%d.tif', 1200)) files[n] = 2048;
  const root = tree(files);
  // A folder on a network share that stopped answering: its readdir never returns.
  const page = await openApp({ dialogPaths: [root], fs: faultyFs({ readdir: { [`${path.sep}stalled`]: 'stall' } }) });
  await page.getByRole('button', { name: 'Open folders…' }).click();

  const progress = page.getByRole('region', { name: `Scanning ${root}` });
  await expect(progress).toBeVisible();
  await expect(page.getByTestId('progress-files')).toHaveText('1,200');
  await expect(page.getByTestId('progress-bytes')).toHaveText(formatBytes(1200 * 2048));
  await expect(page.getByTestId('progress-current')).toHaveText(path.join(root, 'stalled'));
  await expect(page.getByTestId('progress-rate')).toContainText('files/s');
  await expect(page.getByTestId('progress-elapsed')).toHaveText(/\d/);
  // Still listing folders: how many files are left is not known, so no time left is claimed.
  await expect(page.getByTestId('progress-remaining')).toHaveText('not known yet');
  // Spoken politely, once per phase and then every 15 s, not at every tick.
  const status = progress.getByRole('status');
  await expect(status).toHaveAttribute('aria-live', 'polite');
  await expect(status).toContainText('Listing folders');
  await expect(progress.getByRole('progressbar')).toBeVisible();
  for (const [w, h] of [
    [1024, 700],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: test.info().outputPath(`progress-${w}.png`) });
  }

  await progress.getByRole('button', { name: 'Cancel' }).click();
  const cancelled = page.getByTestId('scan-cancelled');
  await expect(cancelled).toContainText('Scan cancelled after 1200 files. Nothing was changed on disk.');
  await expect(cancelled).toContainText('Drop the folders again, or choose Open folders…');
  await expect(page.getByRole('button', { name: 'Open folders…' })).toBeVisible();
});

test('cancelling the scan of an added folder keeps the study as it was', async ({ openApp }) => {
  const share = tree({ 'good/a.tif': 1, 'stalled/b.tif': 1 });
  const page = await scanDemo(openApp, { dropPaths: { share }, fs: faultyFs({ readdir: { [`${path.sep}stalled`]: 'stall' } }) });
  await dropItems(page, 'study-roots', ['share']);
  const progress = page.getByTestId('progress');
  await expect(progress.getByRole('heading', { name: `Adding ${share} to the study` })).toBeVisible();
  await expect(page.getByTestId('progress-current')).toHaveText(path.join(share, 'stalled'));
  await progress.getByRole('button', { name: 'Cancel' }).click();

  const notice = page.getByTestId('study-notice');
  await expect(notice).toContainText(`Adding ${share} was cancelled`);
  await expect(notice).toContainText('The study is as it was; nothing was changed on disk.');
  await expect(page.getByTestId('study-root')).toHaveCount(1);
  await expect(page.getByTestId('study-root')).toContainText(onDisk(DEMO));
  await page.screenshot({ path: test.info().outputPath('add-cancelled.png') });
});

test('a folder that cannot be read says so and what to do, and the study keeps what could be read', async ({ openApp }) => {
  const locked = tree({ 'a.tif': 1, 'b.tif': 1 });
  // Tests run as root, where chmod does not bite: the walk is told EACCES, as an unreadable folder answers.
  const page = await scanDemo(openApp, { dropPaths: { locked }, fs: faultyFs({ readdir: { [locked]: 'EACCES' } }) });

  await dropItems(page, 'study-roots', ['locked']);
  const roots = page.getByTestId('study-root');
  await expect(roots).toHaveCount(2);
  const problem = roots.nth(1).getByTestId('study-root-problem');
  await expect(problem).toContainText('permission denied');
  await expect(problem).toContainText('None of its files are in the study.');
  await expect(problem).toContainText('ask its owner or your IT for read access), then choose Scan again');
  await expect(roots.nth(1)).toContainText('0 files');
  await expect(roots.nth(0)).toContainText(onDisk(DEMO));
  await page.screenshot({ path: test.info().outputPath('unreadable-root.png') });
});

test('a re-scan that cannot start (a folder was unplugged) keeps the study and says what to do', async ({ openApp }) => {
  const share = tree({ 'run1/a.tif': 10, 'run1/b.tif': 10 });
  const page = await scanDemo(openApp, { dropPaths: { share } });
  await dropItems(page, 'study-roots', ['share']);
  const roots = page.getByTestId('study-root');
  await expect(roots).toHaveCount(2);
  await expect(roots.nth(1)).toContainText(onDisk(share));

  removeTree(share); // the network share goes away
  await page.getByRole('button', { name: 'Scan again' }).click();
  const notice = page.getByTestId('study-notice');
  await expect(notice).toContainText(`Scanning the study again did not start: ${share} cannot be scanned: it does not exist.`);
  await expect(notice).toContainText('It may have been moved or renamed, or its network share disconnected. Reconnect it and try again');
  await expect(notice).toContainText('The study is as it was.');
  // The report from before is still there, with both folders and their counts.
  await expect(roots).toHaveCount(2);
  await expect(roots.nth(1)).toContainText('2 files · 20 B');
  await page.screenshot({ path: test.info().outputPath('rescan-failed.png') });
});

test('folders the app was launched with (dropped on its icon) are scanned, and the shell’s menu commands open pages', async ({ openApp }) => {
  const em = clemEmDisk();
  const page = await openApp({ launchPaths: [em] });
  const roots = page.getByTestId('study-root');
  await expect(roots).toHaveCount(1);
  await expect(roots.first()).toContainText(em);
  await expect(roots.first()).toContainText(onDisk(em));

  const nav = page.getByRole('navigation', { name: 'Study pages' });
  await sendAppCommand(page, { type: 'show-page', page: 'export' });
  await expect(nav.getByRole('button', { name: 'Export' })).toHaveAttribute('aria-current', 'page');
  await sendAppCommand(page, { type: 'show-page', page: 'policy' });
  await expect(nav.getByRole('button', { name: 'Policy' })).toHaveAttribute('aria-current', 'page');
});
