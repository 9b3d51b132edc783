// The CLI run in-process with its output captured: what the CLI tests call instead of spawning a process.
import path from 'node:path';
import { runCli } from '../../main/cli/run-cli';

/** The repository's `main/cli` folder: where the demo study is searched upwards from. */
const CLI_DIR = path.join(__dirname, '..', '..', 'main', 'cli');

/** Runs `deposit-assistant <argv>` in-process from `cwd` and returns its exit code and what it wrote. */
export async function runCliBuffered(argv: readonly string[], cwd = process.cwd()): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (c: string) => (stdout += c) },
    stderr: { write: (c: string) => (stderr += c), isTTY: false },
    cwd,
    demoSearchFrom: CLI_DIR,
  });
  return { code, stdout, stderr };
}
