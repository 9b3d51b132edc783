// The pure parts of the Electron shell (main/electron/): launch arguments → folders, where the window
// reopens, the menu template, and the outbox of shell commands. Electron itself is not needed.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { foldersFromArgv } from '../../../main/electron/launch-args';
import { placeWindow, readWindowState, writeWindowState, type Rect } from '../../../main/electron/window-state';
import { menuTemplate, type MenuActions } from '../../../main/electron/menu';
import { CommandOutbox } from '../../../main/services/command-outbox';
import type { AppCommand } from '../../../shared/ipc/contract';
import { makeTempDir, makeTree, removeTree } from '../../helpers/temp-tree';

const temps: string[] = [];
afterEach(() => {
  while (temps.length) removeTree(temps.pop()!);
});

describe('foldersFromArgv', () => {
  const dirs = new Set(['/data/lm', '/data/em', '/home/me/study']);
  const ctx = { defaultApp: false, cwd: '/home/me', isDirectory: (p: string) => dirs.has(p) };

  it('takes the folders a packaged app was started with (Windows and Linux: dropped on the icon)', () => {
    expect(foldersFromArgv(['/opt/Deposit Assistant/deposit-assistant', '/data/lm', '/data/em'], ctx)).toEqual(['/data/lm', '/data/em']);
  });

  it('skips the app folder of `electron <app>`, switches, files, missing paths and repeats; resolves relative paths', () => {
    const argv = ['/usr/bin/electron', '/repo/app', '--enable-logging', '-psn_0_12345', 'study', '/data/lm/a.tif', '/gone', '/data/lm', '/home/me/study'];
    expect(foldersFromArgv(argv, { ...ctx, defaultApp: true })).toEqual(['/home/me/study', '/data/lm']);
  });

  it('reads everything after -- as a path, so a folder may start with a dash', () => {
    const withDash = { ...ctx, isDirectory: (p: string) => p === '/home/me/-raw' };
    expect(foldersFromArgv(['app', '--', '-raw'], withDash)).toEqual(['/home/me/-raw']);
  });

  it('resolves a second launch against its own working directory', () => {
    expect(foldersFromArgv(['app', 'em'], { ...ctx, cwd: '/data' })).toEqual(['/data/em']);
  });
});

describe('placeWindow', () => {
  const limits = { width: 1280, height: 860, minWidth: 1024, minHeight: 700 };
  const laptop: Rect = { x: 0, y: 0, width: 1440, height: 875 };
  const external: Rect = { x: 1440, y: -200, width: 2560, height: 1400 };

  it('opens at the default size, centred, without a remembered state or with a corrupt one', () => {
    for (const saved of [null, 'garbage', { x: 1, y: 2 }, { x: 0, y: 0, width: -5, height: 800, maximized: false }, { x: 0, y: 0, width: 1200, height: 800, maximized: false, extra: 1 }]) {
      expect(placeWindow(saved, [laptop], limits)).toEqual({ bounds: { width: 1280, height: 860 }, maximized: false });
    }
  });

  it('reopens where it was, on whichever display that is', () => {
    expect(placeWindow({ x: 100, y: 50, width: 1200, height: 800, maximized: false }, [laptop, external], limits)).toEqual({ bounds: { x: 100, y: 50, width: 1200, height: 800 }, maximized: false });
    expect(placeWindow({ x: 2000, y: -100, width: 1800, height: 1100, maximized: true }, [laptop, external], limits)).toEqual({ bounds: { x: 2000, y: -100, width: 1800, height: 1100 }, maximized: true });
  });

  it('drops a position whose title bar is on no display any more (the monitor was unplugged), keeping the size that fits', () => {
    expect(placeWindow({ x: 2000, y: -100, width: 1800, height: 1100, maximized: false }, [laptop], limits)).toEqual({ bounds: { width: 1440, height: 875 }, maximized: false });
    // Only the bottom of the window is on the laptop: its title bar is above the screen, out of reach.
    expect(placeWindow({ x: 100, y: -700, width: 1200, height: 800, maximized: false }, [laptop], limits).bounds).toEqual({ width: 1200, height: 800 });
  });

  it('pulls a window that hangs off the edge back onto its display, and never below the minimum size', () => {
    expect(placeWindow({ x: 1000, y: 400, width: 1200, height: 800, maximized: false }, [laptop], limits).bounds).toEqual({ x: 240, y: 75, width: 1200, height: 800 });
    expect(placeWindow({ x: 10, y: 10, width: 300, height: 200, maximized: false }, [laptop], limits).bounds).toEqual({ x: 10, y: 10, width: 1024, height: 700 });
  });

  it('keeps the state through an atomic write, and reads a missing or broken file as nothing', () => {
    const dir = makeTempDir();
    temps.push(dir);
    const file = path.join(dir, 'nested', 'window-state.json');
    expect(readWindowState(file)).toBeNull();
    const state = { x: 10, y: 20, width: 1100, height: 720, maximized: true };
    expect(writeWindowState(file, state)).toBeNull();
    expect(readWindowState(file)).toEqual(state);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(state);
    writeFileSync(file, '{"x": 1, "y":');
    expect(readWindowState(file)).toBeNull();
  });

  it('reports a write that cannot happen instead of throwing', () => {
    const root = makeTree({ 'blocker': 'a file where the folder should be' });
    temps.push(root);
    expect(writeWindowState(path.join(root, 'blocker', 'window-state.json'), { x: 0, y: 0, width: 1100, height: 720, maximized: false })).toBeInstanceOf(Error);
  });
});

