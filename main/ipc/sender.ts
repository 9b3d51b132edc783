/** Where the UI may be loaded from; IPC from any other frame is refused. */
export interface TrustedOrigins {
  /** Exact `file:` URL of the packaged renderer's index.html. */
  readonly fileUrl?: string;
  /** `http(s)` origins: the dev server, or the browser test bridge's preview server. */
  readonly origins?: readonly string[];
}

/** Builds the sender check: a frame is trusted only if its URL is the app's own page. */
export function createSenderCheck(trusted: TrustedOrigins): (senderUrl: string | undefined) => boolean {
  return (senderUrl) => {
    if (!senderUrl) return false;
    let url: URL;
    try {
      url = new URL(senderUrl);
    } catch {
      return false;
    }
    if (url.protocol === 'file:') {
      if (!trusted.fileUrl) return false;
      const expected = new URL(trusted.fileUrl);
      return url.pathname === expected.pathname;
    }
    return (trusted.origins ?? []).includes(url.origin);
  };
}
