import path from 'node:path';

/** How the app was started, which decides where its own arguments begin in `argv`. */
export interface LaunchContext {
  /** Electron's `process.defaultApp`: started as `electron <app folder> …`, so argv[1] is the app, not a user argument. */
  readonly defaultApp: boolean;
  /** The folder relative paths are resolved against (the launching shell's, for a second instance). */
  readonly cwd: string;
  /** True for an existing folder; only folders are scan roots. */
  readonly isDirectory: (absPath: string) => boolean;
}

/**
 * The folders named on a command line: what Windows and Linux pass when folders are dropped on the app's
 * icon or taskbar entry, or a second launch's arguments. Switches (`--flag`, Chromium's own, macOS's
 * `-psn_…`) are skipped until a `--`; files and paths that do not exist are left out. Each folder once,
 * absolute, in the order given.
 */
export function foldersFromArgv(argv: readonly string[], ctx: LaunchContext): string[] {
  const args = argv.slice(ctx.defaultApp ? 2 : 1);
  const folders: string[] = [];
  let options = true;
  for (const arg of args) {
    if (options && arg === '--') {
      options = false;
      continue;
    }
    if (arg.length === 0 || (options && arg.startsWith('-'))) continue;
    const abs = path.resolve(ctx.cwd, arg);
    if (!folders.includes(abs) && ctx.isDirectory(abs)) folders.push(abs);
  }
  return folders;
}
