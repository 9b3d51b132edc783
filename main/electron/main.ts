import { statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, shell, type MessageBoxOptions, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { AppCommandSchema, MAX_ROOTS_PER_SCAN, type AppCommand } from '../../shared/ipc/contract';
import { TOOL } from '../app-meta';
import { locateDemoStudy } from '../demo/demo-study';
import { createDispatcher, createHandlers } from '../ipc/handlers';
import { createSenderCheck } from '../ipc/sender';
import { ScanService } from '../services/scan-service';
import { ExportService } from '../services/export-service';
import { RootGrants } from '../services/root-grants';
import { DraftStore } from '../services/draft-store';
import { CommandOutbox } from '../services/command-outbox';
import { registerIpc } from './register-ipc';
import { foldersFromArgv } from './launch-args';
import { menuTemplate } from './menu';
import { placeWindow, readWindowState, writeWindowState } from './window-state';
import { hardenApp } from './security';
import { devRendererUrl, windowWebPreferences } from './window-options';

const RENDERER_DIR = path.join(__dirname, '../renderer');
const RENDERER_INDEX = path.join(RENDERER_DIR, 'index.html');
const PRELOAD = path.join(__dirname, '../preload/index.js');
/** Set by `electron-vite dev`; ignored in a packaged app, and unless it names a dev server on loopback (window-options.ts). */
const DEV_URL = devRendererUrl({ isPackaged: app.isPackaged, env: process.env });

const APP_NAME = 'Deposit Assistant';
/** The window's default size and its smallest: 1024×700 is the smallest layout the UI is designed and tested for. */
const WINDOW_LIMITS = { width: 1280, height: 860, minWidth: 1024, minHeight: 700 };

/** True for an existing folder (launch arguments that are files or gone are not scan roots). */
function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Opens the window where it was last time (when that is still on a screen), and remembers where it was when it closes. */
function createWindow(stateFile: string, onPageGone: () => void, onClosed: () => void): BrowserWindow {
  const placement = placeWindow(
    readWindowState(stateFile),
    screen.getAllDisplays().map((d) => d.workArea),
    WINDOW_LIMITS,
  );
  const win = new BrowserWindow({
    ...placement.bounds,
    minWidth: WINDOW_LIMITS.minWidth,
    minHeight: WINDOW_LIMITS.minHeight,
    title: APP_NAME,
    show: false,
    // DevTools only when not packaged (issue 12, finding 6f).
    webPreferences: windowWebPreferences({ isPackaged: app.isPackaged, preload: PRELOAD }),
  });
  if (placement.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const b = win.getNormalBounds();
    const error = writeWindowState(stateFile, { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height), maximized: win.isMaximized() });
    if (error) process.stderr.write(`Could not remember the window's position: ${error.message}\n`);
  });
  // A page that reloads listens again only once it asks for what is pending.
  win.webContents.on('did-start-loading', onPageGone);
  win.on('closed', onClosed);
  if (DEV_URL) void win.loadURL(DEV_URL);
  else void win.loadFile(RENDERER_INDEX);
  return win;
}

// One app, one window: a second launch hands its folders to the first and quits.
const primaryInstance = app.requestSingleInstanceLock();
if (!primaryInstance) app.quit();

/** Folders to scan that arrived before the app was ready (launch arguments, macOS's open-file). */
const earlyFolders: string[] = primaryInstance ? foldersFromArgv(process.argv, { defaultApp: process.defaultApp === true, cwd: process.cwd(), isDirectory }) : [];
/** Set once the app is ready: grants folders and asks the UI to scan them. */
let openFolders: ((paths: readonly string[]) => void) | null = null;

// macOS: folders dropped on the dock icon (or opened with the app); it can fire before ready.
app.on('open-file', (event, p) => {
  event.preventDefault();
  if (!isDirectory(p)) return;
  if (openFolders) openFolders([p]);
  else earlyFolders.push(p);
});

