import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Where the electron npm package keeps its binary: `dist/` plus the relative path recorded in `path.txt`. */
const ELECTRON_PACKAGE_DIR = path.join(__dirname, '..', 'node_modules', 'electron');

/**
 * The Electron executable to launch, without ever downloading one: `ELECTRON_EXEC_PATH` (as electron-vite
 * reads it), `ELECTRON_OVERRIDE_DIST_PATH` (as the electron package reads it), or the binary the electron
 * package installed. `null` when none exists on this machine.
 */
export function findElectron(env: NodeJS.ProcessEnv = process.env): string | null {
  const explicit = env['ELECTRON_EXEC_PATH'];
  if (explicit && existsSync(explicit)) return explicit;
  const pathFile = path.join(ELECTRON_PACKAGE_DIR, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) {
    const candidate = path.join(override, relative);
    if (existsSync(candidate)) return candidate;
  }
  const installed = path.join(ELECTRON_PACKAGE_DIR, 'dist', relative);
  return existsSync(pathFile) && existsSync(installed) ? installed : null;
}