describe('menuTemplate', () => {
  const calls: string[] = [];
  const actions: MenuActions = {
    openFolders: () => calls.push('open'),
    exportBundles: () => calls.push('export'),
    showPolicy: () => calls.push('policy'),
    showAbout: () => calls.push('about'),
  };
  const items = (t: MenuItemConstructorOptions[]) =>
    t.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : [])).filter((i): i is MenuItemConstructorOptions => i.type !== 'separator');
  const roles = (t: MenuItemConstructorOptions[]) => items(t).map((i) => i.role).filter(Boolean);

  it('has File, Edit, View and Help on Windows and Linux, with the usual shortcuts', () => {
    const t = menuTemplate(actions, { platform: 'linux', dev: false, appName: 'Deposit Assistant' });
    expect(t.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    const byId = new Map(items(t).filter((i) => i.id).map((i) => [i.id, i]));
    expect(byId.get('open-folders')).toMatchObject({ label: 'Open Folders…', accelerator: 'CmdOrCtrl+O' });
    expect(byId.get('export')).toMatchObject({ label: 'Export…', accelerator: 'CmdOrCtrl+E' });
    expect(byId.get('about')).toMatchObject({ label: 'About Deposit Assistant' });
    expect(roles(t)).toEqual(['close', 'quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    for (const id of ['open-folders', 'export', 'policy', 'about'] as const) (byId.get(id)?.click as () => void)();
    expect(calls.splice(0)).toEqual(['open', 'export', 'policy', 'about']);
  });

  it('offers reload and the developer tools only while developing', () => {
    expect(roles(menuTemplate(actions, { platform: 'win32', dev: true, appName: 'A' }))).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
    expect(roles(menuTemplate(actions, { platform: 'win32', dev: false, appName: 'A' }))).not.toContain('reload');
  });

  it('follows macOS: an app menu with About and Quit, a Window menu, no mnemonics', () => {
    const t = menuTemplate(actions, { platform: 'darwin', dev: false, appName: 'Deposit Assistant' });
    expect(t.map((m) => m.label ?? m.role)).toEqual(['Deposit Assistant', 'File', 'Edit', 'View', 'windowMenu', 'Help']);
    expect(roles(t.slice(0, 1))).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(roles(t.slice(1, 2))).toEqual(['close']);
    expect(items(t).some((i) => i.id === 'about')).toBe(false);
  });
});

describe('CommandOutbox', () => {
  it('keeps commands until the UI asks, then sends them at once; a new page waits again', () => {
    const sent: AppCommand[] = [];
    let window = true;
    const outbox = new CommandOutbox((c) => window && sent.push(c) > 0);
    const launch: AppCommand = { type: 'open-paths', paths: ['/data/lm'] };
    outbox.post(launch);
    expect(sent).toEqual([]);
    expect(outbox.take()).toEqual([launch]);
    expect(outbox.take()).toEqual([]);
    outbox.post({ type: 'show-page', page: 'export' });
    expect(sent).toEqual([{ type: 'show-page', page: 'export' }]);
    window = false; // the window is gone: the command waits for the next one
    outbox.post({ type: 'show-page', page: 'policy' });
    outbox.pageGone();
    window = true;
    outbox.post({ type: 'open-paths', paths: ['/data/em'] });
    expect(outbox.take()).toEqual([
      { type: 'show-page', page: 'policy' },
      { type: 'open-paths', paths: ['/data/em'] },
    ]);
  });
});