app.enableSandbox();
if (primaryInstance) void app.whenReady().then(() => {
  hardenApp({ rendererDir: RENDERER_DIR, devOrigin: DEV_URL, devTools: !app.isPackaged });
  const scans = new ScanService();
  const exportService = new ExportService(scans);
  let win: BrowserWindow | null = null;
  const grants = new RootGrants();
  const outbox = new CommandOutbox((command: AppCommand) => {
    // Only called once the page has asked for what is pending, so it is loaded and listening.
    if (!win || win.isDestroyed()) return false;
    win.webContents.send('app:command', AppCommandSchema.parse(command));
    return true;
  });
  async function chooseFolders(): Promise<string[]> {
    const options: OpenDialogOptions = { title: 'Choose dataset folders', properties: ['openDirectory', 'multiSelections'] };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  }
  // Folders from the shell (menu, dock or taskbar icon, a second launch) are granted here, in main, then scanned by the UI.
  openFolders = (paths) => {
    void grants.grant(paths).then((granted) => {
      // One scan takes at most MAX_ROOTS_PER_SCAN roots (a person drops a handful; a glob on a command line might not).
      if (granted.length > 0) outbox.post({ type: 'open-paths', paths: granted.slice(0, MAX_ROOTS_PER_SCAN) });
    });
  };
  const dispatch = createDispatcher(
    createHandlers({
      scans,
      exports: exportService,
      // One draft per study in the user-data folder, reopened from the start screen's recent studies.
      drafts: new DraftStore(path.join(app.getPath('userData'), 'drafts')),
      grants,
      // Folders dropped on the window are granted only once the user confirms them here, in main's own dialog:
      // the paths come from the renderer, which main does not trust to name folders (handlers.ts DropConsent).
      dropConsent: {
        async confirm(paths) {
          const options: MessageBoxOptions = {
            type: 'question',
            title: 'Scan dropped folders',
            message: paths.length === 1 ? 'Scan the folder you dropped?' : `Scan the ${paths.length} folders you dropped?`,
            detail: `${paths.join('\n')}\n\nDeposit Assistant only reads these folders; it never changes them.`,
            buttons: ['Scan', 'Cancel'],
            defaultId: 0,
            cancelId: 1,
          };
          const result = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
          return result.response === 0;
        },
      },
      commands: outbox,
      folders: {
        chooseFolders,
        async chooseExportFolder() {
          // A save dialog names a folder that need not exist yet: the export creates it (docs/deposit.md §8).
          const options: SaveDialogOptions = { title: 'Export deposition bundles to a new folder', buttonLabel: 'Export', defaultPath: 'deposition-bundles', properties: ['createDirectory', 'showOverwriteConfirmation'] };
          const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
          return result.canceled || !result.filePath ? null : result.filePath;
        },
        async chooseSaveFile(defaultName) {
          const options: SaveDialogOptions = { title: 'Save', defaultPath: defaultName, properties: ['createDirectory', 'showOverwriteConfirmation'] };
          const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
          return result.canceled || !result.filePath ? null : result.filePath;
        },
        async chooseMetadataFile() {
          const options: OpenDialogOptions = { title: 'Open a study metadata file', properties: ['openFile'], filters: [{ name: 'Study metadata (JSON, YAML)', extensions: ['json', 'yaml', 'yml'] }, { name: 'All files', extensions: ['*'] }] };
          const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
          return result.canceled ? null : (result.filePaths[0] ?? null);
        },
      },
      // Shows only folders main exported itself (handlers.ts 'shell:reveal').
      shell: { showItemInFolder: (p) => shell.showItemInFolder(p) },
      appInfo: () => ({
        name: 'Deposit Assistant',
        version: TOOL.version,
        demoStudyPath: locateDemoStudy(__dirname, app.isPackaged ? process.resourcesPath : undefined),
      }),
    }),
    createSenderCheck({ fileUrl: pathToFileURL(RENDERER_INDEX).href, origins: DEV_URL ? [new URL(DEV_URL).origin] : [] }),
  );
  registerIpc(ipcMain, dispatch);

  app.setAboutPanelOptions({
    applicationName: APP_NAME,
    applicationVersion: TOOL.version,
    copyright: 'MIT License',
    credits: 'Routes microscopy datasets to EMBL-EBI archives by their image-archiving policy. Works offline; makes no network request.',
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        {
          openFolders: () => void chooseFolders().then((paths) => openFolders?.(paths)),
          exportBundles: () => outbox.post({ type: 'show-page', page: 'export' }),
          showPolicy: () => outbox.post({ type: 'show-page', page: 'policy' }),
          showAbout: () => app.showAboutPanel(),
        },
        { platform: process.platform, dev: !app.isPackaged, appName: APP_NAME },
      ),
    ),
  );

  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const onClosed = () => {
    scans.cancelAll();
    exportService.cancelAll();
    outbox.pageGone();
    win = null;
  };
  const open = () => createWindow(stateFile, () => outbox.pageGone(), onClosed);
  win = open();
  if (earlyFolders.length > 0) openFolders(earlyFolders.splice(0));
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (!win) win = open();
    if (win.isMinimized()) win.restore();
    win.focus();
    const folders = foldersFromArgv(argv, { defaultApp: process.defaultApp === true, cwd: workingDirectory, isDirectory });
    if (folders.length > 0) openFolders?.(folders);
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = open();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
