import type { DepositApi } from '../../../shared/ipc/api';
import type { AppCommand } from '../../../shared/ipc/contract';
import { assertNever } from '../../../shared/assert-never';
import { openPaths, useScanStore } from './scan-store';
import { showView } from './view-store';

/** Resolves once no scan is starting or running (now, or when the running one ends). */
function whenNoScanRuns(): Promise<void> {
  const idle = (phase: string) => phase !== 'starting' && phase !== 'scanning';
  return new Promise((resolve) => {
    if (idle(useScanStore.getState().phase)) return resolve();
    const off = useScanStore.subscribe((s) => {
      if (!idle(s.phase)) return;
      off();
      resolve();
    });
  });
}

/** Carries out one command of the desktop shell (its menus, the dock or taskbar icon, a second launch). */
export async function runAppCommand(api: DepositApi, command: AppCommand): Promise<void> {
  switch (command.type) {
    case 'open-paths':
      // Folders dropped on the icon during a scan join the study once that scan is over, rather than being lost.
      await whenNoScanRuns();
      await openPaths(api, command.paths);
      return;
    case 'show-page':
      // The pages belong to a scanned study; before one is open the start screen stays.
      if (useScanStore.getState().phase === 'done') showView(command.page);
      return;
    default:
      assertNever(command, 'app command');
  }
}

/** Listens to the shell's commands, then runs those posted before the UI listened; returns the unsubscribe. */
export function listenToAppCommands(api: DepositApi): () => void {
  const off = api.app.onCommand((command) => void runAppCommand(api, command));
  api.app.pendingCommands().then(
    ({ commands }) => commands.reduce((prev, c) => prev.then(() => runAppCommand(api, c)), Promise.resolve()),
    () => {
      // No shell behind the window (an old preload): there is nothing pending to run.
    },
  );
  return off;
}
