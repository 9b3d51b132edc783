// The quality bar of issue 10: axe-core finds no violation on any page of the app, in the light and the
// dark theme, after a real scan of the demo study; and the offline guard every e2e test runs under fires.
import path from 'node:path';
import { test, expect, a11yViolations, expectNoA11yViolations } from './fixtures';
import type { Page } from '@playwright/test';
import { faultyFs } from '../helpers/fault-fs';
import { makeTree, numbered, removeTree } from '../helpers/temp-tree';

const SCHEMES = ['light', 'dark'] as const;
/** The study's pages, by the label the navigation shows. */
const PAGES = ['Study', 'Prepare', 'Cite', 'Export', 'Policy'] as const;

const trees: string[] = [];
test.afterEach(() => {
  while (trees.length) removeTree(trees.pop()!);
});

async function shoot(page: Page, name: string, sizes: readonly (readonly [number, number])[]): Promise<void> {
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}x${height}.png`) });
  }
}

for (const scheme of SCHEMES) {
  test.describe(`the ${scheme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
    });

    test('the start screen has no accessibility violations and holds from 1024×700 to 4K', async ({ openApp }) => {
      const page = await openApp();
      await expect(page.getByRole('heading', { name: 'Drop dataset folders here' })).toBeVisible();
      // The theme follows the system: the page's background is the dark set's in dark mode.
      const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      expect(bg).toBe(scheme === 'dark' ? 'rgb(15, 20, 25)' : 'rgb(246, 247, 249)');
      await expectNoA11yViolations(page, `the start screen (${scheme})`);
      await shoot(page, `start-${scheme}`, [
        [1024, 700],
        [1920, 1080],
        [3840, 2160],
      ]);
      // Nothing spills sideways at the smallest supported window.
      await page.setViewportSize({ width: 1024, height: 700 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
      // Keyboard: Tab reaches the two buttons, each with a visible focus ring.
      await page.keyboard.press('Tab');
      const open = page.getByRole('button', { name: 'Open folders…' });
      await expect(open).toBeFocused();
      expect(await open.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    });

    test('the progress panel has no accessibility violations', async ({ openApp }) => {
      const files: Record<string, number> = { 'stalled/x.tif': 1 };
      for (const n of numbered('run/img_%d.tif', 300)) files[n] = 100;
      const root = makeTree(files);
      trees.push(root);
      const page = await openApp({ dialogPaths: [root], fs: faultyFs({ readdir: { [`${path.sep}stalled`]: 'stall' } }) });
      await page.getByRole('button', { name: 'Open folders…' }).click();
      await expect(page.getByTestId('progress-current')).toHaveText(path.join(root, 'stalled'));
      await expectNoA11yViolations(page, `the progress panel (${scheme})`);
      await shoot(page, `progress-${scheme}`, [
        [1024, 700],
        [1920, 1080],
      ]);
      await page.getByRole('button', { name: 'Cancel' }).click();
      await expect(page.getByTestId('scan-cancelled')).toBeVisible();
      await expectNoA11yViolations(page, `the start screen after a cancelled scan (${scheme})`);
    });

    test('every page of the scanned demo study has no accessibility violations', async ({ openApp }) => {
      test.setTimeout(120_000);
      const page = await openApp();
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.getByRole('button', { name: 'Try the demo study' }).click();
      const nav = page.getByRole('navigation', { name: 'Study pages' });
      await expect(nav).toBeVisible();
      const violations: Record<string, string[]> = {};
      for (const name of PAGES) {
        await nav.getByRole('button', { name }).click();
        await expect(page.getByTestId('page-error'), `the ${name} page renders`).toHaveCount(0);
        await expect(nav.getByRole('button', { name })).toHaveAttribute('aria-current', 'page');
        // Let the page settle (bundles and metadata checks answer asynchronously).
        await page.waitForTimeout(500);
        await page.setViewportSize({ width: 1024, height: 700 });
        await page.screenshot({ path: test.info().outputPath(`${name.toLowerCase()}-${scheme}-1024x700.png`) });
        // Every page is checked even when one fails, so the report names them all.
        const found = await a11yViolations(page);
        if (found.length > 0) violations[name] = found;
      }
      expect(violations, `accessibility violations by page (${scheme})`).toEqual({});
      expect(pageErrors, 'errors thrown in the page').toEqual([]);
    });
  });
}

test.describe('the offline guard', () => {
  // Without the page's CSP, so the request reaches the network layer and the route guard must stop it.
  test.use({ bypassCSP: true });

  test('blocks and records a request outside the app, which would fail the test', async ({ openApp, offlineGuard }) => {
    const page = await openApp();
    const outcome = await page.evaluate(() =>
      fetch('http://example.invalid/phone-home').then(
        () => 'sent',
        (err: unknown) => `blocked: ${String(err)}`,
      ),
    );
    expect(outcome).toMatch(/^blocked/);
    // take() clears what was seen; left there, the guard would fail this test at teardown.
    expect(offlineGuard.take()).toEqual(['request GET http://example.invalid/phone-home']);
  });
});

test.describe('the offline guard with the CSP in place', () => {
  test('records what the CSP refuses too', async ({ openApp, offlineGuard }) => {
    const page = await openApp();
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'https://example.invalid/pixel.png';
      document.body.append(img);
    });
    await expect.poll(() => offlineGuard.attempts.length).toBeGreaterThan(0);
    expect(offlineGuard.take()).toEqual([expect.stringMatching(/^csp img-src https:\/\/example\.invalid\/pixel\.png/)]);
  });
});
