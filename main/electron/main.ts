import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { TOOL } from '../app-meta';
import { locateDemoStudy } from '../demo/demo-study';
import { createDispatcher, createHandlers } from '../ipc/handlers';
import { createSenderCheck } from '../ipc/sender';
import { ScanService } from '../services/scan-service';
import { ExportService } from '../services/export-service';
import { RootGrants } from '../services/root-grants';
import { registerIpc } from './register-ipc';
import { hardenApp, SECURE_WEB_PREFERENCES } from './security';

const RENDERER_DIR = path.join(__dirname, '../renderer');
const RENDERER_INDEX = path.join(RENDERER_DIR, 'index.html');
const PRELOAD = path.join(__dirname, '../preload/index.js');
/** Set by `electron-vite dev`; ignored in a packaged app. */
const DEV_URL = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;

function createWindow(onClosed: () => void): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 800,
    minHeight: 560,
    title: 'Deposit Assistant',
    show: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: PRELOAD },
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', onClosed);
  if (DEV_URL) void win.loadURL(DEV_URL);
  else void win.loadFile(RENDERER_INDEX);
  return win;
}

app.enableSandbox();
void app.whenReady().then(() => {
  hardenApp({ rendererDir: RENDERER_DIR, devOrigin: DEV_URL });
  const scans = new ScanService();
  const exportService = new ExportService(scans);
  let win: BrowserWindow | null = null;
  const dispatch = createDispatcher(
    createHandlers({
      scans,
      exports: exportService,
      grants: new RootGrants(),
      folders: {
        async chooseFolders() {
          const options: OpenDialogOptions = { title: 'Choose dataset folders', properties: ['openDirectory', 'multiSelections'] };
          const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
          return result.canceled ? [] : result.filePaths;
        },
        async chooseExportFolder() {
          // A save dialog names a folder that need not exist yet: the export creates it (docs/deposit.md §8).
          const options: SaveDialogOptions = { title: 'Export deposition bundles to a new folder', buttonLabel: 'Export', defaultPath: 'deposition-bundles', properties: ['createDirectory', 'showOverwriteConfirmation'] };
          const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
          return result.canceled || !result.filePath ? null : result.filePath;
        },
      },
      appInfo: () => ({
        name: 'Deposit Assistant',
        version: TOOL.version,
        demoStudyPath: locateDemoStudy(__dirname, app.isPackaged ? process.resourcesPath : undefined),
      }),
    }),
    createSenderCheck({ fileUrl: pathToFileURL(RENDERER_INDEX).href, origins: DEV_URL ? [new URL(DEV_URL).origin] : [] }),
  );
  registerIpc(ipcMain, dispatch);
  const onClosed = () => {
    scans.cancelAll();
    exportService.cancelAll();
    win = null;
  };
  win = createWindow(onClosed);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createWindow(onClosed);
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
