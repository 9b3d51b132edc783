import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** How to start a worker: its built script, or its TypeScript source run through tsx (tests, tsx scripts). */
export interface WorkerScript {
  readonly file: string;
  readonly fromSource: boolean;
}

/**
 * Finds a worker next to the code that starts it: the built bundle (`builtName` beside the entry or one
 * folder up from a chunk; in a packaged app outside the asar archive — electron-builder.yml asarUnpack),
 * or the TypeScript source when running from source. `null` if neither exists.
 */
export function findWorkerScript(builtName: string, sourceName: string, fromDir: string): WorkerScript | null {
  for (const dir of [fromDir, path.dirname(fromDir)]) {
    const built = path.join(dir, builtName).replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
    if (existsSync(built)) return { file: built, fromSource: false };
  }
  const source = path.join(fromDir, sourceName);
  return existsSync(source) ? { file: source, fromSource: true } : null;
}

/** Starts a worker from a script found by `findWorkerScript`; TypeScript sources go through tsx's require hook. */
export function startWorker(script: WorkerScript, options: WorkerOptions): Worker {
  return script.fromSource
    ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(script.file)});`, { ...options, eval: true })
    : new Worker(script.file, options);
}
