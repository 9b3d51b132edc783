import { runCli } from './run-cli';

/** Entry of the `deposit-assistant` command: wires the CLI to the process (Ctrl-C cancels, EPIPE is quiet). */
async function main(): Promise<void> {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    // A closed pipe (`… | head`) is the reader's choice, not our failure.
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    signal: controller.signal,
    demoSearchFrom: __dirname,
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 70; // EX_SOFTWARE (sysexits.h): a bug of ours, not the user's input
});
