/** Where the UI may be loaded from; IPC from any other frame is refused. */
export interface TrustedOrigins {
  /** Exact `file:` URL of the packaged renderer's index.html. */
  readonly fileUrl?: string;
  /** `http(s)` origins: the dev server, or the browser test bridge's preview server. */
  readonly origins?: readonly string[];
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * Builds the sender check: a frame is trusted only if its URL is the app's own page — for `file:` the same
 * host (empty: this machine, so `file://remotehost/…` is refused) and path; otherwise the same origin
 * (scheme, host and port).
 */
export function createSenderCheck(trusted: TrustedOrigins): (senderUrl: string | undefined) => boolean {
  const expected = trusted.fileUrl ? parseUrl(trusted.fileUrl) : null;
  return (senderUrl) => {
    if (!senderUrl) return false;
    const url = parseUrl(senderUrl);
    if (!url) return false;
    if (url.protocol === 'file:') {
      if (!expected || expected.protocol !== 'file:') return false;
      return url.host === expected.host && url.pathname === expected.pathname;
    }
    return (trusted.origins ?? []).includes(url.origin);
  };
}
