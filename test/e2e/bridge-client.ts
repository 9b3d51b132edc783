// Runs inside the page (bundled by esbuild into an init script): builds window.api from the same
// createApi() the preload uses, over Playwright bindings instead of ipcRenderer.
import { createApi, grantDroppedPaths, type IpcTransport } from '../../shared/ipc/api';
import type { DepositApi } from '../../shared/ipc/api';
import { z } from 'zod';

// The window's Content-Security-Policy forbids eval; without this zod would probe for it (new Function) on
// its first parse, which the CSP refuses and reports as a violation.
z.config({ jitless: true });

interface BridgeWindow {
  __depositInvoke?: (channel: string, payload: unknown) => Promise<unknown>;
  __depositEmit?: (event: string, payload: unknown) => void;
  /** Stands in for Electron's webUtils.getPathForFile: dropped File name → path on disk. */
  __depositDropPaths?: Record<string, string>;
  api?: DepositApi;
}

const w = window as unknown as BridgeWindow;
const listeners = new Map<string, Set<(payload: unknown) => void>>();

const transport: IpcTransport = {
  invoke: (channel, payload) => {
    if (!w.__depositInvoke) return Promise.reject(new Error('test bridge binding missing'));
    return w.__depositInvoke(channel, payload);
  },
  subscribe: (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => {
      set.delete(listener);
    };
  },
};

w.__depositEmit = (event, payload) => listeners.get(event)?.forEach((l) => l(payload));
w.api = {
  ...createApi(transport),
  files: {
    pathsForDrop: (files: readonly unknown[]) =>
      grantDroppedPaths(
        transport,
        files.map((f) => (f instanceof File ? (w.__depositDropPaths?.[f.name] ?? '') : '')),
      ),
  },
} satisfies DepositApi;
