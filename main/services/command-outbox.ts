import type { AppCommand } from '../../shared/ipc/contract';
import type { PendingCommands } from '../ipc/handlers';

/**
 * The desktop shell's commands to the UI. Until the window's UI has asked for what is pending (it does once
 * it listens), commands wait here — the folders the app was launched with arrive before any page exists;
 * after that they are sent at once. A new page (a reload, a window re-created on macOS) waits again.
 */
export class CommandOutbox implements PendingCommands {
  private pending: AppCommand[] = [];
  private listening = false;

  /** `send` delivers a command to the window's UI; it answers false when there is no window to deliver to. */
  constructor(private readonly send: (command: AppCommand) => boolean) {}

  /** Sends a command now if the UI listens, else keeps it for `take`. */
  post(command: AppCommand): void {
    if (this.listening && this.send(command)) return;
    this.pending.push(command);
  }

  /** The commands kept so far, in order; the UI listens from now on. */
  take(): AppCommand[] {
    this.listening = true;
    const taken = this.pending;
    this.pending = [];
    return taken;
  }

  /** The window's page went away (closed, reloading): keep commands until the next page asks. */
  pageGone(): void {
    this.listening = false;
  }
}
