import type { IpcMain } from 'electron';
import { IPC_CONTRACT, type IpcChannel } from '../../shared/ipc/contract';
import type { Dispatcher } from '../ipc/handlers';

/** Registers one `ipcMain.handle` per contract channel, each going through the dispatcher's trust boundary. */
export function registerIpc(ipcMain: IpcMain, dispatch: Dispatcher): void {
  for (const channel of Object.keys(IPC_CONTRACT) as IpcChannel[]) {
    ipcMain.handle(channel, (event, payload: unknown) =>
      dispatch(channel, payload, {
        senderUrl: event.senderFrame?.url,
        emit: (name, eventPayload) => {
          if (!event.sender.isDestroyed()) event.sender.send(name, eventPayload);
        },
      }),
    );
  }
}
