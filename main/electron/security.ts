import { app, session, type Session } from 'electron';
import { isAllowedRequest, type RequestPolicy } from './request-policy';

/** The web preferences of every window (defined beside the other pure window settings). */
export { SECURE_WEB_PREFERENCES } from './window-options';

/**
 * Locks the app down before any window opens: no navigation, no new windows, no webviews, every
 * permission denied, every request outside the app's own files blocked (DevTools' too, unless
 * `policy.devTools`).
 */
export function hardenApp(policy: RequestPolicy, ses: Session = session.defaultSession): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (e) => e.preventDefault());
    contents.on('will-redirect', (e) => e.preventDefault());
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, policy) }));
}
