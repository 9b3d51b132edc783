import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the window may load resources from: the renderer's build folder, and in development the dev server. */
export interface RequestPolicy {
  readonly rendererDir: string;
  readonly devOrigin?: string;
}

/**
 * True when a request of the app's window may go ahead: its own files, the dev server while developing,
 * and DevTools. Everything else — any network host included — is refused, so the app never phones out.
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
      return true;
    case 'file:': {
      const file = path.resolve(fileURLToPath(parsed));
      const rel = path.relative(path.resolve(policy.rendererDir), file);
      return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    }
    case 'http:':
    case 'https:':
    case 'ws:':
    case 'wss:':
      // The dev server and its hot-reload socket share one host:port.
      return policy.devOrigin !== undefined && parsed.host === new URL(policy.devOrigin).host;
    default:
      return false;
  }
}
