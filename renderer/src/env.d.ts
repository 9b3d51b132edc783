import type { DepositApi } from '../../shared/ipc/api';

declare global {
  interface Window {
    /** Provided by the preload script (or the browser test bridge); absent when the page is opened on its own. */
    api?: DepositApi;
  }
}
