import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createApi, grantDroppedPaths, type DepositApi, type IpcTransport } from '../../shared/ipc/api';
import { z } from 'zod';

// The window's Content-Security-Policy forbids eval; without this zod would probe for it (new Function) on
// its first parse, which the CSP refuses and reports as a violation.
z.config({ jitless: true });

const transport: IpcTransport = {
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
  subscribe: (event, listener) => {
    const handler = (_e: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, handler);
    return () => {
      ipcRenderer.removeListener(event, handler);
    };
  },
};

const api = {
  ...createApi(transport),
  files: {
    pathsForDrop: (files: readonly unknown[]) =>
      grantDroppedPaths(
        transport,
        files.map((f) => (f instanceof File ? webUtils.getPathForFile(f) : '')),
      ),
  },
} satisfies DepositApi;

contextBridge.exposeInMainWorld('api', api);
