/**
 * The pure half of the window's security settings (main/electron/security.ts applies them): what the
 * window may load and which web preferences it gets, as functions of whether the app is packaged, so they
 * are unit-tested without Electron (issue 12, finding 6f).
 */

/** The web preferences of every window: isolated, sandboxed, no Node in the page (docs/design.md, convention 4). */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const;

/** Host names of a dev server on this machine: `electron-vite dev` serves on loopback. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The dev server's URL from `ELECTRON_RENDERER_URL` (set by `electron-vite dev`): honoured only when the
 * app is not packaged, and only for an http(s) server on loopback — never a remote page or another file.
 */
export function devRendererUrl(options: { readonly isPackaged: boolean; readonly env: Readonly<Record<string, string | undefined>> }): string | undefined {
  if (options.isPackaged) return undefined;
  const raw = options.env['ELECTRON_RENDERER_URL'];
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname) ? raw : undefined;
}

/** The window's web preferences: the secure set, the preload, and DevTools only when the app is not packaged. */
export function windowWebPreferences(options: { readonly isPackaged: boolean; readonly preload: string }) {
  return { ...SECURE_WEB_PREFERENCES, devTools: !options.isPackaged, preload: options.preload } as const;
}
