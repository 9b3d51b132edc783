// Launches the real Electron app where a binary exists (ELECTRON_OVERRIDE_DIST_PATH, ELECTRON_EXEC_PATH
// or an installed electron package). Machines that only reach the npm registry have none: then the suite
// is reported as skipped, with the reason, and the browser suite covers the UI against the real handlers.
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectron } from '../../scripts/find-electron';

const REPO = path.join(__dirname, '..', '..');
const binary = findElectron();
const SKIP_REASON =
  'No Electron binary on this machine (it is downloaded from GitHub, not the npm registry). ' +
  'Set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron to run this suite.';
if (!binary) process.stderr.write(`[electron suite] skipped: ${SKIP_REASON}\n`);

test.describe('the packaged app in Electron', () => {
  test.skip(!binary, SKIP_REASON);

  test('opens a locked-down window, scans the demo study, and refuses to navigate away', async () => {
    const app = await electron.launch({ executablePath: binary!, args: [path.join(REPO, 'app')] });
    try {
      const win = await app.firstWindow();
      // No Node in the page world, and only the named API the preload exposed.
      expect(await win.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual(['undefined', 'undefined']);
      expect(await win.evaluate(() => Object.keys((window as unknown as { api: object }).api).sort())).toEqual(['app', 'dialog', 'files', 'scan']);
      if (process.platform !== 'linux') {
        const metrics = await app.evaluate(({ app: electronApp }) => electronApp.getAppMetrics());
        expect(metrics.filter((m) => m.type === 'Tab').every((m) => m.sandboxed === true)).toBe(true);
      }

      await win.getByRole('button', { name: 'Try the demo study' }).click();
      await expect(win.getByTestId('summary-totals')).toContainText('files');
      await expect(win.getByTestId('fileset-row').first()).toBeVisible();

      const before = win.url();
      await win.evaluate(() => {
        window.location.href = 'https://example.com/';
      });
      await win.waitForTimeout(500);
      expect(win.url()).toBe(before);
      expect(await win.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
