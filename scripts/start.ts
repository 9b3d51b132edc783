// `npm start`: opens the desktop app. Electron's binary comes from GitHub, not the npm registry; where it is
// missing and cannot be fetched, this says so and runs the CLI on the bundled demo study instead.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { findElectron } from './find-electron';

const root = path.join(__dirname, '..');

function launch(binary: string): void {
  const child = spawn(binary, [path.join(root, 'app')], { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

let binary = findElectron();
if (!binary) {
  process.stderr.write('Electron binary not installed yet; fetching it (this needs access to GitHub)…\n');
  const install = spawnSync(process.execPath, [require.resolve('electron/install.js')], { stdio: 'inherit', timeout: 120_000 });
  if (install.status === 0) binary = findElectron();
}
if (binary) {
  launch(binary);
} else {
  process.stderr.write(
    '\nThe Electron binary is not available on this machine, so the window cannot open.\n' +
      'Set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron folder to use one you have.\n' +
      'Meanwhile, here is the same engine through the CLI, on the bundled demo study:\n\n',
  );
  const cli = spawnSync(process.execPath, [path.join(root, 'bin', 'deposit-assistant.js'), 'demo'], { stdio: 'inherit' });
  process.exit(cli.status ?? 1);
}
