import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the window may load resources from: the renderer's build folder, and in development the dev server. */
export interface RequestPolicy {
  readonly rendererDir: string;
  readonly devOrigin?: string;
  /** Whether DevTools may load (`devtools:` URLs); off unless said, and off in a packaged app (main/electron/window-options.ts). */
  readonly devTools?: boolean;
}

/** The file a `file:` URL names on this machine, or null for one that names none (another host, encoded slashes, NUL). */
function localFile(url: URL): string | null {
  if (url.host !== '') return null;
  try {
    const file = fileURLToPath(url);
    return file.includes('\0') ? null : path.resolve(file);
  } catch {
    return null;
  }
}

/** The dev server's origin, or null when there is none or it does not parse. */
function devOriginOf(policy: RequestPolicy): URL | null {
  if (policy.devOrigin === undefined) return null;
  try {
    return new URL(policy.devOrigin);
  } catch {
    return null;
  }
}

/** The web-socket scheme that goes with an http(s) origin (the dev server's hot-reload socket). */
const SOCKET_SCHEME: Readonly<Record<string, string>> = { 'http:': 'ws:', 'https:': 'wss:' };

/**
 * True when a request of the app's window may go ahead: its own files, the dev server while developing,
 * and DevTools where they are on. Everything else — any network host, any URL that does not parse or
 * names no local file — is refused (never thrown), so the app never phones out.
 */
export function isAllowedRequest(url: string, policy: RequestPolicy): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  switch (parsed.protocol) {
    case 'devtools:':
      return policy.devTools === true;
    case 'file:': {
      const file = localFile(parsed);
      if (file === null) return false;
      const rel = path.relative(path.resolve(policy.rendererDir), file);
      return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    }
    case 'http:':
    case 'https:':
    case 'ws:':
    case 'wss:': {
      // The dev server and its hot-reload socket share one host:port, and the socket's scheme follows the server's.
      const dev = devOriginOf(policy);
      if (dev === null || parsed.host !== dev.host) return false;
      return parsed.protocol === dev.protocol || parsed.protocol === SOCKET_SCHEME[dev.protocol];
    }
    default:
      return false;
  }
}
