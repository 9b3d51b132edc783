// Launches the real Electron app where a binary exists (ELECTRON_OVERRIDE_DIST_PATH, ELECTRON_EXEC_PATH
// or an installed electron package). Machines that only reach the npm registry have none: then the suite
// is reported as skipped, with the reason, and the browser suite covers the UI against the real handlers.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
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
    const userData = userDataDir();
    const app = await launch(userData);
    try {
      const win = await app.firstWindow();
      // No Node in the page world, and only the named API the preload exposed.
      expect(await win.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual(['undefined', 'undefined']);
      expect(await win.evaluate(() => Object.keys((window as unknown as { api: object }).api))).toEqual(expect.arrayContaining(['app', 'dialog', 'files', 'scan', 'export']));
      expect(await win.evaluate(() => typeof (window as unknown as { api: { invoke?: unknown } }).api.invoke)).toBe('undefined');
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
      rmSync(userData, { recursive: true, force: true });
    }
  });

  /** A fresh user-data folder per launch group, so window state and the single-instance lock are the test's own. */
  function userDataDir(): string {
    return mkdtempSync(path.join(os.tmpdir(), 'da-electron-'));
  }
  async function launch(userData: string, args: readonly string[] = []): Promise<ElectronApplication> {
    return electron.launch({ executablePath: binary!, args: [path.join(REPO, 'app'), `--user-data-dir=${userData}`, ...args] });
  }

  test('has the native menus with the usual shortcuts', async () => {
    const userData = userDataDir();
    const app = await launch(userData);
    try {
      await app.firstWindow();
      const menu = await app.evaluate(({ Menu }) =>
        (Menu.getApplicationMenu()?.items ?? []).map((m) => ({
          label: m.label,
          items: (m.submenu?.items ?? []).filter((i) => i.type !== 'separator').map((i) => ({ id: i.id, label: i.label, role: i.role ?? null, accelerator: i.accelerator ?? null })),
        })),
      );
      const all = menu.flatMap((m) => m.items);
      expect(all.find((i) => i.id === 'open-folders')).toMatchObject({ label: 'Open Folders…', accelerator: 'CmdOrCtrl+O' });
      expect(all.find((i) => i.id === 'export')).toMatchObject({ label: 'Export…', accelerator: 'CmdOrCtrl+E' });
      expect(all.find((i) => i.id === 'policy')).toBeTruthy();
      // Electron lower-cases role names in MenuItem.role.
      expect(all.map((i) => i.role?.toLowerCase())).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectall', 'zoomin', 'zoomout', 'resetzoom', 'togglefullscreen', 'close']));
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });

  test('remembers the window’s size and position in a small JSON file in user data', async () => {
    const userData = userDataDir();
    try {
      let app = await launch(userData);
      let win = await app.firstWindow();
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.setBounds({ x: 40, y: 60, width: 1100, height: 760 }));
      await app.close();
      const stateFile = path.join(userData, 'window-state.json');
      expect(existsSync(stateFile)).toBe(true);
      expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ width: 1100, height: 760, maximized: false });

      app = await launch(userData);
      win = await app.firstWindow();
      await win.waitForLoadState('domcontentloaded');
      const bounds = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getBounds());
      expect(bounds).toMatchObject({ width: 1100, height: 760 });
      await app.close();
    } finally {
      rmSync(userData, { recursive: true, force: true });
    }
  });

  test('is a single instance: a second launch hands its folder to the first window and quits', async () => {
    const userData = userDataDir();
    const app = await launch(userData);
    try {
      const win = await app.firstWindow();
      await expect(win.getByRole('button', { name: 'Try the demo study' })).toBeVisible();
      const demo = path.join(REPO, 'demo', 'study');
      const second = spawn(binary!, [path.join(REPO, 'app'), `--user-data-dir=${userData}`, demo], { stdio: 'ignore' });
      const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
      expect(code).toBe(0);
      await expect(win.getByTestId('study-root')).toContainText(demo);
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
