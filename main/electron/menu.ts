import type { MenuItemConstructorOptions } from 'electron';

/** What the app's own menu items do; the rest are Electron roles (undo, copy, zoom…). */
export interface MenuActions {
  /** File ▸ Open folders…: the folder picker, then a scan (added to the study on screen, if any). */
  readonly openFolders: () => void;
  /** File ▸ Export…: the export page of the study on screen. */
  readonly exportBundles: () => void;
  /** Help ▸ Image-archiving policy: the policy page. */
  readonly showPolicy: () => void;
  /** Help ▸ About (Windows and Linux; macOS has it in the app menu). */
  readonly showAbout: () => void;
}

/** What the menu depends on: the platform's conventions, and whether developer items are shown. */
export interface MenuOptions {
  readonly platform: NodeJS.Platform;
  /** Reload and the developer tools only while developing (`electron-vite dev`, an unpackaged app). */
  readonly dev: boolean;
  readonly appName: string;
}

const SEPARATOR: MenuItemConstructorOptions = { type: 'separator' };

/**
 * The application menu, with each platform's usual shortcuts: File (Open folders… Ctrl/Cmd+O, Export…
 * Ctrl/Cmd+E, Close), Edit (the standard roles, so text fields undo, cut, copy and paste as everywhere),
 * View (zoom, full screen; reload only in development), Help (the policy, About). macOS gets its app menu
 * and Window menu. A template of plain objects, so it is tested without Electron.
 */
export function menuTemplate(actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  // Windows and Linux underline the letter after & (Alt+F opens File); macOS has no such mnemonics.
  const top = (label: string) => (mac ? label.replace('&', '') : label);
  const appMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [
      { role: 'about' },
      SEPARATOR,
      { role: 'services' },
      SEPARATOR,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      SEPARATOR,
      { role: 'quit' },
    ],
  };
  const file: MenuItemConstructorOptions = {
    label: top('&File'),
    submenu: [
      { id: 'open-folders', label: 'Open Folders…', accelerator: 'CmdOrCtrl+O', click: () => actions.openFolders() },
      { id: 'export', label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => actions.exportBundles() },
      SEPARATOR,
      { role: 'close' },
      ...(mac ? [] : [{ role: 'quit' } as const]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: top('&Edit'),
    submenu: [{ role: 'undo' }, { role: 'redo' }, SEPARATOR, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []), { role: 'delete' }, SEPARATOR, { role: 'selectAll' }],
  };
  const view: MenuItemConstructorOptions = {
    label: top('&View'),
    submenu: [
      ...(options.dev ? [{ role: 'reload' } as const, { role: 'forceReload' } as const, { role: 'toggleDevTools' } as const, SEPARATOR] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      SEPARATOR,
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: top('&Help'),
    submenu: [
      { id: 'policy', label: 'Image-Archiving Policy', accelerator: 'F1', click: () => actions.showPolicy() },
      ...(mac ? [] : [SEPARATOR, { id: 'about', label: `About ${options.appName}`, click: () => actions.showAbout() }]),
    ],
  };
  return [...(mac ? [appMenu] : []), file, edit, view, ...(mac ? [{ role: 'windowMenu' } as const] : []), help];
}
